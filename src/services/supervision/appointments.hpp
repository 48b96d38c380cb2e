#pragma once
// Supervision after release: booking an appointment or a repeating series (with warnings about bank
// holidays and clashes with the person's other appointments and work), moving or cancelling one, the
// person's appointments and the officer's diary, and the outcome of each with the enforcement it leads
// to. Reminders, notices of changes and warnings go to the person through the outbox in the same
// transaction (messages.hpp).
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "domain/supervision/absence_notice.hpp"
#include "domain/supervision/appointment_change.hpp"
#include "domain/supervision/appointment_series.hpp"
#include "domain/bank_holidays.hpp"
#include "domain/release_dates/booking_warnings.hpp"
#include "domain/supervision/enforcement.hpp"
#include "domain/people/person_contact.hpp"
#include "services/people/case_records.hpp"
#include "services/clock.hpp"
#include "services/list_memo.hpp"
#include "store/store.hpp"

namespace resettle::services {

// The officer a person sees at an appointment: their allocated lead COM, else whoever books it.
std::int64_t officer_for(const PersonRecord& record, const StaffMember& booking);
// The offices appointments are at, by code: the probation delivery units (see decisions.md).
std::vector<std::string> office_codes(store::Transaction& tx);

// How far ahead and back the person's appointments page looks.
inline constexpr int appointments_shown_days = 92;

// What the person's appointments page shows.
struct PersonAppointments {
  Person person;
  std::vector<Appointment> appointments;               // from 92 days ago to 92 days ahead, by day and time
  std::map<std::int64_t, OutcomeDecision> outcomes;    // the decision that stands, by appointment id
  std::map<std::int64_t, std::string> officer_names;   // by staff id, second workers of joint visits too
  std::map<std::int64_t, Role> second_worker_roles;    // of joint visits' second workers, by staff id
  std::map<std::string, std::string> office_names;     // by code
  std::vector<ProbationDeliveryUnit> offices;          // to book at, by name
  std::vector<store::EnforcementAction> enforcement;   // newest first
  PersonContact contact;
  int failures_in_12_months = 0;
  bool may_book = false;  // this member of staff, now: the person is on licence
  std::vector<StaffMember> joint_workers;  // the serving risk partners named on the case now, for a joint home visit; when may_book
  std::optional<store::CalendarFeed> calendar_feed;  // the person's current feed (calendars.hpp)
  std::vector<AbsenceNotice> absence_notices;  // the person's "I can't make it" for appointments shown, newest first
};
// Audited read; NotFound for a person this member of staff may not see.
PersonAppointments appointments_of(store::Store& store, const Clock& clock, const BankHolidays& holidays,
                                   const StaffMember& actor, std::int64_t person_id);

// A booking and what it warned about.
struct Booking {
  std::vector<Appointment> booked;  // empty when it waits for the warnings to be confirmed
  std::vector<BookingWarning> warnings;
};
// Books from type (any but induction), on, starts_at, ends_at, office_code and notes, and for a series
// repeat, until and exceptions (no repeat: one appointment), with the person's allocated COM (else
// whoever books) and, for a joint home visit, joint_with: a serving co-worker named on the case,
// police, social care or MAPPA coordinator (read_joint_worker). When it warns and `confirmed` is false, nothing is written: the warnings come back
// to be confirmed. Otherwise, in one transaction: the appointments (and their series), the reminders of
// each in the outbox (at booking for the first; the day before and on the morning for each), and the
// journal entry. Throws Forbidden unless may_book_appointments; NotFound for a person this member of
// staff may not see; Conflict unless the person is on licence; ValidationFailed naming each bad field.
Booking book_appointments(store::Store& store, const Clock& clock, const BankHolidays& holidays, const StaffMember& actor,
                          std::int64_t person_id, const FieldInput& input, bool confirmed);

// Cancels the appointment, if it is still at `expected_version`, for the reason given
// (read_cancellation_reason), in one transaction: the cancellation recorded on it (its version goes up
// by one), its queued reminders withheld (withheld_on_change), the person told in their language and
// by their channel that it is cancelled (never why), and the journal entry. Returns it cancelled.
// Forbidden unless may_book_appointments; NotFound for an appointment whose person this member of staff
// may not see; StaleVersion when it changed since it was read; Conflict unless require_changeable;
// ValidationFailed on reason.
Appointment cancel_appointment(store::Store& store, const Clock& clock, const StaffMember& actor,
                               std::int64_t appointment_id, const FieldInput& input, std::int64_t expected_version);

// A move and what it warned about.
struct Move {
  std::optional<Appointment> moved;  // nullopt when it waits for the warnings to be confirmed
  std::vector<BookingWarning> warnings;
};
// Moves the appointment, if it is still at `expected_version`, to on, starts_at, ends_at and
// office_code (read_move: each kept when not given). It warns as a booking does (booking_warnings);
// when it warns and `confirmed` is false, nothing is written. Otherwise, in one transaction: the
// appointment moved (its version goes up by one), its queued reminders withheld, the person told the
// new day, time and place, new reminders queued for the new version (the day before and on the
// morning), and the journal entry with the old and new values. Forbidden, NotFound, StaleVersion and
// Conflict as cancel_appointment, and Conflict unless the person is on licence; ValidationFailed
// naming each bad field.
Move move_appointment(store::Store& store, const Clock& clock, const BankHolidays& holidays, const StaffMember& actor,
                      std::int64_t appointment_id, const FieldInput& input, std::int64_t expected_version,
                      bool confirmed);

// In the caller's transaction (a return to custody on `from`): cancels the person's appointments on that
// day and after it (cancelled_by_return), by `actor_id` for `reason`, each journalled, with their queued
// reminders withheld. The person is not told: they are in prison. Returns those cancelled, by day.
std::vector<Appointment> cancel_from(store::Transaction& tx, const Clock& clock, std::int64_t actor_id,
                                     std::int64_t person_id, Date from, std::string_view reason);

// What recording an outcome led to.
struct RecordedOutcome {
  OutcomeDecision decision;
  int failures_in_12_months = 0;
  EnforcementStep step = EnforcementStep::none;  // taken now: a warning sent, or a manager's review
  std::optional<std::int64_t> warning_message_id;
};
// Records what happened at the appointment (read_outcome: outcome, reason), by a COM or a manager.
// When it is an unacceptable failure, counts the person's failures in 12 months: the first drafts the
// warning from its template and queues it to the person; a further one records a manager's review.
// All in one transaction with the journal. Forbidden unless may_book_appointments; NotFound for an
// appointment whose person this member of staff may not see; ValidationFailed naming each bad field.
RecordedOutcome record_outcome(store::Store& store, const Clock& clock, const BankHolidays& holidays,
                               const StaffMember& actor, std::int64_t appointment_id, const FieldInput& input);

// Nightly: an absence still awaiting evidence once its 5 working days have passed is a failure to
// comply, and takes the enforcement step it leads to (as record_outcome does), once per appointment,
// as decided by the officer who recorded the absence; journalled on the person's timeline. Looks at
// appointments of the last month. Returns how many steps were taken.
int close_evidence_windows(store::Store& store, const Clock& clock, const BankHolidays& holidays);

// One appointment, with its person and whether this member of staff may record what happened at it:
// NotFound unless they may see the person (audited).
struct AppointmentRecord {
  Appointment appointment;
  Person person;
  std::vector<OutcomeDecision> decisions;  // every outcome recorded for it, oldest first
  std::string officer_name;
  std::string joint_worker_name;  // a joint home visit's second worker; empty when none
  Role joint_worker_role = Role::police;  // theirs, when there is one
  std::string office_name;
  bool may_record_outcome = false;  // this member of staff may book (a COM or a manager) and it is not cancelled
  bool may_change = false;          // may_record_outcome, and it may still be moved or cancelled (why_unchangeable)
  std::vector<ProbationDeliveryUnit> offices;  // to move it to, by name: when may_change
};
AppointmentRecord find_appointment(store::Store& store, const Clock& clock, const StaffMember& actor,
                                   std::int64_t appointment_id);

// The appointments an officer holds or joins as second worker from `from` to `to` inclusive
// (AppointmentRepository::diary); a risk partner's only on the cases they are named on now, as the
// shared view. Read in the caller's transaction, not audited.
std::vector<store::DiaryEntry> diary_entries(store::Transaction& tx, const StaffMember& officer, Date from, Date to);

// The officer's diary: diary_entries over `days` days from `from`, by day and time, each with the
// person's name. Audited as a list naming everyone in it.
std::vector<store::DiaryEntry> diary_of(store::Store& store, const StaffMember& actor, Date from, int days);

// Everything a diary kept by the server depends on besides the database: whose it is (their role too:
// a risk partner's shows only the cases they are named on) and which days.
struct DiaryAsked {
  std::int64_t staff_id = 0;
  Role role = Role::key_worker;
  Date from;
  int days = 0;
  auto operator<=>(const DiaryAsked&) const = default;
};
// The diaries a server keeps between requests (one per server: see ListMemo).
using DiaryMemo = ListMemo<DiaryAsked, std::vector<store::DiaryEntry>>;
// diary_of's entries kept in `memo` while the officer's diary counter (store::diary_lists) stands
// still; audited at every call, kept or not.
std::shared_ptr<const std::vector<store::DiaryEntry>> kept_diary(store::Store& store, DiaryMemo& memo,
                                                                 const StaffMember& actor, Date from, int days);

// People's "I can't make it" waiting for an officer to act on the appointment.
struct CannotComeWorklist {
  std::vector<store::OpenAbsenceNotice> notices;  // soonest appointment first
  bool whole_unit = false;  // a manager's list: every officer based in their unit
  // On a manager's list, whose appointment each notice is about, by staff id.
  std::map<std::int64_t, std::string> officer_names;
};

// The officer's tasks from people's "I can't make it" (open_absence_notices): every notice about an
// appointment they hold that they have not acted on yet. A manager sees those of every officer based
// in their prison or PDU, so a notice to an officer who is away is not missed. A notice leaves the list
// when the officer moves or cancels the appointment or records its outcome. Audited as a list read.
CannotComeWorklist cannot_come_worklist(store::Store& store, const StaffMember& actor);

}  // namespace resettle::services
