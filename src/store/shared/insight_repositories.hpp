#pragma once
// The insight repositories of both stores (migrations 35, 44, 45 and 50), written once as repositories.hpp
// describes: equality facts and the facts of a scope's cases, read set-based (one query per kind of
// record), and insight's change log.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/insight_repositories.hpp"
#include "store/shared/database.hpp"

namespace resettle::store::shared {

template <Database Db>
class EqualityFactRecords final : public EqualityFactsRepository {
 public:
  explicit EqualityFactRecords(Db& db) : db_(db) {}
  std::optional<EqualityFacts> find(std::int64_t person_id) override;
  void save(const EqualityFacts& facts, std::int64_t expected_version) override;

 private:
  Db& db_;
};

// The change log's ids are in commit order on both backends (migration 50): once a reader has seen an
// entry, no entry below it can still be committed, so following the log by id never skips one.
template <Database Db>
class Insight final : public InsightRepository {
 public:
  explicit Insight(Db& db) : db_(db) {}
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
  Db& db_;
};

}  // namespace resettle::store::shared
