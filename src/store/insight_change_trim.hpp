#pragma once
// Trimming insight's change log (migration 45). The log is derived data: it only says whose figures to
// work out again, so the entries no kept figures need are removed. Beside InsightRepository for now,
// reached by change_trim_of, so that adding it did not rebuild everything store.hpp includes while the
// build cores were shared; to be folded into InsightRepository.
#include <cstdint>

#include "store/insight_repositories.hpp"

namespace resettle::store {

class InsightChangeTrim {
 public:
  virtual ~InsightChangeTrim() = default;
  // The highest entry trimmed so far (0 when none): figures that follow the log only up to an entry
  // below it have lost entries and must be made afresh.
  virtual std::int64_t trimmed_up_to() = 0;
  // Removes the entries up to `entry`, never the latest (ids must keep rising), and records how far the
  // log is trimmed; returns how many were removed. In a write transaction.
  virtual std::int64_t trim_changes(std::int64_t entry) = 0;
};

// The trimming of this repository's log; null when its store keeps no trimmable log.
inline InsightChangeTrim* change_trim_of(InsightRepository& insight) { return dynamic_cast<InsightChangeTrim*>(&insight); }

}  // namespace resettle::store
