#pragma once
// SQLite implementation of the release day repository.
#include "store/release_repositories.hpp"
#include "store/sqlite/database.hpp"

namespace resettle::store::sqlite {

class SqliteReleaseDays final : public ReleaseDayRepository {
 public:
  explicit SqliteReleaseDays(Connection& db) : db_(db) {}
  std::int64_t insert(const ReleaseDayRecord& record) override;
  std::optional<ReleaseDayRecord> latest_for_person(std::int64_t person_id) override;
  void update(const ReleaseDayRecord& record, std::int64_t expected_version) override;

 private:
  Connection& db_;
};

}  // namespace resettle::store::sqlite
