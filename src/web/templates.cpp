#include "web/templates.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace resettle::web {
namespace mustache = kainjow::mustache;

namespace {

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read template " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Writes each `{{> name}}` of a known partial into the source, so no partial is left to render.
// kainjow parses a partial's text again every time it is used: in a long table that was most of
// the cost of a page. Unknown partials stay as tags and fail when rendered.
std::string expand_partials(const std::string& source, const std::map<std::string, std::string, std::less<>>& sources,
                            int depth = 0) {
  constexpr int deepest = 16;
  if (depth > deepest) throw std::runtime_error("template partials include each other without end");
  std::string expanded;
  std::size_t from = 0;
  for (auto open = source.find("{{>"); open != std::string::npos; open = source.find("{{>", from)) {
    auto close = source.find("}}", open);
    if (close == std::string::npos) break;
    auto name = source.substr(open + 3, close - open - 3);
    name.erase(0, name.find_first_not_of(' '));
    name.erase(name.find_last_not_of(' ') + 1);
    expanded += source.substr(from, open - from);
    auto partial = sources.find(name);
    expanded += partial == sources.end() ? source.substr(open, close + 2 - open)
                                         : expand_partials(partial->second, sources, depth + 1);
    from = close + 2;
  }
  return expanded + source.substr(from);
}

// A dotted name's parts, as mustache::split gives them but without the string stream it builds
// on every lookup (that stream was a fifth of the time spent rendering a long worklist).
std::vector<std::string> split_name(const std::string& name) {
  std::vector<std::string> parts;
  for (std::size_t start = 0; start < name.size();) {
    auto dot = std::min(name.find('.', start), name.size());
    parts.push_back(name.substr(start, dot - start));
    start = dot + 1;
  }
  return parts;
}

// The view stack for one render. Partials resolve only to our templates, and an unknown partial
// is an error rather than silently nothing. Names resolve as in the Mustache spec (the first part
// of a dotted name searches outwards, the rest is strict), plus one addition: a leading dot
// (`{{.hint}}`) looks in the innermost object only, so a component partial never picks up a
// same-named value (say a sentence's `type`) from an enclosing view. Sections over strings or
// booleans push those values, so a leading dot skips past them to the innermost object.
class TemplateContext : public mustache::basic_context<std::string> {
 public:
  TemplateContext(const mustache::data* view,
                  const std::map<std::string, mustache::data, std::less<>>& partials)
      : stack_{view}, partials_(partials) {}

  void push(const mustache::data* data) override { stack_.push_back(data); }
  void pop() override { stack_.pop_back(); }

  const mustache::data* get(const std::string& name) const override {
    if (name.empty()) return nullptr;
    if (name == ".") return stack_.back();
    std::vector<std::string> parts = split_name(name);
    if (name.front() == '.') return follow(innermost_object(), parts, 1);
    for (auto item = stack_.rbegin(); item != stack_.rend(); ++item) {
      if (const mustache::data* first = (*item)->get(parts.front())) return follow(first, parts, 1);
    }
    return nullptr;
  }

  const mustache::data* get_partial(const std::string& name) const override {
    auto found = partials_.find(name);
    if (found == partials_.end()) throw std::runtime_error("unknown template partial: " + name);
    return &found->second;
  }

 private:
  // Sections over a string or a boolean push that value; `.name` skips past them to the object.
  const mustache::data* innermost_object() const {
    for (auto item = stack_.rbegin(); item != stack_.rend(); ++item) {
      if ((*item)->is_object()) return *item;
    }
    return nullptr;
  }

  static const mustache::data* follow(const mustache::data* from, const std::vector<std::string>& parts,
                                      std::size_t next) {
    for (; from != nullptr && next < parts.size(); ++next) from = from->get(parts[next]);
    return from;
  }

  std::vector<const mustache::data*> stack_;
  const std::map<std::string, mustache::data, std::less<>>& partials_;
};

}  // namespace

namespace {

// A leaf value as data, or an empty object or list for fill() to build in place.
mustache::data shell_for(const nlohmann::json& view) {
  switch (view.type()) {
    case nlohmann::json::value_t::object: return mustache::data{mustache::data::type::object};
    case nlohmann::json::value_t::array: return mustache::data{mustache::data::type::list};
    case nlohmann::json::value_t::string:
      // An empty string is falsy (so `{{#error}}` with no error shows nothing); it renders as "".
      if (view.get_ref<const std::string&>().empty()) return mustache::data{false};
      return mustache::data{view.get_ref<const std::string&>()};
    case nlohmann::json::value_t::boolean: return mustache::data{view.get<bool>()};
    case nlohmann::json::value_t::null:
    case nlohmann::json::value_t::discarded: return mustache::data{false};
    default: return mustache::data{view.dump()};  // numbers
  }
}

// Builds objects and lists in place. kainjow's set() and push_back() copy what they are given, so
// converting bottom-up copied every subtree once per level above it: most of the cost of a page.
// The const_casts reach nodes this function has just inserted into data it owns.
void fill(mustache::data& into, const nlohmann::json& view) {
  if (view.is_object()) {
    for (const auto& [key, value] : view.items()) {
      into.set(key, shell_for(value));
      if (value.is_structured()) fill(*const_cast<mustache::data*>(into.get(key)), value);
    }
  } else if (view.is_array()) {
    std::size_t number = 0;
    for (const auto& item : view) {
      into.push_back(shell_for(item));
      auto& added = const_cast<mustache::data&>(into.list_value().back());
      if (item.is_structured()) fill(added, item);
      if (added.is_object()) {
        if (number == 0) added.set("_first", true);
        added.set("_number", std::to_string(number + 1));
      }
      ++number;
    }
  }
}

}  // namespace

mustache::data to_mustache(const nlohmann::json& view) {
  auto data = shell_for(view);
  fill(data, view);
  return data;
}

Templates::Templates(const std::filesystem::path& folder) {
  if (!std::filesystem::is_directory(folder)) {
    throw std::runtime_error("template folder not found: " + folder.string());
  }
  std::map<std::string, std::string, std::less<>> sources;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".mustache") continue;
    sources.emplace(entry.path().stem().string(), read_file(entry.path()));
  }
  for (const auto& [name, source] : sources) {
    mustache::mustache parsed{expand_partials(source, sources)};
    if (!parsed.is_valid()) {
      throw std::runtime_error("template " + name + ": " + parsed.error_message());
    }
    parsed_.emplace(name, std::move(parsed));
    partials_.emplace(name, mustache::data{source});
  }
}

bool Templates::contains(std::string_view name) const { return parsed_.contains(name); }

std::string Templates::render_data(std::string_view name, const mustache::data& data) const {
  auto found = parsed_.find(name);
  if (found == parsed_.end()) throw std::runtime_error("unknown template: " + std::string(name));
  mustache::mustache copy = found->second;
  TemplateContext context{&data, partials_};
  std::string html = copy.render(context);
  if (!copy.is_valid()) {
    throw std::runtime_error("template " + std::string(name) + ": " + copy.error_message());
  }
  return html;
}

std::string Templates::render(std::string_view name, const nlohmann::json& view) const {
  return render_data(name, to_mustache(view));
}

std::string Templates::render_page(std::string_view page, const nlohmann::json& view) const {
  if (!view.is_object()) throw std::invalid_argument("a page view must be a JSON object");
  mustache::data data = to_mustache(view);
  std::string content = render_data(page, data);
  data.set("content", content);
  // Mustache cannot test a list for emptiness without iterating it; the title and the error
  // summary need that once.
  const auto errors = view.find("errors");
  data.set("has_errors", errors != view.end() && errors->is_array() && !errors->empty());
  return render_data("layout", data);
}

}  // namespace resettle::web
