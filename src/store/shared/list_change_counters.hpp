#pragma once
// The list change counters (migration 49) of both stores, written once over either connection.
#include "store/list_changes.hpp"
#include "store/shared/database.hpp"

namespace resettle::store::shared {

template <Database Db>
class ListChangeCounts final : public ListChangeCounters {
 public:
  explicit ListChangeCounts(Db& db) : db_(db) {}
  std::vector<std::int64_t> counts(const std::vector<std::string>& units) override;

 private:
  Db& db_;
};

}  // namespace resettle::store::shared
