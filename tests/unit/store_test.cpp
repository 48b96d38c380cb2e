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

#include "domain/referrals/hsds.hpp"
#include "source_tree.hpp"
#include "store/postgresql/database.hpp"
#include "store/postgresql/postgresql_store.hpp"
#include "store/sqlite/migrations.hpp"
#include "store/store.hpp"
#include "test_postgresql.hpp"
#include "test_store.hpp"

using namespace resettle;
using namespace std::chrono_literals;

namespace {

using test_support::failed_fields;
using Fields = std::vector<std::string>;

using test_support::person_named;
using test_support::prison_number_for;

enum class Backend { sqlite, postgresql };

std::string name_of(Backend backend) { return backend == Backend::sqlite ? "sqlite" : "postgresql"; }

std::string backend_name(const ::testing::TestParamInfo<Backend>& info) { return name_of(info.param); }

// How GoogleTest names the backend in its messages.
void PrintTo(Backend backend, std::ostream* out) { *out << name_of(backend); }

class StoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::sqlite) {
      store = store::open_sqlite_store({file.path(), 4});
    } else {
      auto server = test_support::test_postgresql_server();
      if (server.empty()) GTEST_SKIP() << test_support::no_postgresql_to_test;
      database = std::make_unique<test_support::ThrowawayPostgresqlDatabase>(server);
      store = store::open_postgresql_store({database->uri(), 4});
    }
    store->migrate();
    auto tx = store->begin_write();
    test_support::add_yorkshire(*tx);
    tx->commit();
  }

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

  // Whether the database itself refuses this statement, run on a connection of its own as someone
  // going round the application would.
  bool refused(const std::string& sql) {
    if (GetParam() == Backend::postgresql) {
      try {
        store::postgresql::Connection{database->uri()}.execute(sql);
        return false;
      } catch (const store::postgresql::DatabaseError&) {
        return true;
      }
    }
    sqlite3* db = nullptr;
    sqlite3_open(file.path().c_str(), &db);
    sqlite3_busy_timeout(db, 10000);
    bool failed = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK;
    sqlite3_close(db);
    return failed;
  }

  std::vector<std::string> prison_names() {
    std::vector<std::string> names;
    for (const auto& prison : store->begin_read()->places().prisons()) names.push_back(prison.name);
    return names;
  }

  test_support::TempDatabase file;
  std::unique_ptr<test_support::ThrowawayPostgresqlDatabase> database;
  std::unique_ptr<store::Store> store;  // closes its connections before the database above goes
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

TEST_F(PostgresqlStoreTest, ARepositoryNotYetPortedIsRefusedByName) {
  auto tx = store->begin_read();
  try {
    tx->case_dates();
    FAIL() << "expected std::logic_error";
  } catch (const std::logic_error& refusal) {
    EXPECT_NE(std::string{refusal.what()}.find("no case dates repository"), std::string::npos) << refusal.what();
  }
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

}  // namespace
