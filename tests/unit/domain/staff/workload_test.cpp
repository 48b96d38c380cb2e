// Unit tests of workload (domain/staff/workload.hpp).
#include "domain/staff/workload.hpp"

#include <gtest/gtest.h>

#include <vector>

using namespace resettle;

namespace {
const WorkloadModel& model = default_workload_model();

StaffMember staff_in(Role role, int capacity_percent = 100) {
  StaffMember staff;
  staff.role = role;
  staff.capacity_percent = capacity_percent;
  return staff;
}
}  // namespace

TEST(CaseType, CustodyLicenceAndSupervisionCarryWorkEndedCasesDoNot) {
  EXPECT_EQ(case_type_for(CaseStage::remand), CaseType::custody);
  EXPECT_EQ(case_type_for(CaseStage::in_custody), CaseType::custody);
  EXPECT_EQ(case_type_for(CaseStage::on_licence), CaseType::licence);
  EXPECT_EQ(case_type_for(CaseStage::post_sentence_supervision), CaseType::post_sentence_supervision);
  EXPECT_EQ(case_type_for(CaseStage::ended), std::nullopt);
}

TEST(CasePoints, HigherTiersWeighMoreInEveryCaseType) {
  for (auto stage : {CaseStage::in_custody, CaseStage::on_licence, CaseStage::post_sentence_supervision}) {
    EXPECT_GT(case_points(model, Role::pom, stage, Tier::a), case_points(model, Role::pom, stage, Tier::b));
    EXPECT_GT(case_points(model, Role::pom, stage, Tier::b), case_points(model, Role::pom, stage, Tier::c));
    EXPECT_GT(case_points(model, Role::pom, stage, Tier::c), case_points(model, Role::pom, stage, Tier::d));
  }
}

TEST(CasePoints, TableValuesByCaseTypeAndTier) {
  EXPECT_EQ(case_points(model, Role::pom, CaseStage::in_custody, Tier::a), 8);
  EXPECT_EQ(case_points(model, Role::pom, CaseStage::remand, Tier::d), 2);
  EXPECT_EQ(case_points(model, Role::com, CaseStage::on_licence, Tier::a), 12);
  EXPECT_EQ(case_points(model, Role::com, CaseStage::on_licence, Tier::d), 3);
  EXPECT_EQ(case_points(model, Role::com, CaseStage::post_sentence_supervision, Tier::b), 6);
}

TEST(CasePoints, AnUntieredCaseCountsAsTierC) {
  for (auto stage : {CaseStage::in_custody, CaseStage::on_licence, CaseStage::post_sentence_supervision})
    EXPECT_EQ(case_points(model, Role::com, stage, std::nullopt), case_points(model, Role::com, stage, Tier::c));
}

TEST(CasePoints, KeyWorkIsOnePointWhateverTheTierAndEndedCasesAreNone) {
  EXPECT_EQ(case_points(model, Role::key_worker, CaseStage::in_custody, Tier::a), 1);
  EXPECT_EQ(case_points(model, Role::key_worker, CaseStage::in_custody, Tier::d), 1);
  EXPECT_EQ(case_points(model, Role::pom, CaseStage::ended, Tier::a), 0);
  EXPECT_EQ(case_points(model, Role::key_worker, CaseStage::ended, std::nullopt), 0);
}

TEST(CaseloadPoints, SumsEachCountByTheRoleHeldOnTheCase) {
  std::vector<CaseloadCount> caseload{{Role::pom, CaseStage::in_custody, Tier::a, 2},
                                      {Role::pom, CaseStage::in_custody, std::nullopt, 3},
                                      {Role::key_worker, CaseStage::in_custody, Tier::a, 4}};
  EXPECT_EQ(caseload_points(model, caseload), 2 * 8 + 3 * 4 + 4 * 1);
  EXPECT_EQ(caseload_points(model, {}), 0);
}

TEST(CapacityPoints, FullTimeByRoleScaledByContractedShare) {
  EXPECT_EQ(capacity_points(model, staff_in(Role::pom)), 240);
  EXPECT_EQ(capacity_points(model, staff_in(Role::com)), 180);
  EXPECT_EQ(capacity_points(model, staff_in(Role::pre_release)), 200);
  EXPECT_EQ(capacity_points(model, staff_in(Role::key_worker)), 9);
  EXPECT_EQ(capacity_points(model, staff_in(Role::com, 50)), 90);
  EXPECT_EQ(capacity_points(model, staff_in(Role::pom, 0)), 0);
}

TEST(CapacityPoints, RolesWithoutACaseloadHaveNone) {
  for (auto role : {Role::manager, Role::partner, Role::admin}) {
    EXPECT_FALSE(holds_caseload(role));
    EXPECT_EQ(capacity_points(model, staff_in(role)), 0);
  }
  for (auto role : {Role::key_worker, Role::pom, Role::com, Role::pre_release}) EXPECT_TRUE(holds_caseload(role));
}

TEST(Workload, PercentOfCapacityRoundsToTheNearestWholePercent) {
  EXPECT_EQ((Workload{120, 240, 20}.percent()), 50);
  EXPECT_EQ((Workload{1, 3, 1}.percent()), 33);
  EXPECT_EQ((Workload{2, 3, 1}.percent()), 67);
  EXPECT_EQ((Workload{300, 240, 40}.percent()), 125);
  EXPECT_EQ((Workload{0, 240, 0}.percent()), 0);
  EXPECT_EQ((Workload{10, 0, 2}.percent()), std::nullopt);
}

TEST(Workload, OfAMemberOfStaffCountsCasesPointsAndCapacity) {
  std::vector<CaseloadCount> caseload{{Role::com, CaseStage::on_licence, Tier::b, 10},
                                      {Role::com, CaseStage::in_custody, Tier::c, 5}};
  auto workload = workload_of(model, staff_in(Role::com, 50), caseload);
  EXPECT_EQ(workload.cases, 15);
  EXPECT_EQ(workload.points, 10 * 9 + 5 * 4);
  EXPECT_EQ(workload.capacity, 90);
  EXPECT_EQ(workload.percent(), 122);
}
