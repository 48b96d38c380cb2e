// The release use cases through the SQLite store: the release as one event (stage, allocations ended
// but kept, caseloads, the checklist closed with its post-release actions, the licence in force, the
// timeline and the first-night snapshot), bad input saving nothing, who may record it, and changes to
// the release day record afterwards.
#include "services/release/releases.hpp"

#include <gtest/gtest.h>

#include "domain/errors.hpp"
#include "services/allocation/allocations.hpp"
#include "services/people/case_records.hpp"
#include "services/licence/licences.hpp"
#include "services/plan/resettlement_plan.hpp"
#include "services/responsibility/responsibility.hpp"
#include "source_tree.hpp"
#include "test_store.hpp"

using namespace resettle;
using namespace std::chrono;
using K = ChecklistItemKind;

namespace {

const services::FixedClock clock_at{sys_days{2026y / December / 7} + 10h};  // a Monday
const Date today = 2026y / December / 7;

const ConditionCatalogues& catalogues() {
  static const ConditionCatalogues loaded = services::load_condition_catalogues(source_tree() / "data/licence-conditions");
  return loaded;
}

FieldInput release_day(FieldInput more = {}) {
  for (auto [field, value] : {std::pair{"released_on", "2026-12-07"}, {"released_at", "09:30"}, {"prison_code", "LEI"},
                              {"tonight", "cas3"}, {"address", "Flat 2, 10 Kirkgate, Leeds"}, {"bank_account", "in_place"},
                              {"medication", "in_place"}, {"medication_days", "28"}})
    more.try_emplace(field, value);
  return more;
}

class ReleasesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store->migrate();
    auto tx = store->begin_write();
    test_support::add_yorkshire(*tx);
    for (auto* member : {&manager, &pom, &key_worker, &com, &pre_release})
      member->id = tx->staff().insert(*member, "not-a-real-hash");
    tx->commit();
    person_id = in_custody("A1234BC");
  }

  // Someone at Leeds prison, supervised from Leeds PDU, due out in January 2027.
  std::int64_t in_custody(const char* number, const char* stage = "in_custody") {
    auto id = services::add_person(*store, clock_at, manager,
                                   {{"given_name", "Sam"}, {"family_name", "Jones"}, {"date_of_birth", "1990-05-17"},
                                    {"prison_number", number}, {"prison_code", "LEI"}, {"pdu_code", "LDS"}, {"stage", stage}})
                  .id;
    services::record_sentence(*store, clock_at, manager, id,
                              {{"sentence_type", "determinate"}, {"sentence_start_date", "2026-11-20"},
                               {"sentence_length_days", "120"}});
    return id;
  }

  // POM, key worker and COM allocated; the checklist with the GP done; a licence approved.
  void ready_for_release() {
    services::allocate(*store, manager, person_id, pom.id, Role::pom, 2026y / November / 21, "Arrival");
    services::allocate(*store, manager, person_id, key_worker.id, Role::key_worker, 2026y / November / 21, "Arrival");
    services::allocate(*store, manager, person_id, com.id, Role::com, 2026y / November / 21, "Short sentence");
    services::generate_pre_release_checklist(*store, clock_at, pre_release, person_id);
    services::update_checklist_item(*store, clock_at, pre_release, person_id, K::gp_registration, {{"status", "done"}}, std::nullopt);
    auto licence = services::start_licence(*store, clock_at, catalogues(), com, person_id);
    licence = services::submit_licence(*store, clock_at, com, licence.id, {}, licence.version);
    services::decide_licence(*store, clock_at, manager, licence.id, {{"decision", "approve"}}, licence.version);
  }

  std::vector<Event> journal() { return store->begin_read()->journal().for_person(person_id, {}).items; }
  Person person() { return *store->begin_read()->people().find(person_id); }
  std::vector<std::int64_t> caseload_of(const StaffMember& staff) {
    std::vector<std::int64_t> ids;
    for (const auto& entry : services::caseload(*store, staff, "", {}).items) ids.push_back(entry.id);
    return ids;
  }

  test_support::TempDatabase database;
  std::unique_ptr<store::Store> store = store::open_sqlite_store({database.path(), 4});
  StaffMember manager{0, "manager", "Morgan Ellis", Role::manager, "LEI", "LDS", "", "", true};
  StaffMember pom{0, "pom", "Priya Shah", Role::pom, "LEI", "", "", "", true};
  StaffMember key_worker{0, "kw", "Kim West", Role::key_worker, "LEI", "", "", "", true};
  StaffMember com{0, "com", "Callum Reid", Role::com, "", "LDS", "", "", true};
  StaffMember pre_release{0, "pre", "Pat Moss", Role::pre_release, "LEI", "", "", "", true};
  std::int64_t person_id = 0;
};

}  // namespace

TEST_F(ReleasesTest, TheReleaseMovesTheCaseToTheCommunity) {
  ready_for_release();
  ASSERT_EQ(caseload_of(pom), (std::vector<std::int64_t>{person_id}));
  auto recorded = services::record_release(*store, clock_at, pre_release, person_id, release_day());
  ASSERT_TRUE(recorded.summary.release_day) << "answered to the recorder, who no longer sees the person";
  EXPECT_EQ(recorded.person.stage, CaseStage::on_licence);
  const auto& record = *recorded.summary.release_day;
  EXPECT_EQ(record.version, 1);
  EXPECT_EQ(record.release, (ReleaseEvent{today, "09:30", "LEI"}));

  EXPECT_EQ(person().stage, CaseStage::on_licence);
  EXPECT_TRUE(person().prison_code.empty());
  EXPECT_EQ(person().pdu_code, "LDS");

  // The POM and key worker stepped back today, and are kept on the record; the COM holds the case.
  auto tx = store->begin_read();
  auto current = tx->allocations().current_for_person(person_id);
  ASSERT_EQ(current.size(), 1u);
  EXPECT_EQ(current[0].role, Role::com);
  auto history = tx->allocations().history_for_person(person_id);
  EXPECT_EQ(history.size(), 3u);
  for (const auto& allocation : history) {
    if (allocation.role != Role::com) {
      EXPECT_EQ(allocation.to, today) << role_code(allocation.role);
    }
  }
  EXPECT_TRUE(caseload_of(pom).empty());
  EXPECT_TRUE(caseload_of(key_worker).empty());
  EXPECT_EQ(caseload_of(com), (std::vector<std::int64_t>{person_id}));

  // The checklist closed: the bank account, in place on the day, is done; ID stays as a post-release action.
  auto checklist = *tx->checklists().for_person(person_id);
  EXPECT_EQ(checklist.closed_on, today);
  auto status = [&](K kind) { return std::ranges::find(checklist.items, kind, &ChecklistItem::kind)->status; };
  EXPECT_EQ(status(K::bank_account), ChecklistStatus::done);
  EXPECT_EQ(status(K::first_night_accommodation), ChecklistStatus::done);
  EXPECT_EQ(status(K::id_documents), ChecklistStatus::to_do);
  auto actions = post_release_actions(checklist);
  EXPECT_NE(std::ranges::find(actions, K::id_documents, &ChecklistItem::kind), actions.end());

  auto licence = tx->licences().for_person(person_id).front();
  EXPECT_EQ(licence.status, LicenceStatus::active);
  EXPECT_EQ(licence.active_from, today);

  auto snapshots = tx->outcome_snapshots().for_person(person_id);
  ASSERT_EQ(snapshots.size(), 1u);
  EXPECT_EQ(snapshots[0].milestone, Milestone::release_first_night);
  EXPECT_EQ(snapshots[0].outcomes.at(Pathway::accommodation).level, OutcomeLevel::getting_by);
  // No ID and no benefits claim (both still to do on the checklist, so prefilled as not in place).
  EXPECT_EQ(snapshots[0].outcomes.at(Pathway::finance_benefits_debt).level, OutcomeLevel::in_crisis);
  tx.reset();

  auto events = journal();
  auto released = std::ranges::find(events, std::string{"person.released"}, &Event::kind);
  ASSERT_NE(released, events.end());
  EXPECT_EQ(released->summary, "Released from HMP Leeds on 7 December 2026 at 09:30");
  EXPECT_EQ(released->data["checklist"]["not_done"].size(), actions.size());
  EXPECT_EQ(released->data["ended_allocations"].size(), 2u);
  EXPECT_EQ(released->data["licence_activated"], 1);
  EXPECT_EQ(released->data["community_offender_manager"], "Callum Reid");
  EXPECT_NE(std::ranges::find(events, std::string{"licence.activated"}, &Event::kind), events.end());
  EXPECT_NE(std::ranges::find(events, std::string{"outcomes.recorded"}, &Event::kind), events.end());

  // The day of release is no longer a plan on the person page.
  auto viewed = services::view_person(*store, com, person_id, "test");
  EXPECT_FALSE(services::case_responsibility(*store, viewed, today, BankHolidays{}).release_day);
  auto day = services::view_release_day(*store, clock_at, com, person_id);
  ASSERT_TRUE(day.summary.release_day);
  EXPECT_EQ(day.summary.released_from, "HMP Leeds");
  EXPECT_FALSE(day.summary.gaps.empty());
}

TEST_F(ReleasesTest, BadInputNamesEachFieldAndSavesNothing) {
  auto before = journal().size();
  EXPECT_EQ(test_support::failed_fields([&] {
              services::record_release(*store, clock_at, com, person_id,
                                       {{"released_on", "2026-12-08"}, {"released_at", "25:00"}, {"tonight", "settled"},
                                        {"medication", "in_place"}});
            }),
            (std::vector<std::string>{"released_on", "released_at", "prison_code", "address", "medication_days"}));
  EXPECT_EQ(test_support::failed_fields([&] {
              services::record_release(*store, clock_at, com, person_id, release_day({{"prison_code", "HAI"}}));
            }),
            (std::vector<std::string>{"prison_code"}));
  EXPECT_EQ(person().stage, CaseStage::in_custody);
  EXPECT_EQ(journal().size(), before);
  EXPECT_FALSE(store->begin_read()->release_days().latest_for_person(person_id));
}

TEST_F(ReleasesTest, OnlySomeoneInCustodyIsReleasedAndOnlyOnce) {
  services::record_release(*store, clock_at, com, person_id, release_day());
  EXPECT_THROW(services::record_release(*store, clock_at, com, person_id, release_day()), Conflict);
  auto on_remand = in_custody("B2345CD", "remand");
  EXPECT_THROW(services::record_release(*store, clock_at, com, on_remand, release_day()), Conflict);
}

TEST_F(ReleasesTest, ThePomReadsButDoesNotRecord) {
  EXPECT_THROW(services::record_release(*store, clock_at, pom, person_id, release_day()), Forbidden);
  EXPECT_THROW(services::record_release(*store, clock_at, key_worker, person_id, release_day()), Forbidden);
  auto day = services::view_release_day(*store, clock_at, pom, person_id);
  EXPECT_FALSE(day.may_record);
  EXPECT_TRUE(day.releasable);
  EXPECT_EQ(day.form.at("prison_code"), "LEI");
  EXPECT_EQ(day.form.at("released_on"), "2026-12-07");
}

TEST_F(ReleasesTest, ChangingDetailsCannotReleaseSomeone) {
  EXPECT_EQ(test_support::failed_fields([&] {
              services::update_person(*store, clock_at, com, person_id, {{"stage", "on_licence"}}, 1);
            }),
            (std::vector<std::string>{"stage"}));
  EXPECT_EQ(person().stage, CaseStage::in_custody);
}

TEST_F(ReleasesTest, TheRecordIsCompletedAfterTheRelease) {
  ready_for_release();
  EXPECT_THROW(services::update_release_day(*store, clock_at, com, person_id, {{"id_documents", "in_place"}}, 1), Conflict);
  services::record_release(*store, clock_at, pre_release, person_id, release_day());
  EXPECT_THROW(services::update_release_day(*store, clock_at, com, person_id, {{"id_documents", "in_place"}}, 2), StaleVersion);
  EXPECT_THROW(services::update_release_day(*store, clock_at, pre_release, person_id, {{"id_documents", "in_place"}}, 1),
               NotFound)
      << "released: the prison's staff no longer see the case";
  auto updated = services::update_release_day(*store, clock_at, com, person_id, {{"id_documents", "in_place"}}, 1);
  EXPECT_EQ(updated.version, 2);
  EXPECT_EQ(updated.arrangements.provisions.at(ReleaseProvision::id_documents).status, ProvisionStatus::in_place);
  EXPECT_EQ(updated.arrangements.tonight, FirstNightAccommodation::cas3);  // kept
  auto tx = store->begin_read();
  auto actions = post_release_actions(*tx->checklists().for_person(person_id));
  EXPECT_EQ(std::ranges::find(actions, K::id_documents, &ChecklistItem::kind), actions.end());
  auto snapshots = tx->outcome_snapshots().for_person(person_id);
  ASSERT_EQ(snapshots.size(), 2u);  // the picture changed: recorded again, and the later one counts
  EXPECT_EQ(snapshots[1].outcomes.at(Pathway::finance_benefits_debt).level, OutcomeLevel::struggling);  // benefits still to do
  tx.reset();
  auto same = services::update_release_day(*store, clock_at, com, person_id, {{"id_documents", "in_place"}}, 2);
  EXPECT_EQ(same.version, 2);  // nothing changed, nothing written
}
