// Reading form and JSON fields into typed values, one error per bad field (see field_input.hpp).
#include "domain/field_input.hpp"

#include <algorithm>
#include <charconv>

namespace resettle {

namespace {
std::string_view trimmed(std::string_view text) {
  auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}
}  // namespace

std::vector<FieldChange> changed_fields(const FieldInput& before, const FieldInput& after) {
  std::vector<FieldChange> changes;
  auto text_of = [](const FieldInput& fields, const std::string& name) {
    auto found = fields.find(name);
    return found == fields.end() ? std::string{} : found->second;
  };
  FieldInput names = before;
  names.insert(after.begin(), after.end());
  for (const auto& [name, unused] : names) {
    auto from = text_of(before, name), to = text_of(after, name);
    if (from != to) changes.push_back({name, from, to});
  }
  return changes;
}

FieldInput overlay_fields(FieldInput base, const FieldInput& overlay) {
  for (const auto& [name, value] : overlay) base[name] = value;
  return base;
}

bool FieldReader::has(std::string_view field) const {
  auto found = input_.find(field);
  return found != input_.end() && !trimmed(found->second).empty();
}

std::optional<std::string> FieldReader::raw(std::string_view field, Need need) {
  auto found = input_.find(field);
  if (found == input_.end() || trimmed(found->second).empty()) {
    if (need == Need::required) fail(field, "is required");
    return std::nullopt;
  }
  return std::string{trimmed(found->second)};
}

std::string FieldReader::text(std::string_view field, Need need, std::size_t max_length) {
  auto value = raw(field, need);
  if (!value) return {};
  if (value->size() > max_length) {
    fail(field, "must be " + std::to_string(max_length) + " characters or fewer");
    return {};
  }
  return *value;
}

std::optional<Date> FieldReader::date(std::string_view field, Need need) {
  auto value = raw(field, need);
  if (!value) return std::nullopt;
  if (auto parsed = parse_iso_date(*value)) return parsed;
  fail(field, "must be a real date written as YYYY-MM-DD");
  return std::nullopt;
}

std::optional<Date> FieldReader::past_date(std::string_view field, Need need, Date today) {
  auto value = date(field, need);
  if (value && *value > today) fail(field, "must be today or in the past");
  return value;
}

std::optional<long long> FieldReader::integer(std::string_view field, Need need, long long min, long long max) {
  auto value = raw(field, need);
  if (!value) return std::nullopt;
  long long parsed = 0;
  auto [end, error] = std::from_chars(value->data(), value->data() + value->size(), parsed);
  if (error != std::errc{} || end != value->data() + value->size()) {
    fail(field, "must be a whole number");
    return std::nullopt;
  }
  if (parsed < min || parsed > max) {
    fail(field, "must be between " + std::to_string(min) + " and " + std::to_string(max));
    return std::nullopt;
  }
  return parsed;
}

bool FieldReader::boolean(std::string_view field) {
  auto value = raw(field, Need::optional);
  if (!value) return false;
  if (*value == "true" || *value == "yes" || *value == "on" || *value == "1") return true;
  if (*value == "false" || *value == "no" || *value == "0") return false;
  fail(field, "must be true or false");
  return false;
}

void FieldReader::fail(std::string_view field, std::string message) {
  if (failed(field)) return;  // one message per field: the first problem found
  errors_.push_back({std::string{field}, std::move(message)});
}

bool FieldReader::failed(std::string_view field) const {
  return std::any_of(errors_.begin(), errors_.end(), [&](const FieldError& e) { return e.field == field; });
}

void FieldReader::throw_if_failed() const {
  if (!errors_.empty()) throw ValidationFailed(errors_);
}

}  // namespace resettle
