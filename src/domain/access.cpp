// The access rules: what each role may do, and whom it may see (see access.hpp).
#include "domain/access.hpp"

namespace resettle {

bool role_may(Role role, CaseAction action) {
  switch (action) {
    case CaseAction::view: return role != Role::partner;
    case CaseAction::add_person:
    case CaseAction::edit_person:
      return role == Role::pom || role == Role::com || role == Role::pre_release || role == Role::manager ||
             role == Role::admin;
    case CaseAction::record_sentence:
      return role == Role::pom || role == Role::com || role == Role::manager || role == Role::admin;
  }
  return false;
}

bool may_see_person(const StaffMember& staff, const Person& person, bool allocated_to_staff) {
  if (!staff.active || staff.role == Role::partner) return false;
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
