#pragma once
// The repositories of supervision (migrations 23, 24, 26, 28, 31, 32 and 36): appointments and their series,
// the outcome recorded for each, the enforcement steps taken, the contact plans, the private calendar
// feeds of appointments and the person's notices that they cannot come. None is ever deleted: a
// changed booking is updated in place (its history in the journal), a cancelled one is marked so; an
// outcome is superseded by a later one, a contact plan by the next; a feed is revoked.
#include <cstdint>
#include <optional>
#include <vector>

#include "domain/supervision/absence_notice.hpp"
#include "domain/supervision/appointment.hpp"
#include "domain/supervision/appointment_series.hpp"
#include "domain/supervision/contact_plan.hpp"
#include "domain/supervision/enforcement.hpp"
#include "domain/people/person.hpp"
#include "store/pagination.hpp"

namespace resettle::store {

struct WorklistScope;  // store.hpp

// An appointment as an officer's diary shows it: with the person's name and numbers.
struct DiaryEntry {
  Appointment appointment;
  std::string given_name;
  std::string family_name;
  std::string crn;
};

// A person's "I can't make it" waiting for their officer, with the appointment as the diary shows it.
struct OpenAbsenceNotice {
  AbsenceNotice notice;
  DiaryEntry entry;
};

class AppointmentRepository {
 public:
  virtual ~AppointmentRepository() = default;
  // Stores a new appointment and returns its id; its version becomes 1.
  virtual std::int64_t insert(const Appointment& appointment) = 0;
  // Writes the appointment if its stored version is still expected_version; StaleVersion otherwise.
  virtual void update(const Appointment& appointment, std::int64_t expected_version) = 0;
  // Records the appointment as cancelled (kept, never deleted; its version goes up by one) if its stored
  // version is still expected_version and it is not cancelled yet; StaleVersion otherwise.
  virtual void cancel(std::int64_t id, const Cancellation& cancellation, std::int64_t expected_version) = 0;
  virtual std::optional<Appointment> find(std::int64_t id) = 0;
  // The person's latest appointment of this type (the highest id); nullopt when they have none.
  virtual std::optional<Appointment> latest(std::int64_t person_id, AppointmentType type) = 0;
  // The person's appointments from `from` to `to` inclusive, by day, start time and id; empty when none.
  virtual std::vector<Appointment> for_person(std::int64_t person_id, Date from, Date to) = 0;
  // The appointments an officer holds (with_staff_id) or joins (joint_with) from `from` to `to` inclusive, by day, start
  // time and id, each with the person's name; empty when none.
  virtual std::vector<DiaryEntry> diary(std::int64_t staff_id, Date from, Date to) = 0;
  // Stores a series (its appointments are inserted one by one, naming it) and returns its id.
  virtual std::int64_t insert_series(std::int64_t person_id, const AppointmentSeries& series, std::int64_t booked_by) = 0;
  // Stores the person's notice that they cannot come (migration 32) and returns its id.
  virtual std::int64_t add_absence_notice(const AbsenceNotice& notice) = 0;
  // The person's notices, newest first; empty when none.
  virtual std::vector<AbsenceNotice> absence_notices(std::int64_t person_id) = 0;
  // The notices still waiting for the officer who holds each appointment (with_staff_id): their
  // appointment neither cancelled, nor changed (its version) since the notice was sent (migration
  // 36), nor given an outcome. By the appointment's day and start, then the notice's id; empty when none.
  virtual std::vector<OpenAbsenceNotice> open_absence_notices(std::int64_t staff_id) = 0;
};

class AppointmentOutcomeRepository {
 public:
  virtual ~AppointmentOutcomeRepository() = default;
  // Appends the decision for the person's appointment and returns its id.
  virtual std::int64_t insert(std::int64_t person_id, const OutcomeDecision& decision) = 0;
  // Every decision on the person's appointments on or after `from`, oldest first (standing_outcomes
  // picks the one that stands for each appointment); empty when none.
  virtual std::vector<OutcomeDecision> for_person(std::int64_t person_id, Date from) = 0;
  // The people with an absence recorded as awaiting evidence at an appointment on or after `from`
  // (whether or not a later decision replaced it), in id order; empty when none. For the nightly job.
  virtual std::vector<std::int64_t> people_awaiting_evidence(Date from) = 0;
  // The day of the person's last appointment whose standing outcome (the latest decision on it) is
  // attended: the last contact that counted. nullopt when none.
  virtual std::optional<Date> last_attended(std::int64_t person_id) = 0;
};

// An enforcement step taken when an outcome made the person's unacceptable failures count.
struct EnforcementAction {
  std::int64_t id = 0;
  std::int64_t person_id = 0;
  std::int64_t appointment_id = 0;
  EnforcementStep step = EnforcementStep::warning;
  int failures = 0;  // unacceptable failures in the 12 months, this one included
  std::int64_t decided_by = 0;
  std::string decided_at;                 // UTC, ISO 8601
  std::optional<std::int64_t> message_id;  // the warning sent to the person (outbox)
};

class EnforcementRepository {
 public:
  virtual ~EnforcementRepository() = default;
  virtual std::int64_t insert(const EnforcementAction& action) = 0;
  // The person's enforcement steps, newest first; empty when none.
  virtual std::vector<EnforcementAction> for_person(std::int64_t person_id) = 0;
};

// A person on the contact worklist: as lists show them, where they are, the plan in force and the
// last contact that counted.
struct ContactWorklistRow {
  PersonSummary person;
  std::string prison_code;
  std::string pdu_code;
  ContactPlan plan;
  std::optional<Date> last_attended;  // whenever it was, before the plan's start too
};

class ContactPlanRepository {
 public:
  virtual ~ContactPlanRepository() = default;
  // Stores `plan` as plan.person_id's plan in force, superseding the one before (kept as history),
  // if the person has had expected_version plans so far (0: none yet); StaleVersion otherwise. The
  // person's plan version becomes expected_version + 1. Returns the new plan's id.
  virtual std::int64_t insert(const ContactPlan& plan, std::int64_t expected_version) = 0;
  // Every plan the person has had, the one in force first, then newest first; empty when none. The
  // person's plan version is how many there are.
  virtual std::vector<ContactPlan> for_person(std::int64_t person_id) = 0;
  // The people in the scope whose plan in force may put them on the contact worklist on `today`:
  // its review is due (on or before today), or there has been no contact that counted for longer than
  // the plan's shortest interval since the later of its start and the last attended appointment.
  // That is a superset of contact_status's overdue, which the caller decides. Ordered by that later
  // date (longest since a contact first), then person id, a page at a time.
  virtual Page<ContactWorklistRow> worklist(Date today, const WorklistScope& scope) = 0;
};

// A private calendar feed: an officer's diary or a person's appointments, at an address that only
// its token names. The token itself is never stored: only its SHA-256, to look it up by.
struct CalendarFeed {
  std::int64_t id = 0;
  std::optional<std::int64_t> staff_id;   // the officer whose diary it is,
  std::optional<std::int64_t> person_id;  // or the person whose appointments: one of the two
  std::int64_t created_by = 0;
  std::string created_at;  // UTC, ISO 8601
  std::optional<std::int64_t> revoked_by;
  std::string revoked_at;  // UTC, ISO 8601; empty while the feed is current

  bool current() const { return revoked_at.empty(); }
};

class CalendarFeedRepository {
 public:
  virtual ~CalendarFeedRepository() = default;
  // Stores a current feed (feed.staff_id or feed.person_id, created_by, created_at) under its token's
  // hash and returns its id. Another current feed of the same owner is a DatabaseError: revoke it first.
  virtual std::int64_t insert(const std::string& token_hash, const CalendarFeed& feed) = 0;
  virtual std::optional<CalendarFeed> find(std::int64_t id) = 0;
  // The current feed whose token has this hash; nullopt when there is none or it was revoked.
  virtual std::optional<CalendarFeed> find_current(const std::string& token_hash) = 0;
  // The officer's current feed, or the person's; nullopt when they have none.
  virtual std::optional<CalendarFeed> current_for_staff(std::int64_t staff_id) = 0;
  virtual std::optional<CalendarFeed> current_for_person(std::int64_t person_id) = 0;
  // Marks the feed revoked by `by` at `at`; false (and nothing changes) when it already was or is unknown.
  virtual bool revoke(std::int64_t id, std::int64_t by, const std::string& at) = 0;
};

}  // namespace resettle::store
