// Warnings while booking an appointment (see booking_warnings.hpp).
#include "domain/release_dates/booking_warnings.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "domain/staff_catalogue.hpp"

namespace resettle {

namespace {
using std::chrono::weekday;

// Stored and sent in JSON: codes may only be added to, never changed or removed; labels may change.
constexpr std::array<Coded<BookingWarningKind>, 5> kind_table{{
    {BookingWarningKind::bank_holiday, "bank_holiday", "Bank holiday"},
    {BookingWarningKind::weekend, "weekend", "Weekend"},
    {BookingWarningKind::bank_holidays_unknown, "bank_holidays_unknown", "Bank holidays not known yet"},
    {BookingWarningKind::clashes_with_appointment, "clashes_with_appointment", "Clashes with another appointment"},
    {BookingWarningKind::clashes_with_work, "clashes_with_work", "Clashes with work"},
}};

// "Mondays" ... "Sundays": the days a shift repeats on.
std::string every_weekday(weekday day) {
  static constexpr std::string_view names[] = {staff_label("Sundays"),   staff_label("Mondays"), staff_label("Tuesdays"),
                                               staff_label("Wednesdays"), staff_label("Thursdays"), staff_label("Fridays"),
                                               staff_label("Saturdays")};
  return staff_text_of(names[day.c_encoding()]);
}

// A label as it reads mid-sentence: "Drug test" -> "drug test".
std::string lower_first(std::string_view label) {
  std::string text{label};
  if (!text.empty()) text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
  return text;
}

// Half-open times: one ending as the other starts is no overlap.
bool overlap(ClockTime a_start, ClockTime a_end, ClockTime b_start, ClockTime b_end) {
  return a_start < b_end && b_start < a_end;
}

bool is_weekend(Date day) {
  auto name = weekday_of(day);
  return name == std::chrono::Saturday || name == std::chrono::Sunday;
}

// One warning at most about the day itself: a bank holiday, else a weekend, else a day the list does not reach.
void add_day_warnings(std::vector<BookingWarning>& warnings, Date on, const BankHolidays& holidays) {
  auto day = to_long_date(on);
  if (holidays.contains(on))
    warnings.push_back({BookingWarningKind::bank_holiday, on,
                        staff_text("((date)) is a bank holiday: most offices are closed", {{"date", day}})});
  else if (is_weekend(on))
    warnings.push_back({BookingWarningKind::weekend, on,
                        weekday_of(on) == std::chrono::Saturday ? staff_text("((date)) is a Saturday", {{"date", day}})
                                                                : staff_text("((date)) is a Sunday", {{"date", day}})});
  else if (!holidays.covers(on))
    warnings.push_back({BookingWarningKind::bank_holidays_unknown, on,
                        staff_text("We do not know yet whether ((date)) is a bank holiday: check before the person is told",
                                   {{"date", day}})});
}

// Other appointments overlapping `proposed` on its day, earliest start first.
void add_appointment_clashes(std::vector<BookingWarning>& warnings, const Appointment& proposed,
                             std::span<const Appointment> others) {
  std::vector<const Appointment*> clashes;
  for (const auto& other : others) {
    bool itself = proposed.id != 0 && other.id == proposed.id;
    if (!itself && !other.cancelled() && other.on == proposed.on &&
        overlap(proposed.starts_at, proposed.ends_at, other.starts_at, other.ends_at))
      clashes.push_back(&other);
  }
  std::stable_sort(clashes.begin(), clashes.end(),
                   [](const Appointment* a, const Appointment* b) { return a->starts_at < b->starts_at; });
  for (const auto* other : clashes) {
    auto type = lower_first(entry_for(appointment_types(), other->type).label);
    warnings.push_back({BookingWarningKind::clashes_with_appointment, proposed.on,
                        staff_text("Clashes with their ((type)) appointment on ((date)) from ((starts)) to ((ends))",
                                   {{"type", type}, {"date", to_long_date(other->on)},
                                    {"starts", to_text(other->starts_at)}, {"ends", to_text(other->ends_at)}}),
                        other->id});
  }
}

// Shifts on `proposed`'s weekday overlapping it, in the pattern's order.
void add_work_clashes(std::vector<BookingWarning>& warnings, const Appointment& proposed, const WorkingWeek& work) {
  auto day = weekday_of(proposed.on);
  for (const auto& shift : work.shifts)
    if (shift.day == day && overlap(proposed.starts_at, proposed.ends_at, shift.starts_at, shift.ends_at))
      warnings.push_back({BookingWarningKind::clashes_with_work, proposed.on,
                          staff_text("Clashes with their work on ((days)) from ((starts)) to ((ends))",
                                     {{"days", every_weekday(day)}, {"starts", to_text(shift.starts_at)},
                                      {"ends", to_text(shift.ends_at)}})});
}
}  // namespace

std::span<const Coded<BookingWarningKind>> booking_warning_kinds() { return kind_table; }

std::vector<BookingWarning> booking_warnings(const Appointment& proposed, std::span<const Appointment> others,
                                             const WorkingWeek& work, const BankHolidays& holidays) {
  std::vector<BookingWarning> warnings;
  add_day_warnings(warnings, proposed.on, holidays);
  add_appointment_clashes(warnings, proposed, others);
  add_work_clashes(warnings, proposed, work);
  return warnings;
}

std::vector<BookingWarning> series_warnings(const Appointment& first, std::span<const Date> days,
                                            std::span<const Appointment> others, const WorkingWeek& work,
                                            const BankHolidays& holidays) {
  std::vector<BookingWarning> warnings;
  for (auto day : days) {
    auto occurrence = first;
    occurrence.on = day;
    auto found = booking_warnings(occurrence, others, work, holidays);
    warnings.insert(warnings.end(), found.begin(), found.end());
  }
  return warnings;
}

}  // namespace resettle
