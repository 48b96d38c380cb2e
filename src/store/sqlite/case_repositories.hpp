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

 private:
  // One worklist: the date it is ordered and paged by, whether only cases without a COM count, and
  // what else a case must meet (SQL on case_dates d and person p).
  struct WorklistList {
    std::string_view date_column;
    std::optional<Date> CaseDates::*date;
    // A condition on one case_dates column that a partial (unit, date) index is built for, or empty.
    std::string_view indexed_filter;
    std::string_view condition;
  };
  Page<WorklistEntry> worklist(const WorklistList& list, Date from, Date to, const WorklistScope& scope);
  Connection& db_;
};

}  // namespace resettle::store::sqlite
