// The bulk loader of both stores (see bulk_load.hpp).
#include "store/shared/bulk_load.hpp"

#include <algorithm>
#include <vector>

#include "store/postgresql/sql.hpp"
#include "store/sqlite/sql.hpp"

namespace resettle::store::shared {

template <Database Db>
void BulkLoad<Db>::set_up_connection() {
  if (set_up_) return;
  if (!Sql<Db>::bulk_load_settings.empty()) db_.execute(Sql<Db>::bulk_load_settings);
  set_up_ = true;
}

template <Database Db>
void BulkLoad<Db>::insert_staff(std::span<StaffMember> staff, const std::string& password_hash) {
  set_up_connection();
  for (auto& member : staff) member.id = staff_.insert(member, password_hash);
  rows_ += static_cast<std::int64_t>(staff.size());
}

template <Database Db>
void BulkLoad<Db>::insert_cases(std::span<LoadedCase> cases) {
  set_up_connection();
  for (auto& loaded : cases) {
    auto id = people_.insert(loaded.person);
    loaded.person.id = id;
    loaded.person.version = 1;
    ++rows_;
    if (loaded.sentence) {
      loaded.sentence->person_id = id;
      loaded.sentence->id = sentences_.insert(*loaded.sentence);
      ++rows_;
    }
    if (loaded.risk_profile) {
      loaded.risk_profile->person_id = id;
      risk_profiles_.save(*loaded.risk_profile, 0);
      ++rows_;
    }
    loaded.dates.person_id = id;
    case_dates_.save(loaded.dates);
    ++rows_;
    for (auto& allocation : loaded.allocations) allocation.person_id = id;
  }
  insert_allocations_by_staff(cases);
}

// A batch's allocations go in member of staff by member of staff: the indexes keyed by staff (and the
// caseloads their trigger keeps) then take each member's new rows in one place, not scattered.
template <Database Db>
void BulkLoad<Db>::insert_allocations_by_staff(std::span<LoadedCase> cases) {
  std::vector<Allocation*> allocations;
  for (auto& loaded : cases)
    for (auto& allocation : loaded.allocations) allocations.push_back(&allocation);
  std::ranges::stable_sort(allocations, {}, &Allocation::staff_id);
  for (auto* allocation : allocations) allocation->id = allocations_.insert(*allocation);
  rows_ += static_cast<std::int64_t>(allocations.size());
}

template class BulkLoad<sqlite::Connection>;
template class BulkLoad<postgresql::Connection>;

}  // namespace resettle::store::shared
