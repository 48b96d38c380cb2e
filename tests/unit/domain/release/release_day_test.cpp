// Unit tests of the day of release (domain/release/release_day.hpp).
#include "domain/release/release_day.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <vector>
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

// Every case in tests/fixtures/release_day/*.json: a release date, the facts of the three layers,
// and the expected statutory date, flag, legal maximum, policy date and COM-request date.
struct Case {
  std::string name;
  nlohmann::json body;
};
void PrintTo(const Case& c, std::ostream* out) { *out << c.name; }

std::vector<Case> cases() {
  std::vector<Case> all;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(source_tree() / "tests/fixtures/release_day"))
    files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    std::ifstream in{file};
    auto document = nlohmann::json::parse(in);
    for (const auto& body : document.at("cases"))
      all.push_back({file.stem().string() + "_" + body.at("name").get<std::string>(), body});
  }
  return all;
}

std::string text_of(const std::optional<Date>& date) { return date ? to_iso(*date) : ""; }

class ReleaseDayCases : public ::testing::TestWithParam<Case> {};

TEST_P(ReleaseDayCases, FollowTheThreeLayers) {
  const auto& body = GetParam().body;
  ASSERT_TRUE(body.contains("source"));
  ReleaseDayFacts facts;
  const auto input = body.value("facts", nlohmann::json::object());
  if (input.value("direction", "release") == "home_detention_curfew") facts.direction = ReleaseDayDirection::home_detention_curfew;
  if (input.contains("term_days")) facts.term_days = input["term_days"].get<int>();
  if (input.contains("days_served")) facts.days_served = input["days_served"].get<int>();
  facts.indeterminate = input.value("indeterminate", false);
  facts.parole_board_release = input.value("parole_board_release", false);
  facts.child = input.value("child", false);
  facts.com_request_approved_by = input.value("com_request_approved_by", "");
  auto adjustment = adjust_release_day(day(body.at("release_date").get<std::string>().c_str()), england_and_wales(), facts);
  const auto& expected = body.at("expected");
  EXPECT_EQ(to_iso(adjustment.due_date), expected.at("due_date").get<std::string>());
  EXPECT_EQ(entry_for(release_day_flags(), adjustment.flag).code, expected.at("flag").get<std::string>());
  auto optional_text = [&](const char* field) { return expected.contains(field) && !expected[field].is_null() ? expected[field].get<std::string>() : ""; };
  EXPECT_EQ(text_of(adjustment.proposed_date), optional_text("proposed_date"));
  if (expected.contains("presumed_date")) { EXPECT_EQ(text_of(adjustment.presumed_date), optional_text("presumed_date")); }
  if (expected.contains("com_request_date")) {
    EXPECT_EQ(text_of(adjustment.com_request_date), optional_text("com_request_date"));
    EXPECT_EQ(adjustment.approved_by, adjustment.com_request_date ? facts.com_request_approved_by : "");
  }
  EXPECT_TRUE(adjustment.bank_holidays_known);
}

struct CaseName {
  std::string operator()(const ::testing::TestParamInfo<Case>& info) const { return info.param.name; }
};
INSTANTIATE_TEST_SUITE_P(Fixtures, ReleaseDayCases, ::testing::ValuesIn(cases()), CaseName{});

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
