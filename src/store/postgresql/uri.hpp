#pragma once
// How a command tells a PostgreSQL database from an SQLite file in its --db argument.
#include <stdexcept>
#include <string>
#include <string_view>

namespace resettle::store::postgresql {

// A postgresql:// or postgres:// URI names a PostgreSQL database; anything else is an SQLite file.
inline bool is_uri(std::string_view db) { return db.starts_with("postgresql://") || db.starts_with("postgres://"); }

// For the commands that work on an SQLite file only: std::invalid_argument for a URI, saying what to
// do instead, rather than open an SQLite file of that name.
inline void refuse_uri(std::string_view db, std::string_view instead) {
  if (is_uri(db)) throw std::invalid_argument("this command takes an SQLite file, not a postgresql:// URI: " + std::string{instead});
}

}  // namespace resettle::store::postgresql
