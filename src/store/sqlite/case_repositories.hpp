#pragma once
// SQLite implementations of the risk profile and worked-out case dates (migration 2).
#include "store/sqlite/database.hpp"
#include "store/store.hpp"

namespace resettle::store::sqlite {

class SqliteRiskProfiles final : public RiskProfileRepository {
 public:
  explicit SqliteRiskProfiles(Connection& db) : db_(db) {}
  RiskProfile find(std::int64_t person_id) override;
  void save(const RiskProfile& profile, std::int64_t expected_version) override;

 private:
  Connection& db_;
};

class SqliteCaseDates final : public CaseDatesRepository {
 public:
  explicit SqliteCaseDates(Connection& db) : db_(db) {}
  void save(const CaseDates& dates) override;
  std::optional<CaseDates> find(std::int64_t person_id) override;
  Page<WorklistEntry> handovers_due(Date from, Date to, const WorklistScope& scope) override;
  Page<WorklistEntry> releases_due(Date from, Date to, const WorklistScope& scope) override;
  Page<WorklistEntry> without_com(Date today, const WorklistScope& scope) override;
  Page<WorklistEntry> overdue_handovers(Date today, const WorklistScope& scope) override;
  Page<WorklistRow> rows(DatedWorklist list, std::optional<Date> from, Date to, const WorklistScope& scope) override;

 private:
  Connection& db_;
};

}  // namespace resettle::store::sqlite
