// The store's health probe (does the database take a write?) and its online backup, including a
// backup taken while another thread commits.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <filesystem>
#include <thread>

#include "store/store.hpp"
#include "test_store.hpp"

using namespace resettle;

namespace {

using resettle::test_support::TempDatabase;

const std::string now = "2026-12-06T09:00:00.000Z";

class BackupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store->migrate();
    auto tx = store->begin_write();
    test_support::add_yorkshire(*tx);
    tx->commit();
  }

  std::int64_t add_region(int n) {
    auto tx = store->begin_write();
    tx->places().insert_region({"R" + std::to_string(n), "Region " + std::to_string(n)});
    tx->commit();
    return n;
  }

  TempDatabase database;
  std::unique_ptr<store::Store> store = store::open_sqlite_store({database.path(), 4});
};

TEST_F(BackupTest, TheDatabaseTakesWritesUntilAnotherProcessHoldsItsLock) {
  EXPECT_TRUE(store->takes_writes(now));
  EXPECT_GT(store->free_disk_bytes(), 0u);
  sqlite3* other = nullptr;  // as another process would: its own connection
  ASSERT_EQ(sqlite3_open(database.path().c_str(), &other), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(other, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr), SQLITE_OK);
  EXPECT_FALSE(store->takes_writes(now));
  ASSERT_EQ(sqlite3_exec(other, "COMMIT", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(other);
  EXPECT_TRUE(store->takes_writes(now));
  auto tx = store->begin_write();  // the probe left no write transaction or lock behind
  tx->commit();
}

TEST_F(BackupTest, ABackupTakenWhileWritesGoOnHoldsEveryCommitBeforeItAndOpens) {
  std::atomic<int> committed{0};
  std::atomic<bool> writing{true};
  std::thread writer{[&] {
    for (int n = 1; writing; ++n) {
      add_region(n);
      committed = n;
    }
  }};
  while (committed < 30) std::this_thread::yield();
  int before = committed;
  auto copy = (std::filesystem::path{database.path()}.parent_path() / "copy.db").string();
  auto pages = store::backup_sqlite(database.path(), copy);
  writing = false;
  writer.join();
  EXPECT_GT(pages, 10);
  EXPECT_FALSE(std::filesystem::exists(copy + ".partial"));

  auto restored = store::open_sqlite_store({copy, 1});
  EXPECT_EQ(restored->migrate(), store->schema_version());
  EXPECT_EQ(restored->begin_read()->places().prisons().size(), 2u);  // Yorkshire's prisons came across
  sqlite3* db = nullptr;
  sqlite3_open(copy.c_str(), &db);
  sqlite3_stmt* statement = nullptr;
  sqlite3_prepare_v2(db, "SELECT count(*) FROM region WHERE code LIKE 'R%'", -1, &statement, nullptr);
  sqlite3_step(statement);
  EXPECT_GE(sqlite3_column_int(statement, 0), before);
  sqlite3_finalize(statement);
  sqlite3_close(db);
}

TEST_F(BackupTest, ABackupOfNoDatabaseFailsAndLeavesNoFile) {
  auto missing = (std::filesystem::path{database.path()}.parent_path() / "missing.db").string();
  auto copy = missing + ".copy";
  EXPECT_THROW(store::backup_sqlite(missing, copy), std::runtime_error);
  EXPECT_FALSE(std::filesystem::exists(copy));
  EXPECT_FALSE(std::filesystem::exists(missing));
}

}  // namespace
