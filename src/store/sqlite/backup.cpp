// `resettle backup`: a consistent copy of a live database with SQLite's online backup API.
#include <filesystem>
#include <memory>
#include <stdexcept>

#include "store/sqlite/database.hpp"
#include "store/store.hpp"

namespace resettle::store {

namespace {
struct Closer {
  void operator()(sqlite3* db) const { sqlite3_close(db); }
};
using Handle = std::unique_ptr<sqlite3, Closer>;

Handle open(const std::string& path, int flags) {
  sqlite3* raw = nullptr;
  int code = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  Handle db{raw};
  if (code != SQLITE_OK) throw std::runtime_error("cannot open " + path + ": " + (raw ? sqlite3_errmsg(raw) : "out of memory"));
  sqlite3_busy_timeout(raw, sqlite::busy_timeout_ms);
  return db;
}

// Copies every page in one step: one read transaction, so the copy is one snapshot even while
// other connections commit (in WAL mode they are not blocked and do not restart the copy).
std::int64_t copy_pages(sqlite3* source, sqlite3* destination) {
  auto* backup = sqlite3_backup_init(destination, "main", source, "main");
  if (!backup) throw std::runtime_error(std::string{"backup cannot start: "} + sqlite3_errmsg(destination));
  int code = sqlite3_backup_step(backup, -1);
  std::int64_t pages = sqlite3_backup_pagecount(backup);
  sqlite3_backup_finish(backup);
  if (code != SQLITE_DONE) throw std::runtime_error(std::string{"backup failed: "} + sqlite3_errstr(code));
  return pages;
}

void check_integrity(sqlite3* db) {
  sqlite3_stmt* statement = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &statement, nullptr);
  std::string verdict = sqlite3_step(statement) == SQLITE_ROW
                            ? reinterpret_cast<const char*>(sqlite3_column_text(statement, 0))
                            : sqlite3_errmsg(db);
  sqlite3_finalize(statement);
  if (verdict != "ok") throw std::runtime_error("the copy failed its integrity check: " + verdict);
}
}  // namespace

std::int64_t backup_sqlite(const std::string& from, const std::string& to) {
  if (!std::filesystem::exists(from)) throw std::runtime_error("no database at " + from);
  auto partial = to + ".partial";
  std::filesystem::remove(partial);
  try {
    std::int64_t pages = 0;
    {
      auto source = open(from, SQLITE_OPEN_READWRITE);  // read-only cannot open a WAL database at rest
      auto destination = open(partial, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
      pages = copy_pages(source.get(), destination.get());
      check_integrity(destination.get());
    }
    std::filesystem::rename(partial, to);
    return pages;
  } catch (...) {
    std::filesystem::remove(partial);
    throw;
  }
}

}  // namespace resettle::store
