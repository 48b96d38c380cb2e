// Day-of-release decisions against a real SQLite file: recorded with who decided and when,
// journalled, never changed or deleted, superseded by a newer one, and used by the checklist, the
// plan and the worklists.
#include "services/release/release_day.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "domain/errors.hpp"
#include "services/people/case_records.hpp"
#include "services/plan/resettlement_plan.hpp"
#include "test_store.hpp"

using namespace resettle;
using namespace std::chrono;

namespace {

const services::FixedClock clock_at{sys_days{2026y / March / 15} + 10h};
Date day(const char* text) { return parse_iso_date(text).value(); }

// Spring bank holiday 2026 is Monday 25 May; the list covers 2026.
const BankHolidays holidays{{day("2026-05-25")}, day("2026-01-01"), day("2026-12-31")};

const Date friday = day("2026-05-22");      // the release date, inside the 12-week window from 15 March
const Date thursday = day("2026-05-21");    // the policy's earlier day
const Date wednesday = day("2026-05-20");   // a second day

FieldInput choosing(Date decided) { return {{"decided_date", to_iso(decided)}}; }

class ReleaseDayTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store->migrate();
    {
      auto tx = store->begin_write();
      test_support::add_yorkshire(*tx);
      for (auto* staff : {&pom, &com, &manager, &key_worker}) staff->id = tx->staff().insert(*staff, "not-a-real-hash");
      tx->commit();
    }
    person_id = services::add_person(*store, clock_at, manager,
                                      {{"given_name", "Jordan"}, {"family_name", "Hughes"},
                                       {"date_of_birth", "1990-05-17"}, {"prison_number", "A1234BC"},
                                       {"prison_code", "LEI"}, {"pdu_code", "LDS"}})
                    .id;
    services::record_sentence(*store, clock_at, manager, person_id,
                              {{"sentence_type", "determinate"}, {"sentence_start_date", "2026-01-10"},
                               {"sentence_length_days", "730"}, {"conditional_release_date", to_iso(friday)},
                               {"automatic_release_date", to_iso(friday)}});
  }

  ReleaseDayDecision decide(const StaffMember& actor, Date decided) {
    return services::record_release_day_decision(*store, clock_at, holidays, actor, person_id, choosing(decided));
  }

  void allocate_com() {
    auto tx = store->begin_write();
    tx->allocations().insert({0, person_id, com.id, "", Role::com, day("2026-03-01"), std::nullopt, "", AllocationKind::lead});
    tx->commit();
  }

  std::vector<ReleaseDayDecision> stored() { return store->begin_read()->release_day_decisions().for_person(person_id); }

  // The error on decided_date that deciding throws, as its field name.
  std::vector<std::string> refused(const StaffMember& actor, Date decided) {
    return test_support::failed_fields([&] { decide(actor, decided); });
  }

  test_support::TempDatabase database;
  std::unique_ptr<store::Store> store = store::open_sqlite_store({database.path(), 4});
  StaffMember pom{0, "pom", "Priya Shah", Role::pom, "LEI", "", "", "", true};
  StaffMember com{0, "com", "Callum Reid", Role::com, "", "LDS", "", "", true};
  StaffMember manager{0, "manager", "Morgan Ellis", Role::manager, "LEI", "LDS", "", "", true};
  StaffMember key_worker{0, "keyworker", "Kim Walsh", Role::key_worker, "LEI", "", "", "", true};
  std::int64_t person_id = 0;
};

TEST_F(ReleaseDayTest, AnAcceptedDayIsStoredWithWhoAndWhenAndJournalled) {
  auto decision = decide(pom, thursday);
  EXPECT_GT(decision.id, 0);
  auto history = stored();
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history.front().release_date, friday);
  EXPECT_EQ(history.front().decided_date, thursday);
  EXPECT_EQ(history.front().choice, ReleaseDayChoice::presumed);
  EXPECT_EQ(history.front().decided_by, pom.id);
  EXPECT_EQ(history.front().decided_by_name, "Priya Shah");
  EXPECT_EQ(history.front().decided_at, clock_at.now_iso());
  EXPECT_FALSE(history.front().requested_by);
  auto event = store->begin_read()->journal().latest(person_id, "release_day.decided");
  ASSERT_TRUE(event);
  EXPECT_EQ(event->entity_id, decision.id);
  EXPECT_EQ(event->data.at("decided_date"), "2026-05-21");
}

TEST_F(ReleaseDayTest, TheChecklistAndThePlanWorkToTheDecidedDay) {
  auto checklist = services::generate_pre_release_checklist(*store, clock_at, pom, person_id);
  EXPECT_EQ(checklist.release_date, friday);
  EXPECT_EQ(services::view_plan(*store, clock_at, holidays, pom, person_id).day_of_release, friday);
  decide(pom, thursday);
  auto view = services::view_checklist(*store, clock_at, holidays, pom, person_id);
  EXPECT_EQ(view.release_date, thursday);
  EXPECT_EQ(view.day_of_release, thursday);
  ASSERT_TRUE(view.checklist);
  EXPECT_EQ(view.checklist->release_date, thursday);
  for (const auto& item : view.checklist->items)
    EXPECT_EQ(item.due, add_days(thursday, -rule_for(item.kind).days_before_release));
  EXPECT_TRUE(store->begin_read()->journal().latest(person_id, "checklist.rescheduled"));
  EXPECT_EQ(services::view_plan(*store, clock_at, holidays, pom, person_id).release_date, thursday);
}

TEST_F(ReleaseDayTest, AManagerApprovesTheComsSecondDayAndItSupersedes) {
  allocate_com();
  decide(pom, thursday);
  auto second = decide(manager, wednesday);
  EXPECT_EQ(second.choice, ReleaseDayChoice::second_day);
  auto history = stored();
  ASSERT_EQ(history.size(), 2u);  // the earlier decision stays as history
  EXPECT_EQ(history.front().decided_date, wednesday);
  EXPECT_EQ(history.front().requested_by, com.id);
  EXPECT_EQ(history.front().requested_by_name, "Callum Reid");
  EXPECT_EQ(history.front().decided_by_name, "Morgan Ellis");
  EXPECT_EQ(history.back().decided_date, thursday);
  std::vector<std::int64_t> people{person_id, person_id + 1000};
  auto newest = store->begin_read()->release_day_decisions().newest_for(people);
  ASSERT_EQ(newest.size(), 1u);
  EXPECT_EQ(newest.front().id, second.id);
}

TEST_F(ReleaseDayTest, RefusesADayTheRulesDoNotAllowOrASecondDayWithoutAManagerAndACom) {
  EXPECT_EQ(refused(pom, day("2026-05-19")), std::vector<std::string>{"decided_date"});
  EXPECT_EQ(refused(com, wednesday), std::vector<std::string>{"decided_date"});
  EXPECT_EQ(refused(manager, wednesday), std::vector<std::string>{"decided_date"});  // no COM allocated to ask
  EXPECT_THROW(decide(key_worker, thursday), Forbidden);
  EXPECT_TRUE(stored().empty());
}

TEST_F(ReleaseDayTest, DecisionsAreNeverChangedOrDeleted) {
  decide(pom, thursday);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(database.path().c_str(), &db), SQLITE_OK);
  EXPECT_NE(sqlite3_exec(db, "UPDATE release_day_decision SET decided_date = '2026-05-20'", nullptr, nullptr, nullptr), SQLITE_OK);
  EXPECT_NE(sqlite3_exec(db, "DELETE FROM release_day_decision", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  EXPECT_EQ(stored().size(), 1u);
}

TEST_F(ReleaseDayTest, WorklistRowsShowTheDayEachReleaseHappens) {
  decide(pom, thursday);
  std::vector<store::WorklistRow> rows(3);
  rows[0].person.id = person_id;
  rows[0].date = friday;                  // decided: Thursday
  rows[1].person.id = person_id;
  rows[1].date = day("2026-05-29");       // a release date the decision was not made for: its due date
  rows[2].person.id = person_id + 1000;
  rows[2].date = day("2026-05-23");       // a Saturday: due on the Friday before
  services::show_days_of_release(*store, holidays, rows);
  EXPECT_EQ(rows[0].date, thursday);
  EXPECT_EQ(rows[1].date, day("2026-05-29"));
  EXPECT_EQ(rows[2].date, friday);
}

TEST_F(ReleaseDayTest, ThePersonsResponsibilityCarriesTheStandingDecision) {
  auto record = services::view_person(*store, pom, person_id, "test");
  auto before = services::release_day_of(*store->begin_read(), record, holidays, clock_at.today());
  ASSERT_TRUE(before);
  EXPECT_EQ(before->day, friday);
  EXPECT_EQ(before->adjustment.presumed_date, thursday);
  decide(pom, thursday);
  auto after = services::release_day_of(*store->begin_read(), record, holidays, clock_at.today());
  ASSERT_TRUE(after->decision);
  EXPECT_EQ(after->day, thursday);
}

}  // namespace
