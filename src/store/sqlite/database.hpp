#pragma once
// Thin RAII over the SQLite C API: connections, prepared statements (cached per connection)
// and typed binding. Only store/sqlite/ includes this.
#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "domain/code_list.hpp"
#include "domain/date.hpp"
#include "domain/errors.hpp"
#include "store/shared/database.hpp"

namespace resettle::store::sqlite {

using shared::null_if_empty;
using shared::require_changed;

class DatabaseError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* statement) : db_(db), statement_(statement) {}

  // Binds in order from parameter 1. Empty optionals and empty strings marked by null() bind NULL.
  template <typename... Values>
  Statement& bind(const Values&... values) {
    sqlite3_reset(statement_);
    sqlite3_clear_bindings(statement_);
    int index = 0;
    (bind_one(++index, values), ...);
    return *this;
  }

  bool step();                // true while a row is available
  void run();                 // steps once, expecting no row
  std::int64_t changes() const { return sqlite3_changes(db_); }

  bool is_null(int column) const { return sqlite3_column_type(statement_, column) == SQLITE_NULL; }
  std::int64_t integer(int column) const { return sqlite3_column_int64(statement_, column); }
  std::string text(int column) const;
  // The column's text without a copy: valid until the next step, reset or bind.
  std::string_view text_view(int column) const;
  std::optional<Date> date(int column) const;
  std::optional<std::int64_t> optional_integer(int column) const;

 private:
  void bind_one(int index, std::int64_t value);
  void bind_one(int index, int value) { bind_one(index, static_cast<std::int64_t>(value)); }
  void bind_one(int index, bool value) { bind_one(index, static_cast<std::int64_t>(value)); }
  void bind_one(int index, double value);
  void bind_one(int index, std::string_view value);
  void bind_one(int index, const std::string& value) { bind_one(index, std::string_view{value}); }
  void bind_one(int index, const char* value) { bind_one(index, std::string_view{value}); }
  void bind_one(int index, std::nullptr_t);
  void bind_one(int index, const Date& value);
  template <typename T>
  void bind_one(int index, const std::optional<T>& value) {
    if (value) bind_one(index, *value);
    else bind_one(index, nullptr);
  }
  void check(int code) const;

  sqlite3* db_;
  sqlite3_stmt* statement_;
};

// How long a statement waits for another process's lock before failing.
inline constexpr int busy_timeout_ms = 10'000;

class Connection {
 public:
  explicit Connection(const std::string& path);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  void execute(std::string_view sql);        // one or more statements, no parameters
  Statement& prepare(std::string_view sql);  // cached: prepared once per connection
  void run(std::string_view sql);            // one cached statement, no parameters: BEGIN, COMMIT...
  std::int64_t last_insert_id() const { return sqlite3_last_insert_rowid(db_); }
  // Ends every cached statement, so COMMIT and ROLLBACK never meet a statement mid-read.
  void reset_statements();
  sqlite3* handle() { return db_; }

 private:
  sqlite3* db_ = nullptr;
  struct Finalizer {
    void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
  };
  struct Cached {
    std::unique_ptr<sqlite3_stmt, Finalizer> raw;
    std::unique_ptr<Statement> statement;
    bool in_use = false;  // handed out since the last reset_statements
  };
  Statement& hand_out(Cached& cached);
  std::unordered_map<std::string, Cached> cache_;
  // Statements handed out since the last reset_statements, each once: only these can be mid-read,
  // and a long transaction (a bulk load) reuses a few statements millions of times.
  std::vector<Cached*> in_use_;
};

}  // namespace resettle::store::sqlite
