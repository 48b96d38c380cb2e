#pragma once
// Local time in England and Wales (GMT, and BST in summer) for rules that speak of the hours on the
// clock, such as quiet hours and reminders; timestamps stay UTC everywhere else.
#include <chrono>

#include "domain/clock_time.hpp"
#include "domain/date.hpp"

namespace resettle {

using Timestamp = std::chrono::sys_seconds;  // UTC, as sign_in_policy.hpp names it

// A date and a time on the clock in England and Wales, to the minute.
struct LocalDateTime {
  Date on{};
  ClockTime at{};
  auto operator<=>(const LocalDateTime&) const = default;
};

// True while British Summer Time is in force: from 01:00 UTC on the last Sunday of March to 01:00 UTC
// on the last Sunday of October (Summer Time Act 1972 as amended). A fixed rule, so no time-zone
// database is needed and the domain stays pure.
bool british_summer_time(Timestamp at);

// The local date and time at `at`; seconds are dropped.
LocalDateTime uk_local(Timestamp at);

// The instant a local date and time names. A time in the hour skipped when the clocks go forward is
// read as GMT (so it falls an hour later on the clock); a time in the hour that happens twice when
// they go back is the first of the two (BST).
Timestamp from_uk_local(LocalDateTime local);

}  // namespace resettle
