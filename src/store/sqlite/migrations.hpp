#pragma once
// Numbered schema migrations, applied in order and recorded in schema_migration.
#include <span>
#include <string_view>

namespace resettle::store::sqlite {

struct Migration {
  int version;
  std::string_view description;
  std::string_view sql;
  // SQLite changes a table's constraints only by building it again: such a migration runs with
  // foreign keys off (as SQLite's documented procedure needs) and is checked for violations before
  // it commits.
  bool rebuilds_tables = false;
};

std::span<const Migration> migrations();

}  // namespace resettle::store::sqlite
