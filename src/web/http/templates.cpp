// The Mustache template engine: parsing once, rendering straight from a View (see templates.hpp).
#include "web/http/templates.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace resettle::web {

namespace {

using compiled::Name;
using compiled::Node;
using compiled::Template;
using TemplateMap = std::map<std::string, Template, std::less<>>;

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read template " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The catalogue's key for a text as written: trimmed, each run of spaces and line ends one space
// (po/catalogue.mjs makes the same key when it extracts the text).
std::string catalogue_key(std::string_view text) {
  std::string key;
  for (char c : text) {
    bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (!space) key += c;
    else if (!key.empty() && key.back() != ' ') key += ' ';
  }
  if (!key.empty() && key.back() == ' ') key.pop_back();
  return key;
}

std::string_view trim(std::string_view text) {
  auto space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return text;
}

bool is_blank(std::string_view line) {
  return std::all_of(line.begin(), line.end(), [](char c) { return c == ' ' || c == '\t'; });
}

Name parse_name(std::string_view text) {
  Name name;
  if (text.empty()) return name;
  if (text == ".") {
    name.start = Name::Start::top;
    return name;
  }
  for (std::size_t start = 0; start < text.size();) {
    auto dot = std::min(text.find('.', start), text.size());
    name.parts.emplace_back(text.substr(start, dot - start));
    start = dot + 1;
  }
  name.start = text.front() == '.' ? Name::Start::innermost_object : Name::Start::stack;
  if (name.start == Name::Start::innermost_object) name.parts.erase(name.parts.begin());
  return name;
}

// Parses one template. Text is split at line ends, where the standalone-line rule applies; tag
// contents are trimmed; comments leave no node. Partials link to `templates`, which already holds
// every template of the folder (parsed or not yet), so the order of parsing does not matter.
class Parser {
 public:
  Parser(std::string_view name, std::string_view source, const TemplateMap& templates,
         const TextTranslation& translation)
      : name_(name), source_(source), templates_(templates), translation_(translation) {}

  std::vector<Node> parse() {
    std::size_t at = 0;
    for (auto open = source_.find("{{"); open != std::string_view::npos; open = source_.find("{{", at)) {
      add_text(source_.substr(at, open - at));
      at = add_tag(open);
    }
    add_text(source_.substr(at));
    if (!open_sections_.empty()) {
      fail("{{#" + std::string{open_sections_.back().name} + "}} is never closed", open_sections_.back().at);
    }
    return std::move(nodes_);
  }

 private:
  struct OpenSection {
    std::size_t node;       // its index in nodes_
    std::string_view name;  // as written, to match the closing tag
    std::size_t at;         // where it starts in the source
  };

  [[noreturn]] void fail(const std::string& message, std::size_t at) const {
    auto line = 1 + std::count(source_.begin(), source_.begin() + static_cast<std::ptrdiff_t>(at), '\n');
    throw std::runtime_error("template " + std::string{name_} + ", line " + std::to_string(line) + ": " + message);
  }

  void add_text_node(Node::Kind kind, std::string_view text) {
    Node& node = nodes_.emplace_back();
    node.kind = kind;
    node.text = text;
  }

  // Only the first line end of a text between tags, with nothing but spaces or tabs before it, may
  // end a line that the standalone rule drops: a line with anything else on it is kept, and each
  // later line of the text holds nothing but the text, so no section is rendered on it. Those kept
  // line ends stay inside one `lines` node, which a render writes at once (a page's layout is
  // mostly such lines).
  void add_text(std::string_view text) {
    auto line_end = text.find_first_of("\r\n");
    if (line_end != std::string_view::npos && is_blank(text.substr(0, line_end))) {
      if (line_end != 0) add_text_node(Node::Kind::text, text.substr(0, line_end));
      std::size_t width = text.substr(line_end, 2) == "\r\n" ? 2 : 1;
      add_text_node(Node::Kind::newline, text.substr(line_end, width));
      text.remove_prefix(line_end + width);
    }
    if (text.empty()) return;
    auto last_line_end = text.find_last_of("\r\n");
    if (last_line_end == std::string_view::npos) return add_text_node(Node::Kind::text, text);
    add_text_node(Node::Kind::lines, text);
    nodes_.back().last_line_size = text.size() - last_line_end - 1;
  }

  void add_tag_node(Node::Kind kind, std::string_view name) {
    Node& node = nodes_.emplace_back();
    node.kind = kind;
    node.name = parse_name(name);
  }

  // Adds the tag that starts at `open` and returns where the text after it starts.
  std::size_t add_tag(std::size_t open) {
    bool triple = open + 2 < source_.size() && source_[open + 2] == '{';
    std::string_view closing = triple ? "}}}" : "}}";
    std::size_t start = open + (triple ? 3 : 2);
    std::size_t close = source_.find(closing, start);
    if (close == std::string_view::npos) fail("a tag is never closed", open);
    std::string_view contents = trim(source_.substr(start, close - start));
    if (contents.starts_with('=')) fail("set-delimiter tags ({{=...=}}) are not supported", open);
    if (!triple && contents == "#t") return add_catalogue_text(open, close + closing.size());
    if (triple) {
      add_tag_node(Node::Kind::unescaped, contents);
    } else if (contents.empty()) {
      add_tag_node(Node::Kind::variable, contents);
    } else {
      add_sigil_tag(contents, open);
    }
    return close + closing.size();
  }

  void add_sigil_tag(std::string_view contents, std::size_t open) {
    std::string_view name = trim(contents.substr(1));
    switch (contents.front()) {
      case '#': return open_section(Node::Kind::section, name, open);
      case '^': return open_section(Node::Kind::inverted, name, open);
      case '/': return close_section(name, open);
      case '>': return add_partial(name, open);
      case '&': return add_tag_node(Node::Kind::unescaped, name);
      case '!': return;
      default: return add_tag_node(Node::Kind::variable, contents);
    }
  }

  // A `{{#t}}` text from `start` to its `{{/t}}`: translated, then its ((names)) made variables.
  std::size_t add_catalogue_text(std::size_t open, std::size_t start) {
    constexpr std::string_view end_tag = "{{/t}}";
    auto end = source_.find(end_tag, start);
    if (end == std::string_view::npos) fail("{{#t}} is never closed", open);
    std::string english = catalogue_key(source_.substr(start, end - start));
    if (english.find("{{") != std::string::npos) fail("a {{#t}} text holds a tag: write ((name)) instead", open);
    if (english.empty()) fail("a {{#t}} text is empty", open);
    add_placeholders(translation_ ? translation_(english) : english, open);
    return end + end_tag.size();
  }

  void add_placeholders(std::string_view text, std::size_t open) {
    std::size_t from = 0;
    for (auto name = text.find("(("); name != std::string_view::npos; name = text.find("((", from)) {
      while (name + 2 < text.size() && text[name + 2] == '(') ++name;  // "(((n)))": a name in brackets
      auto close = text.find("))", name);
      if (close == std::string_view::npos) fail("a {{#t}} text has an unclosed ((", open);
      if (name > from) add_text_node(Node::Kind::text, text.substr(from, name - from));
      add_tag_node(Node::Kind::variable, text.substr(name + 2, close - name - 2));
      from = close + 2;
    }
    if (from < text.size()) add_text_node(Node::Kind::text, text.substr(from));
  }

  void open_section(Node::Kind kind, std::string_view name, std::size_t open) {
    open_sections_.push_back({nodes_.size(), name, open});
    add_tag_node(kind, name);
  }

  void close_section(std::string_view name, std::size_t open) {
    if (open_sections_.empty()) fail("{{/" + std::string{name} + "}} closes no section", open);
    OpenSection section = open_sections_.back();
    if (section.name != name) {
      fail("{{/" + std::string{name} + "}} closes {{#" + std::string{section.name} + "}}", open);
    }
    nodes_[section.node].end = nodes_.size();
    open_sections_.pop_back();
  }

  void add_partial(std::string_view name, std::size_t open) {
    auto found = templates_.find(name);
    if (found == templates_.end()) fail("unknown partial {{> " + std::string{name} + "}}", open);
    Node& node = nodes_.emplace_back();
    node.kind = Node::Kind::partial;
    node.partial = &found->second;
  }

  std::string_view name_;
  std::string_view source_;
  const TemplateMap& templates_;
  const TextTranslation& translation_;
  std::vector<Node> nodes_;
  std::vector<OpenSection> open_sections_;
};

// The bytes of text a template writes with its partials, counting each section once. Throws when
// partials include each other without end: such a template could never finish rendering.
std::size_t text_size(const Template& compiled, const std::string& name, int depth = 0) {
  constexpr int deepest = 16;
  if (depth > deepest) throw std::runtime_error("template " + name + ": partials include each other without end");
  std::size_t size = 0;
  for (const Node& node : compiled.nodes) {
    size += node.kind == Node::Kind::partial ? text_size(*node.partial, name, depth + 1) : node.text.size();
  }
  return size;
}

const View yes = true;
const View no = false;

// What a name resolves to: a value of the view, or one the renderer adds without copying the view.
struct Value {
  enum class Kind {
    missing,
    view,       // a value of the view
    list_item,  // an object in a list: also answers `_first` and `_number`
    page,       // the view the layout is rendered with: also answers `content` and `has_errors`
    number,     // a list item's `_number`
    content,    // the page's HTML
  };
  Kind kind = Kind::missing;
  const View* view = nullptr;  // view, list_item and page
  std::size_t number = 0;      // list_item and number: the position in the list, from 1
};

bool is_object(const Value& value) {
  bool from_view = value.kind == Value::Kind::view || value.kind == Value::Kind::list_item ||
                   value.kind == Value::Kind::page;
  return from_view && value.view->is_object();
}

// Falsy: a missing name, null, false, "" and the empty list. A list position and the page's HTML
// are always truthy (kainjow held both as strings, and only the view's "" was made falsy).
bool is_truthy(const Value& value) {
  if (value.kind == Value::Kind::missing) return false;
  if (value.kind == Value::Kind::number || value.kind == Value::Kind::content) return true;
  return value.view->truthy();
}

std::string_view entity_for(char c) {
  switch (c) {
    case '&': return "&amp;";
    case '<': return "&lt;";
    case '>': return "&gt;";
    case '"': return "&quot;";
    case '\'': return "&apos;";
    default: return {};
  }
}

// Whether any byte of `word` is one that entity_for replaces: each is compared eight at a time
// (a byte equal to `c` becomes zero, and a zero byte sets its high bit in (d - 1) & ~d), as most
// of a page's values hold none and a byte at a time was an eighth of a list page's render.
bool has_entity(std::uint64_t word) {
  constexpr std::uint64_t ones = 0x0101010101010101, highs = 0x8080808080808080;
  std::uint64_t zeros = 0;
  for (unsigned char c : std::string_view{"&<>\"'"}) {
    std::uint64_t difference = word ^ (ones * c);
    zeros |= (difference - ones) & ~difference;
  }
  return (zeros & highs) != 0;
}

// Where the first character entity_for replaces is in `text` from `from`, or its size when none is.
std::size_t next_with_entity(std::string_view text, std::size_t from) {
  for (std::uint64_t word; from + sizeof word <= text.size(); from += sizeof word) {
    std::memcpy(&word, text.data() + from, sizeof word);
    if (has_entity(word)) break;
  }
  while (from < text.size() && entity_for(text[from]).empty()) ++from;
  return from;
}

void append_escaped(std::string& out, std::string_view text) {
  std::size_t plain = 0;  // where the text not yet written starts
  for (auto at = next_with_entity(text, 0); at < text.size(); at = next_with_entity(text, plain)) {
    out.append(text.substr(plain, at - plain)).append(entity_for(text[at]));
    plain = at + 1;
  }
  out.append(text.substr(plain));
}

// One render: the context stack and the line being written. The line state reproduces kainjow's
// standalone-line rule, which the project's HTML was written against.
class Renderer {
 public:
  // `content` and `has_errors` are what a Value::Kind::page answers.
  Renderer(std::string& out, std::string_view content, bool has_errors)
      : out_(out), content_(content), has_errors_(has_errors) {}

  void render(const Template& compiled, Value root) {
    constexpr std::size_t usual_depth = 16;
    stack_.reserve(usual_depth);
    stack_.push_back(root);
    walk(compiled.nodes, 0, compiled.nodes.size());
    end_line({});
  }

 private:
  void walk(const std::vector<Node>& nodes, std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end;) {
      const Node& node = nodes[i++];
      switch (node.kind) {
        case Node::Kind::text: out_ += node.text; break;
        case Node::Kind::lines: write_lines(node); break;
        case Node::Kind::newline: end_line(node.text); break;
        case Node::Kind::variable: write(find(node.name), true); break;
        case Node::Kind::unescaped: write(find(node.name), false); break;
        case Node::Kind::section:
        case Node::Kind::inverted: {
          Value value = find(node.name);
          if (is_truthy(value) == (node.kind == Node::Kind::section)) section(value, nodes, i, node.end);
          i = node.end;
          break;
        }
        case Node::Kind::partial: walk(node.partial->nodes, 0, node.partial->nodes.size()); break;
      }
    }
  }

  // Lines that are kept: the line being written now starts after the last of them.
  void write_lines(const Node& node) {
    out_ += node.text;
    line_start_ = out_.size() - node.last_line_size;
    section_on_line_ = false;
  }

  // A line that had a section rendered on it and holds nothing but spaces and tabs is dropped,
  // line end included.
  void end_line(std::string_view line_end) {
    if (section_on_line_ && is_blank(std::string_view{out_}.substr(line_start_))) {
      out_.resize(line_start_);
    } else {
      out_ += line_end;
    }
    line_start_ = out_.size();
    section_on_line_ = false;
  }

  // A list repeats the body for each item; any other value renders it once, on top of the stack.
  void section(const Value& value, const std::vector<Node>& nodes, std::size_t begin, std::size_t end) {
    if (value.kind != Value::Kind::view || !value.view->is_list() || value.view->empty()) {
      return body(value, nodes, begin, end);
    }
    std::size_t position = 0;
    for (const View& item : value.view->items()) {
      ++position;
      body(item.is_object() ? Value{Value::Kind::list_item, &item, position} : Value{Value::Kind::view, &item},
           nodes, begin, end);
    }
  }

  void body(const Value& value, const std::vector<Node>& nodes, std::size_t begin, std::size_t end) {
    section_on_line_ = true;  // the opening tag
    bool push = value.kind != Value::Kind::missing;
    if (push) stack_.push_back(value);
    walk(nodes, begin, end);
    if (push) stack_.pop_back();
    section_on_line_ = true;  // the closing tag
  }

  Value find(const Name& name) const {
    switch (name.start) {
      case Name::Start::nowhere: return {};
      case Name::Start::top: return stack_.back();
      case Name::Start::innermost_object: return follow(innermost_object(), name.parts, 0);
      case Name::Start::stack:
        for (auto frame = stack_.rbegin(); frame != stack_.rend(); ++frame) {
          Value first = member(*frame, name.parts.front());
          if (first.kind != Value::Kind::missing) return follow(first, name.parts, 1);
        }
        return {};
    }
    return {};
  }

  // Sections over strings, numbers or booleans push those values; `.name` skips past them.
  Value innermost_object() const {
    for (auto frame = stack_.rbegin(); frame != stack_.rend(); ++frame) {
      if (is_object(*frame)) return *frame;
    }
    return {};
  }

  Value follow(Value from, const std::vector<std::string>& parts, std::size_t next) const {
    for (; from.kind != Value::Kind::missing && next < parts.size(); ++next) from = member(from, parts[next]);
    return from;
  }

  Value member(const Value& from, std::string_view key) const {
    if (from.kind == Value::Kind::list_item) {
      if (key == "_number") return {Value::Kind::number, nullptr, from.number};
      if (key == "_first" && from.number == 1) return {Value::Kind::view, &yes};
    } else if (from.kind == Value::Kind::page) {
      if (key == "content") return {Value::Kind::content};
      if (key == "has_errors") return {Value::Kind::view, has_errors_ ? &yes : &no};
    }
    if (!is_object(from)) return {};  // a list position or the page's HTML holds no view to look in
    const View* found = from.view->find(key);
    return found ? Value{Value::Kind::view, found} : Value{};
  }

  void write(const Value& value, bool escape) {
    if (value.kind == Value::Kind::number) return View(value.number).append_number(out_);
    if (value.kind == Value::Kind::content) return write_text(content_, escape);
    if (value.kind != Value::Kind::view) return;
    const View& view = *value.view;
    if (view.is_text()) return write_text(view.text(), escape);
    view.append_number(out_);  // null, booleans, objects and lists write nothing
  }

  void write_text(std::string_view text, bool escape) {
    if (escape) {
      append_escaped(out_, text);
    } else {
      out_ += text;
    }
  }

  std::string& out_;
  std::string_view content_;
  bool has_errors_;
  std::vector<Value> stack_;
  std::size_t line_start_ = 0;    // where the line being written starts in out_
  bool section_on_line_ = false;  // a section was rendered on that line
};

}  // namespace

Templates::Templates(const std::filesystem::path& folder, const TextTranslation& translation) {
  if (!std::filesystem::is_directory(folder)) {
    throw std::runtime_error("template folder not found: " + folder.string());
  }
  std::map<std::string, std::string, std::less<>> sources;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(folder)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".mustache") continue;
    auto name = std::filesystem::relative(entry.path(), folder).replace_extension().generic_string();
    sources.emplace(std::move(name), read_file(entry.path()));
  }
  // Every name first, so each partial can be linked whatever the order of parsing.
  for (const auto& [name, source] : sources) templates_.try_emplace(name);
  for (const auto& [name, source] : sources) templates_[name].nodes = Parser{name, source, templates_, translation}.parse();
  for (auto& [name, compiled] : templates_) compiled.size_hint = text_size(compiled, name);
}

bool Templates::contains(std::string_view name) const { return templates_.contains(name); }

const compiled::Template& Templates::find(std::string_view name) const {
  auto found = templates_.find(name);
  if (found == templates_.end()) throw std::runtime_error("unknown template: " + std::string(name));
  return found->second;
}

std::string Templates::render(std::string_view name, const View& view) const {
  const Template& compiled = find(name);
  std::string html;
  html.reserve(compiled.size_hint);
  Renderer{html, {}, false}.render(compiled, {Value::Kind::view, &view});
  return html;
}

std::string Templates::render_page(std::string_view page, const View& view) const {
  if (!view.is_object()) throw std::invalid_argument("a page view must be an object");
  const std::string content = render(page, view);
  const Template& layout = find("layout");
  // Mustache cannot test a list for emptiness without iterating it; the title and the error
  // summary need that once.
  const View* errors = view.find("errors");
  const bool has_errors = errors && errors->is_list() && !errors->empty();
  std::string html;
  html.reserve(layout.size_hint + content.size());
  Renderer{html, content, has_errors}.render(layout, {Value::Kind::page, &view});
  return html;
}

}  // namespace resettle::web
