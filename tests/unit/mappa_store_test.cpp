// MAPPA and information sharing through the SQLite store: a decision sets the risk profile's level in
// the same transaction as its journal event; bad input saves nothing; meetings and actions keep
// their versions; the worklist's candidates by unit, page and limited access; staff names in one read.
#include "services/mappa/information_sharing.hpp"
#include "services/mappa/mappa.hpp"

#include <gtest/gtest.h>

#include "domain/errors.hpp"
#include "services/people/case_records.hpp"
#include "services/responsibility/responsibility.hpp"
#include "test_store.hpp"

using namespace resettle;
using namespace std::chrono;
using test_support::failed_fields;

namespace {

const services::FixedClock clock_at{sys_days{2026y / December / 7} + 10h};
using Strings = std::vector<std::string>;

class MappaStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store->migrate();
    auto tx = store->begin_write();
    test_support::add_yorkshire(*tx);
    for (auto* member : {&manager, &com, &pom_elsewhere}) member->id = tx->staff().insert(*member, "not-a-real-hash");
    tx->commit();
    for (auto [id, number] : {std::pair{&person_id, "A1234BC"}, std::pair{&other_id, "A1235BC"}})
      *id = services::add_person(*store, clock_at, manager,
                                 {{"given_name", "Sam"}, {"family_name", "Jones"}, {"date_of_birth", "1990-05-17"},
                                  {"prison_number", number}, {"prison_code", "LEI"}, {"pdu_code", "LDS"}})
                .id;
  }

  std::vector<std::string> journal_kinds(std::int64_t id) {
    std::vector<std::string> kinds;
    for (const auto& event : store->begin_read()->journal().for_person(id, {}).items)
      if (event.kind.starts_with("mappa.") || event.kind.starts_with("information_sharing."))
        kinds.insert(kinds.begin(), event.kind);
    return kinds;
  }

  std::vector<std::int64_t> worklist_people(const StaffMember& actor, services::WorklistRequest request = {}) {
    std::vector<std::int64_t> ids;
    for (const auto& item : services::mappa_worklist(*store, clock_at, actor, request).items) ids.push_back(item.row.person.id);
    return ids;
  }

  test_support::TempDatabase database;
  std::unique_ptr<store::Store> store = store::open_sqlite_store({database.path(), 4});
  StaffMember manager{0, "manager", "Morgan Ellis", Role::manager, "LEI", "LDS", "", "", true};
  StaffMember com{0, "com", "Callum Reid", Role::com, "", "LDS", "", "", true};
  StaffMember pom_elsewhere{0, "pom", "Priya Shah", Role::pom, "HAI", "", "", "", true};
  std::int64_t person_id = 0;
  std::int64_t other_id = 0;
};

const FieldInput level_3{{"category", "1"}, {"level", "3"}, {"decided_on", "2026-12-01"}, {"decided_by", "Level 3 panel"}};

}  // namespace

TEST_F(MappaStoreTest, ADecisionSetsTheRiskProfileAndIsJournalled) {
  auto decision = services::record_mappa_decision(*store, clock_at, com, person_id, level_3);
  EXPECT_GT(decision.id, 0);
  EXPECT_EQ(store->begin_read()->risk_profiles().find(person_id).mappa, MappaLevel::level_3);
  auto page = services::mappa_of(*store, clock_at, com, person_id);
  ASSERT_EQ(page.decisions.size(), 1u);
  EXPECT_EQ(page.decisions.front(), decision);
  EXPECT_EQ(page.staff_names.at(com.id), "Callum Reid");
  EXPECT_EQ(page.next_meeting, (MeetingDue{Date{2026y / December / 29}, MeetingDueReason::first_meeting}));
  EXPECT_EQ(journal_kinds(person_id), Strings{"mappa.decided"});
}

TEST_F(MappaStoreTest, BadInputAndOutsidersSaveNothing) {
  FieldInput no_category = level_3;
  no_category.erase("category");
  EXPECT_EQ(failed_fields([&] { services::record_mappa_decision(*store, clock_at, com, person_id, no_category); }),
            Strings{"category"});
  EXPECT_THROW(services::record_mappa_decision(*store, clock_at, pom_elsewhere, person_id, level_3), NotFound);
  auto partner = test_support::staff_member("partner", Role::partner, "", "LDS");
  EXPECT_THROW(services::record_mappa_decision(*store, clock_at, partner, person_id, level_3), Forbidden);
  EXPECT_THROW(services::record_sharing(*store, clock_at, partner, person_id, {}), Forbidden);
  EXPECT_EQ(failed_fields([&] {
              services::record_sharing(*store, clock_at, com, person_id,
                                       {{"kind", "disclosure"}, {"agency", "police"}, {"subject", "x"}, {"sent_on", "2026-12-07"}});
            }),
            (Strings{"lawful_basis", "approved_by"}));
  EXPECT_TRUE(services::mappa_of(*store, clock_at, com, person_id).decisions.empty());
  EXPECT_TRUE(services::sharing_of(*store, clock_at, com, person_id).records.empty());
  EXPECT_EQ(store->begin_read()->risk_profiles().find(person_id).mappa, MappaLevel::none);
  EXPECT_TRUE(journal_kinds(person_id).empty());
}

TEST_F(MappaStoreTest, MeetingsAndActionsKeepTheirVersions) {
  auto meeting = services::record_mappa_meeting(*store, clock_at, com, person_id,
                                                {{"kind", "review"}, {"meeting_on", "2026-12-04"},
                                                 {"attendee_1_agency", "police"}, {"attendee_1_name", "DC Rees"}});
  EXPECT_EQ(meeting.version, 1);
  EXPECT_THROW(services::mark_mappa_meeting_held(*store, clock_at, com, meeting.id, {}, 5), StaleVersion);
  auto held = services::mark_mappa_meeting_held(*store, clock_at, com, meeting.id, {{"notes", "Agreed"}}, 1);
  EXPECT_EQ(held.version, 2);
  auto found = services::find_mappa_meeting(*store, clock_at, com, meeting.id);
  EXPECT_EQ(found.meeting, held);
  EXPECT_EQ(found.recorded_by_name, "Callum Reid");
  EXPECT_THROW(services::mark_mappa_meeting_held(*store, clock_at, com, meeting.id, {}, 2), Conflict);

  auto action = services::add_mappa_action(*store, com, meeting.id,
                                           {{"description", "Check the address"}, {"owner_agency", "housing"}, {"due_on", "2026-12-01"}});
  EXPECT_TRUE(services::find_mappa_action(*store, clock_at, com, action.id).overdue);
  auto done = services::change_mappa_action(*store, com, action.id, {{"status", "done"}}, 1);
  EXPECT_EQ(done.version, 2);
  EXPECT_THROW(services::change_mappa_action(*store, com, action.id, {{"status", "open"}}, 1), StaleVersion);
  EXPECT_EQ(services::find_mappa_meeting(*store, clock_at, com, meeting.id).actions, std::vector<MappaAction>{done});
  EXPECT_EQ(journal_kinds(person_id),
            (Strings{"mappa.meeting_recorded", "mappa.meeting_held", "mappa.action_added", "mappa.action_changed"}));
  EXPECT_THROW(services::find_mappa_meeting(*store, clock_at, pom_elsewhere, meeting.id), NotFound);
  EXPECT_THROW(services::find_mappa_action(*store, clock_at, com, action.id + 100), NotFound);
}

TEST_F(MappaStoreTest, TheWorklistShowsWhatIsDueOrOverdueInTheUnitAPageAtATime) {
  EXPECT_TRUE(worklist_people(com).empty());
  services::record_mappa_decision(*store, clock_at, com, person_id, level_3);  // first meeting due 29 December
  auto request = services::record_sharing(*store, clock_at, com, other_id,
                                          {{"kind", "request_made"}, {"agency", "police"}, {"subject", "Address check"},
                                           {"lawful_basis", "crime_prevention"}, {"sent_on", "2026-11-20"},
                                           {"due_by", "2026-12-06"}});
  EXPECT_TRUE(services::find_sharing(*store, clock_at, com, request.id).overdue);
  EXPECT_EQ(worklist_people(com), (std::vector<std::int64_t>{person_id, other_id}));
  EXPECT_TRUE(worklist_people(pom_elsewhere).empty()) << "another unit's cases";
  EXPECT_EQ(worklist_people(com, {"HAI", "", {}}), std::vector<std::int64_t>{});

  auto first = services::mappa_worklist(*store, clock_at, com, {"", "LDS", {std::nullopt, 1}});
  ASSERT_EQ(first.items.size(), 1u);
  EXPECT_EQ(first.items[0].row.person.id, person_id);
  ASSERT_TRUE(first.items[0].meeting_due);
  EXPECT_FALSE(first.items[0].meeting_overdue);
  ASSERT_TRUE(first.next_cursor);
  auto second = services::mappa_worklist(*store, clock_at, com, {"", "LDS", {first.next_cursor, 1}});
  ASSERT_EQ(second.items.size(), 1u);
  EXPECT_EQ(second.items[0].row.person.id, other_id);
  EXPECT_EQ(second.items[0].row.requests_overdue, 1);
  EXPECT_FALSE(second.items[0].meeting_due);

  services::answer_sharing(*store, clock_at, com, request.id, {{"answer", "No concerns"}, {"answered_on", "2026-12-07"}}, 1);
  EXPECT_EQ(worklist_people(com), std::vector<std::int64_t>{person_id}) << "answered: no longer overdue";
  auto manager_request = services::WorklistRequest{"", "", {std::nullopt, 50}};
  EXPECT_EQ(worklist_people(manager, manager_request), std::vector<std::int64_t>{person_id});
}

// The candidates are read in one round however many are not shown: a page of one passes over a case
// whose meeting is far off, and its cursor leads on from the person it shows.
TEST_F(MappaStoreTest, APageSkipsCasesNotDueAndItsCursorLeadsOnFromItsLastPerson) {
  auto third = services::add_person(*store, clock_at, manager,
                                    {{"given_name", "Kit"}, {"family_name", "Jones"}, {"date_of_birth", "1991-05-17"},
                                     {"prison_number", "A1236BC"}, {"prison_code", "LEI"}, {"pdu_code", "LDS"}})
                   .id;
  services::record_mappa_decision(*store, clock_at, com, person_id,
                                  {{"category", "2"}, {"level", "2"}, {"decided_on", "2026-10-01"}, {"decided_by", "Panel"}});
  services::record_mappa_meeting(*store, clock_at, com, person_id,
                                 {{"kind", "first"}, {"meeting_on", "2026-12-01"}, {"held", "true"},
                                  {"attendee_1_agency", "police"}, {"attendee_1_name", "DC Rees"}});
  services::record_mappa_decision(*store, clock_at, com, other_id, level_3);
  services::record_mappa_decision(*store, clock_at, com, third, level_3);

  auto first = services::mappa_worklist(*store, clock_at, com, {"", "", {std::nullopt, 1}});
  ASSERT_EQ(first.items.size(), 1u);
  EXPECT_EQ(first.items[0].row.person.id, other_id) << "the far-off meeting's case is passed over";
  ASSERT_TRUE(first.next_cursor);
  auto second = services::mappa_worklist(*store, clock_at, com, {"", "", {first.next_cursor, 1}});
  ASSERT_EQ(second.items.size(), 1u);
  EXPECT_EQ(second.items[0].row.person.id, third);
  EXPECT_FALSE(second.next_cursor) << "nobody after the last";
  auto whole = services::mappa_worklist(*store, clock_at, com, {"", "", {std::nullopt, 2}});
  EXPECT_EQ(whole.items.size(), 2u);
  EXPECT_FALSE(whole.next_cursor);
  for (int limit : {0, 201})
    EXPECT_EQ(failed_fields([&] { services::mappa_worklist(*store, clock_at, com, {"", "", {std::nullopt, limit}}); }),
              Strings{"limit"});
}

// Case dates say who has anything MAPPA on record (migration 42): case dates written again from
// nothing, as a refresh does for a person it has not seen, take it from the MAPPA records.
TEST_F(MappaStoreTest, CaseDatesWorkedOutAfterTheDecisionStillPutTheCaseOnTheWorklist) {
  services::record_mappa_decision(*store, clock_at, com, person_id, level_3);
  ASSERT_EQ(worklist_people(com), std::vector<std::int64_t>{person_id});
  sqlite3* db = nullptr;
  sqlite3_open(database.path().c_str(), &db);
  ASSERT_EQ(sqlite3_exec(db, "DELETE FROM case_dates", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  EXPECT_TRUE(worklist_people(com).empty());
  services::refresh_all_case_dates(*store, Date{2026y / December / 7});
  EXPECT_EQ(worklist_people(com), std::vector<std::int64_t>{person_id});
}

TEST_F(MappaStoreTest, ALevel2CaseWithAMeetingFarOffIsNotOnTheWorklist) {
  services::record_mappa_decision(*store, clock_at, com, person_id,
                                  {{"category", "2"}, {"level", "2"}, {"decided_on", "2026-10-01"}, {"decided_by", "Panel"}});
  services::record_mappa_meeting(*store, clock_at, com, person_id,
                                 {{"kind", "first"}, {"meeting_on", "2026-12-01"}, {"held", "true"},
                                  {"attendee_1_agency", "police"}, {"attendee_1_name", "DC Rees"}});
  EXPECT_EQ(services::mappa_of(*store, clock_at, com, person_id).next_meeting,
            (MeetingDue{Date{2027y / March / 23}, MeetingDueReason::review}));
  EXPECT_TRUE(worklist_people(com).empty());
}

// attended_cases reads the index of accounts named at meetings (migration 47), which triggers keep in step
// with each meeting's attendees: on insert, when the attendees change, and never for those named in words.
TEST_F(MappaStoreTest, TheCasesAnAccountAttendsFollowEachMeetingsAttendees) {
  auto attended = [&](std::int64_t staff_id) { return store->begin_read()->mappa().attended_cases(staff_id); };
  MappaMeeting meeting;
  meeting.person_id = person_id;
  meeting.meeting_on = Date{2026y / December / 20};
  meeting.recorded_by = com.id;
  meeting.attendees = {{Agency::police, "DC Rees", 40}, {Agency::childrens_social_care, "Jo Carer", 41},
                       {Agency::probation, "Sam Officer", std::nullopt}};
  auto tx = store->begin_write();
  meeting.id = tx->mappa().insert_meeting(meeting);
  auto other = meeting;
  other.person_id = other_id;
  other.attendees = {{Agency::police, "DC Rees", 40}, {Agency::police, "DC Rees again", 40}};
  tx->mappa().insert_meeting(other);
  tx->commit();
  EXPECT_EQ(attended(40), (std::vector<std::int64_t>{person_id, other_id}));
  EXPECT_EQ(attended(41), std::vector<std::int64_t>{person_id});
  EXPECT_TRUE(attended(42).empty());

  meeting.attendees = {{Agency::childrens_social_care, "Jo Carer", 41}, {Agency::other, "Kim Moss", 42}};
  auto changing = store->begin_write();
  changing->mappa().update_meeting(meeting, 1);
  changing->commit();
  EXPECT_EQ(attended(40), std::vector<std::int64_t>{other_id}) << "no longer named at the first meeting";
  EXPECT_EQ(attended(41), std::vector<std::int64_t>{person_id});
  EXPECT_EQ(attended(42), std::vector<std::int64_t>{person_id});
}
