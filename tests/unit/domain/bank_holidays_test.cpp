// Unit tests of reading bank holidays (domain/bank_holidays.hpp).
#include "domain/bank_holidays.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "domain/errors.hpp"
#include "source_tree.hpp"

using namespace resettle;

namespace {

Date day(const char* text) { return parse_iso_date(text).value(); }

std::string data_file_text() {
  std::ifstream file{source_tree() / "data/bank-holidays-england-and-wales.json"};
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

const BankHolidays& england_and_wales() {
  static const BankHolidays holidays = BankHolidays::from_json(data_file_text());
  return holidays;
}

struct DayRow {
  const char* date;
  bool bank_holiday;
};
void PrintTo(const DayRow& row, std::ostream* out) { *out << row.date; }

class DataFileDays : public ::testing::TestWithParam<DayRow> {};

TEST_P(DataFileDays, AreBankHolidaysOrNot) {
  EXPECT_EQ(england_and_wales().contains(day(GetParam().date)), GetParam().bank_holiday);
}

INSTANTIATE_TEST_SUITE_P(
    OneOffsAndSubstitutes, DataFileDays,
    ::testing::Values(DayRow{"2020-05-08", true},   // VE day, moved early May holiday
                      DayRow{"2020-05-04", false},  // the Monday it moved from
                      DayRow{"2022-06-02", true},   // moved spring holiday
                      DayRow{"2022-06-03", true},   // Platinum Jubilee
                      DayRow{"2022-05-30", false},  // the Monday it moved from
                      DayRow{"2022-09-19", true},   // State Funeral
                      DayRow{"2023-05-08", true},   // Coronation
                      DayRow{"2023-05-01", true},   // early May holiday the same year
                      DayRow{"2020-12-28", true},   // Boxing Day substitute
                      DayRow{"2021-12-27", true},   // Christmas substitute
                      DayRow{"2021-12-28", true},   // Boxing Day substitute
                      DayRow{"2021-12-25", false},  // Saturday: the substitute is the holiday
                      DayRow{"2022-01-03", true},   // New Year substitute
                      DayRow{"2022-12-27", true},   // Christmas substitute
                      DayRow{"2018-03-30", true},   // Good Friday
                      DayRow{"2024-04-01", true},   // Easter Monday
                      DayRow{"2025-08-25", true},   // summer holiday
                      DayRow{"2026-12-28", true},   // Boxing Day substitute
                      DayRow{"2027-12-27", true},   // Christmas substitute
                      DayRow{"2035-03-26", true},   // Easter Monday
                      DayRow{"2024-02-29", false}));

TEST(BankHolidays, DataFileCoversEveryYearFrom2018To2035) {
  const auto& holidays = england_and_wales();
  EXPECT_TRUE(holidays.covers(day("2018-01-01")));
  EXPECT_TRUE(holidays.covers(day("2035-12-31")));
  EXPECT_FALSE(holidays.covers(day("2017-12-31")));
  EXPECT_FALSE(holidays.covers(day("2036-01-01")));
  for (int year = 2018; year <= 2035; ++year) {
    int count = 0;
    for (auto date = Date{std::chrono::year{year}, std::chrono::January, std::chrono::day{1}};
         date.year() == std::chrono::year{year}; date = add_days(date, 1))
      count += holidays.contains(date);
    EXPECT_GE(count, 8) << year;
  }
}

TEST(BankHolidays, WorkingDaysAreWeekdaysThatAreNotHolidays) {
  const auto& holidays = england_and_wales();
  EXPECT_TRUE(holidays.is_working_day(day("2025-06-04")));
  EXPECT_FALSE(holidays.is_working_day(day("2025-06-07")));  // Saturday
  EXPECT_FALSE(holidays.is_working_day(day("2025-06-08")));  // Sunday
  EXPECT_FALSE(holidays.is_working_day(day("2025-12-25")));
}

TEST(BankHolidays, WorkingDaysCountBackwardsAsWellAsForwards) {
  // Easter 2026: Good Friday 3 April and Easter Monday 6 April.
  EXPECT_EQ(add_working_days(day("2026-04-07"), -1, england_and_wales()), day("2026-04-02"));
  EXPECT_EQ(add_working_days(day("2026-04-02"), 1, england_and_wales()), day("2026-04-07"));
  EXPECT_EQ(add_working_days(day("2026-04-11"), -5, england_and_wales()), day("2026-04-02"));  // from a Saturday
  EXPECT_EQ(add_working_days(day("2026-04-08"), 0, england_and_wales()), day("2026-04-08"));
}

TEST(BankHolidays, RepeatedDaysCountOnce) {
  BankHolidays holidays{{day("2030-01-01"), day("2030-01-01"), day("2029-12-25")}, day("2029-01-01"), day("2030-12-31")};
  EXPECT_EQ(holidays.size(), 2u);
  EXPECT_TRUE(holidays.contains(day("2029-12-25")));
}

struct BadRow {
  const char* name;
  const char* json;
  const char* field;
};
void PrintTo(const BadRow& row, std::ostream* out) { *out << row.name; }
class BadBankHolidayFiles : public ::testing::TestWithParam<BadRow> {};

TEST_P(BadBankHolidayFiles, NameTheBadField) {
  try {
    BankHolidays::from_json(GetParam().json);
    FAIL() << "accepted bad input";
  } catch (const ValidationFailed& failure) {
    ASSERT_EQ(failure.errors().size(), 1u);
    EXPECT_EQ(failure.errors().front().field, GetParam().field);
    EXPECT_FALSE(failure.errors().front().message.empty());
  }
}

#define COVERS R"("covers": {"from": "2020-01-01", "to": "2020-12-31"})"
INSTANTIATE_TEST_SUITE_P(
    Table, BadBankHolidayFiles,
    ::testing::Values(BadRow{"NotJson", "{", "bank_holidays"}, BadRow{"NotAnObject", "[]", "bank_holidays"},
                      BadRow{"NoCovers", R"({"events": []})", "covers"},
                      BadRow{"CoversWithoutTo", R"({"covers": {"from": "2020-01-01"}, "events": []})", "covers.to"},
                      BadRow{"CoversBackwards", R"({"covers": {"from": "2020-01-01", "to": "2019-01-01"}, "events": []})", "covers.to"},
                      BadRow{"NoEvents", "{" COVERS "}", "events"},
                      BadRow{"EventNotObject", "{" COVERS R"(, "events": [1]})", "events[0]"},
                      BadRow{"EventWithoutDate", "{" COVERS R"(, "events": [{"title": "x"}]})", "events[0].date"},
                      BadRow{"ImpossibleDate", "{" COVERS R"(, "events": [{"date": "2020-01-01"}, {"date": "2020-02-30"}]})", "events[1].date"},
                      BadRow{"DateNotText", "{" COVERS R"(, "events": [{"date": 20200101}]})", "events[0].date"},
                      BadRow{"DateOutsideCovers", "{" COVERS R"(, "events": [{"date": "2021-01-01"}]})", "events[0].date"}),
    [](const ::testing::TestParamInfo<BadRow>& info) { return std::string{info.param.name}; });

}  // namespace
