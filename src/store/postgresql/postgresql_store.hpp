#pragma once
// The PostgreSQL store (docs/decisions.md, "The store on PostgreSQL"). Repositories not yet ported to
// store/shared/ throw std::logic_error naming themselves.
#include <memory>
#include <string>

#include "store/store.hpp"

namespace resettle::store {

struct PostgresqlOptions {
  std::string uri;      // postgresql://...
  int connections = 8;  // opened as transactions need them, up to this many at once
};

std::unique_ptr<Store> open_postgresql_store(const PostgresqlOptions& options);

}  // namespace resettle::store
