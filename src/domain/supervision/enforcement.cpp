// Outcomes of appointments and the enforcement that follows failures (see enforcement.hpp).
#include "domain/supervision/enforcement.hpp"

#include <algorithm>
#include <array>

#include "domain/errors.hpp"

namespace resettle {

namespace {
// Stored and sent in JSON: codes may only be added to, never changed or removed; labels may change.
constexpr std::array<Coded<AppointmentOutcome>, 5> outcome_table{{
    {AppointmentOutcome::attended, "attended", "Attended"},
    {AppointmentOutcome::rescheduled, "rescheduled", "Rescheduled"},
    {AppointmentOutcome::acceptable_absence, "acceptable_absence", "Acceptable absence"},
    {AppointmentOutcome::absence_awaiting_evidence, "absence_awaiting_evidence", "Absence, awaiting evidence"},
    {AppointmentOutcome::failed_to_comply, "failed_to_comply", "Failed to comply"},
}};

// Stored and sent in JSON: codes may only be added to, never changed or removed; labels may change.
constexpr std::array<Coded<EnforcementStep>, 3> step_table{{
    {EnforcementStep::none, "none", "No action"},
    {EnforcementStep::warning, "warning", "Warning"},
    {EnforcementStep::manager_review, "manager_review", "Manager's review"},
}};

// Whether the appointment's start time has come, in local time.
bool has_started(const Appointment& appointment, Date today, ClockTime now) {
  return appointment.on < today || (appointment.on == today && appointment.starts_at <= now);
}

// Whether the outcome says the person was absent and has to say why.
bool reason_required(AppointmentOutcome outcome) {
  return outcome == AppointmentOutcome::acceptable_absence || outcome == AppointmentOutcome::failed_to_comply;
}

// Fails "outcome" for an appointment not yet started, or evidence awaited after its window closed.
void check_outcome(FieldReader& reader, AppointmentOutcome outcome, const Appointment& appointment, Date today,
                   ClockTime now, const BankHolidays& holidays) {
  if (!has_started(appointment, today, now)) {
    reader.fail("outcome", "cannot be recorded before the appointment starts, at " + to_text(appointment.starts_at) +
                               " on " + to_long_date(appointment.on));
    return;
  }
  auto due_by = evidence_due_by(appointment.on, holidays);
  if (outcome == AppointmentOutcome::absence_awaiting_evidence && due_by < today)
    reader.fail("outcome", "cannot be awaiting evidence: the time to give it ended on " + to_long_date(due_by) +
                               ", so record whether the absence was acceptable or a failure to comply");
}
}  // namespace

std::span<const Coded<AppointmentOutcome>> appointment_outcomes() { return outcome_table; }
std::span<const Coded<EnforcementStep>> enforcement_steps() { return step_table; }

Date evidence_due_by(Date appointment_on, const BankHolidays& holidays) {
  return add_working_days(appointment_on, evidence_working_days, holidays);
}

AppointmentOutcome outcome_on(const OutcomeDecision& decision, Date today, const BankHolidays& holidays) {
  bool window_closed = evidence_due_by(decision.appointment_on, holidays) < today;
  if (decision.outcome == AppointmentOutcome::absence_awaiting_evidence && window_closed)
    return AppointmentOutcome::failed_to_comply;
  return decision.outcome;
}

OutcomeDecision read_outcome(const FieldInput& input, const Appointment& appointment, Date today, ClockTime now,
                             const BankHolidays& holidays) {
  if (appointment.cancelled()) throw Conflict("the appointment was cancelled: there is nothing to record");
  FieldReader reader{input};
  OutcomeDecision decision;
  decision.appointment_id = appointment.id;
  decision.appointment_on = appointment.on;
  auto outcome = reader.code("outcome", Need::required, appointment_outcomes());
  if (outcome) {
    decision.outcome = *outcome;
    check_outcome(reader, *outcome, appointment, today, now, holidays);
  }
  bool needs_reason = outcome && reason_required(*outcome);
  decision.reason = reader.text("reason", needs_reason ? Need::required : Need::optional, 1000);
  reader.throw_if_failed();
  return decision;
}

std::vector<OutcomeDecision> standing_outcomes(std::span<const OutcomeDecision> oldest_first) {
  std::vector<OutcomeDecision> standing;
  for (const auto& decision : oldest_first) {
    auto same = std::find_if(standing.begin(), standing.end(),
                             [&](const OutcomeDecision& d) { return d.appointment_id == decision.appointment_id; });
    if (same == standing.end())
      standing.push_back(decision);
    else
      *same = decision;
  }
  return standing;
}

int unacceptable_failures(std::span<const OutcomeDecision> standing, Date on, const BankHolidays& holidays) {
  auto twelve_months_earlier = add_months(on, -12);
  return static_cast<int>(std::count_if(standing.begin(), standing.end(), [&](const OutcomeDecision& decision) {
    bool in_window = decision.appointment_on > twelve_months_earlier && decision.appointment_on <= on;
    return in_window && outcome_on(decision, on, holidays) == AppointmentOutcome::failed_to_comply;
  }));
}

EnforcementStep enforcement_step(int failures_in_12_months) {
  if (failures_in_12_months <= 0) return EnforcementStep::none;
  return failures_in_12_months == 1 ? EnforcementStep::warning : EnforcementStep::manager_review;
}

EnforcementStep enforcement_step(std::span<const OutcomeDecision> standing, Date on, const BankHolidays& holidays) {
  return enforcement_step(unacceptable_failures(standing, on, holidays));
}

}  // namespace resettle
