// The event journal and access log of both stores (see journal_repositories.hpp).
#include "store/shared/journal_repositories.hpp"

#include <span>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "store/digest.hpp"
#include "store/postgresql/sql.hpp"
#include "store/shared/repositories.hpp"
#include "store/sqlite/sql.hpp"

namespace resettle::store::shared {

namespace {

// A column of a chained table and the type its value is hashed as: "bigint" or "text" (a CAST that
// reads the same on both backends, and tells PostgreSQL the type of a parameter).
struct ChainedColumn {
  std::string_view name;
  std::string_view type;
  // Where this column is NULL, the column `stand_in` is hashed in its place as the text
  // "<stand_in_prefix><value>"; a stand-in is hashed only that way (hashed = false).
  std::string_view stand_in = {};
  std::string_view stand_in_prefix = {};
  bool hashed = true;
};

// What each row's chain hashes, after the chain of the row before: JSON keeps the columns apart.
// The chaining migration spells the same lists out; `resettle verify` fails if they ever differ.
// Each row starts with its id and time; the rest come from the writer.
constexpr ChainedColumn event_columns[] = {
    {"id", "bigint"},      {"at", "text"},     {"actor_staff_id", "bigint"}, {"person_id", "bigint"},
    {"kind", "text"},      {"entity", "text"}, {"entity_id", "bigint"},      {"summary", "text"},
    {"reason", "text"},    {"data", "text"}};
// A person's own read (migration 43) has no staff_id: their account is hashed in its place, so a staff
// row hashes exactly as it did before and the chains written then still verify.
constexpr ChainedColumn access_columns[] = {
    {"id", "bigint"},
    {"at", "text"},
    {"staff_id", "bigint", "person_account_id", "person_account:"},
    {"person_id", "bigint"},
    {"what", "text"},
    {"allowed", "bigint"},
    {"address", "text"},
    {"token", "text"},
    {"people", "text"},
    {"person_account_id", "bigint", {}, {}, false},
    {"list_id", "bigint", {}, {}, false}};

std::span<const ChainedColumn> chained_columns(std::string_view table) {
  if (table == "event") return event_columns;
  if (table == "access_log") return access_columns;
  throw std::invalid_argument("no hash chain on table " + std::string{table});
}

// The chain of a row: `previous` (SQL) is the chain of the row before, and the row's columns are
// read from `row` ("n." for a derived table, "" for the table itself).
template <Database Db>
std::string chain_sql(std::string_view previous, std::span<const ChainedColumn> columns, std::string_view row) {
  std::vector<std::string> values{"CAST(" + std::string{previous} + " AS text)"};
  for (const auto& column : columns) {
    if (!column.hashed) continue;
    auto value = "CAST(" + std::string{row} + std::string{column.name} + " AS " + std::string{column.type} + ")";
    if (!column.stand_in.empty())
      value = Sql<Db>::number_or_text(value, "'" + std::string{column.stand_in_prefix} + "' || CAST(" + std::string{row} +
                                                 std::string{column.stand_in} + " AS text)");
    values.push_back(std::move(value));
  }
  return Sql<Db>::json_array_sha256(values);
}

// The next row of a chained table: its id, the time, the chain of the row before ('' for the first)
// and its other columns, from parameters ?1, ?2... in their order.
template <Database Db>
std::string next_link(std::string_view table) {
  std::string t{table};
  std::string row = "SELECT coalesce(max(id), 0) + 1 AS id, " + std::string{Sql<Db>::now} + " AS at, "
                    "coalesce((SELECT chain FROM " + t + " ORDER BY id DESC LIMIT 1), '') AS prev";
  int parameter = 0;
  for (const auto& column : chained_columns(table).subspan(2))
    row += ", CAST(?" + std::to_string(++parameter) + " AS " + std::string{column.type} + ") AS " +
           std::string{column.name};
  return row + " FROM " + t;
}

// Appends the next row of a chained table, returning its id: bind its columns after id and time.
template <Database Db>
std::string append_sql(std::string_view table) {
  auto columns = chained_columns(table);
  std::string names, values;
  for (const auto& column : columns) {
    names += (names.empty() ? "" : ", ") + std::string{column.name};
    values += (values.empty() ? "n." : ", n.") + std::string{column.name};
  }
  return "INSERT INTO " + std::string{table} + " (" + names + ", chain) SELECT " + values + ", " +
         chain_sql<Db>("n.prev", columns, "n.") + " FROM (" + next_link<Db>(table) + ") n RETURNING id";
}

}  // namespace

template <Database Db>
std::int64_t Journal<Db>::append(const NewEvent& event) {
  static const std::string sql = append_sql<Db>("event");
  auto& statement = db_.prepare(sql);
  statement.bind(event.actor_staff_id, event.person_id, event.kind, event.entity, event.entity_id, event.summary,
                 event.reason, event.data.dump());
  return inserted_id(statement);
}

template <Database Db>
ChainCheck check_chain(Db& db, std::string_view table) {
  auto& row = db.prepare("SELECT id, chain, chain IS NOT NULL AND chain = " +
                         chain_sql<Db>("lag(chain, 1, '') OVER (ORDER BY id)", chained_columns(table), "") + " FROM " +
                         std::string{table} + " ORDER BY id");
  row.bind();
  ChainCheck check;
  check.table = table;
  while (row.step()) {
    ++check.rows;
    check.head_id = row.integer(0);
    check.head_chain = row.text(1);
    if (!check.broken_at && row.integer(2) == 0) check.broken_at = check.head_id;
  }
  return check;
}

template <Database Db>
std::optional<std::string> chain_of(Db& db, std::string_view table, std::int64_t id) {
  chained_columns(table);  // only the chained tables
  auto& row = db.prepare("SELECT chain FROM " + std::string{table} + " WHERE id = ?");
  row.bind(id);
  if (!row.step()) return std::nullopt;
  return row.text(0);
}

namespace {
constexpr std::string_view event_select =
    "SELECT e.id, e.at, e.actor_staff_id, coalesce(s.display_name, 'System'), e.person_id, e.kind, e.entity, "
    "e.entity_id, e.summary, e.reason, e.data FROM event e LEFT JOIN staff s ON s.id = e.actor_staff_id ";

template <typename Row>
Event event_from(const Row& row) {
  Event event;
  event.id = row.integer(0);
  event.at = row.text(1);
  event.actor_staff_id = row.optional_integer(2);
  event.actor_name = row.text(3);
  event.person_id = row.optional_integer(4);
  event.kind = row.text(5);
  event.entity = row.text(6);
  event.entity_id = row.integer(7);
  event.summary = row.text(8);
  event.reason = row.text(9);
  event.data = nlohmann::json::parse(row.text_view(10));
  return event;
}
}  // namespace

template <Database Db>
Page<Event> Journal<Db>::for_person(std::int64_t person_id, const PageRequest& page) {
  int limit = page_limit(page);
  std::int64_t before = cursor_after(page);  // newest first: the cursor is the last (smallest) id seen
  auto& statement = db_.prepare(std::string{event_select} +
                                "WHERE e.person_id = ? AND (? = 0 OR e.id < ?) ORDER BY e.id DESC LIMIT ?");
  Page<Event> result;
  result.items =
      read_all(statement.bind(person_id, before, before, limit), [](const auto& row) { return event_from(row); });
  result.next_cursor = next_cursor(result.items.size(), limit, result.items.empty() ? 0 : result.items.back().id);
  return result;
}

template <Database Db>
std::optional<Event> Journal<Db>::latest(std::int64_t person_id, const std::string& kind) {
  auto& statement =
      db_.prepare(std::string{event_select} + "WHERE e.person_id = ? AND e.kind = ? ORDER BY e.id DESC LIMIT 1");
  statement.bind(person_id, kind);
  if (!statement.step()) return std::nullopt;
  return event_from(statement);
}

template <Database Db>
void AccessRecords<Db>::record(std::int64_t staff_id, std::int64_t person_id, const std::string& what, bool allowed) {
  append(staff_id, person_id, what, allowed, "[]");
}

template <Database Db>
void AccessRecords<Db>::record_own_read(std::int64_t person_account_id, std::int64_t person_id, const std::string& what) {
  append(std::nullopt, person_id, what, true, "[]", person_account_id);
}

template <Database Db>
void AccessRecords<Db>::record_list(std::int64_t staff_id, const std::string& what,
                                    const std::vector<std::int64_t>& person_ids) {
  if (person_ids.empty()) return;
  auto people = nlohmann::json(person_ids).dump();
  append(staff_id, std::nullopt, what, true, people, std::nullopt, stored_list(people));
}

template <Database Db>
std::int64_t AccessRecords<Db>::stored_list(const std::string& people) {
  auto digest = sha256_hex(people);
  auto& found = db_.prepare("SELECT id FROM access_list WHERE digest = ?");
  found.bind(digest);
  if (found.step()) return found.integer(0);
  auto& added = db_.prepare("INSERT INTO access_list (digest, people) VALUES (?, ?) RETURNING id");
  auto id = inserted_id(added.bind(digest, people));
  static const std::string sql = "INSERT INTO access_list_person (list_id, person_id) SELECT CAST(? AS bigint), value FROM " +
                                 Sql<Db>::json_integer_table("?", "listed");
  db_.prepare(sql).bind(id, people).run();
  return id;
}

template <Database Db>
std::int64_t AccessRecords<Db>::append(std::optional<std::int64_t> staff_id, std::optional<std::int64_t> person_id,
                                       const std::string& what, bool allowed, const std::string& people,
                                       std::optional<std::int64_t> person_account_id,
                                       std::optional<std::int64_t> list_id) {
  const auto& origin = OriginScope::current();
  static const std::string sql = append_sql<Db>("access_log");
  auto& statement = db_.prepare(sql);
  statement.bind(staff_id, person_id, what, allowed, origin.address, origin.token, people, person_account_id, list_id);
  return inserted_id(statement);
}

template <Database Db>
std::int64_t AccessRecords<Db>::count_for_person(std::int64_t person_id) {
  auto& statement = db_.prepare("SELECT count(*) FROM access_log WHERE person_id = ?");
  statement.bind(person_id);
  statement.step();
  return statement.integer(0);
}

template <Database Db>
std::vector<RefusedAccess> AccessRecords<Db>::refused_for_person(std::int64_t person_id, int limit) {
  auto& row = db_.prepare(
      "SELECT x.at, x.staff_id, s.display_name, x.what FROM access_log x JOIN staff s ON s.id = x.staff_id "
      "WHERE x.person_id = ? AND x.allowed = 0 ORDER BY x.id DESC LIMIT ?");
  return read_all(row.bind(person_id, limit), [](const auto& refused) {
    return RefusedAccess{refused.text(0), refused.integer(1), refused.text(2), refused.text(3)};
  });
}

template <Database Db>
Page<AccessRecord> AccessRecords<Db>::for_person(std::int64_t person_id, const PageRequest& page) {
  int limit = page_limit(page);
  std::int64_t before = cursor_after(page);  // newest first, as the journal
  // A person's own reads, then the lists that showed them: those written before migration 51 by
  // access_log_person, later ones by the stored list they name.
  auto& row = db_.prepare(
      "SELECT x.id, x.at, coalesce(x.staff_id, 0), coalesce(s.display_name, ''), x.what, x.allowed, "
      "x.person_id IS NULL, x.address, x.token, coalesce(x.person_account_id, 0) "
      "FROM access_log x LEFT JOIN staff s ON s.id = x.staff_id WHERE x.id IN ("
      "SELECT id FROM access_log WHERE person_id = ?1 AND (?2 = 0 OR id < ?2) "
      "UNION ALL SELECT access_id FROM access_log_person WHERE person_id = ?1 AND (?2 = 0 OR access_id < ?2) "
      "UNION ALL SELECT a.id FROM access_list_person l JOIN access_log a ON a.list_id = l.list_id "
      "WHERE l.person_id = ?1 AND (?2 = 0 OR a.id < ?2)) "
      "ORDER BY x.id DESC LIMIT ?3");
  row.bind(person_id, before, limit);
  Page<AccessRecord> result;
  while (row.step())
    result.items.push_back({row.integer(0), row.text(1), row.integer(2), row.text(3), row.integer(9), row.text(4),
                            row.integer(5) != 0, row.integer(6) != 0, row.text(7), row.text(8)});
  result.next_cursor = next_cursor(result.items.size(), limit, result.items.empty() ? 0 : result.items.back().id);
  return result;
}

template class Journal<sqlite::Connection>;
template class Journal<postgresql::Connection>;
template class AccessRecords<sqlite::Connection>;
template class AccessRecords<postgresql::Connection>;
template ChainCheck check_chain(sqlite::Connection&, std::string_view);
template ChainCheck check_chain(postgresql::Connection&, std::string_view);
template std::optional<std::string> chain_of(sqlite::Connection&, std::string_view, std::int64_t);
template std::optional<std::string> chain_of(postgresql::Connection&, std::string_view, std::int64_t);

}  // namespace resettle::store::shared
