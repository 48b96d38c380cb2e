#pragma once
// Raw input from a form or a JSON body, read into typed values with one FieldError per bad field.
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/code_list.hpp"
#include "domain/date.hpp"
#include "domain/errors.hpp"

namespace resettle {

// Field name -> text as submitted. An empty value means "not given".
using FieldInput = std::map<std::string, std::string, std::less<>>;

// `text` without spaces, tabs and line breaks at either end: what a person typed, without what they
// did not mean to.
std::string_view trimmed(std::string_view text);

enum class Need { optional, required };

struct FieldChange {
  std::string field;
  std::string from;
  std::string to;
};
// The fields whose text differs between two versions of a record, in field-name order.
std::vector<FieldChange> changed_fields(const FieldInput& before, const FieldInput& after);
// `base` with every field of `overlay` written over it: a partial update on a whole record.
FieldInput overlay_fields(FieldInput base, const FieldInput& overlay);

// The names of the three boxes of a GOV.UK date input for `field`: "<field>-day", "-month", "-year".
struct DateParts {
  std::string day, month, year;
};
DateParts date_part_names(std::string_view field);
// The boxes' text for a date given whole (ISO or day first), so a form can show a stored date; the
// text as given in the day box when it is not a date.
DateParts date_parts_of(std::string_view whole);

class FieldReader {
 public:
  explicit FieldReader(const FieldInput& input) : input_(input) {}

  std::string text(std::string_view field, Need need, std::size_t max_length);
  // A date given whole in `field` as ISO "1990-12-31" (the API, stored records), or in parts as the
  // GOV.UK date input sends it: `field`-day, `field`-month and `field`-year. The parts win when any
  // is given; a whole date ("31/12/1990", or ISO) typed into the day box alone is read too.
  std::optional<Date> date(std::string_view field, Need need);
  // A date something happened on: today or earlier.
  std::optional<Date> past_date(std::string_view field, Need need, Date today);
  std::optional<long long> integer(std::string_view field, Need need, long long min, long long max);
  bool boolean(std::string_view field);  // "true"/"yes"/"on"/"1" or "false"/"no"/"0"/absent

  template <typename E>
  std::optional<E> code(std::string_view field, Need need, std::span<const Coded<E>> list) {
    auto value = raw(field, need);
    if (!value) return std::nullopt;
    if (auto parsed = parse_code(list, *value)) return parsed;
    fail(field, "must be one of: " + codes_of(list));
    return std::nullopt;
  }

  bool has(std::string_view field) const;
  void fail(std::string_view field, std::string message);
  bool failed(std::string_view field) const;
  // Throws ValidationFailed listing every bad field, if there was any.
  void throw_if_failed() const;

 private:
  std::optional<std::string> raw(std::string_view field, Need need);
  std::optional<Date> date_as_given(std::string_view field, Need need);  // date() before its range check
  template <typename E>
  static std::string codes_of(std::span<const Coded<E>> list) {
    std::string joined;
    for (const auto& entry : list) joined += (joined.empty() ? "" : ", ") + std::string{entry.code};
    return joined;
  }

  const FieldInput& input_;
  std::vector<FieldError> errors_;
};

}  // namespace resettle
