#pragma once
// SQLite implementation of the release day repository.
#include <vector>

#include "store/release_repositories.hpp"
#include "store/sqlite/database.hpp"

namespace resettle::store::sqlite {

class SqliteReleaseDays final : public ReleaseDayRepository {
 public:
  explicit SqliteReleaseDays(Connection& db) : db_(db) {}
  std::int64_t insert(const ReleaseDayRecord& record) override;
  std::optional<ReleaseDayRecord> latest_for_person(std::int64_t person_id) override;
  // The latest release of each of these people who has one, in person id order: one read for them all.
  std::vector<ReleaseDayRecord> latest_for_people(const std::vector<std::int64_t>& person_ids);
  void update(const ReleaseDayRecord& record, std::int64_t expected_version) override;

 private:
  Connection& db_;
};

}  // namespace resettle::store::sqlite
