// Unit tests of the monthly quality sample (domain/insight/quality_sample.hpp): reproducible, independent of
// the order cases come in, different by month and team, and never more than there are.
#include "domain/insight/quality_sample.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <set>

#include "code_table_checks.hpp"

using namespace resettle;
using namespace std::chrono;

namespace {
std::vector<std::int64_t> cases(int n) {
  std::vector<std::int64_t> ids(static_cast<std::size_t>(n));
  std::iota(ids.begin(), ids.end(), 100);
  return ids;
}
}  // namespace

TEST(QualitySample, ChecksTableIsComplete) { code_checks::expect_complete_code_table(quality_checks(), 5); }

TEST(QualitySample, TheSameTeamAndMonthGiveTheSameSample) {
  auto first = monthly_sample(cases(60), "LDS-A", 2026y / December, 5);
  EXPECT_EQ(first.size(), 5u);
  EXPECT_EQ(monthly_sample(cases(60), "LDS-A", 2026y / December, 5), first);
  EXPECT_TRUE(std::ranges::is_sorted(first));
  std::set<std::int64_t> distinct(first.begin(), first.end());
  EXPECT_EQ(distinct.size(), 5u);
  for (auto id : first) EXPECT_TRUE(id >= 100 && id < 160);
}

TEST(QualitySample, TheOrderTheCasesComeInDoesNotMatter) {
  auto ids = cases(40);
  auto reversed = std::vector<std::int64_t>(ids.rbegin(), ids.rend());
  EXPECT_EQ(monthly_sample(reversed, "LDS-A", 2026y / December, 6), monthly_sample(ids, "LDS-A", 2026y / December, 6));
}

TEST(QualitySample, IsFixedAcrossBuilds) {
  // The seed and generator are our own: this sample must never change, or past samples cannot be redrawn.
  EXPECT_EQ(monthly_sample(cases(20), "T1", 2026y / January, 3), (std::vector<std::int64_t>{103, 114, 118}));
  EXPECT_EQ(monthly_sample(cases(1000), "LEI-OMU", 2027y / March, 4), (std::vector<std::int64_t>{526, 790, 891, 1054}));
}

TEST(QualitySample, AnotherMonthOrTeamGivesAnotherSample) {
  auto december = monthly_sample(cases(200), "LDS-A", 2026y / December, 10);
  EXPECT_NE(monthly_sample(cases(200), "LDS-A", 2027y / January, 10), december);
  EXPECT_NE(monthly_sample(cases(200), "LDS-B", 2026y / December, 10), december);
}

TEST(QualitySample, NeverMoreThanThereAreAndNoneForNoSize) {
  EXPECT_EQ(monthly_sample(cases(3), "LDS-A", 2026y / December, 5), cases(3));
  EXPECT_TRUE(monthly_sample(cases(3), "LDS-A", 2026y / December, 0).empty());
  EXPECT_TRUE(monthly_sample(cases(3), "LDS-A", 2026y / December, -2).empty());
  EXPECT_TRUE(monthly_sample({}, "LDS-A", 2026y / December, 5).empty());
  std::vector<std::int64_t> repeated{7, 7, 8};
  EXPECT_EQ(monthly_sample(repeated, "LDS-A", 2026y / December, 5), (std::vector<std::int64_t>{7, 8}));
}

TEST(QualitySample, EveryCaseCanBeChosen) {
  std::set<std::int64_t> seen;
  for (int month = 1; month <= 12; ++month)
    for (auto id : monthly_sample(cases(10), "LDS-A", 2026y / std::chrono::month{static_cast<unsigned>(month)}, 3)) seen.insert(id);
  EXPECT_EQ(seen.size(), 10u);
}
