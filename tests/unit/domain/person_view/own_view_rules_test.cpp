// The rules of the person's own say on their pages: their words (required or not, at most 500
// characters counted as they see them, characters we cannot keep), responses to an objective,
// agreeing with the whole plan, "I can't make it" (only before an appointment starts and while it is
// not cancelled) and the notice that their officer changed (for 28 days after a new lead takes over).
#include <gtest/gtest.h>

#include "code_table_checks.hpp"
#include "domain/supervision/absence_notice.hpp"
#include "domain/catalogue.hpp"
#include "domain/person_view/officer_change.hpp"
#include "domain/plan/own_words.hpp"
#include "domain/plan/plan.hpp"
#include "domain/plan/plan_response.hpp"
#include "refusal.hpp"

using namespace resettle;
using namespace resettle::test_support;
using namespace std::chrono;

namespace {

const OwnWordsMessages messages{"Enter your comment", "Your comment must be 500 characters or fewer"};

std::string repeated(std::string_view piece, std::size_t times) {
  std::string text;
  for (std::size_t i = 0; i < times; ++i) text += piece;
  return text;
}

}  // namespace

// --- Their words ---------------------------------------------------------------------------------

TEST(OwnWords, CharactersAreCountedAsThePersonSeesThem) {
  EXPECT_EQ(characters_in(""), 0U);
  EXPECT_EQ(characters_in("abc"), 3U);
  EXPECT_EQ(characters_in("ŵyr"), 3U);          // ŵ is two bytes
  EXPECT_EQ(characters_in("“hi” 👍"), 6U);      // three-byte quotes, a four-byte emoji
}

TEST(OwnWords, AreTrimmedAndMayBeLeftOutWhenOptional) {
  EXPECT_EQ(read_own_words({{"comment", "  fine by me \n"}}, "comment", Need::optional, messages), "fine by me");
  EXPECT_EQ(read_own_words({}, "comment", Need::optional, messages), "");
  EXPECT_EQ(read_own_words({{"comment", "   "}}, "comment", Need::optional, messages), "");
}

TEST(OwnWords, WhenRequiredABlankIsRefusedWithTheMissingMessage) {
  for (const FieldInput& input : {FieldInput{}, FieldInput{{"comment", ""}}, FieldInput{{"comment", " \t\n"}}}) {
    auto refusal = refusal_of([&] { read_own_words(input, "comment", Need::required, messages); });
    EXPECT_EQ(refusal.fields, std::vector<std::string>{"comment"});
    EXPECT_EQ(refusal.messages, std::vector<std::string>{"Enter your comment"});
  }
}

TEST(OwnWords, FiveHundredCharactersAreKeptAndOneMoreIsTooLong) {
  EXPECT_EQ(read_own_words({{"comment", repeated("a", 500)}}, "comment", Need::required, messages).size(), 500U);
  // 500 Welsh ŵ are 1,000 bytes: still 500 characters.
  EXPECT_EQ(characters_in(read_own_words({{"comment", repeated("ŵ", 500)}}, "comment", Need::required, messages)), 500U);
  for (const auto& text : {repeated("a", 501), repeated("ŵ", 501), repeated("👍", 501), repeated("a", 5000)}) {
    auto refusal = refusal_of([&] { read_own_words({{"comment", text}}, "comment", Need::optional, messages); });
    EXPECT_EQ(refusal.fields, std::vector<std::string>{"comment"});
    EXPECT_EQ(refusal.messages, std::vector<std::string>{"Your comment must be 500 characters or fewer"});
  }
}

TEST(OwnWords, CharactersWeCannotKeepAskForTheTextAgainInTheCatalogue) {
  auto refusal = refusal_of([] { read_own_words({{"comment", "bad\x01"}}, "comment", Need::optional, messages); });
  ASSERT_EQ(refusal.fields, std::vector<std::string>{"comment"});
  EXPECT_NO_THROW(translated(refusal.messages.front(), Language::cy));  // a catalogue text, in Welsh too
  EXPECT_NE(refusal.messages.front(), messages.missing);
  EXPECT_NE(refusal.messages.front(), messages.too_long);
}

// --- Responses to an objective ------------------------------------------------------------------

TEST(PlanResponse, CodeTableIsComplete) { code_checks::expect_complete_code_table(plan_response_kinds(), 3); }

TEST(PlanResponse, AgreeingOrDisagreeingNeedsNoComment) {
  EXPECT_EQ(read_plan_response({{"response", "agree"}}).kind, PlanResponseKind::agree);
  auto disagreed = read_plan_response({{"response", "disagree"}, {"comment", "Not Leeds, please"}});
  EXPECT_EQ(disagreed.kind, PlanResponseKind::disagree);
  EXPECT_EQ(disagreed.comment, "Not Leeds, please");
  EXPECT_EQ(read_plan_response({{"response", "disagree"}, {"comment", ""}}).comment, "");
}

TEST(PlanResponse, ACommentNeedsItsWords) {
  EXPECT_EQ(read_plan_response({{"response", "comment"}, {"comment", "Can my sister help?"}}).comment, "Can my sister help?");
  auto refusal = refusal_of([] { read_plan_response({{"response", "comment"}, {"comment", " "}}); });
  EXPECT_EQ(refusal.fields, std::vector<std::string>{"comment"});
  EXPECT_EQ(refusal.messages, std::vector<std::string>{"Enter your comment"});
}

TEST(PlanResponse, NoOrAnUnknownChoiceIsRefusedNamingResponseAndEveryOtherBadField) {
  for (auto choice : {"", "maybe", "AGREE"}) {
    auto refusal = refusal_of([&] { read_plan_response({{"response", choice}}); });
    EXPECT_EQ(refusal.fields, std::vector<std::string>{"response"}) << choice;
  }
  EXPECT_EQ(failed_fields([] { read_plan_response({}); }), std::vector<std::string>{"response"});
  EXPECT_EQ(failed_fields([] { read_plan_response({{"comment", repeated("a", 501)}}); }),
            (std::vector<std::string>{"response", "comment"}));
  EXPECT_EQ(failed_fields([] { read_plan_response({{"response", "agree"}, {"comment", repeated("a", 501)}}); }),
            std::vector<std::string>{"comment"});
}

TEST(PlanResponse, EveryMessageIsInTheCatalogue) {
  for (const FieldInput& input : {FieldInput{}, FieldInput{{"response", "comment"}},
                                  FieldInput{{"response", "agree"}, {"comment", repeated("a", 501)}}})
    for (const auto& message : refusal_of([&] { read_plan_response(input); }).messages)
      EXPECT_NE(translated(message, Language::cy), message);
}

TEST(PlanResponse, AgreeingWithTheWholePlanIsThePlansAgreementToday) {
  const Date today = 2027y / February / 5;
  auto agreement = read_own_agreement({{"in_their_words", " Happy with it "}}, today);
  EXPECT_EQ(agreement.agreed_on, today);
  EXPECT_EQ(agreement.in_their_words, "Happy with it");
  EXPECT_EQ(read_own_agreement({}, today).in_their_words, "");
  EXPECT_EQ(failed_fields([&] { read_own_agreement({{"in_their_words", repeated("a", 501)}}, today); }),
            std::vector<std::string>{"in_their_words"});
}

TEST(PlanResponse, AgreeingOnThePersonsPageMakesTheAgreementCurrent) {
  Plan plan;
  plan.last_material_change_on = 2027y / February / 5;
  EXPECT_FALSE(agreement_is_current(plan));
  plan.agreement = read_own_agreement({}, 2027y / February / 5);
  EXPECT_TRUE(agreement_is_current(plan));
  plan.last_material_change_on = 2027y / February / 6;  // staff changed it after
  EXPECT_FALSE(agreement_is_current(plan));
}

// --- I can't make it ----------------------------------------------------------------------------

namespace {
// 2:30pm on Friday 5 February 2027 (GMT) and 2:30pm on Monday 5 July 2027 (BST, 13:30 UTC).
Appointment appointment(Date on = 2027y / February / 5) {
  Appointment appointment;
  appointment.id = 9;
  appointment.person_id = 4;
  appointment.on = on;
  appointment.starts_at = {14 * 60 + 30};
  appointment.ends_at = {15 * 60};
  return appointment;
}
Timestamp utc(Date day, int hour, int minute) { return sys_days{day} + hours{hour} + minutes{minute}; }
}  // namespace

TEST(AbsenceNotice, MayBeSentUntilTheAppointmentStarts) {
  EXPECT_TRUE(may_send_absence_notice(appointment(), utc(2027y / January / 1, 9, 0)));
  EXPECT_TRUE(may_send_absence_notice(appointment(), utc(2027y / February / 5, 14, 29)));
  EXPECT_FALSE(may_send_absence_notice(appointment(), utc(2027y / February / 5, 14, 30)));
  EXPECT_FALSE(may_send_absence_notice(appointment(), utc(2027y / February / 6, 9, 0)));
}

TEST(AbsenceNotice, TheStartIsLocalTimeInSummer) {
  auto july = appointment(2027y / July / 5);  // 2:30pm BST is 13:30 UTC
  EXPECT_TRUE(may_send_absence_notice(july, utc(2027y / July / 5, 13, 29)));
  EXPECT_FALSE(may_send_absence_notice(july, utc(2027y / July / 5, 13, 30)));
}

TEST(AbsenceNotice, NotForACancelledAppointment) {
  auto cancelled = appointment();
  cancelled.cancellation = Cancellation{};
  EXPECT_FALSE(may_send_absence_notice(cancelled, utc(2027y / January / 1, 9, 0)));
  EXPECT_THROW(read_absence_notice({{"reason", "ill"}}, cancelled, utc(2027y / January / 1, 9, 0)), Conflict);
}

TEST(AbsenceNotice, ReadsTheReasonForThatAppointment) {
  auto now = utc(2027y / February / 4, 18, 0);
  auto notice = read_absence_notice({{"reason", " I have a job interview "}}, appointment(), now);
  EXPECT_EQ(notice.appointment_id, 9);
  EXPECT_EQ(notice.person_id, 4);
  EXPECT_EQ(notice.reason, "I have a job interview");
  EXPECT_EQ(notice.sent_at, now);
}

TEST(AbsenceNotice, NeedsAReasonOfAtMost500Characters) {
  auto now = utc(2027y / February / 4, 18, 0);
  auto blank = refusal_of([&] { read_absence_notice({{"reason", ""}}, appointment(), now); });
  EXPECT_EQ(blank.fields, std::vector<std::string>{"reason"});
  EXPECT_EQ(blank.messages, std::vector<std::string>{"Tell us why you cannot come"});
  auto long_one = refusal_of([&] { read_absence_notice({{"reason", repeated("a", 501)}}, appointment(), now); });
  EXPECT_EQ(long_one.fields, std::vector<std::string>{"reason"});
  EXPECT_NE(translated(long_one.messages.front(), Language::cy), long_one.messages.front());
}

TEST(AbsenceNotice, ATooLateNoticeIsAConflictBeforeItsReasonIsRead) {
  EXPECT_THROW(read_absence_notice({}, appointment(), utc(2027y / February / 6, 9, 0)), Conflict);
}

// --- The officer changed ------------------------------------------------------------------------

namespace {
Allocation lead(std::int64_t staff_id, Date from, std::optional<Date> to = std::nullopt, Role role = Role::com) {
  Allocation allocation;
  allocation.staff_id = staff_id;
  allocation.role = role;
  allocation.from = from;
  allocation.to = to;
  return allocation;
}
const Date changed = 2027y / March / 1;
}  // namespace

TEST(OfficerChange, ShownFor28DaysAfterANewLeadTakesOver) {
  std::vector<Allocation> history{lead(2, changed), lead(1, 2026y / June / 1, changed)};
  EXPECT_EQ(recent_officer_change(history, Role::com, changed), changed);
  EXPECT_EQ(recent_officer_change(history, Role::com, 2027y / March / 29), changed);  // day 28
  EXPECT_EQ(recent_officer_change(history, Role::com, 2027y / March / 30), std::nullopt);
}

TEST(OfficerChange, NotForTheFirstOfficerNorTheSameOneAgain) {
  EXPECT_EQ(recent_officer_change(std::vector{lead(2, changed)}, Role::com, changed), std::nullopt);
  std::vector<Allocation> again{lead(2, changed), lead(2, 2026y / June / 1, changed)};
  EXPECT_EQ(recent_officer_change(again, Role::com, changed), std::nullopt);
}

TEST(OfficerChange, OnlyLeadsInTheSameRoleCount) {
  auto deputy = lead(3, 2026y / June / 1, changed);
  deputy.kind = AllocationKind::deputy;
  std::vector<Allocation> history{lead(2, changed), deputy, lead(5, 2026y / June / 1, changed, Role::pom)};
  EXPECT_EQ(recent_officer_change(history, Role::com, changed), std::nullopt);
  EXPECT_EQ(recent_officer_change(history, Role::pom, changed), std::nullopt);  // no current POM
}

TEST(OfficerChange, NothingWithoutACurrentLead) {
  std::vector<Allocation> ended{lead(1, 2026y / June / 1, changed)};
  EXPECT_EQ(recent_officer_change(ended, Role::com, changed), std::nullopt);
  EXPECT_EQ(recent_officer_change(std::vector<Allocation>{}, Role::com, changed), std::nullopt);
}
