#pragma once
// What the tests against a real PostgreSQL server share: RESETTLE_TEST_POSTGRES names one (./dev test
// starts a throwaway cluster and sets it); each test gets a database of its own, dropped at its end.
// Without the variable these tests skip, saying why.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include "store/postgresql/database.hpp"

namespace resettle::test_support {

// The server RESETTLE_TEST_POSTGRES names, or empty when it is not set.
inline std::string test_postgresql_server() {
  const char* server = std::getenv("RESETTLE_TEST_POSTGRES");
  return server ? server : "";
}

inline constexpr std::string_view no_postgresql_to_test =
    "no PostgreSQL to test against: set RESETTLE_TEST_POSTGRES to a postgresql:// URI "
    "(./dev test starts a throwaway cluster and sets it)";

// A database of its own on the server, dropped (whoever is still connected) when this goes.
class ThrowawayPostgresqlDatabase {
 public:
  explicit ThrowawayPostgresqlDatabase(std::string server) : server_(std::move(server)) {
    static int made = 0;
    name_ = "resettle_test_" + std::to_string(getpid()) + "_" + std::to_string(++made);
    store::postgresql::Connection{server_}.execute("CREATE DATABASE " + name_);
  }
  ~ThrowawayPostgresqlDatabase() {
    try {
      store::postgresql::Connection{server_}.execute("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
    } catch (const std::exception& failure) {
      ADD_FAILURE() << "cannot drop the test database " << name_ << ": " << failure.what();
    }
  }
  ThrowawayPostgresqlDatabase(const ThrowawayPostgresqlDatabase&) = delete;
  ThrowawayPostgresqlDatabase& operator=(const ThrowawayPostgresqlDatabase&) = delete;

  std::string uri() const { return uri_of(name_); }
  // The server's URI naming another database on it.
  std::string uri_of(const std::string& database) const {
    return server_ + (server_.find('?') == std::string::npos ? "?" : "&") + "dbname=" + database;
  }

 private:
  std::string server_;
  std::string name_;
};

class PostgresqlTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto server = test_postgresql_server();
    if (server.empty()) GTEST_SKIP() << no_postgresql_to_test;
    database_ = std::make_unique<ThrowawayPostgresqlDatabase>(server);
    uri_ = database_->uri();
  }
  void TearDown() override { database_.reset(); }

  std::string uri_of(const std::string& database) const { return database_->uri_of(database); }

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

  std::unique_ptr<ThrowawayPostgresqlDatabase> database_;
  std::string uri_;
};

}  // namespace resettle::test_support
