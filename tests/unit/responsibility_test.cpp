// Case dates kept up to date in the store, the risk profile, and the worklists built from them.
#include "services/responsibility/responsibility.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <functional>

#include "domain/errors.hpp"
#include "services/allocation/allocations.hpp"
#include "services/people/case_records.hpp"
#include "services/worklist_page.hpp"
#include "test_store.hpp"

using namespace resettle;
using namespace std::chrono;

namespace {

const services::FixedClock clock_at{sys_days{2026y / March / 15} + 10h};
Date day(const char* text) { return parse_iso_date(text).value(); }

class ResponsibilityTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store->migrate();
    auto tx = store->begin_write();
    test_support::add_yorkshire(*tx);
    manager.id = tx->staff().insert(manager, "not-a-real-hash");
    com.id = tx->staff().insert(com, "not-a-real-hash");
    hatfield_pom.id = tx->staff().insert(hatfield_pom, "not-a-real-hash");
    partner.id = tx->staff().insert(partner, "not-a-real-hash");
    admin.id = tx->staff().insert(admin, "not-a-real-hash");
    tx->commit();
  }

  // A person at Leeds with a two-year sentence starting on `start`: release at the halfway point.
  std::int64_t sentenced(const char* prison_number, const char* start, const char* prison = "LEI",
                         const char* pdu = "LDS") {
    auto id = services::add_person(*store, clock_at, manager,
                                   {{"given_name", "Sam"}, {"family_name", prison_number}, {"date_of_birth", "1990-05-17"},
                                    {"prison_number", prison_number}, {"prison_code", prison}, {"pdu_code", pdu}})
                  .id;
    services::record_sentence(*store, clock_at, manager, id,
                              {{"sentence_type", "determinate"}, {"sentence_start_date", start},
                               {"sentence_length_days", "730"}});
    return id;
  }

  // Moves a case as an acknowledged transfer does (changing details cannot): new units, dates worked out again.
  void move_case(std::int64_t id, std::optional<std::string> prison, std::optional<std::string> pdu) {
    auto tx = store->begin_write();
    auto person = tx->people().find(id).value();
    if (prison) person.prison_code = *prison;
    if (pdu) person.pdu_code = *pdu;
    tx->people().update(person, person.version);
    services::refresh_case_dates(*tx, id, clock_at.today());
    tx->commit();
  }

  std::vector<std::int64_t> ids(const store::Page<store::WorklistEntry>& page) {
    std::vector<std::int64_t> found;
    for (const auto& entry : page.items) found.push_back(entry.person.id);
    return found;
  }

  test_support::TempDatabase database;
  std::unique_ptr<store::Store> store = store::open_sqlite_store({database.path(), 4});
  StaffMember manager{0, "manager", "Morgan Ellis", Role::manager, "LEI", "LDS", "", "", true};
  StaffMember com{0, "com", "Callum Reid", Role::com, "", "LDS", "", "", true};
  StaffMember hatfield_pom{0, "hpom", "Hana Price", Role::pom, "HAI", "", "", "", true};
  StaffMember partner{0, "partner", "Pat Byrne", Role::partner, "", "", "Leeds Housing", "", true};
  StaffMember admin{0, "admin", "Ada Stone", Role::admin, "", "", "", "", true};
};

TEST_F(ResponsibilityTest, RecordingASentenceWorksOutAndStoresTheCaseDates) {
  auto id = sentenced("A1111AA", "2026-01-10");
  auto dates = store->begin_read()->case_dates().find(id);
  ASSERT_TRUE(dates);
  EXPECT_EQ(dates->release_date, day("2027-01-09"));
  EXPECT_EQ(dates->handover_date, day("2026-04-25"));
  EXPECT_EQ(dates->responsibility, Responsibility::pom);
  EXPECT_EQ(dates->worked_out_on, day("2026-03-15"));
}

TEST_F(ResponsibilityTest, HandoversDueFollowTheNumberOfWeeks) {
  auto soon = sentenced("A1111AA", "2026-01-10");   // handover 2026-04-25: in 6 weeks
  auto later = sentenced("A2222BB", "2026-06-01");  // handover months away
  EXPECT_EQ(ids(services::handovers_due(*store, manager, clock_at.today(), 6, {})), std::vector<std::int64_t>{soon});
  EXPECT_TRUE(services::handovers_due(*store, manager, clock_at.today(), 5, {}).items.empty());
  auto all = ids(services::handovers_due(*store, manager, clock_at.today(), 52, {}));
  EXPECT_EQ(all, (std::vector<std::int64_t>{soon, later}));  // soonest first
}

TEST_F(ResponsibilityTest, ReleasesInTheNextTwelveWeeks) {
  auto releasing = sentenced("A1111AA", "2025-05-20");  // release 2026-05-19
  sentenced("A2222BB", "2026-01-10");                   // release 2027-01-09
  EXPECT_EQ(ids(services::releases_due(*store, manager, clock_at.today(), {})),
            std::vector<std::int64_t>{releasing});
}

TEST_F(ResponsibilityTest, AWorklistPageDatesReleasesByTheDayTheyHappenWithAlertsAndPlaceNames) {
  const BankHolidays holidays{{}, day("2026-01-01"), day("2026-12-31")};
  auto releasing = sentenced("A1111AA", "2025-05-24");  // release due Saturday 2026-05-23
  auto page = services::dated_worklist_page(*store, clock_at, holidays, manager, services::DatedWorklist::releases_due, 0, {});
  ASSERT_EQ(page.rows.items.size(), 1u);
  EXPECT_EQ(page.rows.items[0].person.id, releasing);
  EXPECT_EQ(store->begin_read()->case_dates().find(releasing)->release_date, day("2026-05-23"));
  EXPECT_EQ(page.rows.items[0].date, day("2026-05-22"));  // released on the Friday before
  EXPECT_EQ(page.alerts.size(), 1u);
  EXPECT_EQ(page.places.at("LEI"), "HMP Leeds");
  EXPECT_EQ(page.places.at("LDS"), "Leeds");
  auto handing_over = sentenced("A2222BB", "2026-01-10");  // handover 2026-04-25, a Saturday: no other list is redated
  auto handovers = services::dated_worklist_page(*store, clock_at, holidays, manager, services::DatedWorklist::handovers_due, 52, {});
  ASSERT_EQ(handovers.rows.items.size(), 1u);
  EXPECT_EQ(handovers.rows.items[0].person.id, handing_over);
  EXPECT_EQ(handovers.rows.items[0].date, day("2026-04-25"));
}

TEST_F(ResponsibilityTest, AWorklistsPageHoldsTheChosenListPlacesAndTheTransfersAwaiting) {
  const BankHolidays holidays{{}, day("2026-01-01"), day("2026-12-31")};
  services::WorklistMemos memos;
  sentenced("A1111AA", "2025-05-24");
  auto releases = services::worklists_page(*store, memos, clock_at, holidays, manager, services::WorklistTab::releases, 0, {});
  ASSERT_TRUE(releases.dated);
  EXPECT_FALSE(releases.overdue);
  EXPECT_FALSE(releases.licences);
  EXPECT_EQ(releases.dated->rows.items.size(), 1u);
  EXPECT_EQ(releases.places.at("LEI"), "HMP Leeds");
  EXPECT_EQ(releases.transfers_awaiting, 0);
  auto licences = services::worklists_page(*store, memos, clock_at, holidays, manager, services::WorklistTab::licences, 0, {});
  ASSERT_TRUE(licences.licences);
  EXPECT_FALSE(licences.dated);
  EXPECT_EQ(licences.places.at("LDS"), "Leeds");
  auto overdue = services::worklists_page(*store, memos, clock_at, holidays, manager, services::WorklistTab::overdue_handovers, 0, {});
  EXPECT_TRUE(overdue.overdue);
}

// A worklists page kept by the server is read again as soon as a write moves a counter of the caller's
// units, never shared between viewers, and audited at every view; an administrator's (everyone) and
// the tabs not kept are read at every view.
TEST_F(ResponsibilityTest, AKeptWorklistsPageIsReadAgainOnceAWriteChangesItsUnits) {
  const BankHolidays holidays{{}, day("2026-01-01"), day("2026-12-31")};
  services::WorklistMemos memos;
  auto page = [&](const StaffMember& viewer, services::WorklistTab tab = services::WorklistTab::handovers) {
    return services::kept_worklists_page(*store, memos, clock_at, holidays, viewer, tab, 52, {}).list.data;
  };
  auto list_reads = [&] {
    sqlite3* db = nullptr;
    sqlite3_open(database.path().c_str(), &db);
    sqlite3_stmt* statement = nullptr;
    sqlite3_prepare_v2(db, "SELECT count(*) FROM access_log WHERE what = 'worklist'", -1, &statement, nullptr);
    sqlite3_step(statement);
    int reads = sqlite3_column_int(statement, 0);
    sqlite3_finalize(statement);
    sqlite3_close(db);
    return reads;
  };
  sentenced("A1111AA", "2026-01-10");
  auto first = page(manager);
  ASSERT_EQ(first->dated->rows.items.size(), 1u);
  int before = list_reads();
  EXPECT_EQ(page(manager), first);
  EXPECT_EQ(list_reads(), before + 1);
  EXPECT_NE(page(com), first);
  services::add_person(*store, clock_at, admin,  // in none of the manager's units
                       {{"given_name", "Jo"}, {"family_name", "Hale"}, {"date_of_birth", "1990-05-17"},
                        {"prison_number", "A3333CC"}, {"prison_code", "HAI"}, {"pdu_code", "BRD"}});
  EXPECT_EQ(page(manager), first);
  sentenced("A2222BB", "2026-06-01");
  auto second = page(manager);
  EXPECT_NE(second, first);
  EXPECT_EQ(second->dated->rows.items.size(), 2u);
  EXPECT_NE(page(admin), page(admin));
  EXPECT_NE(page(manager, services::WorklistTab::overdue_handovers), page(manager, services::WorklistTab::overdue_handovers));
  EXPECT_THROW(page(partner), Forbidden);
}

TEST_F(ResponsibilityTest, CasesPastTheirComStartWithoutAComAreListedUntilOneIsAllocated) {
  auto overdue = sentenced("A1111AA", "2025-05-20");  // COM due from 2025-09-05
  EXPECT_EQ(ids(services::without_com(*store, manager, clock_at.today(), {})), std::vector<std::int64_t>{overdue});
  services::allocate(*store, manager, overdue, com.id, Role::com, clock_at.today(), "Handover");
  EXPECT_TRUE(services::without_com(*store, manager, clock_at.today(), {}).items.empty());
}

TEST_F(ResponsibilityTest, WorklistsShowOnlyWhatTheStaffMemberMaySeeAndCanBeNarrowed) {
  auto leeds = sentenced("A1111AA", "2026-01-10");
  auto hatfield = sentenced("A2222BB", "2026-01-12", "HAI");
  auto today = clock_at.today();
  EXPECT_EQ(ids(services::handovers_due(*store, hatfield_pom, today, 8, {})), std::vector<std::int64_t>{hatfield});
  EXPECT_EQ(ids(services::handovers_due(*store, manager, today, 8, {"LEI", ""})), std::vector<std::int64_t>{leeds});
  EXPECT_EQ(ids(services::handovers_due(*store, com, today, 8, {"", "LDS"})), (std::vector<std::int64_t>{leeds, hatfield}));
  EXPECT_THROW(services::handovers_due(*store, partner, today, 8, {}), Forbidden);
}

TEST_F(ResponsibilityTest, ARiskProfileChangeIsJournalledAndMovesTheHandover) {
  auto id = sentenced("A1111AA", "2026-01-10");
  auto profile = services::update_risk_profile(*store, clock_at, manager, id, {{"early_allocation", "true"}}, 0);
  EXPECT_EQ(profile.version, 1);
  EXPECT_EQ(store->begin_read()->case_dates().find(id)->handover_date, day("2025-10-09"));
  auto timeline = store->begin_read()->journal().for_person(id, {std::nullopt, 10});
  EXPECT_EQ(timeline.items.front().kind, "risk_profile.updated");

  EXPECT_THROW(services::update_risk_profile(*store, clock_at, manager, id, {{"tier", "A"}}, 0), StaleVersion);
  EXPECT_THROW(services::update_risk_profile(*store, clock_at, manager, id, {{"tier", "E"}}, 1), ValidationFailed);
  EXPECT_THROW(services::update_risk_profile(*store, clock_at, hatfield_pom, id, {{"tier", "A"}}, 1), NotFound);
  EXPECT_EQ(store->begin_read()->risk_profiles().find(id).version, 1);

  auto second = services::update_risk_profile(*store, clock_at, manager, id, {{"tier", "A"}}, 1);
  EXPECT_EQ(second.version, 2);
  EXPECT_EQ(store->begin_read()->risk_profiles().find(id).tier, Tier::a);
  EXPECT_TRUE(store->begin_read()->risk_profiles().find(id).early_allocation);  // fields not sent are kept
}

TEST_F(ResponsibilityTest, RefreshingEveryCaseFollowsTheRulesOnTheNewDay) {
  auto id = sentenced("A1111AA", "2026-01-10");
  EXPECT_EQ(services::refresh_all_case_dates(*store, day("2026-06-01")), 1);
  EXPECT_EQ(store->begin_read()->case_dates().find(id)->worked_out_on, day("2026-06-01"));
  EXPECT_EQ(store->begin_read()->case_dates().find(id)->responsibility, Responsibility::com);
}

}  // namespace

TEST_F(ResponsibilityTest, AStaffMembersOwnCasesOutsideTheirUnitAreListedWhenInTheDateRange) {
  auto soon = sentenced("A1111AA", "2026-01-10");   // Leeds, handover 2026-04-25
  auto later = sentenced("A2222BB", "2026-06-01");  // Leeds, handover months away
  auto own = sentenced("A3333CC", "2026-01-12", "HAI");
  for (auto id : {soon, later}) services::allocate(*store, manager, id, hatfield_pom.id, Role::pom, clock_at.today(), "Continuity");
  auto today = clock_at.today();
  EXPECT_EQ(ids(services::handovers_due(*store, hatfield_pom, today, 8, {})), (std::vector<std::int64_t>{soon, own}));
  EXPECT_EQ(ids(services::handovers_due(*store, hatfield_pom, today, 52, {})), (std::vector<std::int64_t>{soon, own, later}));
}

TEST_F(ResponsibilityTest, WorklistsComeAPageAtATimeInDateOrderWithoutRepeats) {
  // Added latest date first, so that date order is not id order.
  std::vector<std::int64_t> added;
  for (const char* start : {"2026-01-14", "2026-01-12", "2026-01-10", "2026-01-11", "2026-01-10"}) {
    added.push_back(sentenced(("A" + std::to_string(1000 + added.size()) + "AA").c_str(), start));
  }
  // Two people share a handover date: the id breaks the tie.
  std::vector<std::int64_t> expected{added[2], added[4], added[3], added[1], added[0]};
  // A unit's list (the manager's) and the whole country's (the administrator's) are ordered differently.
  for (const auto* viewer : {&manager, &admin}) {
    services::WorklistRequest asked{"", "", {std::nullopt, 2}};
    std::vector<std::int64_t> seen;
    int pages = 0;
    do {
      auto page = services::handovers_due(*store, *viewer, clock_at.today(), 8, asked);
      ASSERT_LE(page.items.size(), 2u);
      for (auto id : ids(page)) seen.push_back(id);
      asked.page.cursor = page.next_cursor;
      ++pages;
    } while (asked.page.cursor && pages < 10);
    EXPECT_EQ(seen, expected) << viewer->username;
    EXPECT_EQ(pages, 3) << viewer->username;
  }
}

// A page reads rows, not whole entries: the same people, places, dates, leads and pages, for each list,
// for a unit (sorted after reading) and for the whole country (sorted by SQLite).
TEST_F(ResponsibilityTest, AWorklistsRowsAreItsEntriesAsThePageShowsThem) {
  int number = 1000;
  for (const char* start : {"2025-05-20", "2025-06-02", "2026-01-12", "2026-01-10", "2025-05-28"}) {
    sentenced(("A" + std::to_string(++number) + "AA").c_str(), start);
  }
  services::allocate(*store, manager, sentenced("A2000AA", "2025-05-25", "HAI"), com.id, Role::com, clock_at.today(),
                     "Handover");
  auto today = clock_at.today();
  using Entries = store::Page<store::WorklistEntry>;
  using Rows = store::Page<store::WorklistRow>;
  struct List {
    const char* name;
    std::function<Entries(const StaffMember&, const services::WorklistRequest&)> entries;
    std::function<Rows(const StaffMember&, const services::WorklistRequest&)> rows;
    std::optional<Date> CaseDates::*date;
  };
  const List lists[] = {
      {"handovers", [&](auto& viewer, auto& asked) { return services::handovers_due(*store, viewer, today, 52, asked); },
       [&](auto& viewer, auto& asked) { return services::worklist_rows(*store, viewer, services::DatedWorklist::handovers_due, today, 52, asked); },
       &CaseDates::handover_date},
      {"releases", [&](auto& viewer, auto& asked) { return services::releases_due(*store, viewer, today, asked); },
       [&](auto& viewer, auto& asked) { return services::worklist_rows(*store, viewer, services::DatedWorklist::releases_due, today, 0, asked); },
       &CaseDates::release_date},
      {"without a COM", [&](auto& viewer, auto& asked) { return services::without_com(*store, viewer, today, asked); },
       [&](auto& viewer, auto& asked) { return services::worklist_rows(*store, viewer, services::DatedWorklist::without_com, today, 0, asked); },
       &CaseDates::com_allocated_date},
  };
  for (const auto& list : lists) {
    for (const auto* viewer : {&manager, &admin}) {
      services::WorklistRequest asked{"", "", {std::nullopt, 2}};
      int rows_seen = 0;
      for (int pages = 0; pages < 10; ++pages) {
        auto entries = list.entries(*viewer, asked);
        auto rows = list.rows(*viewer, asked);
        ASSERT_EQ(rows.items.size(), entries.items.size()) << list.name;
        for (std::size_t i = 0; i < rows.items.size(); ++i) {
          const auto& row = rows.items[i];
          const auto& entry = entries.items[i];
          EXPECT_EQ(row.person.id, entry.person.id) << list.name;
          EXPECT_EQ(row.person.full_name(), entry.person.full_name()) << list.name;
          EXPECT_EQ(row.person.prison_number, entry.person.prison_number) << list.name;
          EXPECT_EQ(row.person.has_plan_or_checklist, entry.person.has_plan_or_checklist) << list.name;
          EXPECT_EQ(row.prison_code, entry.prison_code) << list.name;
          EXPECT_EQ(row.pdu_code, entry.pdu_code) << list.name;
          EXPECT_EQ(row.date, entry.dates.*list.date) << list.name;
          EXPECT_EQ(row.responsibility, entry.dates.responsibility) << list.name;
        }
        EXPECT_EQ(rows.next_cursor, entries.next_cursor) << list.name;
        rows_seen += static_cast<int>(rows.items.size());
        asked.page.cursor = rows.next_cursor;
        if (!asked.page.cursor) break;
      }
      EXPECT_GT(rows_seen, 0) << list.name << " for " << viewer->username;
    }
  }
}

TEST_F(ResponsibilityTest, AWorklistCursorThatWasNotGivenOutIsAFieldError) {
  for (const char* cursor : {"12", "2026-13-01.4", "2026-04-25.", "2026-04-25.x", "2026-04-25.-3"}) {
    services::WorklistRequest asked{"", "", {std::string{cursor}, 50}};
    try {
      services::handovers_due(*store, manager, clock_at.today(), 8, asked);
      ADD_FAILURE() << cursor << " was accepted";
    } catch (const ValidationFailed& failed) {
      ASSERT_EQ(failed.errors().size(), 1u);
      EXPECT_EQ(failed.errors()[0].field, "cursor") << cursor;
    }
  }
}

TEST_F(ResponsibilityTest, APersonWhoMovesPrisonMovesWorklistToo) {
  auto moving = sentenced("A1111AA", "2026-01-10");
  EXPECT_EQ(ids(services::handovers_due(*store, hatfield_pom, clock_at.today(), 8, {})), std::vector<std::int64_t>{});
  move_case(moving, "HAI", std::nullopt);
  EXPECT_EQ(ids(services::handovers_due(*store, hatfield_pom, clock_at.today(), 8, {})), std::vector<std::int64_t>{moving});
  EXPECT_EQ(ids(services::handovers_due(*store, manager, clock_at.today(), 8, {"LEI", ""})), std::vector<std::int64_t>{});
}

TEST_F(ResponsibilityTest, ACaseWhoseComAllocationEndsIsBackOnTheNoComList) {
  auto person = sentenced("A1111AA", "2025-05-20");  // COM due from 2025-09-05
  services::allocate(*store, manager, person, com.id, Role::com, clock_at.today(), "Handover");
  EXPECT_TRUE(services::without_com(*store, manager, clock_at.today(), {}).items.empty());
  {
    auto tx = store->begin_write();
    auto current = tx->allocations().current_for_person(person);
    ASSERT_EQ(current.size(), 1u);
    tx->allocations().end(current[0].id, clock_at.today());
    tx->commit();
  }
  EXPECT_EQ(ids(services::without_com(*store, manager, clock_at.today(), {})), std::vector<std::int64_t>{person});
}

TEST_F(ResponsibilityTest, AStaffMembersOwnCasesInAnyOtherPduOrNoneAreListedOnce) {
  auto both = test_support::staff_member("both", Role::com, "LEI", "LDS");  // a unit of a prison and a PDU
  {
    auto tx = store->begin_write();
    tx->places().insert_pdu({"WKF", "Wakefield", "YH"});  // a code after LDS, as BRD is one before it
    both.id = tx->staff().insert(both, "not-a-real-hash");
    tx->commit();
  }
  auto today = clock_at.today();
  // Each is sentenced and allocated in Leeds PDU, where the manager sees them, and then moves PDU.
  auto case_moving_to = [&](const char* prison_number, const char* start, const char* prison, const char* pdu,
                            std::vector<std::int64_t> staff) {
    auto id = sentenced(prison_number, start, prison);
    for (auto staff_id : staff) services::allocate(*store, manager, id, staff_id, Role::com, today, "Continuity");
    move_case(id, std::nullopt, pdu);
    return id;
  };
  auto in_unit = case_moving_to("A1111AA", "2026-01-10", "LEI", "LDS", {com.id});  // handovers a day apart
  auto before = case_moving_to("A2222BB", "2026-01-11", "HAI", "BRD", {com.id});
  auto after = case_moving_to("A3333CC", "2026-01-12", "HAI", "WKF", {com.id});
  auto without_pdu = case_moving_to("A4444DD", "2026-01-13", "HAI", "", {com.id});
  auto in_prison = case_moving_to("A5555EE", "2026-01-14", "LEI", "WKF", {both.id});
  case_moving_to("A6666FF", "2026-01-15", "HAI", "WKF", {});  // nobody's here
  auto theirs = case_moving_to("A7777GG", "2026-01-16", "HAI", "BRD", {both.id});
  EXPECT_EQ(ids(services::handovers_due(*store, com, today, 8, {})),
            (std::vector<std::int64_t>{in_unit, before, after, without_pdu}));
  // Their own case in the prison but another PDU comes once, from the prison.
  EXPECT_EQ(ids(services::handovers_due(*store, both, today, 8, {})), (std::vector<std::int64_t>{in_unit, in_prison, theirs}));
}
