// Group commit of the access log (see access_log_writer.hpp).
#include "services/access_log_writer.hpp"

namespace resettle::services {

// One request's row, on its thread's stack until it is written.
struct AccessLogWriter::Row {
  std::int64_t staff_id;
  const std::string& what;
  const std::vector<std::int64_t>& person_ids;
  store::RequestOrigin origin;
  bool done = false;  // committed, or failed with `failure`
  std::exception_ptr failure;
};

void AccessLogWriter::record_list(store::Store& store, std::int64_t staff_id, const std::string& what,
                                  const std::vector<std::int64_t>& person_ids) {
  Row mine{staff_id, what, person_ids, store::OriginScope::current(), false, nullptr};
  std::unique_lock lock{mutex_};
  auto& queue = queues_[&store];  // stays while `mine` waits in it or in the batch being written
  queue.waiting.push_back(&mine);
  written_.wait(lock, [&] { return mine.done || queue.being_written == 0; });
  if (!mine.done) {
    // Nobody is writing: this thread writes everything waiting, while later rows queue for the next batch.
    auto batch = std::move(queue.waiting);
    queue.waiting.clear();
    queue.being_written = batch.size();
    lock.unlock();
    std::exception_ptr failure;
    try {
      write(store, batch);
    } catch (...) {
      failure = std::current_exception();
    }
    lock.lock();
    for (auto* row : batch) {
      row->failure = failure;
      row->done = true;
    }
    if (!failure) {
      ++totals_.batches;
      totals_.rows += static_cast<std::int64_t>(batch.size());
    }
    queue.being_written = 0;
    if (queue.waiting.empty()) queues_.erase(&store);
    written_.notify_all();  // the batch's writers, and a waiting row's thread to write the next batch
  }
  if (mine.failure) std::rethrow_exception(mine.failure);
}

void AccessLogWriter::write(store::Store& store, const std::vector<Row*>& batch) {
  auto tx = store.begin_audit_write();
  for (const auto* row : batch) {
    store::OriginScope origin{row->origin};  // the row's own request, not this thread's
    tx->access_log().record_list(row->staff_id, row->what, row->person_ids);
  }
  tx->commit();
}

AccessLogWriter::Totals AccessLogWriter::totals() const {
  std::lock_guard lock{mutex_};
  return totals_;
}

std::size_t AccessLogWriter::unwritten(const store::Store& store) const {
  std::lock_guard lock{mutex_};
  auto queue = queues_.find(&store);
  return queue == queues_.end() ? 0 : queue->second.being_written + queue->second.waiting.size();
}

AccessLogWriter& access_log_writer() {
  static AccessLogWriter writer;
  return writer;
}

}  // namespace resettle::services
