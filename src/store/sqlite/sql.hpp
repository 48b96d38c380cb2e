#pragma once
// SQLite's wording of the statements shared repositories word per backend (store/shared/database.hpp).
#include <string>
#include <string_view>
#include <vector>

#include "store/shared/database.hpp"
#include "store/sqlite/database.hpp"

namespace resettle::store::shared {

template <>
struct Sql<sqlite::Connection> {
  // Text compared byte by byte, so lists sort alike on both backends: SQLite's default (BINARY).
  static constexpr std::string_view byte_order = "";
  using Error = sqlite::DatabaseError;
  // `a <join_in_this_order> b ON ...` reads a first: SQLite's CROSS JOIN keeps the order written.
  static constexpr std::string_view join_in_this_order = "CROSS JOIN";
  // Now as the database's timestamps are written: UTC, ISO 8601 with milliseconds.
  static constexpr std::string_view now = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";
  // SQLite has one writer for the whole database: what a write reads is its own until it commits.
  static constexpr std::string_view claim_rows = "";
  // Set once on a connection that bulk loads (and on the raw baseline's, to compare like for like). A load
  // is one transaction far bigger than SQLite's default 2 MiB page cache; with that cache, dirty pages of
  // the randomly ordered indexes (names, prison numbers, CRNs) spill to the WAL over and over.
  static constexpr std::string_view bulk_load_settings = "PRAGMA cache_size = -524288";  // KiB: 512 MiB
  // Whether `part` occurs in `text` (both SQL expressions).
  static std::string contains(std::string_view text, std::string_view part) {
    return "instr(" + std::string{text} + ", " + std::string{part} + ") > 0";
  }
  // The elements of the JSON array in `document` (an SQL expression) as a table named `alias` to
  // select from, one row each in a column named value: text elements as text, integers as integers.
  static std::string json_text_table(std::string_view document, std::string_view alias) {
    return "json_each(" + std::string{document} + ") " + std::string{alias};
  }
  static std::string json_integer_table(std::string_view document, std::string_view alias) {
    return json_text_table(document, alias);
  }
  // A value hashed as a JSON number where `number` is not NULL, else as the JSON string `text`.
  static std::string number_or_text(std::string_view number, std::string_view text) {
    return "coalesce(" + std::string{number} + ", " + std::string{text} + ")";
  }
  // SHA-256 in lower-case hex of the JSON array of `values` (SQL expressions, each a CAST to bigint or
  // text, NULL written as null), as the hash chains of the journal and the access log need it: the
  // text hashed is SQLite's json_array's, which PostgreSQL's wording writes byte for byte.
  static std::string json_array_sha256(const std::vector<std::string>& values) {
    std::string array;
    for (const auto& value : values) array += (array.empty() ? "" : ", ") + value;
    return "sha256(json_array(" + array + "))";  // sha256 as sqlite::Connection defines it
  }
  // What the message of an insert or update that would repeat a unique column's value says.
  static std::string unique_violation(std::string_view table, std::string_view column) {
    return "UNIQUE constraint failed: " + std::string{table} + "." + std::string{column};
  }
  // The values of `expression` over a group as one text, `separator` (an SQL expression) between them.
  static std::string joined(std::string_view expression, std::string_view separator) {
    return "group_concat(" + std::string{expression} + ", " + std::string{separator} + ")";
  }
  // A SELECT, with no FROM, of the members named `columns` of the JSON object `document` (an SQL
  // expression), as `table`'s columns of those names take them; an absent member is NULL.
  static std::string json_members(std::string_view document, std::string_view, const std::vector<std::string>& columns) {
    std::string members;
    for (const auto& column : columns)
      members += (members.empty() ? "" : ", ") + ("json_extract(" + std::string{document} + ", '$." + column + "')");
    return "SELECT " + members;
  }
  // The text at `path` (member names, outermost first) in the JSON object `document` (an SQL expression);
  // NULL where there is none.
  static std::string json_text_at(std::string_view document, const std::vector<std::string>& path) {
    std::string at = "$";
    for (const auto& member : path) at += "." + member;
    return "json_extract(" + std::string{document} + ", '" + at + "')";
  }
  // Directory search (migration 4's service_search, as f beside service s): the parameter `terms` holds
  // search_terms(words); search_matches is whether a row has them all, best_match_first an ORDER BY term.
  // Each word is a quoted prefix term, all required, so "accom" finds "accommodation".
  static std::string search_terms(const std::vector<std::string>& words) {
    std::string terms;
    for (const auto& word : words) terms += (terms.empty() ? "\"" : " \"") + word + "\"*";
    return terms;
  }
  static std::string search_matches(std::string_view terms) { return "service_search MATCH " + std::string{terms}; }
  // bm25 weights by column: a word in the name counts most, then pathway and organisation, then the rest.
  static std::string best_match_first(std::string_view) {
    return "bm25(service_search, 0.0, 10.0, 2.0, 1.0, 4.0, 5.0)";
  }
};

}  // namespace resettle::store::shared
