#pragma once
// The numbered schema migrations in PostgreSQL's dialect: the same numbers as store/sqlite/'s, and
// the same tables with the same columns in the same order, so the two stores can share repository
// SQL (docs/decisions.md). Types as SQLite's STRICT tables hold them: bigint for INTEGER (identity
// keys for INTEGER PRIMARY KEY), text for TEXT, and so dates as ISO text and booleans as 0 or 1.
#include <span>
#include <string>
#include <string_view>

namespace resettle::store::postgresql {

class Connection;

struct Migration {
  int version;
  std::string_view description;
  std::string_view sql;
};

std::span<const Migration> migrations();

// The newest migration applied (0 for a new database); makes the empty schema_migration table if
// there is none yet, as the SQLite store does.
int current_version(Connection& db);

// Applies the migrations newer than the database's schema, each with its record in schema_migration
// in one transaction, so a failed one leaves the schema as it was; returns the schema version.
// Servers migrating one database at once take turns (an advisory lock), so each migration runs once.
// Throws DatabaseError when a migration fails.
int migrate(Connection& db);

// migrate() on a connection of its own to `uri`.
int migrate(const std::string& uri);

}  // namespace resettle::store::postgresql
