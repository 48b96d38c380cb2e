#pragma once
// A list page's data kept by the server while nothing it shows has changed (docs/decisions.md, "List
// pages kept while their units' counters stand still"). A list names the units whose change counters
// cover everything it shows (store/list_changes.hpp); a request reads those counters, one indexed
// read each, and reuses the data read when they had the same values. The counters are read before the
// data, so data is never kept under counters newer than it: at worst a write between the two makes the
// next request read again. Exact across processes, since the counters are in the database.
//
// What is kept is what the list's service read before auditing it; the caller still audits every
// request's list (the access log names who saw whom, each time).
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/list_changes.hpp"
#include "store/store.hpp"

namespace resettle::services {

template <typename Key, typename Data>
class ListMemo {
 public:
  // Keeps at most `capacity` lists; when full, a new one makes it forget them all (a list read again
  // costs what it did before the memo, and the entries are small).
  explicit ListMemo(std::size_t capacity) : capacity_(capacity) {}

  // The data kept under `key` if `units`' counters are where they were when it was read; otherwise
  // `read()`'s, kept for the next request. Throws what the counters' read or `read` throws, keeping
  // nothing.
  template <typename Read>
  std::shared_ptr<const Data> get(store::Store& store, const Key& key, const std::vector<std::string>& units,
                                  Read&& read) {
    auto counts = store::list_changes(*store.begin_read()).counts(units);
    {
      std::lock_guard lock{mutex_};
      auto found = kept_.find(key);
      if (found != kept_.end() && found->second.counts == counts) return found->second.data;
    }
    auto data = std::make_shared<const Data>(read());
    std::lock_guard lock{mutex_};
    if (kept_.size() >= capacity_ && !kept_.contains(key)) kept_.clear();
    kept_.insert_or_assign(key, Kept{std::move(counts), data});
    return data;
  }

 private:
  struct Kept {
    std::vector<std::int64_t> counts;
    std::shared_ptr<const Data> data;
  };
  std::size_t capacity_;
  std::mutex mutex_;
  std::map<Key, Kept> kept_;
};

}  // namespace resettle::services
