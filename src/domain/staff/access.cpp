// The access rules: what each role may do, and whom it may see (see access.hpp).
#include "domain/staff/access.hpp"

#include <algorithm>
#include <array>

namespace resettle {

namespace {
constexpr std::array<Coded<PlanPart>, 6> plan_part_table{{
    {PlanPart::needs, "needs", "record a needs assessment"},
    {PlanPart::objectives, "objectives", "add objectives to a resettlement plan"},
    {PlanPart::actions, "actions", "add or update actions in a resettlement plan"},
    {PlanPart::reviews_and_agreement, "reviews_and_agreement", "record a plan review or the person's agreement"},
    {PlanPart::checklist, "checklist", "change the pre-release checklist"},
    {PlanPart::outcomes, "outcomes", "record outcomes"},
}};

// Key workers see the person every week: they record needs (often the reception screening) and
// work on actions, but the plan's shape, its reviews and the release checklist belong to the
// offender managers and pre-release staff. Partners change nothing here: they answer referrals.
constexpr std::array<PlanPart, 2> key_worker_parts{PlanPart::needs, PlanPart::actions};
}  // namespace

std::span<const Coded<PlanPart>> plan_parts() { return plan_part_table; }

bool role_may_change(Role role, PlanPart part) {
  switch (role) {
    case Role::key_worker: return std::ranges::find(key_worker_parts, part) != key_worker_parts.end();
    case Role::pom:
    case Role::com:
    case Role::pre_release:
    case Role::manager:
    case Role::admin: return true;
    case Role::partner:
    case Role::police:
    case Role::social_care:
    case Role::mappa_coordinator: return false;
  }
  return false;
}

bool role_may(Role role, CaseAction action) {
  switch (action) {
    case CaseAction::view: return !is_partner_agency(role);
    case CaseAction::add_person:
    case CaseAction::edit_person:
      return role == Role::pom || role == Role::com || role == Role::pre_release || role == Role::manager ||
             role == Role::admin;
    case CaseAction::record_sentence:
      return role == Role::pom || role == Role::com || role == Role::manager || role == Role::admin;
  }
  return false;
}

bool oversees_unit(Role role) { return role == Role::manager || role == Role::admin; }

bool may_see_person(const StaffMember& staff, const Person& person, bool allocated_to_staff) {
  if (!staff.active || is_partner_agency(staff.role)) return false;
  if (staff.role == Role::admin || allocated_to_staff) return true;
  bool same_prison = !staff.prison_code.empty() && staff.prison_code == person.prison_code;
  bool same_pdu = !staff.pdu_code.empty() && staff.pdu_code == person.pdu_code;
  return same_prison || same_pdu;
}

bool may_place_person(const StaffMember& staff, const std::string& prison_code, const std::string& pdu_code) {
  if (!staff.active) return false;
  if (staff.role == Role::admin) return true;
  bool own_prison = !prison_code.empty() && prison_code == staff.prison_code;
  bool own_pdu = !pdu_code.empty() && pdu_code == staff.pdu_code;
  return own_prison || own_pdu;
}

}  // namespace resettle
