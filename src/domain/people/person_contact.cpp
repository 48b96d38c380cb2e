// The person's contact details and working hours (see person_contact.hpp).
#include "domain/people/person_contact.hpp"

#include <array>

#include "domain/errors.hpp"

namespace resettle {

namespace {
using std::chrono::weekday;

struct DayField {
  weekday day;
  std::string_view field;
};
constexpr std::array<DayField, 7> day_fields{{{std::chrono::Monday, "work.monday"},
                                             {std::chrono::Tuesday, "work.tuesday"},
                                             {std::chrono::Wednesday, "work.wednesday"},
                                             {std::chrono::Thursday, "work.thursday"},
                                             {std::chrono::Friday, "work.friday"},
                                             {std::chrono::Saturday, "work.saturday"},
                                             {std::chrono::Sunday, "work.sunday"}}};

std::optional<WorkShift> read_shift(FieldReader& reader, const DayField& day) {
  auto text = reader.text(day.field, Need::optional, 11);
  if (text.empty()) return std::nullopt;
  auto dash = text.find('-');
  auto starts = dash == std::string::npos ? std::nullopt : parse_clock_time(text.substr(0, dash));
  auto ends = dash == std::string::npos ? std::nullopt : parse_clock_time(text.substr(dash + 1));
  if (!starts || !ends) {
    reader.fail(day.field, "must be a start and end time on the 24-hour clock, like 09:00-17:00");
    return std::nullopt;
  }
  if (*ends <= *starts) {
    reader.fail(day.field, "must end after it starts: a night shift is two days' hours, like 22:00-23:59 and 00:00-06:00");
    return std::nullopt;
  }
  return WorkShift{day.day, *starts, *ends};
}

void read_shifts(FieldReader& reader, WorkingWeek& work) {
  for (const auto& day : day_fields)
    if (auto shift = read_shift(reader, day)) work.shifts.push_back(*shift);
}
}  // namespace

WorkingWeek read_working_week(const FieldInput& input) {
  FieldReader reader{input};
  WorkingWeek work;
  read_shifts(reader, work);
  reader.throw_if_failed();
  return work;
}

FieldInput working_week_fields(const WorkingWeek& work) {
  FieldInput fields;
  for (const auto& shift : work.shifts)
    for (const auto& day : day_fields)
      if (day.day == shift.day) fields[std::string{day.field}] = to_text(shift.starts_at) + "-" + to_text(shift.ends_at);
  return fields;
}

PersonContact read_person_contact(const FieldInput& input) {
  PersonContact contact;
  std::vector<FieldError> errors;
  try {
    contact.details = read_contact_details(input);
  } catch (const ValidationFailed& failed) {
    errors = failed.errors();
  }
  try {
    contact.work = read_working_week(input);
  } catch (const ValidationFailed& failed) {
    errors.insert(errors.end(), failed.errors().begin(), failed.errors().end());
  }
  if (!errors.empty()) throw ValidationFailed(std::move(errors));
  return contact;
}

}  // namespace resettle
