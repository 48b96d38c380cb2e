// The day-of-release rule for weekends and bank holidays (see release_day.hpp).
#include "domain/release_day.hpp"

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
}  // namespace

std::span<const Coded<ReleaseDayFlag>> release_day_flags() { return flag_table; }

ReleaseDayAdjustment adjust_release_day(Date release_date, const BankHolidays& holidays) {
  ReleaseDayAdjustment adjustment;
  adjustment.release_date = adjustment.due_date = release_date;
  adjustment.bank_holidays_known = holidays.covers(release_date) && holidays.covers(add_days(release_date, 1));
  if (!holidays.is_working_day(release_date)) {
    adjustment.due_date = previous_working_day(release_date, holidays);
    adjustment.flag = ReleaseDayFlag::non_working_day;
  }
  bool friday = weekday_of(adjustment.due_date) == std::chrono::Friday;
  bool before_bank_holiday = holidays.contains(add_days(adjustment.due_date, 1));
  if (!friday && !before_bank_holiday) return adjustment;
  adjustment.flag = friday ? ReleaseDayFlag::friday : ReleaseDayFlag::before_bank_holiday;
  Date proposed = adjustment.due_date;
  for (int step = 0; step < release_day_bring_forward_working_days; ++step)
    proposed = previous_working_day(proposed, holidays);
  adjustment.proposed_date = proposed;
  return adjustment;
}

}  // namespace resettle
