#pragma once
// Integrated offender management use cases: the case's cohort flag and its police co-worker, set and
// ended by the case's COM or a manager, each change in one transaction with its journal event on the
// person's timeline; and the risk partners' side (police, social care, MAPPA coordinators): the cases
// they are named on, the shared view of one (the only part of a case they ever see) and the contacts
// police officers record.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/bank_holidays.hpp"
#include "domain/mappa/information_sharing.hpp"
#include "domain/mappa/iom.hpp"
#include "domain/mappa/mappa.hpp"
#include "domain/mappa/shared_view.hpp"
#include "domain/supervision/appointment.hpp"
#include "domain/supervision/enforcement.hpp"
#include "services/clock.hpp"
#include "store/store.hpp"

namespace resettle::services {

// What the person's IOM page and the API show to practitioners on the case.
struct PersonIom {
  Person person;
  std::vector<IomCohortFlag> cohorts;    // latest start first; at most one open
  std::vector<IomCoworker> coworkers;    // latest first, ended ones too
  std::vector<IomContact> contacts;      // latest first
  std::optional<Allocation> com;         // the current lead COM, whom joining IOM leaves in place
  std::map<std::int64_t, std::string> staff_names;  // everyone named above, by id
  std::vector<StaffMember> coworker_accounts;  // serving risk partners to name, by role, then name; empty unless may_manage
  bool may_manage = false;  // may_manage_iom for this member of staff on this case
  bool may_change_com = false;  // a manager: the COM changes only through an allocation with a reason
};
// Audited read. Throws NotFound for a person this member of staff may not see (partner agencies and
// police included: they see the shared view).
PersonIom iom_of(store::Store& store, const StaffMember& actor, std::int64_t person_id);

// Puts the case in a cohort (read_iom_cohort's fields: cohort, starts_on), ending the open flag the
// day the new one starts, and journals "iom.cohort_set". Returns the new flag with its id and version 1.
// Throws, in this order: NotFound for a person this member of staff may not see; Forbidden unless
// may_manage_iom; ValidationFailed naming every bad field. Nothing saved on a throw.
IomCohortFlag set_iom_cohort(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t person_id,
                             const FieldInput& input);

// Ends the open flag (ends_on) at expected_version and journals "iom.cohort_ended". Returns it as
// stored. Throws as set_iom_cohort, then Conflict when the case is in no cohort, ValidationFailed on
// "ends_on", StaleVersion. Nothing saved on a throw.
IomCohortFlag end_iom_cohort(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t person_id,
                             const FieldInput& input, std::int64_t expected_version);

// Names a co-worker on the case (read_iom_coworker's fields: staff_id, from): a police officer, social
// care worker or MAPPA coordinator (require_coworker_account), who then sees the case's shared view as
// their role's shared_parts allow, and journals "iom.coworker_added". The case's COM stays as
// allocated. Returns the co-worker with its id and version 1. Throws as set_iom_cohort.
IomCoworker add_iom_coworker(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t person_id,
                             const FieldInput& input);

// Ends a co-worker (to) at expected_version and journals "iom.coworker_ended": the worker loses the
// shared view at once. Returns it as stored. Throws, in this order: NotFound for no such co-worker and
// for one whose person this member of staff may not see, alike; Forbidden unless may_manage_iom;
// Conflict when ended already; ValidationFailed on "to"; StaleVersion. Nothing saved on a throw.
IomCoworker end_iom_coworker(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t coworker_id,
                             const FieldInput& input, std::int64_t expected_version);

// --- The risk partners' side: the shared view -------------------------------------------------------

// The cases this member of staff is named on now (named_on_shared_case: co-worker, or attendee by
// account at a meeting of a case under MAPPA), in person id order, leaving out limited-access cases they
// are excluded from; audited as one list read. Empty for anyone but a risk partner.
std::vector<Person> named_iom_cases(store::Store& store, const StaffMember& actor);

// How many days of appointments the shared view shows, back and ahead.
inline constexpr int shared_appointments_days = 92;

// What a risk partner sees of a case, and nothing more: the case summary, and the parts their role's
// shared_parts name (a part the role does not see is left empty).
struct SharedCase {
  Person person;
  SharedParts parts;
  std::optional<IomCohortFlag> cohort;  // the open flag
  std::string com_name;                 // empty when no COM is allocated
  MappaLevel mappa_level = MappaLevel::none;
  std::optional<MappaDecision> decision;          // meetings: the current category and level
  std::vector<MappaMeeting> meetings;             // meetings: latest first
  std::optional<MeetingDue> next_meeting;         // meetings: when the next is due
  std::vector<MappaAction> actions;               // the actions shown (shows_action), soonest due first
  std::vector<Appointment> appointments;          // not cancelled, by day and time, as shows_appointment allows:
                                                  // all for the police, else their own joint home visits
  std::map<std::int64_t, OutcomeDecision> outcomes;  // the decision that stands, by appointment id
  int failures_in_12_months = 0;
  std::vector<SharingRecord> information_shared;  // with the role's agencies, newest first
  std::vector<IomContact> contacts;               // latest first
  std::map<std::int64_t, std::string> staff_names;  // who recorded each contact
  Date today{};
};
// Audited read ("shared view"). Throws Forbidden for anyone but a risk partner (before looking at the
// case); NotFound unless they are named on the case now (the refusal audited too), and for a
// limited-access case they are excluded from.
SharedCase shared_case_of(store::Store& store, const Clock& clock, const BankHolidays& holidays, const StaffMember& actor,
                          std::int64_t person_id);

// Records a police officer's contact on a case they are named on (read_iom_contact's fields:
// contact_on, summary, intelligence_free, and appointment_id when it is their part of a joint home
// visit: require_part_of_visit) and journals "iom.contact_recorded". Returns it with its id. Throws
// Forbidden for anyone but a police officer, NotFound as shared_case_of, then ValidationFailed naming
// every bad field. Nothing saved on a throw.
IomContact record_iom_contact(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t person_id,
                              const FieldInput& input);

}  // namespace resettle::services
