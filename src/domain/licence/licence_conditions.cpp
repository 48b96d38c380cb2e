// Loading and checking the licence conditions catalogue, and rendering a condition's texts.
#include "domain/licence/licence_conditions.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "domain/clock_time.hpp"
#include "domain/errors.hpp"

namespace resettle {

namespace {
using nlohmann::json;

constexpr Coded<ConditionInputType> input_type_table[] = {
    {ConditionInputType::text, "text", "Text"},
    {ConditionInputType::name, "name", "Name"},
    {ConditionInputType::time, "time", "Time"},
    {ConditionInputType::time_range, "time_range", "Time range"},
    {ConditionInputType::date, "date", "Date"},
    {ConditionInputType::address, "address", "Address"},
    {ConditionInputType::region, "region", "Region"},
    {ConditionInputType::choice, "choice", "Choice"},
    {ConditionInputType::exclusion_zone, "exclusion_zone", "Exclusion zone"},
};

constexpr Coded<ConditionKind> kind_table[] = {
    {ConditionKind::standard, "standard", "Standard"},
    {ConditionKind::additional, "additional", "Additional"},
    {ConditionKind::bespoke, "bespoke", "Bespoke"},
};

// --- Texts with placeholders ------------------------------------------------------------------

struct Placeholder {
  std::string name;
  bool optional = false;  // inside [ ]
};

// The placeholders of a text, or a message saying why it cannot be read.
struct Scan {
  std::vector<Placeholder> placeholders;
  std::string fault;
};

Scan scan(std::string_view text) {
  Scan result;
  bool in_optional = false;
  for (std::size_t at = 0; at < text.size(); ++at) {
    char c = text[at];
    if (c == '[') {
      if (in_optional) return {{}, "has a [ inside another ["};
      in_optional = true;
    } else if (c == ']') {
      if (!in_optional) return {{}, "has a ] without a ["};
      in_optional = false;
    } else if (c == '{') {
      auto end = text.find('}', at);
      if (end == std::string_view::npos) return {{}, "has a { without a }"};
      result.placeholders.push_back({std::string{text.substr(at + 1, end - at - 1)}, in_optional});
      at = end;
    } else if (c == '}') {
      return {{}, "has a } without a {"};
    }
  }
  if (in_optional) return {{}, "has a [ without a ]"};
  return result;
}

// How a checked value reads inside a sentence.
std::string shown(const ConditionInput& input, const std::string& value, Language language) {
  switch (input.type) {
    case ConditionInputType::time_range: {
      auto dash = value.find('-');
      return value.substr(0, dash) + (language == Language::cy ? " a " : " and ") + value.substr(dash + 1);
    }
    case ConditionInputType::date:
      return long_date(*parse_iso_date(value), language);
    case ConditionInputType::choice:
      for (const auto& option : input.options)
        if (option.code == value) return option.label.in(language);
      return value;
    case ConditionInputType::address: {
      std::string joined;
      std::size_t start = 0;
      while (start <= value.size()) {
        auto end = std::min(value.find('\n', start), value.size());
        std::string line{trimmed(std::string_view{value}.substr(start, end - start))};
        if (!line.empty()) joined += (joined.empty() ? "" : ", ") + line;
        start = end + 1;
      }
      return joined;
    }
    default:
      return value;
  }
}

std::string fill(std::string_view text, const ConditionDefinition& condition, const ConditionValues& values,
                 Language language) {
  std::string out;
  std::string part;  // the optional part being read
  bool in_optional = false;
  bool part_complete = true;
  for (std::size_t at = 0; at < text.size(); ++at) {
    char c = text[at];
    std::string& target = in_optional ? part : out;
    if (c == '[') {
      in_optional = true;
      part.clear();
      part_complete = true;
    } else if (c == ']') {
      if (part_complete) out += part;
      in_optional = false;
    } else if (c == '{') {
      auto end = text.find('}', at);
      auto name = text.substr(at + 1, end - at - 1);
      auto value = values.find(name);
      const ConditionInput* input = condition.input(name);
      if (value == values.end() || input == nullptr)
        part_complete = false;
      else
        target += shown(*input, value->second, language);
      at = end;
    } else {
      target += c;
    }
  }
  return out;
}

// --- Reading input values ---------------------------------------------------------------------

// A time of day as the licence keeps it ("09:30"), or nullopt.
std::optional<std::string> read_time(std::string_view text) {
  auto time = parse_clock_time(text);
  if (!time) return std::nullopt;
  return to_text(*time);
}

constexpr std::string_view time_message = "must be a time of day from 00:00 to 23:59, like 19:30";

// Checks one value by its input's type; returns the value to keep, or a message.
struct Checked {
  std::string value;
  std::string fault;
};

Checked check_text(const std::string& value, std::size_t max_length, bool letters_only) {
  if (value.size() > max_length) return {{}, "must be " + std::to_string(max_length) + " characters or fewer"};
  if (letters_only && std::any_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return {{}, "must not contain numbers"};
  return {value, {}};
}

Checked check_value(const ConditionInput& input, const std::string& value) {
  switch (input.type) {
    case ConditionInputType::time: {
      auto time = read_time(value);
      return time ? Checked{*time, {}} : Checked{{}, std::string{time_message}};
    }
    case ConditionInputType::time_range: {
      auto dash = value.find('-');
      if (dash == std::string::npos) return {{}, "must be a start and end time, like 19:00-07:00"};
      auto start = read_time(trimmed(value.substr(0, dash)));
      auto end = read_time(trimmed(value.substr(dash + 1)));
      if (!start) return {{}, "start " + std::string{time_message}};
      if (!end) return {{}, "end " + std::string{time_message}};
      if (*start == *end) return {{}, "must end at a different time from its start"};
      if (!input.crosses_midnight && *end < *start)
        return {{}, "must end after it starts (" + *end + " is before " + *start + ")"};
      return {*start + "-" + *end, {}};
    }
    case ConditionInputType::date:
      return parse_iso_date(value) ? Checked{value, {}} : Checked{{}, "must be a real date written as YYYY-MM-DD"};
    case ConditionInputType::choice:
      for (const auto& option : input.options)
        if (option.code == value) return {value, {}};
      {
        std::string codes;
        for (const auto& option : input.options) codes += (codes.empty() ? "" : ", ") + option.code;
        return {{}, "must be one of: " + codes};
      }
    case ConditionInputType::name:
      return check_text(value, 100, true);
    case ConditionInputType::region:
      return check_text(value, 100, true);
    case ConditionInputType::address: {
      auto checked = check_text(value, 500, false);
      if (checked.fault.empty() && value.size() < 5) return {{}, "must be a full address"};
      return checked;
    }
    case ConditionInputType::exclusion_zone:
      return check_text(value, 1000, false);
    case ConditionInputType::text:
      return check_text(value, 300, false);
  }
  return {value, {}};
}

// --- Reading catalogue files ------------------------------------------------------------------

// Reads one catalogue file, noting each fault with its place.
class CatalogueReader {
 public:
  explicit CatalogueReader(std::vector<FieldError>& faults) : faults_(faults) {}

  ConditionCatalogue read(const json& document) {
    ConditionCatalogue catalogue;
    catalogue.version = text(document, "version", "version");
    where_ = catalogue.version.empty() ? "catalogue" : catalogue.version;
    catalogue.title = text(document, "title", "title");
    auto starts = parse_iso_date(text(document, "starts_on", "starts_on"));
    if (!starts) fault("starts_on", "must be a date written as YYYY-MM-DD");
    catalogue.starts_on = starts.value_or(Date{});
    if (document.contains("based_on")) catalogue.based_on = text(document, "based_on", "based_on");
    for (const auto& [index, category] : items(document, "categories"))
      catalogue.categories.push_back({text(category, "code", index + ".code"),
                                      {text(category, "label", index + ".label"),
                                       text(category, "label_cy", index + ".label_cy")}});
    for (const auto& [index, condition] : items(document, "standard"))
      catalogue.standard.push_back(definition(condition, index, ConditionKind::standard));
    for (const auto& [index, condition] : items(document, "additional"))
      catalogue.additional.push_back(definition(condition, index, ConditionKind::additional));
    for (const auto& [index, mapping] : items(document, "replaced")) {
      CodeMapping read{text(mapping, "from", index + ".from"), text(mapping, "to", index + ".to"), {}};
      if (auto inputs = mapping.find("inputs"); inputs != mapping.end() && inputs->is_object())
        for (const auto& [from, to] : inputs->items())
          read.inputs[from] = to.is_string() ? to.get<std::string>() : std::string{};
      catalogue.replaced.push_back(std::move(read));
    }
    return catalogue;
  }

  void fault(const std::string& place, std::string message) {
    faults_.push_back({where_ + ": " + place, std::move(message)});
  }
  void set_where(std::string where) { where_ = std::move(where); }

 private:
  std::string text(const json& object, std::string_view key, const std::string& place) {
    auto found = object.find(key);
    if (found == object.end() || !found->is_string() || found->get_ref<const std::string&>().empty()) {
      fault(place, "is required text");
      return {};
    }
    return found->get<std::string>();
  }

  std::vector<std::pair<std::string, json>> items(const json& object, std::string_view key) {
    std::vector<std::pair<std::string, json>> found;
    auto list = object.find(key);
    if (list == object.end()) return found;
    if (!list->is_array()) {
      fault(std::string{key}, "must be a list");
      return found;
    }
    for (std::size_t index = 0; index < list->size(); ++index)
      found.emplace_back(std::string{key} + "[" + std::to_string(index) + "]", (*list)[index]);
    return found;
  }

  ConditionDefinition definition(const json& object, const std::string& place, ConditionKind kind) {
    ConditionDefinition condition;
    condition.kind = kind;
    condition.code = text(object, "code", place + ".code");
    if (kind == ConditionKind::additional) condition.category = text(object, "category", place + ".category");
    condition.wording = text(object, "wording", place + ".wording");
    auto explanation = object.find("explanation");
    if (explanation == object.end() || !explanation->is_object()) {
      fault(place + ".explanation", "must give the explanation in en and cy");
    } else {
      condition.explanation = {text(*explanation, "en", place + ".explanation.en"),
                               text(*explanation, "cy", place + ".explanation.cy")};
    }
    for (const auto& [index, input] : items(object, "inputs"))
      condition.inputs.push_back(read_input(input, place + "." + index));
    return condition;
  }

  ConditionInput read_input(const json& object, const std::string& place) {
    ConditionInput input;
    input.name = text(object, "name", place + ".name");
    auto type = parse_code(condition_input_types(), text(object, "type", place + ".type"));
    if (!type) fault(place + ".type", "is not a known input type");
    input.type = type.value_or(ConditionInputType::text);
    input.label = text(object, "label", place + ".label");
    input.required = object.value("required", true);
    input.crosses_midnight = object.value("crosses_midnight", false);
    for (const auto& [index, option] : items(object, "options"))
      input.options.push_back({text(option, "code", place + "." + index + ".code"),
                               {text(option, "en", place + "." + index + ".en"),
                                text(option, "cy", place + "." + index + ".cy")}});
    return input;
  }

  std::vector<FieldError>& faults_;
  std::string where_ = "catalogue";
};

// Every placeholder is an input, every input is used, and optional inputs sit in [ ] parts.
void check_texts(const ConditionDefinition& condition, const std::string& place, CatalogueReader& reader) {
  const std::pair<std::string_view, const std::string*> texts[] = {
      {"wording", &condition.wording},
      {"explanation.en", &condition.explanation.en},
      {"explanation.cy", &condition.explanation.cy}};
  for (const auto& [name, text] : texts) {
    auto found = scan(*text);
    if (!found.fault.empty()) {
      reader.fault(place + "." + std::string{name}, found.fault);
      continue;
    }
    std::set<std::string, std::less<>> used;
    for (const auto& placeholder : found.placeholders) {
      const ConditionInput* input = condition.input(placeholder.name);
      used.insert(placeholder.name);
      if (input == nullptr)
        reader.fault(place + "." + std::string{name}, "{" + placeholder.name + "} is not one of the inputs");
      else if (input->required == placeholder.optional)
        reader.fault(place + "." + std::string{name},
                     "{" + placeholder.name + "} must be " + (input->required ? "outside [ ]: it is required" : "inside [ ]: it is optional"));
    }
    for (const auto& input : condition.inputs)
      if (!used.contains(input.name))
        reader.fault(place + "." + std::string{name}, "does not use the input " + input.name);
  }
  if (!condition.explanation.en.empty() && condition.explanation.en == condition.explanation.cy)
    reader.fault(place + ".explanation.cy", "must be in Welsh, not the English text");
  for (std::size_t index = 0; index < condition.inputs.size(); ++index) {
    const auto& input = condition.inputs[index];
    std::string at = place + ".inputs[" + std::to_string(index) + "]";
    bool is_choice = input.type == ConditionInputType::choice;
    if (is_choice == input.options.empty())
      reader.fault(at + ".options", is_choice ? "a choice needs options" : "only a choice has options");
    for (std::size_t other = 0; other < index; ++other)
      if (condition.inputs[other].name == input.name) reader.fault(at + ".name", "repeats " + input.name);
  }
}

void check_catalogue(const ConditionCatalogue& catalogue, const ConditionCatalogue* base, CatalogueReader& reader) {
  std::set<std::string, std::less<>> codes;
  auto check = [&](std::span<const ConditionDefinition> conditions, std::string_view list) {
    for (std::size_t index = 0; index < conditions.size(); ++index) {
      const auto& condition = conditions[index];
      std::string place = std::string{list} + "[" + std::to_string(index) + "]";
      if (!codes.insert(condition.code).second) reader.fault(place + ".code", "repeats the code " + condition.code);
      if (condition.kind == ConditionKind::additional && catalogue.category(condition.category) == nullptr)
        reader.fault(place + ".category", condition.category + " is not one of the categories");
      check_texts(condition, place, reader);
    }
  };
  check(catalogue.standard, "standard");
  check(catalogue.additional, "additional");
  if (catalogue.standard.empty()) reader.fault("standard", "must list the standard conditions");
  for (std::size_t index = 0; index < catalogue.replaced.size(); ++index) {
    const auto& mapping = catalogue.replaced[index];
    std::string place = "replaced[" + std::to_string(index) + "]";
    const ConditionDefinition* from = base ? base->find(mapping.from) : nullptr;
    const ConditionDefinition* to = catalogue.find(mapping.to);
    if (from == nullptr) reader.fault(place + ".from", mapping.from + " is not a condition of " + catalogue.based_on);
    if (to == nullptr) reader.fault(place + ".to", mapping.to + " is not a condition of this version");
    for (const auto& [old_name, new_name] : mapping.inputs) {
      if (from && from->input(old_name) == nullptr) reader.fault(place + ".inputs", old_name + " is not an input of " + mapping.from);
      if (to && to->input(new_name) == nullptr) reader.fault(place + ".inputs", new_name + " is not an input of " + mapping.to);
    }
  }
}

// A version written as changes to its base: the base's conditions, less those it replaces,
// with its own conditions written over them by code.
void complete_from_base(ConditionCatalogue& catalogue, const ConditionCatalogue& base) {
  auto merged = [&](const std::vector<ConditionDefinition>& inherited, std::vector<ConditionDefinition>& own) {
    std::vector<ConditionDefinition> result;
    for (const auto& condition : inherited) {
      bool replaced = std::any_of(catalogue.replaced.begin(), catalogue.replaced.end(),
                                  [&](const CodeMapping& m) { return m.from == condition.code && m.to != condition.code; });
      bool rewritten = std::any_of(own.begin(), own.end(), [&](const auto& o) { return o.code == condition.code; });
      if (!replaced && !rewritten) result.push_back(condition);
    }
    result.insert(result.end(), own.begin(), own.end());
    own = std::move(result);
  };
  if (catalogue.categories.empty()) catalogue.categories = base.categories;
  if (catalogue.standard.empty()) catalogue.standard = base.standard;
  merged(base.additional, catalogue.additional);
}

void order_by_category(ConditionCatalogue& catalogue) {
  auto rank = [&](const ConditionDefinition& condition) {
    for (std::size_t index = 0; index < catalogue.categories.size(); ++index)
      if (catalogue.categories[index].code == condition.category) return index;
    return catalogue.categories.size();
  };
  std::stable_sort(catalogue.additional.begin(), catalogue.additional.end(),
                   [&](const auto& a, const auto& b) { return rank(a) < rank(b); });
}
}  // namespace

std::span<const Coded<ConditionInputType>> condition_input_types() { return input_type_table; }
std::span<const Coded<ConditionKind>> condition_kinds() { return kind_table; }

const ConditionInput* ConditionDefinition::input(std::string_view name) const {
  for (const auto& candidate : inputs)
    if (candidate.name == name) return &candidate;
  return nullptr;
}

const ConditionDefinition* ConditionCatalogue::find(std::string_view code) const {
  for (const auto* list : {&standard, &additional})
    for (const auto& condition : *list)
      if (condition.code == code) return &condition;
  return nullptr;
}

const ConditionCategory* ConditionCatalogue::category(std::string_view code) const {
  for (const auto& candidate : categories)
    if (candidate.code == code) return &candidate;
  return nullptr;
}

ConditionCatalogues ConditionCatalogues::from_json(std::span<const std::string> texts) {
  std::vector<FieldError> faults;
  CatalogueReader reader{faults};
  ConditionCatalogues catalogues;
  for (std::size_t index = 0; index < texts.size(); ++index) {
    json document = json::parse(texts[index], nullptr, false);
    if (document.is_discarded() || !document.is_object()) {
      faults.push_back({"catalogue[" + std::to_string(index) + "]", "must be a JSON object"});
      continue;
    }
    catalogues.versions_.push_back(reader.read(document));
  }
  if (!faults.empty()) throw ValidationFailed(std::move(faults));
  auto& versions = catalogues.versions_;
  std::sort(versions.begin(), versions.end(), [](const auto& a, const auto& b) { return a.starts_on < b.starts_on; });
  for (std::size_t index = 0; index < versions.size(); ++index) {
    auto& catalogue = versions[index];
    reader.set_where(catalogue.version);
    const ConditionCatalogue* base = nullptr;
    for (std::size_t earlier = 0; earlier < index; ++earlier) {
      if (versions[earlier].version == catalogue.version) reader.fault("version", "is used by another file");
      if (versions[earlier].version == catalogue.based_on) base = &versions[earlier];
    }
    if (!catalogue.based_on.empty() && base == nullptr)
      reader.fault("based_on", catalogue.based_on + " is not a version that starts earlier");
    if (base) complete_from_base(catalogue, *base);
    order_by_category(catalogue);
    check_catalogue(catalogue, base, reader);
  }
  if (versions.empty()) faults.push_back({"catalogue", "has no versions"});
  if (!faults.empty()) throw ValidationFailed(std::move(faults));
  return catalogues;
}

const ConditionCatalogue& ConditionCatalogues::version(std::string_view version) const {
  for (const auto& catalogue : versions_)
    if (catalogue.version == version) return catalogue;
  throw NotFound("no licence conditions version " + std::string{version});
}

const ConditionCatalogue& ConditionCatalogues::in_force_on(Date day) const {
  const ConditionCatalogue* found = nullptr;
  for (const auto& catalogue : versions_)
    if (!(day < catalogue.starts_on)) found = &catalogue;
  if (found == nullptr) throw NotFound("no licence conditions policy was in force on " + to_iso(day));
  return *found;
}

std::optional<ConditionCatalogues::Mapped> ConditionCatalogues::map_code(std::string_view from, std::string_view to,
                                                                         std::string_view code) const {
  const ConditionCatalogue& start = version(from);
  const ConditionCatalogue& end = version(to);
  if (start.find(code) == nullptr) return std::nullopt;
  Mapped mapped{std::string{code}, {}};
  for (const auto& input : start.find(code)->inputs) mapped.input_names[input.name] = input.name;
  for (const auto& catalogue : versions_) {
    if (!(start.starts_on < catalogue.starts_on) || end.starts_on < catalogue.starts_on) continue;
    for (const auto& mapping : catalogue.replaced) {
      if (mapping.from != mapped.code) continue;
      mapped.code = mapping.to;
      for (auto& [old_name, new_name] : mapped.input_names)
        if (auto renamed = mapping.inputs.find(new_name); renamed != mapping.inputs.end()) new_name = renamed->second;
      break;
    }
    if (catalogue.find(mapped.code) == nullptr) return std::nullopt;
  }
  return mapped;
}

ConditionValues read_condition_values(const ConditionDefinition& condition, const FieldInput& input,
                                      std::string_view field_prefix) {
  std::vector<FieldError> errors;
  ConditionValues values;
  for (const auto& definition : condition.inputs) {
    std::string field = std::string{field_prefix} + definition.name;
    auto given = input.find(definition.name);
    std::string value{given == input.end() ? std::string_view{} : trimmed(given->second)};
    if (value.empty()) {
      if (definition.required) errors.push_back({field, "is required: enter the " + definition.label});
      continue;
    }
    auto checked = check_value(definition, value);
    if (checked.fault.empty())
      values[definition.name] = checked.value;
    else
      errors.push_back({field, checked.fault});
  }
  for (const auto& [name, value] : input)
    if (condition.input(name) == nullptr)
      errors.push_back({std::string{field_prefix} + name, "is not an input of the condition " + condition.code});
  if (!errors.empty()) throw ValidationFailed(std::move(errors));
  return values;
}

std::string render_wording(const ConditionDefinition& condition, const ConditionValues& values) {
  return fill(condition.wording, condition, values, Language::en);
}

std::string render_explanation(const ConditionDefinition& condition, const ConditionValues& values,
                               Language language) {
  return fill(condition.explanation.in(language), condition, values, language);
}

}  // namespace resettle
