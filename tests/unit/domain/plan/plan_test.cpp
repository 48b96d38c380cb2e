// Unit tests of the resettlement plan (domain/plan/plan.hpp).
#include "domain/plan/plan.hpp"

#include <gtest/gtest.h>

#include <functional>

#include "code_table_checks.hpp"

using namespace resettle;
using namespace std::chrono;

namespace {
Action action(std::int64_t id, Date due, ActionStatus status = ActionStatus::not_started) {
  Action a;
  a.id = id;
  a.description = "Apply for a birth certificate";
  a.owner_kind = ActionOwnerKind::person;
  a.due = due;
  a.status = status;
  return a;
}

Objective objective(std::int64_t id, Pathway pathway, std::vector<Action> actions,
                    ObjectiveStatus status = ObjectiveStatus::active) {
  Objective o;
  o.id = id;
  o.pathway = pathway;
  o.goal = "Have my own place near my kids";
  o.status = status;
  o.actions = std::move(actions);
  return o;
}

Plan plan_started(Date started_on) {
  Plan plan;
  plan.id = 1;
  plan.person_id = 42;
  plan.started_on = started_on;
  plan.last_material_change_on = started_on;
  return plan;
}

Review review_on(Date held_on, ReviewKind kind = ReviewKind::scheduled) { return {kind, held_on, ""}; }

// The single bad field's name and message, or a note that there was none.
std::pair<std::string, std::string> only_error(const std::function<void()>& read) {
  try {
    read();
  } catch (const ValidationFailed& failure) {
    if (failure.errors().size() != 1) return {"<" + std::to_string(failure.errors().size()) + " errors>", ""};
    return {failure.errors()[0].field, failure.errors()[0].message};
  }
  return {"<no error>", ""};
}
}  // namespace

TEST(Plan, CodeTablesAreCompleteAndRoundTrip) {
  code_checks::expect_complete_code_table(objective_statuses(), 3);
  code_checks::expect_complete_code_table(action_owner_kinds(), 3);
  code_checks::expect_complete_code_table(action_statuses(), 4);
  code_checks::expect_complete_code_table(review_kinds(), 4);
}

TEST(ActionStatusMove, EveryPairFollowsTheRules) {
  using S = ActionStatus;
  using M = StatusMove;
  struct Case {
    S from, to;
    M move;
  };
  const Case cases[] = {
      {S::not_started, S::not_started, M::allowed},   {S::not_started, S::in_progress, M::allowed},
      {S::not_started, S::done, M::allowed},          {S::not_started, S::cancelled, M::needs_reason},
      {S::in_progress, S::not_started, M::needs_reason}, {S::in_progress, S::in_progress, M::allowed},
      {S::in_progress, S::done, M::allowed},          {S::in_progress, S::cancelled, M::needs_reason},
      {S::done, S::not_started, M::needs_reason},     {S::done, S::in_progress, M::needs_reason},
      {S::done, S::done, M::allowed},                 {S::done, S::cancelled, M::not_allowed},
      {S::cancelled, S::not_started, M::needs_reason}, {S::cancelled, S::in_progress, M::needs_reason},
      {S::cancelled, S::done, M::not_allowed},        {S::cancelled, S::cancelled, M::allowed},
  };
  for (const auto& c : cases)
    EXPECT_EQ(action_status_move(c.from, c.to), c.move)
        << entry_for(action_statuses(), c.from).code << " -> " << entry_for(action_statuses(), c.to).code;
}

TEST(ActionStatusMove, ForwardMovesNeedNoReasonAndClearAnOldOne) {
  auto a = action(1, 2025y / May / 1, ActionStatus::done);
  change_action_status(a, ActionStatus::in_progress, "Certificate was for the wrong name");
  EXPECT_EQ(a.status, ActionStatus::in_progress);
  EXPECT_EQ(a.status_reason, "Certificate was for the wrong name");
  change_action_status(a, ActionStatus::done, "");
  EXPECT_EQ(a.status, ActionStatus::done);
  EXPECT_EQ(a.status_reason, "");
}

TEST(ActionStatusMove, ABackwardMoveWithoutAReasonIsRefusedNamingTheField) {
  for (std::string_view blank : {"", "   ", "\n"}) {
    auto a = action(1, 2025y / May / 1, ActionStatus::done);
    auto [field, message] = only_error([&] { change_action_status(a, ActionStatus::not_started, blank); });
    EXPECT_EQ(field, "reason");
    EXPECT_EQ(message, "is required to move an action from Done to Not started");
    EXPECT_EQ(a.status, ActionStatus::done);
  }
}

TEST(ActionStatusMove, DoneAndCancelledCannotSwapDirectly) {
  auto done = action(1, 2025y / May / 1, ActionStatus::done);
  EXPECT_THROW(change_action_status(done, ActionStatus::cancelled, "changed mind"), Conflict);
  auto cancelled = action(2, 2025y / May / 1, ActionStatus::cancelled);
  try {
    change_action_status(cancelled, ActionStatus::done, "did it anyway");
    FAIL() << "expected Conflict";
  } catch (const Conflict& conflict) {
    EXPECT_STREQ(conflict.what(), "An action that is Cancelled cannot become Done: reopen it first");
  }
  EXPECT_EQ(cancelled.status, ActionStatus::cancelled);
}

TEST(ActionStatusMove, StayingPutChangesNothing) {
  auto a = action(1, 2025y / May / 1, ActionStatus::cancelled);
  a.status_reason = "Service closed";
  change_action_status(a, ActionStatus::cancelled, "");
  EXPECT_EQ(a.status_reason, "Service closed");
}

TEST(Action, OverdueOnlyWhenOpenAndDueBeforeToday) {
  struct Case {
    ActionStatus status;
    Date due, today;
    bool overdue;
  };
  const Case cases[] = {
      {ActionStatus::not_started, 2024y / February / 29, 2024y / March / 1, true},
      {ActionStatus::in_progress, 2024y / February / 29, 2024y / March / 1, true},
      {ActionStatus::not_started, 2024y / February / 29, 2024y / February / 29, false},  // due today
      {ActionStatus::not_started, 2025y / January / 1, 2024y / December / 31, false},
      {ActionStatus::done, 2024y / January / 1, 2024y / March / 1, false},
      {ActionStatus::cancelled, 2024y / January / 1, 2024y / March / 1, false},
  };
  for (const auto& c : cases) EXPECT_EQ(is_overdue(action(1, c.due, c.status), c.today), c.overdue) << to_iso(c.due);
}

TEST(Plan, OverdueActionsSkipClosedObjectivesAndPutTheOldestFirst) {
  auto plan = plan_started(2023y / June / 1);
  plan.objectives = {
      objective(1, Pathway::accommodation,
                {action(1, 2024y / February / 20), action(2, 2024y / January / 31), action(3, 2024y / March / 5)}),
      objective(2, Pathway::finance_benefits_debt, {action(4, 2023y / December / 31, ActionStatus::in_progress)}),
      objective(3, Pathway::health, {action(5, 2023y / June / 1)}, ObjectiveStatus::achieved),
      objective(4, Pathway::drugs_alcohol, {action(6, 2023y / June / 1)}, ObjectiveStatus::no_longer_needed),
  };
  auto overdue = overdue_actions(plan, 2024y / March / 1);
  ASSERT_EQ(overdue.size(), 3u);
  EXPECT_EQ(overdue[0].action.id, 4);
  EXPECT_EQ(overdue[0].pathway, Pathway::finance_benefits_debt);
  EXPECT_EQ(overdue[0].days_overdue, 61);  // 31 days of January + 29 of February + 1
  EXPECT_EQ(overdue[1].action.id, 2);
  EXPECT_EQ(overdue[1].days_overdue, 30);
  EXPECT_EQ(overdue[2].action.id, 1);
  EXPECT_EQ(overdue[2].days_overdue, 10);
}

TEST(Plan, NextReviewFollowsTheCadenceForWhereThePersonIs) {
  struct Case {
    const char* why;
    Date started;
    std::vector<Date> reviews;
    std::optional<Date> release;
    Date due;
  };
  const Date release = 2025y / December / 1;  // pre-release window opens 2025-09-08
  const Case cases[] = {
      {"no release date: six months, clamped to February's end", 2024y / August / 31, {}, std::nullopt,
       2025y / February / 28},
      {"custody, far from release", 2024y / January / 31, {}, release, 2024y / July / 31},
      {"custody review would fall after the window opens", 2024y / January / 1, {2025y / June / 15}, release,
       2025y / September / 8},
      {"reviewed the day before the window opens", 2024y / January / 1, {2025y / September / 7}, release,
       2025y / September / 8},
      {"reviewed as the window opens: four weeks", 2024y / January / 1, {2025y / September / 8}, release,
       2025y / October / 6},
      {"four weeks would pass release: review at release", 2024y / January / 1, {2025y / November / 20}, release,
       release},
      {"the day before release", 2024y / January / 1, {2025y / November / 30}, release, release},
      {"release review held: licence cadence", 2024y / January / 1, {2025y / December / 1}, release,
       2026y / March / 1},
      {"on licence, clamped to April's end", 2024y / January / 1, {2025y / December / 1, 2026y / January / 31},
       release, 2026y / April / 30},
      {"reviews recorded out of order: the latest counts", 2024y / January / 1,
       {2025y / September / 8, 2025y / June / 15}, release, 2025y / October / 6},
      {"window across a leap day", 2023y / March / 1, {2023y / July / 1}, Date{2024y / March / 1},
       2023y / December / 8},
      {"in the window: four weeks", 2024y / January / 1, {2025y / October / 1}, release, 2025y / October / 29},
  };
  for (const auto& c : cases) {
    auto plan = plan_started(c.started);
    for (auto held : c.reviews) plan.reviews.push_back(review_on(held));
    EXPECT_EQ(to_iso(next_review_due(plan, c.release)), to_iso(c.due)) << c.why;
  }
}

TEST(Plan, ReviewOverdueFromTheDayAfterItIsDue) {
  auto plan = plan_started(2024y / January / 31);
  EXPECT_FALSE(review_overdue(plan, std::nullopt, 2024y / July / 31));
  EXPECT_TRUE(review_overdue(plan, std::nullopt, 2024y / August / 1));
  // Released with no review at release: overdue from the day after release.
  plan.reviews = {review_on(2025y / November / 15)};
  EXPECT_FALSE(review_overdue(plan, Date{2025y / December / 1}, 2025y / December / 1));
  EXPECT_TRUE(review_overdue(plan, Date{2025y / December / 1}, 2025y / December / 2));
}

TEST(Plan, OnlyChangesToWhatWasAgreedAreMaterial) {
  auto base = plan_started(2025y / January / 6);
  base.objectives = {objective(1, Pathway::accommodation, {action(1, 2025y / March / 1), action(2, 2025y / March / 8)})};
  struct Case {
    const char* what;
    std::function<void(Plan&)> change;
    bool material;
  };
  const Case cases[] = {
      {"nothing", [](Plan&) {}, false},
      {"action started", [](Plan& p) { p.objectives[0].actions[0].status = ActionStatus::in_progress; }, false},
      {"action done", [](Plan& p) { p.objectives[0].actions[0].status = ActionStatus::done; }, false},
      {"objective achieved", [](Plan& p) { p.objectives[0].status = ObjectiveStatus::achieved; }, false},
      {"review held", [](Plan& p) { p.reviews.push_back(review_on(2025y / February / 1)); }, false},
      {"action cancelled", [](Plan& p) { p.objectives[0].actions[1].status = ActionStatus::cancelled; }, true},
      {"objective dropped", [](Plan& p) { p.objectives[0].status = ObjectiveStatus::no_longer_needed; }, true},
      {"goal reworded", [](Plan& p) { p.objectives[0].goal = "A room of my own first"; }, true},
      {"pathway moved", [](Plan& p) { p.objectives[0].pathway = Pathway::finance_benefits_debt; }, true},
      {"due date moved", [](Plan& p) { p.objectives[0].actions[0].due = 2025y / March / 2; }, true},
      {"owner changed", [](Plan& p) { p.objectives[0].actions[0].owner_kind = ActionOwnerKind::agency; }, true},
      {"owner renamed", [](Plan& p) { p.objectives[0].actions[0].owner_name = "Nacro"; }, true},
      {"description changed", [](Plan& p) { p.objectives[0].actions[0].description = "Get a passport"; }, true},
      {"action added", [](Plan& p) { p.objectives[0].actions.push_back(action(3, 2025y / April / 1)); }, true},
      {"action removed", [](Plan& p) { p.objectives[0].actions.pop_back(); }, true},
      {"objective added", [](Plan& p) { p.objectives.push_back(objective(2, Pathway::health, {})); }, true},
  };
  for (const auto& c : cases) {
    auto after = base;
    c.change(after);
    EXPECT_EQ(is_material_change(base, after), c.material) << c.what;
    note_change(base, after, 2025y / February / 3);
    EXPECT_EQ(after.last_material_change_on, c.material ? Date{2025y / February / 3} : base.last_material_change_on)
        << c.what;
  }
}

TEST(Plan, AgreementIsCurrentWhenGivenOnOrAfterTheLastMaterialChange) {
  auto plan = plan_started(2025y / January / 6);
  EXPECT_FALSE(agreement_is_current(plan));
  plan.last_material_change_on = 2025y / February / 3;
  plan.agreement = Agreement{2025y / February / 2, "Yes, that's what we said"};
  EXPECT_FALSE(agreement_is_current(plan));
  plan.agreement->agreed_on = 2025y / February / 3;
  EXPECT_TRUE(agreement_is_current(plan));
  plan.agreement->agreed_on = 2025y / March / 1;
  EXPECT_TRUE(agreement_is_current(plan));
}

TEST(PlanReaders, ReadObjectiveAndWriteItBack) {
  auto read = read_objective({{"pathway", "children_families_relationships"}, {"goal", "  See my son every week  "}});
  EXPECT_EQ(read.pathway, Pathway::children_families_relationships);
  EXPECT_EQ(read.goal, "See my son every week");
  EXPECT_EQ(read.status, ObjectiveStatus::active);
  auto again = read_objective(objective_fields(read));
  EXPECT_EQ(again, read);
}

TEST(PlanReaders, ReadActionAndWriteItBack) {
  auto read = read_action({{"description", "Book housing appointment"},
                           {"owner_kind", "agency"},
                           {"owner_name", "Local housing options team"},
                           {"due_date", "2024-02-29"}});
  EXPECT_EQ(read.owner_kind, ActionOwnerKind::agency);
  EXPECT_EQ(read.due, Date{2024y / February / 29});
  EXPECT_EQ(read.status, ActionStatus::not_started);
  EXPECT_EQ(read_action(action_fields(read)), read);
  // The person needs no name: the plan is theirs.
  EXPECT_NO_THROW(read_action({{"description", "Call mum"}, {"owner_kind", "person"}, {"due_date", "2025-01-01"}}));
}

TEST(PlanReaders, BadFieldsAreNamed) {
  const Date today = 2025y / March / 10;
  struct Case {
    std::function<void()> read;
    std::string field, message;
  };
  const Case cases[] = {
      {[] { read_objective({{"goal", "x"}}); }, "pathway", "is required"},
      {[] { read_objective({{"pathway", "housing"}, {"goal", "x"}}); }, "pathway",
       "must be one of: accommodation, education_training_employment, health, drugs_alcohol, "
       "finance_benefits_debt, children_families_relationships, attitudes_thinking_behaviour"},
      {[] { read_objective({{"pathway", "health"}, {"goal", "  "}}); }, "goal", "is required"},
      {[] { read_objective({{"pathway", "health"}, {"goal", std::string(1001, 'g')}}); }, "goal",
       "must be 1000 characters or fewer"},
      {[] { read_objective({{"pathway", "health"}, {"goal", "x"}, {"status", "done"}}); }, "status",
       "must be one of: active, achieved, no_longer_needed"},
      {[] { read_action({{"description", "x"}, {"owner_kind", "practitioner"}, {"due_date", "2025-01-01"}}); },
       "owner_name", "is required"},
      {[] { read_action({{"description", "x"}, {"owner_kind", "person"}, {"due_date", "2025-02-29"}}); },
       "due_date", "must be a real date written as YYYY-MM-DD"},
      {[] { read_action({{"description", "x"}, {"owner_kind", "person"}}); }, "due_date", "is required"},
      {[] { read_action({{"description", "x"}, {"owner_kind", "friend"}, {"due_date", "2025-01-01"}}); },
       "owner_kind", "must be one of: person, practitioner, agency"},
      {[] { read_status_change({{"status", "finished"}}); }, "status",
       "must be one of: not_started, in_progress, done, cancelled"},
      {[&] { read_review({{"kind", "release"}, {"held_on", "2025-03-11"}}, today); }, "held_on",
       "must be today or in the past"},
      {[&] { read_review({{"kind", "other"}, {"held_on", "2025-03-10"}}, today); }, "notes", "is required"},
      {[&] { read_review({{"held_on", "2025-03-10"}}, today); }, "kind", "is required"},
      {[&] { read_agreement({{"agreed_on", "2025-03-11"}}, today); }, "agreed_on", "must be today or in the past"},
      {[&] { read_agreement({}, today); }, "agreed_on", "is required"},
  };
  for (const auto& c : cases) {
    auto [field, message] = only_error(c.read);
    EXPECT_EQ(field, c.field);
    EXPECT_EQ(message, c.message) << c.field;
  }
}

TEST(PlanReaders, ReadsReviewsAgreementsAndStatusChanges) {
  const Date today = 2025y / March / 10;
  auto review = read_review({{"kind", "transfer"}, {"held_on", "2025-03-10"}, {"notes", "Moved to HMP Leeds"}}, today);
  EXPECT_EQ(review.kind, ReviewKind::transfer);
  EXPECT_EQ(review.held_on, today);
  auto agreement = read_agreement({{"agreed_on", "2025-03-09"}, {"in_their_words", "It's my plan"}}, today);
  EXPECT_EQ(agreement.agreed_on, Date{2025y / March / 9});
  EXPECT_EQ(agreement.in_their_words, "It's my plan");
  auto change = read_status_change({{"status", "cancelled"}, {"reason", "Service closed"}});
  EXPECT_EQ(change.to, ActionStatus::cancelled);
  EXPECT_EQ(change.reason, "Service closed");
}
