#pragma once
// What the tests against a real PostgreSQL server share: RESETTLE_TEST_POSTGRES names one (./dev test
// starts a throwaway cluster and sets it); each test gets a database of its own, dropped at its end.
// Without the variable these tests skip, saying why.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <stdexcept>
#include <string>
#include <string_view>

#include "store/postgresql/database.hpp"

namespace resettle::test_support {

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
    store::postgresql::Connection{server_}.execute("CREATE DATABASE " + name_);
    uri_ = uri_of(name_);
  }
  void TearDown() override {
    if (!name_.empty()) store::postgresql::Connection{server_}.execute("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
  }

  // The server's URI naming another database on it.
  std::string uri_of(const std::string& database) const {
    return server_ + (server_.find('?') == std::string::npos ? "?" : "&") + "dbname=" + database;
  }

  // The first column of the query's first row, as text.
  static std::string text_of(store::postgresql::Connection& db, std::string_view sql) {
    auto& statement = db.prepare(sql);
    if (!statement.bind().step()) throw std::runtime_error("no row from " + std::string{sql});
    return statement.text(0);
  }

  // The SQLSTATE of the error the statement fails with, or empty when it succeeds.
  static std::string sqlstate_of(store::postgresql::Connection& db, std::string_view sql) {
    try {
      db.execute(sql);
      return {};
    } catch (const store::postgresql::DatabaseError& failure) {
      return failure.sqlstate();
    }
  }

  std::string server_;
  std::string name_;
  std::string uri_;
};

}  // namespace resettle::test_support
