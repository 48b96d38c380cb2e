// Times of day (see clock_time.hpp).
#include "domain/clock_time.hpp"

#include <algorithm>

namespace resettle {

std::optional<ClockTime> parse_clock_time(std::string_view text) {
  auto colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 2 || text.size() != colon + 3) return std::nullopt;
  if (!std::all_of(text.begin(), text.end(), [](char c) { return c == ':' || (c >= '0' && c <= '9'); }))
    return std::nullopt;
  int hours = text[0] - '0';
  if (colon == 2) hours = hours * 10 + (text[1] - '0');
  int minutes = (text[colon + 1] - '0') * 10 + (text[colon + 2] - '0');
  if (hours > 23 || minutes > 59) return std::nullopt;
  return ClockTime{hours * 60 + minutes};
}

std::string to_text(ClockTime time) {
  std::string text = "00:00";
  text[0] = static_cast<char>('0' + time.minutes / 600);
  text[1] = static_cast<char>('0' + time.minutes / 60 % 10);
  text[3] = static_cast<char>('0' + time.minutes % 60 / 10);
  text[4] = static_cast<char>('0' + time.minutes % 10);
  return text;
}

}  // namespace resettle
