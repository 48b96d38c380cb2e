// The SQLite event journal and access log (see repositories.hpp).
#include "store/sqlite/repositories.hpp"

namespace resettle::store::sqlite {

namespace {

// The next row of a chained table: its id, the time, and the chain of the row before ('' for the first).
std::string next_link(std::string_view table) {
  std::string t{table};
  return "SELECT coalesce(max(id), 0) + 1 AS id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at, "
         "coalesce((SELECT chain FROM " + t + " ORDER BY id DESC LIMIT 1), '') AS prev FROM " + t;
}

// What each row's chain hashes, after the chain of the row before: JSON keeps the columns apart.
// The chaining migration spells the same lists out; `resettle verify` fails if they ever differ.
constexpr std::string_view event_columns = "id, at, actor_staff_id, person_id, kind, entity, entity_id, summary, reason, data";
// A person's own read has no staff_id: their account takes its place as text (as append writes it), so
// a staff row hashes exactly as it did before migration 43 and the chains written then still verify.
constexpr std::string_view access_columns =
    "id, at, coalesce(staff_id, 'person_account:' || person_account_id), person_id, what, allowed, address, token, people";

std::string_view chained_columns(std::string_view table) {
  if (table == "event") return event_columns;
  if (table == "access_log") return access_columns;
  throw DatabaseError("no hash chain on table " + std::string{table});
}

}  // namespace

std::int64_t SqliteJournal::append(const NewEvent& event) {
  db_.prepare(
         "INSERT INTO event (id, at, actor_staff_id, person_id, kind, entity, entity_id, summary, reason, data, chain) "
         "SELECT n.id, n.at, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
         "sha256(json_array(n.prev, n.id, n.at, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)) FROM (" + next_link("event") + ") n")
      .bind(event.actor_staff_id, event.person_id, event.kind, event.entity, event.entity_id, event.summary,
            event.reason, event.data.dump())
      .run();
  return db_.last_insert_id();
}

ChainCheck check_chain(Connection& db, std::string_view table) {
  std::string columns{chained_columns(table)};
  auto& row = db.prepare("SELECT id, chain, chain IS NOT NULL AND chain = sha256(json_array(lag(chain, 1, '') OVER (ORDER BY id), " +
                         columns + ")) FROM " + std::string{table} + " ORDER BY id");
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

std::optional<std::string> chain_of(Connection& db, std::string_view table, std::int64_t id) {
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

Event event_from(const Statement& row) {
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
  event.data = nlohmann::json::parse(row.text(10));
  return event;
}
}  // namespace

Page<Event> SqliteJournal::for_person(std::int64_t person_id, const PageRequest& page) {
  int limit = page_limit(page);
  std::int64_t before = cursor_after(page);  // newest first: the cursor is the last (smallest) id seen
  auto& statement = db_.prepare(std::string{event_select} +
                                "WHERE e.person_id = ? AND (? = 0 OR e.id < ?) ORDER BY e.id DESC LIMIT ?");
  statement.bind(person_id, before, before, limit);
  Page<Event> result;
  while (statement.step()) result.items.push_back(event_from(statement));
  result.next_cursor = next_cursor(result.items.size(), limit, result.items.empty() ? 0 : result.items.back().id);
  return result;
}

std::optional<Event> SqliteJournal::latest(std::int64_t person_id, const std::string& kind) {
  auto& statement =
      db_.prepare(std::string{event_select} + "WHERE e.person_id = ? AND e.kind = ? ORDER BY e.id DESC LIMIT 1");
  statement.bind(person_id, kind);
  if (!statement.step()) return std::nullopt;
  return event_from(statement);
}

void SqliteAccessLog::record(std::int64_t staff_id, std::int64_t person_id, const std::string& what, bool allowed) {
  append(staff_id, person_id, what, allowed, "[]");
}

void SqliteAccessLog::record_list(std::int64_t staff_id, const std::string& what,
                                  const std::vector<std::int64_t>& person_ids) {
  if (person_ids.empty()) return;
  auto people = nlohmann::json(person_ids).dump();
  auto id = append(staff_id, std::nullopt, what, true, people);
  db_.prepare("INSERT INTO access_log_person (access_id, person_id) SELECT ?, value FROM json_each(?)")
      .bind(id, people)
      .run();
}

void SqliteAccessLog::record_own_read(std::int64_t person_account_id, std::int64_t person_id, const std::string& what) {
  append(std::nullopt, person_id, what, true, "[]", person_account_id);
}

std::int64_t SqliteAccessLog::append(std::optional<std::int64_t> staff_id, std::optional<std::int64_t> person_id,
                                     const std::string& what, bool allowed, const std::string& people,
                                     std::optional<std::int64_t> person_account_id) {
  const auto& origin = OriginScope::current();
  db_.prepare("INSERT INTO access_log (id, at, staff_id, person_id, what, allowed, address, token, people, person_account_id, chain) "
              "SELECT n.id, n.at, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
              "sha256(json_array(n.prev, n.id, n.at, coalesce(?1, 'person_account:' || ?8), ?2, ?3, ?4, ?5, ?6, ?7)) FROM (" +
              next_link("access_log") + ") n")
      .bind(staff_id, person_id, what, allowed, origin.address, origin.token, people, person_account_id)
      .run();
  return db_.last_insert_id();
}

std::int64_t SqliteAccessLog::count_for_person(std::int64_t person_id) {
  auto& statement = db_.prepare("SELECT count(*) FROM access_log WHERE person_id = ?");
  statement.bind(person_id);
  statement.step();
  return statement.integer(0);
}

std::vector<RefusedAccess> SqliteAccessLog::refused_for_person(std::int64_t person_id, int limit) {
  auto& row = db_.prepare(
      "SELECT x.at, x.staff_id, s.display_name, x.what FROM access_log x JOIN staff s ON s.id = x.staff_id "
      "WHERE x.person_id = ? AND x.allowed = 0 ORDER BY x.id DESC LIMIT ?");
  row.bind(person_id, limit);
  std::vector<RefusedAccess> refused;
  while (row.step()) refused.push_back({row.text(0), row.integer(1), row.text(2), row.text(3)});
  return refused;
}

}  // namespace resettle::store::sqlite

namespace resettle::store::sqlite {

Page<AccessRecord> SqliteAccessLog::for_person(std::int64_t person_id, const PageRequest& page) {
  int limit = page_limit(page);
  std::int64_t before = cursor_after(page);  // newest first, as the journal
  auto& row = db_.prepare(
      "SELECT x.id, x.at, coalesce(x.staff_id, 0), coalesce(s.display_name, ''), x.what, x.allowed, x.person_id IS NULL, "
      "x.address, x.token, coalesce(x.person_account_id, 0) "
      "FROM access_log x LEFT JOIN staff s ON s.id = x.staff_id WHERE x.id IN ("
      "SELECT id FROM access_log WHERE person_id = ?1 AND (?2 = 0 OR id < ?2) "
      "UNION ALL SELECT access_id FROM access_log_person WHERE person_id = ?1 AND (?2 = 0 OR access_id < ?2)) "
      "ORDER BY x.id DESC LIMIT ?3");
  row.bind(person_id, before, limit);
  Page<AccessRecord> result;
  while (row.step())
    result.items.push_back({row.integer(0), row.text(1), row.integer(2), row.text(3), row.integer(9), row.text(4),
                            row.integer(5) != 0, row.integer(6) != 0, row.text(7), row.text(8)});
  result.next_cursor = next_cursor(result.items.size(), limit, result.items.empty() ? 0 : result.items.back().id);
  return result;
}

}  // namespace resettle::store::sqlite
