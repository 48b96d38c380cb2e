#pragma once
// The risk profile and worked-out case dates (migration 2) of both stores, written once over either
// connection (docs/decisions.md, "The store on PostgreSQL").
#include "store/shared/database.hpp"
#include "store/store.hpp"

namespace resettle::store::shared {

template <Database Db>
class RiskProfiles final : public RiskProfileRepository {
 public:
  explicit RiskProfiles(Db& db) : db_(db) {}
  RiskProfile find(std::int64_t person_id) override;
  void save(const RiskProfile& profile, std::int64_t expected_version) override;

 private:
  Db& db_;
};

template <Database Db>
class CaseDateRecords final : public CaseDatesRepository {
 public:
  explicit CaseDateRecords(Db& db) : db_(db) {}
  void save(const CaseDates& dates) override;
  std::optional<CaseDates> find(std::int64_t person_id) override;
  Page<WorklistEntry> handovers_due(Date from, Date to, const WorklistScope& scope) override;
  Page<WorklistEntry> releases_due(Date from, Date to, const WorklistScope& scope) override;
  Page<WorklistEntry> without_com(Date today, const WorklistScope& scope) override;
  Page<WorklistEntry> overdue_handovers(Date today, const WorklistScope& scope) override;
  Page<WorklistRow> rows(DatedWorklist list, std::optional<Date> from, Date to, const WorklistScope& scope) override;

 private:
  Db& db_;
};

}  // namespace resettle::store::shared
