// The system clock (see clock.hpp).
#include "services/clock.hpp"

#include <charconv>
#include <cstdio>
#include <stdexcept>

namespace resettle::services {

Date Clock::today() const { return Date{std::chrono::floor<std::chrono::days>(now())}; }

std::string Clock::now_iso() const { return to_iso_timestamp(now()); }

std::chrono::sys_seconds Clock::now_seconds() const { return std::chrono::floor<std::chrono::seconds>(now()); }

std::string to_iso_timestamp(std::chrono::system_clock::time_point at) {
  auto day = std::chrono::floor<std::chrono::days>(at);
  std::chrono::hh_mm_ss time{std::chrono::floor<std::chrono::milliseconds>(at - day)};
  char text[40];
  std::snprintf(text, sizeof text, "%sT%02d:%02d:%02d.%03dZ", to_iso(Date{day}).c_str(),
                static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                static_cast<int>(time.seconds().count()), static_cast<int>(time.subseconds().count()));
  return text;
}

std::chrono::sys_seconds from_iso_timestamp(std::string_view text) {
  // YYYY-MM-DDTHH:MM:SS, then optional fractions and the Z.
  auto date = text.size() >= 19 && text[10] == 'T' ? parse_iso_date(text.substr(0, 10)) : std::nullopt;
  if (!date) throw std::invalid_argument("not a UTC timestamp: " + std::string{text});
  auto number = [&](std::size_t at) {
    int value = -1;
    std::from_chars(text.data() + at, text.data() + at + 2, value);
    return value;
  };
  int hours = number(11), minutes = number(14), seconds = number(17);
  if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59 || seconds < 0 || seconds > 60)
    throw std::invalid_argument("not a UTC timestamp: " + std::string{text});
  return std::chrono::sys_days{*date} + std::chrono::hours{hours} + std::chrono::minutes{minutes} +
         std::chrono::seconds{seconds};
}

}  // namespace resettle::services
