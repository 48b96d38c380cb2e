#pragma once
// Calendar dates for the domain: std::chrono::year_month_day, ISO 8601 text at the edges.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace resettle {

using Date = std::chrono::year_month_day;

// Strict YYYY-MM-DD; nullopt for anything else, including impossible dates like 2023-02-29.
std::optional<Date> parse_iso_date(std::string_view text);
std::string to_iso(Date date);
std::string to_iso(const std::optional<Date>& date);  // empty text for an unknown date
// A date as a person writes it, day first: "31/12/1990" (also "31-12-1990", "31.12.1990" or
// "31 12 1990"; one- or two-digit day and month, four-digit year); nullopt otherwise.
std::optional<Date> parse_day_month_year(std::string_view text);
// A date as staff pages show it: "31 December 1990" (GOV.UK style: no leading zero, month in full);
// long_date in language.hpp, in English (defined beside it, with the month names from the catalogue).
std::string to_long_date(Date date);
std::string to_long_date(const std::optional<Date>& date);  // empty text for an unknown date

// Defined here, not in date.cpp: the release-date calculation calls these millions of times a second.
// A step that stays within the first 28 days of the month (the days every month has) needs no
// conversion to a day number and back: the calculation's most common step, about 8% of its work.
inline Date add_days(Date date, int days) {
  const int day = static_cast<int>(static_cast<unsigned>(date.day()));
  if (days > -28 && days < 28 && day + days >= 1 && day + days <= 28)
    return Date{date.year(), date.month(), std::chrono::day{static_cast<unsigned>(day + days)}};
  return Date{std::chrono::sys_days{date} + std::chrono::days{days}};
}
// Calendar months; a day past the end of the target month is clamped to its last day
// (31 January + 1 month = 28 or 29 February).
inline Date add_months(Date date, int months) {
  using namespace std::chrono;
  auto shifted = date.year() / date.month() / day{1} + std::chrono::months{months};
  auto last = year_month_day_last{shifted.year(), month_day_last{shifted.month()}}.day();
  return Date{shifted.year(), shifted.month(), date.day() > last ? last : date.day()};
}
inline int days_between(Date from, Date to) {  // to - from, in days
  if (from.year() == to.year() && from.month() == to.month())  // no day numbers needed within a month
    return static_cast<int>(static_cast<unsigned>(to.day())) - static_cast<int>(static_cast<unsigned>(from.day()));
  return static_cast<int>((std::chrono::sys_days{to} - std::chrono::sys_days{from}).count());
}

// Age in completed years on a date. Someone born on 29 February has their birthday on 1 March in
// other years (so age_on and birthday_at_age always agree).
int age_on(Date date_of_birth, Date on);
Date birthday_at_age(Date date_of_birth, int years);

inline std::chrono::weekday weekday_of(Date date) { return std::chrono::weekday{std::chrono::sys_days{date}}; }

}  // namespace resettle
