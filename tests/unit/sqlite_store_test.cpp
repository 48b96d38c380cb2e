// The SQLite backend against a real database file per test: schema, constraints, pagination,
// filters, transactions and concurrency.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <future>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "domain/errors.hpp"
#include "store/shared/journal_repositories.hpp"
#include "store/sqlite/database.hpp"
#include "store/sqlite/migrations.hpp"
#include "store/store.hpp"
#include "test_store.hpp"

using namespace resettle;
using namespace std::chrono_literals;

namespace {

// A directory of its own for each test's database (and its -wal and -shm files).
using resettle::test_support::TempDatabase;

// A second, plain connection to the same file: what any other program could do to the database.
class RawConnection {
 public:
  explicit RawConnection(const std::string& path) {
    if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK) throw std::runtime_error("cannot open " + path);
    sqlite3_busy_timeout(db_, 10000);
  }
  ~RawConnection() { sqlite3_close(db_); }

  // The error message, or empty when the statement succeeded.
  std::string error_from(const std::string& sql) {
    char* error = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) == SQLITE_OK) return {};
    std::string message = error ? error : "unknown error";
    sqlite3_free(error);
    return message;
  }

  std::string text(const std::string& sql) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK)
      throw std::runtime_error(sqlite3_errmsg(db_));
    std::string value;
    if (sqlite3_step(statement) == SQLITE_ROW) {
      auto* bytes = sqlite3_column_text(statement, 0);
      if (bytes) value = reinterpret_cast<const char*>(bytes);
    }
    sqlite3_finalize(statement);
    return value;
  }

  long long count(const std::string& table) { return std::stoll(text("SELECT count(*) FROM " + table)); }

 private:
  sqlite3* db_ = nullptr;
};

using resettle::test_support::failed_fields;

using Fields = std::vector<std::string>;

using test_support::person_named;
using test_support::prison_number_for;

NewEvent event_for(std::int64_t person_id, std::optional<std::int64_t> actor, std::string kind) {
  return {actor, person_id, kind, "person", person_id, "Summary of " + kind, "", {{"kind", kind}}};
}

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
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

  std::vector<std::int64_t> caseload_ids(std::int64_t staff_id, std::string search = "") {
    return test_support::caseload_ids(*store, staff_id, std::move(search));
  }
  std::set<std::int64_t> ids_of(const store::PersonFilter& filter) { return test_support::ids_listed(*store, filter); }

  TempDatabase database;
  std::unique_ptr<store::Store> store = store::open_sqlite_store({database.path(), 4});
};

TEST(SqliteStoreMigration, MigrateTwiceIsIdempotentAndReturnsTheVersion) {
  TempDatabase database;
  auto store = store::open_sqlite_store({database.path(), 2});
  EXPECT_EQ(store->schema_version(), 0);
  int version = store->migrate();
  EXPECT_EQ(version, store::sqlite::migrations().back().version);
  EXPECT_EQ(store->migrate(), version);
  EXPECT_EQ(store->schema_version(), version);

  auto reopened = store::open_sqlite_store({database.path(), 2});
  EXPECT_EQ(reopened->migrate(), version);
  RawConnection raw{database.path()};
  EXPECT_EQ(raw.count("schema_migration"), static_cast<long long>(store::sqlite::migrations().size()));
}

// A database as an earlier release left it: migrated up to, not including, `version`.
void migrate_before(store::sqlite::Connection& db, int version) {
  db.execute("CREATE TABLE schema_migration (version INTEGER PRIMARY KEY, description TEXT NOT NULL, "
             "applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))) STRICT");
  for (const auto& migration : store::sqlite::migrations()) {
    if (migration.version >= version) break;
    db.execute(migration.sql);
    db.execute("INSERT INTO schema_migration (version, description) VALUES (" + std::to_string(migration.version) +
               ", 'an earlier release')");
  }
}

// Migrates a database that an earlier release, before `version`, left as `setup` wrote it.
void migrate_from(const TempDatabase& database, int version,
                  const std::function<void(store::sqlite::Connection&)>& setup) {
  {
    store::sqlite::Connection db{database.path()};
    migrate_before(db, version);
    setup(db);
  }
  auto store = store::open_sqlite_store({database.path(), 1});
  EXPECT_EQ(store->migrate(), store::sqlite::migrations().back().version);
}

// Leeds prison and the Leeds and Bradford PDUs, in Yorkshire, as an earlier release stored them.
void add_leeds_units(store::sqlite::Connection& db) {
  db.execute("INSERT INTO region (code, name) VALUES ('YH', 'Yorkshire')");
  db.execute("INSERT INTO prison (code, name, region_code) VALUES ('LEI', 'Leeds', 'YH')");
  db.execute("INSERT INTO pdu (code, name, region_code) VALUES ('LDS', 'Leeds', 'YH'), ('BRD', 'Bradford', 'YH')");
}

TEST(SqliteStoreMigration, CaseDatesStoredBeforeMigrationSevenLearnWhoIsInCustody) {
  TempDatabase database;
  migrate_from(database, 7, [](store::sqlite::Connection& db) {
    for (auto [id, stage] : {std::pair{1, "in_custody"}, {2, "remand"}, {3, "on_licence"}}) {
      auto person = std::to_string(id);
      db.execute("INSERT INTO person (id, given_name, family_name, date_of_birth, gender, stage) VALUES (" + person +
                 ", 'Ann', 'Lee', '1990-01-01', 'female', '" + stage + "')");
      db.execute("INSERT INTO case_dates (person_id, responsibility, reason, pom_type, worked_out_on) VALUES (" + person +
                 ", 'pom', 'determinate', 'responsible', '2026-01-01')");
    }
  });
  RawConnection raw{database.path()};
  EXPECT_EQ(raw.text("SELECT group_concat(in_custody, ',') FROM (SELECT in_custody FROM case_dates ORDER BY person_id)"),
            "1,1,0");
}

TEST(SqliteStoreMigration, AllocationsMadeBeforeMigrationEightAreOnTheCaseloads) {
  TempDatabase database;
  migrate_from(database, 8, [](store::sqlite::Connection& db) {
    db.execute("INSERT INTO staff (id, username, display_name, role, password_hash) "
               "VALUES (1, 'pom', 'Pat', 'pom', 'x'), (2, 'kw', 'Kim', 'key_worker', 'x')");
    for (auto [id, name] : {std::pair{1, "Ann"}, {2, "Bo"}, {3, "Cy"}})
      db.execute("INSERT INTO person (id, given_name, family_name, date_of_birth, gender, stage, prison_number) VALUES (" +
                 std::to_string(id) + ", '" + name + "', 'Lee', '1990-01-01', 'female', 'in_custody', 'A000" +
                 std::to_string(id) + "AA')");
    db.execute("INSERT INTO allocation (person_id, staff_id, role, from_date, to_date) VALUES "
               "(1, 1, 'pom', '2025-01-01', NULL), (1, 2, 'key_worker', '2025-01-01', NULL), "
               "(2, 1, 'pom', '2025-01-01', NULL), (2, 1, 'key_worker', '2025-01-01', NULL), "
               "(3, 1, 'pom', '2025-01-01', '2025-06-01')");
  });
  RawConnection raw{database.path()};
  EXPECT_EQ(raw.text("SELECT group_concat(staff_id || ':' || person_id || ' ' || given_name || ' ' || prison_number, ',') "
                     "FROM (SELECT * FROM caseload_entry ORDER BY staff_id, person_id)"),
            "1:1 Ann A0001AA,1:2 Bo A0002AA,2:1 Ann A0001AA");
}

TEST(SqliteStoreMigration, PlansAndChecklistsMadeBeforeMigrationNineAreFlaggedOnLists) {
  TempDatabase database;
  migrate_from(database, 9, [](store::sqlite::Connection& db) {
    db.execute("INSERT INTO staff (id, username, display_name, role, password_hash) VALUES (1, 'pom', 'Pat', 'pom', 'x')");
    for (auto id : {1, 2, 3}) {
      auto n = std::to_string(id);
      db.execute("INSERT INTO person (id, given_name, family_name, date_of_birth, gender, stage) VALUES (" + n +
                 ", 'Ann', 'Lee', '1990-01-01', 'female', 'in_custody')");
      db.execute("INSERT INTO allocation (person_id, staff_id, role, from_date) VALUES (" + n + ", 1, 'pom', '2025-01-01')");
      db.execute("INSERT INTO case_dates (person_id, responsibility, reason, pom_type, worked_out_on) VALUES (" + n +
                 ", 'pom', 'determinate', 'responsible', '2025-01-01')");
    }
    db.execute("INSERT INTO plan (person_id, offer, started_on, last_material_change_on) "
               "VALUES (1, 'core', '2025-01-01', '2025-01-01')");
    db.execute("INSERT INTO pre_release_checklist (person_id, release_date, generated_on) "
               "VALUES (2, '2025-06-01', '2025-01-01')");
  });
  RawConnection raw{database.path()};
  EXPECT_EQ(raw.text("SELECT group_concat(has_plan_or_checklist, ',') FROM (SELECT * FROM caseload_entry ORDER BY person_id)"),
            "1,1,0");
  EXPECT_EQ(raw.text("SELECT group_concat(has_plan_or_checklist, ',') FROM (SELECT * FROM case_dates ORDER BY person_id)"),
            "1,1,0");
}

TEST(SqliteStoreMigration, CaseloadEntriesMadeBeforeMigrationTenKnowWhereThePersonIs) {
  TempDatabase database;
  migrate_from(database, 10, [](store::sqlite::Connection& db) {
    add_leeds_units(db);
    db.execute("INSERT INTO staff (id, username, display_name, role, password_hash) VALUES (1, 'pom', 'Pat', 'pom', 'x')");
    db.execute("INSERT INTO person (id, given_name, family_name, date_of_birth, gender, stage, prison_code, pdu_code) "
               "VALUES (1, 'Ann', 'Lee', '1990-01-01', 'female', 'in_custody', 'LEI', 'LDS'), "
               "(2, 'Bo', 'Lee', '1990-01-01', 'female', 'on_licence', NULL, 'BRD')");
    db.execute("INSERT INTO allocation (person_id, staff_id, role, from_date) VALUES "
               "(1, 1, 'pom', '2025-01-01'), (2, 1, 'pom', '2025-01-01')");
  });
  RawConnection raw{database.path()};
  EXPECT_EQ(raw.text("SELECT group_concat(person_id || ':' || coalesce(prison_code, '-') || '/' || pdu_code, ',') "
                     "FROM (SELECT * FROM caseload_entry ORDER BY person_id)"),
            "1:LEI/LDS,2:-/BRD");
}

TEST(SqliteStoreMigration, PeopleMadeBeforeMigrationElevenAreOnTheirUnitsLists) {
  TempDatabase database;
  migrate_from(database, 11, [](store::sqlite::Connection& db) {
    add_leeds_units(db);
    db.execute("INSERT INTO person (id, given_name, family_name, date_of_birth, gender, stage, prison_code, pdu_code) "
               "VALUES (1, 'Ann', 'Lee', '1990-01-01', 'female', 'in_custody', 'LEI', 'LDS'), "
               "(2, 'Bo', 'Lee', '1990-01-01', 'female', 'on_licence', NULL, 'LDS'), "
               "(3, 'Cy', 'Lee', '1990-01-01', 'female', 'in_custody', 'LEI', NULL), "
               "(4, 'Di', 'Lee', '1990-01-01', 'female', 'in_custody', NULL, NULL)");
    db.execute("INSERT INTO pre_release_checklist (person_id, release_date, generated_on) "
               "VALUES (3, '2025-06-01', '2025-01-01')");
  });
  RawConnection raw{database.path()};
  EXPECT_EQ(raw.text("SELECT group_concat(unit_kind || ' ' || unit_code || ' ' || person_id || ' ' || given_name || ' ' "
                     "|| has_plan_or_checklist, ',') FROM (SELECT * FROM unit_entry ORDER BY 1, 2, 3)"),
            "pdu LDS 1 Ann 0,pdu LDS 2 Bo 0,prison LEI 1 Ann 0,prison LEI 3 Cy 1");
}

TEST(SqliteStoreMigration, CaseDatesMadeBeforeMigrationTwelveCarryThePerson) {
  TempDatabase database;
  migrate_from(database, 12, [](store::sqlite::Connection& db) {
    db.execute("INSERT INTO person (id, given_name, family_name, date_of_birth, gender, stage, prison_number, crn) "
               "VALUES (1, 'Ann', 'Lee', '1990-01-01', 'female', 'in_custody', 'A0001AA', NULL), "
               "(2, 'Bo', 'Kay', '1990-01-01', 'female', 'on_licence', NULL, 'X000002')");
    for (auto id : {"1", "2"})
      db.execute(std::string{"INSERT INTO case_dates (person_id, responsibility, reason, pom_type, worked_out_on) VALUES ("} +
                 id + ", 'pom', 'determinate', 'responsible', '2025-01-01')");
  });
  RawConnection raw{database.path()};
  EXPECT_EQ(raw.text("SELECT group_concat(person_id || ' ' || given_name || ' ' || family_name || ' ' || "
                     "coalesce(prison_number, '-') || ' ' || coalesce(crn, '-') || ' ' || stage, ',') "
                     "FROM (SELECT * FROM case_dates ORDER BY person_id)"),
            "1 Ann Lee A0001AA - in_custody,2 Bo Kay - X000002 on_licence");
}

TEST(SqliteStoreMigration, LimitedCasesBeforeMigrationThirteenAreFlaggedOnLists) {
  TempDatabase database;
  migrate_from(database, 13, [](store::sqlite::Connection& db) {
    add_leeds_units(db);
    db.execute("INSERT INTO staff (id, username, display_name, role, password_hash) VALUES (1, 'pom', 'Pat', 'pom', 'x')");
    for (auto id : {"1", "2", "3"}) {
      db.execute(std::string{"INSERT INTO person (id, given_name, family_name, date_of_birth, gender, stage, "
                             "prison_code) VALUES ("} + id + ", 'Ann', 'Lee', '1990-01-01', 'female', 'in_custody', 'LEI')");
      db.execute(std::string{"INSERT INTO allocation (person_id, staff_id, role, from_date) VALUES ("} + id +
                 ", 1, 'pom', '2025-01-01')");
      db.execute(std::string{"INSERT INTO case_dates (person_id, responsibility, reason, pom_type, worked_out_on) "
                             "VALUES ("} + id + ", 'pom', 'determinate', 'responsible', '2025-01-01')");
    }
    db.execute("INSERT INTO limited_access (person_id, staff_id, list, reason, added_by, removed_by, removed_at) "
               "VALUES (1, 1, 'exclusion', 'Knows the victim', 1, NULL, NULL), "
               "(2, 1, 'exclusion', 'Knows the victim', 1, 1, '2025-02-01T00:00:00Z')");
  });
  RawConnection raw{database.path()};
  for (const char* table : {"caseload_entry", "unit_entry", "case_dates"})
    EXPECT_EQ(raw.text(std::string{"SELECT group_concat(limited, ',') FROM (SELECT limited FROM "} + table +
                       " ORDER BY person_id)"),
              "1,0,0")
        << table;
}

TEST_F(SqliteStoreTest, RunsInWalModeWithForeignKeysAndFullSynchronous) {
  RawConnection raw{database.path()};
  EXPECT_EQ(raw.text("PRAGMA journal_mode"), "wal");  // recorded in the file itself

  // foreign_keys and synchronous belong to each connection: ask one the store's way.
  store::sqlite::Connection connection{database.path()};
  auto pragma = [&](const char* sql) {
    auto& statement = connection.prepare(sql);
    statement.bind();
    EXPECT_TRUE(statement.step());
    auto value = statement.integer(0);
    connection.reset_statements();
    return value;
  };
  EXPECT_EQ(pragma("PRAGMA foreign_keys"), 1);
  EXPECT_EQ(pragma("PRAGMA synchronous"), 2);  // FULL

  // And the store's own connections enforce foreign keys.
  auto tx = store->begin_write();
  EXPECT_THROW(tx->people().insert(person_named("Ann", "Lee", "A1111AA", "", "NOPE")), std::runtime_error);
}

TEST_F(SqliteStoreTest, ListsKnowWhoHasAPlanOrAChecklistWhicheverCameFirst) {
  auto plan_first = add(person_named("Ann", "Lee", "A1111AA", "", "LEI", ""));
  auto checklist_later = add(person_named("Bea", "Lee", "A2222AA", "", "LEI", ""));
  auto neither = add(person_named("Cal", "Lee", "A3333AA", "", "LEI", ""));
  auto pom = add_staff("pom", Role::pom);
  auto day = *parse_iso_date("2026-03-02");
  auto start_plan = [&](std::int64_t person_id) {
    auto tx = store->begin_write();
    tx->plans().insert({0, person_id, 0, Offer::core, day, day, {}, {}, std::nullopt, {}});
    tx->commit();
  };
  start_plan(plan_first);  // before the allocation and the case dates
  for (auto id : {plan_first, checklist_later, neither}) {
    allocate(id, pom);
    save_handover_date(id, day);
  }
  {
    auto tx = store->begin_write();  // after them
    tx->checklists().insert({0, checklist_later, 0, day, day, {}, std::nullopt});
    tx->commit();
  }
  using Flags = std::map<std::int64_t, bool>;
  auto tx = store->begin_read();
  Flags on_caseload, on_unit_list, on_worklist;
  for (const auto& person : tx->people().caseload({pom, "", std::nullopt}, {std::nullopt, 50}).items)
    on_caseload[person.id] = person.has_plan_or_checklist;
  store::PersonFilter unit;
  unit.within = store::UnitScope{"LEI", "", std::nullopt};
  for (const auto& person : tx->people().list_summaries(unit, {std::nullopt, 50}).items)
    on_unit_list[person.id] = person.has_plan_or_checklist;
  store::WorklistScope scope;
  scope.within = unit.within;
  for (const auto& entry : tx->case_dates().handovers_due(day, day, scope).items) {
    on_worklist[entry.person.id] = entry.person.has_plan_or_checklist;
    EXPECT_EQ(entry.prison_code, "LEI");
    EXPECT_EQ(entry.pdu_code, "");
  }
  Flags expected{{plan_first, true}, {checklist_later, true}, {neither, false}};
  EXPECT_EQ(on_caseload, expected);
  EXPECT_EQ(on_unit_list, expected);
  EXPECT_EQ(on_worklist, expected);
}

TEST_F(SqliteStoreTest, AMemberOfStaffsOwnCaseWhoLeavesTheUnitStaysOnTheUnitsLists) {
  auto id = add(person_named("Ann", "Lee", "A1111AA", "", "LEI", ""));
  auto pom = add_staff("pom", Role::pom);
  allocate(id, pom);
  auto day = *parse_iso_date("2026-03-02");
  save_handover_date(id, day);
  {
    auto tx = store->begin_write();
    auto person = *tx->people().find(id);
    person.prison_code = "HAI";  // moved; their POM in Leeds keeps the case
    tx->people().update(person, person.version);
    tx->commit();
  }
  store::PersonFilter filter;
  filter.within = store::UnitScope{"LEI", "", pom};
  EXPECT_EQ(ids_of(filter), std::set<std::int64_t>{id});
  store::WorklistScope scope;
  scope.within = filter.within;
  auto worklist = store->begin_read()->case_dates().handovers_due(day, day, scope).items;
  ASSERT_EQ(worklist.size(), 1u);
  EXPECT_EQ(worklist[0].prison_code, "HAI");
  filter.within = store::UnitScope{"HAI", "", std::nullopt};  // and Hatfield lists them as theirs
  EXPECT_EQ(ids_of(filter), std::set<std::int64_t>{id});
}

TEST_F(SqliteStoreTest, ListsFlagCurrentLimitedAccessWhicheverCameFirst) {
  auto limited_first = add(person_named("Ann", "Lee", "A1111AA", "", "LEI", "LDS"));
  auto limited_later = add(person_named("Bea", "Lee", "A2222AA", "", "LEI", "LDS"));
  auto pom = add_staff("pom", Role::pom);
  auto day = *parse_iso_date("2026-03-02");
  auto limit = [&](std::int64_t person_id) {
    auto tx = store->begin_write();
    auto id = tx->limited_access().add(person_id, {AccessList::exclusion, pom, "Knows the victim"}, pom);
    tx->commit();
    return id;
  };
  auto flags = [&](std::string table) {
    RawConnection raw{database.path()};
    return raw.text("SELECT group_concat(person_id || ':' || limited, ',') FROM (SELECT person_id, limited FROM " +
                    table + " ORDER BY person_id, limited)");
  };
  auto both = [](std::int64_t first, std::int64_t later, int later_limited) {
    return std::to_string(first) + ":1," + std::to_string(later) + ":" + std::to_string(later_limited);
  };
  limit(limited_first);  // before any list row of theirs exists
  for (auto id : {limited_first, limited_later}) {
    allocate(id, pom);
    save_handover_date(id, day);
  }
  auto entry = limit(limited_later);  // after
  EXPECT_EQ(flags("caseload_entry"), both(limited_first, limited_later, 1));
  EXPECT_EQ(flags("case_dates"), both(limited_first, limited_later, 1));
  EXPECT_EQ(flags("unit_entry"), std::to_string(limited_first) + ":1," + std::to_string(limited_first) + ":1," +
                                     std::to_string(limited_later) + ":1," + std::to_string(limited_later) + ":1");
  {
    auto tx = store->begin_write();
    tx->limited_access().end(limited_later, entry, pom);
    auto moved = *tx->people().find(limited_first);  // their unit rows are written again
    moved.pdu_code = "";
    tx->people().update(moved, moved.version);
    tx->commit();
  }
  EXPECT_EQ(flags("caseload_entry"), both(limited_first, limited_later, 0));
  EXPECT_EQ(flags("case_dates"), both(limited_first, limited_later, 0));
  EXPECT_EQ(flags("unit_entry"), std::to_string(limited_first) + ":1," + std::to_string(limited_later) + ":0," +
                                     std::to_string(limited_later) + ":0");
}

TEST_F(SqliteStoreTest, AUnitsListShowsWhoIsThereNowAsTheyAreNow) {
  auto id = add(person_named("Ann", "Lee", "A1111AA", "", "LEI", "LDS"));
  auto stays = add(person_named("Bea", "Lee", "A2222AA", "", "LEI", ""));
  auto summaries_in = [&](std::string prison_code, std::string pdu_code) {
    store::PersonFilter filter;
    filter.within = store::UnitScope{std::move(prison_code), std::move(pdu_code), std::nullopt};
    return store->begin_read()->people().list_summaries(filter, {std::nullopt, 50}).items;
  };
  ASSERT_EQ(summaries_in("", "LDS").size(), 1u);
  EXPECT_FALSE(summaries_in("", "LDS")[0].has_plan_or_checklist);
  auto day = *parse_iso_date("2026-03-02");
  {
    auto tx = store->begin_write();
    tx->plans().insert({0, id, 0, Offer::core, day, day, {}, {}, std::nullopt, {}});
    tx->commit();
  }
  EXPECT_TRUE(summaries_in("", "LDS")[0].has_plan_or_checklist);
  EXPECT_TRUE(summaries_in("LEI", "")[0].has_plan_or_checklist);
  EXPECT_FALSE(summaries_in("LEI", "")[1].has_plan_or_checklist);
  {
    auto tx = store->begin_write();
    auto person = *tx->people().find(id);
    person.given_name = "Annie";
    person.crn = "X999999";
    person.stage = CaseStage::remand;
    person.prison_code = "HAI";
    person.pdu_code = "";
    tx->people().update(person, person.version);
    tx->commit();
  }
  std::vector<std::int64_t> in_leeds;
  for (const auto& summary : summaries_in("LEI", "")) in_leeds.push_back(summary.id);
  EXPECT_EQ(in_leeds, std::vector{stays});
  EXPECT_TRUE(summaries_in("", "LDS").empty());
  auto in_hatfield = summaries_in("HAI", "");
  ASSERT_EQ(in_hatfield.size(), 1u);
  EXPECT_EQ(in_hatfield[0].id, id);
  EXPECT_EQ(in_hatfield[0].full_name(), "Annie Lee");
  EXPECT_EQ(in_hatfield[0].crn, "X999999");
  EXPECT_EQ(in_hatfield[0].stage, CaseStage::remand);
  EXPECT_TRUE(in_hatfield[0].has_plan_or_checklist);
}

TEST_F(SqliteStoreTest, StaffBasedInAUnitAndTheirCaseloadsByRoleStageAndTier) {
  auto leeds_pom = add_staff("leeds.pom", Role::pom);
  auto leeds_keyworker = add_staff("leeds.kw", Role::key_worker);
  auto gone = add_staff("gone", Role::pom, false);
  auto com = add_staff("com", Role::com);
  {
    RawConnection raw{database.path()};
    raw.error_from("UPDATE staff SET prison_code = 'LEI' WHERE username IN ('leeds.pom', 'leeds.kw', 'gone')");
    raw.error_from("UPDATE staff SET pdu_code = 'LDS' WHERE username = 'com'");
  }
  auto tx = store->begin_read();
  std::vector<std::int64_t> ids;
  for (const auto& staff : tx->staff().based_in("LEI", "")) ids.push_back(staff.id);
  EXPECT_EQ(ids, (std::vector<std::int64_t>{leeds_keyworker, leeds_pom})) << "active only, by name";
  ids.clear();
  for (const auto& staff : tx->staff().based_in("HAI", "LDS")) ids.push_back(staff.id);
  EXPECT_EQ(ids, std::vector<std::int64_t>{com});
  EXPECT_TRUE(tx->staff().based_in("", "").empty());
  EXPECT_EQ(tx->staff().find_many({gone, com}).size(), 2u);
  tx.reset();

  auto a = add(person_named("Ann", "Lee", "A1111AA", "", "LEI", ""));
  auto b = add(person_named("Bea", "Lee", "A2222AA", "", "LEI", ""));
  auto c = add(person_named("Cal", "Lee", "A3333AA", "", "LEI", ""));
  for (auto person : {a, b, c}) allocate(person, leeds_pom);
  allocate(c, com, *parse_iso_date("2024-06-01"));
  {
    auto write = store->begin_write();
    for (auto person : {a, b}) {
      RiskProfile tier_a;
      tier_a.person_id = person;
      tier_a.tier = Tier::a;
      write->risk_profiles().save(tier_a, 0);
    }
    write->commit();
  }
  auto counts = store->begin_read()->allocations().caseloads({leeds_pom, com});
  ASSERT_EQ(counts.size(), 2u) << "two tier A cases and one untiered; the ended COM case is not counted";
  std::map<std::optional<Tier>, int> by_tier;
  for (const auto& entry : counts) {
    EXPECT_EQ(entry.staff_id, leeds_pom);
    EXPECT_EQ(entry.count.role, Role::pom);
    EXPECT_EQ(entry.count.stage, CaseStage::in_custody);
    by_tier[entry.count.tier] = entry.count.cases;
  }
  EXPECT_EQ(by_tier[Tier::a], 2);
  EXPECT_EQ(by_tier[std::nullopt], 1);
}

TEST_F(SqliteStoreTest, ATransactionDestroyedWithoutCommitRollsEverythingBack) {
  auto kept = add(person_named("Ann", "Lee", "A1111AA", ""));
  {
    auto tx = store->begin_write();
    auto id = tx->people().insert(person_named("Bea", "Lee", "A2222AA", ""));
    tx->journal().append(event_for(id, std::nullopt, "person.added"));
    tx->journal().append(event_for(kept, std::nullopt, "person.updated"));
    auto person = *tx->people().find(kept);
    person.family_name = "Changed";
    tx->people().update(person, 1);
    ASSERT_TRUE(tx->people().find(id));
  }
  RawConnection raw{database.path()};
  EXPECT_EQ(raw.count("person"), 1);
  EXPECT_EQ(raw.count("event"), 0);
  auto tx = store->begin_read();
  EXPECT_FALSE(tx->people().find_by_prison_number("A2222AA"));
  EXPECT_EQ(tx->people().find(kept)->family_name, "Lee");
  EXPECT_EQ(tx->people().find(kept)->version, 1);
}

TEST_F(SqliteStoreTest, TheDatabaseRefusesToDeleteCaseDataOrEditTheJournal) {
  auto person = add(person_named("Ann", "Lee", "A1111AA", ""));
  auto staff = add_staff("pom", Role::pom);
  allocate(person, staff);
  {
    auto tx = store->begin_write();
    Sentence sentence;
    sentence.person_id = person;
    sentence.start_date = parse_iso_date("2024-01-01");
    sentence.length_days = 365;
    tx->sentences().insert(sentence);
    tx->journal().append(event_for(person, staff, "person.added"));
    tx->access_log().record(staff, person, "overview", true);
    tx->commit();
  }
  RawConnection raw{database.path()};
  EXPECT_NE(raw.error_from("DELETE FROM person").find("never deleted"), std::string::npos);
  EXPECT_NE(raw.error_from("DELETE FROM sentence").find("never deleted"), std::string::npos);
  EXPECT_NE(raw.error_from("DELETE FROM allocation").find("never deleted"), std::string::npos);
  EXPECT_NE(raw.error_from("UPDATE event SET summary = 'rewritten'").find("append-only"), std::string::npos);
  EXPECT_NE(raw.error_from("DELETE FROM event").find("append-only"), std::string::npos);
  EXPECT_NE(raw.error_from("DELETE FROM access_log").find("append-only"), std::string::npos);
  EXPECT_EQ(raw.count("person"), 1);
  EXPECT_EQ(raw.count("sentence"), 1);
  EXPECT_EQ(raw.count("allocation"), 1);
  EXPECT_EQ(raw.count("event"), 1);
  EXPECT_EQ(raw.text("SELECT summary FROM event"), "Summary of person.added");
  EXPECT_EQ(raw.count("access_log"), 1);
}

// The connections SQLite opens while this is registered as an automatic extension: a test's
// way to ask a store's own connection for a setting that belongs to the connection.
std::vector<sqlite3*> connections_opened;
int note_connection(sqlite3* db, const char**, const sqlite3_api_routines*) {
  connections_opened.push_back(db);
  return SQLITE_OK;
}

int synchronous_of(sqlite3* db) {
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db, "PRAGMA synchronous", -1, &statement, nullptr) != SQLITE_OK)
    throw std::runtime_error(sqlite3_errmsg(db));
  int level = sqlite3_step(statement) == SQLITE_ROW ? sqlite3_column_int(statement, 0) : -1;
  sqlite3_finalize(statement);
  return level;
}

TEST_F(SqliteStoreTest, AnAuditWriteCommitsAtNormalSynchronousAndPoolsItsConnectionAtFullAgain) {
  auto person = add(person_named("Ann", "Lee", "A1111AA", ""));
  auto staff = add_staff("pom", Role::pom);
  connections_opened.clear();
  sqlite3_auto_extension(reinterpret_cast<void (*)()>(note_connection));
  auto one_connection = store::open_sqlite_store({database.path(), 1});
  sqlite3_cancel_auto_extension(reinterpret_cast<void (*)()>(note_connection));
  ASSERT_EQ(connections_opened.size(), 1u);
  auto* connection = connections_opened.front();
  constexpr int normal = 1, full = 2;

  {
    auto tx = one_connection->begin_audit_write();
    EXPECT_EQ(synchronous_of(connection), normal);
    tx->access_log().record(staff, person, "overview", true);
    tx->commit();
    EXPECT_EQ(synchronous_of(connection), full);
  }
  EXPECT_EQ(one_connection->begin_read()->access_log().count_for_person(person), 1);
  EXPECT_EQ(RawConnection{database.path()}.count("access_log"), 1);  // committed for other connections too
  {
    auto tx = one_connection->begin_write();
    EXPECT_EQ(synchronous_of(connection), full);
  }

  {
    auto tx = one_connection->begin_audit_write();
    tx->access_log().record(staff, person, "overview", false);
  }  // rolled back
  EXPECT_EQ(one_connection->begin_read()->access_log().count_for_person(person), 1);
  auto tx = one_connection->begin_write();
  EXPECT_EQ(synchronous_of(connection), full);
}

TEST_F(SqliteStoreTest, TheDatabaseRefusesToEditTheAccessLog) {
  auto person = add(person_named("Ann", "Lee", "A1111AA", ""));
  auto staff = add_staff("pom", Role::pom);
  {
    auto tx = store->begin_write();
    tx->access_log().record(staff, person, "overview", false);
    tx->commit();
  }
  RawConnection raw{database.path()};
  EXPECT_NE(raw.error_from("UPDATE access_log SET allowed = 1").find("append-only"), std::string::npos);
  EXPECT_EQ(raw.text("SELECT allowed FROM access_log"), "0");
}

TEST_F(SqliteStoreTest, ConcurrentWritersAllCommitWhileReadersRead) {
  constexpr int writers = 4, writes_each = 15;
  // A second store on the same file stands in for a second process.
  auto second_store = store::open_sqlite_store({database.path(), 4});
  std::atomic<bool> writing{true};
  std::atomic<int> reads{0};
  std::vector<std::future<void>> work;
  for (int writer = 0; writer < writers; ++writer) {
    auto& target = writer % 2 ? *second_store : *store;
    work.push_back(std::async(std::launch::async, [&target, writer] {
      for (int i = 0; i < writes_each; ++i) {
        auto tx = target.begin_write();
        auto id = tx->people().insert(person_named("Writer", std::to_string(writer), prison_number_for(writer * 100 + i), ""));
        tx->journal().append(event_for(id, std::nullopt, "person.added"));
        tx->commit();
      }
    }));
  }
  auto reader = std::async(std::launch::async, [&] {
    while (writing) {
      auto tx = store->begin_read();
      tx->people().list({}, {std::nullopt, 200});
      ++reads;
    }
  });
  for (auto& writer : work) EXPECT_NO_THROW(writer.get());
  writing = false;
  EXPECT_NO_THROW(reader.get());
  EXPECT_GT(reads.load(), 0);

  RawConnection raw{database.path()};
  EXPECT_EQ(raw.count("person"), writers * writes_each);
  EXPECT_EQ(raw.count("event"), writers * writes_each);
}

}  // namespace

TEST(SqliteStoreMigration, TheOutboxRebuiltAtMigration29KeepsItsMessagesAndWhatPointsAtThem) {
  TempDatabase database;
  migrate_from(database, 29, [](store::sqlite::Connection& db) {
    add_leeds_units(db);
    db.execute("INSERT INTO staff (id, username, display_name, role, password_hash) VALUES (1, 'com', 'Cal', 'com', 'x')");
    db.execute("INSERT INTO person (id, given_name, family_name, date_of_birth, gender, stage) "
               "VALUES (1, 'Ann', 'Lee', '1990-01-01', 'female', 'on_licence')");
    db.execute("INSERT INTO outbox_message (id, person_id, idempotency_key, kind, channel, language, recipient, body, "
               "status, next_attempt_at, withheld_reason) VALUES (5, 1, 'appointment:1:warning', 'warning', 'sms', 'cy', "
               "'+447700900123', 'Helo Ann', 'withheld', 0, 'opted_out')");
    db.execute("INSERT INTO appointment (id, person_id, type, on_date, starts_at, ends_at, office_code, with_staff_id, "
               "booked_by) VALUES (1, 1, 'supervision', '2026-12-01', '10:00', '11:00', 'LDS', 1, 1)");
    db.execute("INSERT INTO enforcement_action (person_id, appointment_id, step, failures, decided_by, decided_at, "
               "message_id) VALUES (1, 1, 'warning', 1, 1, '2026-12-01T12:00:00Z', 5)");
  });
  RawConnection raw{database.path()};
  EXPECT_EQ(raw.text("SELECT idempotency_key || '|' || kind || '|' || language || '|' || recipient || '|' || body || '|' || "
                     "status || '|' || withheld_reason FROM outbox_message WHERE id = 5"),
            "appointment:1:warning|warning|cy|+447700900123|Helo Ann|withheld|opted_out");
  EXPECT_EQ(raw.text("SELECT message_id FROM enforcement_action"), "5");
  EXPECT_EQ(raw.text("SELECT count(*) FROM pragma_foreign_key_check"), "0");
  EXPECT_EQ(raw.text("PRAGMA foreign_keys"), "0") << "a fresh connection; the store's own turn them on";
  EXPECT_EQ(raw.error_from("INSERT INTO outbox_message (person_id, idempotency_key, kind, channel, language, body, status, "
                           "next_attempt_at) VALUES (1, 'sign-in:1', 'sign_in_code', 'sms', 'en', 'Your code', 'queued', 0)"),
            "");
  EXPECT_NE(raw.error_from("INSERT INTO outbox_message (person_id, idempotency_key, kind, channel, language, body, status, "
                           "next_attempt_at) VALUES (1, 'x:1', 'gossip', 'sms', 'en', 'x', 'queued', 0)"),
            "");
  EXPECT_NE(raw.error_from("DELETE FROM outbox_message WHERE id = 5"), "") << "the trigger came back with the table";
  EXPECT_EQ(raw.text("SELECT count(*) FROM sqlite_schema WHERE name IN ('outbox_to_send', 'outbox_by_person')"), "2");
}

TEST(SqliteStoreMigration, EachPersonsNewestSentenceBeforeMigration38IsTheirBookingAsTheFormMeantIt) {
  TempDatabase database;
  migrate_from(database, 38, [](store::sqlite::Connection& db) {
    for (auto id : {1, 2})
      db.execute("INSERT INTO person (id, given_name, family_name, date_of_birth, gender, stage) VALUES (" +
                 std::to_string(id) + ", 'Ann', 'Lee', '1990-01-01', 'female', 'in_custody')");
    db.execute("INSERT INTO sentence (id, person_id, legal_status, sentence_type, release_scheme, start_date, length_days, "
               "remand_days) VALUES (1, 1, 'sentenced', 'determinate', 'standard', '2024-01-10', 365, 0), "
               "(2, 1, 'sentenced', 'determinate', 'two_thirds', '2026-01-10', 730, 20), "
               "(3, 2, 'sentenced', 'determinate', 'standard', '2025-01-10', 730, 0)");
  });
  auto store = store::open_sqlite_store({database.path(), 1});
  auto booking = store->begin_read()->bookings().find(1);
  EXPECT_EQ(booking.version, 0);
  ASSERT_EQ(booking.sentences.size(), 1u);
  EXPECT_EQ(booking.sentences[0].id, 2);
  EXPECT_FALSE(booking.sentences[0].facts);  // read as the single-sentence form meant it
  EXPECT_TRUE(booking.adjustments.empty());  // its remand days stay on it, an adjustment to it when read
  auto calculation = calculate_stored_booking(booking, std::nullopt, all_law_known);
  EXPECT_EQ(calculation.dates.date(KeyDateKind::conditional_release),
            compute_key_dates(booking.sentences[0]).date(KeyDateKind::conditional_release));
  EXPECT_EQ(calculation.dates[KeyDateKind::conditional_release]->rule, KeyDateRule::two_thirds);
  EXPECT_EQ(store->begin_read()->bookings().find(2).sentences.size(), 1u);
  EXPECT_FALSE(store->begin_read()->sentences().find(1)->in_booking);  // kept, out of the booking
}

// How many of the connection's statements are mid-run (stepped, not yet at their end or reset).
int statements_mid_run(store::sqlite::Connection& db) {
  int mid_run = 0;
  for (auto* statement = sqlite3_next_stmt(db.handle(), nullptr); statement;
       statement = sqlite3_next_stmt(db.handle(), statement))
    mid_run += sqlite3_stmt_busy(statement) ? 1 : 0;
  return mid_run;
}

// A write left on the row its RETURNING gave keeps its statement journal open: every later write of the
// transaction is copied into that journal and each later statement walks it as it ends, which made the
// national load slow down with its own size. An insert's id is read and the insert then run to its end.
TEST(SqliteStatements, InsertsThatReturnTheirIdAreLeftAtTheirEnd) {
  TempDatabase database;
  store::open_sqlite_store({database.path(), 1})->migrate();
  store::sqlite::Connection db{database.path()};
  db.execute("BEGIN IMMEDIATE");
  store::shared::Journal<store::sqlite::Connection> journal{db};
  NewEvent appended{std::nullopt, std::nullopt, "test.appended", "system", 0, "Appended", "", nlohmann::json::object()};
  EXPECT_GT(journal.append(appended), 0);
  EXPECT_EQ(statements_mid_run(db), 0);

  db.execute("CREATE TEMP TABLE note (id INTEGER PRIMARY KEY, key TEXT UNIQUE)");
  auto& insert = db.prepare("INSERT INTO note (key) VALUES (?) ON CONFLICT (key) DO NOTHING RETURNING id");
  EXPECT_EQ(store::shared::returned_id(insert.bind("first")), 1);
  EXPECT_EQ(statements_mid_run(db), 0);
  EXPECT_EQ(store::shared::returned_id(insert.bind("first")), std::nullopt);  // held already: no row added
  db.reset_statements();
  db.execute("ROLLBACK");
}
