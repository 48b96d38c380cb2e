#pragma once
// A list page's data kept by the server while nothing it shows has changed (docs/decisions.md, "List
// pages kept while their units' counters stand still"). A list names the units whose change counters
// cover everything it shows (store/list_changes.hpp); a request reads those counters, one indexed
// read each, and reuses the data read when they had the same values. The counters are read before the
// data, so data is never kept under counters newer than it: at worst a write between the two makes the
// next request read again. Exact across processes, since the counters are in the database.
//
// What is kept is what the list's service read before auditing it; the caller still audits every
// request's list (the access log names who saw whom, each time). Bytes made from it (the rendered
// page) can be kept beside it (MadeFromList), so a list still unchanged is neither read nor rendered.
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "store/list_changes.hpp"
#include "store/store.hpp"

namespace resettle::services {

// Bytes made from one kept list's data, such as its rendered page, each under a key naming everything
// else they depend on (who looks, the request's query). They live and go with the data they were made
// from, so they are exactly as fresh as it.
class MadeFromList {
 public:
  // The bytes kept under `key`, or `make()`'s, kept. Throws what `make` throws, keeping nothing.
  template <typename Make>
  std::shared_ptr<const std::string> get(const std::string& key, Make&& make) {
    {
      std::lock_guard lock{mutex_};
      auto found = made_.find(key);
      if (found != made_.end()) return found->second;
    }
    auto made = std::make_shared<const std::string>(make());
    std::lock_guard lock{mutex_};
    // A kept list has one viewer (the memos key on who looks), who has a session or two; a key that
    // changed at every request must not grow this without end.
    if (made_.size() >= capacity && !made_.contains(key)) made_.clear();
    made_.insert_or_assign(key, made);
    return made;
  }

 private:
  static constexpr std::size_t capacity = 4;
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<const std::string>, std::less<>> made_;
};

// A list's data as a ListMemo keeps it, with the bytes made from it.
template <typename Data>
struct KeptList {
  std::shared_ptr<const Data> data;
  std::shared_ptr<MadeFromList> made;  // never null; new with every read of the data
};

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
    return get_kept(store, key, units, std::forward<Read>(read)).data;
  }

  // As get, with the bytes made from the data kept beside it: new and empty whenever the data is read.
  template <typename Read>
  KeptList<Data> get_kept(store::Store& store, const Key& key, const std::vector<std::string>& units, Read&& read) {
    auto counts = store::list_changes(*store.begin_read()).counts(units);
    {
      std::lock_guard lock{mutex_};
      auto found = kept_.find(key);
      if (found != kept_.end() && found->second.counts == counts) return found->second.list;
    }
    KeptList<Data> list{std::make_shared<const Data>(read()), std::make_shared<MadeFromList>()};
    std::lock_guard lock{mutex_};
    if (kept_.size() >= capacity_ && !kept_.contains(key)) kept_.clear();
    kept_.insert_or_assign(key, Kept{std::move(counts), list});
    return list;
  }

 private:
  struct Kept {
    std::vector<std::int64_t> counts;
    KeptList<Data> list;
  };
  std::size_t capacity_;
  std::mutex mutex_;
  std::map<Key, Kept> kept_;
};

}  // namespace resettle::services
