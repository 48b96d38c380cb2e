#pragma once
// Insight's change log (migration 45): every write to a record the insight measures or their scopes read
// logs the person it touched, by trigger, in the writing transaction; with the units each person counts
// in, it lets a server keep every case's figures in step with the records. Reached from the transaction's
// InsightRepository (SqliteInsight is both), so that the headers the whole store includes stayed as they
// were while this was written: to be made part of InsightRepository, replacing its latest_change.
#include <cstdint>
#include <vector>

#include "domain/insight/figures.hpp"

namespace resettle::store {

class InsightChangeLog {
 public:
  virtual ~InsightChangeLog() = default;
  // The latest entry of the log (0 with none).
  virtual std::int64_t latest_entry() = 0;
  // The people logged after the entry `entry`, each once, in id order.
  virtual std::vector<std::int64_t> changed_since(std::int64_t entry) = 0;
  // The units each of these people (ids in increasing order) is counted in, one entry per id, in order;
  // as InsightRepository::cases puts people in scopes.
  virtual std::vector<CaseUnits> units_of(const std::vector<std::int64_t>& person_ids) = 0;
};

}  // namespace resettle::store
