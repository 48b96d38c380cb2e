#pragma once
// Thin RAII over libpq, in the shape of store/sqlite/database.hpp so that repository code can later be
// shared between the backends (docs/decisions.md): connections, prepared statements (cached per
// connection) written with `?` placeholders, typed binding and reading, a small connection pool, and
// transactions at a given isolation level that are retried when PostgreSQL asks for it. Only
// store/postgresql/ includes this.
#include <libpq-fe.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include "domain/date.hpp"

namespace resettle::store::postgresql {

// A failure reported by libpq or the server, with the server's SQLSTATE when it gave one.
class DatabaseError : public std::runtime_error {
 public:
  DatabaseError(const std::string& message, std::string sqlstate = {})
      : std::runtime_error(message), sqlstate_(std::move(sqlstate)) {}
  const std::string& sqlstate() const { return sqlstate_; }
  // A serialization failure (40001) or a deadlock (40P01): the whole transaction may succeed if run again.
  bool worth_retrying() const { return sqlstate_ == "40001" || sqlstate_ == "40P01"; }

 private:
  std::string sqlstate_;
};

// SQL written with SQLite's `?` placeholders, numbered as PostgreSQL's $1, $2, ... in order. As on
// SQLite, `?N` is parameter N, and a bare `?` after it the next number above the largest given so far.
// A `?` inside a string literal, a quoted identifier or a comment is left alone.
std::string numbered_placeholders(std::string_view sql);

class Connection;

// One prepared statement of a connection. bind() and step() work as sqlite::Statement's: the first
// step() after bind() runs the statement, and each step() moves to the next row of its result.
class Statement {
 public:
  Statement(Connection& connection, std::string name, std::string sql)
      : connection_(connection), name_(std::move(name)), sql_(std::move(sql)) {}
  ~Statement() { clear(); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Binds in order from parameter 1. Empty optionals and nullptr bind NULL.
  template <typename... Values>
  Statement& bind(const Values&... values) {
    clear();
    parameters_.clear();
    (bind_one(values), ...);
    return *this;
  }

  bool step();  // true while a row is available
  void run();   // runs the statement, reading past any rows
  // Rows the statement inserted, updated or deleted (0 until it has run).
  std::int64_t changes() const;

  bool is_null(int column) const;
  // An integer column; a boolean column reads as 1 or 0, as SQLite's comparisons do.
  std::int64_t integer(int column) const;
  std::string text(int column) const { return std::string{text_view(column)}; }
  // The column's text without a copy: valid until the next step, bind or reset.
  std::string_view text_view(int column) const;
  std::optional<Date> date(int column) const;
  std::optional<std::int64_t> optional_integer(int column) const;
  double real(int column) const;

  // Frees the result it holds: the statement stays prepared.
  void clear();

 private:
  void bind_one(std::int64_t value) { parameters_.push_back(std::to_string(value)); }
  void bind_one(int value) { bind_one(static_cast<std::int64_t>(value)); }
  void bind_one(bool value) { bind_one(static_cast<std::int64_t>(value)); }  // booleans are stored as 0 or 1
  void bind_one(double value);
  void bind_one(std::string_view value) { parameters_.emplace_back(std::string{value}); }
  void bind_one(const std::string& value) { parameters_.emplace_back(value); }
  void bind_one(const char* value) { bind_one(std::string_view{value}); }
  void bind_one(std::nullptr_t) { parameters_.emplace_back(std::nullopt); }
  void bind_one(const Date& value) { parameters_.emplace_back(to_iso(value)); }
  template <typename T>
  void bind_one(const std::optional<T>& value) {
    if (value) bind_one(*value);
    else bind_one(nullptr);
  }
  void execute();
  const char* value(int column) const;

  Connection& connection_;
  std::string name_;
  std::string sql_;
  std::vector<std::optional<std::string>> parameters_;
  PGresult* result_ = nullptr;
  int row_ = -1;  // the current row of result_; -1 before the first step
};

enum class Isolation { read_committed, repeatable_read, serializable };

class Connection {
 public:
  // A libpq connection string or URI; DatabaseError when the server cannot be reached or refuses.
  explicit Connection(const std::string& uri);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  void execute(std::string_view sql);        // one or more statements, no parameters
  Statement& prepare(std::string_view sql);  // cached: prepared once per connection
  void run(std::string_view sql) { prepare(sql).bind().run(); }  // one cached statement, no parameters
  void begin(Isolation isolation);
  void commit() { execute("COMMIT"); }
  // Rolls back if a transaction is open; never throws, so it is safe on the way out of a failure.
  void rollback() noexcept;
  // Frees every cached statement's result, so a finished transaction holds no rows in memory.
  void reset_statements();
  bool healthy() const { return PQstatus(connection_) == CONNECTION_OK; }
  PGconn* handle() { return connection_; }

  // The DatabaseError for a failed result or call, naming what was being done.
  DatabaseError error(const PGresult* result, std::string_view doing) const;

 private:
  PGconn* connection_ = nullptr;
  std::unordered_map<std::string, std::unique_ptr<Statement>> cache_;
};

// Up to `size` connections to one database, opened when first needed and reused; a thread that finds
// them all in use waits for one. A connection that broke is closed when given back, not reused.
class ConnectionPool {
 public:
  ConnectionPool(std::string uri, int size);

  class Lease {
   public:
    Lease(ConnectionPool& pool, std::unique_ptr<Connection> connection)
        : pool_(&pool), connection_(std::move(connection)) {}
    Lease(Lease&& other) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease() {
      if (connection_) pool_->give_back(std::move(connection_));
    }
    Connection& operator*() const { return *connection_; }
    Connection* operator->() const { return connection_.get(); }

   private:
    ConnectionPool* pool_;
    std::unique_ptr<Connection> connection_;
  };

  Lease take();

 private:
  void give_back(std::unique_ptr<Connection> connection);

  std::string uri_;
  int size_;
  int open_ = 0;  // connections open, idle or leased
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> idle_;
};

// How many times a transaction is run before a serialization failure or deadlock is passed on.
inline constexpr int transaction_attempts = 5;

// Runs work(connection) in one transaction at `isolation` on a pooled connection and commits it,
// returning what work returned. When the transaction fails with a serialization failure or a
// deadlock (at any statement or at COMMIT) it is rolled back and run again from the start, at most
// transaction_attempts times in all, after a short pause that grows each time; so work must do
// nothing outside the database that cannot be repeated. Any other exception rolls back and passes on.
template <typename Work>
auto in_transaction(ConnectionPool& pool, Isolation isolation, Work&& work) -> std::invoke_result_t<Work&, Connection&> {
  for (int attempt = 1;; ++attempt) {
    auto connection = pool.take();
    try {
      connection->begin(isolation);
      if constexpr (std::is_void_v<std::invoke_result_t<Work&, Connection&>>) {
        work(*connection);
        connection->reset_statements();
        connection->commit();
        return;
      } else {
        auto result = work(*connection);
        connection->reset_statements();
        connection->commit();
        return result;
      }
    } catch (const DatabaseError& failure) {
      connection->reset_statements();
      connection->rollback();
      if (!failure.worth_retrying() || attempt == transaction_attempts) throw;
    } catch (...) {
      connection->reset_statements();
      connection->rollback();
      throw;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds{1 << attempt});  // lets the other transaction finish
  }
}

}  // namespace resettle::store::postgresql
