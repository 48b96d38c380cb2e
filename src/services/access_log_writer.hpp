#pragma once
// Group commit of the access log: the list reads of concurrent requests are audited in one write
// transaction instead of one each. The rows keep the chain (each hashes the one before, in the order
// the reads reached the queue) and each its own request's origin; a request returns only once its row
// is committed, and when a batch fails every request in it gets the failure.
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "store/store.hpp"

namespace resettle::services {

class AccessLogWriter {
 public:
  // Writes one access-log row for a list `staff_id` was shown, naming `person_ids`, with the calling
  // thread's RequestOrigin, and returns once it is committed. The first caller to find no batch
  // being written writes every row waiting for this store then (its own among them) in one
  // transaction; the others wait for it. Throws what the write or the commit threw.
  void record_list(store::Store& store, std::int64_t staff_id, const std::string& what,
                   const std::vector<std::int64_t>& person_ids);

  // What the writer has done so far, for tests and the benchmark notes: rows / batches is the mean batch.
  struct Totals {
    std::int64_t batches = 0;
    std::int64_t rows = 0;
  };
  Totals totals() const;
  // How many rows for this store are not yet written: in the batch being written, or waiting for
  // the next (for tests that line rows up).
  std::size_t unwritten(const store::Store& store) const;

 private:
  struct Row;
  struct Queue {
    std::vector<Row*> waiting;
    std::size_t being_written = 0;  // the rows of the batch being written; none while nobody writes
  };
  static void write(store::Store& store, const std::vector<Row*>& batch);

  mutable std::mutex mutex_;
  std::condition_variable written_;
  std::map<const store::Store*, Queue> queues_;  // only stores with rows waiting or being written
  Totals totals_;
};

// The writer services::audit_list uses: one for the process, so every request's rows meet in it.
AccessLogWriter& access_log_writer();

}  // namespace resettle::services
