// Group commit of the access log: the list reads of concurrent requests are written in one
// transaction, each row with its own request's origin, in the order they arrived, the chain intact;
// a batch that fails fails every request in it and leaves none of its rows.
#include "services/access_log_writer.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <functional>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "test_store.hpp"

using namespace resettle;

namespace {

class AccessLogWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store->migrate();
    {
      auto tx = store->begin_write();
      test_support::add_yorkshire(*tx);
      tx->commit();
    }
    staff_id = test_support::add_staff(*store, "pom", Role::pom);
    for (int i = 0; i < 4; ++i)
      people.push_back(test_support::add_person(
          *store, test_support::person_named("Sam", "Lee", test_support::prison_number_for(i), "", "LEI")));
  }

  // Writes one list naming people[i] from thread i's own request origin.
  void read_list(int i, const std::string& what) {
    store::OriginScope origin{{"192.0.2." + std::to_string(i), "session " + std::to_string(i)}};
    writer.record_list(*store, staff_id, what, {people[static_cast<std::size_t>(i)]});
  }

  // Holds the store's writer while `threads` read lists: thread 0 takes the first batch (its row
  // alone) and waits for the writer, the others queue behind it; then lets them go, so the second
  // batch is all the others' rows.
  std::vector<std::thread> lined_up(int threads, const std::function<void(int)>& each) {
    auto held = store->begin_write();
    std::vector<std::thread> started;
    started.emplace_back(each, 0);
    while (writer.unwritten(*store) != 1) std::this_thread::yield();
    for (int i = 1; i < threads; ++i) started.emplace_back(each, i);
    while (writer.unwritten(*store) != static_cast<std::size_t>(threads)) std::this_thread::yield();
    held.reset();
    return started;
  }

  // The access log's `what` column, oldest row first, read with a plain connection as an auditor would.
  std::vector<std::string> access_log_whats() {
    sqlite3* db = nullptr;
    sqlite3_open(database.path().c_str(), &db);
    sqlite3_stmt* statement = nullptr;
    sqlite3_prepare_v2(db, "SELECT what FROM access_log ORDER BY id", -1, &statement, nullptr);
    std::vector<std::string> whats;
    while (sqlite3_step(statement) == SQLITE_ROW)
      whats.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0)));
    sqlite3_finalize(statement);
    sqlite3_close(db);
    return whats;
  }

  void run_raw(const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(database.path().c_str(), &db), SQLITE_OK);
    sqlite3_busy_timeout(db, 10000);
    ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK) << sql;
    sqlite3_close(db);
  }

  void expect_chains_intact() {
    for (const auto& check : store->check_chains()) EXPECT_FALSE(check.broken_at) << check.table;
  }

  test_support::TempDatabase database;
  std::unique_ptr<store::Store> store = store::open_sqlite_store({database.path(), 8});
  services::AccessLogWriter writer;
  std::int64_t staff_id = 0;
  std::vector<std::int64_t> people;
};

TEST_F(AccessLogWriterTest, ReadsWaitingTogetherAreOneBatchEachRowWithItsOwnRequestsOrigin) {
  auto threads = lined_up(4, [this](int i) { read_list(i, "caseload"); });
  for (auto& thread : threads) thread.join();

  EXPECT_EQ(writer.totals().batches, 2);  // the first reader's row alone, then the three that waited
  EXPECT_EQ(writer.totals().rows, 4);
  for (int i = 0; i < 4; ++i) {
    auto reads = store->begin_read()->access_log().for_person(people[static_cast<std::size_t>(i)], {}).items;
    ASSERT_EQ(reads.size(), 1u) << i;
    EXPECT_TRUE(reads[0].in_list);
    EXPECT_EQ(reads[0].staff_id, staff_id);
    EXPECT_EQ(reads[0].address, "192.0.2." + std::to_string(i));
    EXPECT_EQ(reads[0].token, "session " + std::to_string(i));
  }
  expect_chains_intact();
}

TEST_F(AccessLogWriterTest, EachRequestsRowsKeepTheirOrderAndTheChainHoldsUnderManyThreads) {
  constexpr int threads = 4, lists = 40;
  std::vector<std::thread> started;
  for (int t = 0; t < threads; ++t)
    started.emplace_back([this, t] {
      for (int k = 0; k < lists; ++k) read_list(t, std::to_string(t) + ":" + std::to_string(k));
    });
  for (auto& thread : started) thread.join();

  auto whats = access_log_whats();
  ASSERT_EQ(whats.size(), static_cast<std::size_t>(threads * lists));
  std::map<int, int> next;  // each thread's rows in the chain come in the order it read them
  for (const auto& what : whats) {
    int t = std::stoi(what.substr(0, what.find(':')));
    EXPECT_EQ(std::stoi(what.substr(what.find(':') + 1)), next[t]++) << what;
  }
  EXPECT_EQ(writer.totals().rows, threads * lists);
  EXPECT_LE(writer.totals().batches, threads * lists);
  expect_chains_intact();
}

TEST_F(AccessLogWriterTest, ABatchThatFailsFailsEveryRequestInItAndKeepsNoneOfItsRows) {
  read_list(0, "before");
  // The database refuses one request's row; the row written with it in one transaction goes with it.
  run_raw("CREATE TRIGGER refuse_one BEFORE INSERT ON access_log WHEN NEW.what = 'refused' "
          "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END");
  std::vector<int> failed(3, 0);
  auto threads = lined_up(3, [&](int i) {
    try {
      read_list(i, i == 2 ? "refused" : "allowed " + std::to_string(i));
    } catch (const std::exception&) {
      failed[static_cast<std::size_t>(i)] = 1;
    }
  });
  for (auto& thread : threads) thread.join();

  EXPECT_EQ(failed, (std::vector<int>{0, 1, 1}));
  EXPECT_EQ(access_log_whats(), (std::vector<std::string>{"before", "allowed 0"}));
  EXPECT_EQ(writer.totals().batches, 2);  // "before", and thread 0's batch

  run_raw("DROP TRIGGER refuse_one");
  read_list(1, "after");
  EXPECT_EQ(access_log_whats(), (std::vector<std::string>{"before", "allowed 0", "after"}));
  expect_chains_intact();
}

}  // namespace
