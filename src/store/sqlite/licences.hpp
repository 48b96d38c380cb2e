#pragma once
// SQLite implementation of the licence repository.
#include "store/licence_repositories.hpp"
#include "store/sqlite/database.hpp"

namespace resettle::store::sqlite {

class SqliteLicences final : public LicenceRepository {
 public:
  explicit SqliteLicences(Connection& db) : db_(db) {}
  std::int64_t insert(const Licence& licence) override;
  std::optional<Licence> find(std::int64_t id) override;
  void update(const Licence& licence, std::int64_t expected_version) override;
  std::vector<Licence> for_person(std::int64_t person_id) override;
  std::map<std::int64_t, LicenceStatus> latest_statuses(const std::vector<std::int64_t>& person_ids) override;
  std::int64_t add_response(const ConditionResponse& response) override;
  std::vector<ConditionResponse> responses(std::int64_t licence_id) override;

 private:
  Connection& db_;
};

}  // namespace resettle::store::sqlite
