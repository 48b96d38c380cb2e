#pragma once
// Who may see and change what: decided by role and by relationship to the case.
#include <span>

#include "domain/code_list.hpp"
#include "domain/people/person.hpp"
#include "domain/staff/staff.hpp"

namespace resettle {

enum class CaseAction { view, add_person, edit_person, record_sentence };

// Whether a role may take this kind of action at all (before any relationship check).
bool role_may(Role role, CaseAction action);

// Managers and administrators oversee a unit: their caseload opens on everyone in it that they may
// see, where everyone else's opens on the cases allocated to them.
bool oversees_unit(Role role);

// The parts of a person's needs and plan, each changed by the roles whose job it is (the decision
// "Who may change needs and the plan" in docs/decisions.md). Codes are sent in JSON: add only.
enum class PlanPart { needs, objectives, actions, reviews_and_agreement, checklist, outcomes };
std::span<const Coded<PlanPart>> plan_parts();  // labels complete "... cannot <label>"
bool role_may_change(Role role, PlanPart part);

// Whether this member of staff may see this person's record: administrators see everyone;
// partner agencies never see the whole record (partners follow the referrals sent to them, police
// officers the shared view of the IOM cases they are named on); everyone else sees the people
// in their own prison or probation delivery unit and anyone allocated to them.
bool may_see_person(const StaffMember& staff, const Person& person, bool allocated_to_staff);

// Whether this member of staff may put a person in these units when adding them (or give a unit to
// someone who has none): administrators anywhere; everyone else only in their own prison or probation
// delivery unit, so nobody creates a case they cannot see or places one in another team's lists.
// Moving a case between units is a transfer, which the receiving side acknowledges.
bool may_place_person(const StaffMember& staff, const std::string& prison_code, const std::string& pdu_code);

}  // namespace resettle
