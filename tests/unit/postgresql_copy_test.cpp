// `resettle copy` (store/postgresql/copy.hpp): the order tables are filled in and PostgreSQL's COPY
// text format on their own; the copy itself both ways against a real server (skipped without one), and
// the hash chains written by either store verifying on the other after a copy.
#include "store/postgresql/copy.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "store/postgresql/database.hpp"
#include "store/postgresql/postgresql_store.hpp"
#include "store/sqlite/database.hpp"
#include "test_postgresql.hpp"
#include "test_store.hpp"

namespace resettle::store::postgresql {
namespace {

TEST(CopyInsertionOrder, PutsEveryReferencedTableFirstAndOtherwiseKeepsAlphabeticalOrder) {
  auto order = insertion_order({{"allocation", {"person", "staff"}},
                                {"person", {"prison"}},
                                {"prison", {"region"}},
                                {"region", {}},
                                {"staff", {}}});
  EXPECT_EQ(order, (std::vector<std::string>{"region", "staff", "prison", "person", "allocation"}));
}

TEST(CopyInsertionOrder, AllowsATableToReferToItselfAndIgnoresTablesNotCopied) {
  auto order = insertion_order({{"person", {"person", "schema_migration"}}, {"event", {"person"}}});
  EXPECT_EQ(order, (std::vector<std::string>{"person", "event"}));
}

TEST(CopyInsertionOrder, NamesTheTablesOfACycle) {
  try {
    insertion_order({{"a", {"b"}}, {"b", {"c"}}, {"c", {"b"}}});
    FAIL() << "a cycle was given an order";
  } catch (const std::invalid_argument& refused) {
    EXPECT_NE(std::string{refused.what()}.find("form a cycle, or lead into one, so no order inserts them: a, b, c"), std::string::npos) << refused.what();
  }
}

TEST(CopyText, EscapesWhatTheFormatUsesAndWritesNullAsBackslashN) {
  std::string out;
  append_copy_text(out, {"plain", std::nullopt, "", "tab\there", "two\nlines\r", "back\\slash"});
  EXPECT_EQ(out, "plain\t\\N\t\ttab\\there\ttwo\\nlines\\r\tback\\\\slash\n");
}

TEST(CopyText, ReadsBackEveryValueItWrites) {
  Row row{"plain", std::nullopt, "", "\\N", "tab\there", "two\nlines\r\n", "back\\slash\\", "Cymraeg: ŵ ŷ"};
  std::string line;
  append_copy_text(line, row);
  EXPECT_EQ(parse_copy_text(line), row);
  EXPECT_EQ(parse_copy_text("only"), (Row{"only"}));
  EXPECT_EQ(parse_copy_text("\t\n"), (Row{"", ""}));
}

TEST(CopyText, ReadsTheOtherControlEscapesCopyToWrites) {
  EXPECT_EQ(parse_copy_text("a\\bb\\fc\\vd\\.e"), (Row{"a\bb\fc\vd.e"}));
}

class CopyTest : public test_support::PostgresqlTest {
 protected:
  // A migrated SQLite database holding someone in a prison, their journal and an access-log row, so
  // the read models (unit_entry) and both chains have rows; and values that test the text format.
  void SetUp() override {
    PostgresqlTest::SetUp();
    if (IsSkipped()) return;
    open_sqlite_store({source_.path(), 1})->migrate();
    sqlite::Connection db{source_.path()};
    db.execute(
        "INSERT INTO region VALUES ('YH', 'Yorkshire and the Humber'); "
        "INSERT INTO prison VALUES ('LEI', 'Leeds', 'YH'); INSERT INTO pdu VALUES ('LDS', 'Leeds', 'YH'); "
        "INSERT INTO staff (id, username, display_name, role, password_hash) VALUES (7, 'pom', 'A POM', 'pom', 'x'); "
        "INSERT INTO person (id, prison_number, given_name, family_name, date_of_birth, gender, prison_code, stage) "
        "VALUES (41, 'A1234BC', 'Sam' || char(9) || 'Tab', 'O''Brien\\' || char(10) || 'Two lines', '1990-01-01', 'male', "
        "'LEI', 'in_custody'); "
        "INSERT INTO location (id, location_type, latitude, longitude) VALUES ('loc', 'physical', 53.79648, "
        "-1.5478200000000001); "
        "INSERT INTO event (actor_staff_id, person_id, kind, entity, entity_id, summary, chain) "
        "VALUES (7, 41, 'person_added', 'person', 41, 'Added', 'chain-1'); "
        "INSERT INTO access_log (at, staff_id, person_id, what, allowed, chain) "
        "VALUES ('2026-12-07T09:00:00.000Z', 7, 41, 'person', 1, 'chain-2')");
  }

  // Every table's rows, each as the text of its values in order (REAL with every digit), sorted.
  static std::map<std::string, std::multiset<std::string>> rows_of(const std::string& path) {
    sqlite::Connection db{path};
    std::vector<std::string> tables;
    auto& names = db.prepare(
        "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type IN ('table', 'virtual') "
        "AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migration'");
    names.bind();
    while (names.step()) tables.push_back(names.text(0));
    std::map<std::string, std::multiset<std::string>> rows;
    for (const auto& table : tables) {
      std::string values;
      auto& columns = db.prepare("SELECT name FROM pragma_table_info(?)");
      columns.bind(table);
      while (columns.step())
        values += (values.empty() ? "" : " || '|' || ") + std::string{"typeof(\""} + columns.text(0) +
                  "\") || ':' || coalesce(printf('%!.17g', \"" + columns.text(0) + "\") || '/' || \"" + columns.text(0) +
                  "\", 'NULL')";
      auto& read = db.prepare("SELECT " + values + " FROM \"" + table + "\"");
      read.bind();
      auto& set = rows[table];
      while (read.step()) set.insert(read.text(0));
    }
    return rows;
  }

  test_support::TempDatabase source_;
};

TEST_F(CopyTest, CopiesEveryTableToPostgresqlAndBackAsStored) {
  auto there = copy_to_postgresql(source_.path(), uri_);
  EXPECT_EQ(there.rows.at("person"), 1);
  EXPECT_EQ(there.rows.at("unit_entry"), 1) << "the read model is copied, not filled a second time by its trigger";
  EXPECT_EQ(there.journal_head, "chain-1");
  Connection db{uri_};
  EXPECT_EQ(text_of(db, "SELECT family_name FROM person WHERE id = 41"), "O'Brien\\\nTwo lines");
  EXPECT_EQ(text_of(db, "SELECT longitude = -1.5478200000000001::double precision FROM location"), "t");
  EXPECT_EQ(text_of(db, "SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal AND tgenabled <> 'O'"), "0")
      << "every trigger fires again after the copy";

  test_support::TempDatabase back;
  auto again = copy_to_sqlite(uri_, back.path());
  EXPECT_EQ(again.rows, there.rows);
  EXPECT_EQ(rows_of(back.path()), rows_of(source_.path()));
}

TEST_F(CopyTest, MovesIdentitiesPastTheHighestIdCopied) {
  copy_to_postgresql(source_.path(), uri_);
  Connection db{uri_};
  EXPECT_EQ(text_of(db, "INSERT INTO staff (username, display_name, role, password_hash) "
                        "VALUES ('com', 'A COM', 'com', 'x') RETURNING id"),
            "8");
  EXPECT_EQ(text_of(db, "SELECT nextval(pg_get_serial_sequence('person', 'id'))"), "42");
}

TEST_F(CopyTest, RefusesATargetWithRowsNamingTheTableAndLeavesItAsItWas) {
  copy_to_postgresql(source_.path(), uri_);
  try {
    copy_to_postgresql(source_.path(), uri_);
    FAIL() << "copied into a database with rows";
  } catch (const std::invalid_argument& refused) {
    EXPECT_NE(std::string{refused.what()}.find("the target is not empty: the access_log table has rows"), std::string::npos)
        << refused.what();
  }
  Connection db{uri_};
  EXPECT_EQ(text_of(db, "SELECT count(*) FROM person"), "1");
}

TEST_F(CopyTest, RefusesASourceAtAnotherSchemaVersion) {
  sqlite::Connection{source_.path()}.execute("DELETE FROM schema_migration WHERE version = (SELECT max(version) FROM schema_migration)");
  EXPECT_THROW(
      {
        try {
          copy_to_postgresql(source_.path(), uri_);
        } catch (const std::invalid_argument& refused) {
          EXPECT_NE(std::string{refused.what()}.find("run 'resettle migrate' on the source first"), std::string::npos)
              << refused.what();
          throw;
        }
      },
      std::invalid_argument);
}

TEST_F(CopyTest, RefusesAMissingSourceFileRatherThanMakeOne) {
  test_support::TempDatabase nothing;
  EXPECT_THROW(copy_to_postgresql(nothing.path(), uri_), std::invalid_argument);
  EXPECT_FALSE(std::filesystem::exists(nothing.path()));
}

TEST_F(CopyTest, AFailureKeepsNoRowAndEveryTriggerOn) {
  // A row PostgreSQL refuses (its prison does not exist) after several tables have been copied.
  sqlite::Connection source{source_.path()};
  source.execute(
      "PRAGMA foreign_keys = OFF; "
      "INSERT INTO person (id, prison_number, given_name, family_name, date_of_birth, gender, prison_code, stage) "
      "VALUES (42, 'B1234BC', 'Alex', 'Jones', '1991-01-01', 'male', 'NOWHERE', 'in_custody')");
  EXPECT_THROW(copy_to_postgresql(source_.path(), uri_), DatabaseError);
  Connection db{uri_};
  EXPECT_EQ(text_of(db, "SELECT count(*) FROM region"), "0");
  EXPECT_EQ(text_of(db, "SELECT count(*) FROM staff"), "0");
  EXPECT_EQ(text_of(db, "SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal AND tgenabled <> 'O'"), "0");
  // ... and the same source, mended, then copies.
  source.execute("UPDATE person SET prison_code = 'LEI' WHERE id = 42");
  EXPECT_EQ(copy_to_postgresql(source_.path(), uri_).rows.at("person"), 2);
}

}  // namespace
}  // namespace resettle::store::postgresql

namespace resettle::store::postgresql {
namespace {

// Both chains written through a store: a journal row and an access-log read of a list, with text the
// chains must hash alike on both backends (quotes, control characters, letters outside ASCII).
void write_chained_rows(Store& store) {
  store.migrate();
  auto tx = store.begin_write();
  test_support::add_yorkshire(*tx);
  auto staff = tx->staff().insert(test_support::staff_member("pom", Role::pom, "LEI", ""), "not-a-real-hash");
  auto person = tx->people().insert(test_support::person_named("Ann", "Lee", "A1111AA", "", "LEI"));
  std::string awkward = "\"O'Brien\" \\ tab\there\nnext \x01 caf\xc3\xa9";
  tx->journal().append({staff, person, "person.added", "person", person, awkward, "", {{"name", awkward}}});
  tx->journal().append({std::nullopt, person, "person.updated", "person", person, "Moved", "", {}});
  {
    OriginScope origin{{"192.0.2.7", awkward}};
    tx->access_log().record(staff, person, awkward, true);
    tx->access_log().record_list(staff, "caseload", {person});
  }
  tx->commit();
}

class ChainCopyTest : public test_support::PostgresqlTest {};

// Every chain of the store holds, with the heads given.
void expect_chains_hold(Store& store, const std::vector<ChainCheck>& written) {
  auto checks = store.check_chains();
  ASSERT_EQ(checks.size(), written.size());
  for (std::size_t i = 0; i < checks.size(); ++i) {
    EXPECT_FALSE(checks[i].broken_at) << checks[i].table;
    EXPECT_EQ(checks[i].rows, 2) << checks[i].table;
    EXPECT_EQ(checks[i].head_chain, written[i].head_chain) << checks[i].table;
  }
}

TEST_F(ChainCopyTest, ChainsWrittenOnPostgresqlStillHoldWhenCopiedToSqlite) {
  auto there = open_postgresql_store({uri_, 2});
  write_chained_rows(*there);
  auto written = there->check_chains();
  test_support::TempDatabase back;
  copy_to_sqlite(uri_, back.path());
  expect_chains_hold(*open_sqlite_store({back.path(), 1}), written);
}

TEST_F(ChainCopyTest, ChainsWrittenOnSqliteStillHoldWhenCopiedToPostgresql) {
  test_support::TempDatabase file;
  auto here = open_sqlite_store({file.path(), 1});
  write_chained_rows(*here);
  auto written = here->check_chains();
  copy_to_postgresql(file.path(), uri_);
  expect_chains_hold(*open_postgresql_store({uri_, 2}), written);
}

}  // namespace
}  // namespace resettle::store::postgresql
