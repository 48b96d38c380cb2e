// The SQLite bulk loader (see bulk_load.hpp).
#include "store/sqlite/bulk_load.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <vector>

namespace resettle::store::sqlite {

// A load is one transaction far bigger than SQLite's default 2 MiB page cache; with that cache,
// dirty pages of the randomly ordered indexes (names, prison numbers, CRNs) spill to the WAL over
// and over. The raw baseline runs with the same cache, so the comparison stays like for like.
constexpr std::string_view bulk_cache_size = "PRAGMA cache_size = -524288";  // KiB: 512 MiB

void SqliteBulkLoad::use_bulk_cache() {
  if (cache_raised_) return;
  db_.execute(bulk_cache_size);
  cache_raised_ = true;
}

void SqliteBulkLoad::insert_staff(std::span<StaffMember> staff, const std::string& password_hash) {
  use_bulk_cache();
  for (auto& member : staff) member.id = staff_.insert(member, password_hash);
  rows_ += static_cast<std::int64_t>(staff.size());
}

void SqliteBulkLoad::insert_cases(std::span<LoadedCase> cases) {
  use_bulk_cache();
  for (auto& loaded : cases) {
    auto id = people_.insert(loaded.person);
    loaded.person.id = id;
    loaded.person.version = 1;
    ++rows_;
    if (loaded.sentence) {
      loaded.sentence->person_id = id;
      loaded.sentence->id = sentences_.insert(*loaded.sentence);
      ++rows_;
    }
    if (loaded.risk_profile) {
      loaded.risk_profile->person_id = id;
      risk_profiles_.save(*loaded.risk_profile, 0);
      ++rows_;
    }
    loaded.dates.person_id = id;
    case_dates_.save(loaded.dates);
    ++rows_;
    for (auto& allocation : loaded.allocations) allocation.person_id = id;
  }
  insert_allocations_by_staff(cases);
}

// A batch's allocations go in member of staff by member of staff: the indexes keyed by staff (and the
// caseloads their trigger keeps) then take each member's new rows in one place, not scattered.
void SqliteBulkLoad::insert_allocations_by_staff(std::span<LoadedCase> cases) {
  std::vector<Allocation*> allocations;
  for (auto& loaded : cases)
    for (auto& allocation : loaded.allocations) allocations.push_back(&allocation);
  std::ranges::stable_sort(allocations, {}, &Allocation::staff_id);
  for (auto* allocation : allocations) allocation->id = allocations_.insert(*allocation);
  rows_ += static_cast<std::int64_t>(allocations.size());
}

}  // namespace resettle::store::sqlite

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
    db.execute(sqlite::bulk_cache_size);
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
