#pragma once
// Appointment outcomes and enforcement: the window for evidence, failures counted over 12 months, the next step.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "domain/supervision/appointment.hpp"
#include "domain/bank_holidays.hpp"
#include "domain/clock_time.hpp"
#include "domain/code_list.hpp"
#include "domain/date.hpp"
#include "domain/field_input.hpp"

namespace resettle {

// What happened at an appointment. Stored and sent in JSON: codes may only be added to; labels may change.
enum class AppointmentOutcome : std::uint8_t {
  attended,
  rescheduled,
  acceptable_absence,
  absence_awaiting_evidence,  // the person has until the evidence window closes to show it was acceptable
  failed_to_comply,           // an unacceptable failure
};
std::span<const Coded<AppointmentOutcome>> appointment_outcomes();

// What follows an unacceptable failure. Stored and sent in JSON: codes may only be added to; labels may change.
enum class EnforcementStep : std::uint8_t { none, warning, manager_review };
std::span<const Coded<EnforcementStep>> enforcement_steps();

// Working days the person has, after the appointment's day, to give evidence of an acceptable absence.
inline constexpr int evidence_working_days = 5;

// A recorded outcome. Never changed: a later decision on the same appointment supersedes it.
struct OutcomeDecision {
  std::int64_t id = 0;
  std::int64_t appointment_id = 0;
  Date appointment_on{};  // the appointment's day, which the evidence window and the 12 months count from
  AppointmentOutcome outcome = AppointmentOutcome::attended;
  std::string reason;           // why: required for an acceptable absence and a failure to comply
  std::int64_t decided_by = 0;  // who decided
  std::string decided_at;       // when it was recorded (UTC, ISO 8601)

  bool operator==(const OutcomeDecision&) const = default;
};

// The last day for evidence: 5 working days after the appointment's day, skipping weekends and bank holidays.
Date evidence_due_by(Date appointment_on, const BankHolidays& holidays);

// The outcome as it stands on `today`: an absence awaiting evidence whose window closed before today
// (evidence_due_by < today) is a failure to comply; any other outcome is as recorded.
AppointmentOutcome outcome_on(const OutcomeDecision& decision, Date today, const BankHolidays& holidays);

// Reads outcome (a code of appointment_outcomes()) and reason (1000 characters at most; required for
// acceptable_absence and failed_to_comply) for `appointment`, with `today` and `now` the local date
// and time in England and Wales. Throws ValidationFailed naming every bad field, outcome first:
// outcome when the appointment has not started yet (its day is after today, or it is today and starts
// after now), or when it is absence_awaiting_evidence and the evidence window has already closed.
// Who decided is for the caller to fill in. Throws Conflict for a cancelled appointment.
OutcomeDecision read_outcome(const FieldInput& input, const Appointment& appointment, Date today, ClockTime now,
                             const BankHolidays& holidays);

// The decision that stands for each appointment: the newest (latest in `oldest_first`), in the order
// the appointments were first decided.
std::vector<OutcomeDecision> standing_outcomes(std::span<const OutcomeDecision> oldest_first);

// Unacceptable failures (outcome_on, as it stood on `on`, is failed_to_comply) among `standing` whose
// appointment day is in the 12 months up to and including `on`: after the same day 12 months earlier
// (add_months), so a failure exactly 12 months ago no longer counts. Appointments after `on` are not counted.
int unacceptable_failures(std::span<const OutcomeDecision> standing, Date on, const BankHolidays& holidays);

// The step an unacceptable failure leads to, given the failures in 12 months including it: none for 0,
// a warning for the first, a manager's review for any further one.
EnforcementStep enforcement_step(int failures_in_12_months);
// enforcement_step(unacceptable_failures(standing, on, holidays)).
EnforcementStep enforcement_step(std::span<const OutcomeDecision> standing, Date on, const BankHolidays& holidays);

}  // namespace resettle
