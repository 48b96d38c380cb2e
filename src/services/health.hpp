#pragma once
// Whether this server can do its job: /health answers 503 when the database will not take a write
// or its disk is nearly full, so a load balancer or monitor stops sending work before writes fail.
#include <cstdint>
#include <optional>
#include <string>

#include "services/clock.hpp"
#include "store/operations.hpp"
#include "store/store.hpp"

namespace resettle::services {

// The free space kept in reserve by default: room for the WAL to grow and a checkpoint to finish.
inline constexpr std::uintmax_t default_min_free_bytes = 64 * 1024 * 1024;

struct Health {
  bool database_writable = false;
  std::uintmax_t free_bytes = 0;
  std::uintmax_t min_free_bytes = 0;
  int schema_version = 0;
  std::string store;  // store::backend_of
  std::optional<double> replication_lag_seconds;  // store::ReplicationLag; reported, not part of ok()
  bool ok() const { return database_writable && free_bytes >= min_free_bytes; }
};

// Writes a probe row (see Store::takes_writes), measures the free space and asks the replication lag
// of the database the store was opened from (`replication`, which names it, and so the backend too).
Health check_health(store::Store& store, const Clock& clock, std::uintmax_t min_free_bytes, store::ReplicationLag& replication);

}  // namespace resettle::services
