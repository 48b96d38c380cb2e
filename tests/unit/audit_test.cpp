// Who saw what (issue 19): lists audited as one row naming the people shown, every row carrying the
// request's origin, and the journal and access log hash-chained so an edit or deletion made straight
// in the database file is found, including in rows written before the chains existed.
#include "services/audit.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <string>
#include <vector>

#include "domain/errors.hpp"
#include "services/people/case_records.hpp"
#include "store/sqlite/migrations.hpp"
#include "test_store.hpp"

using namespace resettle;
using namespace std::chrono;

namespace {

const services::FixedClock clock_at{sys_days{2026y / March / 15} + 10h};

// SQL run with a plain connection of its own, as someone holding the database file would.
void run_raw(const test_support::TempDatabase& database, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(database.path().c_str(), &db), SQLITE_OK);
  sqlite3_busy_timeout(db, 10000);
  char* error = nullptr;
  int code = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
  std::string message = error ? error : "";
  sqlite3_free(error);
  sqlite3_close(db);
  ASSERT_EQ(code, SQLITE_OK) << message << " in: " << sql;
}

class AuditTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store->migrate();
    auto tx = store->begin_write();
    test_support::add_yorkshire(*tx);
    for (auto* staff : {&pom, &manager, &admin}) staff->id = tx->staff().insert(*staff, "not-a-real-hash");
    tx->commit();
  }

  std::int64_t add_person(const std::string& prison_number) {
    return services::add_person(*store, clock_at, manager,
                                {{"given_name", "Sam"}, {"family_name", "Lee"}, {"date_of_birth", "1990-05-17"},
                                 {"prison_number", prison_number}, {"prison_code", "LEI"}, {"pdu_code", "LDS"}})
        .id;
  }

  std::vector<store::AccessRecord> reads_of(std::int64_t person_id) {
    return store->begin_read()->access_log().for_person(person_id, {std::nullopt, 200}).items;
  }

  const store::ChainCheck& chain(const std::vector<store::ChainCheck>& checks, const std::string& table) {
    for (const auto& check : checks)
      if (check.table == table) return check;
    throw std::runtime_error("no check of " + table);
  }

  test_support::TempDatabase database;
  std::unique_ptr<store::Store> store = store::open_sqlite_store({database.path(), 4});
  StaffMember pom = test_support::staff_member("pom", Role::pom, "LEI", "");
  StaffMember manager = test_support::staff_member("manager", Role::manager, "LEI", "LDS");
  StaffMember admin = test_support::staff_member("admin", Role::admin, "", "");
};

TEST_F(AuditTest, AListIsOneRowNamingEveryoneItShowedWithTheRequestsOrigin) {
  std::vector<std::int64_t> people;
  for (auto number : {"A1000AA", "A2000AA", "A3000AA"}) people.push_back(add_person(number));
  auto rows_before = chain(store->check_chains(), "access_log").rows;
  {
    store::OriginScope origin{{"192.0.2.7", "api token 0123456789abcdef"}};
    EXPECT_EQ(services::unit_caseload(*store, pom, "", {}).items.size(), 3u);
  }
  EXPECT_EQ(chain(store->check_chains(), "access_log").rows, rows_before + 1);  // one row for three people
  for (auto id : people) {
    auto reads = reads_of(id);
    ASSERT_EQ(reads.size(), 1u);
    EXPECT_TRUE(reads[0].in_list);
    EXPECT_TRUE(reads[0].allowed);
    EXPECT_EQ(reads[0].staff_id, pom.id);
    EXPECT_EQ(reads[0].what, "unit's people");
    EXPECT_EQ(reads[0].address, "192.0.2.7");
    EXPECT_EQ(reads[0].token, "api token 0123456789abcdef");
  }
  // An empty list shows nobody and writes nothing; outside a request the origin is empty.
  services::caseload(*store, pom, "", {});
  services::view_person(*store, pom, people[0], "overview");
  auto reads = reads_of(people[0]);
  ASSERT_EQ(reads.size(), 2u);
  EXPECT_FALSE(reads[0].in_list);
  EXPECT_EQ(reads[0].what, "overview");
  EXPECT_EQ(reads[0].address, "");
  EXPECT_EQ(chain(store->check_chains(), "access_log").rows, rows_before + 2);
}

TEST_F(AuditTest, OnlyAdministratorsReadTheAccessLogAndTheirReadingIsLoggedToo) {
  auto id = add_person("A1000AA");
  services::view_person(*store, pom, id, "overview");
  EXPECT_THROW(services::access_history(*store, manager, id, {}), Forbidden);
  EXPECT_THROW(services::access_history_csv(*store, pom, id), Forbidden);
  auto history = services::access_history(*store, admin, id, {});
  ASSERT_EQ(history.reads.items.size(), 2u);
  EXPECT_EQ(history.reads.items[0].what, "access log");
  EXPECT_EQ(history.reads.items[1].staff_name, "Staff pom");
  auto csv = services::access_history_csv(*store, admin, id);
  EXPECT_EQ(csv.substr(0, csv.find('\r')), "id,at,staff_id,staff_name,what,allowed,in_list,address,token,person_account_id");
  EXPECT_NE(csv.find(",Staff pom,overview,true,false,,"), std::string::npos) << csv;
}

// Issue 23: the person reading their own record through their account is a row of its own, by the
// account and no member of staff, chained like every other row.
TEST_F(AuditTest, APersonsOwnReadIsLoggedByTheirAccountAndChained) {
  auto id = add_person("A1000AA");
  services::view_person(*store, pom, id, "overview");
  run_raw(database, "INSERT INTO person_account (id, person_id, contact_kind, contact_value, status, language, invited_by, "
                    "invited_at) VALUES (7, " + std::to_string(id) + ", 'mobile', '07700900001', 'active', 'en', " +
                        std::to_string(pom.id) + ", 0)");
  {
    store::OriginScope origin{{"203.0.113.9", "person api token 0123456789abcdef"}};
    auto tx = store->begin_write();
    tx->access_log().record_own_read(7, id, "own view: their plan");
    tx->commit();
  }
  auto reads = reads_of(id);
  ASSERT_EQ(reads.size(), 2u);
  EXPECT_EQ(reads[0].person_account_id, 7);
  EXPECT_EQ(reads[0].staff_id, 0);
  EXPECT_EQ(reads[0].staff_name, "");
  EXPECT_EQ(reads[0].what, "own view: their plan");
  EXPECT_TRUE(reads[0].allowed);
  EXPECT_EQ(reads[0].token, "person api token 0123456789abcdef");
  EXPECT_EQ(reads[1].person_account_id, 0);
  EXPECT_EQ(reads[1].staff_id, pom.id);
  EXPECT_FALSE(chain(store->check_chains(), "access_log").broken_at);
  auto csv = services::access_history_csv(*store, admin, id);
  EXPECT_NE(csv.find(",,,own view: their plan,true,false,203.0.113.9,person api token 0123456789abcdef,7\r\n"), std::string::npos) << csv;
  // Whose read it was is part of the chain: giving the row to another account breaks it there.
  run_raw(database, "DROP TRIGGER access_log_is_append_only_update; UPDATE access_log SET person_account_id = NULL, "
                    "staff_id = " + std::to_string(pom.id) + " WHERE person_account_id = 7");
  EXPECT_EQ(chain(store->check_chains(), "access_log").broken_at, reads[0].id);
}

TEST_F(AuditTest, ChainsHoldUntilARowIsEditedOrDeletedInTheFile) {
  auto id = add_person("A1000AA");
  services::update_person(*store, clock_at, manager, id, {{"family_name", "Leigh"}}, 1);
  services::view_person(*store, pom, id, "overview");
  services::view_person(*store, manager, id, "overview");
  for (const auto& check : store->check_chains()) {
    EXPECT_FALSE(check.broken_at) << check.table;
    EXPECT_GE(check.rows, 2) << check.table;
    EXPECT_EQ(store->chain_of(check.table, check.head_id), check.head_chain);
  }
  auto first_event = [&] { return store->begin_read()->journal().for_person(id, {}).items.back().id; };
  auto edited = first_event();
  // Someone with the file drops the trigger that refuses edits, then rewrites history.
  run_raw(database, "DROP TRIGGER event_is_append_only_update; UPDATE event SET summary = 'Nothing happened' WHERE id = " +
                        std::to_string(edited));
  EXPECT_EQ(chain(store->check_chains(), "event").broken_at, edited);
  run_raw(database, "DROP TRIGGER access_log_is_append_only_delete; DELETE FROM access_log WHERE id = "
                    "(SELECT min(id) FROM access_log WHERE person_id = " + std::to_string(id) + ")");
  auto access = chain(store->check_chains(), "access_log");
  ASSERT_TRUE(access.broken_at);
  EXPECT_EQ(store->begin_read()->access_log().for_person(id, {}).items.back().id, *access.broken_at);
}

// A database from before issue 19, with a journal, an access log, partner accounts by name and a
// sent referral: migrating chains what is there and links partners by id, losing nothing.
TEST(AuditMigrationTest, ExistingRowsAreChainedAndPartnersLinkedByTheirOrganisationsId) {
  test_support::TempDatabase database;
  auto all = store::sqlite::migrations();
  std::size_t before_issue_19 = 0;
  while (before_issue_19 < all.size() &&
         all[before_issue_19].sql.find("ALTER TABLE referral ADD COLUMN organisation_id") == std::string_view::npos)
    ++before_issue_19;
  ASSERT_LT(before_issue_19, all.size());
  std::string sql =
      "CREATE TABLE schema_migration (version INTEGER PRIMARY KEY, description TEXT NOT NULL, "
      "applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))) STRICT;";
  for (std::size_t i = 0; i < before_issue_19; ++i)
    sql += std::string{all[i].sql} + "; INSERT INTO schema_migration (version, description) VALUES (" +
           std::to_string(all[i].version) + ", 'before');";
  run_raw(database, sql);
  run_raw(database, R"sql(
    INSERT INTO region VALUES ('YH', 'Yorkshire');
    INSERT INTO prison VALUES ('LEI', 'HMP Leeds', 'YH');
    INSERT INTO staff (id, username, display_name, role, organisation, password_hash) VALUES
      (1, 'pom', 'Priya', 'pom', NULL, 'x'), (2, 'one', 'Pat', 'partner', 'Riverside Advice', 'x'),
      (3, 'twin', 'Tam', 'partner', 'Twin Name', 'x');
    INSERT INTO organisation (id, name) VALUES ('org-1', 'Riverside Advice'), ('org-2', 'Twin Name'), ('org-3', 'Twin Name');
    INSERT INTO service (id, organization_id, name, status) VALUES ('svc-1', 'org-1', 'Debt advice', 'active');
    INSERT INTO person (id, given_name, family_name, date_of_birth, gender, prison_code, stage)
      VALUES (1, 'Sam', 'Lee', '1990-05-17', 'male', 'LEI', 'in_custody');
    INSERT INTO event (actor_staff_id, person_id, kind, entity, entity_id, summary, data) VALUES
      (1, 1, 'person.added', 'person', 1, 'Sam Lee added', '{"a":1}'), (NULL, NULL, 'demo.loaded', 'demo', 0, 'Loaded', '{}'),
      (1, 1, 'person.updated', 'person', 1, 'Details changed', '{}');
    INSERT INTO access_log (staff_id, person_id, what, allowed) VALUES (1, 1, 'overview', 1), (2, 1, 'referral', 0);
    INSERT INTO referral (id, person_id, service_id, kind, status, reason_for_referral) VALUES
      (1, 1, 'svc-1', 'service', 'sent', 'Debts'), (2, 1, 'svc-1', 'service', 'draft', 'Debts');
    INSERT INTO referral_step (referral_id, position, status, on_date, recorded_by) VALUES
      (1, 0, 'draft', '2026-01-05', 'Priya'), (1, 1, 'sent', '2026-01-06', 'Priya'), (2, 0, 'draft', '2026-01-05', 'Priya');
  )sql");

  auto store = store::open_sqlite_store({database.path(), 2});
  EXPECT_EQ(store->migrate(), all.back().version);
  for (const auto& check : store->check_chains()) {
    EXPECT_FALSE(check.broken_at) << check.table;
    EXPECT_EQ(check.rows, check.table == "event" ? 3 : 2);
  }
  auto tx = store->begin_read();
  auto reads = tx->access_log().for_person(1, {}).items;
  ASSERT_EQ(reads.size(), 2u);
  EXPECT_FALSE(reads[0].allowed);
  EXPECT_EQ(reads[1].what, "overview");
  EXPECT_EQ(tx->staff().find(2)->organisation_id, "org-1");
  EXPECT_EQ(tx->staff().find(3)->organisation_id, "");  // two organisations by that name: an administrator links it
  EXPECT_EQ(tx->staff().find(3)->organisation, "Twin Name");
  EXPECT_EQ(tx->referrals().find(1)->organisation_id, "org-1");
  EXPECT_EQ(tx->referrals().find(2)->organisation_id, "");  // never sent
  tx.reset();
  // New rows continue the migrated chains.
  {
    auto write = store->begin_write();
    write->journal().append({1, 1, "person.viewed", "person", 1, "Checked", "", nlohmann::json::object()});
    write->access_log().record(1, 1, "overview", true);
    write->commit();
  }
  for (const auto& check : store->check_chains()) EXPECT_FALSE(check.broken_at) << check.table;
}

}  // namespace
