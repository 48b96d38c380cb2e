// Unit tests of drilling down from a number to the cases behind it (domain/insight/drill_down.hpp).
#include "domain/insight/drill_down.hpp"

#include <gtest/gtest.h>

#include "insight/insight_cases.hpp"
#include "refusal.hpp"

using namespace resettle;

namespace {
using namespace insight_cases;

// Cases of the given sexes with their outcomes, side by side.
struct Split {
  std::vector<InsightCase> cases;
  std::vector<std::optional<bool>> outcomes;
  void add(const std::string& sex, std::optional<bool> outcome, int n = 1) {
    for (int i = 0; i < n; ++i) {
      cases.push_back(with_sex(a_case(), sex));
      outcomes.push_back(outcome);
    }
  }
  std::optional<std::vector<std::size_t>> behind(Cell cell) const {
    return cases_behind(cell, outcomes, cases, Characteristic::sex, the_year, DisclosureRules{});
  }
};

// 6 women (4 met), 7 men (2 met), 3 not counted.
Split six_women_seven_men() {
  Split split;
  split.add("female", true, 4);
  split.add("female", false, 2);
  split.add("male", true, 2);
  split.add("male", false, 5);
  split.add("female", std::nullopt, 3);
  return split;
}

std::vector<std::size_t> range(std::size_t from, std::size_t to) {
  std::vector<std::size_t> indexes;
  for (auto i = from; i < to; ++i) indexes.push_back(i);
  return indexes;
}

TEST(InsightDrillDown, TheTotalIsEveryoneCountedAndNoOneElse) {
  EXPECT_EQ(six_women_seven_men().behind({}), range(0, 13));
}

TEST(InsightDrillDown, AGroupIsItsPeopleCounted) {
  EXPECT_EQ(six_women_seven_men().behind({"female", false}), range(0, 6));
  EXPECT_EQ(six_women_seven_men().behind({"male", false}), range(6, 13));
}

TEST(InsightDrillDown, OnlyMetLeavesOutThoseWhoDidNotMeetIt) {
  EXPECT_EQ(six_women_seven_men().behind({"female", true}), range(0, 4));
  EXPECT_EQ(six_women_seven_men().behind({"male", true}), range(6, 8));
  EXPECT_EQ(six_women_seven_men().behind({"total", true}), (std::vector<std::size_t>{0, 1, 2, 3, 6, 7}));
}

TEST(InsightDrillDown, AGroupOfNoOneGivesAnEmptyList) {
  EXPECT_EQ(six_women_seven_men().behind({"not_stated", false}), std::vector<std::size_t>{});
}

TEST(InsightDrillDown, AHiddenGroupGivesNoList) {
  auto split = six_women_seven_men();
  split.add("prefers_not_to_say", true, 2);  // 2 is under the threshold of 5
  EXPECT_EQ(split.behind({"prefers_not_to_say", false}), std::nullopt);
  EXPECT_EQ(split.behind({"prefers_not_to_say", true}), std::nullopt);
}

TEST(InsightDrillDown, AGroupHiddenSoAnotherCannotBeWorkedOutGivesNoListEither) {
  auto split = six_women_seven_men();
  split.add("prefers_not_to_say", true, 2);
  // Secondary suppression hides the smallest other shown group, the women (6), as the table does.
  EXPECT_EQ(split.behind({"female", false}), std::nullopt);
  EXPECT_NE(split.behind({"male", false}), std::nullopt);
}

TEST(InsightDrillDown, ASmallTotalGivesNoList) {
  Split split;
  split.add("female", true, 3);
  EXPECT_EQ(split.behind({}), std::nullopt);
  EXPECT_EQ(split.behind({"female", true}), std::nullopt);
}

TEST(InsightDrillDown, AGroupTheCharacteristicDoesNotHaveIsRefusedByName) {
  EXPECT_EQ(test_support::failed_fields([] { six_women_seven_men().behind({"martian", false}); }),
            std::vector<std::string>{"group"});
}

}  // namespace
