// Calendar date arithmetic and ISO 8601 text (see date.hpp).
#include "domain/date.hpp"

#include <array>
#include <string>

namespace resettle {

namespace {
bool all_digits(std::string_view text) {
  for (char c : text)
    if (c < '0' || c > '9') return false;
  return true;
}
int to_int(std::string_view digits) {
  int value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}
}  // namespace

std::optional<Date> parse_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto year = text.substr(0, 4), month = text.substr(5, 2), day = text.substr(8, 2);
  if (!all_digits(year) || !all_digits(month) || !all_digits(day)) return std::nullopt;
  Date date{std::chrono::year{to_int(year)}, std::chrono::month{static_cast<unsigned>(to_int(month))},
            std::chrono::day{static_cast<unsigned>(to_int(day))}};
  if (!date.ok()) return std::nullopt;
  return date;
}

// By hand, not snprintf: worklist pages format a few dates on every row, and snprintf cost them about
// 4% of their instructions.
std::string to_iso(Date date) {
  int year = static_cast<int>(date.year());
  std::string text = std::to_string(year);
  if (year >= 0 && text.size() < 4) text.insert(0, 4 - text.size(), '0');
  auto append_two_digits = [&text](unsigned value) {
    text += static_cast<char>('0' + value / 10);
    text += static_cast<char>('0' + value % 10);
  };
  text += '-';
  append_two_digits(static_cast<unsigned>(date.month()));
  text += '-';
  append_two_digits(static_cast<unsigned>(date.day()));
  return text;
}

std::string to_iso(const std::optional<Date>& date) { return date ? to_iso(*date) : std::string{}; }

std::optional<Date> parse_day_month_year(std::string_view text) {
  auto separator = text.find_first_of("/-. ");
  if (separator == std::string_view::npos) return std::nullopt;
  auto second = text.find(text[separator], separator + 1);
  if (second == std::string_view::npos) return std::nullopt;
  auto day = text.substr(0, separator), month = text.substr(separator + 1, second - separator - 1),
       year = text.substr(second + 1);
  bool digits = all_digits(day) && all_digits(month) && all_digits(year);
  if (!digits || day.empty() || day.size() > 2 || month.empty() || month.size() > 2 || year.size() != 4)
    return std::nullopt;
  Date date{std::chrono::year{to_int(year)}, std::chrono::month{static_cast<unsigned>(to_int(month))},
            std::chrono::day{static_cast<unsigned>(to_int(day))}};
  if (!date.ok()) return std::nullopt;
  return date;
}

int age_on(Date date_of_birth, Date on) {
  int age = static_cast<int>(on.year()) - static_cast<int>(date_of_birth.year());
  bool birthday_to_come = on.month() < date_of_birth.month() ||
                          (on.month() == date_of_birth.month() && on.day() < date_of_birth.day());
  return birthday_to_come ? age - 1 : age;
}

Date birthday_at_age(Date date_of_birth, int years) {
  using namespace std::chrono;
  auto year = date_of_birth.year() + std::chrono::years{years};
  if (date_of_birth.month() == February && date_of_birth.day() == 29d && !year.is_leap()) return year / March / 1;
  return year / date_of_birth.month() / date_of_birth.day();
}

}  // namespace resettle
