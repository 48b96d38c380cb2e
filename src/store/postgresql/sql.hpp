#pragma once
// PostgreSQL's wording of the statements shared repositories word per backend
// (store/shared/database.hpp).
#include <string>
#include <string_view>
#include <vector>

#include "store/postgresql/database.hpp"
#include "store/shared/database.hpp"

namespace resettle::store::shared {

template <>
struct Sql<postgresql::Connection> {
  // Text compared byte by byte as SQLite's BINARY does, whatever collation the database was made with
  // (en_GB would sort "de Souza" among the D's and ignore spaces).
  static constexpr std::string_view byte_order = " COLLATE \"C\"";
  using Error = postgresql::DatabaseError;
  // PostgreSQL's planner chooses the order itself (CROSS JOIN takes no ON there).
  static constexpr std::string_view join_in_this_order = "JOIN";
  static constexpr std::string_view now = "utc_now()";  // migration 1
  static std::string contains(std::string_view text, std::string_view part) {
    return "strpos(" + std::string{text} + ", " + std::string{part} + ") > 0";
  }
  static std::string json_text_table(std::string_view document, std::string_view alias) {
    return "json_array_elements_text(" + std::string{document} + "::json) AS " + std::string{alias} + " (value)";
  }
  static std::string json_integer_table(std::string_view document, std::string_view alias) {
    return "(SELECT value::bigint AS value FROM " + json_text_table(document, "elements") + ") AS " +
           std::string{alias};
  }
  // SQLite's json_array text: no spaces, and to_json escapes text as SQLite does (\b \t \n \f \r,
  // \u00xx for other control characters, the rest as it is), hashed as UTF-8.
  static std::string json_array_sha256(const std::vector<std::string>& values) {
    std::string array;
    for (const auto& value : values)
      array += (array.empty() ? "" : " || ',' || ") + std::string{"coalesce(to_json("} + value + ")::text, 'null')";
    return "encode(sha256(convert_to('[' || " + array + " || ']', 'UTF8')), 'hex')";
  }
  // A UNIQUE column's constraint has PostgreSQL's default name, table_column_key.
  static std::string unique_violation(std::string_view table, std::string_view column) {
    return "unique constraint \"" + std::string{table} + "_" + std::string{column} + "_key\"";
  }
};

}  // namespace resettle::store::shared
