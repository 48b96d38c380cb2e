// The store test suite, run against each backend: SQLite on a throwaway file, PostgreSQL on a
// throwaway database of RESETTLE_TEST_POSTGRES's server (skipped, saying why, when it is not set).
// Each repository written once in store/shared/ is tested here; the rest stay in sqlite_store_test.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <future>
#include <memory>
#include <ostream>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "store/digest.hpp"
#include "store/operations.hpp"
#include "store/iom_repositories.hpp"
#include "store/quality_sample_repositories.hpp"
#include "domain/referrals/hsds.hpp"
#include "source_tree.hpp"
#include "store/postgresql/bulk_load.hpp"
#include "store/postgresql/database.hpp"
#include "store/postgresql/postgresql_store.hpp"
#include "store/shared/message_repositories.hpp"
#include "store/sqlite/database.hpp"
#include "store/sqlite/migrations.hpp"
#include "store/store.hpp"
#include "both_backends.hpp"
#include "test_postgresql.hpp"
#include "test_store.hpp"

using namespace resettle;
using namespace std::chrono_literals;

namespace {

using test_support::failed_fields;
using Fields = std::vector<std::string>;

using test_support::person_named;
using test_support::prison_number_for;

using test_support::Backend;
using test_support::backend_name;

class StoreTest : public test_support::BothBackendsTest {
 protected:
  std::int64_t add(const Person& person) { return test_support::add_person(*store, person); }
  std::int64_t add_staff(std::string username, Role role, bool active = true) {
    return test_support::add_staff(*store, std::move(username), role, active);
  }
  std::int64_t allocate(std::int64_t person_id, std::int64_t staff_id, std::optional<Date> ended = std::nullopt) {
    return test_support::allocate(*store, person_id, staff_id, ended);
  }
  std::vector<std::int64_t> caseload_ids(std::int64_t staff_id, std::string search = "") {
    return test_support::caseload_ids(*store, staff_id, std::move(search));
  }
  std::set<std::int64_t> ids_of(const store::PersonFilter& filter) { return test_support::ids_listed(*store, filter); }

  // Case dates with a handover (and nothing else) on `day`.
  void save_handover_date(std::int64_t person_id, Date day) {
    auto tx = store->begin_write();
    CaseDates dates;
    dates.person_id = person_id;
    dates.handover_date = day;
    dates.worked_out_on = day;
    tx->case_dates().save(dates);
    tx->commit();
  }



  // Another store on the same database, as another server process would have.
  std::unique_ptr<store::Store> another_store(int connections) {
    if (GetParam() == Backend::sqlite) return store::open_sqlite_store({file.path(), connections});
    return store::open_postgresql_store({database->uri(), connections});
  }

  std::vector<std::string> prison_names() {
    std::vector<std::string> names;
    for (const auto& prison : store->begin_read()->places().prisons()) names.push_back(prison.name);
    return names;
  }
};

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest, ::testing::Values(Backend::sqlite, Backend::postgresql), backend_name);

TEST_P(StoreTest, MigrateReachesTheLastMigrationAndAgainChangesNothing) {
  int last = store::sqlite::migrations().back().version;
  EXPECT_EQ(store->schema_version(), last);
  EXPECT_EQ(store->migrate(), last);
  EXPECT_EQ(store->schema_version(), last);
}

TEST_P(StoreTest, PlacesAreFoundByCodeAndListedByNameByteByByte) {
  auto tx = store->begin_write();
  tx->places().insert_prison({"HUL", "HMP hull", "YH"});
  tx->places().insert_prison({"AAA", "HMP Zed", "YH"});
  tx->commit();
  // Byte order puts capitals before small letters, whatever the database's collation would say.
  EXPECT_EQ(prison_names(), (std::vector<std::string>{"HMP Hatfield", "HMP Leeds", "HMP Zed", "HMP hull"}));
  auto read = store->begin_read();
  auto leeds = read->places().find_prison("LEI");
  ASSERT_TRUE(leeds);
  EXPECT_EQ(leeds->name, "HMP Leeds");
  EXPECT_EQ(leeds->region_code, "YH");
  auto bradford = read->places().find_pdu("BRD");
  ASSERT_TRUE(bradford);
  EXPECT_EQ(bradford->name, "Bradford");
  ASSERT_EQ(read->places().pdus().size(), 2u);
  EXPECT_EQ(read->places().pdus()[0].code, "BRD");
  EXPECT_FALSE(read->places().find_prison("LDS"));  // a PDU's code is no prison's
  EXPECT_FALSE(read->places().find_pdu("NOPE"));
}

TEST_P(StoreTest, APrisonOrPduMustBeInAKnownRegion) {
  auto tx = store->begin_write();
  EXPECT_THROW(tx->places().insert_prison({"XXX", "HMP Nowhere", "ZZ"}), std::exception);
  tx.reset();
  tx = store->begin_write();
  EXPECT_THROW(tx->places().insert_pdu({"XXX", "Nowhere", "ZZ"}), std::exception);
}

TEST_P(StoreTest, ATeamBelongsToExactlyOnePrisonOrPdu) {
  auto tx = store->begin_write();
  tx->places().insert_team({"LEI-OMU", "Leeds offender management unit", "LEI", ""});
  tx->places().insert_team({"LDS-N", "Leeds north", "", "LDS"});
  tx->commit();
  auto read = store->begin_read();
  auto omu = read->places().find_team("LEI-OMU");
  ASSERT_TRUE(omu);
  EXPECT_EQ(omu->prison_code, "LEI");
  EXPECT_EQ(omu->pdu_code, "");
  auto teams = read->places().teams();
  ASSERT_EQ(teams.size(), 2u);
  EXPECT_EQ(teams[0].name, "Leeds north");
  EXPECT_EQ(teams[0].pdu_code, "LDS");
  EXPECT_FALSE(read->places().find_team("NOPE"));
  read.reset();
  for (const auto& team : {Team{"BOTH", "Both", "LEI", "LDS"}, Team{"NONE", "Neither", "", ""}}) {
    auto write = store->begin_write();
    EXPECT_THROW(write->places().insert_team(team), std::exception) << team.code;
  }
}

TEST_P(StoreTest, ATransactionDestroyedWithoutCommitWritesNothing) {
  {
    auto tx = store->begin_write();
    tx->places().insert_prison({"HUL", "HMP Hull", "YH"});
    ASSERT_TRUE(tx->places().find_prison("HUL"));  // the transaction sees its own write
  }
  EXPECT_FALSE(store->begin_read()->places().find_prison("HUL"));
  EXPECT_EQ(prison_names().size(), 2u);
}

TEST_P(StoreTest, AReadKeepsItsSnapshotWhileAWriteCommitsBesideIt) {
  auto read = store->begin_read();
  EXPECT_EQ(read->places().prisons().size(), 2u);
  auto write = store->begin_write();
  write->places().insert_prison({"HUL", "HMP Hull", "YH"});
  write->commit();
  EXPECT_EQ(read->places().prisons().size(), 2u);
  EXPECT_FALSE(read->places().find_prison("HUL"));
  EXPECT_TRUE(store->begin_read()->places().find_prison("HUL"));
}

TEST_P(StoreTest, ASecondWriteOnTheSameThreadIsRefusedRatherThanWaitingForever) {
  auto write = store->begin_write();
  EXPECT_THROW(store->begin_write(), std::logic_error);
  write->commit();
  EXPECT_NO_THROW(store->begin_write());  // the turn ends with the commit
}

TEST_P(StoreTest, WritersOnMoreThreadsThanConnectionsAllCommitReadingAsTheyWrite) {
  std::atomic<int> failures{0};
  std::vector<std::thread> writers;
  for (int thread = 0; thread < 6; ++thread)  // the store has 4 connections
    writers.emplace_back([&, thread] {
      try {
        for (int i = 0; i < 5; ++i) {
          auto code = "P" + std::to_string(thread) + std::to_string(i);
          auto tx = store->begin_write();
          tx->places().insert_prison({code, "HMP " + code, "YH"});
          store->begin_read()->places().prisons();  // a second connection, while holding the turn to write
          tx->commit();
        }
      } catch (const std::exception&) {
        ++failures;
      }
    });
  for (auto& writer : writers) writer.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(prison_names().size(), 2u + 6u * 5u);
}

TEST_P(StoreTest, AnAuditWriteCommitsLikeAnyOther) {
  auto tx = store->begin_audit_write();
  tx->places().insert_prison({"HUL", "HMP Hull", "YH"});
  tx->commit();
  EXPECT_TRUE(store->begin_read()->places().find_prison("HUL"));
}

// Shared reads. Another store on the same database stands in for other requests and processes: its
// writes are not this thread's, so they must not end this thread's snapshot.
TEST_P(StoreTest, ReadsUnderSharedReadsSeeOneSnapshot) {
  auto others = another_store(1);
  auto insert_elsewhere = [&](const Person& person) {
    auto tx = others->begin_write();
    auto id = tx->people().insert(person);
    tx->commit();
    return id;
  };
  auto before = insert_elsewhere(person_named("Ann", "Lee", "A1111AA", ""));
  auto shared = store->share_reads();
  EXPECT_TRUE(store->begin_read()->people().find(before));
  auto meanwhile = insert_elsewhere(person_named("Bea", "Lee", "A2222AA", ""));
  EXPECT_FALSE(store->begin_read()->people().find(meanwhile)) << "the second read began a snapshot of its own";
  shared.reset();
  EXPECT_TRUE(store->begin_read()->people().find(meanwhile));
}

TEST_P(StoreTest, NestedSharedReadsEachKeepTheirOwnSnapshot) {
  auto others = another_store(1);
  auto outer = store->share_reads();
  EXPECT_FALSE(store->begin_read()->places().find_prison("HUL"));
  auto tx = others->begin_write();
  tx->places().insert_prison({"HUL", "HMP Hull", "YH"});
  tx->commit();
  {
    auto inner = store->share_reads();
    EXPECT_TRUE(store->begin_read()->places().find_prison("HUL")) << "the inner hold began a snapshot of its own";
  }
  EXPECT_FALSE(store->begin_read()->places().find_prison("HUL")) << "the outer snapshot is used again";
}

TEST_P(StoreTest, AWriteOnTheThreadEndsItsSharedSnapshot) {
  auto shared = store->share_reads();
  EXPECT_FALSE(store->begin_read()->people().find(1));
  auto id = add(person_named("Ann", "Lee", "A1111AA", ""));
  EXPECT_TRUE(store->begin_read()->people().find(id));
}

TEST_P(StoreTest, AReadBegunAfterAWriteSeesItWhileAnEarlierReadKeepsItsSnapshot) {
  auto shared = store->share_reads();
  auto earlier = store->begin_read();
  EXPECT_FALSE(earlier->people().find(1));
  auto id = add(person_named("Ann", "Lee", "A1111AA", ""));
  EXPECT_TRUE(store->begin_read()->people().find(id));
  EXPECT_FALSE(earlier->people().find(id));
  earlier.reset();
  EXPECT_TRUE(store->begin_read()->people().find(id));
}

TEST_P(StoreTest, AReadMayOutliveTheSharedReadsItBorrowedFrom) {
  auto shared = store->share_reads();
  auto read = store->begin_read();
  shared.reset();
  EXPECT_FALSE(read->people().find(1));
  read.reset();
  EXPECT_TRUE(add(person_named("Ann", "Lee", "A1111AA", "")) > 0);
}

TEST_P(StoreTest, RequestsSharingReadsOnMoreThreadsThanConnectionsAllFinish) {
  // Like the server: each "request" holds shared reads, reads, writes, then reads its own write.
  auto small_pool = another_store(2);
  constexpr int threads = 6, requests_each = 10;
  std::vector<std::future<void>> work;
  for (int thread = 0; thread < threads; ++thread) {
    work.push_back(std::async(std::launch::async, [&small_pool, thread] {
      for (int i = 0; i < requests_each; ++i) {
        auto shared = small_pool->share_reads();
        small_pool->begin_read()->people().list({}, {std::nullopt, 10});
        auto tx = small_pool->begin_write();
        auto id = tx->people().insert(person_named("Req", std::to_string(thread), prison_number_for(thread * 100 + i), ""));
        tx->commit();
        tx.reset();
        if (!small_pool->begin_read()->people().find(id)) throw std::runtime_error("a request missed its own write");
      }
    }));
  }
  for (auto& request : work) {
    ASSERT_EQ(request.wait_for(60s), std::future_status::ready) << "requests waited for each other's connections";
    EXPECT_NO_THROW(request.get());
  }
  EXPECT_EQ(raw_text("SELECT count(*) FROM person"), std::to_string(threads * requests_each));
}

TEST_P(StoreTest, ASnapshotUsesOneConnectionAndGivesItBackBeforeTheThreadWrites) {
  // With a pool of one, a second connection for the second read or for the write would never come.
  auto one_connection = another_store(1);
  auto shared = one_connection->share_reads();
  auto first = one_connection->begin_read();
  auto second = one_connection->begin_read();
  EXPECT_FALSE(second->places().find_prison("HUL"));
  first.reset();
  second.reset();
  auto tx = one_connection->begin_write();
  tx->places().insert_prison({"HUL", "HMP Hull", "YH"});
  tx->commit();
  tx.reset();
  EXPECT_TRUE(one_connection->begin_read()->places().find_prison("HUL"));
}

TEST_P(StoreTest, AReadThatFailsLeavesTheSharedReadsAfterItWorking) {
  // PostgreSQL refuses every statement after a failed one until the transaction ends; SQLite goes on.
  if (GetParam() != Backend::postgresql) GTEST_SKIP() << "SQLite's reads may write";
  auto shared = store->share_reads();
  EXPECT_THROW(store->begin_read()->places().insert_prison({"HUL", "HMP Hull", "YH"}), std::exception)
      << "a read is read-only";
  EXPECT_TRUE(store->begin_read()->places().find_prison("LEI"));
}

TEST_P(StoreTest, TakesWritesWhenTheDatabaseDoes) { EXPECT_TRUE(store->takes_writes("2026-12-07T06:30:00.000Z")); }

TEST_P(StoreTest, InsertsAndFindsAPersonByIdPrisonNumberAndCrn) {
  auto original = person_named("Jordan", "Hughes", "A1234BC", "X123456", "LEI", "LDS");
  original.pnc = "2004/0046583U";
  original.communication_needs = "Uses a hearing aid";
  original.stage = CaseStage::remand;
  auto id = add(original);

  auto tx = store->begin_read();
  auto found = tx->people().find(id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, id);
  EXPECT_EQ(found->version, 1);
  EXPECT_EQ(found->full_name(), "Jordan Hughes");
  EXPECT_EQ(found->prison_number, "A1234BC");
  EXPECT_EQ(found->crn, "X123456");
  EXPECT_EQ(found->pnc, "2004/0046583U");
  EXPECT_EQ(found->date_of_birth, *parse_iso_date("1990-05-17"));
  EXPECT_EQ(found->gender, Gender::male);
  EXPECT_EQ(found->communication_needs, "Uses a hearing aid");
  EXPECT_EQ(found->prison_code, "LEI");
  EXPECT_EQ(found->pdu_code, "LDS");
  EXPECT_EQ(found->stage, CaseStage::remand);

  ASSERT_TRUE(tx->people().find_by_prison_number("A1234BC"));
  EXPECT_EQ(tx->people().find_by_prison_number("A1234BC")->id, id);
  ASSERT_TRUE(tx->people().find_by_crn("X123456"));
  EXPECT_EQ(tx->people().find_by_crn("X123456")->id, id);
  EXPECT_FALSE(tx->people().find(id + 1));
  EXPECT_FALSE(tx->people().find_by_prison_number("A9999ZZ"));
  EXPECT_FALSE(tx->people().find_by_crn("X999999"));
}

TEST_P(StoreTest, AbsentIdentifiersDoNotCollide) {
  add(person_named("Ann", "Lee", "A1111AA", ""));
  add(person_named("Bea", "Lee", "A2222AA", ""));
  add(person_named("Cal", "Lee", "", "X111111"));
  add(person_named("Dee", "Lee", "", "X222222"));
  auto tx = store->begin_read();
  EXPECT_EQ(tx->people().list({}, {}).items.size(), 4u);
  EXPECT_FALSE(tx->people().find_by_prison_number(""));
}

TEST_P(StoreTest, DuplicateIdentifiersAreRefusedNamingTheField) {
  add(person_named("Ann", "Lee", "A1111AA", "X111111"));
  auto other = add(person_named("Bea", "Lee", "A2222AA", "X222222"));
  // One transaction each: on PostgreSQL a refused statement ends its transaction.
  EXPECT_EQ(failed_fields([&] { store->begin_write()->people().insert(person_named("Cal", "Lee", "A1111AA", "X333333")); }),
            Fields{"prison_number"});
  EXPECT_EQ(failed_fields([&] { store->begin_write()->people().insert(person_named("Cal", "Lee", "A3333AA", "X111111")); }),
            Fields{"crn"});
  auto tx = store->begin_write();
  auto changed = *tx->people().find(other);
  changed.crn = "X111111";
  EXPECT_EQ(failed_fields([&] { tx->people().update(changed, 1); }), Fields{"crn"});
}

TEST_P(StoreTest, UpdateWithTheCurrentVersionBumpsIt) {
  auto id = add(person_named("Ann", "Lee", "A1111AA", ""));
  {
    auto tx = store->begin_write();
    auto person = *tx->people().find(id);
    person.family_name = "Leigh";
    person.prison_code = "HAI";
    tx->people().update(person, 1);
    tx->commit();
  }
  auto tx = store->begin_read();
  auto stored = *tx->people().find(id);
  EXPECT_EQ(stored.version, 2);
  EXPECT_EQ(stored.family_name, "Leigh");
  EXPECT_EQ(stored.prison_code, "HAI");
}

TEST_P(StoreTest, UpdateWithAStaleVersionThrowsAndChangesNothing) {
  auto id = add(person_named("Ann", "Lee", "A1111AA", ""));
  {
    auto tx = store->begin_write();
    auto person = *tx->people().find(id);
    tx->people().update(person, 1);
    tx->commit();
  }
  {
    auto tx = store->begin_write();
    auto person = *tx->people().find(id);
    person.family_name = "Overwritten";
    EXPECT_THROW(tx->people().update(person, 1), StaleVersion);
    EXPECT_THROW(tx->people().update(person, 3), StaleVersion);
    tx->commit();
  }
  auto tx = store->begin_read();
  auto stored = *tx->people().find(id);
  EXPECT_EQ(stored.version, 2);
  EXPECT_EQ(stored.family_name, "Lee");
}

TEST_P(StoreTest, CursorPaginationWalksEveryRowExactlyOnce) {
  std::vector<std::int64_t> inserted;
  for (int i = 0; i < 23; ++i) inserted.push_back(add(person_named("Person", "Number" + std::to_string(i), prison_number_for(i), "")));

  std::vector<std::int64_t> seen;
  store::PageRequest page{std::nullopt, 5};
  int pages = 0;
  auto tx = store->begin_read();
  do {
    auto result = tx->people().list({}, page);
    EXPECT_LE(result.items.size(), 5u);
    for (const auto& person : result.items) seen.push_back(person.id);
    page.cursor = result.next_cursor;
    ASSERT_LT(++pages, 10) << "pagination does not end";
  } while (page.cursor);
  EXPECT_EQ(seen, inserted);
  EXPECT_EQ(pages, 5);
}

TEST_P(StoreTest, LimitOutsideOneToTwoHundredOrAGarbageCursorIsBadInput) {
  add(person_named("Ann", "Lee", "A1111AA", ""));
  auto tx = store->begin_read();
  for (int limit : {0, -1, 201})
    EXPECT_EQ(failed_fields([&] { tx->people().list({}, {std::nullopt, limit}); }), Fields{"limit"}) << limit;
  for (const char* cursor : {"abc", "-5", "12x", " 3", "99999999999999999999999"})
    EXPECT_EQ(failed_fields([&] { tx->people().list({}, {std::string{cursor}, 10}); }), Fields{"cursor"}) << cursor;
  EXPECT_EQ(tx->people().list({}, {std::nullopt, 1}).items.size(), 1u);
  EXPECT_EQ(tx->people().list({}, {std::nullopt, 200}).items.size(), 1u);
}

TEST_P(StoreTest, SearchMatchesPartOfANameOrAWholeIdentifier) {
  auto hughes = add(person_named("Jordan", "Hughes", "A1234BC", "X123456"));
  auto smith = add(person_named("Amy", "Smith", "A7777AA", ""));
  auto underscore = add(person_named("Zed", "Under_Score", "", "X777777"));

  using Ids = std::set<std::int64_t>;
  auto search = [&](std::string text) {
    store::PersonFilter filter;
    filter.search = std::move(text);
    return ids_of(filter);
  };
  EXPECT_EQ(search("ugh"), (Ids{hughes}));
  EXPECT_EQ(search("JORDAN hu"), (Ids{hughes}));
  EXPECT_EQ(search("a1234bc"), (Ids{hughes}));
  EXPECT_EQ(search("X123456"), (Ids{hughes}));
  EXPECT_EQ(search("A1234"), Ids{});  // part of a prison number is not a match
  EXPECT_EQ(search("smi"), (Ids{smith}));
  // LIKE's wildcards are ordinary characters here.
  EXPECT_EQ(search("%"), Ids{});
  EXPECT_EQ(search("S_ith"), Ids{});
  EXPECT_EQ(search("_"), (Ids{underscore}));
  EXPECT_EQ(search("r_s"), (Ids{underscore}));
  EXPECT_EQ(search("nobody"), Ids{});
}

TEST_P(StoreTest, StaffKeepTheirTeamCapacitySpecialismsAndAbsence) {
  auto tx = store->begin_write();
  tx->places().insert_team({"LEI-OMU", "Leeds offender management unit", "LEI", ""});
  StaffMember staff;
  staff.username = "part.time";
  staff.display_name = "Part Time";
  staff.role = Role::pom;
  staff.prison_code = "LEI";
  staff.team_code = "LEI-OMU";
  staff.capacity_percent = 60;
  staff.specialisms = {Specialism::women, Specialism::welsh_language};
  staff.away_from = parse_iso_date("2026-12-01");
  staff.away_until = parse_iso_date("2026-12-14");
  auto id = tx->staff().insert(staff, "not-a-real-hash");
  auto found = tx->staff().find(id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->team_code, "LEI-OMU");
  EXPECT_EQ(found->capacity_percent, 60);
  EXPECT_EQ(found->specialisms, staff.specialisms);
  EXPECT_EQ(found->away_from, staff.away_from);
  EXPECT_EQ(found->away_until, staff.away_until);
  ASSERT_TRUE(tx->places().find_team("LEI-OMU"));
  EXPECT_EQ(tx->places().find_team("LEI-OMU")->prison_code, "LEI");
  EXPECT_EQ(tx->places().teams().size(), 1u);
  EXPECT_FALSE(tx->places().find_team("NOPE"));
}

TEST_P(StoreTest, CapacityOutsideNoneToFullTimeIsRefused) {
  StaffMember staff;
  staff.username = "over";
  staff.display_name = "Over";
  staff.capacity_percent = 120;
  auto tx = store->begin_write();
  EXPECT_THROW(tx->staff().insert(staff, "hash"), std::exception);
}

TEST_P(StoreTest, DuplicateUsernameIsBadInputOnUsername) {
  add_staff("pom", Role::pom);
  EXPECT_EQ(failed_fields([&] { add_staff("pom", Role::com); }), Fields{"username"});
}

TEST_P(StoreTest, ActiveSessionsRespectExpiryRevocationAndTheAccount) {
  auto staff = add_staff("pom", Role::pom);
  auto inactive = add_staff("gone", Role::pom, false);
  {
    auto tx = store->begin_write();
    const std::string began = "2030-01-01T00:00:00.000Z";
    tx->sessions().insert({"hash-a", staff, "csrf-a", began, "2030-01-01T12:00:00.000Z"});
    tx->sessions().insert({"hash-b", staff, "csrf-b", began, "2030-01-01T12:00:00.000Z",
                           store::SessionStage::awaiting_enrolment, "SECRET"});
    tx->sessions().insert({"hash-c", inactive, "csrf-c", began, "2030-01-01T12:00:00.000Z"});
    tx->commit();
  }
  {
    auto tx = store->begin_read();
    auto found = tx->sessions().find_active("hash-a", "2030-01-01T11:59:59.999Z");
    ASSERT_TRUE(found);
    EXPECT_EQ(found->session.token_hash, "hash-a");
    EXPECT_EQ(found->session.staff_id, staff);
    EXPECT_EQ(found->session.csrf_token, "csrf-a");
    EXPECT_EQ(found->session.expires_at, "2030-01-01T12:00:00.000Z");
    EXPECT_EQ(found->session.stage, store::SessionStage::signed_in);
    EXPECT_EQ(found->last_seen_at, "2030-01-01T00:00:00.000Z");
    EXPECT_EQ(found->staff.id, staff);  // the account it signs in, read with it
    auto enrolling = tx->sessions().find_active("hash-b", "2030-01-01T11:59:59.999Z");
    ASSERT_TRUE(enrolling);
    EXPECT_EQ(enrolling->session.stage, store::SessionStage::awaiting_enrolment);
    EXPECT_EQ(enrolling->session.enrolling_secret, "SECRET");
    EXPECT_EQ(found->staff.username, "pom");
    EXPECT_EQ(found->staff.role, Role::pom);
    EXPECT_FALSE(tx->sessions().find_active("hash-a", "2030-01-01T12:00:00.000Z"));
    EXPECT_FALSE(tx->sessions().find_active("hash-c", "2029-01-01T00:00:00.000Z"));
    EXPECT_FALSE(tx->sessions().find_active("unknown", "2029-01-01T00:00:00.000Z"));
  }
  {
    auto tx = store->begin_write();
    tx->sessions().revoke("hash-a", "2030-01-01T01:00:00.000Z");
    tx->sessions().record_last_seen("hash-b", "2030-01-01T02:00:00.000Z");
    tx->commit();
  }
  {
    auto tx = store->begin_read();
    EXPECT_FALSE(tx->sessions().find_active("hash-a", "2029-01-01T00:00:00.000Z"));
    EXPECT_EQ(tx->sessions().find_active("hash-b", "2029-01-01T00:00:00.000Z")->last_seen_at, "2030-01-01T02:00:00.000Z");
  }
  auto tx = store->begin_write();
  EXPECT_EQ(tx->sessions().revoke_all_for(staff, "2030-01-01T03:00:00.000Z"), 1);  // hash-a was revoked already
  EXPECT_FALSE(tx->sessions().find_active("hash-b", "2029-01-01T00:00:00.000Z"));
}

TEST_P(StoreTest, LoginFailuresAreCountedByAccountSinceItsLastSuccessAndByAddress) {
  {
    auto tx = store->begin_write();
    auto& attempts = tx->login_attempts();
    for (int i = 0; i < 3; ++i) attempts.record("alice", "10.0.0.1", false, "2026-01-01T09:00:0" + std::to_string(i) + ".000Z");
    attempts.record("alice", "10.0.0.1", true, "2026-01-01T09:00:05.000Z");
    attempts.record("alice", "10.0.0.2", false, "2026-01-01T09:00:06.000Z");
    attempts.record("alice", "10.0.0.2", false, "2026-01-01T09:00:07.000Z");
    for (int i = 0; i < 2; ++i) attempts.record("bob", "10.0.0.3", false, "2026-01-01T09:00:08.000Z");
    tx->commit();
  }
  const std::string long_ago = "2000-01-01T00:00:00.000Z";
  auto tx = store->begin_read();
  auto& attempts = tx->login_attempts();
  auto alice = attempts.account_failures_since("alice", long_ago);
  EXPECT_EQ(alice.count, 2);  // the three before her success no longer count
  EXPECT_EQ(alice.latest, "2026-01-01T09:00:07.000Z");
  EXPECT_EQ(attempts.account_failures_since("bob", long_ago).count, 2);
  EXPECT_EQ(attempts.account_failures_since("alice", "2026-01-01T09:00:06.500Z").count, 1);
  auto carol = attempts.account_failures_since("carol", long_ago);
  EXPECT_EQ(carol.count, 0);
  EXPECT_EQ(carol.latest, "");
  EXPECT_EQ(attempts.address_failures_since("10.0.0.1", long_ago), 3);
  EXPECT_EQ(attempts.address_failures_since("10.0.0.3", long_ago), 2);
  EXPECT_EQ(attempts.address_failures_since("192.0.2.1", long_ago), 0);
  EXPECT_EQ(attempts.address_failures_since("10.0.0.1", "9999-01-01T00:00:00.000Z"), 0);
}

TEST_P(StoreTest, ApiTokensResolveToActiveStaffOnly) {
  auto staff = add_staff("system", Role::admin);
  auto inactive = add_staff("gone", Role::admin, false);
  {
    auto tx = store->begin_write();
    const std::string issued = "2030-01-01T00:00:00.000Z", expires = "2030-04-01T00:00:00.000Z";
    tx->api_tokens().insert("token-hash", {0, staff, "Case management import", TokenScope::write, issued, expires, ""});
    tx->api_tokens().insert("inactive-hash", {0, inactive, "Old import", TokenScope::read, issued, expires, ""});
    tx->commit();
  }
  const std::string march = "2030-03-01T00:00:00.000Z";
  auto tx = store->begin_write();
  auto current = tx->api_tokens().find_current("token-hash", march);
  ASSERT_TRUE(current);
  EXPECT_EQ(current->staff.id, staff);
  EXPECT_EQ(current->token.scope, TokenScope::write);
  EXPECT_GT(current->token.id, 0);
  EXPECT_FALSE(tx->api_tokens().find_current("token-hash", "2030-04-01T00:00:00.000Z"));  // expired
  EXPECT_FALSE(tx->api_tokens().find_current("inactive-hash", march));
  EXPECT_FALSE(tx->api_tokens().find_current("unknown", march));
  EXPECT_TRUE(tx->api_tokens().revoke(current->token.id, march));
  EXPECT_FALSE(tx->api_tokens().revoke(current->token.id, march));
  EXPECT_FALSE(tx->api_tokens().find_current("token-hash", march));
  EXPECT_EQ(tx->api_tokens().for_staff(staff).at(0).revoked_at, march);
}

TEST_P(StoreTest, StaffAreListedByNameAndFoundByUnitOrId) {
  auto zoe = add_staff("zoe", Role::pom);
  auto amy = add_staff("amy", Role::com, false);
  std::int64_t in_leeds = 0, partner = 0;
  {
    auto tx = store->begin_write();
    in_leeds = tx->staff().insert(test_support::staff_member("bob", Role::pom, "LEI", ""), "hash");
    auto charity = test_support::staff_member("pat", Role::partner, "", "");
    charity.organisation_id = "org-1";
    partner = tx->staff().insert(charity, "hash");
    tx->commit();
  }
  auto tx = store->begin_write();
  std::vector<std::int64_t> listed;
  for (const auto& staff : tx->staff().list()) listed.push_back(staff.id);
  EXPECT_EQ(listed, (std::vector<std::int64_t>{amy, in_leeds, partner, zoe}));  // "Staff amy", "Staff bob"...
  ASSERT_EQ(tx->staff().based_in("LEI", "").size(), 1u);
  EXPECT_EQ(tx->staff().based_in("LEI", "")[0].id, in_leeds);
  EXPECT_TRUE(tx->staff().based_in("", "").empty());
  std::vector<std::int64_t> found;
  for (const auto& staff : tx->staff().find_many({zoe, 9999, amy})) found.push_back(staff.id);
  EXPECT_EQ(found, (std::vector<std::int64_t>{amy, zoe}));
  EXPECT_TRUE(tx->staff().has_partner_account("org-1"));
  EXPECT_FALSE(tx->staff().has_partner_account("org-2"));
  EXPECT_EQ(tx->staff().find_by_username("bob")->prison_code, "LEI");
  tx->staff().update_working_pattern(zoe, {"", 50, {Specialism::women}, std::nullopt, std::nullopt});
  tx->staff().set_active(partner, false);
  tx->staff().set_password_hash(zoe, "new-hash");
  EXPECT_THROW(tx->staff().set_active(9999, false), StaleVersion);
  EXPECT_EQ(tx->staff().find(zoe)->capacity_percent, 50);
  EXPECT_EQ(tx->staff().find(zoe)->specialisms, std::vector<Specialism>{Specialism::women});
  EXPECT_EQ(tx->staff().password_hash(zoe), "new-hash");
  EXPECT_FALSE(tx->staff().password_hash(9999));
  EXPECT_FALSE(tx->staff().has_partner_account("org-1"));
}

TEST_P(StoreTest, ASessionCompletesItsSignInAndCountsWrongCodes) {
  auto staff = add_staff("pom", Role::pom);
  auto tx = store->begin_write();
  tx->sessions().insert({"hash", staff, "csrf", "2030-01-01T00:00:00.000Z", "2030-01-01T00:10:00.000Z",
                         store::SessionStage::awaiting_code});
  EXPECT_EQ(tx->sessions().add_code_failure("hash"), 1);
  EXPECT_EQ(tx->sessions().add_code_failure("hash"), 2);
  EXPECT_EQ(tx->sessions().add_code_failure("unknown"), 0);
  tx->sessions().complete_sign_in("hash", "2030-01-01T00:05:00.000Z", "2030-01-01T08:05:00.000Z");
  auto signed_in = tx->sessions().find_active("hash", "2030-01-01T08:00:00.000Z");
  ASSERT_TRUE(signed_in);
  EXPECT_EQ(signed_in->session.stage, store::SessionStage::signed_in);
  EXPECT_EQ(signed_in->session.began_at, "2030-01-01T00:05:00.000Z");
  EXPECT_EQ(signed_in->last_seen_at, "2030-01-01T00:05:00.000Z");
  EXPECT_EQ(signed_in->code_failures, 2);
}

TEST_P(StoreTest, ATwoFactorSecretIsReplacedByANewEnrolmentAndEachStepIsUsedOnce) {
  auto staff = add_staff("pom", Role::pom);
  auto tx = store->begin_write();
  EXPECT_FALSE(tx->two_factor().find(staff));
  tx->two_factor().enrol(staff, "FIRST", 100, "2030-01-01T00:00:00.000Z");
  tx->two_factor().enrol(staff, "SECOND", 200, "2030-01-02T00:00:00.000Z");
  auto record = tx->two_factor().find(staff);
  ASSERT_TRUE(record);
  EXPECT_EQ(record->secret, "SECOND");
  EXPECT_EQ(record->last_step, 200);
  EXPECT_FALSE(tx->two_factor().use_step(staff, 200));
  EXPECT_TRUE(tx->two_factor().use_step(staff, 201));
  EXPECT_EQ(tx->two_factor().find(staff)->last_step, 201);
  EXPECT_TRUE(tx->two_factor().remove(staff));
  EXPECT_FALSE(tx->two_factor().remove(staff));
}

TEST_P(StoreTest, AKnownDeviceIsTheAccountsOwnUntilItExpiresOrIsForgotten) {
  auto staff = add_staff("pom", Role::pom);
  auto other = add_staff("com", Role::com);
  auto tx = store->begin_write();
  tx->known_devices().insert("device", staff, true, "2030-01-01T00:00:00.000Z", "2030-02-01T00:00:00.000Z");
  tx->known_devices().insert("laptop", staff, false, "2030-01-01T00:00:00.000Z", "2030-02-01T00:00:00.000Z");
  EXPECT_EQ(tx->known_devices().find("device", staff, "2030-01-15T00:00:00.000Z"), true);
  EXPECT_EQ(tx->known_devices().find("laptop", staff, "2030-01-15T00:00:00.000Z"), false);
  EXPECT_FALSE(tx->known_devices().find("device", other, "2030-01-15T00:00:00.000Z"));
  EXPECT_FALSE(tx->known_devices().find("device", staff, "2030-02-01T00:00:00.000Z"));
  EXPECT_EQ(tx->known_devices().forget_all_for(staff, "2030-01-16T00:00:00.000Z"), 2);
  EXPECT_FALSE(tx->known_devices().find("device", staff, "2030-01-17T00:00:00.000Z"));
}

TEST_P(StoreTest, UnitScopeMatchesThePrisonOrThePduOrACurrentAllocation) {
  auto in_leeds_prison = add(person_named("Ann", "Lee", "A1111AA", "", "LEI", ""));
  auto in_hatfield = add(person_named("Bea", "Lee", "A2222AA", "", "HAI", ""));
  auto on_leeds_probation = add(person_named("Cal", "Lee", "", "X111111", "", "LDS"));
  auto on_bradford_probation = add(person_named("Dee", "Lee", "", "X222222", "", "BRD"));
  auto allocated = add(person_named("Eve", "Lee", "", "X333333", "", "BRD"));
  auto allocation_ended = add(person_named("Fay", "Lee", "", "X444444", "", "BRD"));
  auto pom = add_staff("pom", Role::pom);
  auto other = add_staff("other", Role::pom);
  allocate(allocated, pom);
  allocate(allocation_ended, pom, *parse_iso_date("2024-03-01"));
  allocate(on_bradford_probation, other);

  using Ids = std::set<std::int64_t>;
  store::PersonFilter filter;
  filter.within = store::UnitScope{"LEI", "", pom};
  EXPECT_EQ(ids_of(filter), (Ids{in_leeds_prison, allocated}));
  filter.within = store::UnitScope{"", "LDS", std::nullopt};
  EXPECT_EQ(ids_of(filter), (Ids{on_leeds_probation}));
  filter.within = store::UnitScope{"HAI", "LDS", std::nullopt};
  EXPECT_EQ(ids_of(filter), (Ids{in_hatfield, on_leeds_probation}));
  filter.within = store::UnitScope{"", "", std::nullopt};
  EXPECT_EQ(ids_of(filter), Ids{});
  filter.within = std::nullopt;
  EXPECT_EQ(ids_of(filter).size(), 6u);
}

TEST_P(StoreTest, ACaseloadIsEachPersonAMemberOfStaffHoldsACurrentAllocationForOnce) {
  auto allocated = add(person_named("Eve", "Lee", "", "X333333", "", "BRD"));
  auto ended = add(person_named("Fay", "Lee", "", "X444444", "", "BRD"));
  auto twice = add(person_named("Gil", "Lee", "A5555AA", "", "LEI", ""));
  auto someone_elses = add(person_named("Hal", "Lee", "A6666AA", "", "LEI", ""));
  auto pom = add_staff("pom", Role::pom);
  auto other = add_staff("other", Role::pom);
  allocate(allocated, pom);
  allocate(ended, pom, *parse_iso_date("2024-03-01"));
  allocate(someone_elses, other);
  // The POM of this case is also its key worker: two current allocations, one caseload row.
  auto as_pom = allocate(twice, pom);
  std::int64_t as_key_worker = 0;
  {
    auto tx = store->begin_write();
    as_key_worker = tx->allocations().insert({0, twice, pom, "", Role::key_worker, *parse_iso_date("2024-02-01"),
                                              std::nullopt, "key work"});
    tx->commit();
  }
  EXPECT_EQ(caseload_ids(pom), (std::vector{allocated, twice}));
  EXPECT_EQ(caseload_ids(other), std::vector{someone_elses});

  auto end = [&](std::int64_t allocation_id) {
    auto tx = store->begin_write();
    tx->allocations().end(allocation_id, *parse_iso_date("2024-06-01"));
    tx->commit();
  };
  end(as_pom);  // still the key worker
  EXPECT_EQ(caseload_ids(pom), (std::vector{allocated, twice}));
  end(as_key_worker);
  EXPECT_EQ(caseload_ids(pom), std::vector{allocated});
}

TEST_P(StoreTest, ACaseloadShowsThePersonAsTheyAreNow) {
  auto id = add(person_named("Eve", "Lee", "", "X333333", "", "BRD"));
  auto pom = add_staff("pom", Role::pom);
  allocate(id, pom);
  {
    auto tx = store->begin_write();
    auto person = *tx->people().find(id);
    person.given_name = "Evie";
    person.family_name = "Lee-Hart";
    person.prison_number = "A7777AA";
    person.crn = "";
    person.stage = CaseStage::on_licence;
    tx->people().update(person, person.version);
    tx->commit();
  }
  auto entries = store->begin_read()->people().caseload({pom, "", std::nullopt}, {std::nullopt, 50}).items;
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].id, id);
  EXPECT_EQ(entries[0].full_name(), "Evie Lee-Hart");
  EXPECT_EQ(entries[0].prison_number, "A7777AA");
  EXPECT_EQ(entries[0].crn, "");
  EXPECT_EQ(entries[0].stage, CaseStage::on_licence);
}

TEST_P(StoreTest, ACaseloadIsSearchedByNameOrNumberAndWalkedAPageAtATime) {
  auto pom = add_staff("pom", Role::pom);
  std::vector<std::int64_t> all;
  for (int i = 0; i < 5; ++i) {
    auto n = std::to_string(i);
    all.push_back(add(person_named("Ann" + n, "Lee", "A100" + n + "AA", "X10000" + n, "LEI", "")));
    allocate(all.back(), pom);
  }
  EXPECT_EQ(caseload_ids(pom, "ann3"), std::vector{all[3]});
  EXPECT_EQ(caseload_ids(pom, "a1001aa"), std::vector{all[1]});
  EXPECT_EQ(caseload_ids(pom, "X100004"), std::vector{all[4]});
  EXPECT_EQ(caseload_ids(pom, "nobody"), std::vector<std::int64_t>{});

  std::vector<std::int64_t> walked;
  std::optional<std::string> cursor;
  int pages = 0;
  do {
    auto page = store->begin_read()->people().caseload({pom, "", std::nullopt}, {cursor, 2});
    EXPECT_LE(page.items.size(), 2u);
    for (const auto& person : page.items) walked.push_back(person.id);
    cursor = page.next_cursor;
  } while (cursor && ++pages < 20);
  EXPECT_EQ(walked, all);
  auto tx = store->begin_read();
  EXPECT_EQ(failed_fields([&] { tx->people().caseload({pom, "", std::nullopt}, {std::nullopt, 201}); }), Fields{"limit"});
  EXPECT_EQ(failed_fields([&] { tx->people().caseload({pom, "", std::nullopt}, {std::string{"x"}, 10}); }),
            Fields{"cursor"});
}

TEST_P(StoreTest, AUnitIsWalkedAPageAtATimeInIdOrderWithEveryoneOnce) {
  // People reach the scope through the prison, the PDU, both, or an allocation, interleaved by id.
  auto pom = add_staff("pom", Role::pom);
  std::vector<std::int64_t> expected;
  for (int i = 0; i < 4; ++i) {
    auto n = std::to_string(i);
    expected.push_back(add(person_named("Pri", n, "A100" + n + "AA", "", "LEI", "")));
    if (i % 2 == 0) allocate(expected.back(), pom);  // in the prison and on the caseload: listed once
    expected.push_back(add(person_named("Pro", n, "", "X10000" + n, "", "LDS")));
    expected.push_back(add(person_named("Bot", n, "A200" + n + "AA", "X20000" + n, "LEI", "LDS")));
    auto allocated = add(person_named("All", n, "", "X30000" + n, "", "BRD"));
    allocate(allocated, pom);
    expected.push_back(allocated);
    add(person_named("Out", n, "A300" + n + "AA", "", "HAI", "BRD"));  // outside the scope
  }
  store::PersonFilter filter;
  filter.within = store::UnitScope{"LEI", "LDS", pom};
  // Whole records and summaries are the same people, page by page.
  std::vector<std::int64_t> walked;
  std::optional<std::string> cursor;
  int pages = 0;
  do {
    auto tx = store->begin_read();
    auto page = tx->people().list(filter, {cursor, 3});
    auto summaries = tx->people().list_summaries(filter, {cursor, 3});
    EXPECT_LE(page.items.size(), 3u);
    ASSERT_EQ(summaries.items.size(), page.items.size());
    EXPECT_EQ(summaries.next_cursor, page.next_cursor);
    for (std::size_t i = 0; i < page.items.size(); ++i) {
      const auto& person = page.items[i];
      const auto& summary = summaries.items[i];
      walked.push_back(person.id);
      EXPECT_EQ(summary.id, person.id);
      EXPECT_EQ(summary.full_name(), person.full_name());
      EXPECT_EQ(summary.prison_number, person.prison_number);
      EXPECT_EQ(summary.crn, person.crn);
      EXPECT_EQ(summary.stage, person.stage);
    }
    cursor = page.next_cursor;
  } while (cursor && ++pages < 20);
  EXPECT_EQ(walked, expected);
}

TEST_P(StoreTest, UnallocatedFilterFindsStagesWithoutACurrentLeadInTheRole) {
  auto with_pom = add(person_named("Ann", "Lee", "A1111AA", "", "LEI", ""));
  auto pom_ended = add(person_named("Bea", "Lee", "A2222AA", "", "LEI", ""));
  auto deputy_only = add(person_named("Cal", "Lee", "A3333AA", "", "LEI", ""));
  auto never = add(person_named("Dee", "Lee", "A4444AA", "", "LEI", ""));
  auto released = person_named("Eve", "Lee", "", "X111111", "", "LDS");
  released.stage = CaseStage::on_licence;
  auto on_licence = add(released);
  auto pom = add_staff("pom", Role::pom);
  allocate(with_pom, pom);
  allocate(pom_ended, pom, *parse_iso_date("2024-03-01"));
  {
    auto tx = store->begin_write();
    Allocation deputy{0, deputy_only, pom, "", Role::pom, *parse_iso_date("2024-01-01"), std::nullopt, "cover"};
    deputy.kind = AllocationKind::deputy;
    tx->allocations().insert(deputy);
    tx->commit();
  }
  using Ids = std::set<std::int64_t>;
  store::PersonFilter filter;
  filter.without_lead = Role::pom;
  filter.stages = {CaseStage::remand, CaseStage::in_custody};
  EXPECT_EQ(ids_of(filter), (Ids{pom_ended, deputy_only, never}));
  filter.stages = {CaseStage::on_licence};
  EXPECT_EQ(ids_of(filter), (Ids{on_licence}));
  filter.without_lead = Role::com;
  filter.stages = {};
  EXPECT_EQ(ids_of(filter).size(), 5u);
  // Within a unit, as a manager's unallocated list reads it.
  filter.without_lead = Role::pom;
  filter.stages = {CaseStage::in_custody};
  filter.within = store::UnitScope{"LEI", "", std::nullopt};
  EXPECT_EQ(ids_of(filter), (Ids{pom_ended, deputy_only, never}));
  filter.within = store::UnitScope{"HAI", "LDS", std::nullopt};
  EXPECT_EQ(ids_of(filter), Ids{});
}

TEST_P(StoreTest, AllocationsEndAndKeepTheirHistory) {
  auto person = add(person_named("Ann", "Lee", "A1111AA", ""));
  auto first = add_staff("first", Role::pom);
  auto second = add_staff("second", Role::pom);
  auto ended = allocate(person, first, *parse_iso_date("2024-02-01"));
  auto current = allocate(person, second);
  auto tx = store->begin_read();
  auto now = tx->allocations().current_for_person(person);
  ASSERT_EQ(now.size(), 1u);
  EXPECT_EQ(now[0].id, current);
  EXPECT_EQ(now[0].staff_name, "Staff second");
  EXPECT_EQ(now[0].role, Role::pom);
  auto history = tx->allocations().history_for_person(person);
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[1].id, ended);
  EXPECT_EQ(history[1].to, parse_iso_date("2024-02-01"));
}

TEST_P(StoreTest, HistoriesOfManyPeopleComeInOneReadGroupedByPersonNewestFirst) {
  auto ann = add(person_named("Ann", "Lee", "A1111AA", ""));
  auto bob = add(person_named("Bob", "Ray", "A2222BB", ""));
  auto nobody = add(person_named("Cat", "Sim", "A3333CC", ""));
  auto pom = add_staff("first", Role::pom);
  auto com = add_staff("second", Role::com);
  auto ann_first = allocate(ann, pom, *parse_iso_date("2024-02-01"));
  auto ann_now = allocate(ann, com);
  auto bob_now = allocate(bob, pom);
  auto histories = store->begin_read()->allocations().history_for_people({bob, nobody, ann});
  std::vector<std::pair<std::int64_t, std::int64_t>> seen;  // (person, allocation)
  for (const auto& allocation : histories) seen.emplace_back(allocation.person_id, allocation.id);
  std::vector<std::pair<std::int64_t, std::int64_t>> expected{{ann, ann_now}, {ann, ann_first}, {bob, bob_now}};
  EXPECT_EQ(seen, expected);
  EXPECT_TRUE(store->begin_read()->allocations().history_for_people({}).empty());
}

TEST_P(StoreTest, DeputyAllocationsAreKeptApartFromTheLead) {
  auto person = add(person_named("Ann", "Lee", "A1111AA", ""));
  auto lead = add_staff("lead", Role::pom);
  auto deputy = add_staff("deputy", Role::pom);
  auto tx = store->begin_write();
  Allocation allocation{0, person, deputy, "", Role::pom, *parse_iso_date("2024-01-01"), std::nullopt, "cover"};
  allocation.kind = AllocationKind::deputy;
  tx->allocations().insert(allocation);
  tx->allocations().insert({0, person, lead, "", Role::pom, *parse_iso_date("2024-01-01"), std::nullopt, "lead"});
  std::map<std::int64_t, AllocationKind> kinds;
  for (const auto& current : tx->allocations().current_for_person(person)) kinds[current.staff_id] = current.kind;
  EXPECT_EQ(kinds[lead], AllocationKind::lead);
  EXPECT_EQ(kinds[deputy], AllocationKind::deputy);
}

TEST_P(StoreTest, ReadsRunBesideAnOpenWriteTransaction) {
  auto writer = store->begin_write();
  auto id = writer->people().insert(person_named("Ann", "Lee", "A1111AA", ""));

  auto read = std::async(std::launch::async, [&] {
    auto tx = store->begin_read();
    return tx->people().find(id).has_value();
  });
  bool answered = read.wait_for(10s) == std::future_status::ready;
  EXPECT_TRUE(answered) << "a reader waited for the writer";
  if (answered) {
    EXPECT_FALSE(read.get());  // not committed yet
  }

  writer->commit();
  writer.reset();
  EXPECT_TRUE(store->begin_read()->people().find(id));
}

TEST_P(StoreTest, LimitedAccessEntriesAreEndedNeverDeletedAndListsLeaveOutWhoMayNotSee) {
  auto person = add(person_named("Ann", "Lee", "A1111AA", "", "LEI", ""));
  auto manager = add_staff("manager", Role::manager);
  auto excluded = add_staff("excluded", Role::pom);
  auto colleague = add_staff("colleague", Role::pom);
  std::int64_t entry = 0;
  {
    auto tx = store->begin_write();
    entry = tx->limited_access().add(person, {AccessList::exclusion, excluded, "Knows the victim"}, manager);
    tx->commit();
  }
  auto seen_by = [&](std::int64_t staff_id) {
    store::PersonFilter filter;
    filter.within = store::UnitScope{"LEI", "", std::nullopt};
    filter.seen_by = staff_id;
    return ids_of(filter);
  };
  using Ids = std::set<std::int64_t>;
  EXPECT_EQ(seen_by(excluded), Ids{});
  EXPECT_EQ(seen_by(colleague), Ids{person});
  {
    auto tx = store->begin_write();
    auto entries = tx->limited_access().current_for_person(person);
    ASSERT_EQ(entries.size(), 1u);
    EXPECT_EQ(entries[0].id, entry);
    EXPECT_EQ(entries[0].staff_username, "excluded");
    EXPECT_EQ(entries[0].staff_name, "Staff excluded");
    EXPECT_EQ(entries[0].list, AccessList::exclusion);
    EXPECT_EQ(entries[0].reason, "Knows the victim");
    EXPECT_EQ(entries[0].added_by_name, "Staff manager");
    EXPECT_EQ(entries[0].added_at.size(), 24u);  // 2026-12-07T06:30:00.000Z
    EXPECT_EQ(tx->limited_access().end(person + 1, entry, manager), store::EndedEntry::no_such_entry);
    EXPECT_EQ(tx->limited_access().end(person, entry, manager), store::EndedEntry::ended);
    EXPECT_EQ(tx->limited_access().end(person, entry, manager), store::EndedEntry::already_ended);
    EXPECT_TRUE(tx->limited_access().current_for_person(person).empty());
    tx->commit();
  }
  EXPECT_EQ(seen_by(excluded), Ids{person});
}

NewEvent event_for(std::int64_t person_id, std::optional<std::int64_t> actor, std::string kind) {
  return {actor, person_id, kind, "person", person_id, "Summary of " + kind, "", {{"kind", kind}}};
}

TEST_P(StoreTest, TheJournalRefusesALimitOutsideOneToTwoHundredOrAGarbageCursor) {
  auto tx = store->begin_read();
  EXPECT_EQ(failed_fields([&] { tx->journal().for_person(1, {std::nullopt, 201}); }), Fields{"limit"});
  EXPECT_EQ(failed_fields([&] { tx->journal().for_person(1, {std::string{"x"}, 10}); }), Fields{"cursor"});
}

TEST_P(StoreTest, JournalForAPersonIsNewestFirstAndPaginated) {
  auto person = add(person_named("Ann", "Lee", "A1111AA", ""));
  auto other = add(person_named("Bea", "Lee", "A2222AA", ""));
  auto staff = add_staff("pom", Role::pom);
  std::vector<std::int64_t> appended;
  {
    auto tx = store->begin_write();
    for (int i = 0; i < 7; ++i) {
      appended.push_back(tx->journal().append(event_for(person, i == 0 ? std::nullopt : std::optional{staff},
                                                        "kind." + std::to_string(i))));
      tx->journal().append(event_for(other, staff, "other"));
    }
    tx->commit();
  }
  std::reverse(appended.begin(), appended.end());

  auto tx = store->begin_read();
  std::vector<std::int64_t> seen;
  store::PageRequest page{std::nullopt, 3};
  std::vector<Event> events;
  do {
    auto result = tx->journal().for_person(person, page);
    for (auto& event : result.items) events.push_back(std::move(event));
    page.cursor = result.next_cursor;
    ASSERT_LT(events.size(), 20u);
  } while (page.cursor);
  for (const auto& event : events) seen.push_back(event.id);
  EXPECT_EQ(seen, appended);

  const auto& newest = events.front();
  EXPECT_EQ(newest.kind, "kind.6");
  EXPECT_EQ(newest.person_id, person);
  EXPECT_EQ(newest.actor_staff_id, staff);
  EXPECT_EQ(newest.actor_name, "Staff pom");
  EXPECT_EQ(newest.summary, "Summary of kind.6");
  EXPECT_EQ(newest.data, (nlohmann::json{{"kind", "kind.6"}}));
  EXPECT_EQ(newest.at.size(), 24u);  // 2026-01-01T09:00:00.000Z
  EXPECT_EQ(events.back().actor_name, "System");
  EXPECT_FALSE(events.back().actor_staff_id);
  EXPECT_EQ(tx->journal().latest(person, "kind.3")->id, appended[3]);
  EXPECT_FALSE(tx->journal().latest(person, "other"));
}

TEST_P(StoreTest, TheAccessLogKeepsEachReadWithItsOriginAndAListAsOneRowNamingEveryone) {
  auto ann = add(person_named("Ann", "Lee", "A1111AA", ""));
  auto bea = add(person_named("Bea", "Lee", "A2222AA", ""));
  auto pom = add_staff("pom", Role::pom);
  {
    store::OriginScope origin{{"192.0.2.7", "session 01234567"}};
    auto tx = store->begin_audit_write();
    tx->access_log().record(pom, ann, "overview", true);
    tx->access_log().record(pom, ann, "plan", false);
    tx->access_log().record_list(pom, "caseload", {ann, bea});
    tx->access_log().record_list(pom, "empty list", {});  // shows nobody: no row
    tx->commit();
  }
  auto tx = store->begin_read();
  EXPECT_EQ(tx->access_log().count_for_person(ann), 2);  // the list names Ann, but not as its person
  auto refused = tx->access_log().refused_for_person(ann, 10);
  ASSERT_EQ(refused.size(), 1u);
  EXPECT_EQ(refused[0].what, "plan");
  EXPECT_EQ(refused[0].staff_name, "Staff pom");
  EXPECT_EQ(refused[0].at.size(), 24u);

  auto first = tx->access_log().for_person(ann, {std::nullopt, 2});
  ASSERT_EQ(first.items.size(), 2u);
  EXPECT_EQ(first.items[0].what, "caseload");
  EXPECT_TRUE(first.items[0].in_list);
  EXPECT_EQ(first.items[0].address, "192.0.2.7");
  EXPECT_EQ(first.items[0].token, "session 01234567");
  EXPECT_EQ(first.items[1].what, "plan");
  EXPECT_FALSE(first.items[1].allowed);
  EXPECT_FALSE(first.items[1].in_list);
  ASSERT_TRUE(first.next_cursor);
  auto rest = tx->access_log().for_person(ann, {first.next_cursor, 2});
  ASSERT_EQ(rest.items.size(), 1u);
  EXPECT_EQ(rest.items[0].what, "overview");
  EXPECT_EQ(rest.items[0].staff_id, pom);
  EXPECT_FALSE(rest.next_cursor);
  auto bea_reads = tx->access_log().for_person(bea, {});
  ASSERT_EQ(bea_reads.items.size(), 1u);
  EXPECT_EQ(bea_reads.items[0].what, "caseload");
}

// A list shown again (a kept caseload page, migration 51) names the list stored the first time instead
// of indexing its people again; every view is still a row of its own, found from each person on it, as
// are the rows written before the lists were stored (indexed in access_log_person).
TEST_P(StoreTest, AListShownAgainNamesTheStoredListAndEachViewIsFoundFromEveryoneOnIt) {
  auto ann = add(person_named("Ann", "Lee", "A1111AA", ""));
  auto bea = add(person_named("Bea", "Lee", "A2222AA", ""));
  auto pom = add_staff("pom", Role::pom);
  auto other_pom = add_staff("other", Role::pom);
  raw_execute("INSERT INTO access_log (id, at, staff_id, what, allowed, people, chain) VALUES "
              "(1, '2026-01-01T09:00:00.000Z', " + std::to_string(pom) + ", 'caseload', 1, '[" + std::to_string(ann) +
              "]', 'written before migration 51'); "
              "INSERT INTO access_log_person (person_id, access_id) VALUES (" + std::to_string(ann) + ", 1)");
  auto view = [&](std::int64_t staff_id, const std::string& what, const std::vector<std::int64_t>& people) {
    auto tx = store->begin_audit_write();
    tx->access_log().record_list(staff_id, what, people);
    tx->commit();
  };
  view(pom, "caseload", {ann, bea});
  view(pom, "caseload", {ann, bea});
  view(other_pom, "unit's people", {ann, bea});
  view(pom, "caseload", {bea});
  view(pom, "caseload", {bea, ann});  // another order is another list

  EXPECT_EQ(raw_text("SELECT CAST(count(*) AS text) FROM access_list"), "3");
  EXPECT_EQ(raw_text("SELECT CAST(count(*) AS text) FROM access_list_person"), "5");
  EXPECT_EQ(raw_text("SELECT CAST(count(DISTINCT list_id) AS text) FROM access_log"), "3");
  auto tx = store->begin_read();
  auto whats = [&](std::int64_t person_id) {
    std::vector<std::string> seen;
    for (const auto& read : tx->access_log().for_person(person_id, {std::nullopt, 2}).items) {
      EXPECT_TRUE(read.in_list);
      seen.push_back(std::to_string(read.staff_id) + " " + read.what);
    }
    return seen;
  };
  auto ann_reads = tx->access_log().for_person(ann, {});
  ASSERT_EQ(ann_reads.items.size(), 5u);
  std::vector<std::int64_t> viewers;
  for (const auto& read : ann_reads.items) viewers.push_back(read.staff_id);
  EXPECT_EQ(viewers, (std::vector<std::int64_t>{pom, other_pom, pom, pom, pom}));  // newest first
  EXPECT_EQ(ann_reads.items.back().id, 1);
  EXPECT_EQ(whats(bea), (std::vector<std::string>{std::to_string(pom) + " caseload", std::to_string(pom) + " caseload"}));
  auto bea_rest = tx->access_log().for_person(bea, {tx->access_log().for_person(bea, {std::nullopt, 2}).next_cursor, 10});
  ASSERT_EQ(bea_rest.items.size(), 3u);
  EXPECT_EQ(bea_rest.items[0].what, "unit's people");

  EXPECT_TRUE(refused("UPDATE access_list SET people = '[]'"));
  EXPECT_TRUE(refused("DELETE FROM access_list"));
  EXPECT_TRUE(refused("UPDATE access_list_person SET person_id = 0"));
  EXPECT_TRUE(refused("DELETE FROM access_list_person"));
}

const store::ChainCheck& check_of(const std::vector<store::ChainCheck>& checks, const std::string& table) {
  for (const auto& check : checks)
    if (check.table == table) return check;
  throw std::runtime_error("no check of " + table);
}

// Text a chain must hash exactly as SQLite's json_array writes it: quotes, backslashes, control
// characters, letters outside ASCII.
const std::string awkward_text = "\"Quoted\" \\ back\bspace\ttab\nline\fform\rreturn \x01\x1f\x7f caf\xc3\xa9 \xe2\x98\x83";

TEST_P(StoreTest, EachChainHashesTheRowBeforesChainAndTheRowAsSqlitesJsonArrayWritesIt) {
  auto person = add(person_named("Ann", "Lee", "A1111AA", ""));
  auto pom = add_staff("pom", Role::pom);
  std::int64_t first_event = 0;
  {
    store::OriginScope origin{{"192.0.2.7", awkward_text}};
    auto tx = store->begin_write();
    first_event = tx->journal().append({std::nullopt, person, "person.added", "person", person, awkward_text,
                                        "why: " + awkward_text, {{"name", awkward_text}, {"n", 1.5}}});
    tx->journal().append(event_for(person, pom, "person.updated"));
    tx->access_log().record(pom, person, awkward_text, false);
    tx->access_log().record_list(pom, "caseload", {person});
    tx->commit();
  }
  auto event = *store->begin_read()->journal().latest(person, "person.added");
  auto data = event.data.dump();  // as the journal stored it
  auto json = [](const std::string& text) { return nlohmann::json(text).dump(); };
  std::string expected = "[\"\"," + std::to_string(first_event) + "," + json(event.at) + ",null," +
                         std::to_string(person) + ",\"person.added\",\"person\"," + std::to_string(person) + "," +
                         json(awkward_text) + "," + json("why: " + awkward_text) + "," + json(data) + "]";
  EXPECT_EQ(store->chain_of("event", first_event), store::sha256_hex(expected)) << expected;

  auto checks = store->check_chains();
  ASSERT_EQ(checks.size(), 2u);
  for (const auto& check : checks) {
    EXPECT_FALSE(check.broken_at) << check.table;
    EXPECT_EQ(check.rows, 2) << check.table;
    EXPECT_EQ(store->chain_of(check.table, check.head_id), check.head_chain) << check.table;
  }
  EXPECT_FALSE(store->chain_of("event", check_of(checks, "event").head_id + 1));
  EXPECT_THROW(store->chain_of("person", person), std::invalid_argument);
}

// Issue 23: a person's own read is logged by their account, with no member of staff, and chained on
// either backend with the account in the staff member's place.
TEST_P(StoreTest, APersonsOwnReadIsChainedByTheirAccount) {
  auto person = add(person_named("Ann", "Lee", "A1111AA", ""));
  auto pom = add_staff("pom", Role::pom);
  raw_execute("INSERT INTO person_account (id, person_id, contact_kind, contact_value, status, language, invited_by, "
              "invited_at) VALUES (7, " + std::to_string(person) + ", 'mobile', '07700900001', 'active', 'en', " +
              std::to_string(pom) + ", 0)");
  {
    auto tx = store->begin_audit_write();
    tx->access_log().record(pom, person, "overview", true);
    tx->access_log().record_own_read(7, person, "own view: their plan");
    tx->commit();
  }
  auto reads = store->begin_read()->access_log().for_person(person, {}).items;
  ASSERT_EQ(reads.size(), 2u);
  EXPECT_EQ(reads[0].person_account_id, 7);
  EXPECT_EQ(reads[0].staff_id, 0);
  EXPECT_EQ(reads[0].staff_name, "");
  EXPECT_EQ(reads[1].staff_id, pom);
  EXPECT_EQ(reads[1].person_account_id, 0);
  auto check = check_of(store->check_chains(), "access_log");
  EXPECT_FALSE(check.broken_at);
  auto chained = raw_text("SELECT chain FROM access_log WHERE id = " + std::to_string(reads[0].id));
  std::string expected = "[" + nlohmann::json(raw_text("SELECT chain FROM access_log WHERE id = " +
                                                       std::to_string(reads[1].id))).dump() + "," +
                         std::to_string(reads[0].id) + "," + nlohmann::json(reads[0].at).dump() +
                         ",\"person_account:7\"," + std::to_string(person) +
                         ",\"own view: their plan\",1,\"\",\"\",\"[]\"]";
  EXPECT_EQ(chained, store::sha256_hex(expected)) << expected;
}

TEST_P(StoreTest, AJournalRowEditedInTheDatabaseBreaksTheChainThere) {
  auto person = add(person_named("Ann", "Lee", "A1111AA", ""));
  std::vector<std::int64_t> ids;
  {
    auto tx = store->begin_write();
    for (auto kind : {"person.added", "person.updated", "person.moved"})
      ids.push_back(tx->journal().append(event_for(person, std::nullopt, kind)));
    tx->commit();
  }
  EXPECT_FALSE(check_of(store->check_chains(), "event").broken_at);
  // Someone with the database turns off the refusal of edits, then rewrites history.
  raw_execute(GetParam() == Backend::sqlite ? "DROP TRIGGER event_is_append_only_update"
                                            : "ALTER TABLE event DISABLE TRIGGER event_is_append_only_update");
  raw_execute("UPDATE event SET summary = 'Nothing happened' WHERE id = " + std::to_string(ids[1]));
  auto check = check_of(store->check_chains(), "event");
  EXPECT_EQ(check.broken_at, ids[1]);
  EXPECT_EQ(check.rows, 3);
  EXPECT_EQ(check.head_id, ids[2]);
}

TEST_P(StoreTest, SentencesRoundTripAndUseVersions) {
  auto person = add(person_named("Ann", "Lee", "A1111AA", ""));
  Sentence sentence;
  sentence.person_id = person;
  sentence.type = SentenceType::determinate;
  sentence.release_scheme = ReleaseScheme::extended;
  sentence.start_date = parse_iso_date("2024-01-01");
  sentence.length_days = 730;
  sentence.extension_days = 365;
  sentence.remand_days = 12;
  sentence.recall = true;
  sentence.offence = "Burglary";
  sentence.supplied.conditional_release_date = parse_iso_date("2025-01-01");
  std::int64_t first = 0, second = 0;
  {
    auto tx = store->begin_write();
    first = tx->sentences().insert(sentence);
    second = tx->sentences().insert(sentence);
    tx->commit();
  }
  auto tx = store->begin_write();
  auto stored = *tx->sentences().find(first);
  EXPECT_EQ(stored.version, 1);
  EXPECT_EQ(stored.release_scheme, ReleaseScheme::extended);
  EXPECT_EQ(stored.length_days, 730);
  EXPECT_EQ(stored.extension_days, 365);
  EXPECT_EQ(stored.remand_days, 12);
  EXPECT_TRUE(stored.recall);
  EXPECT_EQ(stored.offence, "Burglary");
  EXPECT_EQ(stored.supplied.conditional_release_date, parse_iso_date("2025-01-01"));
  EXPECT_FALSE(stored.supplied.tariff_date);
  EXPECT_FALSE(stored.facts);
  auto for_person = tx->sentences().for_person(person);
  ASSERT_EQ(for_person.size(), 2u);
  EXPECT_EQ(for_person[0].id, second);

  stored.length_days = 800;
  tx->sentences().update(stored, 1);
  EXPECT_THROW(tx->sentences().update(stored, 1), StaleVersion);
  EXPECT_EQ(tx->sentences().find(first)->version, 2);
  EXPECT_EQ(tx->sentences().find(first)->length_days, 800);
  EXPECT_FALSE(tx->sentences().find(second + 1));
}

// A sentence recorded through the booking, with every fact the booking keeps.
Sentence booked_sentence_of(std::int64_t person_id, std::optional<std::int64_t> consecutive_to = std::nullopt) {
  Sentence sentence;
  sentence.person_id = person_id;
  sentence.start_date = parse_iso_date("2024-02-01");
  sentence.in_booking = true;
  SentenceFacts facts;
  facts.kind = SentenceKind::extended_automatic;
  facts.offence.committed_on = parse_iso_date("2023-06-01");
  facts.offence.sds_plus = true;
  facts.offence.section_250 = true;
  facts.offence.exclusions.set(static_cast<std::size_t>(OffenceExclusion::violent));
  facts.offence.exclusions.set(static_cast<std::size_t>(OffenceExclusion::terrorism));
  facts.offence.progression_exclusions.set(static_cast<std::size_t>(ProgressionExclusion::sexual));
  facts.custodial_term = {4, 6, 0, 0};
  facts.extension_term = {2, 0, 3, 1};
  facts.consecutive_to = consecutive_to;
  facts.release_scheme = ReleaseScheme::two_thirds;
  sentence.facts = facts;
  return sentence;
}

TEST_P(StoreTest, ABookingHoldsItsSentencesAdjustmentsAndMovementsAndMovesOnOnlyFromItsVersion) {
  auto person = add(person_named("Ann", "Lee", "A1111AA", ""));
  std::int64_t first = 0, second = 0, withdrawn = 0, kept = 0;
  {
    auto tx = store->begin_write();
    EXPECT_EQ(tx->bookings().version(person), 0);
    EXPECT_THROW(tx->bookings().advance(person, 1), StaleVersion);  // none stored yet
    tx->bookings().advance(person, 0);
    first = tx->sentences().insert(booked_sentence_of(person));
    second = tx->sentences().insert(booked_sentence_of(person, first));
    Adjustment remand{AdjustmentType::remand, 30, parse_iso_date("2023-12-01"), parse_iso_date("2023-12-31"),
                      {booking_id(second), booking_id(first)}, std::nullopt, std::nullopt};
    withdrawn = tx->bookings().add_adjustment({0, person, remand});
    remand.days = 31;
    kept = tx->bookings().add_adjustment({0, person, remand});
    tx->bookings().add_adjustment({0, person, {AdjustmentType::unlawfully_at_large, 3, std::nullopt, std::nullopt,
                                               {}, parse_iso_date("2024-03-01"), parse_iso_date("2024-03-02")}});
    tx->bookings().withdraw_adjustment(withdrawn);
    tx->bookings().replace_movements(person, {{*parse_iso_date("2024-02-01"), MovementDirection::in, "Sentenced"}});
    tx->bookings().replace_movements(person, {{*parse_iso_date("2024-05-01"), MovementDirection::out, "Court"},
                                              {*parse_iso_date("2024-02-01"), MovementDirection::in, "Sentenced"}});
    tx->bookings().set_sex_offender_register(person, true);
    tx->bookings().set_liable_to_removal(person, true);
    tx->commit();
  }
  {
    auto tx = store->begin_write();
    EXPECT_THROW(tx->bookings().advance(person, 0), StaleVersion);
  }
  auto tx = store->begin_write();
  auto booking = tx->bookings().find(person);
  EXPECT_EQ(booking.version, 1);
  EXPECT_TRUE(booking.sex_offender_register);
  EXPECT_TRUE(booking.liable_to_removal);
  ASSERT_EQ(booking.sentences.size(), 2u);
  EXPECT_EQ(booking.sentences[0].id, second);  // newest first
  EXPECT_EQ(booking.sentences[1].id, first);
  EXPECT_EQ(booking.sentences[1].start_date, parse_iso_date("2024-02-01"));
  EXPECT_EQ(booking.sentences[0].facts, booked_sentence_of(person, first).facts);
  ASSERT_EQ(booking.adjustments.size(), 2u);
  EXPECT_EQ(booking.adjustments[0].id, kept);
  EXPECT_EQ(booking.adjustments[0].adjustment.days, 31);
  EXPECT_EQ(booking.adjustments[0].adjustment.sentence_ids, (std::vector<std::string>{booking_id(second), booking_id(first)}));
  EXPECT_EQ(booking.adjustments[1].adjustment.type, AdjustmentType::unlawfully_at_large);
  EXPECT_TRUE(booking.adjustments[1].adjustment.sentence_ids.empty());
  EXPECT_EQ(booking.adjustments[1].adjustment.applies_from, parse_iso_date("2024-03-01"));
  EXPECT_EQ(booking.adjustments[1].adjustment.effective_on, parse_iso_date("2024-03-02"));
  EXPECT_EQ(booking.movements, (std::vector<Movement>{{*parse_iso_date("2024-02-01"), MovementDirection::in, "Sentenced"},
                                                      {*parse_iso_date("2024-05-01"), MovementDirection::out, "Court"}}));

  tx->bookings().advance(person, 1);
  EXPECT_EQ(tx->bookings().version(person), 2);
  tx->bookings().clear_sentences(person);
  EXPECT_TRUE(tx->bookings().find(person).sentences.empty());
  EXPECT_EQ(tx->sentences().find(first)->version, 2);  // kept, out of the booking
  EXPECT_FALSE(tx->sentences().find(first)->in_booking);
}

TEST_P(StoreTest, ADefaultTermsFineIsStoredInPenceChangedAndCleared) {
  auto person = add(person_named("Ann", "Lee", "A1111AA", ""));
  auto sentence = booked_sentence_of(person);
  sentence.facts->kind = SentenceKind::default_term;
  sentence.facts->custodial_term = {};
  sentence.facts->term = {0, 0, 0, 28};
  sentence.facts->fine_amount_pence = 100000000000;  // the most a booking takes: a thousand million pounds
  auto tx = store->begin_write();
  sentence.id = tx->sentences().insert(sentence);
  auto stored = *tx->sentences().find(sentence.id);
  EXPECT_EQ(stored.facts->fine_amount_pence, 100000000000);
  EXPECT_EQ(tx->bookings().find(person).sentences.at(0).facts, sentence.facts);

  stored.facts->fine_amount_pence = 25050;
  tx->sentences().update(stored, stored.version);
  stored = *tx->sentences().find(sentence.id);
  EXPECT_EQ(stored.facts->fine_amount_pence, 25050);
  stored.facts->fine_amount_pence.reset();
  tx->sentences().update(stored, stored.version);
  EXPECT_FALSE(tx->sentences().find(sentence.id)->facts->fine_amount_pence);
  auto without = tx->sentences().insert(booked_sentence_of(person));
  EXPECT_FALSE(tx->sentences().find(without)->facts->fine_amount_pence);  // none given: NULL
}

TEST_P(StoreTest, CalculatedKeyDatesAreReplacedWholeAndChangesAreSeenByTheCasesOfficersUntilMarked) {
  auto person = add(person_named("Ann", "Lee", "A1111AA", ""));
  auto pom = add_staff("pom", Role::pom);
  auto other = add_staff("other", Role::pom);
  allocate(person, pom);
  auto tx = store->begin_write();
  EXPECT_FALSE(tx->bookings().calculated(person));
  KeyDates dates;
  dates.set(KeyDateKind::conditional_release, {*parse_iso_date("2026-01-10"), KeyDateRule::halfway});
  dates.set(KeyDateKind::sentence_expiry, {*parse_iso_date("2028-01-10"), KeyDateRule::supplied});
  tx->bookings().save_calculated(person, dates);
  tx->bookings().save_calculated(person, dates);  // again: still one row each
  KeyDates fewer;
  tx->bookings().save_calculated(person, fewer);
  ASSERT_TRUE(tx->bookings().calculated(person));  // worked out, with no dates
  EXPECT_FALSE(tx->bookings().calculated(person)->has(KeyDateKind::conditional_release));
  tx->bookings().save_calculated(person, dates);
  auto calculated = *tx->bookings().calculated(person);
  EXPECT_EQ(calculated[KeyDateKind::conditional_release], dates[KeyDateKind::conditional_release]);
  EXPECT_EQ(calculated[KeyDateKind::sentence_expiry], dates[KeyDateKind::sentence_expiry]);

  KeyDateChange change{0, person, KeyDateKind::conditional_release, dates[KeyDateKind::conditional_release],
                       std::nullopt, *parse_iso_date("2026-01-02")};
  change.id = tx->bookings().add_change(change);
  auto unseen = tx->bookings().unseen_changes(pom);
  ASSERT_EQ(unseen.size(), 1u);
  EXPECT_EQ(unseen[0].change, change);
  EXPECT_EQ(unseen[0].person_name, "Ann Lee");
  EXPECT_EQ(unseen[0].prison_number, "A1111AA");
  EXPECT_TRUE(tx->bookings().unseen_changes(other).empty());  // not their case
  EXPECT_EQ(tx->bookings().mark_seen(change.id, pom), person);
  EXPECT_EQ(tx->bookings().mark_seen(change.id, pom), person);  // twice changes nothing
  EXPECT_FALSE(tx->bookings().mark_seen(change.id + 1, pom));
  EXPECT_TRUE(tx->bookings().unseen_changes(pom).empty());
}

TEST_P(StoreTest, ARiskProfileIsSavedFromItsVersionOnly) {
  auto person = add(person_named("Ann", "Lee", "A1111AA", ""));
  auto tx = store->begin_write();
  EXPECT_EQ(tx->risk_profiles().find(person).version, 0);
  RiskProfile profile;
  profile.person_id = person;
  profile.rosh = RoshLevel::high;
  profile.tier = Tier::b;
  profile.mappa = MappaLevel::level_2;
  profile.iom = true;
  profile.category_t_date = parse_iso_date("2025-04-01");
  profile.further_indeterminate_sentence = true;
  profile.manual_responsibility = ManualResponsibility::probation;
  profile.manual_responsibility_reason = "Agreed at the meeting";
  EXPECT_THROW(tx->risk_profiles().save(profile, 1), StaleVersion);
  tx->risk_profiles().save(profile, 0);
  EXPECT_THROW(tx->risk_profiles().save(profile, 0), StaleVersion);
  auto stored = tx->risk_profiles().find(person);
  EXPECT_EQ(stored.version, 1);
  EXPECT_EQ(stored.rosh, RoshLevel::high);
  EXPECT_EQ(stored.tier, Tier::b);
  EXPECT_EQ(stored.mappa, MappaLevel::level_2);
  EXPECT_TRUE(stored.iom);
  EXPECT_FALSE(stored.early_allocation);
  EXPECT_EQ(stored.category_t_date, parse_iso_date("2025-04-01"));
  EXPECT_TRUE(stored.further_indeterminate_sentence);
  EXPECT_EQ(stored.manual_responsibility, ManualResponsibility::probation);
  EXPECT_EQ(stored.manual_responsibility_reason, "Agreed at the meeting");
  stored.rosh.reset();
  tx->risk_profiles().save(stored, 1);
  EXPECT_EQ(tx->risk_profiles().find(person).version, 2);
  EXPECT_FALSE(tx->risk_profiles().find(person).rosh);
}

TEST_P(StoreTest, TransfersAwaitTheirReceiverUntilAcknowledgedFromTheirVersion) {
  auto person = add(person_named("Ann", "Lee", "A1111AA", "", "LEI"));
  auto hidden = add(person_named("Bea", "Lee", "A2222AA", "", "LEI"));
  auto pom = add_staff("pom", Role::pom);
  auto receiver = add_staff("receiver", Role::pom);
  CaseTransfer to_hatfield;
  to_hatfield.person_id = person;
  to_hatfield.kind = TransferKind::prison;
  to_hatfield.from_code = "LEI";
  to_hatfield.to_code = "HAI";
  to_hatfield.summary = "Moving nearer home";
  to_hatfield.requested_by = pom;
  to_hatfield.requested_on = *parse_iso_date("2026-03-01");
  CaseTransfer to_receiver = to_hatfield;
  to_receiver.kind = TransferKind::practitioner;
  to_receiver.role = Role::pom;
  to_receiver.from_code = to_receiver.to_code = "";
  to_receiver.from_staff_id = pom;
  to_receiver.to_staff_id = receiver;
  to_receiver.requested_on = *parse_iso_date("2026-02-01");
  CaseTransfer hidden_one = to_hatfield;
  hidden_one.person_id = hidden;
  {
    auto tx = store->begin_write();
    to_hatfield.id = tx->transfers().insert(to_hatfield);
    to_receiver.id = tx->transfers().insert(to_receiver);
    hidden_one.id = tx->transfers().insert(hidden_one);
    tx->limited_access().add(hidden, {AccessList::exclusion, receiver, "Knows them"}, pom);
    tx->commit();
  }
  auto tx = store->begin_write();
  to_hatfield.version = to_receiver.version = 1;
  EXPECT_EQ(tx->transfers().find(to_hatfield.id), to_hatfield);
  EXPECT_EQ(tx->transfers().find(to_receiver.id), to_receiver);
  auto ids = [](const std::vector<CaseTransfer>& transfers) {
    std::vector<std::int64_t> ids;
    for (const auto& transfer : transfers) ids.push_back(transfer.id);
    return ids;
  };
  using Ids = std::vector<std::int64_t>;
  EXPECT_EQ(ids(tx->transfers().awaiting(receiver, "HAI", "")), (Ids{to_receiver.id, to_hatfield.id, hidden_one.id}));
  EXPECT_EQ(tx->transfers().count_awaiting(receiver, "HAI", ""), 2);  // not the case they may not see
  EXPECT_EQ(ids(tx->transfers().awaiting(pom, "", "")), Ids{});
  EXPECT_EQ(ids(tx->transfers().for_person(person)), (Ids{to_receiver.id, to_hatfield.id}));

  to_hatfield.status = TransferStatus::acknowledged;
  to_hatfield.acknowledged_by = receiver;
  to_hatfield.acknowledged_on = parse_iso_date("2026-03-02");
  to_hatfield.acknowledgement_note = "Expected";
  tx->transfers().update(to_hatfield, 1);
  EXPECT_THROW(tx->transfers().update(to_hatfield, 1), StaleVersion);
  to_hatfield.version = 2;
  EXPECT_EQ(tx->transfers().find(to_hatfield.id), to_hatfield);
  EXPECT_EQ(ids(tx->transfers().awaiting(receiver, "HAI", "")), (Ids{to_receiver.id, hidden_one.id}));
}

TEST_P(StoreTest, HandoverMeetingsAreRecordedFromTheirVersion) {
  auto person = add(person_named("Ann", "Lee", "A1111AA", "", "LEI"));
  auto pom = add_staff("pom", Role::pom);
  HandoverMeeting meeting;
  meeting.person_id = person;
  meeting.scheduled_on = *parse_iso_date("2026-04-01");
  meeting.pom_staff_id = pom;
  meeting.recorded_by = pom;
  auto tx = store->begin_write();
  meeting.id = tx->handover_meetings().insert(meeting);
  auto later = meeting;
  later.id = tx->handover_meetings().insert(later);
  meeting.version = later.version = 1;
  EXPECT_EQ(tx->handover_meetings().find(meeting.id), meeting);
  meeting.status = MeetingStatus::held;
  meeting.held_on = parse_iso_date("2026-04-02");
  meeting.person_attended = false;
  meeting.notes = "Agreed the plan";
  meeting.late_reason = "The COM was ill";
  tx->handover_meetings().update(meeting, 1);
  EXPECT_THROW(tx->handover_meetings().update(meeting, 1), StaleVersion);
  meeting.version = 2;
  EXPECT_EQ(tx->handover_meetings().find(meeting.id), meeting);
  EXPECT_EQ(tx->handover_meetings().for_person(person), (std::vector<HandoverMeeting>{later, meeting}));
  EXPECT_FALSE(tx->handover_meetings().find(later.id + 1));
}

TEST_P(StoreTest, AWorklistShowsThePersonAsTheyAreNow) {
  auto id = add(person_named("Eve", "Lee", "A3333AA", "", "LEI", "LDS"));
  auto day = *parse_iso_date("2026-03-02");
  save_handover_date(id, day);
  store::WorklistScope in_leeds;
  in_leeds.within = store::UnitScope{"", "LDS", std::nullopt};
  auto first = store->begin_read()->case_dates().handovers_due(day, day, in_leeds).items;
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0].person.full_name(), "Eve Lee");
  EXPECT_EQ(first[0].person.prison_number, "A3333AA");
  {
    auto tx = store->begin_write();
    auto person = *tx->people().find(id);
    person.given_name = "Evie";
    person.prison_number = "";
    person.crn = "X333333";
    person.stage = CaseStage::on_licence;
    person.prison_code = "";
    tx->people().update(person, person.version);
    tx->commit();
  }
  for (int saved = 0; saved < 2; ++saved) {  // as the person's update left them, and saved again
    auto listed = store->begin_read()->case_dates().handovers_due(day, day, in_leeds).items;
    ASSERT_EQ(listed.size(), 1u);
    EXPECT_EQ(listed[0].person.full_name(), "Evie Lee");
    EXPECT_EQ(listed[0].person.prison_number, "");
    EXPECT_EQ(listed[0].person.crn, "X333333");
    EXPECT_EQ(listed[0].person.stage, CaseStage::on_licence);
    EXPECT_EQ(listed[0].prison_code, "");
    EXPECT_EQ(raw_text("SELECT in_custody FROM case_dates"), "0");
    save_handover_date(id, day);
  }
}

TEST_P(StoreTest, WorklistsPageInDateOrderWithinAUnitOrEverywhere) {
  auto pom = add_staff("pom", Role::pom);
  std::vector<std::int64_t> in_order;
  // Leeds prison, Leeds PDU outside the prison, and one of the POM's own in Bradford: days 1 to 6.
  std::vector<std::pair<std::string, std::string>> places{{"LEI", ""}, {"", "LDS"}, {"HAI", "BRD"},
                                                          {"LEI", "LDS"}, {"", "LDS"}, {"LEI", ""}};
  for (std::size_t i = 0; i < places.size(); ++i) {
    auto id = add(person_named("P" + std::to_string(i), "Lee", prison_number_for(int(i)), "", places[i].first,
                               places[i].second));
    if (places[i].first == "HAI") allocate(id, pom);
    auto tx = store->begin_write();
    CaseDates dates;
    dates.person_id = id;
    dates.responsibility = Responsibility::pom_with_com;
    dates.handover_date = add_days(*parse_iso_date("2026-03-01"), int(i));
    dates.release_date = dates.handover_date;
    dates.worked_out_on = *parse_iso_date("2026-01-01");
    tx->case_dates().save(dates);
    tx->commit();
    in_order.push_back(id);
  }
  auto from = *parse_iso_date("2026-03-01"), to = *parse_iso_date("2026-03-31");
  auto walk = [&](store::WorklistScope scope) {
    std::vector<std::int64_t> ids;
    scope.page = {std::nullopt, 2};
    do {
      auto page = store->begin_read()->case_dates().handovers_due(from, to, scope);
      for (const auto& entry : page.items) ids.push_back(entry.person.id);
      scope.page.cursor = page.next_cursor;
      if (ids.size() > 10) break;
    } while (scope.page.cursor);
    return ids;
  };
  EXPECT_EQ(walk({}), in_order);
  store::WorklistScope leeds;
  leeds.within = store::UnitScope{"LEI", "LDS", pom};
  EXPECT_EQ(walk(leeds), in_order);  // the prison's, the PDU's and the POM's own
  leeds.within->staff_id.reset();
  EXPECT_EQ(walk(leeds), (std::vector<std::int64_t>{in_order[0], in_order[1], in_order[3], in_order[4], in_order[5]}));
  store::WorklistScope bradford_pdu;
  bradford_pdu.pdu_code = "BRD";
  EXPECT_EQ(walk(bradford_pdu), std::vector<std::int64_t>{in_order[2]});

  auto rows = store->begin_read()->case_dates().rows(store::DatedWorklist::releases_due, std::nullopt, to, {}).items;
  ASSERT_EQ(rows.size(), in_order.size());
  EXPECT_EQ(rows[0].person.id, in_order[0]);
  EXPECT_EQ(rows[0].date, parse_iso_date("2026-03-01"));
  EXPECT_EQ(rows[0].responsibility, Responsibility::pom_with_com);
  auto found = store->begin_read()->case_dates().find(in_order[1]);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->handover_date, parse_iso_date("2026-03-02"));
  EXPECT_EQ(found->worked_out_on, parse_iso_date("2026-01-01"));
}

// Migration 42's triggers: case dates carry the contact plan's dates and whether MAPPA is on record,
// whichever was stored first. Those rows are written straight into the database here.
TEST_P(StoreTest, CaseDatesFollowTheContactPlanAndTheMappaRecordWhicheverCameFirst) {
  auto before = add(person_named("Ann", "Lee", "A1111AA", "", "LEI"));
  auto after = add(person_named("Bea", "Lee", "A2222AA", "", "LEI"));
  auto pom = add_staff("pom", Role::pom);
  auto plan_and_mappa = [&](std::int64_t person) {
    raw_execute("INSERT INTO contact_plan (person_id, version, starts_on, stages, shortest_every_days, reason, "
                "review_on, decided_by, decided_at) VALUES (" + std::to_string(person) + ", 1, '2026-01-05', "
                "'[\"community\"]', 7, 'Settling in', '2026-06-01', " + std::to_string(pom) +
                ", '2026-01-05T09:00:00.000Z')");
    raw_execute("INSERT INTO mappa_decision (person_id, category, level, decided_on, decided_by, recorded_by) VALUES (" +
                std::to_string(person) + ", '2', '1', '2026-01-05', 'MAPPA panel', " + std::to_string(pom) + ")");
  };
  auto carried = [&](std::int64_t person) {
    return raw_text("SELECT coalesce(contact_counted_from, '-') || ' ' || coalesce(contact_quiet_until, '-') || ' ' || "
                    "coalesce(contact_review_on, '-') || ' ' || coalesce(contact_last_attended, '-') || ' ' || "
                    "mappa_on_record FROM case_dates WHERE person_id = " + std::to_string(person));
  };
  plan_and_mappa(after);
  auto day = *parse_iso_date("2026-03-02");
  save_handover_date(before, day);
  EXPECT_EQ(carried(before), "- - - - 0");
  plan_and_mappa(before);
  save_handover_date(after, day);
  for (auto person : {before, after}) EXPECT_EQ(carried(person), "2026-01-05 2026-01-12 2026-06-01 - 1") << person;
  save_handover_date(after, day);  // saved again: kept
  EXPECT_EQ(carried(after), "2026-01-05 2026-01-12 2026-06-01 - 1");
}

// --- The service directory and referrals ----------------------------------------------------------

std::string demo_directory_json() {
  std::ifstream file{source_tree() / "data/services-demo.hsds.json"};
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

template <typename T>
std::vector<T> by_id(std::vector<T> records) {
  std::sort(records.begin(), records.end(), [](const T& a, const T& b) { return a.id < b.id; });
  return records;
}

Service service_named(std::string id, std::string name, std::string description, std::vector<Pathway> pathways,
                      std::string organisation = "org-1") {
  Service service;
  service.id = std::move(id);
  service.organisation_id = std::move(organisation);
  service.name = std::move(name);
  service.description = std::move(description);
  service.pathways = std::move(pathways);
  return service;
}

class DirectoryTest : public StoreTest {
 protected:
  void save(const std::vector<Organisation>& organisations, const std::vector<Service>& services) {
    auto tx = store->begin_write();
    for (const auto& organisation : organisations) tx->directory().save_organisation(organisation);
    for (const auto& service : services) tx->directory().save_service(service);
    tx->commit();
  }

  std::vector<std::string> search(store::ServiceQuery query) {
    std::vector<std::string> ids;
    for (const auto& service : store->begin_read()->directory().search(query).services) ids.push_back(service.id);
    return ids;
  }
  std::vector<std::string> search(std::string words) { return search({std::nullopt, "", std::move(words), 0, 20}); }
};

INSTANTIATE_TEST_SUITE_P(Backends, DirectoryTest, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         backend_name);

TEST_P(DirectoryTest, TheDemoDirectoryComesBackAsSavedWithPathwaysAndGendersInCodeListOrder) {
  auto parsed = read_hsds_json(demo_directory_json());
  ASSERT_TRUE(parsed.rejections.empty());
  const auto& saved = parsed.directory;
  {
    auto tx = store->begin_write();
    for (const auto& organisation : saved.organisations) tx->directory().save_organisation(organisation);
    for (const auto& location : saved.locations) tx->directory().save_location(location);
    for (const auto& service : saved.services) tx->directory().save_service(service);
    for (const auto& link : saved.service_at_locations) tx->directory().save_service_at_location(link);
    tx->commit();
  }
  auto expected = saved.services;
  bool reordered = false;  // the demo has a service whose pathways are not in the code list's order
  for (auto& service : expected) {
    auto pathways = service.pathways;
    std::sort(service.pathways.begin(), service.pathways.end());
    std::sort(service.eligibility.genders.begin(), service.eligibility.genders.end());
    reordered = reordered || pathways != service.pathways;
  }
  EXPECT_TRUE(reordered);
  auto stored = store->begin_read()->directory().directory({});
  EXPECT_EQ(stored.services.size(), 26u);
  EXPECT_EQ(by_id(stored.services), by_id(expected));
  EXPECT_EQ(by_id(stored.organisations), by_id(saved.organisations));
  EXPECT_EQ(by_id(stored.locations), by_id(saved.locations));
  EXPECT_EQ(by_id(stored.service_at_locations), by_id(saved.service_at_locations));
  auto read = store->begin_read();
  EXPECT_TRUE(read->directory().has_location(saved.locations.front().id));
  EXPECT_FALSE(read->directory().has_location("loc-nowhere"));
  EXPECT_FALSE(read->directory().find_service("svc-nowhere"));
  EXPECT_FALSE(read->directory().find_organisation("org-nowhere"));
}

TEST_P(DirectoryTest, SavingARecordAgainReplacesItAndEmptiedFieldsAreCleared) {
  auto housing = service_named("svc-1", "Housing help", "Move-on flats", {Pathway::accommodation});
  housing.eligibility.minimum_age = 18;
  housing.eligibility.genders = {Gender::female};
  housing.eligibility.areas = {{"a1", "E08000035", "Leeds"}};
  save({{"org-1", "Riverside Advice", "Advice for all", "hello@riverside.example.org", ""}}, {housing});
  housing.description = "";
  housing.eligibility.minimum_age = std::nullopt;
  housing.eligibility.genders = {};
  housing.eligibility.areas = {};
  housing.pathways = {Pathway::finance_benefits_debt};
  save({{"org-1", "Riverside Advice", "Advice for all", "", ""}}, {housing});
  auto read = store->begin_read();
  auto stored = read->directory().find_service("svc-1");
  ASSERT_TRUE(stored);
  EXPECT_EQ(*stored, housing);
  EXPECT_EQ(read->directory().find_organisation("org-1")->email, "");
  EXPECT_EQ(search("flats"), std::vector<std::string>{});
}

TEST_P(DirectoryTest, NameMatchesRankAboveDescriptionMatches) {
  save({{"org-1", "Riverside Advice", "", "", ""}},
       {service_named("svc-a", "Housing help", "Includes some debt advice at the end", {Pathway::accommodation}),
        service_named("svc-b", "Debt advice", "Budgeting and creditors", {Pathway::finance_benefits_debt}),
        service_named("svc-c", "Job club", "CV workshops", {Pathway::education_training_employment})});
  EXPECT_EQ(search("debt"), (std::vector<std::string>{"svc-b", "svc-a"}));
  // Pathway labels and organisation names are searchable too; word stems match, and so do word beginnings.
  EXPECT_EQ(search("employment"), (std::vector<std::string>{"svc-c"}));
  EXPECT_EQ(search("workshop"), (std::vector<std::string>{"svc-c"}));
  auto everyone = search("riverside");
  std::sort(everyone.begin(), everyone.end());
  EXPECT_EQ(everyone, (std::vector<std::string>{"svc-a", "svc-b", "svc-c"}));
  EXPECT_EQ(search("accom"), (std::vector<std::string>{"svc-a"}));
  EXPECT_EQ(search("budget cred"), (std::vector<std::string>{"svc-b"}));
  EXPECT_EQ(search("budget housing"), std::vector<std::string>{});  // every word is needed
  EXPECT_EQ(search({Pathway::accommodation, "", "debt", 0, 20}), (std::vector<std::string>{"svc-a"}));
  // Without words, everything in name order.
  EXPECT_EQ(search(""), (std::vector<std::string>{"svc-b", "svc-a", "svc-c"}));
}

TEST_P(DirectoryTest, AMatchInAPathwayRanksAboveOneInTheDescription) {
  save({{"org-1", "Riverside Advice", "", "", ""}},
       {service_named("svc-described", "Drop-in", "Help for families", {Pathway::accommodation}),
        service_named("svc-pathway", "Contact centre", "Help for anyone", {Pathway::children_families_relationships})});
  EXPECT_EQ(search("families"), (std::vector<std::string>{"svc-pathway", "svc-described"}));
}

TEST_P(DirectoryTest, QuerySyntaxTypedByAUserIsTreatedAsWords) {
  save({{"org-1", "Riverside Advice", "", "", ""}}, {service_named("svc-b", "Debt advice", "", {})});
  EXPECT_EQ(search("\"debt* (advice"), (std::vector<std::string>{"svc-b"}));
  EXPECT_EQ(search("debt & !advice:* | 'x'"), std::vector<std::string>{});  // x is needed too
  EXPECT_EQ(search("debt & !advice:* | 'advi'"), (std::vector<std::string>{"svc-b"}));
  EXPECT_TRUE(search("NEAR(\" ^").empty());
}

TEST_P(DirectoryTest, AreaFilterKeepsServicesWithoutAreaLimitsAndTakesAnAreaNameInAnyCase) {
  auto leeds = service_named("svc-leeds", "Leeds only", "", {});
  leeds.eligibility.areas = {{"a1", "E08000035", "Leeds"}};
  auto bradford = service_named("svc-bradford", "Bradford only", "", {});
  bradford.eligibility.areas = {{"a2", "E08000032", "Bradford"}};
  save({{"org-1", "Org", "", "", ""}}, {leeds, bradford, service_named("svc-anywhere", "Anywhere", "", {})});
  EXPECT_EQ(search({std::nullopt, "E08000035", "", 0, 20}), (std::vector<std::string>{"svc-anywhere", "svc-leeds"}));
  EXPECT_EQ(search({std::nullopt, "bradford", "", 0, 20}), (std::vector<std::string>{"svc-anywhere", "svc-bradford"}));
  EXPECT_EQ(search({std::nullopt, "bradford", "brad", 0, 20}), (std::vector<std::string>{"svc-bradford"}));
}

TEST_P(DirectoryTest, PagesCarryOnWhereTheLastStopped) {
  save({{"org-1", "Org", "", "", ""}},
       {service_named("s1", "A", "", {}), service_named("s2", "B", "", {}), service_named("s3", "C", "", {})});
  auto first = store->begin_read()->directory().search({std::nullopt, "", "", 0, 2});
  ASSERT_EQ(first.services.size(), 2u);
  ASSERT_EQ(first.next_cursor, "2");
  auto second = store->begin_read()->directory().search({std::nullopt, "", "", 2, 2});
  ASSERT_EQ(second.services.size(), 1u);
  EXPECT_EQ(second.services[0].id, "s3");
  EXPECT_FALSE(second.next_cursor);
  auto ranked = store->begin_read()->directory().search({std::nullopt, "", "org", 1, 1});
  ASSERT_EQ(ranked.services.size(), 1u);
  EXPECT_EQ(ranked.services[0].id, "s2");  // equal ranks in name order
  EXPECT_EQ(ranked.next_cursor, "2");
}

TEST_P(DirectoryTest, RenamingAnOrganisationKeepsTheSearchIndexInStep) {
  save({{"org-1", "Old Name Trust", "", "", ""}}, {service_named("svc-1", "Mentoring", "", {})});
  save({{"org-1", "Brightpath Partnership", "", "", ""}}, {});
  EXPECT_EQ(search("brightpath"), (std::vector<std::string>{"svc-1"}));
  EXPECT_TRUE(search("old name").empty());
}

class ReferralTest : public DirectoryTest {
 protected:
  void SetUp() override {
    DirectoryTest::SetUp();
    if (IsSkipped()) return;
    save({{"org-1", "Riverside Advice", "", "", ""}}, {service_named("svc-1", "Debt advice", "", {})});
    person_id = add(person_named("Sam", "Cole", "A1234BC", "X123456"));
  }

  Referral draft() const {
    Referral referral;
    referral.person_id = person_id;
    referral.service_id = "svc-1";
    referral.reason_for_referral = "Debts";
    referral.details = {{"given_name", "Given name", "Sam"}};
    referral.history = {{ReferralStatus::draft, *parse_iso_date("2026-01-05"), "Alex", ""}};
    return referral;
  }

  std::int64_t person_id = 0;
};

INSTANTIATE_TEST_SUITE_P(Backends, ReferralTest, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         backend_name);

TEST_P(ReferralTest, StepsAreAppendedAndStaleWritesRefused) {
  auto tx = store->begin_write();
  auto referral = draft();
  referral.id = tx->referrals().insert(referral);
  auto on = *parse_iso_date("2026-01-06");
  auto consented = record_consent(referral, {true, on, "Alex", "Name"});
  consented.id = referral.id;
  auto sent = transition(consented, ReferralStatus::sent, on, "Alex", "");
  sent.organisation_id = "org-1";  // the service's organisation, fixed on sending
  tx->referrals().update(sent, 1);
  EXPECT_THROW(tx->referrals().update(sent, 1), StaleVersion);
  auto stored = tx->referrals().find(referral.id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->version, 2);
  EXPECT_EQ(stored->history, sent.history);
  EXPECT_EQ(stored->consent, sent.consent);
  EXPECT_EQ(stored->details, referral.details);
  EXPECT_EQ(stored->organisation_id, "org-1");
  EXPECT_FALSE(tx->referrals().find(referral.id + 1));
  tx->commit();
}

TEST_P(ReferralTest, ADutyToReferAndACas3RequestKeepTheirOwnFields) {
  auto duty = draft();
  duty.kind = ReferralKind::duty_to_refer;
  duty.duty_to_refer = DutyToRefer{"Leeds City Council", *parse_iso_date("2026-01-05"), "No home to go to",
                                   parse_iso_date("2026-03-01")};
  auto cas3 = draft();
  cas3.kind = ReferralKind::cas3;
  cas3.cas3 = Cas3Request{84, *parse_iso_date("2026-02-01"), "Leeds"};
  auto tx = store->begin_write();
  auto duty_id = tx->referrals().insert(duty);
  auto cas3_id = tx->referrals().insert(cas3);
  tx->commit();
  auto read = store->begin_read();
  EXPECT_EQ(read->referrals().find(duty_id)->duty_to_refer, duty.duty_to_refer);
  EXPECT_EQ(read->referrals().find(cas3_id)->cas3, cas3.cas3);
  EXPECT_FALSE(read->referrals().find(cas3_id)->duty_to_refer);
  std::vector<std::int64_t> newest_first;
  for (const auto& referral : read->referrals().for_person(person_id)) newest_first.push_back(referral.id);
  EXPECT_EQ(newest_first, (std::vector<std::int64_t>{cas3_id, duty_id}));
}

TEST_P(ReferralTest, APartnerReadsTheReferralsSentToTheirOrganisationByIdNewestFirstLeavingOutWhomTheyMayNotSee) {
  save({{"org-2", "Brightpath", "", "", ""}}, {service_named("svc-2", "Mentoring", "", {}, "org-2")});
  auto partner = add_staff("partner", Role::partner);
  auto limited_person = add(person_named("Lee", "Hart", "A2345BC", "X234567"));
  auto on = *parse_iso_date("2026-01-06");
  auto send = [&](std::int64_t person, std::string service, std::string organisation) {
    auto referral = draft();
    referral.person_id = person;
    referral.service_id = std::move(service);
    auto sent = transition(record_consent(referral, {true, on, "Alex", "Name"}), ReferralStatus::sent, on, "Alex", "");
    sent.organisation_id = std::move(organisation);
    auto tx = store->begin_write();
    auto id = tx->referrals().insert(sent);
    tx->commit();
    return id;
  };
  auto first = send(person_id, "svc-1", "org-1");
  send(person_id, "svc-2", "org-2");
  auto second = send(person_id, "svc-1", "org-1");
  auto hidden = send(limited_person, "svc-1", "org-1");
  {
    auto tx = store->begin_write();
    tx->referrals().insert(draft());  // a draft is sent nowhere yet
    tx->limited_access().add(limited_person, {AccessList::exclusion, partner, "Lives next door"}, partner);
    tx->commit();
  }
  auto ids_sent_to = [&](const std::string& organisation, std::int64_t seen_by) {
    std::vector<std::int64_t> ids;
    for (const auto& referral : store->begin_read()->referrals().sent_to_organisation(organisation, seen_by))
      ids.push_back(referral.id);
    return ids;
  };
  EXPECT_EQ(ids_sent_to("org-1", partner), (std::vector<std::int64_t>{second, first}));
  auto colleague = add_staff("colleague", Role::partner);
  EXPECT_EQ(ids_sent_to("org-1", colleague), (std::vector<std::int64_t>{hidden, second, first}));
  EXPECT_TRUE(ids_sent_to("Riverside Advice", partner).empty());  // ids, never names
  EXPECT_EQ(ids_sent_to("org-2", partner).size(), 1u);
}

TEST_P(ReferralTest, TheDatabaseRefusesToDeleteAReferralOrToChangeOrDeleteItsSteps) {
  auto tx = store->begin_write();
  tx->referrals().insert(draft());
  tx->commit();
  for (const auto* statement : {"DELETE FROM referral", "DELETE FROM referral_step",
                                "UPDATE referral_step SET status = 'sent'"})
    EXPECT_TRUE(refused(statement)) << statement;
  EXPECT_EQ(store->begin_read()->referrals().for_person(person_id).at(0).history.size(), 1u);
}

// --- Needs assessments, the plan, the checklist and outcome snapshots ------------------------------

class PlanTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped()) return;
    person_id = add(person_named("Sam", "Cole", "A1234BC", "X123456"));
  }
  std::int64_t person_id = 0;
};

INSTANTIATE_TEST_SUITE_P(Backends, PlanTest, ::testing::Values(Backend::sqlite, Backend::postgresql), backend_name);

TEST_P(PlanTest, NeedsAssessmentsKeepEveryPathwayAndComeNewestFirst) {
  NeedsAssessment screening{0, person_id, 0, AssessmentKind::reception_screening, *parse_iso_date("2026-01-05"),
                            "Kim Walsh", {}};
  screening.pathways[Pathway::accommodation] = {NeedLevel::high, {"Sister nearby", "On the housing list"},
                                                "I have nowhere to go", AssessmentSource::self_report};
  screening.pathways[Pathway::health] = {NeedLevel::no_need, {}, "", AssessmentSource::practitioner};
  auto later = screening;
  later.kind = AssessmentKind::resettlement_assessment;
  later.assessed_on = *parse_iso_date("2026-02-01");
  later.pathways.erase(Pathway::health);
  auto tx = store->begin_write();
  screening.id = tx->needs_assessments().insert(screening);
  later.id = tx->needs_assessments().insert(later);
  tx->commit();
  auto stored = store->begin_read()->needs_assessments().for_person(person_id);
  ASSERT_EQ(stored.size(), 2u);
  EXPECT_EQ(stored[0].id, later.id);
  EXPECT_EQ(stored[0].kind, AssessmentKind::resettlement_assessment);
  EXPECT_EQ(stored[0].pathways, later.pathways);
  EXPECT_EQ(stored[1].pathways, screening.pathways);
  EXPECT_EQ(stored[1].assessed_on, screening.assessed_on);
  EXPECT_EQ(stored[1].assessed_by, "Kim Walsh");
  EXPECT_TRUE(store->begin_read()->needs_assessments().for_person(person_id + 1).empty());
}

TEST_P(PlanTest, APlanKeepsItsPartsInOrderAndRefusesAStaleChange) {
  auto day = *parse_iso_date("2026-01-05");
  auto tx = store->begin_write();
  Plan plan{0, person_id, 0, Offer::core, day, day, {}, {}, std::nullopt, {}};
  plan.id = tx->plans().insert(plan);
  Objective objective{0, Pathway::health, "See a GP", ObjectiveStatus::active, {}};
  objective.id = tx->plans().add_objective(plan.id, objective);
  Action action{0, "Register with a GP", ActionOwnerKind::agency, "Wharfe Health", *parse_iso_date("2026-02-01"),
                ActionStatus::not_started, ""};
  action.id = tx->plans().add_action(objective.id, action);
  action.status = ActionStatus::in_progress;
  action.status_reason = "Form sent";
  tx->plans().update_action(action);
  objective.actions = {action};
  tx->plans().add_review(plan.id, {ReviewKind::transfer, *parse_iso_date("2026-01-20"), "Moved wings"});
  tx->plans().add_review(plan.id, {ReviewKind::scheduled, *parse_iso_date("2026-01-10"), "First look"});
  tx->plans().add_agreement(plan.id, {day, "Yes"});
  tx->plans().add_agreement(plan.id, {*parse_iso_date("2026-01-21"), "Yes, again"});
  PlanResponse response{0, objective.id, PlanResponseKind::comment, "Near my sister please",
                        Timestamp{std::chrono::seconds{1'767'600'000}}};
  response.id = tx->plans().add_response(plan.id, response);
  plan.offer = Offer::specialised;
  plan.last_material_change_on = *parse_iso_date("2026-01-21");
  tx->plans().touch(plan, 1);
  EXPECT_THROW(tx->plans().touch(plan, 1), StaleVersion);
  tx->commit();
  auto stored = store->begin_read()->plans().for_person(person_id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->id, plan.id);
  EXPECT_EQ(stored->version, 2);
  EXPECT_EQ(stored->offer, Offer::specialised);
  EXPECT_EQ(stored->last_material_change_on, plan.last_material_change_on);
  EXPECT_EQ(stored->objectives, std::vector<Objective>{objective});
  ASSERT_EQ(stored->reviews.size(), 2u);
  EXPECT_EQ(stored->reviews[0].notes, "First look");  // in the order they were held
  ASSERT_TRUE(stored->agreement);
  EXPECT_EQ(stored->agreement->in_their_words, "Yes, again");
  EXPECT_EQ(stored->responses, std::vector<PlanResponse>{response});
  EXPECT_FALSE(store->begin_read()->plans().for_person(person_id + 1));
}

TEST_P(PlanTest, AChecklistUpdatesItsItemsInKindOrderAndRefusesAStaleUpdate) {
  auto day = *parse_iso_date("2026-01-05");
  PreReleaseChecklist checklist{0, person_id, 0, *parse_iso_date("2026-04-01"), day,
                                {{ChecklistItemKind::bank_account, day, ChecklistStatus::to_do, "", std::nullopt},
                                 {ChecklistItemKind::first_night_accommodation, day, ChecklistStatus::to_do, "",
                                  std::nullopt}},
                                std::nullopt};
  auto tx = store->begin_write();
  checklist.id = tx->checklists().insert(checklist);
  checklist.items[0] = {ChecklistItemKind::bank_account, day, ChecklistStatus::done, "", parse_iso_date("2026-01-06")};
  checklist.items.push_back({ChecklistItemKind::id_documents, day, ChecklistStatus::not_needed, "Has a passport",
                             std::nullopt});
  checklist.closed_on = parse_iso_date("2026-04-01");
  tx->checklists().update(checklist, 1);
  EXPECT_THROW(tx->checklists().update(checklist, 1), StaleVersion);
  tx->commit();
  auto stored = store->begin_read()->checklists().for_person(person_id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->version, 2);
  EXPECT_EQ(stored->closed_on, checklist.closed_on);
  std::sort(checklist.items.begin(), checklist.items.end(),
            [](const ChecklistItem& a, const ChecklistItem& b) { return a.kind < b.kind; });
  EXPECT_EQ(stored->items, checklist.items);
}

TEST_P(PlanTest, OutcomeSnapshotsComeInTheOrderRecorded) {
  OutcomeSnapshot start{0, person_id, Milestone::sentence_start, *parse_iso_date("2026-01-05"), {}};
  start.outcomes[Pathway::accommodation] = {OutcomeLevel::in_crisis, "No address"};
  OutcomeSnapshot first_night{0, person_id, Milestone::release_first_night, *parse_iso_date("2026-04-01"), {}};
  first_night.outcomes[Pathway::accommodation] = {OutcomeLevel::getting_by, "CAS3 placement for 12 weeks"};
  first_night.outcomes[Pathway::health] = {OutcomeLevel::settled, ""};
  auto tx = store->begin_write();
  start.id = tx->outcome_snapshots().insert(start);
  first_night.id = tx->outcome_snapshots().insert(first_night);
  tx->commit();
  auto stored = store->begin_read()->outcome_snapshots().for_person(person_id);
  ASSERT_EQ(stored.size(), 2u);
  EXPECT_EQ(stored[0].id, start.id);
  EXPECT_EQ(stored[0].outcomes, start.outcomes);
  EXPECT_EQ(stored[1].milestone, Milestone::release_first_night);
  EXPECT_EQ(stored[1].outcomes, first_night.outcomes);
}

// --- Licences, release days, day-of-release decisions and recalls --------------------------------

using std::chrono::April;
using std::chrono::December;
using std::chrono::February;
using std::chrono::January;
using std::chrono::June;
using std::chrono::March;
using std::chrono::May;
using std::chrono::November;

class ReleaseStoreTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped()) return;
    person_id = add(person_named("Sam", "Cole", "A1234BC", "X123456", "LEI", "LDS"));
    com = add_staff("com", Role::com);
    manager = add_staff("manager", Role::manager);
  }

  // A licence drafted by the COM: a standard condition, an additional one gone through with the person,
  // and a bespoke one with its explanation in both languages.
  Licence drafted(int number = 1) {
    Licence licence;
    licence.person_id = person_id;
    licence.number = number;
    licence.policy_version = "2026-04";
    licence.drafted_by = com;
    licence.conditions.push_back({1, ConditionKind::standard, "good_behaviour", {}, std::nullopt, "", "", {}, {}});
    LicenceCondition curfew{2, ConditionKind::additional, "curfew", {{"address", "1 Mill Lane"}, {"hours", "19:00-07:00"}},
                            ConditionPurpose::risk_to_public, "Night-time offending", "", {}, std::nullopt};
    curfew.understanding = Understanding{Date{2026y / December / 1}, Understood::partly, "Asked about weekends"};
    licence.conditions.push_back(curfew);
    licence.conditions.push_back({3, ConditionKind::bespoke, "bespoke", {}, ConditionPurpose::need_health,
                                  "Agreed with the GP", "Attend the clinic", {"Go to the clinic", "Ewch i'r clinig"},
                                  std::nullopt});
    return licence;
  }

  std::int64_t person_id = 0;
  std::int64_t com = 0;
  std::int64_t manager = 0;
};

INSTANTIATE_TEST_SUITE_P(Backends, ReleaseStoreTest, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         backend_name);

TEST_P(ReleaseStoreTest, ALicenceKeepsItsConditionsAndVariationAndMovesOnOnlyFromItsVersion) {
  auto tx = store->begin_write();
  auto licence = drafted();
  licence.id = tx->licences().insert(licence);
  EXPECT_THROW(tx->licences().insert(drafted()), Conflict) << "the person already has licence 1";
  tx->commit();

  auto stored = store->begin_read()->licences().find(licence.id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->version, 1);
  EXPECT_EQ(stored->status, LicenceStatus::draft);
  EXPECT_EQ(stored->policy_version, "2026-04");
  ASSERT_EQ(stored->conditions.size(), 3u);
  const auto& curfew = stored->conditions[1];
  EXPECT_EQ(curfew.kind, ConditionKind::additional);
  EXPECT_EQ(curfew.values, licence.conditions[1].values);
  EXPECT_EQ(curfew.purpose, ConditionPurpose::risk_to_public);
  EXPECT_EQ(curfew.understanding, licence.conditions[1].understanding);
  const auto& bespoke = stored->conditions[2];
  EXPECT_EQ(bespoke.bespoke_wording, "Attend the clinic");
  EXPECT_EQ(bespoke.bespoke_explanation.cy, "Ewch i'r clinig");
  EXPECT_FALSE(stored->conditions[0].purpose);
  EXPECT_FALSE(stored->decided_by);

  stored->status = LicenceStatus::active;
  stored->decided_by = manager;
  stored->approved_on = Date{2026y / December / 2};
  stored->active_from = Date{2026y / December / 3};
  stored->variation = {{{2, "Curfew added"}}, true, false};
  tx = store->begin_write();
  tx->licences().update(*stored, 1);
  EXPECT_THROW(tx->licences().update(*stored, 1), StaleVersion);
  tx.reset();
  tx = store->begin_write();
  tx->licences().update(*stored, 1);
  auto variation = drafted(2);
  variation.varies = licence.id;
  auto variation_id = tx->licences().insert(variation);
  tx->commit();

  auto read = store->begin_read();
  auto active = read->licences().find(licence.id);
  EXPECT_EQ(active->version, 2);
  EXPECT_EQ(active->status, LicenceStatus::active);
  EXPECT_EQ(active->decided_by, manager);
  EXPECT_EQ(active->active_from, (Date{2026y / December / 3}));
  EXPECT_EQ(active->variation, stored->variation);
  auto all = read->licences().for_person(person_id);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].id, variation_id) << "the latest first";
  EXPECT_EQ(all[0].varies, licence.id);
  auto nobody = add(person_named("Ann", "Lee", "A2222AA", ""));
  auto statuses = store->begin_read()->licences().latest_statuses({person_id, nobody});
  EXPECT_EQ(statuses, (std::map<std::int64_t, LicenceStatus>{{person_id, LicenceStatus::draft}}));
  EXPECT_FALSE(store->begin_read()->licences().find(variation_id + 100));
}

TEST_P(ReleaseStoreTest, ThePersonsResponsesToALicenceComeOldestFirst) {
  auto tx = store->begin_write();
  auto licence_id = tx->licences().insert(drafted());
  Timestamp at{std::chrono::seconds{1'796'000'000}};
  ConditionResponse understood{0, licence_id, 1, person_id, ConditionResponseKind::understood, "", at};
  ConditionResponse question{0, licence_id, 2, person_id, ConditionResponseKind::question, "Can I work nights?",
                             at + std::chrono::seconds{60}};
  understood.id = tx->licences().add_response(understood);
  question.id = tx->licences().add_response(question);
  tx->commit();
  EXPECT_EQ(store->begin_read()->licences().responses(licence_id),
            (std::vector<ConditionResponse>{understood, question}));
}

TEST_P(ReleaseStoreTest, AReleaseDayRecordKeepsItsArrangementsAndTheLatestReleaseIsRead) {
  ReleaseDayRecord record;
  record.person_id = person_id;
  record.release = {Date{2026y / December / 3}, "09:15", "LEI"};
  record.arrangements.tonight = FirstNightAccommodation::cas3;
  record.arrangements.address = "Flat 2, 5 Kirkgate";
  record.arrangements.provisions = {{ReleaseProvision::bank_account, {ProvisionStatus::in_place, "Opened in custody"}},
                                    {ReleaseProvision::medication, {ProvisionStatus::missing, ""}}};
  record.arrangements.medication_days = 7;
  record.recorded_by = com;
  auto other = add(person_named("Ann", "Lee", "A2222AA", ""));
  auto tx = store->begin_write();
  record.id = tx->release_days().insert(record);
  auto second = record;
  second.release.released_on = Date{2026y / December / 10};
  second.arrangements = {};
  second.id = tx->release_days().insert(second);
  tx->commit();
  EXPECT_FALSE(store->begin_read()->release_days().latest_for_person(other));

  auto latest = store->begin_read()->release_days().latest_for_person(person_id);
  ASSERT_TRUE(latest);
  EXPECT_EQ(latest->id, second.id);
  EXPECT_EQ(latest->release, second.release);
  EXPECT_EQ(latest->arrangements, ReleaseDayArrangements{});
  latest->arrangements = record.arrangements;
  tx = store->begin_write();
  tx->release_days().update(*latest, 1);
  EXPECT_THROW(tx->release_days().update(*latest, 1), StaleVersion);
  tx.reset();
  tx = store->begin_write();
  tx->release_days().update(*latest, 1);
  tx->commit();
  auto updated = store->begin_read()->release_days().latest_for_person(person_id);
  EXPECT_EQ(updated->version, 2);
  EXPECT_EQ(updated->arrangements, record.arrangements);
  EXPECT_EQ(updated->release, second.release) << "the release itself never changes";
  EXPECT_EQ(updated->recorded_by, com);
}

TEST_P(ReleaseStoreTest, DayOfReleaseDecisionsComeNewestFirstWithNamesAndTheNewestOfEachPerson) {
  auto other = add(person_named("Ann", "Lee", "A2222AA", ""));
  auto tx = store->begin_write();
  ReleaseDayDecision presumed{0, person_id, Date{2027y / January / 8}, Date{2027y / January / 4},
                              ReleaseDayChoice::presumed, com, std::nullopt, "2027-01-04T10:00:00.000Z", "", ""};
  presumed.id = tx->release_day_decisions().insert(presumed);
  ReleaseDayDecision second_day{0, person_id, Date{2027y / January / 8}, Date{2027y / January / 5},
                                ReleaseDayChoice::second_day, manager, com, "2027-01-05T11:00:00.000Z", "", ""};
  second_day.id = tx->release_day_decisions().insert(second_day);
  auto others = tx->release_day_decisions().insert({0, other, Date{2027y / January / 9}, Date{2027y / January / 4},
                                                    ReleaseDayChoice::presumed, com, std::nullopt,
                                                    "2027-01-04T12:00:00.000Z", "", ""});
  tx->commit();

  auto read = store->begin_read();
  auto decisions = read->release_day_decisions().for_person(person_id);
  ASSERT_EQ(decisions.size(), 2u);
  EXPECT_EQ(decisions[0].id, second_day.id);
  EXPECT_EQ(decisions[0].choice, ReleaseDayChoice::second_day);
  EXPECT_EQ(decisions[0].decided_by_name, "Staff manager");
  EXPECT_EQ(decisions[0].requested_by, com);
  EXPECT_EQ(decisions[0].requested_by_name, "Staff com");
  EXPECT_EQ(decisions[0].decided_at, "2027-01-05T11:00:00.000Z");
  EXPECT_EQ(decisions[1].requested_by_name, "") << "no second day was asked for";
  EXPECT_EQ(decisions[1].decided_date, (Date{2027y / January / 4}));
  std::vector<std::int64_t> people{person_id, other};
  std::set<std::int64_t> newest;
  for (const auto& decision : read->release_day_decisions().newest_for(people)) newest.insert(decision.id);
  EXPECT_EQ(newest, (std::set<std::int64_t>{second_day.id, others}));
  EXPECT_TRUE(refused("DELETE FROM release_day_decision"));
  EXPECT_TRUE(refused("UPDATE release_day_decision SET choice = 'presumed'"));
}

TEST_P(ReleaseStoreTest, ARecallConsiderationIsRecommendedAndDecidedFromItsVersion) {
  RecallConsideration recall;
  recall.person_id = person_id;
  recall.started_by = com;
  recall.started_on = Date{2027y / February / 1};
  recall.trigger = RecallTrigger::both;
  recall.risk_change = "Contact with the victim";
  recall.conditions_breached = {"no_contact", "curfew"};
  recall.alternatives_tried = {RecallAlternative::warning, RecallAlternative::more_frequent_contact};
  auto tx = store->begin_write();
  recall.id = tx->recalls().insert(recall);
  tx->commit();
  recall.version = 1;
  EXPECT_EQ(store->begin_read()->recalls().find(recall.id), recall);

  recall.status = RecallStatus::decided;
  recall.recommendation = RecallOutcome::recall;
  recall.recommendation_reasons = "Risk is no longer manageable";
  recall.recommended_by = com;
  recall.recommended_on = Date{2027y / February / 2};
  recall.decision = RecallOutcome::recall;
  recall.decision_rationale = "Agreed";
  recall.decided_by = manager;
  recall.decided_on = Date{2027y / February / 3};
  recall.recall_type = RecallTypeResult{RecallType::fixed_term_56, RecallTypeRule::adult_fixed_term_56, "An adult on a standard sentence"};
  recall.returned_on = Date{2027y / February / 4};
  recall.returned_to = "HAI";
  tx = store->begin_write();
  tx->recalls().update(recall, 1);
  EXPECT_THROW(tx->recalls().update(recall, 1), StaleVersion);
  tx.reset();
  tx = store->begin_write();
  tx->recalls().update(recall, 1);
  RecallConsideration later;
  later.person_id = person_id;
  later.started_by = com;
  later.started_on = Date{2027y / March / 1};
  later.id = tx->recalls().insert(later);
  tx->commit();
  recall.version = 2;
  auto read = store->begin_read();
  EXPECT_EQ(read->recalls().find(recall.id), recall);
  auto all = read->recalls().for_person(person_id);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].id, later.id) << "newest first";
  EXPECT_EQ(all[0].recall_type, std::nullopt);
  EXPECT_EQ(all[0].recommended_by, 0) << "no one yet";
  EXPECT_FALSE(read->recalls().find(later.id + 1));
}

// --- Supervision: appointments, outcomes, enforcement, contact plans and calendar feeds -----------

class SupervisionStoreTest : public ReleaseStoreTest {
 protected:
  Appointment booked(Date on, std::string starts_at, std::int64_t with) {
    Appointment appointment;
    appointment.person_id = person_id;
    appointment.type = AppointmentType::supervision;
    appointment.on = on;
    appointment.starts_at = *parse_clock_time(starts_at);
    appointment.ends_at = *parse_clock_time("17:00");
    appointment.office_code = "LDS";
    appointment.with_staff_id = with;
    appointment.booked_by = with;
    appointment.notes = "Bring your letter";
    return appointment;
  }
  // Stored in a write of its own, as it reads back (version 1).
  Appointment book(Appointment appointment) {
    auto tx = store->begin_write();
    appointment.id = tx->appointments().insert(appointment);
    tx->commit();
    appointment.version = 1;
    return appointment;
  }
  std::int64_t record(const Appointment& appointment, AppointmentOutcome outcome, std::string reason = "") {
    auto tx = store->begin_write();
    auto id = tx->appointment_outcomes().insert(
        person_id, {0, appointment.id, appointment.on, outcome, std::move(reason), com, "2027-01-11T09:00:00.000Z"});
    tx->commit();
    return id;
  }
};

INSTANTIATE_TEST_SUITE_P(Backends, SupervisionStoreTest, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         backend_name);

TEST_P(SupervisionStoreTest, AnAppointmentIsMovedAndCancelledOnlyFromItsVersionAndListedByDay) {
  auto first = book(booked(Date{2027y / January / 4}, "10:00", com));
  auto later = book(booked(Date{2027y / January / 11}, "14:00", com));
  EXPECT_EQ(store->begin_read()->appointments().find(first.id), first);

  auto moved = first;
  moved.on = Date{2027y / January / 5};
  moved.starts_at = *parse_clock_time("09:30");
  moved.notes = "";
  auto tx = store->begin_write();
  tx->appointments().update(moved, 1);
  EXPECT_THROW(tx->appointments().update(moved, 1), StaleVersion);
  tx.reset();
  tx = store->begin_write();
  tx->appointments().update(moved, 1);
  Cancellation cancellation{"2027-01-06T08:00:00.000Z", manager, "Officer unwell"};
  tx->appointments().cancel(later.id, cancellation, 1);
  tx->commit();
  tx = store->begin_write();
  EXPECT_THROW(tx->appointments().cancel(later.id, cancellation, 2), StaleVersion) << "cancelled once only";
  tx.reset();

  moved.version = 2;
  later.version = 2;
  later.cancellation = cancellation;
  auto read = store->begin_read();
  EXPECT_EQ(read->appointments().find(first.id), moved);
  EXPECT_EQ(read->appointments().find(later.id), later);
  EXPECT_EQ(read->appointments().for_person(person_id, Date{2027y / January / 1}, Date{2027y / January / 31}),
            (std::vector<Appointment>{moved, later}));
  EXPECT_EQ(read->appointments().for_person(person_id, Date{2027y / January / 6}, Date{2027y / January / 10}),
            std::vector<Appointment>{});
  EXPECT_EQ(read->appointments().latest(person_id, AppointmentType::supervision), later) << "the highest id";
  EXPECT_FALSE(read->appointments().latest(person_id, AppointmentType::induction));
  EXPECT_FALSE(read->appointments().find(later.id + 1));
  EXPECT_TRUE(refused("DELETE FROM appointment"));
}

TEST_P(SupervisionStoreTest, ADiaryShowsTheOfficersAndTheirJointVisitsWithThePersonsNames) {
  auto police = add_staff("police", Role::police);
  auto visit = booked(Date{2027y / January / 5}, "11:00", com);
  visit.type = AppointmentType::home_visit;
  visit.joint_with = police;
  visit = book(visit);
  auto own = book(booked(Date{2027y / January / 4}, "10:00", com));
  book(booked(Date{2027y / January / 20}, "10:00", com));  // outside the days asked for

  auto diary = store->begin_read()->appointments().diary(com, Date{2027y / January / 1}, Date{2027y / January / 10});
  ASSERT_EQ(diary.size(), 2u);
  EXPECT_EQ(diary[0].appointment, own);
  EXPECT_EQ(diary[1].appointment, visit);
  EXPECT_EQ(diary[1].given_name, "Sam");
  EXPECT_EQ(diary[1].family_name, "Cole");
  EXPECT_EQ(diary[1].crn, "X123456");
  auto joint = store->begin_read()->appointments().diary(police, Date{2027y / January / 1}, Date{2027y / January / 10});
  ASSERT_EQ(joint.size(), 1u);
  EXPECT_EQ(joint[0].appointment.id, visit.id);
}

TEST_P(SupervisionStoreTest, ASeriesIsStoredAndAnAbsenceNoticeStaysOpenUntilTheAppointmentIsActedOn) {
  auto tx = store->begin_write();
  AppointmentSeries series{Repeat::fortnightly, Date{2027y / January / 4}, Date{2027y / March / 1},
                           {Date{2027y / January / 18}}};
  auto series_id = tx->appointments().insert_series(person_id, series, com);
  tx->commit();
  EXPECT_EQ(raw_text("SELECT repeat || ' ' || until || ' ' || exceptions FROM appointment_series WHERE id = " +
                     std::to_string(series_id)),
            "fortnightly 2027-03-01 [\"2027-01-18\"]");
  auto in_series = booked(Date{2027y / January / 4}, "10:00", com);
  in_series.series_id = series_id;
  in_series = book(in_series);
  auto moved_since = book(booked(Date{2027y / January / 6}, "10:00", com));
  auto with_outcome = book(booked(Date{2027y / January / 7}, "10:00", com));

  Timestamp sent{std::chrono::seconds{1'798'000'000}};
  tx = store->begin_write();
  std::vector<AbsenceNotice> notices;
  for (const auto& appointment : {in_series, moved_since, with_outcome}) {
    AbsenceNotice notice{0, appointment.id, person_id, "My bus is cancelled", sent};
    notice.id = tx->appointments().add_absence_notice(notice);
    notices.insert(notices.begin(), notice);
  }
  auto moved = moved_since;
  moved.starts_at = *parse_clock_time("15:00");
  tx->appointments().update(moved, 1);
  tx->commit();
  record(with_outcome, AppointmentOutcome::acceptable_absence, "Bus cancelled");

  auto read = store->begin_read();
  EXPECT_EQ(read->appointments().absence_notices(person_id), notices) << "newest first";
  auto open = read->appointments().open_absence_notices(com);
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].notice, notices.back());
  EXPECT_EQ(open[0].entry.appointment, in_series);
  EXPECT_EQ(open[0].entry.family_name, "Cole");
  EXPECT_TRUE(read->appointments().open_absence_notices(manager).empty());
}

TEST_P(SupervisionStoreTest, TheStandingOutcomeIsTheLatestAndTheLastAttendanceCountsOnlyWhereItStands) {
  auto monday = book(booked(Date{2027y / January / 4}, "10:00", com));
  auto tuesday = book(booked(Date{2027y / January / 5}, "10:00", com));
  EXPECT_FALSE(store->begin_read()->appointment_outcomes().last_attended(person_id));
  record(monday, AppointmentOutcome::attended);
  record(tuesday, AppointmentOutcome::attended);
  EXPECT_EQ(store->begin_read()->appointment_outcomes().last_attended(person_id), (Date{2027y / January / 5}));
  auto corrected = record(tuesday, AppointmentOutcome::absence_awaiting_evidence, "Says they were ill");
  EXPECT_EQ(store->begin_read()->appointment_outcomes().last_attended(person_id), (Date{2027y / January / 4}));

  auto read = store->begin_read();
  auto decisions = read->appointment_outcomes().for_person(person_id, Date{2027y / January / 5});
  ASSERT_EQ(decisions.size(), 2u) << "from the day asked for, in the order recorded";
  EXPECT_EQ(decisions[1], (OutcomeDecision{corrected, tuesday.id, tuesday.on, AppointmentOutcome::absence_awaiting_evidence,
                                           "Says they were ill", com, "2027-01-11T09:00:00.000Z"}));
  EXPECT_EQ(read->appointment_outcomes().people_awaiting_evidence(Date{2027y / January / 1}),
            std::vector<std::int64_t>{person_id});
  EXPECT_TRUE(read->appointment_outcomes().people_awaiting_evidence(Date{2027y / January / 6}).empty());
  EXPECT_TRUE(refused("UPDATE appointment_outcome SET reason = ''"));
}

TEST_P(SupervisionStoreTest, EnforcementStepsComeNewestFirst) {
  auto missed = book(booked(Date{2027y / January / 4}, "10:00", com));
  auto tx = store->begin_write();
  store::EnforcementAction warning{0, person_id, missed.id, EnforcementStep::warning, 1, com, "2027-01-05T09:00:00.000Z",
                            std::nullopt};
  warning.id = tx->enforcement().insert(warning);
  store::EnforcementAction review{0, person_id, missed.id, EnforcementStep::manager_review, 2, com,
                           "2027-01-12T09:00:00.000Z", std::nullopt};
  review.id = tx->enforcement().insert(review);
  tx->commit();
  auto actions = store->begin_read()->enforcement().for_person(person_id);
  ASSERT_EQ(actions.size(), 2u);
  EXPECT_EQ(actions[0].id, review.id);
  EXPECT_EQ(actions[0].step, EnforcementStep::manager_review);
  EXPECT_EQ(actions[0].failures, 2);
  EXPECT_EQ(actions[1].decided_at, "2027-01-05T09:00:00.000Z");
  EXPECT_FALSE(actions[1].message_id);
}

TEST_P(SupervisionStoreTest, AContactPlanSupersedesTheOneInForceOnlyFromItsVersionAndPutsThePersonOnTheWorklist) {
  save_handover_date(person_id, Date{2026y / December / 1});  // case dates first: the plan's dates follow
  ContactPlan weekly{0, person_id, Date{2027y / January / 4}, {{7, 4}, {14, std::nullopt}}, "Settling in",
                     Date{2027y / April / 5}, com, "2027-01-04T09:00:00.000Z"};
  auto tx = store->begin_write();
  weekly.id = tx->contact_plans().insert(weekly, 0);
  EXPECT_THROW(tx->contact_plans().insert(weekly, 0), StaleVersion);
  tx.reset();
  tx = store->begin_write();
  weekly.id = tx->contact_plans().insert(weekly, 0);
  tx->commit();
  EXPECT_EQ(store->begin_read()->contact_plans().for_person(person_id), std::vector<ContactPlan>{weekly});

  // Not seen since the plan began: due on 11 January, so on the list from 12 January.
  auto worklist = [&](Date today, std::optional<store::UnitScope> within) {
    std::vector<std::int64_t> ids;
    store::WorklistScope scope{within, "", "", {std::nullopt, 50}, std::nullopt};
    for (const auto& row : store->begin_read()->contact_plans().worklist(today, scope).items) {
      EXPECT_EQ(row.plan, weekly);
      EXPECT_EQ(row.pdu_code, "LDS");
      ids.push_back(row.person.id);
    }
    return ids;
  };
  std::vector<std::int64_t> sam{person_id};
  EXPECT_TRUE(worklist(Date{2027y / January / 11}, std::nullopt).empty());
  EXPECT_EQ(worklist(Date{2027y / January / 12}, std::nullopt), sam);
  EXPECT_EQ(worklist(Date{2027y / January / 12}, store::UnitScope{"", "LDS", std::nullopt}), sam);
  EXPECT_TRUE(worklist(Date{2027y / January / 12}, store::UnitScope{"", "BRD", std::nullopt}).empty());
  EXPECT_EQ(worklist(Date{2027y / January / 12}, store::UnitScope{"", "BRD", com}).size(), 0u)
      << "not on the COM's caseload";

  auto fortnightly = weekly;
  fortnightly.stages = {{14, std::nullopt}};
  fortnightly.reason = "Going well";
  tx = store->begin_write();
  fortnightly.id = tx->contact_plans().insert(fortnightly, 1);
  tx->commit();
  auto plans = store->begin_read()->contact_plans().for_person(person_id);
  EXPECT_EQ(plans, (std::vector<ContactPlan>{fortnightly, weekly})) << "the one in force first, the history kept";
  EXPECT_TRUE(refused("DELETE FROM contact_plan"));
}

TEST_P(SupervisionStoreTest, ACalendarFeedIsFoundByItsTokensHashUntilRevokedOnce) {
  std::string hash(64, 'a');
  store::CalendarFeed diary{0, com, std::nullopt, com, "2027-01-04T09:00:00.000Z", std::nullopt, ""};
  store::CalendarFeed persons{0, std::nullopt, person_id, com, "2027-01-04T09:05:00.000Z", std::nullopt, ""};
  auto tx = store->begin_write();
  diary.id = tx->calendar_feeds().insert(hash, diary);
  persons.id = tx->calendar_feeds().insert(std::string(64, 'b'), persons);
  tx->commit();
  auto read = store->begin_read();
  EXPECT_EQ(read->calendar_feeds().find_current(hash)->id, diary.id);
  EXPECT_EQ(read->calendar_feeds().current_for_staff(com)->id, diary.id);
  EXPECT_EQ(read->calendar_feeds().current_for_person(person_id)->staff_id, std::nullopt);
  EXPECT_FALSE(read->calendar_feeds().current_for_staff(manager));
  read.reset();

  tx = store->begin_write();
  EXPECT_ANY_THROW(tx->calendar_feeds().insert(std::string(64, 'c'), diary)) << "one current feed each";
  tx.reset();
  tx = store->begin_write();
  EXPECT_TRUE(tx->calendar_feeds().revoke(diary.id, manager, "2027-01-05T10:00:00.000Z"));
  EXPECT_FALSE(tx->calendar_feeds().revoke(diary.id, manager, "2027-01-05T11:00:00.000Z"));
  tx->commit();
  read = store->begin_read();
  EXPECT_FALSE(read->calendar_feeds().find_current(hash));
  auto revoked = read->calendar_feeds().find(diary.id);
  ASSERT_TRUE(revoked);
  EXPECT_EQ(revoked->revoked_by, manager);
  EXPECT_EQ(revoked->revoked_at, "2027-01-05T10:00:00.000Z");
  EXPECT_FALSE(revoked->current());
}

// --- The person's contact details, the outbox and their own account ---------------------------------

class PersonMessagesTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped()) return;
    person_id = add(person_named("Sam", "Cole", "A1234BC", "X123456"));
    other_id = add(person_named("Ann", "Lee", "A1111AA", ""));
    staff_id = add_staff("com", Role::com);
  }

  OutboxMessage message(std::int64_t person, std::string key, Timestamp next_attempt_at) {
    OutboxMessage m;
    m.person_id = person;
    m.idempotency_key = std::move(key);
    m.kind = MessageKind::day_before_reminder;
    m.channel = MessageChannel::sms;
    m.language = Language::cy;
    m.to = "+447700900123";
    m.body = "Apwyntiad yfory am 10:00";
    m.next_attempt_at = next_attempt_at;
    return m;
  }
  std::vector<std::int64_t> ids_of(const std::vector<OutboxMessage>& messages) {
    std::vector<std::int64_t> ids;
    for (const auto& m : messages) ids.push_back(m.id);
    return ids;
  }

  static Timestamp at(std::int64_t seconds) { return Timestamp{std::chrono::seconds{seconds}}; }

  std::int64_t person_id = 0;
  std::int64_t other_id = 0;
  std::int64_t staff_id = 0;
};

INSTANTIATE_TEST_SUITE_P(Backends, PersonMessagesTest, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         backend_name);

using Ids = std::vector<std::int64_t>;

TEST_P(PersonMessagesTest, ContactDetailsAndWorkingHoursAreSavedFromTheirVersionOnly) {
  auto tx = store->begin_write();
  EXPECT_EQ(tx->person_contacts().find(person_id).version, 0);  // none recorded yet
  PersonContact contact;
  contact.details = {MessageChannel::email, Language::cy, "+447700900123", "sam@example.org", false, true};
  contact.work.shifts = {{std::chrono::Monday, *parse_clock_time("09:00"), *parse_clock_time("17:30")},
                         {std::chrono::Saturday, *parse_clock_time("22:00"), *parse_clock_time("23:59")}};
  tx->person_contacts().save(person_id, contact, 0);
  EXPECT_THROW(tx->person_contacts().save(person_id, contact, 0), StaleVersion);
  auto stored = tx->person_contacts().find(person_id);
  EXPECT_EQ(stored.version, 1);
  EXPECT_EQ(stored.details, contact.details);
  ASSERT_EQ(stored.work.shifts.size(), 2u);
  EXPECT_EQ(stored.work.shifts[1].day, std::chrono::Saturday);
  EXPECT_EQ(to_text(stored.work.shifts[1].starts_at), "22:00");
  EXPECT_EQ(to_text(stored.work.shifts[0].ends_at), "17:30");

  stored.details.opted_out = true;
  stored.details.stop_received = false;
  stored.work.shifts.clear();
  tx->person_contacts().save(person_id, stored, 1);
  EXPECT_THROW(tx->person_contacts().save(person_id, stored, 1), StaleVersion);
  auto again = tx->person_contacts().find(person_id);
  EXPECT_EQ(again.version, 2);
  EXPECT_TRUE(again.details.opted_out);
  EXPECT_FALSE(again.details.stop_received);
  EXPECT_TRUE(again.work.shifts.empty());
  EXPECT_EQ(tx->person_contacts().find(other_id).version, 0);
}

TEST_P(PersonMessagesTest, AMessageIsQueuedOncePerKeyAndComesBackAsQueued) {
  auto tx = store->begin_write();
  auto m = message(person_id, "reminder:1:day_before", at(1'800'000'000));
  m.not_after = at(1'800'086'400);
  m.withheld = WithheldReason::appointment_cancelled;
  auto first = tx->outbox().insert(m);
  EXPECT_TRUE(first.inserted);
  auto again = tx->outbox().insert(message(person_id, "reminder:1:day_before", at(5)));
  EXPECT_EQ(again.id, first.id);
  EXPECT_FALSE(again.inserted);
  auto stored = tx->outbox().find(first.id);
  ASSERT_TRUE(stored);
  m.id = first.id;
  EXPECT_EQ(*stored, m);
  EXPECT_FALSE(tx->outbox().find(first.id + 100));
}

TEST_P(PersonMessagesTest, DueMessagesAreQueuedOnesAndSendingOnesLeftStaleInTheOrderTheyFallDue) {
  auto tx = store->begin_write();
  auto later = tx->outbox().insert(message(person_id, "a:1", at(300))).id;
  auto sooner = tx->outbox().insert(message(person_id, "a:2", at(100))).id;
  auto future = tx->outbox().insert(message(person_id, "a:3", at(900))).id;
  auto sending = message(person_id, "a:4", at(200));
  sending.status = MessageStatus::sending;
  auto stuck = tx->outbox().insert(sending).id;
  auto sent = message(person_id, "a:5", at(50));
  sent.status = MessageStatus::sent;
  sent.sent_at = at(60);
  tx->outbox().insert(sent);
  EXPECT_EQ(ids_of(tx->outbox().due(at(500), at(150), 10)), (Ids{sooner, later}));  // the sending one is fresh
  EXPECT_EQ(ids_of(tx->outbox().due(at(500), at(250), 10)), (Ids{sooner, stuck, later}));
  EXPECT_EQ(ids_of(tx->outbox().due(at(500), at(250), 2)), (Ids{sooner, stuck}));

  auto update = *tx->outbox().find(future);
  update.status = MessageStatus::failed;
  update.attempts = 10;
  update.last_error = "Notify said 400";
  tx->outbox().update(update);
  EXPECT_EQ(*tx->outbox().find(future), update);
  update.id = future + 100;
  EXPECT_THROW(tx->outbox().update(update), NotFound);
}

TEST_P(PersonMessagesTest, QueuedMessagesAreFoundByKeyPrefixByteByByte) {
  auto tx = store->begin_write();
  auto first = tx->outbox().insert(message(person_id, "appointment:7:booked", at(1))).id;
  auto second = tx->outbox().insert(message(person_id, "appointment:7:Moved", at(1))).id;
  tx->outbox().insert(message(person_id, "appointment:70:booked", at(1)));  // another appointment
  tx->outbox().insert(message(person_id, "appointment:7", at(1)));          // shorter than the prefix
  auto sent = message(person_id, "appointment:7:reminder", at(1));
  sent.status = MessageStatus::sent;
  tx->outbox().insert(sent);
  EXPECT_EQ(ids_of(tx->outbox().queued_with_prefix("appointment:7:")), (Ids{first, second}));
  EXPECT_THROW(tx->outbox().queued_with_prefix(""), std::invalid_argument);
}

TEST_P(PersonMessagesTest, AListIsAPersonsOrEveryonesNewestFirstAPageAtATime) {
  Ids mine, everyone;
  {
    auto tx = store->begin_write();
    for (int i = 0; i < 5; ++i) {
      auto id = tx->outbox().insert(message(i == 2 ? other_id : person_id, "k:" + std::to_string(i), at(i))).id;
      everyone.insert(everyone.begin(), id);
      if (i != 2) mine.insert(mine.begin(), id);
    }
    tx->commit();
  }
  auto walk = [&](std::int64_t person) {
    Ids ids;
    store::PageRequest page{std::nullopt, 2};
    do {
      auto listed = store->begin_read()->outbox().list(person, page);
      for (const auto& m : listed.items) ids.push_back(m.id);
      page.cursor = listed.next_cursor;
    } while (page.cursor && ids.size() < 10);
    return ids;
  };
  EXPECT_EQ(walk(person_id), mine);
  EXPECT_EQ(walk(0), everyone);
  EXPECT_EQ(failed_fields([&] { store->begin_read()->outbox().list(0, {std::nullopt, 0}); }), Fields{"limit"});
}

TEST_P(PersonMessagesTest, AnAccountIsOnePerPersonAndFoundByContactUntilWithdrawn) {
  auto tx = store->begin_write();
  PersonAccount account{0, person_id, {AccountContactKind::mobile, "+447700900123"}, PersonAccountStatus::invited,
                        Language::cy, staff_id, at(1'800'000'000), 0, std::nullopt};
  account.id = tx->person_accounts().save(account);
  EXPECT_EQ(tx->person_accounts().find_for_person(person_id), account);
  EXPECT_EQ(tx->person_accounts().find_by_contact("+447700900123"), account);
  EXPECT_FALSE(tx->person_accounts().find_for_person(other_id));

  auto invited_again = account;  // a new invitation replaces the account
  invited_again.contact = {AccountContactKind::email, "sam@example.org"};
  invited_again.invited_at = at(1'800'000'500);
  EXPECT_EQ(tx->person_accounts().save(invited_again), account.id);
  EXPECT_EQ(tx->person_accounts().find_for_person(person_id), invited_again);
  EXPECT_FALSE(tx->person_accounts().find_by_contact("+447700900123"));

  invited_again.status = PersonAccountStatus::withdrawn;
  invited_again.language = Language::en;
  invited_again.wrong_codes = 5;
  invited_again.locked_until = at(1'800'000'900);
  tx->person_accounts().update_state(invited_again);
  EXPECT_EQ(tx->person_accounts().find_for_person(person_id), invited_again);
  EXPECT_FALSE(tx->person_accounts().find_by_contact("sam@example.org"));
}

TEST_P(PersonMessagesTest, CodesAreCountedFoundNewestFirstAndUsedOnce) {
  auto tx = store->begin_write();
  auto account = tx->person_accounts().save({0, person_id, {AccountContactKind::mobile, "+447700900123"},
                                            PersonAccountStatus::active, Language::en, staff_id, at(1000), 0, {}});
  auto old = tx->person_accounts().add_code(account, "hash-a", at(2000));
  auto newer = tx->person_accounts().add_code(account, "hash-a", at(2100));
  tx->person_accounts().add_code(account, "hash-b", at(2200));
  EXPECT_NE(old, newer);
  EXPECT_EQ(tx->person_accounts().codes_issued_since(account, at(2000)), 2);  // after, not at
  EXPECT_EQ(tx->person_accounts().codes_issued_since(account, at(1999)), 3);
  auto found = tx->person_accounts().find_code(account, "hash-a");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, newer);
  EXPECT_EQ(found->issued_at, at(2100));
  EXPECT_FALSE(found->used_at);
  tx->person_accounts().count_attempt(account);
  tx->person_accounts().use_code(newer, at(2150));
  tx->person_accounts().use_code(newer, at(2160));  // used once: the first use stands
  EXPECT_EQ(tx->person_accounts().find_code(account, "hash-a")->used_at, at(2150));
  EXPECT_FALSE(tx->person_accounts().find_code(account, "hash-c"));
  tx->commit();
  EXPECT_EQ(raw_text("SELECT attempts FROM person_sign_in_code WHERE id = " + std::to_string(old)), "1");
  EXPECT_EQ(raw_text("SELECT attempts FROM person_sign_in_code WHERE id = " + std::to_string(newer)), "1");
}

TEST_P(PersonMessagesTest, ASessionLastsUntilRevokedOrTheAccountIsWithdrawn) {
  auto tx = store->begin_write();
  PersonAccount account{0, person_id, {AccountContactKind::mobile, "+447700900123"}, PersonAccountStatus::active,
                        Language::en, staff_id, at(1000), 0, std::nullopt};
  account.id = tx->person_accounts().save(account);
  tx->person_accounts().add_session(account.id, "session-1", "csrf-1", at(3000));
  tx->person_accounts().add_session(account.id, "session-2", "csrf-2", at(3000));
  tx->person_accounts().record_last_seen("session-1", at(3600));
  auto session = tx->person_accounts().find_session("session-1");
  ASSERT_TRUE(session);
  EXPECT_EQ(session->account, account);
  EXPECT_EQ(session->csrf_token, "csrf-1");
  EXPECT_EQ(session->last_seen_at, at(3600));
  tx->person_accounts().revoke_session("session-1", at(3700));
  EXPECT_FALSE(tx->person_accounts().find_session("session-1"));
  EXPECT_TRUE(tx->person_accounts().find_session("session-2"));
  account.status = PersonAccountStatus::withdrawn;
  tx->person_accounts().update_state(account);
  EXPECT_FALSE(tx->person_accounts().find_session("session-2"));
}

TEST_P(PersonMessagesTest, ApiTokensAreListedNewestFirstRevokedByTheirAccountOnlyAndNoteTheirUse) {
  auto tx = store->begin_write();
  PersonAccount account{0, person_id, {AccountContactKind::mobile, "+447700900123"}, PersonAccountStatus::active,
                        Language::en, staff_id, at(1000), 0, std::nullopt};
  account.id = tx->person_accounts().save(account);
  auto other = tx->person_accounts().save({0, other_id, {AccountContactKind::email, "ann@example.org"},
                                          PersonAccountStatus::active, Language::en, staff_id, at(1000), 0, {}});
  PersonApiToken first{0, account.id, "Calendar app", TokenScope::read, at(5000), at(9000), {}, {}};
  first.id = tx->person_accounts().add_api_token("token-1", first);
  PersonApiToken second{0, account.id, "Reminders", TokenScope::write, at(6000), at(9000), {}, {}};
  second.id = tx->person_accounts().add_api_token("token-2", second);
  EXPECT_EQ(tx->person_accounts().api_tokens(account.id), (std::vector<PersonApiToken>{second, first}));

  tx->person_accounts().record_api_token_use(first.id, at(7000));
  EXPECT_FALSE(tx->person_accounts().revoke_api_token(other, first.id, at(7100)));  // not that account's
  EXPECT_TRUE(tx->person_accounts().revoke_api_token(account.id, first.id, at(7200)));
  EXPECT_FALSE(tx->person_accounts().revoke_api_token(account.id, first.id, at(7300)));  // already revoked
  first.last_used_at = at(7000);
  first.revoked_at = at(7200);
  auto holder = tx->person_accounts().find_api_token("token-1");  // revoked tokens are found too
  ASSERT_TRUE(holder);
  EXPECT_EQ(holder->token, first);
  EXPECT_EQ(holder->account, account);
  EXPECT_FALSE(tx->person_accounts().find_api_token("token-3"));
  account.status = PersonAccountStatus::withdrawn;
  tx->person_accounts().update_state(account);
  EXPECT_FALSE(tx->person_accounts().find_api_token("token-2"));
}

TEST_P(PersonMessagesTest, TheDatabaseRefusesToDeleteMessagesOrAccounts) {
  {
    auto tx = store->begin_write();
    tx->outbox().insert(message(person_id, "k:1", at(1)));
    tx->person_accounts().save({0, person_id, {AccountContactKind::mobile, "+447700900123"},
                                PersonAccountStatus::active, Language::en, staff_id, at(1000), 0, {}});
    tx->commit();
  }
  EXPECT_TRUE(refused("DELETE FROM outbox_message"));
  EXPECT_TRUE(refused("DELETE FROM person_account"));
  EXPECT_EQ(raw_text("SELECT count(*) FROM outbox_message"), "1");
}

// --- MAPPA, information sharing and IOM ------------------------------------------------------------

class RiskSharingTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped()) return;
    person_id = add(person_named("Sam", "Cole", "A1234BC", "X123456", "LEI", "LDS"));
    staff_id = add_staff("com", Role::com);
    police_id = add_staff("police", Role::police);
  }

  static Date day(const char* iso) { return *parse_iso_date(iso); }

  MappaDecision decision(std::int64_t person, MappaLevel level, const char* on) {
    return {0, person, MappaCategory::category_2, level, day(on), "Level 2 panel, chair J Smith", "Risk to a partner",
            staff_id};
  }
  MappaMeeting meeting(std::int64_t person, const char* on) {
    return {0,  person, 0, MappaMeetingKind::review, day(on), MappaMeetingStatus::planned,
            {{Agency::police, "PC Shaw", police_id}, {Agency::housing, "Leeds Housing", std::nullopt}},
            "", staff_id};
  }
  MappaAction action(std::int64_t meeting_id, std::int64_t person, const char* due) {
    return {0, meeting_id, person, 0, "Check the address", Agency::police, "PC Shaw", day(due), MappaActionStatus::open,
            std::nullopt, std::nullopt};
  }

  std::int64_t person_id = 0;
  std::int64_t staff_id = 0;
  std::int64_t police_id = 0;
};

INSTANTIATE_TEST_SUITE_P(Backends, RiskSharingTest, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         backend_name);

TEST_P(RiskSharingTest, DecisionsAndReferralsComeNewestFirstAndDecisionsAreNeverChanged) {
  auto tx = store->begin_write();
  auto first = decision(person_id, MappaLevel::level_1, "2026-01-05");
  first.id = tx->mappa().insert_decision(first);
  auto second = decision(person_id, MappaLevel::level_3, "2026-02-01");
  second.category = MappaCategory::category_4;
  second.reason = "";
  second.id = tx->mappa().insert_decision(second);
  auto same_day = decision(person_id, MappaLevel::level_2, "2026-02-01");
  same_day.id = tx->mappa().insert_decision(same_day);
  EXPECT_EQ(tx->mappa().decisions_for(person_id), (std::vector<MappaDecision>{same_day, second, first}));

  MappaReferral referral{0, person_id, MappaLevel::level_3, "Escalating threats", day("2026-01-20"), staff_id};
  referral.id = tx->mappa().insert_referral(referral);
  MappaReferral earlier{0, person_id, MappaLevel::level_2, "New offence", day("2026-01-02"), staff_id};
  earlier.id = tx->mappa().insert_referral(earlier);
  EXPECT_EQ(tx->mappa().referrals_for(person_id), (std::vector<MappaReferral>{referral, earlier}));
  tx->commit();
  EXPECT_TRUE(refused("UPDATE mappa_decision SET reason = 'edited'"));
  EXPECT_TRUE(refused("DELETE FROM mappa_referral"));
}

TEST_P(RiskSharingTest, MeetingsKeepTheirAttendeesAndChangeFromTheirVersionOnly) {
  auto tx = store->begin_write();
  auto held = meeting(person_id, "2026-01-10");
  held.kind = MappaMeetingKind::first;
  held.id = tx->mappa().insert_meeting(held);
  auto planned = meeting(person_id, "2026-03-10");
  planned.attendees = {};
  planned.id = tx->mappa().insert_meeting(planned);
  held.version = planned.version = 1;
  EXPECT_EQ(tx->mappa().find_meeting(held.id), held);
  EXPECT_EQ(tx->mappa().meetings_for(person_id), (std::vector<MappaMeeting>{planned, held}));

  held.status = MappaMeetingStatus::held;
  held.notes = "Agreed a curfew check";
  held.attendees.push_back({Agency::adult_social_care, "J Patel", std::nullopt});
  tx->mappa().update_meeting(held, 1);
  EXPECT_THROW(tx->mappa().update_meeting(held, 1), StaleVersion);
  held.version = 2;
  EXPECT_EQ(tx->mappa().find_meeting(held.id), held);
  EXPECT_FALSE(tx->mappa().find_meeting(planned.id + 100));
}

TEST_P(RiskSharingTest, AnAttendeeNamedByAccountSeesEachCaseOnce) {
  auto other = add(person_named("Ann", "Lee", "A1111AA", "", "LEI"));
  auto tx = store->begin_write();
  tx->mappa().insert_meeting(meeting(other, "2026-01-10"));
  tx->mappa().insert_meeting(meeting(person_id, "2026-01-10"));
  tx->mappa().insert_meeting(meeting(person_id, "2026-02-10"));
  auto unnamed = meeting(other, "2026-03-10");
  unnamed.attendees = {{Agency::police, "PC Shaw", std::nullopt}};
  tx->mappa().insert_meeting(unnamed);
  EXPECT_EQ(tx->mappa().attended_cases(police_id), (Ids{person_id, other}));
  EXPECT_EQ(tx->mappa().attended_cases(staff_id), Ids{});
}

TEST_P(RiskSharingTest, ActionsComeInDueOrderWithTheirLinksAndChangeFromTheirVersionOnly) {
  auto tx = store->begin_write();
  Plan plan{0, person_id, 0, Offer::core, day("2026-01-05"), day("2026-01-05"), {}, {}, std::nullopt, {}};
  plan.id = tx->plans().insert(plan);
  auto objective = tx->plans().add_objective(plan.id, {0, Pathway::accommodation, "A home", ObjectiveStatus::active, {}});
  auto meeting_id = tx->mappa().insert_meeting(meeting(person_id, "2026-01-10"));
  auto later = action(meeting_id, person_id, "2026-03-01");
  later.condition_key = 7;
  later.owner_name = "";
  later.id = tx->mappa().insert_action(later);
  auto sooner = action(meeting_id, person_id, "2026-02-01");
  sooner.objective_id = objective;
  sooner.owner_agency = Agency::housing;
  sooner.id = tx->mappa().insert_action(sooner);
  later.version = sooner.version = 1;
  EXPECT_EQ(tx->mappa().actions_for(person_id), (std::vector<MappaAction>{sooner, later}));
  later.status = MappaActionStatus::done;
  tx->mappa().update_action(later, 1);
  EXPECT_THROW(tx->mappa().update_action(later, 1), StaleVersion);
  later.version = 2;
  EXPECT_EQ(tx->mappa().find_action(later.id), later);
  EXPECT_FALSE(tx->mappa().find_action(later.id + 100));
}

TEST_P(RiskSharingTest, TheWorklistHoldsLevelTwoAndThreeAndWhatIsOverdueInScopeAPageAtATime) {
  auto today = day("2026-06-01");
  auto level_1 = add(person_named("Ann", "One", "A1111AA", "", "LEI"));
  auto overdue_action = add(person_named("Bea", "Two", "A2222AA", "", "LEI"));
  auto overdue_request = add(person_named("Cal", "Three", "A3333AA", "", "", "LDS"));
  auto elsewhere = add(person_named("Dee", "Four", "A4444AA", "", "HAI"));
  auto hidden = add(person_named("Eve", "Five", "A5555AA", "", "LEI"));
  auto manager = add_staff("manager", Role::manager);
  {
    auto tx = store->begin_write();
    tx->mappa().insert_decision(decision(person_id, MappaLevel::level_1, "2026-01-05"));
    tx->mappa().insert_decision(decision(person_id, MappaLevel::level_2, "2026-02-05"));  // the newest counts
    tx->mappa().insert_decision(decision(level_1, MappaLevel::level_2, "2026-01-05"));
    tx->mappa().insert_decision(decision(level_1, MappaLevel::level_1, "2026-02-05"));
    tx->mappa().insert_decision(decision(overdue_action, MappaLevel::level_1, "2026-01-05"));
    auto meeting_id = tx->mappa().insert_meeting(meeting(overdue_action, "2026-01-10"));
    tx->mappa().insert_action(action(meeting_id, overdue_action, "2026-05-31"));
    tx->mappa().insert_action(action(meeting_id, level_1, "2026-06-01"));  // due today: not overdue
    tx->mappa().insert_decision(decision(overdue_request, MappaLevel::level_1, "2026-01-05"));
    tx->information_sharing().insert({0, overdue_request, 0, SharingKind::request_made, Agency::police, "Address?",
                                      std::nullopt, "", day("2026-05-01"), day("2026-05-15"), "", std::nullopt,
                                      staff_id});
    tx->mappa().insert_decision(decision(elsewhere, MappaLevel::level_3, "2026-01-05"));
    tx->mappa().insert_decision(decision(hidden, MappaLevel::level_3, "2026-01-05"));
    tx->limited_access().add(hidden, {AccessList::exclusion, staff_id, "Knows the victim"}, manager);
    tx->commit();
  }
  for (auto id : {person_id, level_1, overdue_action, overdue_request, elsewhere, hidden})
    save_handover_date(id, day("2026-09-01"));
  auto walk = [&](store::WorklistScope scope) {
    Ids ids;
    scope.page = {std::nullopt, 2};
    do {
      auto page = store->begin_read()->mappa().worklist(today, scope);
      for (const auto& row : page.items) ids.push_back(row.person.id);
      scope.page.cursor = page.next_cursor;
    } while (scope.page.cursor && ids.size() < 10);
    return ids;
  };
  EXPECT_EQ(walk({}), (Ids{person_id, overdue_action, overdue_request, elsewhere, hidden}));
  store::WorklistScope leeds;
  leeds.within = store::UnitScope{"LEI", "LDS", std::nullopt};
  leeds.seen_by = staff_id;
  EXPECT_EQ(walk(leeds), (Ids{person_id, overdue_action, overdue_request}));
  store::WorklistScope hatfield;
  hatfield.prison_code = "HAI";
  EXPECT_EQ(walk(hatfield), Ids{elsewhere});

  auto rows = store->begin_read()->mappa().worklist(today, {}).items;
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[0].person.full_name(), "Sam Cole");
  EXPECT_EQ(rows[0].prison_code, "LEI");
  EXPECT_EQ(rows[0].pdu_code, "LDS");
  EXPECT_EQ(rows[0].facts.level, MappaLevel::level_2);
  EXPECT_EQ(rows[0].facts.level_set_on, day("2026-02-05"));
  EXPECT_EQ(rows[1].actions_overdue, 1);
  EXPECT_EQ(rows[1].requests_overdue, 0);
  EXPECT_EQ(rows[2].requests_overdue, 1);
}

TEST_P(RiskSharingTest, SharingRecordsAreAnsweredFromTheirVersionOnlyAndComeNewestFirst) {
  auto tx = store->begin_write();
  SharingRecord request{0, person_id, 0, SharingKind::request_made, Agency::police, "Known associates?", std::nullopt,
                        "", day("2026-01-05"), day("2026-01-19"), "", std::nullopt, staff_id};
  request.id = tx->information_sharing().insert(request);
  SharingRecord disclosure{0, person_id, 0, SharingKind::disclosure, Agency::housing, "Risk to lone female staff",
                           LawfulBasis::mappa_duty_to_cooperate, "SPO K Walsh", day("2026-02-01"), std::nullopt, "",
                           std::nullopt, staff_id};
  disclosure.id = tx->information_sharing().insert(disclosure);
  request.version = disclosure.version = 1;
  EXPECT_EQ(tx->information_sharing().for_person(person_id), (std::vector<SharingRecord>{disclosure, request}));

  request.answer = "Two, named in the reply";
  request.answered_on = day("2026-01-15");
  request.lawful_basis = LawfulBasis::crime_prevention;
  request.approved_by = "DS Khan";
  tx->information_sharing().update(request, 1);
  EXPECT_THROW(tx->information_sharing().update(request, 1), StaleVersion);
  request.version = 2;
  EXPECT_EQ(tx->information_sharing().find(request.id), request);
  EXPECT_FALSE(tx->information_sharing().find(request.id + 100));
}

TEST_P(RiskSharingTest, IomCohortsAndCoworkersEndFromTheirVersionOnly) {
  auto tx = store->begin_write();
  IomCohortFlag fixed{0, person_id, 0, IomCohort::fixed, day("2026-01-05"), std::nullopt, staff_id, 0};
  fixed.id = tx->iom().insert_cohort(fixed);
  fixed.version = 1;
  fixed.ends_on = day("2026-03-01");
  fixed.ended_by = staff_id;
  tx->iom().update_cohort(fixed, 1);
  EXPECT_THROW(tx->iom().update_cohort(fixed, 1), StaleVersion);
  fixed.version = 2;
  IomCohortFlag flex{0, person_id, 0, IomCohort::flex, day("2026-03-01"), std::nullopt, staff_id, 0};
  flex.id = tx->iom().insert_cohort(flex);
  flex.version = 1;
  EXPECT_EQ(tx->iom().cohorts_for(person_id), (std::vector<IomCohortFlag>{flex, fixed}));

  IomCoworker named{0, person_id, 0, police_id, day("2026-01-05"), std::nullopt, staff_id, 0};
  named.id = tx->iom().insert_coworker(named);
  named.version = 1;
  EXPECT_EQ(tx->iom().find_coworker(named.id), named);
  EXPECT_EQ(tx->iom().named_cases(police_id), Ids{person_id});
  named.to = day("2026-02-01");
  named.ended_by = staff_id;
  tx->iom().update_coworker(named, 1);
  EXPECT_THROW(tx->iom().update_coworker(named, 1), StaleVersion);
  named.version = 2;
  EXPECT_EQ(tx->iom().coworkers_for(person_id), std::vector<IomCoworker>{named});
  EXPECT_EQ(tx->iom().named_cases(police_id), Ids{});
  EXPECT_FALSE(tx->iom().find_coworker(named.id + 100));
}

TEST_P(RiskSharingTest, IomContactsComeNewestFirstAndAreNeverChanged) {
  auto tx = store->begin_write();
  IomContact first{0, person_id, police_id, day("2026-01-05"), "Home visit, all well", std::nullopt};
  first.id = tx->iom().insert_contact(first);
  IomContact second{0, person_id, police_id, day("2026-01-12"), "Phoned about the curfew", std::nullopt};
  second.id = tx->iom().insert_contact(second);
  EXPECT_EQ(tx->iom().contacts_for(person_id), (std::vector<IomContact>{second, first}));
  tx->commit();
  EXPECT_TRUE(refused("UPDATE iom_contact SET summary = 'edited'"));
  EXPECT_TRUE(refused("DELETE FROM iom_contact"));
}

// --- Quality reviews -----------------------------------------------------------------------------

TEST_P(StoreTest, AQualityReviewIsOnePerCaseUnitAndMonthAndChangesFromItsVersionOnly) {
  auto person = add(person_named("Sam", "Cole", "A1234BC", "", "", "LDS"));
  auto other = add(person_named("Ann", "Lee", "A1111AA", "", "", "LDS"));
  auto manager = add_staff("manager", Role::manager);
  auto december = *parse_month("2026-12");
  InsightScope leeds{ScopeKind::pdu, "LDS"};
  QualityReview review{0, 0, leeds, december, other, {}, manager, *parse_iso_date("2026-12-07")};
  review.answers[QualityQuestion::plan_agreed] = {Finding::met, ""};
  review.answers[QualityQuestion::own_words] = {Finding::not_met, "No words of their own in the plan"};
  auto tx = store->begin_write();
  EXPECT_EQ(tx->quality_reviews().save(review, 0), 1);
  EXPECT_THROW(tx->quality_reviews().save(review, 0), StaleVersion);  // reviewed meanwhile
  auto first = review;
  first.person_id = person;
  first.answers.erase(QualityQuestion::own_words);
  tx->quality_reviews().save(first, 0);
  auto stored = tx->quality_reviews().find(leeds, december, other);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->version, 1);
  EXPECT_EQ(stored->answers, review.answers);
  EXPECT_EQ(stored->unit.kind, ScopeKind::pdu);
  EXPECT_EQ(stored->unit.code, "LDS");
  EXPECT_EQ(to_iso(stored->month), "2026-12");
  EXPECT_EQ(stored->reviewed_on, parse_iso_date("2026-12-07"));

  review.answers[QualityQuestion::own_words] = {Finding::met, ""};
  review.reviewed_on = *parse_iso_date("2026-12-08");
  EXPECT_EQ(tx->quality_reviews().save(review, 1), 2);
  EXPECT_THROW(tx->quality_reviews().save(review, 1), StaleVersion);
  auto month = tx->quality_reviews().for_month(leeds, december);
  ASSERT_EQ(month.size(), 2u);
  EXPECT_EQ(month[0].person_id, person);
  EXPECT_EQ(month[1].person_id, other);
  EXPECT_EQ(month[1].version, 2);
  EXPECT_EQ(month[1].answers, review.answers);
  EXPECT_EQ(month[1].reviewed_on, parse_iso_date("2026-12-08"));
  EXPECT_FALSE(tx->quality_reviews().find({ScopeKind::prison, "LDS"}, december, other));
  EXPECT_TRUE(tx->quality_reviews().for_month(leeds, *parse_month("2026-11")).empty());
}

// --- Insight and the bulk load ---------------------------------------------------------------------

TEST_P(StoreTest, EqualityFactsAreVersionedAndChangeOnlyFromTheVersionRead) {
  auto person = add(person_named("Sam", "Cole", "A1234BC", "", "LEI", "LDS"));
  auto manager = add_staff("manager", Role::manager);
  EqualityFacts facts{person, 0, {{Characteristic::ethnicity, "asian_indian"}, {Characteristic::sex, "female"}},
                      Date{2026y / std::chrono::December / 1}, manager};
  auto tx = store->begin_write();
  EXPECT_FALSE(tx->equality_facts().find(person));
  tx->equality_facts().save(facts, 0);
  EXPECT_THROW(tx->equality_facts().save(facts, 0), StaleVersion);  // recorded meanwhile
  auto stored = tx->equality_facts().find(person);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->version, 1);
  EXPECT_EQ(stored->answers, facts.answers);
  EXPECT_EQ(stored->consent_given_on, facts.consent_given_on);
  EXPECT_EQ(stored->recorded_by, manager);
  facts.answers[Characteristic::sex] = "male";
  tx->equality_facts().save(facts, 1);
  EXPECT_THROW(tx->equality_facts().save(facts, 1), StaleVersion);
  tx->commit();
  auto changed = store->begin_read()->equality_facts().find(person);
  EXPECT_EQ(changed->version, 2);
  EXPECT_EQ(changed->answers.at(Characteristic::sex), "male");
  EXPECT_TRUE(refused("DELETE FROM equality_facts"));
}

TEST_P(StoreTest, TheChangeLogNamesEachChangedPersonOnceAndIsTrimmedOfAllButItsLatestEntry) {
  auto first = add(person_named("Sam", "Cole", "A1234BC", "", "LEI", "LDS"));
  auto second = add(person_named("Ann", "Lee", "A1111AA", "", "HAI", "BRD"));
  auto log = [&](auto read) { return read(store->begin_read()->insight()); };
  auto latest = [&] { return log([](store::InsightRepository& l) { return l.latest_entry(); }); };
  auto since = [&](std::int64_t entry) { return log([&](store::InsightRepository& l) { return l.changed_since(entry); }); };
  EXPECT_EQ(since(0), (std::vector<std::int64_t>{first, second}));
  auto before = latest();
  EXPECT_TRUE(since(before).empty());
  raw_execute("UPDATE person SET date_of_birth = '1990-05-18' WHERE id = " + std::to_string(first));
  raw_execute("UPDATE person SET pdu_code = 'BRD' WHERE id = " + std::to_string(first));
  EXPECT_EQ(since(before), std::vector<std::int64_t>{first});
  auto now = latest();
  EXPECT_GT(now, before);
  auto logged = std::stoll(raw_text("SELECT count(*) FROM insight_change"));
  EXPECT_EQ(log([](store::InsightRepository& l) { return l.trimmed_up_to(); }), 0);
  {
    auto tx = store->begin_write();
    EXPECT_EQ(tx->insight().trim_changes(now), logged - 1);  // the latest stays, so ids keep rising
    EXPECT_EQ(tx->insight().trim_changes(now), 0);
    tx->commit();
  }
  EXPECT_EQ(raw_text("SELECT count(*) FROM insight_change"), "1");
  EXPECT_EQ(log([](store::InsightRepository& l) { return l.trimmed_up_to(); }), now - 1);
  EXPECT_EQ(latest(), now);
  raw_execute("UPDATE person SET date_of_birth = '1990-05-19' WHERE id = " + std::to_string(second));
  EXPECT_EQ(since(now), std::vector<std::int64_t>{second});
}

TEST_P(StoreTest, ABulkLoadStoresEachCaseAsAUseCaseWouldAndCountsItsRows) {
  std::vector<StaffMember> staff{test_support::staff_member("pom1", Role::pom, "LEI", ""),
                                 test_support::staff_member("com1", Role::com, "", "LDS")};
  std::vector<store::LoadedCase> cases(2);
  cases[0].person = person_named("Sam", "Cole", "A1234BC", "X123456", "LEI", "LDS");
  cases[0].dates.handover_date = Date{2027y / std::chrono::March / 1};
  cases[0].dates.worked_out_on = Date{2026y / std::chrono::December / 7};
  cases[1].person = person_named("Ann", "Lee", "", "X111111", "", "LDS");
  cases[1].person.stage = CaseStage::on_licence;
  cases[1].risk_profile = RiskProfile{};
  cases[1].risk_profile->tier = Tier::b;
  auto tx = store->begin_write();
  tx->bulk_load().insert_staff(staff, "synthetic staff: no password");
  for (auto* loaded : {&cases[0], &cases[1]}) {
    auto lead = loaded == &cases[0] ? staff[0] : staff[1];
    loaded->allocations.push_back({0, 0, lead.id, "", lead.role, Date{2026y / std::chrono::January / 5}, std::nullopt, "caseload"});
  }
  tx->bulk_load().insert_cases(cases);
  EXPECT_EQ(tx->bulk_load().rows_inserted(), 2 + 2 + 1 + 2 + 2);  // staff, people, a profile, case dates, allocations
  tx->commit();

  auto read = store->begin_read();
  EXPECT_EQ(read->staff().find_by_username("com1")->id, staff[1].id);
  EXPECT_EQ(read->staff().password_hash(staff[0].id), "synthetic staff: no password");
  auto sam = read->people().find_by_prison_number("A1234BC");
  ASSERT_TRUE(sam);
  EXPECT_EQ(sam->id, cases[0].person.id);
  EXPECT_EQ(sam->version, 1);
  EXPECT_EQ(read->case_dates().find(sam->id)->handover_date, cases[0].dates.handover_date);
  auto ann = read->people().find_by_crn("X111111");
  ASSERT_TRUE(ann);
  EXPECT_EQ(read->risk_profiles().find(ann->id).tier, Tier::b);
  auto leads = read->allocations().current_for_person(ann->id);
  ASSERT_EQ(leads.size(), 1u);
  EXPECT_EQ(leads[0].staff_id, staff[1].id);
  EXPECT_EQ(leads[0].id, cases[1].allocations[0].id);
  EXPECT_EQ(read->insight().changed_since(0), (std::vector<std::int64_t>{sam->id, ann->id}));  // logged as any write
}

TEST_P(ReleaseStoreTest, InsightGathersAScopesCasesWithTheirFactsReleasesRecallsAndUnits) {
  auto hatfield = add(person_named("Ann", "Lee", "A1111AA", "", "HAI", "BRD"));
  EqualityFacts facts{person_id, 0, {{Characteristic::ethnicity, "asian_indian"}}, Date{2026y / December / 1}, manager};
  {
    auto tx = store->begin_write();
    tx->places().insert_team({"LDS-A", "Leeds team A", "", "LDS"});
    tx->staff().update_working_pattern(com, {"LDS-A", 100, {}, std::nullopt, std::nullopt});
    tx->allocations().insert({0, person_id, com, "", Role::com, Date{2026y / June / 1}, std::nullopt, "caseload"});
    tx->equality_facts().save(facts, 0);
    ReleaseDayRecord release;
    release.person_id = hatfield;
    release.release = {Date{2026y / November / 10}, "09:30", "LEI"};  // released from Leeds, held at Hatfield now
    release.arrangements.tonight = FirstNightAccommodation::settled;
    release.arrangements.provisions[ReleaseProvision::id_documents] = {ProvisionStatus::in_place, ""};
    release.recorded_by = manager;
    tx->release_days().insert(release);
    tx->limited_access().add(person_id, {AccessList::exclusion, com, "Knows the victim"}, manager);
    tx->commit();
  }
  auto staff = std::to_string(manager);
  raw_execute("INSERT INTO recall (person_id, status, started_by, started_on, trigger, decision, decided_by, decided_on) "
              "VALUES (" + std::to_string(person_id) + ", 'decided', " + staff + ", '2026-11-20', 'both', 'recall', " +
              staff + ", '2026-11-21')");
  raw_execute("INSERT INTO recall (person_id, status, started_by, started_on, trigger) VALUES (" +
              std::to_string(hatfield) + ", 'considering', " + staff + ", '2026-11-22', 'risk_increased')");

  auto tx = store->begin_read();
  auto& insight = tx->insight();
  EXPECT_TRUE(insight.scope_exists({ScopeKind::national, ""}));
  EXPECT_TRUE(insight.scope_exists({ScopeKind::team, "LDS-A"}));
  EXPECT_TRUE(insight.scope_exists({ScopeKind::region, "YH"}));
  EXPECT_FALSE(insight.scope_exists({ScopeKind::prison, "LDS"}));
  using Ids = std::vector<std::int64_t>;
  EXPECT_EQ(insight.people({ScopeKind::national, ""}), (Ids{person_id, hatfield}));
  EXPECT_EQ(insight.people({ScopeKind::pdu, "LDS"}), Ids{person_id});
  EXPECT_EQ(insight.people({ScopeKind::prison, "LEI"}), (Ids{person_id, hatfield}));  // held there, or released from it
  EXPECT_EQ(insight.people({ScopeKind::prison, "HAI"}), Ids{hatfield});
  EXPECT_EQ(insight.people({ScopeKind::region, "YH"}), (Ids{person_id, hatfield}));
  EXPECT_EQ(insight.people({ScopeKind::team, "LDS-A"}), Ids{person_id});

  auto cases = insight.cases({ScopeKind::prison, "LEI"});
  ASSERT_EQ(cases.size(), 2u);
  EXPECT_EQ(cases[0].person_id, person_id);
  EXPECT_EQ(cases[0].date_of_birth, Date{1990y / May / 17});
  ASSERT_TRUE(cases[0].facts);
  EXPECT_EQ(cases[0].facts->answers, facts.answers);
  EXPECT_EQ(cases[0].facts->version, 1);
  EXPECT_TRUE(cases[0].releases.empty());
  ASSERT_EQ(cases[0].recall_decisions.size(), 1u);  // a recall still being considered is no decision
  EXPECT_EQ(cases[0].recall_decisions[0].decided_on, Date{2026y / November / 21});
  EXPECT_EQ(cases[0].recall_decisions[0].trigger, RecallTrigger::both);
  EXPECT_EQ(cases[0].recall_decisions[0].decision, RecallOutcome::recall);
  EXPECT_FALSE(cases[1].facts);
  ASSERT_EQ(cases[1].releases.size(), 1u);
  EXPECT_EQ(cases[1].releases[0].released_on, Date{2026y / November / 10});
  EXPECT_EQ(cases[1].releases[0].tonight, FirstNightAccommodation::settled);
  EXPECT_EQ(cases[1].releases[0].id_documents, ProvisionStatus::in_place);
  EXPECT_FALSE(cases[1].releases[0].bank_account);
  EXPECT_TRUE(cases[1].recall_decisions.empty());
  auto listed = insight.cases_of({hatfield});
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].releases.size(), 1u);

  auto units = insight.units_of({person_id, hatfield});
  ASSERT_EQ(units.size(), 2u);
  EXPECT_EQ(units[0].prison_code, "LEI");
  EXPECT_EQ(units[0].pdu_code, "LDS");
  EXPECT_EQ(units[0].teams, std::vector<std::string>{"LDS-A"});
  EXPECT_TRUE(units[0].released_from.empty());
  EXPECT_EQ(units[1].prison_code, "HAI");
  EXPECT_EQ(units[1].released_from, std::vector<std::string>{"LEI"});
  EXPECT_TRUE(units[1].teams.empty());

  auto progress = insight.progress_of({person_id, hatfield});
  ASSERT_EQ(progress.size(), 2u);
  EXPECT_FALSE(progress[0].latest_release);
  ASSERT_TRUE(progress[1].latest_release);
  EXPECT_EQ(progress[1].latest_release->release.prison_code, "LEI");

  auto named = insight.named({person_id, hatfield}, com);  // com is on Sam's exclusion list
  ASSERT_EQ(named.size(), 1u);
  EXPECT_EQ(named[0].id, hatfield);
  EXPECT_EQ(named[0].family_name, "Lee");
  EXPECT_EQ(insight.named({person_id, hatfield}, manager).size(), 2u);
}

// What only the PostgreSQL store does: several servers share its database.
class PostgresqlStoreTest : public test_support::PostgresqlTest {
 protected:
  void SetUp() override {
    PostgresqlTest::SetUp();
    if (IsSkipped()) return;
    store = store::open_postgresql_store({uri_, 4});
    store->migrate();
  }
  void TearDown() override {
    store.reset();
    PostgresqlTest::TearDown();
  }

  std::unique_ptr<store::Store> store;
};

// Ids are handed out as rows are written and transactions commit in another order: were the later entry
// committed while the earlier one was still open, a reader would follow the log past the earlier entry and
// never read it. The later transaction waits for the log's turn instead (migration 50).
TEST_F(PostgresqlStoreTest, TheChangeLogIsCommittedInTheOrderOfItsEntries) {
  {
    auto tx = store->begin_write();
    test_support::add_yorkshire(*tx);
    tx->commit();
  }
  auto early = test_support::add_person(*store, test_support::person_named("Sam", "Cole", "A1234BC", "", "LEI", "LDS"));
  auto late = test_support::add_person(*store, test_support::person_named("Ann", "Lee", "A1111AA", "", "LEI", "LDS"));
  auto followed = store->begin_read()->insight().latest_entry();  // figures up to date until now

  store::postgresql::Connection first{uri_};
  first.begin(store::postgresql::Isolation::read_committed);
  first.execute("UPDATE person SET date_of_birth = '1990-05-18' WHERE id = " + std::to_string(early));  // held open
  std::atomic<bool> committed{false};
  std::string failure;
  std::thread later([&] {
    try {
      store::postgresql::Connection second{uri_};
      second.begin(store::postgresql::Isolation::read_committed);
      second.execute("UPDATE person SET date_of_birth = '1990-05-19' WHERE id = " + std::to_string(late));
      second.commit();
      committed = true;
    } catch (const std::exception& error) {
      failure = error.what();
    }
  });
  store::postgresql::Connection watcher{uri_};
  while (!committed && failure.empty() && text_of(watcher, "SELECT count(*) FROM pg_locks WHERE NOT granted") == "0")
    std::this_thread::yield();
  EXPECT_FALSE(committed);  // waiting for the log's turn, not committed above the open entry
  {
    auto reader = store->begin_read();
    EXPECT_EQ(reader->insight().latest_entry(), followed);
    EXPECT_TRUE(reader->insight().changed_since(followed).empty());
  }
  first.commit();
  later.join();
  EXPECT_EQ(failure, "");
  EXPECT_EQ(store->begin_read()->insight().changed_since(followed), (std::vector<std::int64_t>{early, late}));
  EXPECT_EQ(text_of(watcher, "SELECT string_agg(person_id::text, ',' ORDER BY id) FROM insight_change WHERE id > " +
                                 std::to_string(followed)),
            std::to_string(early) + "," + std::to_string(late));
}

TEST_F(PostgresqlStoreTest, TheRawInsertBaselineCopiesItsRowsAndLeavesNoTableBehind) {
  auto rate = store::measure_postgresql_raw_inserts(uri_, 2'000);
  EXPECT_EQ(rate.rows, 2'000);
  EXPECT_GT(rate.rows_per_second(), 0);
  store::postgresql::Connection db{uri_};
  EXPECT_EQ(text_of(db, "SELECT count(*) FROM pg_tables WHERE tablename LIKE 'raw_insert_baseline%'"), "0");
}

TEST_F(PostgresqlStoreTest, WritesOnTwoServersTakeTurnsAndTheSecondSeesTheFirst) {
  auto other_server = store::open_postgresql_store({uri_, 4});
  auto first = store->begin_write();
  test_support::add_yorkshire(*first);
  std::atomic<std::size_t> prisons_seen{0};
  std::string failure;
  std::thread second([&] {
    try {
      auto tx = other_server->begin_write();  // waits for the first write's turn to end
      prisons_seen = tx->places().prisons().size();
      tx->places().insert_prison({"HUL", "HMP Hull", "YH"});
      tx->commit();
    } catch (const std::exception& error) {
      failure = error.what();
    }
  });
  // The second write waits for a lock: for its turn, or (were there no turns) for the first's region.
  store::postgresql::Connection watcher{uri_};
  while (text_of(watcher, "SELECT count(*) FROM pg_locks WHERE NOT granted") == "0") std::this_thread::yield();
  EXPECT_EQ(text_of(watcher, "SELECT string_agg(locktype, ',') FROM pg_locks WHERE NOT granted"), "advisory");
  first->commit();
  second.join();
  EXPECT_EQ(failure, "");
  EXPECT_EQ(prisons_seen, 2u);
  EXPECT_EQ(store->begin_read()->places().prisons().size(), 3u);
}

// Several servers on one database (issue 26, item 2): a job's turn and the dispatcher's claim.

TEST_P(StoreTest, AJobHasOneRunnerAtATimeOnADatabase) {
  auto db = GetParam() == Backend::sqlite ? file.path() : database->uri();
  auto turn = store::try_take_job(db, "nightly-refresh");
  ASSERT_TRUE(turn);
  EXPECT_FALSE(store::try_take_job(db, "nightly-refresh"));  // refused at once, not waited for
  EXPECT_TRUE(store::try_take_job(db, "another-job"));       // each job's turn is its own
  turn.reset();
  EXPECT_TRUE(store::try_take_job(db, "nightly-refresh"));
  EXPECT_THROW(store::try_take_job(db, "../refresh"), std::invalid_argument);
  EXPECT_THROW(store::try_take_job(db, ""), std::invalid_argument);
}

TEST_P(StoreTest, NamesItsBackendAndHasNoReplicationLagWithoutReplicas) {
  auto db = GetParam() == Backend::sqlite ? file.path() : database->uri();
  EXPECT_EQ(store::backend_of(db), name_of(GetParam()));
  EXPECT_FALSE(store::ReplicationLag{db}.seconds());  // the test databases have no replicas
}

TEST_P(StoreTest, AsksTheReplicationLagOnOneConnectionKeptBetweenAsks) {
  if (GetParam() == Backend::sqlite) GTEST_SKIP() << "SQLite has no replication, and no connection to keep";
  store::postgresql::Connection watcher{database->uri()};
  // The connections whose latest statement asked the lag, other than the watcher's own.
  auto askers = [&] {
    auto& asking = watcher.prepare(
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() "
        "AND query LIKE '%pg_last_xact_replay_timestamp%'");
    asking.bind();
    std::vector<std::int64_t> pids;
    while (asking.step()) pids.push_back(asking.integer(0));
    watcher.reset_statements();
    return pids;
  };
  store::ReplicationLag lag{database->uri()};
  EXPECT_FALSE(lag.seconds());
  auto first = askers();
  ASSERT_EQ(first.size(), 1u);
  EXPECT_FALSE(lag.seconds());
  EXPECT_EQ(askers(), first);  // the same connection asked again

  // A kept connection the server has closed since is replaced at the next ask, which still answers.
  watcher.prepare("SELECT pg_terminate_backend(?, 5000)").bind(first.front()).run();
  watcher.reset_statements();
  EXPECT_FALSE(lag.seconds());
  auto second = askers();
  ASSERT_EQ(second.size(), 1u);
  EXPECT_NE(second, first);
}

TEST_P(PersonMessagesTest, ADueMessageOneWriteHoldsIsPassedOverByAnotherWriteBesideIt) {
  if (GetParam() == Backend::sqlite) GTEST_SKIP() << "SQLite has one writer at a time: no write reads beside another";
  std::int64_t sooner = 0, later = 0;
  {
    auto tx = store->begin_write();
    sooner = tx->outbox().insert(message(person_id, "a:1", at(100))).id;
    later = tx->outbox().insert(message(person_id, "a:2", at(200))).id;
    tx->commit();
  }
  // Two dispatchers' writes on connections of their own, past the writer lock that orders them today.
  store::postgresql::Connection one{database->uri()}, two{database->uri()};
  two.execute("SET lock_timeout TO '5s'");  // were the rows waited for, the second claim fails rather than hang
  one.begin(store::postgresql::Isolation::read_committed);
  two.begin(store::postgresql::Isolation::read_committed);
  store::shared::Outbox<store::postgresql::Connection> first{one}, second{two};
  EXPECT_EQ(ids_of(first.due(at(500), at(0), 1)), (Ids{sooner}));
  EXPECT_EQ(ids_of(second.due(at(500), at(0), 10)), (Ids{later}));  // not waiting for the first, nor taking its message
  one.reset_statements();
  one.rollback();
  EXPECT_EQ(ids_of(second.due(at(500), at(0), 10)), (Ids{sooner, later}));  // its own lock, and the one let go
  two.reset_statements();
  two.rollback();
}

}  // namespace
