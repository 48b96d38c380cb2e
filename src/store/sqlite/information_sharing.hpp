#pragma once
// SQLite implementation of the information sharing repository.
#include "store/information_sharing_repositories.hpp"
#include "store/sqlite/database.hpp"

namespace resettle::store::sqlite {

class SqliteInformationSharing final : public InformationSharingRepository {
 public:
  explicit SqliteInformationSharing(Connection& db) : db_(db) {}
  std::int64_t insert(const SharingRecord& record) override;
  std::optional<SharingRecord> find(std::int64_t id) override;
  void update(const SharingRecord& record, std::int64_t expected_version) override;
  std::vector<SharingRecord> for_person(std::int64_t person_id) override;

 private:
  Connection& db_;
};

}  // namespace resettle::store::sqlite
