// Outcomes and enforcement: the evidence window in working days (bank holidays inside it), an absence
// awaiting evidence becoming a failure, outcomes refused for appointments not yet started, failures
// counted over 12 months (exactly 12 months ago, 29 February) and the next step.
#include "domain/supervision/enforcement.hpp"

#include <gtest/gtest.h>

#include <functional>

#include "code_table_checks.hpp"
#include "refusal.hpp"
#include "domain/errors.hpp"

using namespace resettle;
using namespace std::chrono;

namespace {

constexpr Date monday{2027y / January / 4};
const BankHolidays holidays{{Date{2026y / December / 25}, Date{2026y / December / 28}, Date{2027y / January / 1},
                             Date{2027y / March / 26}, Date{2027y / March / 29}, Date{2027y / May / 3},
                             Date{2027y / May / 31}, Date{2027y / August / 30}, Date{2027y / December / 27},
                             Date{2027y / December / 28}, Date{2028y / January / 3}},
                            Date{2026y / January / 1}, Date{2028y / December / 31}};

ClockTime at(const char* text) { return *parse_clock_time(text); }

Appointment appointment_on(Date on, std::int64_t id = 1) {
  Appointment appointment;
  appointment.id = id;
  appointment.on = on;
  appointment.starts_at = at("10:00");
  appointment.ends_at = at("11:00");
  return appointment;
}

OutcomeDecision decided(std::int64_t appointment_id, Date on, AppointmentOutcome outcome) {
  OutcomeDecision decision;
  decision.appointment_id = appointment_id;
  decision.appointment_on = on;
  decision.outcome = outcome;
  return decision;
}

OutcomeDecision failure(std::int64_t appointment_id, Date on) {
  return decided(appointment_id, on, AppointmentOutcome::failed_to_comply);
}

using Failure = test_support::Refusal;

Failure failure_of(FieldInput input, Date today, const char* now = "12:00", Date appointment_day = monday) {
  return test_support::refusal_of([&] { read_outcome(input, appointment_on(appointment_day), today, at(now), holidays); });
}

std::vector<std::string> errors(FieldInput input, Date today = monday, const char* now = "12:00") {
  return failure_of(std::move(input), today, now).fields;
}

}  // namespace

TEST(Enforcement, CodeTablesAreComplete) {
  code_checks::expect_complete_code_table(appointment_outcomes(), 5);
  code_checks::expect_complete_code_table(enforcement_steps(), 3);
}

TEST(EvidenceWindow, FiveWorkingDaysAfterTheAppointmentsDay) {
  EXPECT_EQ(evidence_due_by(monday, holidays), Date{2027y / January / 11}) << "Monday to Monday";
  EXPECT_EQ(evidence_due_by(Date{2027y / January / 6}, holidays), Date{2027y / January / 13}) << "over a weekend";
  EXPECT_EQ(evidence_due_by(Date{2027y / January / 9}, holidays), Date{2027y / January / 15})
      << "a Saturday appointment: the Monday after is the first day";
  EXPECT_EQ(evidence_due_by(Date{2027y / January / 29}, holidays), Date{2027y / February / 5}) << "across a month's end";
}

TEST(EvidenceWindow, BankHolidaysInsideItAreSkipped) {
  EXPECT_EQ(evidence_due_by(Date{2026y / December / 31}, holidays), Date{2027y / January / 8}) << "New Year's Day";
  EXPECT_EQ(evidence_due_by(Date{2027y / March / 25}, holidays), Date{2027y / April / 5})
      << "Good Friday and Easter Monday";
  EXPECT_EQ(evidence_due_by(Date{2027y / December / 23}, holidays), Date{2028y / January / 4})
      << "Christmas, the substitute days and New Year's substitute day";
  EXPECT_EQ(evidence_due_by(Date{2027y / May / 28}, holidays), Date{2027y / June / 7}) << "the spring bank holiday";
}

TEST(EvidenceWindow, AnAbsenceAwaitingEvidenceBecomesAFailureWhenItCloses) {
  auto awaiting = decided(1, monday, AppointmentOutcome::absence_awaiting_evidence);
  EXPECT_EQ(outcome_on(awaiting, monday, holidays), AppointmentOutcome::absence_awaiting_evidence);
  EXPECT_EQ(outcome_on(awaiting, Date{2027y / January / 11}, holidays), AppointmentOutcome::absence_awaiting_evidence)
      << "the last day for evidence";
  EXPECT_EQ(outcome_on(awaiting, Date{2027y / January / 12}, holidays), AppointmentOutcome::failed_to_comply);
  for (auto outcome : {AppointmentOutcome::attended, AppointmentOutcome::rescheduled, AppointmentOutcome::acceptable_absence,
                       AppointmentOutcome::failed_to_comply})
    EXPECT_EQ(outcome_on(decided(1, monday, outcome), Date{2028y / January / 1}, holidays), outcome);
}

TEST(Outcome, IsReadWithItsReason) {
  auto decision = read_outcome({{"outcome", "failed_to_comply"}, {"reason", "No contact, no explanation"}},
                               appointment_on(monday, 42), monday, at("11:30"), holidays);
  EXPECT_EQ(decision.appointment_id, 42);
  EXPECT_EQ(decision.appointment_on, monday);
  EXPECT_EQ(decision.outcome, AppointmentOutcome::failed_to_comply);
  EXPECT_EQ(decision.reason, "No contact, no explanation");
  EXPECT_EQ(read_outcome({{"outcome", "attended"}}, appointment_on(monday), monday, at("11:30"), holidays).reason, "");
}

TEST(Outcome, NotForAnAppointmentThatHasNotStarted) {
  FieldInput attended{{"outcome", "attended"}};
  EXPECT_EQ(errors(attended, monday, "09:59"), std::vector<std::string>{"outcome"});
  EXPECT_EQ(failure_of(attended, monday, "09:59").messages.front(),
            "cannot be recorded before the appointment starts, at 10:00 on 4 January 2027");
  EXPECT_TRUE(errors(attended, monday, "10:00").empty()) << "from the moment it starts";
  EXPECT_EQ(errors(attended, Date{2027y / January / 3}, "23:59"), std::vector<std::string>{"outcome"}) << "the day before";
  EXPECT_TRUE(errors(attended, Date{2027y / January / 5}, "00:00").empty()) << "the day after, however early";
  EXPECT_EQ(errors({{"outcome", "rescheduled"}}, Date{2027y / January / 3}), std::vector<std::string>{"outcome"})
      << "moving a future appointment is a change of booking, not an outcome";
}

TEST(Outcome, AReasonIsRequiredForAnAcceptableAbsenceAndAFailure) {
  EXPECT_EQ(errors({{"outcome", "failed_to_comply"}}), std::vector<std::string>{"reason"});
  EXPECT_EQ(errors({{"outcome", "acceptable_absence"}, {"reason", "  "}}), std::vector<std::string>{"reason"});
  for (auto code : {"attended", "rescheduled", "absence_awaiting_evidence"})
    EXPECT_TRUE(errors({{"outcome", code}}).empty()) << code;
  EXPECT_EQ(errors({{"outcome", "attended"}, {"reason", std::string(1001, 'x')}}), std::vector<std::string>{"reason"});
}

TEST(Outcome, EveryBadFieldIsNamed) {
  EXPECT_EQ(errors({}), std::vector<std::string>{"outcome"});
  EXPECT_EQ(errors({{"outcome", "missed"}}), std::vector<std::string>{"outcome"});
  EXPECT_EQ(errors({{"outcome", "failed_to_comply"}}, Date{2027y / January / 3}),
            (std::vector<std::string>{"outcome", "reason"}));
  EXPECT_EQ(errors({{"reason", std::string{"bad\x01"}}}), (std::vector<std::string>{"outcome", "reason"}));
}

TEST(Outcome, NotAwaitingEvidenceOnceTheWindowHasClosed) {
  FieldInput awaiting{{"outcome", "absence_awaiting_evidence"}};
  EXPECT_TRUE(errors(awaiting, Date{2027y / January / 11}).empty()) << "the last day for evidence";
  EXPECT_EQ(errors(awaiting, Date{2027y / January / 12}), std::vector<std::string>{"outcome"});
  EXPECT_EQ(failure_of(awaiting, Date{2027y / January / 12}).messages.front(),
            "cannot be awaiting evidence: the time to give it ended on 11 January 2027, so record whether the "
            "absence was acceptable or a failure to comply");
  EXPECT_TRUE(errors({{"outcome", "acceptable_absence"}, {"reason", "Hospital letter"}}, Date{2027y / February / 1}).empty())
      << "evidence may still be accepted late";
}

TEST(Failures, TheNewestDecisionOnEachAppointmentStands) {
  std::vector<OutcomeDecision> oldest_first{decided(1, monday, AppointmentOutcome::absence_awaiting_evidence),
                                            decided(2, Date{2027y / January / 11}, AppointmentOutcome::attended),
                                            decided(1, monday, AppointmentOutcome::acceptable_absence)};
  auto standing = standing_outcomes(oldest_first);
  ASSERT_EQ(standing.size(), 2u);
  EXPECT_EQ(standing[0].appointment_id, 1);
  EXPECT_EQ(standing[0].outcome, AppointmentOutcome::acceptable_absence);
  EXPECT_EQ(standing[1].appointment_id, 2);
  EXPECT_TRUE(standing_outcomes({}).empty());
}

TEST(Failures, CountedInTheTwelveMonthsUpToTheDayAndNotExactlyTwelveMonthsAgo) {
  constexpr Date on{2027y / June / 10};
  std::vector<OutcomeDecision> standing{failure(1, Date{2026y / June / 10}), failure(2, Date{2026y / June / 11}),
                                        failure(3, on), failure(4, Date{2027y / June / 11})};
  EXPECT_EQ(unacceptable_failures(standing, on, holidays), 2) << "11 June 2026 and 10 June 2027";
  EXPECT_EQ(unacceptable_failures(standing, Date{2027y / June / 11}, holidays), 2) << "11 June 2026 has run out";
  EXPECT_EQ(unacceptable_failures(standing, Date{2026y / June / 10}, holidays), 1);
  EXPECT_EQ(unacceptable_failures(standing, Date{2026y / June / 9}, holidays), 0);
}

TEST(Failures, TwelveMonthsAround29February) {
  std::vector<OutcomeDecision> standing{failure(1, Date{2028y / February / 28}), failure(2, Date{2028y / February / 29})};
  EXPECT_EQ(unacceptable_failures(standing, Date{2029y / February / 28}, holidays), 1)
      << "12 months before 28 February 2029 is 28 February 2028, so 29 February still counts";
  EXPECT_EQ(unacceptable_failures(standing, Date{2029y / March / 1}, holidays), 0);
  std::vector<OutcomeDecision> earlier{failure(1, Date{2027y / February / 28}), failure(2, Date{2027y / March / 1})};
  EXPECT_EQ(unacceptable_failures(earlier, Date{2028y / February / 29}, holidays), 1)
      << "12 months before 29 February 2028 is 28 February 2027 (clamped)";
}

TEST(Failures, OnlyUnacceptableFailuresCountAndAnExpiredWaitForEvidenceIsOne) {
  std::vector<OutcomeDecision> standing{decided(1, monday, AppointmentOutcome::attended),
                                        decided(2, monday, AppointmentOutcome::rescheduled),
                                        decided(3, monday, AppointmentOutcome::acceptable_absence),
                                        decided(4, monday, AppointmentOutcome::absence_awaiting_evidence)};
  EXPECT_EQ(unacceptable_failures(standing, Date{2027y / January / 11}, holidays), 0) << "evidence may still come";
  EXPECT_EQ(unacceptable_failures(standing, Date{2027y / January / 12}, holidays), 1);
  std::vector<OutcomeDecision> superseded{failure(1, monday), decided(1, monday, AppointmentOutcome::acceptable_absence)};
  EXPECT_EQ(unacceptable_failures(standing_outcomes(superseded), Date{2027y / February / 1}, holidays), 0);
}

TEST(EnforcementStep, AWarningForTheFirstFailureAManagersReviewForAFurtherOne) {
  EXPECT_EQ(enforcement_step(0), EnforcementStep::none);
  EXPECT_EQ(enforcement_step(1), EnforcementStep::warning);
  EXPECT_EQ(enforcement_step(2), EnforcementStep::manager_review);
  EXPECT_EQ(enforcement_step(7), EnforcementStep::manager_review);
  EXPECT_EQ(enforcement_step(-1), EnforcementStep::none);
}

TEST(EnforcementStep, FollowsTheFailuresInTheTwelveMonths) {
  std::vector<OutcomeDecision> standing{failure(1, monday)};
  EXPECT_EQ(enforcement_step(standing, monday, holidays), EnforcementStep::warning);
  standing.push_back(failure(2, Date{2027y / December / 6}));
  EXPECT_EQ(enforcement_step(standing, Date{2027y / December / 6}, holidays), EnforcementStep::manager_review);
  standing.push_back(failure(3, Date{2028y / March / 6}));
  EXPECT_EQ(enforcement_step(standing, Date{2028y / March / 6}, holidays), EnforcementStep::manager_review)
      << "the first has expired but the second has not";
  EXPECT_EQ(enforcement_step(std::span<const OutcomeDecision>{standing.data(), 1}, Date{2028y / January / 4}, holidays),
            EnforcementStep::none)
      << "exactly 12 months on, the first failure has run out";
  EXPECT_EQ(enforcement_step(std::vector{failure(1, monday), failure(3, Date{2028y / January / 5})},
                             Date{2028y / January / 5}, holidays),
            EnforcementStep::warning)
      << "a failure more than 12 months after the last starts again with a warning";
}
