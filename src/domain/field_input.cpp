// Reading form and JSON fields into typed values, one error per bad field (see field_input.hpp).
#include "domain/field_input.hpp"

#include <algorithm>
#include <charconv>
#include <optional>
#include <vector>

#include "domain/utf8.hpp"

namespace resettle {

std::string_view trimmed(std::string_view text) {
  auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

namespace {
// Code points of well-formed UTF-8 (first_utf8_sequence's); nullopt for anything else.
std::optional<std::vector<char32_t>> code_points(std::string_view text) {
  std::vector<char32_t> points;
  points.reserve(text.size());
  while (!text.empty()) {
    auto sequence = first_utf8_sequence(text);
    if (sequence.length == 0) return std::nullopt;
    points.push_back(sequence.code_point);
    text.remove_prefix(sequence.length);
  }
  return points;
}

// What a text field may not hold, in words; empty when the text is fine. Control characters (NUL
// among them) break storage and exports, and text-direction controls can make a name or a note show
// something other than what is stored ("Trojan Source"). Line breaks and tabs are ordinary text.
std::string unacceptable_characters(std::string_view text) {
  auto points = code_points(text);
  if (!points) return "must be valid UTF-8 text";
  for (char32_t point : *points) {
    if (point == '\n' || point == '\r' || point == '\t') continue;
    if (point < 0x20 || (point >= 0x7F && point < 0xA0)) return "must not contain control characters";
    if ((point >= 0x202A && point <= 0x202E) || (point >= 0x2066 && point <= 0x2069) || point == 0x200E ||
        point == 0x200F || point == 0x061C)
      return "must not contain text-direction control characters";
  }
  return {};
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

DateParts date_part_names(std::string_view field) {
  std::string name{field};
  return {name + "-day", name + "-month", name + "-year"};
}

DateParts date_parts_of(std::string_view whole) {
  auto text = trimmed(whole);
  auto date = parse_iso_date(text);
  if (!date) date = parse_day_month_year(text);
  if (!date) return {std::string{text}, "", ""};
  return {std::to_string(static_cast<unsigned>(date->day())), std::to_string(static_cast<unsigned>(date->month())),
          std::to_string(static_cast<int>(date->year()))};
}

namespace {
std::optional<Date> parse_whole_date(std::string_view text) {
  if (auto day_first = parse_day_month_year(text)) return day_first;
  return parse_iso_date(text);
}

// "day", "day and year", "day, month and year": the parts a date input was sent without.
std::string missing_parts(const std::vector<std::string_view>& missing) {
  std::string joined;
  for (std::size_t i = 0; i < missing.size(); ++i)
    joined += std::string{i == 0 ? "" : i + 1 == missing.size() ? " and " : ", "} + std::string{missing[i]};
  return joined;
}
}  // namespace

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

// Trimmed; valid UTF-8 without control or text-direction characters (tabs and line breaks are fine).
std::string FieldReader::text(std::string_view field, Need need, std::size_t max_length) {
  auto value = raw(field, need);
  if (!value) return {};
  if (auto problem = unacceptable_characters(*value); !problem.empty()) {
    fail(field, std::move(problem));
    return {};
  }
  if (value->size() > max_length) {
    fail(field, "must be " + std::to_string(max_length) + " characters or fewer");
    return {};
  }
  return *value;
}

// A real date from 1900 to 2200, given whole or in the GOV.UK date input's parts.
std::optional<Date> FieldReader::date(std::string_view field, Need need) {
  auto parsed = date_as_given(field, need);
  if (!parsed) return std::nullopt;
  // Nobody in the service was born before 1900 and no sentence runs past 2200: a date outside them
  // is a typing slip, and would only overflow the date arithmetic.
  constexpr int earliest_year = 1900, latest_year = 2200;
  if (parsed->year() < std::chrono::year{earliest_year} || parsed->year() > std::chrono::year{latest_year}) {
    fail(field, "must be between " + std::to_string(earliest_year) + " and " + std::to_string(latest_year));
    return std::nullopt;
  }
  return parsed;
}

std::optional<Date> FieldReader::date_as_given(std::string_view field, Need need) {
  auto names = date_part_names(field);
  // Boxes sent empty still win over a stored whole date: that is how a form clears one.
  if (!input_.contains(names.day) && !input_.contains(names.month) && !input_.contains(names.year)) {
    auto value = raw(field, need);
    if (!value) return std::nullopt;
    if (auto parsed = parse_iso_date(*value)) return parsed;  // the API and stored records: ISO only
    fail(field, "must be a real date written as YYYY-MM-DD");
    return std::nullopt;
  }
  auto part = [&](const std::string& name) { return has(name) ? std::string{trimmed(input_.find(name)->second)} : ""; };
  auto day = part(names.day), month = part(names.month), year = part(names.year);
  if (day.empty() && month.empty() && year.empty()) {
    if (need == Need::required) fail(field, "is required");
    return std::nullopt;
  }
  if (month.empty() && year.empty())
    if (auto whole = parse_whole_date(day)) return whole;  // "31/12/1990" typed or pasted into the day box
  std::vector<std::string_view> missing;
  if (day.empty()) missing.push_back("day");
  if (month.empty()) missing.push_back("month");
  if (year.empty()) missing.push_back("year");
  if (!missing.empty()) {
    fail(field, "must include a " + missing_parts(missing));
    return std::nullopt;
  }
  if (year.size() != 4) {
    fail(field, "must include a year with 4 digits, like 1990");
    return std::nullopt;
  }
  if (auto parsed = parse_day_month_year(day + "/" + month + "/" + year)) return parsed;
  fail(field, "must be a real date");
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
