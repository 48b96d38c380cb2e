// Unit tests of when insight figures worked out earlier may be shown again (domain/insight/freshness.hpp).
#include "domain/insight/freshness.hpp"

#include <gtest/gtest.h>

using namespace resettle;
using namespace std::chrono;

namespace {

const Date today{2027y, February, 5d};
const Timestamp noon = sys_days{today} + 12h;
const WorkedOut figures{noon, today, 40};

TEST(InsightFreshness, FiguresWithNoChangeSinceAreInStepHoweverOld) {
  EXPECT_EQ(reuse_of(figures, noon, today, 40, 0s), Reuse::in_step);
  EXPECT_EQ(reuse_of(figures, noon + 11h, today, 40, 0s), Reuse::in_step);
}

TEST(InsightFreshness, AnyChangeSinceMeansWorkingThemOutAgainWhenNoAgeIsAllowed) {
  EXPECT_EQ(reuse_of(figures, noon, today, 41, 0s), Reuse::work_out);
}

TEST(InsightFreshness, AfterAChangeTheyAreShownWithTheirAgeUpToTheAllowedAgeAndNoLonger) {
  EXPECT_EQ(reuse_of(figures, noon + 5min, today, 41, 5min), Reuse::with_its_age);
  EXPECT_EQ(reuse_of(figures, noon + 5min + 1s, today, 41, 5min), Reuse::work_out);
}

TEST(InsightFreshness, ANewDayMeansWorkingThemOutAgainEvenWithNoChange) {
  // The measures look back from today: a release 28 days ago yesterday is not one today.
  EXPECT_EQ(reuse_of(figures, noon + 12h, add_days(today, 1), 40, 24h), Reuse::work_out);
}

}  // namespace
