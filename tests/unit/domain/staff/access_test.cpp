// Who may change which part of a person's needs and plan: every role against the decision in
// docs/decisions.md ("Who may change needs and the plan").
#include "domain/staff/access.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <map>

#include "code_table_checks.hpp"

using namespace resettle;

namespace {
using enum PlanPart;
// The decision's table, row by row: the parts each role may change.
const std::map<Role, std::vector<PlanPart>> decided{
    {Role::key_worker, {needs, actions}},
    {Role::pom, {needs, objectives, actions, reviews_and_agreement, checklist, outcomes}},
    {Role::com, {needs, objectives, actions, reviews_and_agreement, checklist, outcomes}},
    {Role::pre_release, {needs, objectives, actions, reviews_and_agreement, checklist, outcomes}},
    {Role::manager, {needs, objectives, actions, reviews_and_agreement, checklist, outcomes}},
    {Role::admin, {needs, objectives, actions, reviews_and_agreement, checklist, outcomes}},
    {Role::partner, {}},
    {Role::police, {}},
    {Role::social_care, {}},
    {Role::mappa_coordinator, {}},
};
}  // namespace

TEST(PlanParts, EveryRoleMayChangeExactlyThePartsDecided) {
  ASSERT_EQ(decided.size(), roles().size());
  for (const auto& role : roles()) {
    const auto& allowed = decided.at(role.value);
    for (const auto& part : plan_parts()) {
      bool expected = std::find(allowed.begin(), allowed.end(), part.value) != allowed.end();
      EXPECT_EQ(role_may_change(role.value, part.value), expected) << role.code << " / " << part.code;
    }
  }
}

TEST(PlanParts, CodesAreCompleteAndLabelsFinishASentence) {
  code_checks::expect_complete_code_table(plan_parts(), 6);
  for (const auto& part : plan_parts()) EXPECT_TRUE(std::islower(static_cast<unsigned char>(part.label[0]))) << part.code;
}

TEST(Caseload, ManagersAndAdministratorsOverseeAUnit) {
  for (const auto& role : roles())
    EXPECT_EQ(oversees_unit(role.value), role.value == Role::manager || role.value == Role::admin) << role.code;
}
