#pragma once
// SQLite implementation of the insight repositories: equality facts and the facts of a scope's cases,
// read set-based (one query per kind of record).
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
  std::vector<std::int64_t> people(const InsightScope& scope) override;
  std::vector<InsightCase> cases_of(const std::vector<std::int64_t>& person_ids) override;
  std::vector<CaseProgress> progress_of(const std::vector<std::int64_t>& person_ids) override;
  std::int64_t latest_entry() override;
  std::vector<std::int64_t> changed_since(std::int64_t entry) override;
  std::vector<CaseUnits> units_of(const std::vector<std::int64_t>& person_ids) override;
  std::int64_t trimmed_up_to() override;
  std::int64_t trim_changes(std::int64_t entry) override;
  std::vector<PersonSummary> named(const std::vector<std::int64_t>& person_ids, std::int64_t seen_by) override;

 private:
  template <typename... Keys>
  std::vector<InsightCase> read_cases(const std::string& members, const Keys&... keys);
  Connection& db_;
};

}  // namespace resettle::store::sqlite
