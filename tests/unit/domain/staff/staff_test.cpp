// Unit tests of staff and working patterns (domain/staff/staff.hpp).
#include "domain/staff/staff.hpp"

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

namespace {
using Fields = std::vector<std::string>;

Fields failing(const FieldInput& input) {
  try {
    read_working_pattern(input);
  } catch (const ValidationFailed& failure) {
    Fields fields;
    for (const auto& error : failure.errors()) fields.push_back(error.field);
    return fields;
  }
  return {};
}
}  // namespace

TEST(WorkingPattern, ReadsTeamShareSpecialismsAndAbsence) {
  auto pattern = read_working_pattern({{"team_code", "LEI-OMU"},
                                       {"capacity_percent", "60"},
                                       {"specialism_women", "true"},
                                       {"specialism_welsh_language", "false"},
                                       {"specialism_iom", "on"},
                                       {"away_from", "2026-12-01"},
                                       {"away_until", "2026-12-14"}});
  EXPECT_EQ(pattern.team_code, "LEI-OMU");
  EXPECT_EQ(pattern.capacity_percent, 60);
  EXPECT_EQ(pattern.specialisms, (std::vector{Specialism::women, Specialism::iom}));
  EXPECT_EQ(pattern.away_from, day("2026-12-01"));
  EXPECT_EQ(pattern.away_until, day("2026-12-14"));
}

TEST(WorkingPattern, AnAbsenceMayBeOpenEndedOrOneDay) {
  EXPECT_EQ(read_working_pattern({{"capacity_percent", "100"}, {"away_from", "2026-12-01"}}).away_until, std::nullopt);
  EXPECT_TRUE(failing({{"capacity_percent", "100"}, {"away_from", "2026-12-01"}, {"away_until", "2026-12-01"}}).empty());
}

TEST(WorkingPattern, BadFieldsAreNamed) {
  EXPECT_EQ(failing({}), Fields{"capacity_percent"});
  EXPECT_EQ(failing({{"capacity_percent", "101"}}), Fields{"capacity_percent"});
  EXPECT_EQ(failing({{"capacity_percent", "-1"}}), Fields{"capacity_percent"});
  EXPECT_EQ(failing({{"capacity_percent", "half"}}), Fields{"capacity_percent"});
  EXPECT_EQ(failing({{"capacity_percent", "0"}}), Fields{});
  EXPECT_EQ(failing({{"capacity_percent", "100"}, {"team_code", std::string(21, 'T')}}), Fields{"team_code"});
  EXPECT_EQ(failing({{"capacity_percent", "100"}, {"away_until", "2026-12-14"}}), Fields{"away_from"});
  EXPECT_EQ(failing({{"capacity_percent", "100"}, {"away_from", "2026-12-14"}, {"away_until", "2026-12-13"}}),
            Fields{"away_until"});
  EXPECT_EQ(failing({{"capacity_percent", "100"}, {"away_from", "14/12/2026"}, {"away_until", "2026-12-13"}}),
            Fields{"away_from"});
  EXPECT_EQ(failing({{"capacity_percent", "100"}, {"specialism_women", "maybe"}}), Fields{"specialism_women"});
}

TEST(WorkingPattern, FieldsOfAStaffMemberReadBackToTheSamePattern) {
  StaffMember staff;
  staff.team_code = "LDS-CENTRAL";
  staff.capacity_percent = 80;
  staff.specialisms = {Specialism::welsh_language};
  staff.away_from = day("2027-01-04");
  auto fields = working_pattern_fields(staff);
  EXPECT_EQ(fields.at("specialism_welsh_language"), "true");
  EXPECT_EQ(fields.at("specialism_women"), "false");
  EXPECT_EQ(fields.at("away_until"), "");
  auto pattern = read_working_pattern(fields);
  EXPECT_EQ(pattern.team_code, staff.team_code);
  EXPECT_EQ(pattern.capacity_percent, 80);
  EXPECT_EQ(pattern.specialisms, staff.specialisms);
  EXPECT_EQ(pattern.away_from, staff.away_from);
  EXPECT_EQ(pattern.away_until, std::nullopt);
}
