#pragma once
// One snapshot for a thread's reads while it holds SharedReads (Store::share_reads), the same on every
// backend: reads borrow the snapshot's connection; the first read begins its transaction, which ends with
// the hold, or once the thread writes and no read still uses it (reads after a write must see it).
//
// `Backend` says how its connections are held and how a read transaction begins and ends:
//   using Pool; using Held;                       // a pool of connections; one taken from it
//   static Held begin(Pool&);                     // takes one, in a read transaction (gives it back on failure)
//   static auto& connection(Held&);
//   static bool aborted(Held&) noexcept;          // a failed statement ended the transaction's use
//   static void end(Pool&, Held&) noexcept;       // ends the transaction; the connection goes back to the
//                                                 // pool then or when Held is destroyed
#include <memory>
#include <optional>
#include <utility>

#include "store/store.hpp"

namespace resettle::store {

template <typename Backend>
class SharedSnapshot {
 public:
  using Pool = typename Backend::Pool;
  explicit SharedSnapshot(Pool& pool) : pool_(pool) {}
  ~SharedSnapshot() { end(); }
  SharedSnapshot(const SharedSnapshot&) = delete;
  SharedSnapshot& operator=(const SharedSnapshot&) = delete;

  Pool& pool() { return pool_; }
  // False after a write while a read was still open: new reads then take their own transaction.
  bool current() const { return !stale_; }

  auto& borrow() {
    if (!held_) held_.emplace(Backend::begin(pool_));
    ++readers_;
    return Backend::connection(*held_);
  }

  void give_back() noexcept {
    if (--readers_ == 0 && (stale_ || Backend::aborted(*held_))) end();
  }

  void written() noexcept {
    if (readers_ == 0) end();
    else stale_ = true;
  }

 private:
  void end() noexcept {
    stale_ = false;
    if (!held_) return;
    Backend::end(pool_, *held_);
    held_.reset();
  }

  Pool& pool_;
  std::optional<typename Backend::Held> held_;  // in the snapshot's transaction while set
  int readers_ = 0;
  bool stale_ = false;
};

// A thread's hold on a shared snapshot; holds nest, the innermost one serving the thread's reads.
template <typename Backend>
class SnapshotHold final : public SharedReads {
 public:
  using Pool = typename Backend::Pool;
  explicit SnapshotHold(Pool& pool)
      : snapshot_(std::make_shared<SharedSnapshot<Backend>>(pool)), outer_(std::exchange(innermost, &snapshot_)) {}
  ~SnapshotHold() override { innermost = outer_; }
  SnapshotHold(const SnapshotHold&) = delete;
  SnapshotHold& operator=(const SnapshotHold&) = delete;

  // The snapshot this thread holds, if it is of `pool`: shared with the read that borrows it, so a read
  // that outlives the hold still has its connection.
  static std::shared_ptr<SharedSnapshot<Backend>> held_for(Pool& pool) {
    if (!innermost || &(*innermost)->pool() != &pool) return nullptr;
    return *innermost;
  }

  // The thread writes through `pool`: its held snapshot ends as soon as no read uses it.
  static void note_write(Pool& pool) {
    if (auto snapshot = held_for(pool)) snapshot->written();
  }

 private:
  static inline thread_local std::shared_ptr<SharedSnapshot<Backend>>* innermost = nullptr;
  std::shared_ptr<SharedSnapshot<Backend>> snapshot_;
  std::shared_ptr<SharedSnapshot<Backend>>* outer_;
};

}  // namespace resettle::store
