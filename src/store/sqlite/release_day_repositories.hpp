#pragma once
// SQLite implementation of the day-of-release decision repository (migration 21).
#include "store/release_day_repositories.hpp"
#include "store/sqlite/database.hpp"

namespace resettle::store::sqlite {

class SqliteReleaseDayDecisions final : public ReleaseDayDecisionRepository {
 public:
  explicit SqliteReleaseDayDecisions(Connection& db) : db_(db) {}
  std::int64_t insert(const ReleaseDayDecision& decision) override;
  std::vector<ReleaseDayDecision> for_person(std::int64_t person_id) override;
  std::vector<ReleaseDayDecision> newest_for(std::span<const std::int64_t> person_ids) override;

 private:
  Connection& db_;
};

}  // namespace resettle::store::sqlite
