#pragma once
// How a command tells a PostgreSQL database from an SQLite file in its --db argument.
#include <string_view>

namespace resettle::store::postgresql {

// A postgresql:// or postgres:// URI names a PostgreSQL database; anything else is an SQLite file.
inline bool is_uri(std::string_view db) { return db.starts_with("postgresql://") || db.starts_with("postgres://"); }

}  // namespace resettle::store::postgresql
