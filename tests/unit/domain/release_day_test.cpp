// Unit tests of the day of release (domain/release_day.hpp).
#include "domain/release_day.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include "source_tree.hpp"

using namespace resettle;

namespace {

Date day(const char* text) { return parse_iso_date(text).value(); }

const BankHolidays& england_and_wales() {
  static const BankHolidays holidays = [] {
    std::ifstream file{source_tree() / "data/bank-holidays-england-and-wales.json"};
    std::ostringstream text;
    text << file.rdbuf();
    return BankHolidays::from_json(text.str());
  }();
  return holidays;
}

struct Row {
  const char* name;
  const char* release;
  const char* due;
  ReleaseDayFlag flag;
  const char* proposed;  // "" = no change proposed
};
void PrintTo(const Row& row, std::ostream* out) { *out << row.name; }
struct RowName {
  std::string operator()(const ::testing::TestParamInfo<Row>& info) const { return info.param.name; }
};

class ReleaseDayRows : public ::testing::TestWithParam<Row> {};

TEST_P(ReleaseDayRows, BringFridayAndPreHolidayReleasesForward) {
  const auto& row = GetParam();
  auto adjustment = adjust_release_day(day(row.release), england_and_wales());
  EXPECT_EQ(adjustment.release_date, day(row.release));
  EXPECT_EQ(to_iso(adjustment.due_date), row.due);
  EXPECT_EQ(entry_for(release_day_flags(), adjustment.flag).code, entry_for(release_day_flags(), row.flag).code);
  EXPECT_EQ(adjustment.proposed_date ? to_iso(*adjustment.proposed_date) : "", row.proposed);
  EXPECT_TRUE(adjustment.bank_holidays_known);
}

using enum ReleaseDayFlag;
const Row rows[] = {
    {"OrdinaryWednesday", "2025-06-04", "2025-06-04", none, ""},
    {"Friday", "2025-06-06", "2025-06-06", friday, "2025-06-04"},
    {"SaturdayMovesToFriday", "2025-06-07", "2025-06-06", friday, "2025-06-04"},
    {"SundayMovesToFriday", "2025-06-08", "2025-06-06", friday, "2025-06-04"},
    {"ThursdayBeforeGoodFriday", "2025-04-17", "2025-04-17", before_bank_holiday, "2025-04-15"},
    {"GoodFriday", "2025-04-18", "2025-04-17", before_bank_holiday, "2025-04-15"},
    {"EasterMonday", "2025-04-21", "2025-04-17", before_bank_holiday, "2025-04-15"},
    {"TuesdayAfterEaster", "2025-04-22", "2025-04-22", none, ""},
    {"FridayBeforeEarlyMay", "2025-05-02", "2025-05-02", friday, "2025-04-30"},
    {"ChristmasEve2025", "2025-12-24", "2025-12-24", before_bank_holiday, "2025-12-22"},
    {"ChristmasDay2025", "2025-12-25", "2025-12-24", before_bank_holiday, "2025-12-22"},
    {"BoxingDay2025", "2025-12-26", "2025-12-24", before_bank_holiday, "2025-12-22"},
    {"BeforeJubileeWhen30MayWasAWorkingDay", "2022-06-01", "2022-06-01", before_bank_holiday, "2022-05-30"},
    {"MovedSpringBankHoliday", "2022-06-02", "2022-06-01", before_bank_holiday, "2022-05-30"},
    {"PlatinumJubilee", "2022-06-03", "2022-06-01", before_bank_holiday, "2022-05-30"},
    {"FridayBeforeStateFuneral", "2022-09-16", "2022-09-16", friday, "2022-09-14"},
    {"StateFuneral", "2022-09-19", "2022-09-16", friday, "2022-09-14"},
    {"ThursdayBeforeVeDay", "2020-05-07", "2020-05-07", before_bank_holiday, "2020-05-05"},
    {"VeDay", "2020-05-08", "2020-05-07", before_bank_holiday, "2020-05-05"},
    {"FridayBeforeCoronation", "2023-05-05", "2023-05-05", friday, "2023-05-03"},
    {"Coronation", "2023-05-08", "2023-05-05", friday, "2023-05-03"},
    {"TuesdayAfterCoronation", "2023-05-09", "2023-05-09", none, ""},
    {"FridayBeforeChristmas2023", "2023-12-22", "2023-12-22", friday, "2023-12-20"},
    {"WednesdayAfterChristmas2023", "2023-12-27", "2023-12-27", none, ""},
    {"ChristmasSubstituteDay2022", "2022-12-27", "2022-12-23", friday, "2022-12-21"},
    {"DayAfterNewYearMonday", "2024-01-02", "2024-01-02", none, ""},
    {"ChristmasEveTuesdayCrossesTheWeekend", "2024-12-24", "2024-12-24", before_bank_holiday, "2024-12-20"},
    {"ChristmasEve2019", "2019-12-24", "2019-12-24", before_bank_holiday, "2019-12-20"},
    {"NewYearsDayOnFriday", "2021-01-01", "2020-12-31", before_bank_holiday, "2020-12-29"},
    {"NewYearsEve2020", "2020-12-31", "2020-12-31", before_bank_holiday, "2020-12-29"},
    {"NewYearSubstituteMonday", "2022-01-03", "2021-12-31", friday, "2021-12-29"},
    {"LeapDayThursday", "2024-02-29", "2024-02-29", none, ""},
    {"FridayAfterLeapDay", "2024-03-01", "2024-03-01", friday, "2024-02-28"},
    {"LeapDayTuesday2028", "2028-02-29", "2028-02-29", none, ""},
    {"ThursdayBeforeGoodFriday2026AcrossMonthEnd", "2026-04-02", "2026-04-02", before_bank_holiday, "2026-03-31"},
    {"EasterMonday2026", "2026-04-06", "2026-04-02", before_bank_holiday, "2026-03-31"},
};
INSTANTIATE_TEST_SUITE_P(Table, ReleaseDayRows, ::testing::ValuesIn(rows), RowName{});

TEST(ReleaseDay, SaysWhenTheBankHolidayListDoesNotCoverTheDate) {
  auto beyond = adjust_release_day(day("2040-01-06"), england_and_wales());
  EXPECT_FALSE(beyond.bank_holidays_known);
  EXPECT_EQ(beyond.flag, ReleaseDayFlag::friday);  // Fridays are flagged all the same
  EXPECT_EQ(beyond.proposed_date, day("2040-01-04"));
  EXPECT_FALSE(adjust_release_day(day("2035-12-31"), england_and_wales()).bank_holidays_known);
  EXPECT_TRUE(adjust_release_day(day("2035-12-28"), england_and_wales()).bank_holidays_known);
}

TEST(ReleaseDay, WorksWithAnyHolidayList) {
  BankHolidays one_day{{day("2030-03-13")}, day("2030-01-01"), day("2030-12-31")};
  auto adjustment = adjust_release_day(day("2030-03-12"), one_day);  // a Tuesday
  EXPECT_EQ(adjustment.flag, ReleaseDayFlag::before_bank_holiday);
  EXPECT_EQ(adjustment.proposed_date, day("2030-03-08"));  // back over the weekend to Friday
  EXPECT_EQ(adjust_release_day(day("2030-03-12"), BankHolidays{}).flag, ReleaseDayFlag::none);
}

TEST(ReleaseDay, EveryFlagHasOneRowInOrder) {
  auto flags = release_day_flags();
  ASSERT_EQ(flags.size(), 4u);
  for (std::size_t index = 0; index < flags.size(); ++index) EXPECT_EQ(static_cast<std::size_t>(flags[index].value), index);
}

}  // namespace
