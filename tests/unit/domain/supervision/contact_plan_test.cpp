// Contact plans: the plan in words, the stage in force, when the next contact is due as stages get
// looser or tighter, overdue contact and reviews for the worklist, and every bad field named.
#include "domain/supervision/contact_plan.hpp"

#include <gtest/gtest.h>

#include <functional>

#include "domain/errors.hpp"
#include "refusal.hpp"

using namespace resettle;
using namespace std::chrono;

namespace {

constexpr Date start{2027y / January / 4};  // a Monday
constexpr Date today{2027y / January / 4};

ContactPlan plan_of(std::vector<ContactStage> stages, Date starts_on = start) {
  ContactPlan plan;
  plan.starts_on = starts_on;
  plan.stages = std::move(stages);
  plan.reason = "Newly released; high risk of harm";
  plan.review_on = Date{2027y / April / 5};
  return plan;
}

// Weekly for 4 weeks (4 to 31 January), then fortnightly from 1 February.
const ContactPlan weekly_then_fortnightly = plan_of({{7, 4}, {14, std::nullopt}});
// Fortnightly for 4 weeks, then weekly from 1 February.
const ContactPlan fortnightly_then_weekly = plan_of({{14, 4}, {7, std::nullopt}});

FieldInput plan_fields(FieldInput changes = {}) {
  for (auto [field, value] : {std::pair{"starts_on", "2027-01-04"},
                              {"stages[0].every_days", "7"},
                              {"stages[0].for_weeks", "4"},
                              {"stages[1].every_days", "14"},
                              {"reason", "Newly released; high risk of harm"},
                              {"review_on", "2027-04-05"}})
    changes.try_emplace(field, value);
  return changes;
}

using Failure = test_support::Refusal;

Failure failure_of(FieldInput input) {
  return test_support::refusal_of([&] { read_contact_plan(input, today); });
}

std::vector<std::string> errors(FieldInput input) { return failure_of(std::move(input)).fields; }

}  // namespace

TEST(ContactPlan, IsDescribedInWords) {
  EXPECT_EQ(describe(weekly_then_fortnightly.stages), "weekly for 4 weeks, then fortnightly");
  EXPECT_EQ(describe({{1, 1}, {10, 2}, {28, std::nullopt}}), "daily for 1 week, then every 10 days for 2 weeks, then every 4 weeks");
  EXPECT_EQ(describe({{7, std::nullopt}}), "weekly");
  EXPECT_EQ(describe({}), "");
}

TEST(ContactPlan, TheStageInForceChangesWhenItsWeeksHaveRun) {
  auto stage = [](Date day) { return stage_on(weekly_then_fortnightly, day).every_days; };
  EXPECT_EQ(stage(Date{2026y / December / 1}), 7) << "before the plan starts";
  EXPECT_EQ(stage(start), 7);
  EXPECT_EQ(stage(Date{2027y / January / 31}), 7) << "the last day of the fourth week";
  EXPECT_EQ(stage(Date{2027y / February / 1}), 14);
  EXPECT_EQ(stage(Date{2030y / February / 1}), 14) << "the last stage runs on";
  ContactPlan three = plan_of({{1, 1}, {7, 2}, {28, std::nullopt}});
  EXPECT_EQ(stage_on(three, Date{2027y / January / 10}).every_days, 1);
  EXPECT_EQ(stage_on(three, Date{2027y / January / 11}).every_days, 7);
  EXPECT_EQ(stage_on(three, Date{2027y / January / 24}).every_days, 7);
  EXPECT_EQ(stage_on(three, Date{2027y / January / 25}).every_days, 28);
}

TEST(ContactPlan, WithNoContactYetThePlansStartCountsAsTheLast) {
  EXPECT_EQ(next_contact_due(weekly_then_fortnightly, std::nullopt), Date{2027y / January / 11});
  EXPECT_EQ(next_contact_due(fortnightly_then_weekly, std::nullopt), Date{2027y / January / 18});
}

TEST(ContactPlan, TheNextContactIsDueAnIntervalAfterTheLast) {
  EXPECT_EQ(next_contact_due(weekly_then_fortnightly, Date{2027y / January / 11}), Date{2027y / January / 18});
  EXPECT_EQ(next_contact_due(weekly_then_fortnightly, Date{2027y / January / 13}), Date{2027y / January / 20})
      << "counted from the contact, not from the plan's weekday";
  EXPECT_EQ(next_contact_due(weekly_then_fortnightly, Date{2027y / March / 1}), Date{2027y / March / 15});
  EXPECT_EQ(next_contact_due(weekly_then_fortnightly, Date{2026y / December / 30}), Date{2027y / January / 6})
      << "a contact before the plan began still counts";
}

TEST(ContactPlan, ALooserStageLetsTheDueDayRunToItsInterval) {
  EXPECT_EQ(next_contact_due(weekly_then_fortnightly, Date{2027y / January / 24}), Date{2027y / January / 31})
      << "due on the last day of the weekly stage";
  EXPECT_EQ(next_contact_due(weekly_then_fortnightly, Date{2027y / January / 25}), Date{2027y / February / 8})
      << "a week on is already fortnightly";
  EXPECT_EQ(next_contact_due(weekly_then_fortnightly, Date{2027y / January / 31}), Date{2027y / February / 14});
  EXPECT_EQ(next_contact_due(weekly_then_fortnightly, Date{2027y / February / 1}), Date{2027y / February / 15});
}

TEST(ContactPlan, ATighterStageBringsTheDueDayForwardToItsStart) {
  EXPECT_EQ(next_contact_due(fortnightly_then_weekly, Date{2027y / January / 10}), Date{2027y / January / 24});
  EXPECT_EQ(next_contact_due(fortnightly_then_weekly, Date{2027y / January / 18}), Date{2027y / February / 1});
  EXPECT_EQ(next_contact_due(fortnightly_then_weekly, Date{2027y / January / 28}), Date{2027y / February / 4})
      << "a week after the contact, in the weekly stage";
  EXPECT_EQ(next_contact_due(fortnightly_then_weekly, Date{2027y / January / 20}), Date{2027y / February / 1})
      << "the weekly stage's start, not 14 days on";
}

TEST(ContactPlan, AStageShorterThanItsIntervalIsPassedOver) {
  // Monthly-ish (every 28 days) for 1 week, then weekly: the first stage ends before anything is due in it.
  ContactPlan plan = plan_of({{28, 1}, {7, 2}, {14, std::nullopt}});
  EXPECT_EQ(next_contact_due(plan, std::nullopt), Date{2027y / January / 11}) << "the second stage's start";
  EXPECT_EQ(next_contact_due(plan, Date{2027y / January / 17}), Date{2027y / January / 24});
  EXPECT_EQ(next_contact_due(plan, Date{2027y / January / 20}), Date{2027y / February / 3})
      << "a week on (27 January) is in the fortnightly stage";
}

TEST(ContactPlan, OverdueTheDayAfterItIsDue) {
  auto last = Date{2027y / January / 11};
  auto on_time = contact_status(weekly_then_fortnightly, last, Date{2027y / January / 18});
  EXPECT_EQ(on_time.next_due, Date{2027y / January / 18});
  EXPECT_FALSE(on_time.overdue);
  EXPECT_EQ(on_time.days_overdue, 0);
  auto late = contact_status(weekly_then_fortnightly, last, Date{2027y / January / 19});
  EXPECT_TRUE(late.overdue);
  EXPECT_EQ(late.days_overdue, 1);
  EXPECT_EQ(contact_status(weekly_then_fortnightly, last, Date{2027y / February / 18}).days_overdue, 31)
      << "across the month's end";
  EXPECT_FALSE(contact_status(weekly_then_fortnightly, last, Date{2027y / January / 12}).overdue);
}

TEST(ContactPlan, TheReviewIsDueOnItsDayAndAfter) {
  auto review = weekly_then_fortnightly.review_on;
  EXPECT_FALSE(contact_status(weekly_then_fortnightly, std::nullopt, add_days(review, -1)).review_due);
  EXPECT_TRUE(contact_status(weekly_then_fortnightly, std::nullopt, review).review_due);
  EXPECT_TRUE(contact_status(weekly_then_fortnightly, std::nullopt, add_days(review, 30)).review_due);
}

TEST(ContactPlan, APlanIsReadWithItsStagesReasonAndReview) {
  auto plan = read_contact_plan(plan_fields(), today);
  EXPECT_EQ(plan.starts_on, start);
  EXPECT_EQ(plan.stages, (std::vector<ContactStage>{{7, 4}, {14, std::nullopt}}));
  EXPECT_EQ(plan.reason, "Newly released; high risk of harm");
  EXPECT_EQ(plan.review_on, Date{2027y / April / 5});
  EXPECT_EQ(describe(plan.stages), "weekly for 4 weeks, then fortnightly");
  auto single = read_contact_plan({{"starts_on", "2026-12-01"},
                                   {"stages[0].every_days", "28"},
                                   {"reason", "Settled; low risk"},
                                   {"review_on", "2027-01-04"}},
                                  today);
  EXPECT_EQ(single.stages, (std::vector<ContactStage>{{28, std::nullopt}}))
      << "one open stage; a start in the past and a review today are fine";
}

TEST(ContactPlan, SixStagesAtMost) {
  FieldInput six = plan_fields();
  for (int i = 1; i < 6; ++i) {
    six["stages[" + std::to_string(i) + "].every_days"] = "7";
    if (i < 5) six["stages[" + std::to_string(i) + "].for_weeks"] = "1";
  }
  EXPECT_EQ(read_contact_plan(six, today).stages.size(), 6u);
  six["stages[6].every_days"] = "14";
  EXPECT_EQ(errors(six), std::vector<std::string>{"stages"});
}

TEST(ContactPlan, EveryBadFieldIsNamed) {
  EXPECT_EQ(errors({}), (std::vector<std::string>{"starts_on", "stages[0].every_days", "reason", "review_on"}));
  for (auto bad : {"0", "92", "x", "7.5", "-7"})
    EXPECT_EQ(errors(plan_fields({{"stages[0].every_days", bad}})), std::vector<std::string>{"stages[0].every_days"}) << bad;
  EXPECT_TRUE(errors(plan_fields({{"stages[0].every_days", "91"}, {"stages[1].every_days", "1"}})).empty());
  for (auto bad : {"0", "105", "four"})
    EXPECT_EQ(errors(plan_fields({{"stages[0].for_weeks", bad}})), std::vector<std::string>{"stages[0].for_weeks"}) << bad;
  EXPECT_EQ(errors(plan_fields({{"stages[0].for_weeks", ""}})), std::vector<std::string>{"stages[0].for_weeks"})
      << "a stage before the last needs a length";
  EXPECT_EQ(errors(plan_fields({{"stages[1].for_weeks", "8"}})), std::vector<std::string>{"stages[1].for_weeks"})
      << "the last stage is open-ended";
  EXPECT_EQ(errors(plan_fields({{"stages[1].every_days", ""}, {"stages[1].for_weeks", "8"}})),
            (std::vector<std::string>{"stages[1].every_days", "stages[1].for_weeks"}));
  EXPECT_EQ(errors(plan_fields({{"stages[3].every_days", "28"}})), std::vector<std::string>{"stages[2].every_days"})
      << "a gap in the stages";
  EXPECT_EQ(errors(plan_fields({{"reason", std::string(1001, 'x')}})), std::vector<std::string>{"reason"});
  EXPECT_EQ(errors(plan_fields({{"starts_on", "2027-02-29"}})), std::vector<std::string>{"starts_on"});
}

TEST(ContactPlan, TheReviewIsNotInThePastNorBeforeThePlanStarts) {
  EXPECT_EQ(errors(plan_fields({{"review_on", "2027-01-03"}})), std::vector<std::string>{"review_on"});
  EXPECT_EQ(failure_of(plan_fields({{"review_on", "2027-01-03"}})).messages.front(), "must be today or later");
  EXPECT_TRUE(errors(plan_fields({{"review_on", "2027-01-04"}})).empty());
  EXPECT_EQ(errors(plan_fields({{"starts_on", "2027-02-01"}, {"review_on", "2027-01-31"}})),
            std::vector<std::string>{"review_on"});
  EXPECT_EQ(failure_of(plan_fields({{"starts_on", "2027-02-01"}, {"review_on", "2027-01-31"}})).messages.front(),
            "must be on or after the plan's start, 1 February 2027");
  EXPECT_TRUE(errors(plan_fields({{"starts_on", "2027-02-01"}, {"review_on", "2027-02-01"}})).empty());
  EXPECT_EQ(errors(plan_fields({{"starts_on", "soon"}, {"review_on", "2027-01-05"}})), std::vector<std::string>{"starts_on"})
      << "an unreadable start is not held against the review";
}
