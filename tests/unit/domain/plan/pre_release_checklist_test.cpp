// Unit tests of the pre-release checklist (domain/plan/pre_release_checklist.hpp).
#include "domain/plan/pre_release_checklist.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>

#include "code_table_checks.hpp"

using namespace resettle;
using namespace std::chrono;
using K = ChecklistItemKind;

namespace {
const Date release = 2024y / March / 1;  // a leap year: the window crosses 29 February
const Date generated = 2023y / December / 8;

NeedsAssessment needs(std::map<Pathway, NeedLevel> levels) {
  NeedsAssessment assessment;
  assessment.person_id = 42;
  assessment.assessed_on = 2023y / November / 20;
  for (auto [pathway, level] : levels) assessment.pathways[pathway].need_level = level;
  return assessment;
}

NeedsAssessment every_pathway_at(NeedLevel level) {
  std::map<Pathway, NeedLevel> levels;
  for (const auto& p : pathways()) levels[p.value] = level;
  return needs(levels);
}

// No need anywhere except one pathway.
NeedsAssessment only(Pathway pathway, NeedLevel level) {
  auto assessment = every_pathway_at(NeedLevel::no_need);
  assessment.pathways[pathway].need_level = level;
  return assessment;
}

const ChecklistItem& item(const PreReleaseChecklist& checklist, K kind) {
  for (const auto& i : checklist.items)
    if (i.kind == kind) return i;
  throw std::logic_error("no item");
}

std::vector<K> kinds_to_do(const PreReleaseChecklist& checklist) {
  std::vector<K> kinds;
  for (const auto& i : checklist.items)
    if (i.status == ChecklistStatus::to_do) kinds.push_back(i.kind);
  return kinds;
}
}  // namespace

TEST(PreReleaseChecklist, CodeTablesAreCompleteAndRoundTrip) {
  code_checks::expect_complete_code_table(checklist_item_kinds(), 9);
  code_checks::expect_complete_code_table(checklist_statuses(), 3);
}

TEST(PreReleaseChecklist, EveryKindHasOneRuleInKindOrder) {
  auto rules = checklist_item_rules();
  ASSERT_EQ(rules.size(), checklist_item_kinds().size());
  for (std::size_t i = 0; i < rules.size(); ++i) {
    EXPECT_EQ(rules[i].kind, checklist_item_kinds()[i].value);
    EXPECT_EQ(rule_for(rules[i].kind).kind, rules[i].kind);
    EXPECT_GT(rules[i].days_before_release, 0);
    EXPECT_LE(rules[i].days_before_release, pre_release_window_days);
  }
}

TEST(PreReleaseChecklist, WindowOpensTwelveWeeksBeforeRelease) {
  struct Case {
    Date release, opens;
  };
  const Case cases[] = {
      {2024y / March / 1, 2023y / December / 8},
      {2025y / March / 31, 2025y / January / 6},
      {2024y / December / 25, 2024y / October / 2},
  };
  for (const auto& c : cases) EXPECT_EQ(to_iso(checklist_window_opens(c.release)), to_iso(c.opens));
  EXPECT_FALSE(checklist_window_is_open(release, 2023y / December / 7));
  EXPECT_TRUE(checklist_window_is_open(release, 2023y / December / 8));
  EXPECT_TRUE(checklist_window_is_open(release, 2024y / February / 29));
  EXPECT_TRUE(checklist_window_is_open(release, release));
  EXPECT_FALSE(checklist_window_is_open(release, 2024y / March / 2));
}

TEST(PreReleaseChecklist, DueDatesCountBackFromRelease) {
  auto checklist = generate_checklist(release, std::nullopt, generated);
  struct Case {
    K kind;
    Date due;
  };
  const Case cases[] = {
      {K::first_night_accommodation, 2024y / February / 2}, {K::duty_to_refer, 2024y / January / 5},
      {K::id_documents, 2024y / January / 5},               {K::bank_account, 2024y / February / 2},
      {K::benefits_claim, 2024y / February / 16},           {K::gp_registration, 2024y / February / 16},
      {K::medication_on_release, 2024y / February / 23},    {K::treatment_continuity, 2024y / February / 2},
      {K::ete_referral, 2024y / February / 2},
  };
  for (const auto& c : cases)
    EXPECT_EQ(to_iso(item(checklist, c.kind).due), to_iso(c.due)) << entry_for(checklist_item_kinds(), c.kind).code;
  EXPECT_EQ(rule_for(K::duty_to_refer).days_before_release, 56);
}

TEST(PreReleaseChecklist, WithoutAnAssessmentEveryItemIsToDo) {
  auto checklist = generate_checklist(release, std::nullopt, generated);
  EXPECT_EQ(checklist.release_date, release);
  EXPECT_EQ(checklist.generated_on, generated);
  EXPECT_EQ(kinds_to_do(checklist).size(), 9u);
}

TEST(PreReleaseChecklist, NeedsDecideWhichItemsApply) {
  struct Case {
    const char* why;
    NeedsAssessment assessed;
    std::vector<K> to_do;
  };
  const Case cases[] = {
      {"no need anywhere: only the first night and a GP", every_pathway_at(NeedLevel::no_need),
       {K::first_night_accommodation, K::gp_registration}},
      {"high need everywhere: everything", every_pathway_at(NeedLevel::high),
       {K::first_night_accommodation, K::duty_to_refer, K::id_documents, K::bank_account, K::benefits_claim,
        K::gp_registration, K::medication_on_release, K::treatment_continuity, K::ete_referral}},
      {"low health need: medication but not treatment", only(Pathway::health, NeedLevel::low),
       {K::first_night_accommodation, K::gp_registration, K::medication_on_release}},
      {"medium drugs need: medication and treatment", only(Pathway::drugs_alcohol, NeedLevel::medium),
       {K::first_night_accommodation, K::gp_registration, K::medication_on_release, K::treatment_continuity}},
      {"low accommodation need: Duty to Refer", only(Pathway::accommodation, NeedLevel::low),
       {K::first_night_accommodation, K::duty_to_refer, K::gp_registration}},
      {"low ETE need: a benefits claim and an ETE referral",
       only(Pathway::education_training_employment, NeedLevel::low),
       {K::first_night_accommodation, K::benefits_claim, K::gp_registration, K::ete_referral}},
      {"only accommodation assessed: the unknowns stay to do", needs({{Pathway::accommodation, NeedLevel::no_need}}),
       {K::first_night_accommodation, K::id_documents, K::bank_account, K::benefits_claim, K::gp_registration,
        K::medication_on_release, K::treatment_continuity, K::ete_referral}},
  };
  for (const auto& c : cases) {
    auto checklist = generate_checklist(release, c.assessed, generated);
    ASSERT_EQ(checklist.items.size(), 9u);
    EXPECT_EQ(kinds_to_do(checklist), c.to_do) << c.why;
    for (const auto& i : checklist.items)
      EXPECT_EQ(i.reason.empty(), i.status == ChecklistStatus::to_do) << c.why;
  }
}

TEST(PreReleaseChecklist, NotNeededItemsSayWhy) {
  auto checklist = generate_checklist(release, every_pathway_at(NeedLevel::low), generated);
  const auto& treatment = item(checklist, K::treatment_continuity);
  EXPECT_EQ(treatment.status, ChecklistStatus::not_needed);
  EXPECT_EQ(treatment.reason,
            "Needs assessment of 2023-11-20 shows less than Medium need for Health (physical and mental), Drugs and alcohol");
  EXPECT_EQ(checklist.person_id, 42);
}

TEST(PreReleaseChecklist, RescheduleMovesDueDatesAndKeepsProgress) {
  auto checklist = generate_checklist(release, std::nullopt, generated);
  apply_update(checklist.items[0], {ChecklistStatus::done, "", Date{2024y / January / 10}});
  reschedule(checklist, 2024y / February / 28);  // brought forward from a Friday
  EXPECT_EQ(checklist.release_date, Date{2024y / February / 28});
  EXPECT_EQ(to_iso(item(checklist, K::duty_to_refer).due), "2024-01-03");
  EXPECT_EQ(to_iso(item(checklist, K::medication_on_release).due), "2024-02-21");
  EXPECT_EQ(checklist.items[0].status, ChecklistStatus::done);
  EXPECT_EQ(checklist.items[0].completed_on, Date{2024y / January / 10});
}

TEST(PreReleaseChecklist, OverdueOnlyWhenToDoAndPastItsDueDate) {
  ChecklistItem i;
  i.due = 2024y / February / 29;
  EXPECT_FALSE(is_overdue(i, 2024y / February / 29));
  EXPECT_TRUE(is_overdue(i, 2024y / March / 1));
  i.status = ChecklistStatus::done;
  EXPECT_FALSE(is_overdue(i, 2024y / March / 1));
  i.status = ChecklistStatus::not_needed;
  EXPECT_FALSE(is_overdue(i, 2024y / March / 1));
}

TEST(PreReleaseChecklist, SummaryCountsEachStatusAndTheOverdue) {
  auto checklist = generate_checklist(release, every_pathway_at(NeedLevel::no_need), generated);
  apply_update(checklist.items[0], {ChecklistStatus::done, "", Date{2024y / January / 10}});
  // On 6 January the Duty to Refer would be overdue, but it is not needed; nothing to do is overdue yet.
  auto early = summarise(checklist, 2024y / January / 6);
  EXPECT_EQ(early.to_do, 1);
  EXPECT_EQ(early.done, 1);
  EXPECT_EQ(early.not_needed, 7);
  EXPECT_EQ(early.overdue, 0);
  EXPECT_EQ(summarise(checklist, 2024y / February / 17).overdue, 1);  // GP registration, due 16 February
}

TEST(PreReleaseChecklist, ReadsUpdatesAndNamesBadFields) {
  const Date today = 2024y / February / 1;
  auto done = read_checklist_item_update({{"status", "done"}}, today);
  EXPECT_EQ(done.completed_on, today);
  auto done_earlier = read_checklist_item_update({{"status", "done"}, {"completed_on", "2024-01-31"}}, today);
  EXPECT_EQ(done_earlier.completed_on, Date{2024y / January / 31});
  auto not_needed = read_checklist_item_update({{"status", "not_needed"}, {"reason", "Has a passport"}}, today);
  EXPECT_EQ(not_needed.reason, "Has a passport");
  EXPECT_FALSE(not_needed.completed_on);

  struct Case {
    FieldInput form;
    std::string field, message;
  };
  const Case cases[] = {
      {{{"status", "not_needed"}}, "reason", "is required"},
      {{{"status", "done"}, {"completed_on", "2024-02-02"}}, "completed_on", "must be today or in the past"},
      {{{"status", "done"}, {"completed_on", "2023-02-29"}}, "completed_on", "must be a real date written as YYYY-MM-DD"},
      {{{"status", "finished"}}, "status", "must be one of: to_do, done, not_needed"},
      {{}, "status", "is required"},
  };
  for (const auto& c : cases) {
    try {
      read_checklist_item_update(c.form, today);
      ADD_FAILURE() << "expected an error for " << c.field;
    } catch (const ValidationFailed& failure) {
      ASSERT_EQ(failure.errors().size(), 1u) << c.field;
      EXPECT_EQ(failure.errors()[0].field, c.field);
      EXPECT_EQ(failure.errors()[0].message, c.message);
    }
  }
}

TEST(PreReleaseChecklist, ApplyingAnUpdateKeepsOnlyWhatTheStatusNeeds) {
  ChecklistItem i;
  apply_update(i, {ChecklistStatus::not_needed, "Has a passport", std::nullopt});
  EXPECT_EQ(i.reason, "Has a passport");
  apply_update(i, {ChecklistStatus::done, "ignored", Date{2024y / January / 31}});
  EXPECT_EQ(i.reason, "");
  EXPECT_EQ(i.completed_on, Date{2024y / January / 31});
  apply_update(i, {ChecklistStatus::to_do, "", std::nullopt});
  EXPECT_EQ(i.status, ChecklistStatus::to_do);
  EXPECT_FALSE(i.completed_on);
}

// --- Closing at release ----------------------------------------------------------------------------

namespace {
// A checklist with every item to do except the GP, already done, and treatment, not needed.
PreReleaseChecklist checklist_at_release() {
  auto checklist = generate_checklist(release, std::nullopt, generated);
  for (auto& item : checklist.items) {
    if (item.kind == K::gp_registration) {
      item.status = ChecklistStatus::done;
      item.completed_on = 2024y / February / 20;
    }
    if (item.kind == K::treatment_continuity) item.status = ChecklistStatus::not_needed;
  }
  return checklist;
}

ChecklistStatus status_of(const PreReleaseChecklist& checklist, K kind) {
  return std::ranges::find(checklist.items, kind, &ChecklistItem::kind)->status;
}
}  // namespace

TEST(ChecklistAtRelease, WhatWasInPlaceOnTheDayIsDoneAndTheRestStaysAsPostReleaseActions) {
  auto checklist = checklist_at_release();
  std::array in_place{K::bank_account, K::gp_registration, K::first_night_accommodation};
  auto closure = close_checklist(checklist, in_place, release);
  EXPECT_EQ(checklist.closed_on, release);
  EXPECT_EQ(closure.done, (std::vector<K>{K::first_night_accommodation, K::bank_account, K::gp_registration}));
  EXPECT_EQ(closure.not_done, (std::vector<K>{K::duty_to_refer, K::id_documents, K::benefits_claim,
                                              K::medication_on_release, K::ete_referral}));
  EXPECT_EQ(std::ranges::find(checklist.items, K::bank_account, &ChecklistItem::kind)->completed_on, release);
  // Done before the day keeps the day it was done.
  EXPECT_EQ(std::ranges::find(checklist.items, K::gp_registration, &ChecklistItem::kind)->completed_on, 2024y / February / 20);
  EXPECT_EQ(status_of(checklist, K::treatment_continuity), ChecklistStatus::not_needed);
  auto actions = post_release_actions(checklist);
  ASSERT_EQ(actions.size(), 5u);
  EXPECT_EQ(actions[1].kind, K::id_documents);
}

TEST(ChecklistAtRelease, ClosingTwiceChangesNothing) {
  auto checklist = checklist_at_release();
  close_checklist(checklist, std::array<K, 0>{}, release);
  std::array later{K::id_documents};
  auto again = close_checklist(checklist, later, 2024y / March / 5);
  EXPECT_TRUE(again.done.empty() && again.not_done.empty());
  EXPECT_EQ(checklist.closed_on, release);
  EXPECT_EQ(status_of(checklist, K::id_documents), ChecklistStatus::to_do);
}

TEST(ChecklistAtRelease, NoPostReleaseActionsBeforeRelease) {
  EXPECT_TRUE(post_release_actions(checklist_at_release()).empty());
}

TEST(ChecklistAtRelease, AfterReleaseWhatIsLeftCountsAsPostReleaseNotOverdue) {
  auto checklist = checklist_at_release();
  auto today = 2024y / March / 10;
  EXPECT_EQ(summarise(checklist, today).overdue, 7);
  close_checklist(checklist, std::array{K::id_documents}, release);
  auto summary = summarise(checklist, today);
  EXPECT_EQ(summary.overdue, 0);
  EXPECT_EQ(summary.post_release, 6);
  EXPECT_EQ(summary.to_do, 6);
}

TEST(ChecklistAtRelease, MarkingInPlaceLaterTakesAnActionOffTheList) {
  auto checklist = checklist_at_release();
  close_checklist(checklist, std::array<K, 0>{}, release);
  auto marked = mark_in_place(checklist, std::array{K::id_documents, K::gp_registration}, 2024y / March / 4);
  EXPECT_EQ(marked, (std::vector<K>{K::id_documents}));  // the GP was done already
  EXPECT_EQ(status_of(checklist, K::id_documents), ChecklistStatus::done);
  EXPECT_EQ(post_release_actions(checklist).size(), 6u);
}
