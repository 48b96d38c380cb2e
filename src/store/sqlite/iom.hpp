#pragma once
// SQLite implementation of the IOM repository.
#include "store/iom_repositories.hpp"
#include "store/sqlite/database.hpp"

namespace resettle::store::sqlite {

class SqliteIom final : public IomRepository {
 public:
  explicit SqliteIom(Connection& db) : db_(db) {}
  std::int64_t insert_cohort(const IomCohortFlag& flag) override;
  std::vector<IomCohortFlag> cohorts_for(std::int64_t person_id) override;
  void update_cohort(const IomCohortFlag& flag, std::int64_t expected_version) override;
  std::int64_t insert_coworker(const IomCoworker& coworker) override;
  std::optional<IomCoworker> find_coworker(std::int64_t id) override;
  std::vector<IomCoworker> coworkers_for(std::int64_t person_id) override;
  void update_coworker(const IomCoworker& coworker, std::int64_t expected_version) override;
  std::vector<std::int64_t> named_cases(std::int64_t staff_id) override;
  std::int64_t insert_contact(const IomContact& contact) override;
  std::vector<IomContact> contacts_for(std::int64_t person_id) override;

 private:
  Connection& db_;
};

}  // namespace resettle::store::sqlite
