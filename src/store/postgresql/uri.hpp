#pragma once
// How a command tells a PostgreSQL database from an SQLite file in its --db argument.
#include <stdexcept>
#include <string>
#include <string_view>

namespace resettle::store::postgresql {

// A postgresql:// or postgres:// URI names a PostgreSQL database; anything else is an SQLite file.
inline bool is_uri(std::string_view db) { return db.starts_with("postgresql://") || db.starts_with("postgres://"); }

// Until the PostgreSQL store is complete only `resettle migrate` takes a URI: every other command
// refuses one (std::invalid_argument) rather than half work, or open an SQLite file of that name.
inline void refuse_uri_until_complete(std::string_view db) {
  if (is_uri(db))
    throw std::invalid_argument(
        "the PostgreSQL store is not complete yet: only 'resettle migrate' takes a postgresql:// URI for now");
}

}  // namespace resettle::store::postgresql
