// Unit tests of the continuity measure (domain/allocation/continuity.hpp).
#include "domain/allocation/continuity.hpp"

#include <gtest/gtest.h>

using namespace resettle;
using namespace std::chrono;

namespace {
const Date start{2025y / January / 6};
std::int64_t next_id = 0;

Allocation lead(std::int64_t staff_id, Role role, int from_day, AllocationKind kind = AllocationKind::lead) {
  Allocation allocation;
  allocation.id = ++next_id;
  allocation.staff_id = staff_id;
  allocation.role = role;
  allocation.from = add_days(start, from_day);
  allocation.kind = kind;
  return allocation;
}
}  // namespace

TEST(Continuity, NoAllocationsIsNoMeasure) {
  auto measure = continuity_of({}, start);
  EXPECT_EQ(measure.lead_changes, 0);
  EXPECT_TRUE(measure.changes_by_role.empty());
  EXPECT_EQ(measure.days_known, 0);
  EXPECT_EQ(measure.changes_per_six_months, 0.0);
}

TEST(Continuity, TheFirstLeadInARoleIsNotAChange) {
  std::vector<Allocation> history{lead(1, Role::pom, 0), lead(2, Role::key_worker, 10), lead(3, Role::com, 100)};
  auto measure = continuity_of(history, add_days(start, 200));
  EXPECT_EQ(measure.lead_changes, 0);
  EXPECT_EQ(measure.changes_by_role, (std::map<Role, int>{{Role::key_worker, 0}, {Role::pom, 0}, {Role::com, 0}}));
  EXPECT_EQ(measure.days_known, 200);
}

TEST(Continuity, EachNewLeadInARoleIsAChange) {
  std::vector<Allocation> history{lead(1, Role::pom, 0), lead(2, Role::pom, 60), lead(3, Role::pom, 120),
                                  lead(7, Role::com, 100), lead(8, Role::com, 150)};
  auto measure = continuity_of(history, add_days(start, 365));
  EXPECT_EQ(measure.lead_changes, 3);
  EXPECT_EQ(measure.changes_by_role.at(Role::pom), 2);
  EXPECT_EQ(measure.changes_by_role.at(Role::com), 1);
  EXPECT_DOUBLE_EQ(measure.changes_per_six_months, 3 * 183.0 / 365);
}

TEST(Continuity, TheSamePractitionerAllocatedAgainIsNotAChange) {
  // After a prison move the person keeps their POM: allocated again, not changed.
  std::vector<Allocation> history{lead(1, Role::pom, 0), lead(1, Role::pom, 90), lead(2, Role::pom, 180), lead(1, Role::pom, 270)};
  auto measure = continuity_of(history, add_days(start, 366));
  EXPECT_EQ(measure.changes_by_role.at(Role::pom), 2);
}

TEST(Continuity, DeputiesAreNotCounted) {
  std::vector<Allocation> history{lead(1, Role::com, 0), lead(5, Role::com, 10, AllocationKind::deputy),
                                  lead(6, Role::com, 20, AllocationKind::deputy)};
  auto measure = continuity_of(history, add_days(start, 30));
  EXPECT_EQ(measure.lead_changes, 0);
  EXPECT_EQ(measure.changes_by_role.size(), 1u);
}

TEST(Continuity, AnyOrderGivesTheSameMeasure) {
  std::vector<Allocation> history{lead(1, Role::pom, 0), lead(2, Role::pom, 30), lead(1, Role::pom, 60)};
  std::vector<Allocation> reversed{history.rbegin(), history.rend()};
  EXPECT_EQ(continuity_of(history, add_days(start, 90)), continuity_of(reversed, add_days(start, 90)));
  EXPECT_EQ(continuity_of(history, add_days(start, 90)).lead_changes, 2);
}

TEST(Continuity, SameDayAllocationsFollowTheOrderTheyWereMade) {
  auto first = lead(1, Role::pom, 0);
  auto second = lead(2, Role::pom, 0);  // later id, same day: the correction that stands
  auto third = lead(2, Role::pom, 40);
  std::vector<Allocation> history{third, second, first};
  EXPECT_EQ(continuity_of(history, add_days(start, 50)).lead_changes, 1);
}

TEST(Continuity, FutureAllocationsAreIgnored) {
  std::vector<Allocation> history{lead(1, Role::pom, 0), lead(2, Role::pom, 40)};
  EXPECT_EQ(continuity_of(history, add_days(start, 39)).lead_changes, 0);
  EXPECT_EQ(continuity_of(history, add_days(start, 40)).lead_changes, 1);
  EXPECT_EQ(continuity_of(history, add_days(start, -1)).changes_by_role.size(), 0u);
}

TEST(Continuity, AShortCaseIsMeasuredOverAtLeastSixMonths) {
  std::vector<Allocation> history{lead(1, Role::pom, 0), lead(2, Role::pom, 10)};
  auto measure = continuity_of(history, add_days(start, 20));
  EXPECT_EQ(measure.days_known, 20);
  EXPECT_DOUBLE_EQ(measure.changes_per_six_months, 1.0);
  EXPECT_DOUBLE_EQ(continuity_of(history, add_days(start, 183)).changes_per_six_months, 1.0);
  EXPECT_DOUBLE_EQ(continuity_of(history, add_days(start, 366)).changes_per_six_months, 0.5);
}

TEST(Continuity, AcrossTheGateTheComJoiningIsNotAChangeOfPom) {
  std::vector<Allocation> history{lead(1, Role::pom, 0), lead(9, Role::com, 300), lead(10, Role::com, 400)};
  auto measure = continuity_of(history, add_days(start, 549));
  EXPECT_EQ(measure.changes_by_role.at(Role::pom), 0);
  EXPECT_EQ(measure.changes_by_role.at(Role::com), 1);
  EXPECT_DOUBLE_EQ(measure.changes_per_six_months, 183.0 / 549);
}

TEST(Continuity, AverageLeavesOutCasesWithNoLead) {
  ContinuityMeasure none;
  ContinuityMeasure one;
  one.changes_by_role[Role::pom] = 1;
  one.changes_per_six_months = 1.0;
  ContinuityMeasure calm;
  calm.changes_by_role[Role::com] = 0;
  std::vector<ContinuityMeasure> measures{none, one, calm};
  EXPECT_DOUBLE_EQ(average_changes_per_six_months(measures), 0.5);
  EXPECT_DOUBLE_EQ(average_changes_per_six_months(std::vector<ContinuityMeasure>{none}), 0.0);
  EXPECT_DOUBLE_EQ(average_changes_per_six_months({}), 0.0);
}
