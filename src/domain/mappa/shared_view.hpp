#pragma once
// The shared view of a case: what a worker of a partner agency that manages risk with probation (police,
// social care, MAPPA coordinators: is_risk_partner) sees of it. It opens only while they are named on the
// case, and shows only the parts their role's work needs; every other part of the case stays "not found".
#include <cstdint>
#include <span>
#include <vector>

#include "domain/mappa/agency.hpp"
#include "domain/mappa/iom.hpp"
#include "domain/mappa/mappa.hpp"

namespace resettle {

// The parts of a case a role's shared view shows, beside the case summary (name, numbers, COM, MAPPA
// level, IOM cohort) that every shared view shows.
struct SharedParts {
  std::vector<Agency> agencies;  // the MAPPA actions owned by these agencies, and what was shared with them
  bool all_actions = false;      // every MAPPA action of the case, whoever owns it
  bool meetings = false;         // the MAPPA category and level, meetings and when the next is due
  bool appointments = false;     // appointments and compliance
  bool contacts = false;         // IOM contacts, and recording their own
  bool operator==(const SharedParts&) const = default;
};

// Police: their actions, what was shared with the police, appointments and compliance, and IOM contacts.
// Social care: the actions owned by and what was shared with children's or adult social care.
// MAPPA coordinators: the category and level, meetings and every action, for the panel they run.
// Anyone else: nothing (they have no shared view).
SharedParts shared_parts(Role role);

// Whether the view shows an appointment to the risk partner `viewer_id`: every one when the role sees
// appointments, otherwise only a joint home visit they are the second worker of.
bool shows_appointment(const SharedParts& parts, const Appointment& appointment, std::int64_t viewer_id);

// Whether the view shows an action, or a record shared with this agency.
bool shows_action(const SharedParts& parts, const MappaAction& action);
bool shows_agency(const SharedParts& parts, Agency agency);

// Whether this member of staff is named on the case now, so its shared view opens to them: a serving
// worker of a risk partner who is the case's co-worker now (`coworkers`: the case's), or named by
// their account at one of the case's meetings (`meetings`) while the case is managed under MAPPA
// (`level`: its level now, not none). Attendance at a meeting of a case no longer under MAPPA opens nothing.
bool named_on_shared_case(const StaffMember& staff, std::span<const IomCoworker> coworkers,
                          std::span<const MappaMeeting> meetings, MappaLevel level);

}  // namespace resettle
