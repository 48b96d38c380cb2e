// The day-of-release rule for weekends and bank holidays (see release_day.hpp).
#include "domain/release/release_day.hpp"

#include <array>

namespace resettle {

namespace {
// Stored and sent in JSON: codes may only be added to, never changed or removed; labels may change.
constexpr std::array<Coded<ReleaseDayFlag>, 4> flag_table{{
    {ReleaseDayFlag::none, "none", "Release falls on a working day that needs no change"},
    {ReleaseDayFlag::non_working_day, "non_working_day",
     "Release falls on a weekend or bank holiday, so it happens on the last working day before"},
    {ReleaseDayFlag::friday, "friday",
     "Release falls on a Friday: it may be brought forward by up to 2 working days"},
    {ReleaseDayFlag::before_bank_holiday, "before_bank_holiday",
     "Release falls the day before a bank holiday: it may be brought forward by up to 2 working days"},
}};

Date previous_working_day(Date day, const BankHolidays& holidays) {
  do day = add_days(day, -1);
  while (!holidays.is_working_day(day));
  return day;
}

// Statute's non-working days: Sunday and bank holidays (Christmas Day and Good Friday are in the
// list), and Saturday only for terms over 5 days.
bool statutory_release_day(Date day, const BankHolidays& holidays, bool saturday_allowed) {
  auto weekday = weekday_of(day);
  if (weekday == std::chrono::Sunday || holidays.contains(day)) return false;
  return saturday_allowed || weekday != std::chrono::Saturday;
}

Date statutory_move(Date day, const BankHolidays& holidays, const ReleaseDayFacts& facts) {
  bool saturday_allowed = facts.term_days && *facts.term_days <= release_day_saturday_release_term_days;
  int step = facts.direction == ReleaseDayDirection::home_detention_curfew ? 1 : -1;
  while (!statutory_release_day(day, holidays, saturday_allowed)) day = add_days(day, step);
  return day;
}

// A working day not followed by a non-working day, up to `days` working days before `from`.
std::optional<Date> earlier_working_day(Date from, int days, const BankHolidays& holidays) {
  std::optional<Date> found;
  Date day = from;
  for (int step = 0; step < days; ++step) {
    day = previous_working_day(day, holidays);
    if (holidays.is_working_day(add_days(day, 1))) found = day;
  }
  return found;
}
}  // namespace

std::span<const Coded<ReleaseDayFlag>> release_day_flags() { return flag_table; }

ReleaseDayAdjustment adjust_release_day(Date release_date, const BankHolidays& holidays) {
  return adjust_release_day(release_date, holidays, ReleaseDayFacts{});
}

ReleaseDayAdjustment adjust_release_day(Date release_date, const BankHolidays& holidays, const ReleaseDayFacts& facts) {
  ReleaseDayAdjustment adjustment;
  adjustment.release_date = release_date;
  adjustment.bank_holidays_known = holidays.covers(release_date) && holidays.covers(add_days(release_date, 1));
  adjustment.due_date = statutory_move(release_date, holidays, facts);
  if (adjustment.due_date != release_date) adjustment.flag = ReleaseDayFlag::non_working_day;
  if (facts.direction == ReleaseDayDirection::home_detention_curfew) return adjustment;
  bool friday = weekday_of(adjustment.due_date) == std::chrono::Friday;
  bool before_bank_holiday = holidays.contains(add_days(adjustment.due_date, 1));
  if (!friday && !before_bank_holiday) return adjustment;
  adjustment.flag = friday ? ReleaseDayFlag::friday : ReleaseDayFlag::before_bank_holiday;
  Date proposed = adjustment.due_date;
  for (int step = 0; step < release_day_bring_forward_working_days; ++step)
    proposed = previous_working_day(proposed, holidays);
  adjustment.proposed_date = proposed;
  bool policy = !facts.indeterminate && !facts.parole_board_release &&
                facts.days_served.value_or(release_day_policy_minimum_served_days) >= release_day_policy_minimum_served_days;
  if (!policy) return adjustment;
  adjustment.presumed_date = earlier_working_day(adjustment.due_date, facts.child ? 2 : 1, holidays);
  if (!facts.child && !facts.com_request_approved_by.empty()) {
    adjustment.com_request_date = earlier_working_day(adjustment.due_date, 2, holidays);
    adjustment.approved_by = facts.com_request_approved_by;
  }
  return adjustment;
}

}  // namespace resettle
