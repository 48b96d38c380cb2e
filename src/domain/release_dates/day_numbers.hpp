#pragma once
// Days as numbers inside the release-date calculation (days since 1 January 1970): adding, counting and
// comparing days are then one integer operation each, and the calendar is needed only for months and
// years. The calculation turns the booking's dates into day numbers where it reads them and its key dates
// back into dates where it answers. Private to src/domain/release_dates.
#include <chrono>

#include "domain/date.hpp"
#include "domain/release_dates/booking.hpp"

namespace resettle {

using DayNumber = int;

constexpr DayNumber day_number(Date date) { return static_cast<DayNumber>(std::chrono::sys_days{date}.time_since_epoch().count()); }
constexpr Date date_of(DayNumber day) { return Date{std::chrono::sys_days{std::chrono::days{day}}}; }

// Calendar months from a day, clamped to the last day of a shorter month (add_months in date.hpp).
inline DayNumber add_months(DayNumber day, int months) { return day_number(add_months(date_of(day), months)); }

// The last day of a term whose first day is `start` (term_end, booking.hpp).
inline DayNumber term_end(DayNumber start, const Term& term) { return day_number(term_end(date_of(start), term)); }

}  // namespace resettle
