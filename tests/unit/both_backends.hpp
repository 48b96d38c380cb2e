#pragma once
// A test fixture run once on each backend: SQLite on a throwaway file, PostgreSQL on a throwaway
// database of RESETTLE_TEST_POSTGRES's server (skipped, saying why, when it is not set). The store is
// migrated and holds Yorkshire's prisons and PDUs (test_store.hpp) unless the test overrides add_places.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "store/postgresql/postgresql_store.hpp"
#include "store/sqlite/database.hpp"
#include "store/store.hpp"
#include "test_postgresql.hpp"
#include "test_store.hpp"

namespace resettle::test_support {

enum class Backend { sqlite, postgresql };

inline std::string name_of(Backend backend) { return backend == Backend::sqlite ? "sqlite" : "postgresql"; }

inline std::string backend_name(const ::testing::TestParamInfo<Backend>& info) { return name_of(info.param); }

// How GoogleTest names the backend in its messages.
inline void PrintTo(Backend backend, std::ostream* out) { *out << name_of(backend); }

class BothBackendsTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::sqlite) {
      store = store::open_sqlite_store({file.path(), 4});
    } else {
      auto server = test_postgresql_server();
      if (server.empty()) GTEST_SKIP() << no_postgresql_to_test;
      database = std::make_unique<ThrowawayPostgresqlDatabase>(server);
      store = store::open_postgresql_store({database->uri(), 4});
    }
    store->migrate();
    auto tx = store->begin_write();
    add_places(*tx);
    tx->commit();
  }

  // The places every test starts with: Yorkshire's, unless a test loads its own.
  virtual void add_places(store::Transaction& tx) { add_yorkshire(tx); }

  // SQL run past the store, on a connection of its own, as any other program could.
  void raw_execute(const std::string& sql) {
    if (GetParam() == Backend::sqlite) store::sqlite::Connection{file.path()}.execute(sql);
    else store::postgresql::Connection{database->uri()}.execute(sql);
  }

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

  // The first column of every row of the query, as text, run past the store on a connection of its own,
  // as any other program could.
  std::vector<std::string> raw_column(const std::string& sql) {
    auto column = [&](auto&& db) {
      std::vector<std::string> values;
      auto& rows = db.prepare(sql);
      rows.bind();
      while (rows.step()) values.push_back(rows.text(0));
      return values;
    };
    if (GetParam() == Backend::sqlite) return column(store::sqlite::Connection{file.path()});
    return column(store::postgresql::Connection{database->uri()});
  }

  // The first column of the first row, as text; empty when there is no row.
  std::string raw_text(const std::string& sql) {
    auto values = raw_column(sql);
    return values.empty() ? std::string{} : values.front();
  }

  // The allowed flags (1 or 0) of the access log for one person, oldest first, read past the store as
  // an auditor would.
  std::vector<int> access_log_allowed(std::int64_t person_id) {
    std::vector<int> allowed;
    for (const auto& flag : raw_column("SELECT allowed FROM access_log WHERE person_id = " + std::to_string(person_id) + " ORDER BY id"))
      allowed.push_back(std::stoi(flag));
    return allowed;
  }

  TempDatabase file;
  std::unique_ptr<ThrowawayPostgresqlDatabase> database;
  std::unique_ptr<store::Store> store;  // closes its connections before the database above goes
};

}  // namespace resettle::test_support
