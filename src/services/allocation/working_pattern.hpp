#pragma once
// A manager sets how a practitioner in their prison or PDU works: team, contracted share of full
// time, specialisms and planned absences. Allocation reads these; every change is journalled.
#include <vector>

#include "domain/field_input.hpp"
#include "domain/people/place.hpp"
#include "domain/staff/staff.hpp"
#include "store/store.hpp"

namespace resettle::services {

// The member of staff, if this manager may manage them (someone based in the manager's prison or
// PDU; administrators manage everyone); NotFound otherwise, so ids reveal nothing. Forbidden for
// anyone but a manager or an administrator.
StaffMember managed_staff_member(store::Store& store, const StaffMember& actor, std::int64_t staff_id);

// The teams of the staff member's own prison or PDU, to choose from, by name; empty when it has none.
std::vector<Team> teams_for(store::Store& store, const StaffMember& staff);

// Fields absent from `input` keep their current values. The team must be one of the staff
// member's own prison or PDU (ValidationFailed naming team_code otherwise, and each other bad
// field). Returns the member of staff as stored; throws as managed_staff_member does.
StaffMember update_working_pattern(store::Store& store, const StaffMember& actor, std::int64_t staff_id,
                                   const FieldInput& input);

}  // namespace resettle::services
