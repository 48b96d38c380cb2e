// Unit tests of deciding the day of release (domain/release/release_day_decision.hpp): only a day the rules
// allow is accepted, a second day only from a manager, and the decided day stands for its release.
#include "domain/release/release_day_decision.hpp"

#include <gtest/gtest.h>

#include "code_table_checks.hpp"
#include "domain/errors.hpp"

using namespace resettle;
using namespace std::chrono;

namespace {

Date day(const char* text) { return parse_iso_date(text).value(); }

// Good Friday 2027 is 26 March; the list covers 2027.
const BankHolidays holidays{{day("2027-03-26")}, day("2027-01-01"), day("2027-12-31")};

const Date friday = day("2027-02-05");
const Date thursday = day("2027-02-04");
const Date wednesday = day("2027-02-03");

ReleaseDayAdjustment adult_release(Date release, std::string approver = "Sam Manager") {
  ReleaseDayFacts facts;
  facts.com_request_approved_by = std::move(approver);
  return adjust_release_day(release, holidays, facts);
}

FieldInput choosing(Date decided) { return {{"decided_date", to_iso(decided)}}; }

// The message of the one error on decided_date that `action` throws.
template <typename Action>
std::string refusal(Action&& action) {
  try {
    action();
  } catch (const ValidationFailed& failure) {
    EXPECT_EQ(failure.errors().size(), 1u);
    EXPECT_EQ(failure.errors().front().field, "decided_date");
    return failure.errors().front().message;
  }
  ADD_FAILURE() << "no ValidationFailed";
  return "";
}

TEST(ReleaseDayDecision, ChoicesAreACompleteCodeTable) {
  code_checks::expect_complete_code_table(release_day_choices(), 2);
}

TEST(ReleaseDayDecision, AcceptsThePresumedDayOfAFridayRelease) {
  auto decision = decide_release_day(choosing(thursday), adult_release(friday), Role::pom);
  EXPECT_EQ(decision.release_date, friday);
  EXPECT_EQ(decision.decided_date, thursday);
  EXPECT_EQ(decision.choice, ReleaseDayChoice::presumed);
}

TEST(ReleaseDayDecision, AcceptsThePresumedDayBeforeABankHoliday) {
  auto adjustment = adult_release(day("2027-03-25"));  // Maundy Thursday
  EXPECT_EQ(adjustment.flag, ReleaseDayFlag::before_bank_holiday);
  EXPECT_EQ(decide_release_day(choosing(day("2027-03-24")), adjustment, Role::com).decided_date, day("2027-03-24"));
}

TEST(ReleaseDayDecision, ASecondDayIsAManagersToApprove) {
  EXPECT_NE(refusal([] { decide_release_day(choosing(wednesday), adult_release(friday), Role::com); }).find("manager"),
            std::string::npos);
  auto decision = decide_release_day(choosing(wednesday), adult_release(friday), Role::manager);
  EXPECT_EQ(decision.choice, ReleaseDayChoice::second_day);
  EXPECT_EQ(decision.decided_date, wednesday);
}

TEST(ReleaseDayDecision, RefusesADayTheRulesDoNotAllow) {
  auto message = refusal([] { decide_release_day(choosing(day("2027-02-01")), adult_release(friday), Role::manager); });
  EXPECT_NE(message.find("4 February 2027"), std::string::npos) << message;
  refusal([] { decide_release_day(choosing(friday), adult_release(friday), Role::pom); });
  refusal([] { decide_release_day({{"decided_date", ""}}, adult_release(friday), Role::pom); });
}

TEST(ReleaseDayDecision, RefusesAReleaseThatIsNotBroughtForward) {
  auto tuesday = day("2027-02-09");
  auto message = refusal([&] { decide_release_day(choosing(day("2027-02-08")), adult_release(tuesday), Role::pom); });
  EXPECT_NE(message.find("not on a Friday"), std::string::npos) << message;
}

TEST(ReleaseDayDecision, RefusesWhereThePolicyExcludesTheCase) {
  for (auto exclude : {&ReleaseDayFacts::indeterminate, &ReleaseDayFacts::parole_board_release}) {
    ReleaseDayFacts facts;
    facts.*exclude = true;
    auto adjustment = adjust_release_day(friday, holidays, facts);
    auto message = refusal([&] { decide_release_day(choosing(thursday), adjustment, Role::manager); });
    EXPECT_NE(message.find("excludes"), std::string::npos) << message;
  }
}

TEST(ReleaseDayDecision, AChildsPresumedDayIsTwoWorkingDaysEarlier) {
  ReleaseDayFacts facts;
  facts.child = true;
  auto adjustment = adjust_release_day(friday, holidays, facts);
  EXPECT_EQ(decide_release_day(choosing(wednesday), adjustment, Role::pom).choice, ReleaseDayChoice::presumed);
  refusal([&] { decide_release_day(choosing(thursday), adjustment, Role::pom); });
}

TEST(ReleaseDayDecision, FactsComeFromThePersonAndTheSentence) {
  Person person;
  person.date_of_birth = day("2009-06-01");
  Sentence sentence;
  sentence.start_date = day("2026-12-01");
  sentence.remand_days = 10;
  sentence.length_days = 200;
  auto facts = release_day_facts(person, sentence, friday);
  EXPECT_TRUE(facts.child);  // 17 on the release date
  EXPECT_EQ(facts.days_served, 66 + 10);
  EXPECT_EQ(facts.term_days, 200);
  EXPECT_FALSE(facts.indeterminate);
  person.date_of_birth = day("2009-02-05");
  sentence.type = SentenceType::indeterminate;
  facts = release_day_facts(person, sentence, friday);
  EXPECT_FALSE(facts.child);  // 18 that day
  EXPECT_TRUE(facts.indeterminate);
}

TEST(ReleaseDayDecision, OnlyThosePreparingTheReleaseDecide) {
  for (auto role : {Role::pom, Role::pre_release, Role::com, Role::manager}) EXPECT_TRUE(may_decide_release_day(role));
  for (auto role : {Role::key_worker, Role::partner, Role::admin}) EXPECT_FALSE(may_decide_release_day(role));
  EXPECT_TRUE(may_approve_second_day(Role::manager));
  for (auto role : {Role::pom, Role::pre_release, Role::com, Role::key_worker, Role::partner, Role::admin})
    EXPECT_FALSE(may_approve_second_day(role));
}

ReleaseDayDecision decided(Date release, Date leaves) {
  ReleaseDayDecision decision;
  decision.release_date = release;
  decision.decided_date = leaves;
  return decision;
}

TEST(ReleaseDayDecision, TheNewestDecisionStandsForItsReleaseDateOnly) {
  std::vector<ReleaseDayDecision> history{decided(friday, thursday), decided(friday, wednesday)};
  EXPECT_EQ(standing_decision(history, friday)->decided_date, thursday);
  EXPECT_FALSE(standing_decision(history, day("2027-02-12")));  // the release date moved: decide again
  EXPECT_FALSE(standing_decision({}, friday));
}

TEST(ReleaseDayDecision, TheDayOfReleaseIsDecidedOrDueNeverAWeekend) {
  auto saturday = adult_release(day("2027-02-06"));
  EXPECT_EQ(day_of_release(saturday, std::nullopt), friday);
  EXPECT_EQ(day_of_release(adult_release(friday), decided(friday, thursday)), thursday);
  // Christmas Day 2026 is a Friday: due on Thursday 24 December.
  BankHolidays christmas{{day("2026-12-25"), day("2026-12-28")}, day("2026-01-01"), day("2026-12-31")};
  EXPECT_EQ(day_of_release(adjust_release_day(day("2026-12-25"), christmas), std::nullopt), day("2026-12-24"));
}

}  // namespace
