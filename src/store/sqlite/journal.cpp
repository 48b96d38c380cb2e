#include "store/sqlite/repositories.hpp"

namespace resettle::store::sqlite {

std::int64_t SqliteJournal::append(const NewEvent& event) {
  db_.prepare(
         "INSERT INTO event (actor_staff_id, person_id, kind, entity, entity_id, summary, reason, data) "
         "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
      .bind(event.actor_staff_id, event.person_id, event.kind, event.entity, event.entity_id, event.summary,
            event.reason, event.data.dump())
      .run();
  return db_.last_insert_id();
}

namespace {
constexpr std::string_view event_columns =
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
  auto& statement = db_.prepare(std::string{event_columns} +
                                "WHERE e.person_id = ? AND (? = 0 OR e.id < ?) ORDER BY e.id DESC LIMIT ?");
  statement.bind(person_id, before, before, limit);
  Page<Event> result;
  while (statement.step()) result.items.push_back(event_from(statement));
  result.next_cursor = next_cursor(result.items.size(), limit, result.items.empty() ? 0 : result.items.back().id);
  return result;
}

std::optional<Event> SqliteJournal::latest(std::int64_t person_id, const std::string& kind) {
  auto& statement =
      db_.prepare(std::string{event_columns} + "WHERE e.person_id = ? AND e.kind = ? ORDER BY e.id DESC LIMIT 1");
  statement.bind(person_id, kind);
  if (!statement.step()) return std::nullopt;
  return event_from(statement);
}

void SqliteAccessLog::record(std::int64_t staff_id, std::int64_t person_id, const std::string& what, bool allowed) {
  db_.prepare("INSERT INTO access_log (staff_id, person_id, what, allowed) VALUES (?, ?, ?, ?)")
      .bind(staff_id, person_id, what, allowed)
      .run();
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
