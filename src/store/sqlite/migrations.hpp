#pragma once
// Numbered schema migrations, applied in order and recorded in schema_migration.
#include <span>
#include <string_view>

namespace resettle::store::sqlite {

struct Migration {
  int version;
  std::string_view description;
  std::string_view sql;
};

std::span<const Migration> migrations();

}  // namespace resettle::store::sqlite
