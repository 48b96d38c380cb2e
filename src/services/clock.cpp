// The system clock (see clock.hpp).
#include "services/clock.hpp"

#include <cstdio>

namespace resettle::services {

Date Clock::today() const { return Date{std::chrono::floor<std::chrono::days>(now())}; }

std::string Clock::now_iso() const { return to_iso_timestamp(now()); }

std::string to_iso_timestamp(std::chrono::system_clock::time_point at) {
  auto day = std::chrono::floor<std::chrono::days>(at);
  std::chrono::hh_mm_ss time{std::chrono::floor<std::chrono::milliseconds>(at - day)};
  char text[40];
  std::snprintf(text, sizeof text, "%sT%02d:%02d:%02d.%03dZ", to_iso(Date{day}).c_str(),
                static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                static_cast<int>(time.seconds().count()), static_cast<int>(time.subseconds().count()));
  return text;
}

}  // namespace resettle::services
