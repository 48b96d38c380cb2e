#include "services/health.hpp"

#include "store/operations.hpp"

namespace resettle::services {

Health check_health(store::Store& store, const Clock& clock, std::uintmax_t min_free_bytes, store::ReplicationLag& replication) {
  Health health;
  health.min_free_bytes = min_free_bytes;
  health.free_bytes = store.free_disk_bytes();
  health.database_writable = store.takes_writes(clock.now_iso());
  health.schema_version = store.schema_version();
  health.store = store::backend_of(replication.database());
  health.replication_lag_seconds = replication.seconds();
  return health;
}

}  // namespace resettle::services
