#pragma once
// Bulk load for both stores: the repositories' own prepared inserts, run back to back in the caller's
// transaction, so a loaded record is stored exactly as one added through a use case.
#include "store/bulk_load.hpp"
#include "store/shared/booking_repositories.hpp"
#include "store/shared/case_repositories.hpp"
#include "store/shared/repositories.hpp"

namespace resettle::store::shared {

template <Database Db>
class BulkLoad final : public BulkLoadRepository {
 public:
  explicit BulkLoad(Db& db)
      : db_(db), people_(db), sentences_(db), staff_(db), allocations_(db), risk_profiles_(db), case_dates_(db) {}
  void insert_staff(std::span<StaffMember> staff, const std::string& password_hash) override;
  void insert_cases(std::span<LoadedCase> cases) override;
  std::int64_t rows_inserted() const override { return rows_; }

 private:
  void insert_allocations_by_staff(std::span<LoadedCase> cases);
  // Sets the connection up for a load, once, for the rest of its life (Sql<Db>::bulk_load_settings).
  void set_up_connection();
  Db& db_;
  People<Db> people_;
  Sentences<Db> sentences_;
  Staff<Db> staff_;
  Allocations<Db> allocations_;
  RiskProfiles<Db> risk_profiles_;
  CaseDateRecords<Db> case_dates_;
  std::int64_t rows_ = 0;
  bool set_up_ = false;
};

}  // namespace resettle::store::shared
