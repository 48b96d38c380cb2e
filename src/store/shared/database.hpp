#pragma once
// What repository code shared by the two stores asks of a connection (docs/decisions.md, "The store on
// PostgreSQL"): store/sqlite/'s and store/postgresql/'s Connection both satisfy it. A shared repository
// is a class template on the connection; the statements whose wording differs between the backends
// come from Sql<Db>, a table each backend specialises in its own sql.hpp.
#include <concepts>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "domain/code_list.hpp"
#include "domain/date.hpp"
#include "domain/errors.hpp"

namespace resettle::store::shared {

// The prepared statement a connection of type Db hands out.
template <typename Db>
using StatementOf = std::remove_reference_t<decltype(std::declval<Db&>().prepare(std::string_view{}))>;

template <typename S>
concept SharedStatement = requires(S& statement, const S& row, int column) {
  { statement.bind(std::int64_t{}, std::string{}, std::optional<std::string_view>{}, Date{}) } -> std::same_as<S&>;
  { statement.step() } -> std::same_as<bool>;
  statement.run();
  { row.changes() } -> std::convertible_to<std::int64_t>;
  { row.is_null(column) } -> std::same_as<bool>;
  { row.integer(column) } -> std::same_as<std::int64_t>;
  { row.text(column) } -> std::same_as<std::string>;
  { row.text_view(column) } -> std::same_as<std::string_view>;
  { row.date(column) } -> std::same_as<std::optional<Date>>;
  { row.optional_integer(column) } -> std::same_as<std::optional<std::int64_t>>;
};

// Statements are written with `?` placeholders and cached per connection by prepare().
template <typename Db>
concept Database = SharedStatement<StatementOf<Db>> && requires(Db& db, std::string_view sql) {
  { db.prepare(sql) } -> std::same_as<StatementOf<Db>&>;
  db.execute(sql);
};

// After a versioned UPDATE (`... WHERE id = ? AND version = ?`): StaleVersion when it changed no
// row, because someone else saved first.
template <SharedStatement S>
void require_changed(const S& statement, std::string_view what, std::int64_t id) {
  if (statement.changes() == 0)
    throw StaleVersion(std::string{what} + " " + std::to_string(id) + " has changed since it was read");
}

// The id an INSERT ... RETURNING id, bound, gives (none when ON CONFLICT DO NOTHING added no row), with
// the statement then run to its end: on SQLite a write left on its returned row keeps its statement
// journal open until the statement is next used or the transaction ends; every later write is copied
// into that journal and each later statement walks it from its start as it ends, so a long transaction
// (the national load) slowed with its own size.
template <SharedStatement S>
std::optional<std::int64_t> returned_id(S& statement) {
  if (!statement.step()) return std::nullopt;
  auto id = statement.integer(0);
  statement.run();
  return id;
}

// The id of the row an INSERT ... RETURNING id, bound, adds.
template <SharedStatement S>
std::int64_t inserted_id(S& statement) {
  return returned_id(statement).value();
}

// Runs a bound statement and reads each row it gives with from_row(statement), in the statement's order.
template <SharedStatement S, typename FromRow>
auto read_all(S& statement, FromRow&& from_row) {
  std::vector<std::remove_cvref_t<std::invoke_result_t<FromRow&, const S&>>> rows;
  while (statement.step()) rows.push_back(from_row(std::as_const(statement)));
  return rows;
}

// Empty text stored as NULL, so optional identifiers stay unique only when present.
inline std::optional<std::string_view> null_if_empty(const std::string& text) {
  if (text.empty()) return std::nullopt;
  return std::string_view{text};
}

// The wording of what each backend says its own way, specialised beside each Connection: Error (its
// DatabaseError) and the SQL fragments store/sqlite/sql.hpp describes one by one.
template <typename Db>
struct Sql;

// A stored code read back into its enum; the backend's DatabaseError names the table when the code is
// unknown (a hand edit: the application writes only codes it knows).
template <typename Db, typename E>
E stored_code(const StatementOf<Db>& row, int column, std::span<const Coded<E>> list, std::string_view table) {
  auto value = parse_code(list, row.text_view(column));
  if (!value)
    throw typename Sql<Db>::Error("unknown code '" + row.text(column) + "' in the " + std::string{table} + " table");
  return *value;
}

}  // namespace resettle::store::shared
