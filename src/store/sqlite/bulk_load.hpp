#pragma once
// SQLite bulk load: the repositories' own prepared inserts, run back to back in the caller's
// transaction, so a loaded record is stored exactly as one added through a use case.
#include "store/bulk_load.hpp"
#include "store/shared/booking_repositories.hpp"
#include "store/shared/case_repositories.hpp"
#include "store/sqlite/repositories.hpp"

namespace resettle::store::sqlite {

class SqliteBulkLoad final : public BulkLoadRepository {
 public:
  explicit SqliteBulkLoad(Connection& db)
      : db_(db), people_(db), sentences_(db), staff_(db), allocations_(db), risk_profiles_(db), case_dates_(db) {}
  void insert_staff(std::span<StaffMember> staff, const std::string& password_hash) override;
  void insert_cases(std::span<LoadedCase> cases) override;
  std::int64_t rows_inserted() const override { return rows_; }

 private:
  void insert_allocations_by_staff(std::span<LoadedCase> cases);
  // Raises the page cache of this connection for the rest of its life (see bulk_load.cpp).
  void use_bulk_cache();
  Connection& db_;
  shared::People<Connection> people_;
  shared::Sentences<Connection> sentences_;
  shared::Staff<Connection> staff_;
  shared::Allocations<Connection> allocations_;
  shared::RiskProfiles<Connection> risk_profiles_;
  shared::CaseDateRecords<Connection> case_dates_;
  std::int64_t rows_ = 0;
  bool cache_raised_ = false;
};

}  // namespace resettle::store::sqlite
