// MAPPA: the category and level, referral to a panel, meetings (never held in the future), actions
// (never without an owner, overdue once past due while open) and when the next meeting is due.
#include "domain/mappa/mappa.hpp"

#include <gtest/gtest.h>

#include "code_table_checks.hpp"
#include "refusal.hpp"

using namespace resettle;
using namespace std::chrono;
using test_support::failed_fields;
using test_support::refusal_of;

namespace {

constexpr Date today{2026y / December / 7};
using Strings = std::vector<std::string>;

FieldInput decision_input() {
  return {{"category", "2"}, {"level", "2"}, {"decided_on", "2026-12-01"}, {"decided_by", "Level 2 panel, chair A Khan"}};
}

FieldInput held_meeting_input() {
  return {{"kind", "review"}, {"meeting_on", "2026-12-07"}, {"held", "true"},
          {"attendee_1_agency", "police"}, {"attendee_1_name", "DC Rees"},
          {"attendee_2_agency", "probation"}, {"attendee_2_name", "Sam Officer"}};
}

MappaMeeting planned(Date on) {
  MappaMeeting meeting;
  meeting.meeting_on = on;
  meeting.attendees = {{Agency::police, "DC Rees", std::nullopt}};
  return meeting;
}

}  // namespace

TEST(MappaCodes, EveryTableCoversItsEnum) {
  code_checks::expect_complete_code_table(mappa_categories(), 4);
  code_checks::expect_complete_code_table(mappa_meeting_kinds(), 3);
  code_checks::expect_complete_code_table(mappa_meeting_statuses(), 2);
  code_checks::expect_complete_code_table(mappa_action_statuses(), 3);
  code_checks::expect_complete_code_table(meeting_due_reasons(), 3);
  code_checks::expect_complete_code_table(agencies(), 8);
}

TEST(MappaCodes, CategoriesAndLevelsAreStoredAsDigits) {
  EXPECT_EQ(entry_for(mappa_categories(), MappaCategory::category_4).code, "4");
  ASSERT_EQ(mappa_decision_levels().size(), 3u);
  EXPECT_EQ(parse_code(mappa_decision_levels(), "3"), MappaLevel::level_3);
  EXPECT_FALSE(parse_code(mappa_decision_levels(), "0"));  // a decision never sets "not managed"
}

TEST(MappaAccess, PractitionersManageRiskTogetherPartnerAgenciesDoNot) {
  for (const auto& role : roles()) EXPECT_EQ(may_manage_risk_together(role.value), !is_partner_agency(role.value)) << role.code;
}

TEST(MappaDecision, ReadsEveryField) {
  auto input = decision_input();
  input["reason"] = "Further offence risk towards ex-partner";
  auto decision = read_mappa_decision(input, today, 5);
  EXPECT_EQ(decision.category, MappaCategory::category_2);
  EXPECT_EQ(decision.level, MappaLevel::level_2);
  EXPECT_EQ(decision.decided_on, Date(2026y / December / 1));
  EXPECT_EQ(decision.decided_by, "Level 2 panel, chair A Khan");
  EXPECT_EQ(decision.reason, "Further offence risk towards ex-partner");
  EXPECT_EQ(decision.recorded_by, 5);
}

TEST(MappaDecision, EveryCategoryAndLevelIsAccepted) {
  for (auto category : {"1", "2", "3", "4"})
    for (auto level : {"1", "2", "3"}) {
      auto input = decision_input();
      input["category"] = category;
      input["level"] = level;
      EXPECT_NO_THROW(read_mappa_decision(input, today, 5)) << category << level;
    }
}

TEST(MappaDecision, ALevelWithoutACategoryIsRefusedNamingCategory) {
  auto input = decision_input();
  input.erase("category");
  auto refusal = refusal_of([&] { read_mappa_decision(input, today, 5); });
  EXPECT_EQ(refusal.fields, Strings{"category"});
  EXPECT_NE(refusal.messages.front().find("MAPPA level"), std::string::npos);
  input["category"] = "  ";
  EXPECT_EQ(failed_fields([&] { read_mappa_decision(input, today, 5); }), Strings{"category"});
}

TEST(MappaDecision, BadValuesAreNamed) {
  auto input = decision_input();
  input["category"] = "5";
  input["level"] = "0";
  input["decided_on"] = "2026-12-08";  // tomorrow
  input["decided_by"] = "";
  EXPECT_EQ(failed_fields([&] { read_mappa_decision(input, today, 5); }),
            (Strings{"category", "level", "decided_on", "decided_by"}));
  EXPECT_EQ(failed_fields([&] { read_mappa_decision({}, today, 5); }),
            (Strings{"category", "level", "decided_on", "decided_by"}));
}

TEST(MappaReferral, IsToALevel2Or3Panel) {
  FieldInput input{{"level", "3"}, {"reason", "Risk to children has risen"}, {"referred_on", "2026-12-07"}};
  auto referral = read_mappa_referral(input, today, 4);
  EXPECT_EQ(referral.level, MappaLevel::level_3);
  EXPECT_EQ(referral.referred_on, today);
  EXPECT_EQ(referral.referred_by, 4);
  input["level"] = "1";
  EXPECT_EQ(failed_fields([&] { read_mappa_referral(input, today, 4); }), Strings{"level"});
  EXPECT_EQ(failed_fields([&] { read_mappa_referral({{"referred_on", "2027-01-01"}}, today, 4); }),
            (Strings{"level", "reason", "referred_on"}));
}

TEST(MappaMeeting, ReadsAHeldMeetingWithItsAttendees) {
  auto meeting = read_mappa_meeting(held_meeting_input(), today, 3);
  EXPECT_EQ(meeting.kind, MappaMeetingKind::review);
  EXPECT_EQ(meeting.status, MappaMeetingStatus::held);
  EXPECT_EQ(meeting.attendees, (std::vector<Attendee>{{Agency::police, "DC Rees", std::nullopt},
                                                      {Agency::probation, "Sam Officer", std::nullopt}}));
  EXPECT_EQ(meeting.recorded_by, 3);
}

TEST(MappaMeeting, AttendeeRowsMayHaveGapsButNeedBothHalves) {
  FieldInput input{{"kind", "first"}, {"meeting_on", "2027-01-10"}, {"attendee_4_agency", "housing"},
                   {"attendee_4_name", "Jo Place"}};
  EXPECT_EQ(read_mappa_meeting(input, today, 3).attendees, (std::vector<Attendee>{{Agency::housing, "Jo Place", std::nullopt}}));
  input["attendee_5_name"] = "No agency";
  input["attendee_6_agency"] = "police";
  input["attendee_7_agency"] = "fire";
  input["attendee_7_name"] = "Someone";
  EXPECT_EQ(failed_fields([&] { read_mappa_meeting(input, today, 3); }),
            (Strings{"attendee_5_agency", "attendee_6_name", "attendee_7_agency"}));
}

TEST(MappaMeeting, APlannedMeetingMayBeInTheFutureAndWithoutAttendees) {
  auto meeting = read_mappa_meeting({{"kind", "pre_release"}, {"meeting_on", "2027-03-01"}}, today, 3);
  EXPECT_EQ(meeting.status, MappaMeetingStatus::planned);
  EXPECT_TRUE(meeting.attendees.empty());
}

TEST(MappaMeeting, AMeetingInTheFutureCannotBeHeld) {
  auto input = held_meeting_input();
  input["meeting_on"] = "2026-12-08";
  auto refusal = refusal_of([&] { read_mappa_meeting(input, today, 3); });
  EXPECT_EQ(refusal.fields, Strings{"meeting_on"});
  EXPECT_NE(refusal.messages.front().find("future"), std::string::npos);
  input["meeting_on"] = "2026-12-07";  // today is fine
  EXPECT_NO_THROW(read_mappa_meeting(input, today, 3));
}

TEST(MappaMeeting, AHeldMeetingNamesSomeoneWhoAttended) {
  FieldInput input{{"kind", "review"}, {"meeting_on", "2026-12-01"}, {"held", "yes"}};
  EXPECT_EQ(failed_fields([&] { read_mappa_meeting(input, today, 3); }), Strings{"attendee_1_name"});
  EXPECT_EQ(failed_fields([&] { read_mappa_meeting({{"held", "true"}}, today, 3); }),
            (Strings{"kind", "meeting_on", "attendee_1_name"}));
}

TEST(MappaMeeting, MarkingHeldChecksTheDateAndKeepsPlannedAttendees) {
  auto held = mark_meeting_held(planned(today), {{"notes", "Went well"}}, today);
  EXPECT_EQ(held.status, MappaMeetingStatus::held);
  EXPECT_EQ(held.attendees, (std::vector<Attendee>{{Agency::police, "DC Rees", std::nullopt}}));
  EXPECT_EQ(held.notes, "Went well");
  auto replaced = mark_meeting_held(planned(today), {{"attendee_1_agency", "health"}, {"attendee_1_name", "Dr Lee"}}, today);
  EXPECT_EQ(replaced.attendees, (std::vector<Attendee>{{Agency::health, "Dr Lee", std::nullopt}}));
  EXPECT_EQ(failed_fields([&] { mark_meeting_held(planned(add_days(today, 1)), {}, today); }), Strings{"meeting_on"});
  auto nobody = planned(today);
  nobody.attendees.clear();
  EXPECT_EQ(failed_fields([&] { mark_meeting_held(nobody, {}, today); }), Strings{"attendee_1_name"});
  EXPECT_THROW(mark_meeting_held(held, {}, today), Conflict);
}

TEST(MappaAction, ReadsAnActionOwnedByAnotherAgency) {
  auto action = read_mappa_action(
      {{"description", "Visit the proposed address"}, {"owner_agency", "police"}, {"owner_name", "DC Rees"}, {"due_on", "2027-01-05"}},
      {});
  EXPECT_EQ(action.owner_agency, Agency::police);
  EXPECT_EQ(action.owner_name, "DC Rees");
  EXPECT_EQ(action.due_on, Date(2027y / January / 5));
  EXPECT_EQ(action.status, MappaActionStatus::open);
  EXPECT_EQ(action.condition_key, std::nullopt);
  EXPECT_EQ(action.objective_id, std::nullopt);
}

TEST(MappaAction, AnActionWithoutAnOwnerIsRefused) {
  auto refusal = refusal_of([] { read_mappa_action({{"description", "Check"}, {"due_on", "2027-01-05"}}, {}); });
  EXPECT_EQ(refusal.fields, Strings{"owner_agency"});
  EXPECT_NE(refusal.messages.front().find("owner"), std::string::npos);
  EXPECT_EQ(failed_fields([] { read_mappa_action({{"owner_agency", "army"}}, {}); }),
            (Strings{"description", "owner_agency", "due_on"}));
}

namespace {

const ActionLinks with_licence{true, {1, 2, 7}, {40}};
const ActionLinks plan_only{false, {}, {40, 41}};

FieldInput action_needing(std::string_view field, std::string_view value) {
  return {{"description", "Curfew checks"}, {"owner_agency", "police"}, {"due_on", "2027-01-05"},
          {std::string{field}, std::string{value}}};
}

}  // namespace

TEST(MappaActionLink, NamesAConditionOfTheLicence) {
  EXPECT_EQ(read_mappa_action(action_needing("condition_key", "7"), with_licence).condition_key, 7);
  EXPECT_EQ(read_mappa_action(action_needing("condition_key", "7"), with_licence).objective_id, std::nullopt);
  for (const auto* key : {"3", "0", "-1", "seven"})
    EXPECT_EQ(failed_fields([&] { read_mappa_action(action_needing("condition_key", key), with_licence); }),
              Strings{"condition_key"})
        << key;
}

TEST(MappaActionLink, NamesThePlansObjectiveOnlyWhileThereIsNoLicence) {
  EXPECT_EQ(read_mappa_action(action_needing("objective_id", "41"), plan_only).objective_id, 41);
  EXPECT_EQ(failed_fields([] { read_mappa_action(action_needing("objective_id", "42"), plan_only); }),
            Strings{"objective_id"});
  auto refusal = refusal_of([] { read_mappa_action(action_needing("objective_id", "40"), with_licence); });
  EXPECT_EQ(refusal.fields, Strings{"objective_id"});
  EXPECT_NE(refusal.messages.front().find("licence"), std::string::npos);
  EXPECT_EQ(failed_fields([] { read_mappa_action(action_needing("condition_key", "1"), plan_only); }),
            Strings{"condition_key"});
  EXPECT_EQ(failed_fields([] { read_mappa_action(action_needing("objective_id", "40"), {}); }), Strings{"objective_id"});
}

TEST(MappaActionLink, NamesOneOrTheOtherNeverBoth) {
  auto both = action_needing("condition_key", "1");
  both["objective_id"] = "40";
  EXPECT_EQ(failed_fields([&] { read_mappa_action(both, with_licence); }), Strings{"objective_id"});
  auto bad_and_both = action_needing("condition_key", "9");
  bad_and_both["objective_id"] = "40";
  bad_and_both.erase("description");
  EXPECT_EQ(failed_fields([&] { read_mappa_action(bad_and_both, with_licence); }),
            (Strings{"description", "condition_key", "objective_id"}));
}

TEST(MappaActionLink, IsOptional) {
  auto action = read_mappa_action(action_needing("owner_name", "DC Rees"), with_licence);
  EXPECT_EQ(action.condition_key, std::nullopt);
  EXPECT_EQ(action.objective_id, std::nullopt);
  EXPECT_EQ(read_mappa_action(action_needing("condition_key", ""), plan_only).condition_key, std::nullopt);
}

TEST(MappaAction, StatusChangesToAKnownStatusOnly) {
  MappaAction action;
  EXPECT_EQ(change_action_status(action, {{"status", "done"}}).status, MappaActionStatus::done);
  EXPECT_EQ(change_action_status(action, {{"status", "cancelled"}}).status, MappaActionStatus::cancelled);
  EXPECT_EQ(failed_fields([&] { change_action_status(action, {{"status", "finished"}}); }), Strings{"status"});
  EXPECT_EQ(failed_fields([&] { change_action_status(action, {}); }), Strings{"status"});
}

TEST(MappaAction, OverdueOnlyWhenOpenAndPastItsDueDate) {
  MappaAction action;
  action.due_on = today;
  EXPECT_FALSE(action_overdue(action, today));  // due today is not yet overdue
  EXPECT_TRUE(action_overdue(action, add_days(today, 1)));
  action.status = MappaActionStatus::done;
  EXPECT_FALSE(action_overdue(action, add_days(today, 1)));
  action.status = MappaActionStatus::cancelled;
  EXPECT_FALSE(action_overdue(action, add_days(today, 1)));
}

// --- Next meeting due --------------------------------------------------------------------------

TEST(NextMeetingDue, NoneBelowLevel2) {
  for (auto level : {MappaLevel::none, MappaLevel::level_1})
    EXPECT_FALSE(next_meeting_due({level, today, std::nullopt, add_months(today, 2)}));
}

TEST(NextMeetingDue, FirstMeetingWithinFourWeeksOfTheLevel) {
  auto due = next_meeting_due({MappaLevel::level_2, Date{2026y / December / 1}, std::nullopt, std::nullopt});
  EXPECT_EQ(due, (MeetingDue{Date{2026y / December / 29}, MeetingDueReason::first_meeting}));
}

TEST(NextMeetingDue, ReviewsEvery16WeeksAtLevel2And8WeeksAtLevel3) {
  Date held{2026y / November / 30};
  EXPECT_EQ(next_meeting_due({MappaLevel::level_2, Date{2026y / June / 1}, held, std::nullopt}),
            (MeetingDue{Date{2027y / March / 22}, MeetingDueReason::review}));
  EXPECT_EQ(next_meeting_due({MappaLevel::level_3, Date{2026y / June / 1}, held, std::nullopt}),
            (MeetingDue{Date{2027y / January / 25}, MeetingDueReason::review}));
}

TEST(NextMeetingDue, PreReleaseMeetingSixMonthsBeforeReleaseWhenEarlierThanTheReview) {
  Date held{2026y / November / 30};
  Date release{2027y / April / 30};  // window opens 30 October 2026, before the review
  EXPECT_EQ(next_meeting_due({MappaLevel::level_2, Date{2026y / June / 1}, Date{2026y / October / 1}, release}),
            (MeetingDue{Date{2026y / October / 30}, MeetingDueReason::pre_release}));
  // A meeting held in the window is the pre-release meeting: the review interval goes on from it.
  EXPECT_EQ(next_meeting_due({MappaLevel::level_2, Date{2026y / June / 1}, held, release}),
            (MeetingDue{Date{2027y / March / 22}, MeetingDueReason::review}));
}

TEST(NextMeetingDue, ReviewWinsWhenReleaseIsFarOff) {
  Date held{2026y / November / 30};
  EXPECT_EQ(next_meeting_due({MappaLevel::level_3, Date{2026y / June / 1}, held, Date{2028y / January / 1}}),
            (MeetingDue{Date{2027y / January / 25}, MeetingDueReason::review}));
}

TEST(NextMeetingDue, PreReleaseIsNamedOnATie) {
  // Level 3 review 8 weeks after 4 September 2026 is 30 October 2026, the day the window opens.
  EXPECT_EQ(next_meeting_due({MappaLevel::level_3, Date{2026y / June / 1}, Date{2026y / September / 4}, Date{2027y / April / 30}}),
            (MeetingDue{Date{2026y / October / 30}, MeetingDueReason::pre_release}));
}

TEST(NextMeetingDue, PreReleaseWindowClampsToTheMonthsEnd) {
  // Six months before 31 August is 28 February (29 in a leap year).
  EXPECT_EQ(next_meeting_due({MappaLevel::level_2, Date{2026y / December / 1}, std::nullopt, Date{2027y / August / 31}}),
            (MeetingDue{Date{2026y / December / 29}, MeetingDueReason::first_meeting}));
  EXPECT_EQ(next_meeting_due({MappaLevel::level_2, Date{2027y / December / 1}, std::nullopt, Date{2028y / August / 31}}),
            (MeetingDue{Date{2027y / December / 29}, MeetingDueReason::first_meeting}));
  EXPECT_EQ(next_meeting_due({MappaLevel::level_2, Date{2028y / February / 20}, std::nullopt, Date{2028y / August / 31}}),
            (MeetingDue{Date{2028y / February / 29}, MeetingDueReason::pre_release}));
}

TEST(MeetingFacts, TakeTheLatestDecisionAndTheLatestMeetingHeld) {
  MappaDecision newest{2, 1, MappaCategory::category_1, MappaLevel::level_3, Date{2026y / November / 1}, "Panel", "", 1};
  MappaDecision older{1, 1, MappaCategory::category_1, MappaLevel::level_2, Date{2026y / June / 1}, "Panel", "", 1};
  auto held_early = planned(Date{2026y / July / 1});
  held_early.status = MappaMeetingStatus::held;
  auto held_late = planned(Date{2026y / October / 1});
  held_late.status = MappaMeetingStatus::held;
  auto future = planned(Date{2027y / January / 1});
  auto facts = meeting_facts({newest, older}, {future, held_early, held_late}, Date{2027y / May / 1});
  EXPECT_EQ(facts.level, MappaLevel::level_3);
  EXPECT_EQ(facts.level_set_on, Date(2026y / November / 1));
  EXPECT_EQ(facts.last_held, Date(2026y / October / 1));
  EXPECT_EQ(facts.release_date, Date(2027y / May / 1));
  auto none = meeting_facts({}, {future}, std::nullopt);
  EXPECT_EQ(none.level, MappaLevel::none);
  EXPECT_FALSE(none.last_held);
}
