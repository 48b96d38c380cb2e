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
  // Rows a write claims (the outbox's due messages) are locked, and rows another transaction holds are
  // passed over rather than waited for: two dispatchers never take the same message, even without the
  // writer lock that orders them today.
  static constexpr std::string_view claim_rows = " FOR UPDATE SKIP LOCKED";
  // Nothing: the page cache is the server's shared buffers, sized for every connection by its configuration.
  static constexpr std::string_view bulk_load_settings = "";
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
  // json_array_sha256's to_json keeps a json value as it is: a number where there is one, else the text.
  static std::string number_or_text(std::string_view number, std::string_view text) {
    return "coalesce(to_json(" + std::string{number} + "), to_json(" + std::string{text} + "))";
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
  static std::string joined(std::string_view expression, std::string_view separator) {
    return "string_agg(" + std::string{expression} + ", " + std::string{separator} + ")";
  }
  // json_populate_record converts each member's text to the column's type, as SQLite's affinity does.
  static std::string json_members(std::string_view document, std::string_view table,
                                  const std::vector<std::string>& columns) {
    std::string members;
    for (const auto& column : columns) members += (members.empty() ? "r." : ", r.") + column;
    return "SELECT " + members + " FROM json_populate_record(NULL::" + std::string{table} + ", " +
           std::string{document} + "::json) AS r";
  }
  static std::string json_text_at(std::string_view document, const std::vector<std::string>& path) {
    std::string at;
    for (const auto& member : path) at += (at.empty() ? "" : ",") + member;
    return "(" + std::string{document} + "::json #>> '{" + at + "}')";
  }
  // Each word a prefix term ('word':*), all required; to_tsquery stems and drops stop words as the
  // index's English configuration does. Only letters, digits and non-ASCII reach it, so no word is
  // read as tsquery syntax. (websearch_to_tsquery has no prefix terms: "accom" would find nothing.)
  static std::string search_terms(const std::vector<std::string>& words) {
    std::string terms;
    for (const auto& word : words) terms += (terms.empty() ? "'" : " & '") + word + "':*";
    return terms;
  }
  static std::string search_matches(std::string_view terms) {
    return "f.document @@ to_tsquery('english', " + std::string{terms} + ")";
  }
  // ts_rank's weights for the document's D, C, B and A words (migration 4): description and eligibility,
  // organisation, pathways, name; in the proportions of SQLite's bm25 weights.
  static std::string best_match_first(std::string_view terms) {
    return "ts_rank('{0.15, 0.4, 0.5, 1.0}', f.document, to_tsquery('english', " + std::string{terms} + ")) DESC";
  }
};

}  // namespace resettle::store::shared
