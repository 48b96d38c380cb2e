// The RAII wrappers over the SQLite C API (see database.hpp).
#include "store/sqlite/database.hpp"

#include "store/digest.hpp"

namespace resettle::store::sqlite {

void Statement::check(int code) const {
  if (code != SQLITE_OK) throw DatabaseError(std::string{"sqlite: "} + sqlite3_errmsg(db_));
}

void Statement::bind_one(int index, std::int64_t value) { check(sqlite3_bind_int64(statement_, index, value)); }
void Statement::bind_one(int index, double value) { check(sqlite3_bind_double(statement_, index, value)); }
void Statement::bind_one(int index, std::string_view value) {
  check(sqlite3_bind_text(statement_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT));
}
void Statement::bind_one(int index, std::nullptr_t) { check(sqlite3_bind_null(statement_, index)); }
void Statement::bind_one(int index, const Date& value) { bind_one(index, to_iso(value)); }

bool Statement::step() {
  int code = sqlite3_step(statement_);
  if (code == SQLITE_ROW) return true;
  if (code == SQLITE_DONE) return false;
  std::string message = sqlite3_errmsg(db_);
  sqlite3_reset(statement_);
  throw DatabaseError("sqlite: " + message);
}

void Statement::run() {
  while (step()) {
  }
}

std::string Statement::text(int column) const { return std::string{text_view(column)}; }

std::string_view Statement::text_view(int column) const {
  auto* bytes = sqlite3_column_text(statement_, column);
  if (!bytes) return {};
  return {reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(sqlite3_column_bytes(statement_, column))};
}

std::optional<Date> Statement::date(int column) const {
  // NULL is the only value without text, so reading the text answers both (lists read many dates).
  auto text = text_view(column);
  if (!text.data()) return std::nullopt;
  return parse_iso_date(text);
}

std::optional<std::int64_t> Statement::optional_integer(int column) const {
  if (is_null(column)) return std::nullopt;
  return integer(column);
}

namespace {
// sha256(text) in SQL, so the statements that append to the journal and the access log, the
// migration that chained the rows already there, and `resettle verify` all hash the same way.
void sql_sha256(sqlite3_context* context, int, sqlite3_value** arguments) {
  auto* text = sqlite3_value_text(arguments[0]);
  if (!text) {
    sqlite3_result_null(context);
    return;
  }
  auto digest = sha256_hex({reinterpret_cast<const char*>(text), static_cast<std::size_t>(sqlite3_value_bytes(arguments[0]))});
  sqlite3_result_text(context, digest.c_str(), static_cast<int>(digest.size()), SQLITE_TRANSIENT);
}
}  // namespace

Connection::Connection(const std::string& path) {
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
    std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    throw DatabaseError("cannot open database " + path + ": " + message);
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, busy_timeout_ms);
  sqlite3_create_function_v2(db_, "sha256", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr, sql_sha256, nullptr,
                             nullptr, nullptr);
  // No memory map (mmap_size=0): every page view writes its access-log row, and a connection that
  // begins a read after another has written unmaps the whole file and faults back in what it reads,
  // which cost more than reading the pages into its cache (docs/decisions.md, "SQLite without its
  // memory map").
  execute(
      "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL; "
      "PRAGMA temp_store=MEMORY; PRAGMA mmap_size=0;");
}

Connection::~Connection() {
  cache_.clear();
  sqlite3_close(db_);
}

void Connection::execute(std::string_view sql) {
  char* error = nullptr;
  std::string text{sql};
  if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error ? error : sqlite3_errmsg(db_);
    sqlite3_free(error);
    throw DatabaseError("sqlite: " + message);
  }
}

void Connection::reset_statements() {
  for (auto* cached : in_use_) {
    sqlite3_reset(cached->raw.get());
    cached->in_use = false;
  }
  in_use_.clear();
}

Statement& Connection::hand_out(Cached& cached) {
  if (!cached.in_use) {
    cached.in_use = true;
    in_use_.push_back(&cached);
  }
  return *cached.statement;
}

void Connection::run(std::string_view sql) { prepare(sql).bind().run(); }

Statement& Connection::prepare(std::string_view sql) {
  std::string key{sql};
  auto found = cache_.find(key);
  if (found != cache_.end()) {
    sqlite3_reset(found->second.raw.get());
    return hand_out(found->second);
  }
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v3(db_, key.c_str(), static_cast<int>(key.size()), SQLITE_PREPARE_PERSISTENT, &raw, nullptr) !=
      SQLITE_OK)
    throw DatabaseError(std::string{"sqlite: "} + sqlite3_errmsg(db_) + " in: " + key);
  Cached cached{std::unique_ptr<sqlite3_stmt, Finalizer>{raw}, std::make_unique<Statement>(db_, raw)};
  return hand_out(cache_.emplace(std::move(key), std::move(cached)).first->second);
}

}  // namespace resettle::store::sqlite
