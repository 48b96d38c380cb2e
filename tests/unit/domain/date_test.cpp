// Unit tests of calendar dates (domain/date.hpp).
#include "domain/date.hpp"

#include <gtest/gtest.h>

using namespace resettle;
using namespace std::chrono;

TEST(Date, ParsesStrictIsoDates) {
  EXPECT_EQ(parse_iso_date("2024-02-29"), Date{2024y / February / 29});
  EXPECT_FALSE(parse_iso_date("2023-02-29"));
  EXPECT_FALSE(parse_iso_date("2023-2-01"));
  EXPECT_FALSE(parse_iso_date("2023-13-01"));
  EXPECT_FALSE(parse_iso_date("2023-01-00"));
  EXPECT_FALSE(parse_iso_date("20230101"));
  EXPECT_FALSE(parse_iso_date("2023-01-0x"));
  EXPECT_FALSE(parse_iso_date(""));
}

TEST(Date, FormatsAsIso) {
  EXPECT_EQ(to_iso(Date{2025y / March / 7}), "2025-03-07");
  EXPECT_EQ(to_iso(Date{2026y / December / 31}), "2026-12-31");
  EXPECT_EQ(to_iso(Date{999y / October / 10}), "0999-10-10");
  EXPECT_EQ(to_iso(Date{12345y / January / 1}), "12345-01-01");
  EXPECT_EQ(to_iso(std::optional<Date>{}), "");
}

TEST(Date, AddsDaysAcrossMonthAndYearEnds) {
  EXPECT_EQ(add_days(Date{2024y / December / 31}, 1), Date{2025y / January / 1});
  EXPECT_EQ(add_days(Date{2024y / March / 1}, -1), Date{2024y / February / 29});
  EXPECT_EQ(days_between(Date{2024y / January / 1}, Date{2025y / January / 1}), 366);
}

TEST(Date, DayStepsWithinTheMonthAgreeWithDayNumbersEverywhere) {
  // add_days and days_between skip the day numbers for a step inside one month: every day of four
  // years (a leap year among them), every step up to seven weeks either way, against sys_days.
  for (sys_days from = sys_days{2027y / January / 1}; from < sys_days{2031y / January / 1}; from += days{1}) {
    Date date{from};
    for (int step = -49; step <= 49; ++step) {
      ASSERT_EQ(add_days(date, step), Date{from + days{step}}) << to_iso(date) << " " << step;
      ASSERT_EQ(days_between(date, Date{from + days{step}}), step) << to_iso(date) << " " << step;
    }
  }
}

TEST(Date, AddMonthsClampsToTheEndOfShortMonths) {
  EXPECT_EQ(add_months(Date{2024y / January / 31}, 1), Date{2024y / February / 29});
  EXPECT_EQ(add_months(Date{2023y / January / 31}, 1), Date{2023y / February / 28});
  EXPECT_EQ(add_months(Date{2024y / March / 31}, -1), Date{2024y / February / 29});
  EXPECT_EQ(add_months(Date{2024y / November / 15}, 2), Date{2025y / January / 15});
  EXPECT_EQ(add_months(Date{2025y / January / 15}, -15), Date{2023y / October / 15});
}

TEST(Date, ParsesDatesWrittenDayFirst) {
  EXPECT_EQ(parse_day_month_year("31/12/1990"), Date{1990y / December / 31});
  EXPECT_EQ(parse_day_month_year("1/2/2024"), Date{2024y / February / 1});
  EXPECT_EQ(parse_day_month_year("29-02-2024"), Date{2024y / February / 29});
  EXPECT_EQ(parse_day_month_year("5 3 2027"), Date{2027y / March / 5});
  EXPECT_FALSE(parse_day_month_year("29/02/2023"));  // not a leap year
  EXPECT_FALSE(parse_day_month_year("12/31/1990"));  // month first
  EXPECT_FALSE(parse_day_month_year("31/12/90"));    // two-digit year
  EXPECT_FALSE(parse_day_month_year("31/12-1990"));  // mixed separators
  EXPECT_FALSE(parse_day_month_year("031/12/1990"));
  EXPECT_FALSE(parse_day_month_year("/12/1990"));
  EXPECT_FALSE(parse_day_month_year("1990-12-31"));
  EXPECT_FALSE(parse_day_month_year(""));
}

TEST(Date, FormatsAsPagesShowIt) {
  EXPECT_EQ(to_long_date(Date{1990y / December / 31}), "31 December 1990");
  EXPECT_EQ(to_long_date(Date{2027y / February / 5}), "5 February 2027");
  EXPECT_EQ(to_long_date(std::optional<Date>{}), "");
}
