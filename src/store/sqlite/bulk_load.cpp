// The physical limit an SQLite bulk load is compared with (see store/bulk_load.hpp).
#include <chrono>
#include <filesystem>

#include "store/bulk_load.hpp"
#include "store/sqlite/sql.hpp"

namespace resettle::store {

namespace {
void remove_database_files(const std::string& path) {
  std::error_code ignored;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(path + suffix, ignored);
}
}  // namespace

RawInsertRate measure_sqlite_raw_inserts(const std::string& scratch_path, std::int64_t rows) {
  remove_database_files(scratch_path);
  RawInsertRate rate{rows, 0};
  try {
    sqlite::Connection db{scratch_path};  // the same pragmas as every connection (WAL, synchronous=FULL)
    db.execute(shared::Sql<sqlite::Connection>::bulk_load_settings);
    // About as wide as a person row, the widest and most numerous the load writes.
    db.execute(
        "CREATE TABLE raw_row (id INTEGER PRIMARY KEY, number TEXT, reference TEXT, given_name TEXT, "
        "family_name TEXT, born TEXT, place TEXT, stage TEXT, version INTEGER) STRICT");
    auto& insert = db.prepare(
        "INSERT INTO raw_row (number, reference, given_name, family_name, born, place, stage, version) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    auto started = std::chrono::steady_clock::now();
    db.execute("BEGIN IMMEDIATE");
    for (std::int64_t row = 0; row < rows; ++row)
      insert.bind("A1234BC", "X123456", "Jordan", "Hughes-Walsh", "1990-01-01", "LEI", "in_custody", row).run();
    db.reset_statements();
    db.execute("COMMIT");
    rate.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  } catch (...) {
    remove_database_files(scratch_path);
    throw;
  }
  remove_database_files(scratch_path);
  return rate;
}

}  // namespace resettle::store
