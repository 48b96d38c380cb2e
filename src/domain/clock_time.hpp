#pragma once
// Times of day on the 24-hour clock, as people type them ("9:30", "19:30") and as Resettle keeps
// them ("09:30"). They are local times in England and Wales, so an appointment at 10:00 stays at
// 10:00 on either side of a change of the clocks.
#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace resettle {

struct ClockTime {
  int minutes = 0;  // since midnight, 0 to 1439
  auto operator<=>(const ClockTime&) const = default;
};

// "H:MM" or "HH:MM" from 00:00 to 23:59; nullopt for anything else ("25:00", "9.30", "0930").
std::optional<ClockTime> parse_clock_time(std::string_view text);
std::string to_text(ClockTime time);  // "09:30"

}  // namespace resettle
