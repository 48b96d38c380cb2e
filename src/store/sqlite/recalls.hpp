#pragma once
// SQLite implementation of the recall repository.
#include "store/recall_repositories.hpp"
#include "store/sqlite/database.hpp"

namespace resettle::store::sqlite {

class SqliteRecalls final : public RecallRepository {
 public:
  explicit SqliteRecalls(Connection& db) : db_(db) {}
  std::int64_t insert(const RecallConsideration& consideration) override;
  std::optional<RecallConsideration> find(std::int64_t id) override;
  void update(const RecallConsideration& consideration, std::int64_t expected_version) override;
  std::vector<RecallConsideration> for_person(std::int64_t person_id) override;

 private:
  Connection& db_;
};

}  // namespace resettle::store::sqlite
