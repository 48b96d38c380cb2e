#pragma once
// SQLite implementation of the insight repositories: equality facts and the facts of a scope's cases.
#include "store/insight_repositories.hpp"
#include "store/sqlite/database.hpp"

namespace resettle::store::sqlite {

class SqliteEqualityFacts final : public EqualityFactsRepository {
 public:
  explicit SqliteEqualityFacts(Connection& db) : db_(db) {}
  std::optional<EqualityFacts> find(std::int64_t person_id) override;
  void save(const EqualityFacts& facts, std::int64_t expected_version) override;

 private:
  Connection& db_;
};

class SqliteInsight final : public InsightRepository {
 public:
  explicit SqliteInsight(Connection& db) : db_(db) {}
  bool scope_exists(const InsightScope& scope) override;
  std::vector<InsightCase> cases(const InsightScope& scope) override;

 private:
  Connection& db_;
};

}  // namespace resettle::store::sqlite
