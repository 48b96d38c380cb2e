// The PostgreSQL connection, pool, transactions and migrations (store/postgresql/), against a real
// server: RESETTLE_TEST_POSTGRES names one (./dev test starts a throwaway cluster and sets it); each
// test gets a database of its own, dropped at its end. Without the variable these tests skip.
#include <gtest/gtest.h>
#include <unistd.h>

#include <concepts>
#include <cstdlib>
#include <functional>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "store/postgresql/database.hpp"
#include "store/postgresql/migrations.hpp"
#include "store/postgresql/uri.hpp"
#include "store/sqlite/database.hpp"
#include "store/sqlite/migrations.hpp"
#include "test_store.hpp"

namespace resettle::store::postgresql {
namespace {

using namespace std::chrono;

// What repository code may ask of a connection and its statements; both backends must keep offering
// it, so that repositories can be written once for both (docs/decisions.md).
template <typename Database>
concept SharedShape = requires(Database& db, std::string_view sql) {
  db.execute(sql);
  db.run(sql);
  db.reset_statements();
  requires requires(decltype(db.prepare(sql)) statement) {
    { statement.bind(std::int64_t{1}, 1, true, "text", std::string{}, std::string_view{}, Date{}, nullptr,
                     std::optional<std::int64_t>{}, std::optional<Date>{}) } -> std::same_as<decltype(statement)>;
    { statement.step() } -> std::same_as<bool>;
    statement.run();
    { statement.changes() } -> std::same_as<std::int64_t>;
    { statement.is_null(0) } -> std::same_as<bool>;
    { statement.integer(0) } -> std::same_as<std::int64_t>;
    { statement.text(0) } -> std::same_as<std::string>;
    { statement.text_view(0) } -> std::same_as<std::string_view>;
    { statement.date(0) } -> std::same_as<std::optional<Date>>;
    { statement.optional_integer(0) } -> std::same_as<std::optional<std::int64_t>>;
  };
};
static_assert(SharedShape<sqlite::Connection>);
static_assert(SharedShape<Connection>);

TEST(PostgresqlPlaceholders, NumbersEachQuestionMarkInOrder) {
  EXPECT_EQ(numbered_placeholders("SELECT a FROM t WHERE b = ? AND c IN (?, ?)"),
            "SELECT a FROM t WHERE b = $1 AND c IN ($2, $3)");
  EXPECT_EQ(numbered_placeholders("SELECT 1"), "SELECT 1");
}

TEST(PostgresqlPlaceholders, LeavesQuotedTextAndCommentsAlone) {
  EXPECT_EQ(numbered_placeholders("SELECT '?', 'it''s ?', ? FROM \"odd?name\" WHERE x = ?"),
            "SELECT '?', 'it''s ?', $1 FROM \"odd?name\" WHERE x = $2");
  EXPECT_EQ(numbered_placeholders("SELECT ? -- why?\n, ? /* and ? */, ?"), "SELECT $1 -- why?\n, $2 /* and ? */, $3");
  EXPECT_EQ(numbered_placeholders("SELECT $body$ ? $body$, $$?$$, ?"), "SELECT $body$ ? $body$, $$?$$, $1");
}

TEST(PostgresqlUri, TellsAUriFromAFile) {
  EXPECT_TRUE(is_uri("postgresql:///resettle?host=/tmp"));
  EXPECT_TRUE(is_uri("postgres://user@db.example/resettle"));
  EXPECT_FALSE(is_uri("var/demo.db"));
  EXPECT_FALSE(is_uri("/srv/postgresql/resettle.db"));
  EXPECT_THROW(refuse_uri_until_complete("postgresql:///resettle"), std::invalid_argument);
  EXPECT_NO_THROW(refuse_uri_until_complete("var/demo.db"));
}

TEST(PostgresqlMigrations, HaveTheSameNumbersAsSqlite) {
  std::vector<int> sqlite_numbers;
  for (const auto& migration : sqlite::migrations()) sqlite_numbers.push_back(migration.version);
  std::vector<int> numbers;
  for (const auto& migration : migrations()) numbers.push_back(migration.version);
  EXPECT_EQ(numbers, sqlite_numbers);
  for (std::size_t i = 0; i < numbers.size(); ++i) EXPECT_EQ(numbers[i], static_cast<int>(i) + 1);
}

class PostgresqlTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* server = std::getenv("RESETTLE_TEST_POSTGRES");
    if (!server || !*server)
      GTEST_SKIP() << "no PostgreSQL to test against: set RESETTLE_TEST_POSTGRES to a postgresql:// URI "
                      "(./dev test starts a throwaway cluster and sets it)";
    server_ = server;
    static int made = 0;
    name_ = "resettle_test_" + std::to_string(getpid()) + "_" + std::to_string(++made);
    Connection{server_}.execute("CREATE DATABASE " + name_);
    uri_ = uri_of(name_);
  }
  void TearDown() override {
    if (!name_.empty()) Connection{server_}.execute("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
  }

  // The server's URI naming another database on it.
  std::string uri_of(const std::string& database) const {
    return server_ + (server_.find('?') == std::string::npos ? "?" : "&") + "dbname=" + database;
  }

  // The first column of the query's first row, as text.
  static std::string text_of(Connection& db, std::string_view sql) {
    auto& statement = db.prepare(sql);
    if (!statement.bind().step()) throw std::runtime_error("no row from " + std::string{sql});
    return statement.text(0);
  }

  // The SQLSTATE of the error the statement fails with, or empty when it succeeds.
  static std::string sqlstate_of(Connection& db, std::string_view sql) {
    try {
      db.execute(sql);
      return {};
    } catch (const DatabaseError& failure) {
      return failure.sqlstate();
    }
  }

  std::string server_;
  std::string name_;
  std::string uri_;
};

TEST_F(PostgresqlTest, BindsAndReadsEveryType) {
  Connection db{uri_};
  db.execute(
      "CREATE TABLE sample (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, whole bigint, small bigint, "
      "flag bigint, real double precision, words text, view text, literal text, day text, nothing text, "
      "no_number bigint, no_day text)");
  auto& insert = db.prepare(
      "INSERT INTO sample (whole, small, flag, real, words, view, literal, day, nothing, no_number, no_day) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
  std::string words = "Dŵr 'Cymru' and \"quotes\" and ?";
  ASSERT_TRUE(insert
                  .bind(std::int64_t{9'007'199'254'740'993}, -42, true, 0.1, words, std::string_view{"a view"}, "",
                        Date{year{2028} / February / 29}, nullptr, std::optional<std::int64_t>{},
                        std::optional<Date>{})
                  .step());
  auto id = insert.integer(0);
  EXPECT_GE(id, 1);

  auto& read = db.prepare(
      "SELECT whole, small, flag, real, words, view, literal, day, nothing, no_number, no_day FROM sample WHERE id = ?");
  ASSERT_TRUE(read.bind(id).step());
  EXPECT_EQ(read.integer(0), 9'007'199'254'740'993);
  EXPECT_EQ(read.integer(1), -42);
  EXPECT_EQ(read.integer(2), 1);
  EXPECT_EQ(read.real(3), 0.1);
  EXPECT_EQ(read.text(4), words);
  EXPECT_EQ(read.text_view(5), "a view");
  EXPECT_FALSE(read.is_null(6)) << "an empty string stays a string";
  EXPECT_EQ(read.text(6), "");
  EXPECT_EQ(read.date(7), Date{year{2028} / February / 29});
  EXPECT_TRUE(read.is_null(8));
  EXPECT_EQ(read.optional_integer(9), std::nullopt);
  EXPECT_EQ(read.date(10), std::nullopt);
  EXPECT_EQ(read.optional_integer(1), -42);
  EXPECT_FALSE(read.step());
  EXPECT_THROW(read.integer(0), DatabaseError) << "no current row";
}

TEST_F(PostgresqlTest, ReadsBooleansAsOneOrZeroAsSqliteDoes) {
  Connection db{uri_};
  auto& statement = db.prepare("SELECT ? = 1, ? = 1, EXISTS (SELECT 1 WHERE false)");
  ASSERT_TRUE(statement.bind(1, 2).step());
  EXPECT_EQ(statement.integer(0), 1);
  EXPECT_EQ(statement.integer(1), 0);
  EXPECT_EQ(statement.integer(2), 0);
}

TEST_F(PostgresqlTest, CachesEachStatementAndRunsItAgainWithNewValues) {
  Connection db{uri_};
  db.execute("CREATE TABLE counted (n bigint)");
  auto& first = db.prepare("INSERT INTO counted (n) VALUES (?)");
  first.bind(1).run();
  auto& second = db.prepare("INSERT INTO counted (n) VALUES (?)");
  EXPECT_EQ(&first, &second);
  second.bind(2).run();
  EXPECT_EQ(text_of(db, "SELECT string_agg(n::text, ',' ORDER BY n) FROM counted"), "1,2");
}

TEST_F(PostgresqlTest, CountsTheRowsAStatementChanged) {
  Connection db{uri_};
  db.execute("CREATE TABLE counted (n bigint); INSERT INTO counted VALUES (1), (2), (3)");
  auto& update = db.prepare("UPDATE counted SET n = n + 10 WHERE n >= ?");
  EXPECT_EQ(update.changes(), 0) << "not run yet";
  update.bind(2).run();
  EXPECT_EQ(update.changes(), 2);
  update.bind(100).run();
  EXPECT_EQ(update.changes(), 0);
}

TEST_F(PostgresqlTest, ReportsFailuresWithTheirSqlstate) {
  Connection db{uri_};
  db.execute("CREATE TABLE once (key text PRIMARY KEY)");
  db.prepare("INSERT INTO once VALUES (?)").bind("a").run();
  try {
    db.prepare("INSERT INTO once VALUES (?)").bind("a").run();
    FAIL() << "a duplicate key was accepted";
  } catch (const DatabaseError& failure) {
    EXPECT_EQ(failure.sqlstate(), "23505");
    EXPECT_FALSE(failure.worth_retrying());
    EXPECT_NE(std::string{failure.what()}.find("INSERT INTO once"), std::string::npos) << failure.what();
  }
  EXPECT_THROW(db.prepare("SELEKT 1"), DatabaseError);
  EXPECT_EQ(sqlstate_of(db, "SELECT * FROM no_such_table"), "42P01");
  EXPECT_THROW(Connection{uri_of("no_such_database")}, DatabaseError);
}

TEST_F(PostgresqlTest, PoolReusesAConnectionGivenBackIdle) {
  ConnectionPool pool{uri_, 2};
  std::string first;
  {
    auto lease = pool.take();
    first = text_of(*lease, "SELECT pg_backend_pid()");
  }
  auto again = pool.take();
  EXPECT_EQ(text_of(*again, "SELECT pg_backend_pid()"), first);
  auto other = pool.take();
  EXPECT_NE(text_of(*other, "SELECT pg_backend_pid()"), first) << "a second lease at once has its own connection";
}

TEST_F(PostgresqlTest, PoolClosesAConnectionGivenBackInsideATransaction) {
  ConnectionPool pool{uri_, 1};
  std::string first;
  {
    auto lease = pool.take();
    first = text_of(*lease, "SELECT pg_backend_pid()");
    lease->begin(Isolation::read_committed);
  }
  auto next = pool.take();
  EXPECT_NE(text_of(*next, "SELECT pg_backend_pid()"), first);
}

class PostgresqlTransactionTest : public PostgresqlTest {
 protected:
  void SetUp() override {
    PostgresqlTest::SetUp();
    if (IsSkipped()) return;
    Connection{uri_}.execute("CREATE TABLE counter (id bigint PRIMARY KEY, n bigint NOT NULL); INSERT INTO counter VALUES (1, 0)");
  }
  std::int64_t counter() {
    Connection db{uri_};
    return std::stoll(text_of(db, "SELECT n FROM counter WHERE id = 1"));
  }
};

TEST_F(PostgresqlTransactionTest, CommitsWhatTheWorkReturns) {
  ConnectionPool pool{uri_, 1};
  auto n = in_transaction(pool, Isolation::read_committed, [](Connection& db) {
    db.run("UPDATE counter SET n = n + 5 WHERE id = 1");
    auto& read = db.prepare("SELECT n FROM counter WHERE id = 1");
    read.bind().step();
    return read.integer(0);
  });
  EXPECT_EQ(n, 5);
  EXPECT_EQ(counter(), 5);
}

TEST_F(PostgresqlTransactionTest, RunsAgainAfterASerializationFailure) {
  ConnectionPool pool{uri_, 1};
  Connection other{uri_};
  int attempts = 0;
  in_transaction(pool, Isolation::serializable, [&](Connection& db) {
    ++attempts;
    auto& read = db.prepare("SELECT n FROM counter WHERE id = 1");
    read.bind().step();  // the transaction's snapshot is taken here
    auto n = read.integer(0);
    if (attempts == 1) other.execute("UPDATE counter SET n = 100 WHERE id = 1");  // commits meanwhile
    db.prepare("UPDATE counter SET n = ? WHERE id = 1").bind(n + 1).run();
  });
  EXPECT_EQ(attempts, 2);
  EXPECT_EQ(counter(), 101) << "the second attempt read the other transaction's write";
}

TEST_F(PostgresqlTransactionTest, RunsAgainAfterADeadlock) {
  ConnectionPool pool{uri_, 1};
  int attempts = 0;
  in_transaction(pool, Isolation::read_committed, [&](Connection& db) {
    ++attempts;
    db.run("UPDATE counter SET n = n + 1 WHERE id = 1");
    if (attempts == 1) db.execute("DO $$ BEGIN RAISE EXCEPTION 'deadlock detected' USING ERRCODE = '40P01'; END $$");
  });
  EXPECT_EQ(attempts, 2);
  EXPECT_EQ(counter(), 1) << "the failed attempt's update was rolled back";
}

TEST_F(PostgresqlTransactionTest, GivesUpAfterItsLastAttempt) {
  ConnectionPool pool{uri_, 1};
  int attempts = 0;
  try {
    in_transaction(pool, Isolation::serializable, [&](Connection& db) {
      ++attempts;
      db.execute("DO $$ BEGIN RAISE EXCEPTION 'serialization' USING ERRCODE = '40001'; END $$");
    });
    FAIL() << "the failure was not passed on";
  } catch (const DatabaseError& failure) {
    EXPECT_TRUE(failure.worth_retrying());
  }
  EXPECT_EQ(attempts, transaction_attempts);
}

TEST_F(PostgresqlTransactionTest, RollsBackAndPassesOnAnyOtherFailureAtOnce) {
  ConnectionPool pool{uri_, 1};
  int attempts = 0;
  EXPECT_THROW(in_transaction(pool, Isolation::repeatable_read,
                              [&](Connection& db) {
                                ++attempts;
                                db.run("UPDATE counter SET n = 7 WHERE id = 1");
                                throw std::runtime_error("the use case failed");
                              }),
               std::runtime_error);
  EXPECT_EQ(attempts, 1);
  EXPECT_EQ(counter(), 0);
  auto again = pool.take();
  EXPECT_EQ(PQtransactionStatus(again->handle()), PQTRANS_IDLE) << "the pool's connection is usable";
}

TEST_F(PostgresqlTransactionTest, RunsAtTheIsolationLevelGiven) {
  ConnectionPool pool{uri_, 1};
  for (auto [isolation, name] : {std::pair{Isolation::read_committed, "read committed"},
                                 std::pair{Isolation::repeatable_read, "repeatable read"},
                                 std::pair{Isolation::serializable, "serializable"}})
    EXPECT_EQ(in_transaction(pool, isolation, [](Connection& db) { return text_of(db, "SHOW transaction_isolation"); }),
              name);
}

TEST_F(PostgresqlTest, ServersMigratingAtOnceTakeTurns) {
  std::string outcomes[2];
  auto migrate_into = [&](std::string& outcome) {
    try {
      outcome = std::to_string(migrate(uri_));
    } catch (const DatabaseError& failure) {
      outcome = failure.what();
    }
  };
  {
    std::jthread first{migrate_into, std::ref(outcomes[0])};
    std::jthread second{migrate_into, std::ref(outcomes[1])};
  }
  EXPECT_EQ(outcomes[0], std::to_string(migrations().back().version));
  EXPECT_EQ(outcomes[1], std::to_string(migrations().back().version));
  Connection db{uri_};
  EXPECT_EQ(text_of(db, "SELECT count(*) FROM schema_migration"), std::to_string(migrations().size()));
}

TEST_F(PostgresqlTest, AFailedMigrationNamesItselfAndLeavesTheSchemaAsItWas) {
  Connection db{uri_};
  db.execute("CREATE TABLE staff (in_the_way bigint)");  // migration 1 makes a table of that name
  try {
    migrate(db);
    FAIL() << "the migration ran over a table in its way";
  } catch (const DatabaseError& failure) {
    EXPECT_EQ(failure.sqlstate(), "42P07");
    EXPECT_NE(std::string{failure.what()}.find("migration 1 (foundation"), std::string::npos) << failure.what();
  }
  EXPECT_EQ(text_of(db, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"), "1")
      << "neither migration 1's tables nor schema_migration stayed";
}

class PostgresqlMigratedTest : public PostgresqlTest {
 protected:
  void SetUp() override {
    PostgresqlTest::SetUp();
    if (IsSkipped()) return;
    version_ = migrate(uri_);
  }
  // Someone to act and someone acted on, as the journal and access log need.
  static void add_staff_and_person(Connection& db) {
    db.execute(
        "INSERT INTO region VALUES ('YH', 'Yorkshire and the Humber'); "
        "INSERT INTO prison VALUES ('LEI', 'Leeds', 'YH'); INSERT INTO pdu VALUES ('LDS', 'Leeds', 'YH'); "
        "INSERT INTO staff (id, username, display_name, role, password_hash) VALUES (1, 'pom', 'A POM', 'pom', 'x'); "
        "INSERT INTO person (id, prison_number, given_name, family_name, date_of_birth, gender, prison_code, stage) "
        "VALUES (1, 'A1234BC', 'Sam', 'Smith', '1990-01-01', 'male', 'LEI', 'in_custody')");
  }
  int version_ = 0;
};

TEST_F(PostgresqlMigratedTest, AppliesEveryMigrationOnceAndRecordsIt) {
  EXPECT_EQ(version_, migrations().back().version);
  EXPECT_EQ(migrate(uri_), version_) << "a second run changes nothing";
  Connection db{uri_};
  EXPECT_EQ(text_of(db, "SELECT count(*) FROM schema_migration"), std::to_string(migrations().size()));
  EXPECT_EQ(text_of(db, "SELECT description FROM schema_migration WHERE version = 1"), migrations().front().description);
}

// Each table's columns in order, as "name type", with " not null" when they may not be null. Both
// connections have the same shape, so one function reads either.
using Columns = std::map<std::string, std::vector<std::string>>;
template <typename Database>
Columns columns_from(Database& db, std::string_view sql, const std::map<std::string, std::string>& type_names) {
  Columns columns;
  auto& read = db.prepare(sql);
  read.bind();
  while (read.step())
    columns[read.text(0)].push_back(read.text(1) + " " + type_names.at(read.text(2)) + (read.integer(3) ? " not null" : ""));
  return columns;
}

template <typename Database>
std::set<std::string> names_from(Database& db, std::string_view sql) {
  std::set<std::string> names;
  auto& read = db.prepare(sql);
  read.bind();
  while (read.step()) names.insert(read.text(0));
  return names;
}

TEST_F(PostgresqlMigratedTest, MirrorsSqlitesTablesColumnsIndexesAndTriggers) {
  test_support::TempDatabase file;
  store::open_sqlite_store({file.path(), 1})->migrate();
  sqlite::Connection lite{file.path()};
  // SQLite's types as migrations.hpp maps them; FTS5's columns have none and hold text. A primary
  // key's columns are never null in PostgreSQL, and are never given null by the store in SQLite.
  auto sqlite_columns = columns_from(
      lite,
      "SELECT m.name, c.name, c.type, c.\"notnull\" OR c.pk > 0 FROM sqlite_schema m JOIN pragma_table_info(m.name) c "
      "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE 'service_search_%' ORDER BY m.name, c.cid",
      {{"INTEGER", "bigint"}, {"TEXT", "text"}, {"REAL", "double precision"}, {"", "text"}});
  auto sqlite_indexes = names_from(lite, "SELECT name FROM sqlite_schema WHERE type = 'index' AND name NOT LIKE 'sqlite_%'");
  auto sqlite_triggers = names_from(lite, "SELECT name FROM sqlite_schema WHERE type = 'trigger'");

  Connection db{uri_};
  auto postgresql_columns = columns_from(
      db,
      "SELECT table_name, column_name, data_type, is_nullable = 'NO' FROM information_schema.columns "
      "WHERE table_schema = 'public' ORDER BY table_name, ordinal_position",
      {{"bigint", "bigint"}, {"text", "text"}, {"double precision", "double precision"}, {"tsvector", "tsvector"}});
  // Indexes that are not there only to enforce a constraint (SQLite's sqlite_autoindex_ ones).
  auto postgresql_indexes = names_from(
      db, "SELECT indexname FROM pg_indexes i WHERE schemaname = 'public' "
          "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)");
  auto postgresql_triggers = names_from(db, "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal");

  // Full-text search: one more column holding the words, where FTS5 keeps them out of sight, and
  // its indexes; SQLite's FTS5 keeps its own tables.
  ASSERT_EQ(postgresql_columns["service_search"].back(), "document tsvector");
  postgresql_columns["service_search"].pop_back();
  EXPECT_EQ(postgresql_columns, sqlite_columns);
  EXPECT_EQ(postgresql_indexes.erase("service_search_by_service") + postgresql_indexes.erase("service_search_by_words"), 2u);
  EXPECT_EQ(postgresql_indexes, sqlite_indexes);
  // The refusals of TRUNCATE, which has no SQLite counterpart.
  for (auto name : {"event_is_append_only_truncate", "access_log_is_append_only_truncate",
                    "access_log_person_is_append_only_truncate"})
    EXPECT_EQ(postgresql_triggers.erase(name), 1u) << name;
  EXPECT_EQ(postgresql_triggers, sqlite_triggers);
}

TEST_F(PostgresqlMigratedTest, RefusesToChangeTheJournalOrTheAccessLog) {
  Connection db{uri_};
  add_staff_and_person(db);
  db.execute(
      "INSERT INTO event (actor_staff_id, person_id, kind, entity, entity_id, summary) "
      "VALUES (1, 1, 'person_added', 'person', 1, 'Added'); "
      "INSERT INTO access_log (at, staff_id, person_id, what, allowed, chain) "
      "VALUES ('2026-12-07T09:00:00.000Z', 1, 1, 'person', 1, 'c')");
  for (std::string table : {"event", "access_log"}) {
    EXPECT_EQ(sqlstate_of(db, "UPDATE " + table + " SET person_id = NULL"), "23001") << table;
    EXPECT_EQ(sqlstate_of(db, "DELETE FROM " + table), "23001") << table;
    EXPECT_EQ(sqlstate_of(db, "TRUNCATE " + table + " CASCADE"), "23001") << table;
  }
  EXPECT_EQ(text_of(db, "SELECT count(*) FROM event"), "1");
  EXPECT_EQ(text_of(db, "SELECT count(*) FROM access_log"), "1");
  try {
    db.execute("DELETE FROM event");
    FAIL() << "the journal lost a row";
  } catch (const DatabaseError& refused) {
    EXPECT_NE(std::string{refused.what()}.find("the event journal is append-only"), std::string::npos) << refused.what();
  }
}

TEST_F(PostgresqlMigratedTest, RefusesToDeleteCaseData) {
  Connection db{uri_};
  add_staff_and_person(db);
  EXPECT_EQ(sqlstate_of(db, "DELETE FROM person"), "23001");
  EXPECT_EQ(text_of(db, "SELECT count(*) FROM person"), "1");
}

TEST_F(PostgresqlMigratedTest, ChecksJsonColumnsAsSqliteDoes) {
  Connection db{uri_};
  EXPECT_EQ(sqlstate_of(db, "INSERT INTO event (kind, entity, entity_id, summary, data) VALUES ('k', 'e', 1, 's', '{oops')"),
            "23514");
  EXPECT_EQ(sqlstate_of(db, "INSERT INTO event (kind, entity, entity_id, summary, data) VALUES ('k', 'e', 1, 's', '{\"a\": 1}')"),
            "");
  EXPECT_EQ(text_of(db, "SELECT at FROM event").size(), std::string{"2026-12-07T09:00:00.000Z"}.size())
      << "timestamps are written as SQLite writes them";
}

TEST_F(PostgresqlMigratedTest, KeepsTheListsReadModelsByTriggers) {
  Connection db{uri_};
  add_staff_and_person(db);
  db.execute(
      "INSERT INTO case_dates (person_id, responsibility, reason, pom_type, worked_out_on) "
      "VALUES (1, 'pom', 'r', 'supporting', '2026-12-07'); "
      "INSERT INTO allocation (person_id, staff_id, role, from_date) VALUES (1, 1, 'com', '2026-12-07')");
  EXPECT_EQ(text_of(db, "SELECT com_allocated FROM case_dates"), "1");
  EXPECT_EQ(text_of(db, "SELECT family_name FROM caseload_entry WHERE staff_id = 1 AND person_id = 1"), "Smith");
  EXPECT_EQ(text_of(db, "SELECT unit_kind || ':' || unit_code FROM unit_entry WHERE person_id = 1"), "prison:LEI");

  db.execute("UPDATE person SET family_name = 'Jones', prison_code = NULL, pdu_code = 'LDS', stage = 'on_licence'");
  EXPECT_EQ(text_of(db, "SELECT family_name || ' ' || pdu_code || ' ' || in_custody FROM case_dates"), "Jones LDS 0");
  EXPECT_EQ(text_of(db, "SELECT family_name || ' ' || pdu_code FROM caseload_entry"), "Jones LDS");
  EXPECT_EQ(text_of(db, "SELECT string_agg(unit_kind || ':' || unit_code, ',') FROM unit_entry"), "pdu:LDS");

  db.execute("INSERT INTO limited_access (person_id, staff_id, list, reason, added_by) VALUES (1, 1, 'exclusion', 'r', 1)");
  EXPECT_EQ(text_of(db, "SELECT concat((SELECT limited FROM case_dates), (SELECT limited FROM caseload_entry), "
                        "(SELECT limited FROM unit_entry))"),
            "111");
  db.execute("INSERT INTO plan (person_id, offer, started_on, last_material_change_on) VALUES (1, 'o', '2026-12-07', '2026-12-07')");
  EXPECT_EQ(text_of(db, "SELECT has_plan_or_checklist FROM unit_entry"), "1");
  db.execute("UPDATE allocation SET to_date = '2026-12-08'");
  EXPECT_EQ(text_of(db, "SELECT count(*) FROM caseload_entry"), "0");
  EXPECT_EQ(text_of(db, "SELECT com_allocated FROM case_dates"), "0");
}

TEST_F(PostgresqlMigratedTest, SearchesTheDirectoryByStemmedWords) {
  Connection db{uri_};
  db.execute(
      "INSERT INTO service_search (service_id, name, description, eligibility, organisation, pathways) VALUES "
      "('s1', 'Housing advice', 'Helps people find homes', '', 'Shelter', 'accommodation'), "
      "('s2', 'Debt clinic', 'Money and benefits', '', 'Citizens Advice', 'finance')");
  auto& search = db.prepare(
      "SELECT service_id FROM service_search WHERE document @@ websearch_to_tsquery('english', ?) ORDER BY service_id");
  ASSERT_TRUE(search.bind("home").step());
  EXPECT_EQ(search.text(0), "s1");
  EXPECT_FALSE(search.step());
  ASSERT_TRUE(search.bind("advice").step());
  EXPECT_EQ(search.text(0), "s1");
  ASSERT_TRUE(search.step());
  EXPECT_EQ(search.text(0), "s2");
}

}  // namespace
}  // namespace resettle::store::postgresql
