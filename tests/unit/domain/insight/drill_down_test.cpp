// Unit tests of drilling down from a number to the cases behind it (domain/insight/drill_down.hpp).
#include "domain/insight/drill_down.hpp"
#include "domain/insight/figures.hpp"

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
    return cases_behind(cell, outcomes, group_indexes(cases, Characteristic::sex, the_year), Characteristic::sex,
                        DisclosureRules{});
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

namespace {

// 6 on time, 5 eight to fourteen days late, 1 with no COM yet, 1 not counted.
std::vector<std::optional<Lateness>> lateness_of_thirteen() {
  std::vector<std::optional<Lateness>> days(6, Lateness{0});
  days.insert(days.end(), 5, Lateness{10});
  days.push_back(std::nullopt);
  days.push_back(Lateness{std::nullopt});
  return days;
}

}  // namespace

TEST(InsightDrillDown, ABandOfADistributionListsItsEntriesAsTheDistributionCountsThem) {
  auto days = lateness_of_thirteen();
  auto bands = com_lateness_day_bands();
  EXPECT_EQ(cases_in_bucket("on_time", days, bands, {}), (std::vector<std::size_t>{0, 1, 2, 3, 4, 5}));
  EXPECT_EQ(cases_in_bucket("1_to_7_days", days, bands, {}), std::vector<std::size_t>{});  // zero is shown
  const DisclosureRules show_all{1, 0.1};
  EXPECT_EQ(cases_in_bucket("8_to_14_days", days, bands, show_all), (std::vector<std::size_t>{6, 7, 8, 9, 10}));
  EXPECT_EQ(cases_in_bucket("not_yet_allocated", days, bands, show_all), std::vector<std::size_t>{12});
}

TEST(InsightDrillDown, AHiddenBandListsNoOneAndNorDoesTheOneHiddenBesideIt) {
  auto days = lateness_of_thirteen();
  auto bands = com_lateness_day_bands();
  EXPECT_EQ(cases_in_bucket("not_yet_allocated", days, bands, {}), std::nullopt);  // 1: under 5
  EXPECT_EQ(cases_in_bucket("8_to_14_days", days, bands, {}), std::nullopt);       // else 12 - 6 - 5 gives it away
}

TEST(InsightDrillDown, ABandTheDistributionDoesNotHaveIsRefusedByName) {
  auto days = lateness_of_thirteen();
  EXPECT_EQ(test_support::failed_fields([&] { cases_in_bucket("soon", days, first_contact_day_bands(), {}); }),
            std::vector<std::string>{"band"});
  EXPECT_EQ(test_support::failed_fields([&] { cases_in_bucket("on_time", days, first_contact_day_bands(), {}); }),
            std::vector<std::string>{"band"});  // a band of the other distribution
}

TEST(InsightDrillDown, EachEntryFallsInTheFirstBandItsDaysFit) {
  auto bands = first_contact_day_bands();
  EXPECT_EQ(bucket_of(Lateness{0}, bands), 0u);
  EXPECT_EQ(bucket_of(Lateness{7}, bands), 0u);
  EXPECT_EQ(bucket_of(Lateness{8}, bands), 1u);
  EXPECT_EQ(bucket_of(Lateness{28}, bands), 2u);
  EXPECT_EQ(bucket_of(Lateness{29}, bands), 3u);
  EXPECT_EQ(bucket_of(Lateness{std::nullopt}, bands), 4u);  // no contact yet: the last bucket
}
