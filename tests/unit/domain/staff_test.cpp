#include "domain/staff.hpp"

#include <gtest/gtest.h>

#include "code_table_checks.hpp"

using namespace resettle;

namespace {
Date day(const char* iso) { return *parse_iso_date(iso); }

StaffMember away(std::optional<Date> from, std::optional<Date> until) {
  StaffMember staff;
  staff.away_from = from;
  staff.away_until = until;
  return staff;
}
}  // namespace

TEST(Specialism, TableCoversEverySpecialism) { code_checks::expect_complete_code_table(specialisms(), 3); }

TEST(StaffAbsence, AwayFromTheFirstDayToTheLastDayInclusive) {
  auto staff = away(day("2026-12-01"), day("2026-12-14"));
  EXPECT_FALSE(is_away(staff, day("2026-11-30")));
  EXPECT_TRUE(is_away(staff, day("2026-12-01")));
  EXPECT_TRUE(is_away(staff, day("2026-12-14")));
  EXPECT_FALSE(is_away(staff, day("2026-12-15")));
}

TEST(StaffAbsence, NoEndDateMeansAwayUntilFurtherNotice) {
  auto staff = away(day("2026-12-01"), std::nullopt);
  EXPECT_TRUE(is_away(staff, day("2027-06-01")));
  EXPECT_FALSE(is_away(staff, day("2026-11-01")));
}

TEST(StaffAbsence, NoStartDateMeansNotAway) {
  EXPECT_FALSE(is_away(away(std::nullopt, std::nullopt), day("2026-12-01")));
  EXPECT_FALSE(is_away(away(std::nullopt, day("2026-12-14")), day("2026-12-01")));
}
