// Unit tests of dates and times written out the GOV.UK way in English and Welsh (domain/language.hpp).
#include "domain/language.hpp"

#include <gtest/gtest.h>

#include <set>

using namespace resettle;
using namespace std::chrono;

namespace {
ClockTime at(int hours, int minutes) { return ClockTime{hours * 60 + minutes}; }
}  // namespace

TEST(LanguageLongDate, NamesEveryMonthInEnglishAndWelsh) {
  struct Case {
    std::chrono::month in;
    const char* english;
    const char* welsh;
  };
  const Case cases[] = {
      {January, "5 January 2027", "5 Ionawr 2027"},       {February, "5 February 2027", "5 Chwefror 2027"},
      {March, "5 March 2027", "5 Mawrth 2027"},           {April, "5 April 2027", "5 Ebrill 2027"},
      {May, "5 May 2027", "5 Mai 2027"},                  {June, "5 June 2027", "5 Mehefin 2027"},
      {July, "5 July 2027", "5 Gorffennaf 2027"},         {August, "5 August 2027", "5 Awst 2027"},
      {September, "5 September 2027", "5 Medi 2027"},     {October, "5 October 2027", "5 Hydref 2027"},
      {November, "5 November 2027", "5 Tachwedd 2027"},   {December, "5 December 2027", "5 Rhagfyr 2027"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(long_date(2027y / c.in / 5, Language::en), c.english);
    EXPECT_EQ(long_date(2027y / c.in / 5, Language::cy), c.welsh);
  }
}

TEST(LanguageLongDate, HasNoLeadingZeroAndTheYearInFull) {
  EXPECT_EQ(long_date(2027y / February / 1, Language::en), "1 February 2027");
  EXPECT_EQ(long_date(1990y / December / 31, Language::cy), "31 Rhagfyr 1990");
  EXPECT_EQ(to_long_date(Date{2024y / February / 29}), "29 February 2024") << "staff pages: the English";
  EXPECT_EQ(to_long_date(std::optional<Date>{}), "");
}

TEST(LanguageLongDateWithDay, NamesEveryDayOfTheWeekWithoutMutation) {
  // Monday 1 February 2027 to Sunday 7 February 2027.
  const char* english[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
  const char* welsh[] = {"Dydd Llun", "Dydd Mawrth", "Dydd Mercher", "Dydd Iau",
                         "Dydd Gwener", "Dydd Sadwrn", "Dydd Sul"};
  for (unsigned day = 1; day <= 7; ++day) {
    Date date = 2027y / February / day;
    auto number = std::to_string(day);
    EXPECT_EQ(long_date_with_day(date, Language::en), std::string{english[day - 1]} + " " + number + " February 2027");
    EXPECT_EQ(long_date_with_day(date, Language::cy), std::string{welsh[day - 1]} + " " + number + " Chwefror 2027");
  }
  EXPECT_EQ(long_date_with_day(2027y / February / 5, Language::en), "Friday 5 February 2027");
  EXPECT_EQ(long_date_with_day(2027y / February / 5, Language::cy), "Dydd Gwener 5 Chwefror 2027");
  EXPECT_EQ(long_date_with_day(2024y / February / 29, Language::en), "Thursday 29 February 2024");
}

TEST(LanguageTimeOfDay, UsesTheTwelveHourClockTheGovUkWay) {
  struct Case {
    ClockTime time;
    const char* english;
    const char* welsh;
  };
  const Case cases[] = {
      {at(0, 0), "12am", "12yb"},         // midnight
      {at(0, 5), "12:05am", "12:05yb"},   {at(0, 30), "12:30am", "12:30yb"},
      {at(1, 0), "1am", "1yb"},           {at(9, 0), "9am", "9yb"},
      {at(9, 5), "9:05am", "9:05yb"},     {at(10, 45), "10:45am", "10:45yb"},
      {at(11, 59), "11:59am", "11:59yb"}, {at(12, 0), "12pm", "12yp"},  // midday
      {at(12, 1), "12:01pm", "12:01yp"},  {at(13, 0), "1pm", "1yp"},
      {at(14, 30), "2:30pm", "2:30yp"},   {at(23, 59), "11:59pm", "11:59yp"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(time_of_day(c.time, Language::en), c.english);
    EXPECT_EQ(time_of_day(c.time, Language::cy), c.welsh);
  }
}

TEST(LanguageTimeOfDay, EveryMinuteOfTheDayReadsDifferentlyAndTheWelshSwapsOnlyTheSuffix) {
  // "H", "H:MM" with an hour of 1 to 12 and minutes of 01 to 59, then "am" or "pm".
  auto well_formed = [](const std::string& text) {
    if (text.size() < 3 || !(text.ends_with("am") || text.ends_with("pm"))) return false;
    auto clock = text.substr(0, text.size() - 2), hour = clock.substr(0, clock.find(':'));
    if (hour.empty() || hour.size() > 2 || hour[0] == '0' || std::stoi(hour) > 12) return false;
    if (hour.size() == clock.size()) return true;
    auto minutes = clock.substr(hour.size() + 1);
    return minutes.size() == 2 && minutes[0] <= '5' && minutes != "00";
  };
  std::set<std::string> seen;
  for (int minutes = 0; minutes < 24 * 60; ++minutes) {
    auto english = time_of_day(ClockTime{minutes}, Language::en);
    EXPECT_TRUE(well_formed(english)) << english;
    EXPECT_EQ(english.ends_with("pm"), minutes >= 12 * 60) << english;
    EXPECT_EQ(english.find(':') == std::string::npos, minutes % 60 == 0) << english;
    seen.insert(english);
    auto welsh = english.substr(0, english.size() - 2) + (minutes < 12 * 60 ? "yb" : "yp");
    EXPECT_EQ(time_of_day(ClockTime{minutes}, Language::cy), welsh);
  }
  EXPECT_EQ(seen.size(), 24u * 60u);
}
