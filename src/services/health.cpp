#include "services/health.hpp"

namespace resettle::services {

Health check_health(store::Store& store, const Clock& clock, std::uintmax_t min_free_bytes) {
  Health health;
  health.min_free_bytes = min_free_bytes;
  health.free_bytes = store.free_disk_bytes();
  health.database_writable = store.takes_writes(clock.now_iso());
  health.schema_version = store.schema_version();
  return health;
}

}  // namespace resettle::services
