#pragma once
// The person's own plan, appointments and officer, for their pages (person_accounts.hpp signs them
// in). Every function reads or writes only the signed-in person's own record: another person's
// objective or appointment is NotFound, as one that does not exist is. Nothing here shows staff-only
// notes, risk or limited-access details. Every view and every change is journalled on the person's
// timeline, each change in one transaction with its Event.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/supervision/absence_notice.hpp"
#include "domain/plan/plan.hpp"
#include "services/person_view/person_accounts.hpp"

namespace resettle::services {

// --- My plan ------------------------------------------------------------------------------------

struct OwnPlan {
  std::optional<Plan> plan;  // none until staff start it
  bool agreement_current = false;
};
OwnPlan own_plan(store::Store& store, const PersonSignedIn& signed_in);

// Records the person's response (read_plan_response) to one objective of their plan and returns the
// plan after it. expected_version, when given, is the plan's version the person read: StaleVersion
// when staff changed the plan since. NotFound for an objective not on their plan (or no plan).
Plan respond_to_objective(store::Store& store, const Clock& clock, const PersonSignedIn& signed_in,
                          std::int64_t objective_id, const FieldInput& input,
                          std::optional<std::int64_t> expected_version);

// Records the person's agreement with their whole plan as it stands (read_own_agreement), as the
// plan's Agreement, and returns the plan after it. StaleVersion and NotFound as respond_to_objective.
Plan agree_to_own_plan(store::Store& store, const Clock& clock, const PersonSignedIn& signed_in,
                       const FieldInput& input, std::optional<std::int64_t> expected_version);

// --- My appointments ----------------------------------------------------------------------------

// How far back and ahead the person's page looks.
inline constexpr int own_appointments_days = 366;

struct OwnAppointment {
  Appointment appointment;
  std::string office_name;
  std::string officer_name;
  std::vector<AbsenceNotice> notices;  // the person's "I can't make it" for it, newest first
  bool may_send_notice = false;        // may_send_absence_notice now
};
struct OwnAppointments {
  std::vector<OwnAppointment> upcoming;  // not yet started, soonest first (cancelled ones too)
  std::vector<OwnAppointment> past;      // started or over, latest first
};
OwnAppointments own_appointments(store::Store& store, const Clock& clock, const PersonSignedIn& signed_in);
// One of the person's appointments; NotFound for anyone else's.
OwnAppointment own_appointment(store::Store& store, const Clock& clock, const PersonSignedIn& signed_in,
                               std::int64_t appointment_id);

// Sends the person's "I can't make it" (read_absence_notice) to their officer, who sees it beside
// the appointment; the appointment itself is left exactly as booked. NotFound for another person's
// appointment; Conflict once it has started or is cancelled; ValidationFailed naming "reason".
AbsenceNotice tell_cannot_come(store::Store& store, const Clock& clock, const PersonSignedIn& signed_in,
                               std::int64_t appointment_id, const FieldInput& input);

// --- My officer ---------------------------------------------------------------------------------

struct OwnOfficerContact {
  std::string name;
  std::string email;
  std::string office;
  std::optional<Date> away_until;  // set while away today (the deputy covers); may be open-ended
  bool away = false;
};
struct OwnOfficer {
  Role role = Role::com;  // the COM once they have one, else the POM
  std::optional<OwnOfficerContact> lead;
  std::optional<OwnOfficerContact> deputy;  // when one is allocated in the same role
  std::optional<Date> changed_on;           // recent_officer_change
};
OwnOfficer own_officer(store::Store& store, const Clock& clock, const PersonSignedIn& signed_in);

}  // namespace resettle::services
