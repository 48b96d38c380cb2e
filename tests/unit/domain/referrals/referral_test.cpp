// Unit tests of the referral state machine (domain/referrals/referral.hpp).
#include "domain/referrals/referral.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "domain/errors.hpp"

using namespace resettle;
using namespace std::chrono;
using enum ReferralStatus;

namespace {
const Date monday{2025y / March / 3};

Referral consented_draft() {
  Referral referral = read_referral({{"person_id", "7"}, {"service_id", "svc-1"}, {"kind", "service"},
                                     {"consent_given", "yes"}, {"consent_scope", "Name, date of birth, housing need"}},
                                    monday, "Sam Patel");
  return referral;
}

// The steps that lead from draft to each status, written out here rather than taken from the code.
const std::map<ReferralStatus, std::vector<ReferralStatus>> path_to{
    {draft, {}},
    {sent, {sent}},
    {accepted, {sent, accepted}},
    {declined, {sent, declined}},
    {first_appointment, {sent, accepted, first_appointment}},
    {started, {sent, accepted, first_appointment, started}},
    {completed, {sent, accepted, first_appointment, started, completed}},
    {ended_early, {sent, accepted, first_appointment, started, ended_early}},
    {withdrawn, {withdrawn}},
};

const std::map<ReferralStatus, std::set<ReferralStatus>> legal{
    {draft, {sent, withdrawn}},
    {sent, {accepted, declined, withdrawn}},
    {accepted, {first_appointment, withdrawn}},
    {declined, {}},
    {first_appointment, {started, withdrawn}},
    {started, {completed, ended_early, withdrawn}},
    {completed, {}},
    {ended_early, {}},
    {withdrawn, {}},
};

Referral at(ReferralStatus status) {
  Referral referral = consented_draft();
  for (auto step : path_to.at(status)) referral = transition(referral, step, referral.history.back().on, "Sam Patel", "because");
  return referral;
}

std::string label(ReferralStatus status) { return std::string{entry_for(referral_statuses(), status).label}; }
}  // namespace

TEST(Referral, EveryLegalMoveSucceedsAndIsJournalled) {
  int moves = 0;
  for (const auto& [from, targets] : legal)
    for (auto to : targets) {
      Referral before = at(from);
      Referral after = transition(before, to, add_days(monday, 2), "Jo Green", "reason given");
      EXPECT_EQ(after.status, to);
      ASSERT_EQ(after.history.size(), before.history.size() + 1);
      EXPECT_EQ(after.history.back(), (ReferralStep{to, add_days(monday, 2), "Jo Green", "reason given"}));
      ++moves;
    }
  EXPECT_EQ(moves, 12);
}

TEST(Referral, EveryIllegalMoveIsAConflictNamingBothStates) {
  int refused = 0;
  for (const auto& [from, targets] : legal)
    for (const auto& entry : referral_statuses()) {
      if (targets.contains(entry.value)) continue;
      try {
        transition(at(from), entry.value, monday, "Jo Green", "reason");
        ADD_FAILURE() << "allowed " << label(from) << " -> " << entry.code;
      } catch (const Conflict& conflict) {
        std::string message = conflict.what();
        EXPECT_NE(message.find("from " + label(from) + " to " + label(entry.value)), std::string::npos) << message;
        ++refused;
      }
    }
  EXPECT_EQ(refused, 9 * 9 - 12);
}

TEST(Referral, ConflictMessageSaysWhatIsAllowedOrThatTheStateIsFinal) {
  try {
    transition(at(sent), started, monday, "Jo", "");
    FAIL();
  } catch (const Conflict& conflict) {
    EXPECT_STREQ(conflict.what(),
                 "Cannot move this referral from Sent to Started: from Sent it can only move to Accepted, Declined or "
                 "Withdrawn");
  }
  try {
    transition(at(completed), withdrawn, monday, "Jo", "changed mind");
    FAIL();
  } catch (const Conflict& conflict) {
    EXPECT_NE(std::string{conflict.what()}.find("Completed is final"), std::string::npos);
  }
}

TEST(Referral, FinalStatesAreExactlyTheFourEnds) {
  for (const auto& entry : referral_statuses())
    EXPECT_EQ(is_final(entry.value), legal.at(entry.value).empty()) << entry.code;
}

TEST(Referral, SendingNeedsConsentRecorded) {
  Referral referral = read_referral({{"person_id", "7"}, {"service_id", "svc-1"}, {"kind", "service"}}, monday, "Sam");
  EXPECT_FALSE(referral.consent.given);
  EXPECT_THROW(transition(referral, sent, monday, "Sam", ""), Conflict);
  referral = record_consent(referral, {true, monday, "Sam", "Housing need and contact details"});
  EXPECT_EQ(transition(referral, sent, monday, "Sam", "").status, sent);
}

TEST(Referral, ConsentChangesOnlyWhileDraft) {
  EXPECT_THROW(record_consent(at(sent), {false, monday, "Sam", ""}), Conflict);
  try {
    record_consent(consented_draft(), {true, monday, "", ""});
    FAIL();
  } catch (const ValidationFailed& failed) {
    ASSERT_EQ(failed.errors().size(), 2u);
    EXPECT_EQ(failed.errors()[0].field, "recorded_by");
    EXPECT_EQ(failed.errors()[1].field, "consent_scope");
  }
}

TEST(Referral, DecliningWithdrawingAndEndingEarlyNeedAReason) {
  for (auto [from, to] : {std::pair{sent, declined}, std::pair{draft, withdrawn}, std::pair{started, ended_early}}) {
    try {
      transition(at(from), to, monday, "Jo", "");
      ADD_FAILURE() << label(to);
    } catch (const ValidationFailed& failed) {
      EXPECT_EQ(failed.errors().at(0).field, "reason");
    }
  }
  EXPECT_NO_THROW(transition(at(sent), accepted, monday, "Jo", ""));
}

TEST(Referral, StepsCannotGoBackInTimeAndNeedSomeoneToRecordThem) {
  Referral referral = transition(consented_draft(), sent, add_days(monday, 3), "Sam", "");
  try {
    transition(referral, accepted, add_days(monday, 2), "", "");
    FAIL();
  } catch (const ValidationFailed& failed) {
    ASSERT_EQ(failed.errors().size(), 2u);
    EXPECT_EQ(failed.errors()[0].field, "by");
    EXPECT_EQ(failed.errors()[1].field, "date");
    EXPECT_NE(failed.errors()[1].message.find("2025-03-06"), std::string::npos);
  }
  EXPECT_EQ(referral.date_of(sent), add_days(monday, 3));
  EXPECT_FALSE(referral.date_of(accepted));
}

TEST(Referral, EachSideMakesOnlyItsOwnMoves) {
  EXPECT_TRUE(may_move(ReferralSide::referrer, sent));
  EXPECT_TRUE(may_move(ReferralSide::referrer, withdrawn));
  EXPECT_FALSE(may_move(ReferralSide::referrer, accepted));
  EXPECT_FALSE(may_move(ReferralSide::referrer, declined));
  EXPECT_TRUE(may_move(ReferralSide::provider, accepted));
  EXPECT_TRUE(may_move(ReferralSide::provider, declined));
  EXPECT_FALSE(may_move(ReferralSide::provider, sent));
  EXPECT_FALSE(may_move(ReferralSide::provider, withdrawn));
  for (auto progress : {first_appointment, started, completed, ended_early}) {
    EXPECT_TRUE(may_move(ReferralSide::provider, progress));
    EXPECT_TRUE(may_move(ReferralSide::referrer, progress));
  }
  EXPECT_THROW(require_may_move(ReferralSide::provider, withdrawn), Forbidden);
  EXPECT_NO_THROW(require_may_move(ReferralSide::provider, accepted));
}

TEST(Referral, ProvidersSeeReferralsOnlyOnceSent) {
  EXPECT_FALSE(visible_to_provider(consented_draft()));
  EXPECT_TRUE(visible_to_provider(at(sent)));
  EXPECT_FALSE(visible_to_provider(at(withdrawn)));  // withdrawn straight from draft: never sent
  EXPECT_TRUE(visible_to_provider(transition(at(sent), withdrawn, monday, "Sam", "moved area")));
}

TEST(ReferralReader, ReadsADraftWithConsent) {
  Referral referral = read_referral({{"person_id", "12"}, {"plan_action_id", "40"}, {"service_id", "svc-9"},
                                     {"kind", "service"}, {"reason_for_referral", "Wants help with debt"},
                                     {"consent_given", "true"}, {"consent_scope", "Name and debts"}},
                                    monday, "Sam Patel");
  EXPECT_EQ(referral.person_id, 12);
  EXPECT_EQ(referral.plan_action_id, 40);
  EXPECT_EQ(referral.status, draft);
  EXPECT_EQ(referral.consent, (Consent{true, monday, "Sam Patel", "Name and debts"}));
  ASSERT_EQ(referral.history.size(), 1u);
  EXPECT_EQ(referral.history[0], (ReferralStep{draft, monday, "Sam Patel", ""}));
}

TEST(ReferralReader, NamesEveryBadField) {
  try {
    read_referral({{"person_id", "abc"}, {"kind", "housing"}, {"consent_given", "yes"}}, monday, "Sam");
    FAIL();
  } catch (const ValidationFailed& failed) {
    std::set<std::string> fields;
    for (const auto& error : failed.errors()) fields.insert(error.field);
    EXPECT_EQ(fields, (std::set<std::string>{"person_id", "service_id", "kind", "consent_scope"}));
  }
}

TEST(ReferralReader, DutyToReferNeedsItsOwnFieldsAndFlagsLateReferrals) {
  FieldInput input{{"person_id", "3"},
                   {"service_id", "leeds-housing-options"},
                   {"kind", "duty_to_refer"},
                   {"local_authority", "Leeds City Council"},
                   {"homelessness_reason", "Tenancy ended while in custody"},
                   {"planned_release_date", "2025-04-25"}};
  Referral referral = read_referral(input, monday, "Sam");
  ASSERT_TRUE(referral.duty_to_refer);
  EXPECT_EQ(referral.duty_to_refer->referral_date, monday);  // defaults to today
  EXPECT_EQ(duty_to_refer_aim_date(*referral.duty_to_refer), Date{2025y / February / 28});
  EXPECT_TRUE(referred_late(*referral.duty_to_refer));  // 53 days before release

  input["referral_date"] = "2025-02-28";  // exactly 56 days ahead: on time
  EXPECT_FALSE(referred_late(*read_referral(input, monday, "Sam").duty_to_refer));
  input.erase("planned_release_date");
  EXPECT_FALSE(referred_late(*read_referral(input, monday, "Sam").duty_to_refer));

  try {
    read_referral({{"person_id", "3"}, {"service_id", "x"}, {"kind", "duty_to_refer"}, {"referral_date", "2025-03-04"}},
                  monday, "Sam");
    FAIL();
  } catch (const ValidationFailed& failed) {
    std::set<std::string> fields;
    for (const auto& error : failed.errors()) fields.insert(error.field);
    EXPECT_EQ(fields, (std::set<std::string>{"local_authority", "homelessness_reason", "referral_date"}));
  }
}

TEST(ReferralReader, Cas3AllowsUpTo84Nights) {
  FieldInput input{{"person_id", "3"},        {"service_id", "cas3-west-yorkshire"}, {"kind", "cas3"},
                   {"nights_requested", "84"}, {"start_date", "2025-03-10"},          {"property_area", "Bradford"}};
  Referral referral = read_referral(input, monday, "Sam");
  ASSERT_TRUE(referral.cas3);
  EXPECT_EQ(referral.cas3->nights_requested, 84);
  EXPECT_EQ(referral.cas3->end_date(), Date{2025y / June / 2});
  EXPECT_FALSE(referral.duty_to_refer);

  input["nights_requested"] = "85";
  try {
    read_referral(input, monday, "Sam");
    FAIL();
  } catch (const ValidationFailed& failed) {
    ASSERT_EQ(failed.errors().size(), 1u);
    EXPECT_EQ(failed.errors()[0].field, "nights_requested");
    EXPECT_NE(failed.errors()[0].message.find("84 nights"), std::string::npos);
  }
  input["nights_requested"] = "0";
  input["start_date"] = "2025-03-02";
  try {
    read_referral(input, monday, "Sam");
    FAIL();
  } catch (const ValidationFailed& failed) {
    ASSERT_EQ(failed.errors().size(), 2u);
    EXPECT_EQ(failed.errors()[0].field, "nights_requested");
    EXPECT_EQ(failed.errors()[1].field, "start_date");
  }
}

TEST(ReferralPrefill, CopiesTheRecordSoThePersonNeedNotRetellIt) {
  Person person;
  person.given_name = "Alex";
  person.family_name = "Murray";
  person.date_of_birth = Date{1990y / May / 17};
  person.prison_number = "A1234BC";
  person.gender = Gender::male;
  person.communication_needs = "Prefers short sentences";
  auto details = prefill_details(person);
  ASSERT_EQ(details.size(), 6u);
  EXPECT_EQ(details[0], (SharedDetail{"given_name", "Given name", "Alex"}));
  EXPECT_EQ(details[2].value, "1990-05-17");
  EXPECT_EQ(details[4], (SharedDetail{"gender", "Gender", "Male"}));
  EXPECT_EQ(details[5].field, "communication_needs");
}

TEST(WorkingDays, SkipWeekendsAndBankHolidays) {
  BankHolidays none;
  EXPECT_EQ(add_working_days(Date{2025y / March / 7}, 1, none), Date{2025y / March / 10});  // Friday -> Monday
  EXPECT_EQ(add_working_days(monday, 10, none), Date{2025y / March / 17});
  EXPECT_EQ(add_working_days(Date{2025y / March / 8}, 1, none), Date{2025y / March / 10});  // from a Saturday
  BankHolidays easter{{Date{2025y / April / 18}, Date{2025y / April / 21}}, Date{2025y / January / 1},
                      Date{2025y / December / 31}};
  EXPECT_EQ(add_working_days(Date{2025y / April / 17}, 1, easter), Date{2025y / April / 22});
  EXPECT_EQ(add_working_days(Date{2025y / April / 14}, 10, easter), Date{2025y / April / 30});
}

TEST(Deadlines, InitialAssessmentTenWorkingDaysAfterSending) {
  BankHolidays none;
  Referral referral = transition(consented_draft(), sent, monday, "Sam", "");
  auto due = deadlines(referral, none, Date{2025y / March / 17}, {});
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0], (Deadline{DeadlineKind::initial_assessment, Date{2025y / March / 17}, std::nullopt, false}));
  EXPECT_TRUE(deadlines(referral, none, Date{2025y / March / 18}, {})[0].overdue);
}

TEST(Deadlines, EachIsMetByItsStepAndTheNextStartsFromIt) {
  BankHolidays none;
  Referral referral = transition(consented_draft(), sent, monday, "Sam", "");
  referral = transition(referral, accepted, add_days(monday, 1), "Provider", "");
  referral = transition(referral, first_appointment, Date{2025y / March / 20}, "Provider", "");  // 3 days late
  auto due = deadlines(referral, none, Date{2025y / March / 28}, {});
  ASSERT_EQ(due.size(), 2u);
  EXPECT_EQ(due[0].met_on, Date{2025y / March / 20});
  EXPECT_FALSE(due[0].overdue);  // met late, but met: the due and met dates show the delay
  EXPECT_EQ(due[1], (Deadline{DeadlineKind::action_plan, Date{2025y / March / 27}, std::nullopt, true}));

  referral = transition(referral, started, Date{2025y / March / 27}, "Provider", "");
  referral = transition(referral, ended_early, Date{2025y / April / 4}, "Provider", "Recalled to custody");
  due = deadlines(referral, none, Date{2025y / April / 14}, {});
  ASSERT_EQ(due.size(), 3u);
  EXPECT_EQ(due[2], (Deadline{DeadlineKind::end_of_service_report, Date{2025y / April / 11}, std::nullopt, true}));
  referral = record_end_of_service_report(referral, Date{2025y / April / 14});
  EXPECT_EQ(deadlines(referral, none, Date{2025y / April / 14}, {})[2].met_on, Date{2025y / April / 14});
}

TEST(Deadlines, LevelsAreDataAndOnlyServiceReferralsHaveThem) {
  BankHolidays none;
  Referral referral = transition(consented_draft(), sent, monday, "Sam", "");
  EXPECT_EQ(deadlines(referral, none, monday, {5, 5, 5})[0].due, Date{2025y / March / 10});
  referral.kind = ReferralKind::cas3;
  EXPECT_TRUE(deadlines(referral, none, monday, {}).empty());
}

TEST(Deadlines, UnmetOnesNoLongerApplyOnceDeclinedOrWithdrawn) {
  BankHolidays none;
  Referral referral = transition(at(sent), declined, add_days(monday, 20), "Provider", "No spaces");
  EXPECT_TRUE(deadlines(referral, none, add_days(monday, 30), {}).empty());
}

TEST(Deadlines, EndOfServiceReportNeedsAnEndedReferral) {
  EXPECT_THROW(record_end_of_service_report(at(started), monday), Conflict);
  Referral done = transition(at(started), completed, add_days(monday, 5), "Provider", "");
  EXPECT_THROW(record_end_of_service_report(done, add_days(monday, 4)), ValidationFailed);
}
