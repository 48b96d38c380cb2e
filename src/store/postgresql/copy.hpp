#pragma once
// `resettle copy`: a whole database moved between the SQLite and the PostgreSQL store, table by table,
// in one transaction on the target, checked at the end (docs/decisions.md, "resettle copy").
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace resettle::store::postgresql {

struct CopyReport {
  int schema_version = 0;
  std::map<std::string, std::int64_t> rows;   // rows copied, by table
  std::optional<std::string> journal_head;    // the chain value of the journal's last row, on both sides
};

// Copies the SQLite database `file` into the PostgreSQL database `uri`, or back. The target is
// migrated first and must then be empty; the source must be at the same schema version
// (it is only read). Every table of the target's schema is copied as stored, in key order, with
// the target's triggers kept from firing (read models are copied, not rebuilt); PostgreSQL's
// identity sequences are moved past the highest id. Before committing, every table's row count and
// the last chain values of the journal and the access log must equal the source's: otherwise
// nothing is kept. std::invalid_argument when the source file is missing, the schema versions
// differ or the target is not empty (naming a table that has rows).
CopyReport copy_to_postgresql(const std::string& file, const std::string& uri);
CopyReport copy_to_sqlite(const std::string& uri, const std::string& file);

// The parts with logic of their own, for the tests.

// The tables in an order that inserts every referenced row before the rows referring to it:
// references maps a table to the tables its foreign keys name (a table naming itself is allowed).
// Ties keep alphabetical order. std::invalid_argument naming the tables no order can place (a cycle).
std::vector<std::string> insertion_order(const std::map<std::string, std::set<std::string>>& references);

// A row in PostgreSQL's COPY text format: fields separated by tabs, NULL as \N, and backslash, tab,
// newline and carriage return escaped; ends with a newline.
using Row = std::vector<std::optional<std::string>>;
void append_copy_text(std::string& out, const Row& row);
// One line of COPY ... TO STDOUT text (without or with its newline) read back into its fields.
Row parse_copy_text(std::string_view line);

}  // namespace resettle::store::postgresql
