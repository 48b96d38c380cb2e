// Needs, the one plan per person, the pre-release checklist and outcomes against a real SQLite
// file: what is stored comes back, nothing can be deleted, stale writes and illegal moves are
// refused, and the checklist follows the release date.
#include "services/plan/resettlement_plan.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <filesystem>
#include <stdexcept>
#include <string>

#include "domain/errors.hpp"

using namespace resettle;
using namespace std::chrono;

namespace {

class TempDatabase {
 public:
  TempDatabase() {
    std::string pattern = (std::filesystem::temp_directory_path() / "resettle-plan-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("cannot create a temporary directory");
    directory_ = pattern;
  }
  ~TempDatabase() {
    std::error_code ignored;
    std::filesystem::remove_all(directory_, ignored);
  }
  std::string path() const { return (directory_ / "resettle.db").string(); }

 private:
  std::filesystem::path directory_;
};

const services::FixedClock clock_at{sys_days{2026y / March / 15} + 10h};

FieldInput screening() {
  FieldInput input{{"kind", "reception_screening"}, {"assessed_on", "2026-03-14"}, {"assessed_by", "Kim Walsh"}};
  for (const auto& pathway : pathways()) {
    input[pathway_field(pathway.value, "need_level")] = "low";
    input[pathway_field(pathway.value, "source")] = "self_report";
  }
  input["accommodation.need_level"] = "high";
  input["accommodation.strengths"] = "Sister nearby";
  return input;
}

class ResettlementPlanTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store->migrate();
    {
      auto tx = store->begin_write();
      tx->places().insert_region({"YH", "Yorkshire and the Humber"});
      tx->places().insert_prison({"LEI", "HMP Leeds", "YH"});
      tx->places().insert_pdu({"LDS", "Leeds", "YH"});
      pom.id = tx->staff().insert(pom, "not-a-real-hash");
      keyworker.id = tx->staff().insert(keyworker, "not-a-real-hash");
      tx->commit();
    }
    person_id = services::add_person(*store, clock_at, pom,
                                      {{"given_name", "Jordan"}, {"family_name", "Hughes"},
                                       {"date_of_birth", "1990-05-17"}, {"prison_number", "A1234BC"},
                                       {"prison_code", "LEI"}})
                    .id;
  }

  void sentence_releasing_on(const std::string& release) {
    services::record_sentence(*store, clock_at, pom, person_id,
                              {{"sentence_type", "determinate"}, {"sentence_start_date", "2026-01-10"},
                               {"sentence_length_days", "730"}, {"conditional_release_date", release},
                               {"automatic_release_date", release}});
  }

  int overdue_actions_now() {
    auto tx = store->begin_read();
    return services::plan_alerts(*tx, person_id, clock_at.today()).overdue_actions;
  }

  std::int64_t sentence_id() { return store->begin_read()->sentences().for_person(person_id)[0].id; }

  int exec(const std::string& sql) {
    sqlite3* db = nullptr;
    sqlite3_open(database.path().c_str(), &db);
    int result = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
    sqlite3_close(db);
    return result;
  }

  TempDatabase database;
  std::unique_ptr<store::Store> store = store::open_sqlite_store({database.path(), 4});
  StaffMember pom{0, "pom", "Priya Shah", Role::pom, "LEI", "", "", "", true};
  StaffMember keyworker{0, "keyworker", "Kim Walsh", Role::key_worker, "LEI", "", "", "", true};
  std::int64_t person_id = 0;
};

TEST_F(ResettlementPlanTest, ALaterAssessmentStartsFromTheLastAndSaysWhatChanged) {
  auto first = services::record_needs_assessment(*store, clock_at, pom, person_id, screening());
  EXPECT_TRUE(first.changes.empty());
  auto second = services::record_needs_assessment(
      *store, clock_at, pom, person_id,
      {{"kind", "resettlement_assessment"}, {"assessed_on", "2026-03-15"}, {"assessed_by", "Priya Shah"},
       {"accommodation.need_level", "medium"}});
  ASSERT_EQ(second.changes.size(), 1u);
  EXPECT_EQ(second.changes[0].changed_fields(), std::vector<std::string>{"accommodation.need_level"});
  EXPECT_EQ(second.assessment.pathways.at(Pathway::accommodation).strengths, std::vector<std::string>{"Sister nearby"});
  auto history = services::needs_history(*store, clock_at, pom, person_id);
  ASSERT_EQ(history.assessments.size(), 2u);
  EXPECT_EQ(history.assessments[0].pathways, second.assessment.pathways);
  EXPECT_EQ(history.latest_changes.size(), 1u);
}

// Key workers record needs and actions (docs/decisions.md) but not the plan's objectives.
TEST_F(ResettlementPlanTest, KeyWorkersRecordNeedsButNotObjectives) {
  EXPECT_NO_THROW(services::record_needs_assessment(*store, clock_at, keyworker, person_id, screening()));
  EXPECT_NO_THROW(services::needs_history(*store, clock_at, keyworker, person_id));
  auto plan = services::view_plan(*store, clock_at, BankHolidays{}, pom, person_id).plan;
  EXPECT_THROW(services::add_objective(*store, clock_at, keyworker, person_id,
                                       {{"pathway", "accommodation"}, {"goal", "My own flat"}}, plan.version),
               Forbidden);
}

TEST_F(ResettlementPlanTest, OnePlanThatKeepsItsPartsAndRefusesStaleAndIllegalChanges) {
  auto first = services::view_plan(*store, clock_at, BankHolidays{}, pom, person_id);
  EXPECT_EQ(services::view_plan(*store, clock_at, BankHolidays{}, pom, person_id).plan.id, first.plan.id);
  auto plan = services::add_objective(*store, clock_at, pom, person_id,
                                      {{"pathway", "accommodation"}, {"goal", "My own flat"}}, first.plan.version);
  plan = services::add_action(*store, clock_at, pom, person_id, plan.objectives[0].id,
                              {{"description", "Housing form"}, {"owner_kind", "person"}, {"due_date", "2026-03-10"}},
                              plan.version);
  EXPECT_EQ(services::view_plan(*store, clock_at, BankHolidays{}, pom, person_id).plan.objectives, plan.objectives);
  EXPECT_THROW(services::add_objective(*store, clock_at, pom, person_id,
                                       {{"pathway", "health"}, {"goal", "Dentist"}}, first.plan.version),
               StaleVersion);
  auto action_id = plan.objectives[0].actions[0].id;
  EXPECT_EQ(overdue_actions_now(), 1);
  plan = services::change_action_status(*store, clock_at, pom, person_id, action_id, {{"status", "done"}}, std::nullopt);
  EXPECT_THROW(services::change_action_status(*store, clock_at, pom, person_id, action_id,
                                              {{"status", "cancelled"}, {"reason", "No"}}, std::nullopt),
               Conflict);
  EXPECT_EQ(overdue_actions_now(), 0);
}

TEST_F(ResettlementPlanTest, ChecklistOpensTwelveWeeksBeforeReleaseAndFollowsTheReleaseDate) {
  sentence_releasing_on("2026-09-01");
  EXPECT_THROW(services::generate_pre_release_checklist(*store, clock_at, pom, person_id), Conflict);
  EXPECT_FALSE(services::view_checklist(*store, clock_at, BankHolidays{}, pom, person_id).window_open);
  services::update_sentence(*store, clock_at, pom, sentence_id(),
                            {{"conditional_release_date", "2026-04-20"}, {"automatic_release_date", "2026-04-20"}}, 1);
  auto checklist = services::generate_pre_release_checklist(*store, clock_at, pom, person_id);
  ASSERT_EQ(checklist.items.size(), 9u);
  EXPECT_EQ(checklist.release_date, Date{2026y / April / 20});
  EXPECT_EQ(checklist.items[1].due, Date{2026y / February / 23});  // Duty to Refer: 56 days before
  auto view = services::view_checklist(*store, clock_at, BankHolidays{}, pom, person_id);
  EXPECT_TRUE(view.window_open);
  EXPECT_EQ(view.window_opens, Date{2026y / January / 26});  // 84 days before
  EXPECT_TRUE(view.item_overdue(ChecklistItemKind::duty_to_refer));
  EXPECT_EQ(view.summary.overdue, static_cast<int>(view.overdue.size()));
  auto updated = services::update_checklist_item(*store, clock_at, pom, person_id, ChecklistItemKind::duty_to_refer,
                                                 {{"status", "done"}}, checklist.version);
  EXPECT_EQ(updated.items[1].completed_on, clock_at.today());
  EXPECT_THROW(services::update_checklist_item(*store, clock_at, pom, person_id, ChecklistItemKind::bank_account,
                                               {{"status", "done"}}, checklist.version),
               StaleVersion);
  services::update_sentence(*store, clock_at, pom, sentence_id(),
                            {{"conditional_release_date", "2026-04-17"}, {"automatic_release_date", "2026-04-17"}}, 2);
  auto moved = services::generate_pre_release_checklist(*store, clock_at, pom, person_id);
  EXPECT_EQ(moved.release_date, Date{2026y / April / 17});
  EXPECT_EQ(moved.items[1].status, ChecklistStatus::done);  // statuses kept
}

TEST_F(ResettlementPlanTest, AListsAlertsComeInItsOrderReadOnlyForThoseWithAPlanOrAChecklist) {
  auto plan = services::view_plan(*store, clock_at, BankHolidays{}, pom, person_id).plan;
  plan = services::add_objective(*store, clock_at, pom, person_id,
                                 {{"pathway", "accommodation"}, {"goal", "My own flat"}}, plan.version);
  services::add_action(*store, clock_at, pom, person_id, plan.objectives[0].id,
                       {{"description", "Housing form"}, {"owner_kind", "person"}, {"due_date", "2026-03-10"}},
                       plan.version);
  auto add = [&](const std::string& prison_number) {
    return services::add_person(*store, clock_at, pom,
                                {{"given_name", "Sam"}, {"family_name", "Price"}, {"date_of_birth", "1988-02-01"},
                                 {"prison_number", prison_number}, {"prison_code", "LEI"}})
        .id;
  };
  auto with_checklist = add("B2345CD");
  services::record_sentence(*store, clock_at, pom, with_checklist,
                            {{"sentence_type", "determinate"}, {"sentence_start_date", "2026-01-10"},
                             {"sentence_length_days", "200"}, {"conditional_release_date", "2026-04-20"},
                             {"automatic_release_date", "2026-04-20"}});
  services::generate_pre_release_checklist(*store, clock_at, pom, with_checklist);
  auto with_neither = add("C3456DE");

  // The whole prison as its caseload page lists it, flags and all.
  auto listed = services::unit_caseload(*store, pom, "", {}).items;
  std::vector<PersonSummary> people;
  for (auto id : {with_neither, person_id, with_checklist}) {
    auto found = std::ranges::find(listed, id, &PersonSummary::id);
    ASSERT_NE(found, listed.end()) << id;
    people.push_back(*found);
  }
  EXPECT_EQ((std::vector{people[0].has_plan_or_checklist, people[1].has_plan_or_checklist,
                         people[2].has_plan_or_checklist}),
            (std::vector{false, true, true}));
  auto alerts = services::plan_alerts_for(*store, people, clock_at.today());
  ASSERT_EQ(alerts.size(), 3u);
  EXPECT_EQ(alerts[0].overdue_actions + alerts[0].overdue_checklist_items, 0);
  EXPECT_EQ(alerts[1].overdue_actions, 1);
  EXPECT_EQ(alerts[1].overdue_checklist_items, 0);
  EXPECT_EQ(alerts[2].overdue_actions, 0);
  EXPECT_GT(alerts[2].overdue_checklist_items, 0);  // Duty to Refer was due on 23 February

  // A worklist's rows are read for the same people, in their order.
  std::vector<store::WorklistRow> worklist;
  for (const auto& person : {people[2], people[0], people[1]}) worklist.push_back({person, "HMP", "", {}});
  auto row_alerts = services::plan_alerts_for(*store, std::span{worklist}, clock_at.today());
  ASSERT_EQ(row_alerts.size(), 3u);
  EXPECT_GT(row_alerts[0].overdue_checklist_items, 0);
  EXPECT_EQ(row_alerts[1].overdue_actions + row_alerts[1].overdue_checklist_items, 0);
  EXPECT_EQ(row_alerts[2].overdue_actions, 1);

  // The flag decides who is read: unflagged, even someone with an overdue action shows none.
  people[1].has_plan_or_checklist = false;
  EXPECT_EQ(services::plan_alerts_for(*store, people, clock_at.today())[1].overdue_actions, 0);
  EXPECT_TRUE(services::plan_alerts_for(*store, std::span<const PersonSummary>{}, clock_at.today()).empty());
}

TEST_F(ResettlementPlanTest, OutcomesShowDistanceTravelled) {
  services::record_outcome_snapshot(*store, clock_at, pom, person_id,
                                    {{"milestone", "sentence_start"}, {"recorded_on", "2026-01-10"},
                                     {"accommodation.level", "in_crisis"}});
  services::record_outcome_snapshot(*store, clock_at, pom, person_id,
                                    {{"milestone", "release_first_night"}, {"recorded_on", "2026-03-15"},
                                     {"accommodation.level", "settled"}, {"accommodation.detail", "CAS3"}});
  auto view = services::view_outcomes(*store, clock_at, pom, person_id);
  ASSERT_EQ(view.snapshots.size(), 2u);
  EXPECT_EQ(view.snapshots[1].outcomes.at(Pathway::accommodation).detail, "CAS3");
  ASSERT_EQ(view.distance.size(), 1u);
  EXPECT_EQ(view.distance[0].direction, Direction::improved);
  EXPECT_EQ(view.distance[0].steps, 3);
}

TEST_F(ResettlementPlanTest, NothingIsEverDeleted) {
  services::record_needs_assessment(*store, clock_at, pom, person_id, screening());
  auto plan = services::view_plan(*store, clock_at, BankHolidays{}, pom, person_id).plan;
  services::add_objective(*store, clock_at, pom, person_id, {{"pathway", "health"}, {"goal", "Dentist"}}, plan.version);
  services::record_outcome_snapshot(*store, clock_at, pom, person_id,
                                    {{"milestone", "sentence_start"}, {"recorded_on", "2026-01-10"},
                                     {"health.level", "getting_by"}});
  for (auto table : {"needs_assessment", "needs_pathway", "plan", "plan_objective", "outcome_snapshot", "outcome_pathway"})
    EXPECT_NE(exec(std::string{"DELETE FROM "} + table), SQLITE_OK) << table;
  EXPECT_EQ(services::view_plan(*store, clock_at, BankHolidays{}, pom, person_id).plan.objectives.size(), 1u);
}

}  // namespace
