// Unit tests of quality sampling: the monthly draw, the review checklist and its themes
// (domain/insight/quality_sample.hpp).
#include "domain/insight/quality_sample.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <set>

using namespace resettle;
using namespace std::chrono;

namespace {

const InsightScope team{ScopeKind::team, "LDS1"};
constexpr Month november = 2026y / November;

Date d(int y, unsigned m, unsigned day) { return year{y} / month{m} / std::chrono::day{day}; }

std::vector<std::int64_t> ids(std::int64_t from, std::int64_t to) {
  std::vector<std::int64_t> result(static_cast<std::size_t>(to - from + 1));
  std::iota(result.begin(), result.end(), from);
  return result;
}

Allocation held(Date from, std::optional<Date> to) {
  Allocation allocation;
  allocation.from = from;
  allocation.to = to;
  return allocation;
}

FieldInput all_met() {
  FieldInput input;
  for (const auto& question : quality_questions()) input[std::string{question.code}] = "met";
  return input;
}

std::vector<std::string> fields_of(const ValidationFailed& failed) {
  std::vector<std::string> fields;
  for (const auto& error : failed.errors()) fields.push_back(error.field);
  return fields;
}

std::vector<std::string> failed_fields(const FieldInput& input) {
  try {
    read_quality_answers(input);
  } catch (const ValidationFailed& failed) {
    return fields_of(failed);
  }
  return {};
}

}  // namespace

// --- Months --------------------------------------------------------------------------------------

TEST(QualitySampleMonth, ParsesOnlyAYearAndMonth) {
  EXPECT_EQ(parse_month("2027-02"), 2027y / February);
  for (auto bad : {"", "2027-2", "2027-13", "2027-00", "2027/02", "202702", "2027-02-01", "abcd-ef", "2027-0x"})
    EXPECT_FALSE(parse_month(bad)) << bad;
  EXPECT_EQ(to_iso(2027y / February), "2027-02");
  EXPECT_EQ(to_long_month(2027y / February), "February 2027");
  EXPECT_EQ(first_day(2028y / February), d(2028, 2, 1));
  EXPECT_EQ(last_day(2028y / February), d(2028, 2, 29));  // leap year
  EXPECT_EQ(last_day(2027y / February), d(2027, 2, 28));
}

TEST(QualitySampleMonth, DefaultsToLastMonthAndRefusesTheFuture) {
  EXPECT_EQ(read_sample_month({}, d(2027, 1, 15)), 2026y / December);  // across the year end
  EXPECT_EQ(read_sample_month({{"month", ""}}, d(2027, 3, 1)), 2027y / February);
  EXPECT_EQ(read_sample_month({{"month", " 2027-03 "}}, d(2027, 3, 1)), 2027y / March);  // this month may be sampled
  for (auto bad : {"2027-04", "March 2027", "2027-3"}) {
    try {
      read_sample_month({{"month", bad}}, d(2027, 3, 1));
      ADD_FAILURE() << bad;
    } catch (const ValidationFailed& failed) {
      EXPECT_EQ(fields_of(failed), std::vector<std::string>{"month"}) << bad;
    }
  }
}

TEST(QualitySampleUnits, OnlyTeamsPdusAndPrisonsAreSampled) {
  EXPECT_TRUE(is_sampled_unit({ScopeKind::team, "T"}));
  EXPECT_TRUE(is_sampled_unit({ScopeKind::pdu, "P"}));
  EXPECT_TRUE(is_sampled_unit({ScopeKind::prison, "LEI"}));
  EXPECT_FALSE(is_sampled_unit({ScopeKind::region, "NE"}));
  EXPECT_FALSE(is_sampled_unit({ScopeKind::national, ""}));
}

// --- Eligibility -----------------------------------------------------------------------------------

TEST(QualitySampleEligibility, ActiveWhenAnAllocationHoldsOnAnyDayOfTheMonth) {
  EXPECT_TRUE(active_in(std::vector{held(d(2026, 1, 1), std::nullopt)}, november));        // current throughout
  EXPECT_TRUE(active_in(std::vector{held(d(2026, 11, 30), std::nullopt)}, november));      // from the last day
  EXPECT_TRUE(active_in(std::vector{held(d(2026, 10, 1), d(2026, 11, 2))}, november));     // held on 1 November
  EXPECT_TRUE(active_in(std::vector{held(d(2026, 11, 10), d(2026, 11, 12))}, november));   // within
  EXPECT_FALSE(active_in(std::vector{held(d(2026, 10, 1), d(2026, 11, 1))}, november));    // ended on the 1st
  EXPECT_FALSE(active_in(std::vector{held(d(2026, 12, 1), std::nullopt)}, november));      // began after
  EXPECT_FALSE(active_in(std::vector{held(d(2026, 1, 1), d(2026, 10, 31))}, november));    // ended before
  EXPECT_FALSE(active_in(std::vector<Allocation>{}, november));
  EXPECT_TRUE(active_in(std::vector{held(d(2026, 1, 1), d(2026, 2, 1)), held(d(2026, 11, 5), std::nullopt)}, november));
}

// --- The draw -------------------------------------------------------------------------------------

TEST(QualitySampleDraw, SameUnitAndMonthGiveTheSameSample) {
  auto eligible = ids(1, 40);
  auto sample = draw_sample(eligible, team, november, 5);
  EXPECT_EQ(sample.size(), 5u);
  EXPECT_EQ(draw_sample(eligible, team, november, 5), sample);
  auto reversed = std::vector<std::int64_t>(eligible.rbegin(), eligible.rend());
  EXPECT_EQ(draw_sample(reversed, team, november, 5), sample);  // the order cases are read in does not matter
}

TEST(QualitySampleDraw, IsFixedAcrossBuilds) {
  // Pinned: a change to the hash would silently redraw every past month's sample.
  EXPECT_EQ(draw_sample(ids(1, 40), team, november, 5), (std::vector<std::int64_t>{40, 39, 12, 25, 29}));
}

TEST(QualitySampleDraw, EveryEligibleCaseComesUpOverTheMonths) {
  std::set<std::int64_t> drawn;
  for (int months = 0; months < 120; ++months)
    for (auto id : draw_sample(ids(1, 40), team, november + std::chrono::months{months}, 5)) drawn.insert(id);
  EXPECT_EQ(drawn.size(), 40u);  // no case is never sampled
}

TEST(QualitySampleDraw, OtherMonthsAndUnitsDrawOtherSamples) {
  auto eligible = ids(1, 200);
  auto sample = draw_sample(eligible, team, november, 5);
  EXPECT_NE(draw_sample(eligible, team, 2026y / December, 5), sample);
  EXPECT_NE(draw_sample(eligible, team, 2025y / November, 5), sample);
  EXPECT_NE(draw_sample(eligible, {ScopeKind::team, "LDS2"}, november, 5), sample);
  EXPECT_NE(draw_sample(eligible, {ScopeKind::pdu, "LDS1"}, november, 5), sample);  // the kind counts too
}

TEST(QualitySampleDraw, HoldsOnlyEligibleCasesNoneTwice) {
  std::vector<std::int64_t> eligible{7, 3, 7, 11, 3, 19, 23, 3};
  auto sample = draw_sample(eligible, team, november, 10);
  EXPECT_EQ(std::set<std::int64_t>(sample.begin(), sample.end()), (std::set<std::int64_t>{3, 7, 11, 19, 23}));
  EXPECT_EQ(sample.size(), 5u);  // all, once each, when fewer than the size
  for (int size = 1; size <= 30; ++size) {
    auto drawn = draw_sample(ids(100, 120), team, november, size);
    EXPECT_EQ(drawn.size(), static_cast<std::size_t>(std::min(size, 21))) << size;
    EXPECT_EQ(std::set<std::int64_t>(drawn.begin(), drawn.end()).size(), drawn.size()) << size;
    for (auto id : drawn) EXPECT_TRUE(id >= 100 && id <= 120) << id;
  }
  EXPECT_TRUE(draw_sample(std::vector<std::int64_t>{}, team, november, 5).empty());
}

TEST(QualitySampleDraw, SizeIsKeptWithinItsLimits) {
  auto eligible = ids(1, 100);
  EXPECT_EQ(draw_sample(eligible, team, november, 0).size(), 1u);
  EXPECT_EQ(draw_sample(eligible, team, november, -3).size(), 1u);
  EXPECT_EQ(draw_sample(eligible, team, november, 1000).size(), static_cast<std::size_t>(max_sample_size));
}

TEST(QualitySampleDraw, ALargerSampleExtendsTheSmallerOne) {
  auto eligible = ids(1, 60);
  auto five = draw_sample(eligible, team, november, 5);
  auto eight = draw_sample(eligible, team, november, 8);
  EXPECT_TRUE(std::equal(five.begin(), five.end(), eight.begin()));
}

TEST(QualitySampleDraw, OneMoreEligibleCaseMovesAtMostOnePlace) {
  auto eligible = ids(1, 60);
  auto before = draw_sample(eligible, team, november, 5);
  eligible.push_back(1000);
  auto after = draw_sample(eligible, team, november, 5);
  std::vector<std::int64_t> kept;
  for (auto id : before)
    if (std::ranges::find(after, id) != after.end()) kept.push_back(id);
  EXPECT_GE(kept.size(), 4u);
}

// --- The checklist ----------------------------------------------------------------------------------

TEST(QualityChecklist, EveryQuestionHasAStableCodeAndText) {
  std::set<std::string_view> codes;
  for (const auto& question : quality_questions()) {
    codes.insert(question.code);
    EXPECT_FALSE(question_text(question.value).empty());
    EXPECT_EQ(parse_code(quality_questions(), question.code), question.value);
  }
  EXPECT_EQ(codes.size(), 5u);
  EXPECT_EQ(parse_code(findings(), "not_applicable"), Finding::not_applicable);
}

TEST(QualityChecklist, ReadsEveryAnswerAndItsNote) {
  auto input = all_met();
  input["own_words"] = "not_met";
  input["own_words_note"] = "Goals written by the officer";
  input["handover_meeting_held"] = "not_applicable";
  input["plan_agreed_note"] = "Agreed at the second meeting";
  auto answers = read_quality_answers(input);
  EXPECT_EQ(answers.size(), 5u);
  EXPECT_EQ(answers.at(QualityQuestion::own_words), (QualityAnswer{Finding::not_met, "Goals written by the officer"}));
  EXPECT_EQ(answers.at(QualityQuestion::handover_meeting_held), (QualityAnswer{Finding::not_applicable, ""}));
  EXPECT_EQ(answers.at(QualityQuestion::plan_agreed), (QualityAnswer{Finding::met, "Agreed at the second meeting"}));
  EXPECT_EQ(read_quality_answers(quality_answer_fields(answers)), answers);  // the form shows what was stored
}

TEST(QualityChecklist, NamesEveryBadField) {
  EXPECT_EQ(failed_fields({}), (std::vector<std::string>{"plan_agreed", "own_words", "checklist_before_release",
                                                         "handover_meeting_held", "referrals_followed_up"}));
  auto input = all_met();
  input["plan_agreed"] = "maybe";
  input["referrals_followed_up"] = "not_met";
  input["referrals_followed_up_note"] = "   ";
  input["own_words_note"] = std::string(max_note_length + 1, 'x');
  EXPECT_EQ(failed_fields(input), (std::vector<std::string>{"plan_agreed", "own_words_note", "referrals_followed_up_note"}));
  input = all_met();
  input["own_words_note"] = std::string(max_note_length, 'x');
  EXPECT_TRUE(failed_fields(input).empty());
  input.erase("handover_meeting_held");
  try {
    read_quality_answers(input);
    ADD_FAILURE();
  } catch (const ValidationFailed& failed) {
    EXPECT_EQ(failed.errors().front().message, "Choose met, not met or not applicable for \"Handover meeting held\"");
  }
}

// --- What the record says ---------------------------------------------------------------------------

TEST(QualityRecordSays, PlanAgreedAndStillCurrent) {
  CaseRecordFacts facts;
  EXPECT_EQ(record_says(QualityQuestion::plan_agreed, facts).says, "No plan is recorded");
  facts.plan = Plan{};
  facts.plan->last_material_change_on = d(2026, 10, 1);
  EXPECT_FALSE(record_says(QualityQuestion::plan_agreed, facts).met);
  facts.plan->agreement = Agreement{d(2026, 10, 1), "I want my own flat"};
  auto says = record_says(QualityQuestion::plan_agreed, facts);
  EXPECT_TRUE(says.met);
  EXPECT_EQ(says.says, "Agreed with the person on 1 October 2026");
  facts.plan->last_material_change_on = d(2026, 10, 20);
  says = record_says(QualityQuestion::plan_agreed, facts);
  EXPECT_FALSE(says.met);
  EXPECT_EQ(says.says, "Agreed with the person on 1 October 2026, but changed since (20 October 2026)");
}

TEST(QualityRecordSays, ChecklistCompleteByTheDayOfRelease) {
  CaseRecordFacts facts;
  EXPECT_EQ(record_says(QualityQuestion::checklist_before_release, facts).says, "Not released yet");
  facts.released_on = d(2026, 11, 10);
  EXPECT_EQ(record_says(QualityQuestion::checklist_before_release, facts).says, "No pre-release checklist is recorded");
  facts.checklist = PreReleaseChecklist{};
  facts.checklist->items = {{ChecklistItemKind::first_night_accommodation, d(2026, 11, 1), ChecklistStatus::done, "", d(2026, 11, 10)},
                            {ChecklistItemKind::first_night_accommodation, d(2026, 11, 1), ChecklistStatus::not_needed, "No need", std::nullopt}};
  auto says = record_says(QualityQuestion::checklist_before_release, facts);
  EXPECT_TRUE(says.met);  // done on the day of release counts
  EXPECT_EQ(says.says, "Every item done or not needed by the release on 10 November 2026");
  facts.checklist->items[0].completed_on = d(2026, 11, 11);  // done the day after
  says = record_says(QualityQuestion::checklist_before_release, facts);
  EXPECT_FALSE(says.met);
  EXPECT_EQ(says.says, "1 of 2 items not done by the release on 10 November 2026");
  facts.checklist->items[0].status = ChecklistStatus::to_do;
  facts.checklist->items[0].completed_on.reset();
  EXPECT_FALSE(record_says(QualityQuestion::checklist_before_release, facts).met);
}

TEST(QualityRecordSays, HandoverMeetingHeld) {
  CaseRecordFacts facts;
  EXPECT_EQ(record_says(QualityQuestion::handover_meeting_held, facts).says, "No handover meeting is recorded");
  HandoverMeeting scheduled;
  scheduled.id = 1;
  scheduled.scheduled_on = d(2026, 11, 3);
  facts.handover_meetings = {scheduled};
  EXPECT_EQ(record_says(QualityQuestion::handover_meeting_held, facts).says,
            "Scheduled for 3 November 2026, not recorded as held");
  auto held_meeting = scheduled;
  held_meeting.id = 2;
  held_meeting.status = MeetingStatus::held;
  held_meeting.held_on = d(2026, 11, 4);
  facts.handover_meetings = {held_meeting, scheduled};  // the newest counts, in any order
  auto says = record_says(QualityQuestion::handover_meeting_held, facts);
  EXPECT_TRUE(says.met);
  EXPECT_EQ(says.says, "Held on 4 November 2026");
}

TEST(QualityRecordSays, OwnWordsWhenAgreeingOrInResponses) {
  CaseRecordFacts facts;
  EXPECT_EQ(record_says(QualityQuestion::own_words, facts).says, "No plan is recorded");
  facts.plan = Plan{};
  facts.plan->agreement = Agreement{d(2026, 10, 1), "  "};
  facts.plan->responses = {PlanResponse{1, 1, PlanResponseKind::agree, "", {}}};  // agreeing says nothing in their words
  auto says = record_says(QualityQuestion::own_words, facts);
  EXPECT_FALSE(says.met);
  EXPECT_EQ(says.says, "None of the person's own words are recorded with the plan's agreement or their responses to it");
  facts.plan->responses.push_back(PlanResponse{2, 1, PlanResponseKind::comment, "I want to be near my kids", {}});
  EXPECT_EQ(record_says(QualityQuestion::own_words, facts).says, "The person's own words are recorded in 1 response to it");
  facts.plan->agreement->in_their_words = "I'll give it a go";
  facts.plan->responses.push_back(facts.plan->responses.back());
  says = record_says(QualityQuestion::own_words, facts);
  EXPECT_TRUE(says.met);
  EXPECT_EQ(says.says, "The person's own words are recorded when agreeing the plan, and in 2 responses to it");
  facts.plan->responses.clear();
  EXPECT_EQ(record_says(QualityQuestion::own_words, facts).says, "The person's own words are recorded when agreeing the plan");
}

TEST(QualityRecordSays, ReferralsSentAgainstThoseStillWaiting) {
  CaseRecordFacts facts;
  auto referral = [](ReferralStatus status) {
    Referral r;
    r.status = status;
    return r;
  };
  facts.referrals = {referral(ReferralStatus::draft)};
  auto says = record_says(QualityQuestion::referrals_followed_up, facts);
  EXPECT_FALSE(says.met);
  EXPECT_EQ(says.says, "No referrals have been sent");
  facts.referrals = {referral(ReferralStatus::started), referral(ReferralStatus::declined), referral(ReferralStatus::draft)};
  says = record_says(QualityQuestion::referrals_followed_up, facts);
  EXPECT_TRUE(says.met);
  EXPECT_EQ(says.says, "2 referrals sent: 2 reached a first appointment or an end, 0 still sent or accepted");
  facts.referrals = {referral(ReferralStatus::sent), referral(ReferralStatus::accepted), referral(ReferralStatus::first_appointment)};
  says = record_says(QualityQuestion::referrals_followed_up, facts);
  EXPECT_FALSE(says.met);
  EXPECT_EQ(says.says, "3 referrals sent: 1 reached a first appointment or an end, 2 still sent or accepted");
  facts.referrals = {referral(ReferralStatus::completed)};
  EXPECT_EQ(record_says(QualityQuestion::referrals_followed_up, facts).says,
            "1 referral sent: 1 reached a first appointment or an end, 0 still sent or accepted");
}

// --- Themes -----------------------------------------------------------------------------------------

TEST(QualityThemes, CountsEachQuestionWithNotMetNotesFirst) {
  auto review = [](Finding plan, std::string note) {
    QualityReview r;
    for (const auto& question : quality_questions()) r.answers[question.value] = {Finding::met, ""};
    r.answers[QualityQuestion::plan_agreed] = {plan, std::move(note)};
    return r;
  };
  std::vector<QualityReview> reviews{review(Finding::met, "Good co-production"), review(Finding::not_met, "Written for him"),
                                     review(Finding::not_applicable, ""), review(Finding::not_met, "No agreement")};
  auto summary = summarise(reviews, 5);
  EXPECT_EQ(summary.sampled, 5);
  EXPECT_EQ(summary.reviewed, 4);
  ASSERT_EQ(summary.themes.size(), 5u);
  const auto& plan = summary.themes[0];
  EXPECT_EQ(plan.question, QualityQuestion::plan_agreed);
  EXPECT_EQ(std::tie(plan.met, plan.not_met, plan.not_applicable), std::make_tuple(1, 2, 1));
  EXPECT_EQ(plan.notes, (std::vector<std::string>{"Written for him", "No agreement", "Good co-production"}));
  EXPECT_EQ(summary.themes[4].met, 4);
  EXPECT_TRUE(summary.themes[4].notes.empty());
  auto none = summarise({}, 0);
  EXPECT_EQ(none.reviewed, 0);
  EXPECT_EQ(none.themes.size(), 5u);
}
