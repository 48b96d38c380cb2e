#pragma once
// Integrated offender management (IOM): the cohort a case is managed in (fixed, flex or free) and for
// how long, the police officer named as a co-worker on the case, and the contacts that officer records.
// Joining IOM adds a co-worker; it never changes who is the case's COM (that is an allocation, which
// only a manager decides, with a reason).
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/code_list.hpp"
#include "domain/date.hpp"
#include "domain/field_input.hpp"
#include "domain/staff/staff.hpp"
#include "domain/supervision/appointment.hpp"

namespace resettle {

// Stored and sent in JSON: the codes may only be added to; labels may change.
enum class IomCohort { fixed, flex, free };
std::span<const Coded<IomCohort>> iom_cohorts();

// The case's COM and managers put a case in IOM, take it out and name or end its police officer.
bool may_manage_iom(Role role, bool com_of_case);

// --- The cohort -------------------------------------------------------------------------------

struct IomCohortFlag {
  std::int64_t id = 0;
  std::int64_t person_id = 0;
  std::int64_t version = 0;
  IomCohort cohort = IomCohort::fixed;
  Date starts_on{};
  std::optional<Date> ends_on;  // empty while the case is in this cohort
  std::int64_t set_by = 0;
  std::int64_t ended_by = 0;  // 0 while open
  bool operator==(const IomCohortFlag&) const = default;
};

// The flag still open (no end date), if any, of a case's flags.
std::optional<IomCohortFlag> open_cohort(std::span<const IomCohortFlag> flags);

// Reads cohort (fixed, flex or free) and starts_on (today or earlier), both required. A case has one
// open flag at a time: when `open` is given, the new flag must start after it started ("starts_on"),
// and the caller ends `open` on the day the new one starts (see moved_on). Throws ValidationFailed
// naming every bad field.
IomCohortFlag read_iom_cohort(const FieldInput& input, Date today, std::int64_t set_by,
                              const std::optional<IomCohortFlag>& open);

// The open flag, ended on the day its successor starts.
IomCohortFlag moved_on(IomCohortFlag open, const IomCohortFlag& successor);

// Ends an open flag on ends_on (required: today or earlier, not before it started). Throws Conflict
// when it has ended already, then ValidationFailed on "ends_on".
IomCohortFlag ended_cohort(IomCohortFlag flag, const FieldInput& input, Date today, std::int64_t ended_by);

// --- The police officer named on the case ---------------------------------------------------------

struct IomCoworker {
  std::int64_t id = 0;
  std::int64_t person_id = 0;
  std::int64_t version = 0;
  std::int64_t staff_id = 0;  // a risk partner's account (is_risk_partner): police, social care, MAPPA coordinator
  Date from{};
  std::optional<Date> to;  // empty while named
  std::int64_t added_by = 0;
  std::int64_t ended_by = 0;  // 0 while named
  bool operator==(const IomCoworker&) const = default;
};

// Reads staff_id (required) and from (today or earlier, required). Throws ValidationFailed naming
// every bad field.
IomCoworker read_iom_coworker(const FieldInput& input, Date today, std::int64_t added_by);

// The worker named must be a serving risk partner's account (is_risk_partner: police, social care or
// MAPPA coordinator; `worker`: the account with the co-worker's staff_id, empty when there is none)
// not named on the case already (`named`: the case's co-workers). What they then see of the case is
// their role's shared_parts. Throws ValidationFailed on "staff_id" otherwise.
void require_coworker_account(const IomCoworker& coworker, const std::optional<StaffMember>& worker,
                              std::span<const IomCoworker> named);

// Ends a co-worker on `to` (required: today or earlier, not before `from`). Throws Conflict when
// ended already, then ValidationFailed on "to".
IomCoworker ended_coworker(IomCoworker coworker, const FieldInput& input, Date today, std::int64_t ended_by);

// Whether this member of staff is named on the case now (a co-worker not ended).
bool named_on_case(std::span<const IomCoworker> coworkers, std::int64_t staff_id);

// --- Joint home visits ----------------------------------------------------------------------------

// The second worker of a joint home visit (joint_with: optional, a staff id; empty when not given).
// Only a home visit is made jointly, and only with a co-worker named on the case now (`named`: the
// case's co-workers whose accounts are serving risk partners: a police officer, social care worker or
// MAPPA coordinator). Throws ValidationFailed on "joint_with" otherwise.
std::optional<std::int64_t> read_joint_worker(const FieldInput& input, AppointmentType type,
                                              std::span<const IomCoworker> named);

// The agency a joint home visit's second worker comes with, in the words a visit is described in
// ("with DC Rees, police"): "police", "social care" or "MAPPA coordinator" for a risk partner's role,
// empty for any other.
std::string_view joint_worker_agency(Role role);

// --- What the police officer records -------------------------------------------------------------

// A contact or update by the police co-worker. It holds no intelligence: the officer says so when
// recording it, as intelligence stays in police systems.
struct IomContact {
  std::int64_t id = 0;
  std::int64_t person_id = 0;
  std::int64_t recorded_by = 0;
  Date contact_on{};
  std::string summary;
  // The joint home visit this is the officer's part of, if any: the outcome of the visit (attended or
  // not, enforcement) stays the COM's to record, so the officer adds their account of it here.
  std::optional<std::int64_t> appointment_id;
  bool operator==(const IomContact&) const = default;
};

// Reads contact_on (today or earlier), summary (required, up to 4000 characters),
// intelligence_free (must be true: "intelligence_free") and appointment_id (optional, a number).
// Throws ValidationFailed naming every bad field.
IomContact read_iom_contact(const FieldInput& input, Date today, std::int64_t recorded_by);

// A contact that names a visit must be the officer's part of it: `visit` (the appointment with the
// contact's appointment_id, empty when there is none) is a joint home visit on the same case with
// this officer as its second worker, not cancelled, and held on the contact's day. Throws
// ValidationFailed on "appointment_id" otherwise, and on "contact_on" for another day.
void require_part_of_visit(const IomContact& contact, const std::optional<Appointment>& visit);

}  // namespace resettle
