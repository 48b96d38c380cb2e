#pragma once
// A test fixture run once on each backend: SQLite on a throwaway file, PostgreSQL on a throwaway
// database of RESETTLE_TEST_POSTGRES's server (skipped, saying why, when it is not set). The store is
// migrated and holds Yorkshire's prisons and PDUs (test_store.hpp).
#include <gtest/gtest.h>

#include <memory>
#include <ostream>
#include <string>

#include "store/postgresql/postgresql_store.hpp"
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
    add_yorkshire(*tx);
    tx->commit();
  }

  TempDatabase file;
  std::unique_ptr<ThrowawayPostgresqlDatabase> database;
  std::unique_ptr<store::Store> store;  // closes its connections before the database above goes
};

}  // namespace resettle::test_support
