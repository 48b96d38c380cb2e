// The limited-access repository of both stores (see repositories.hpp).
#include "store/postgresql/sql.hpp"
#include "store/shared/repositories.hpp"
#include "store/sqlite/sql.hpp"

namespace resettle::store::shared {

template <Database Db>
std::int64_t LimitedAccess<Db>::add(std::int64_t person_id, const NewAccessEntry& entry, std::int64_t added_by) {
  auto& statement = db_.prepare(
      "INSERT INTO limited_access (person_id, staff_id, list, reason, added_by) VALUES (?, ?, ?, ?, ?) RETURNING id");
  statement.bind(person_id, entry.staff_id, entry_for(access_lists(), entry.list).code, entry.reason, added_by);
  return inserted_id(statement);
}

template <Database Db>
EndedEntry LimitedAccess<Db>::end(std::int64_t person_id, std::int64_t entry_id, std::int64_t removed_by) {
  static const std::string sql = "UPDATE limited_access SET removed_by = ?, removed_at = " +
                                 std::string{Sql<Db>::now} + " WHERE id = ? AND person_id = ? AND removed_at IS NULL";
  auto& statement = db_.prepare(sql);
  statement.bind(removed_by, entry_id, person_id).run();
  if (statement.changes() == 1) return EndedEntry::ended;
  auto& stored = db_.prepare("SELECT 1 FROM limited_access WHERE id = ? AND person_id = ?");
  stored.bind(entry_id, person_id);
  bool exists = stored.step();
  stored.bind(std::int64_t{0});  // ends the read
  return exists ? EndedEntry::already_ended : EndedEntry::no_such_entry;
}

template <Database Db>
std::vector<LimitedAccessEntry> LimitedAccess<Db>::current_for_person(std::int64_t person_id) {
  auto& row = db_.prepare(
      "SELECT l.id, l.person_id, l.staff_id, s.username, s.display_name, l.list, l.reason, l.added_by, a.display_name, l.added_at "
      "FROM limited_access l JOIN staff s ON s.id = l.staff_id JOIN staff a ON a.id = l.added_by "
      "WHERE l.person_id = ? AND l.removed_at IS NULL ORDER BY l.id");
  row.bind(person_id);
  std::vector<LimitedAccessEntry> entries;
  while (row.step())
    entries.push_back({row.integer(0), row.integer(1), row.integer(2), row.text(3), row.text(4),
                       parse_code(access_lists(), row.text_view(5)).value_or(AccessList::exclusion), row.text(6),
                       row.integer(7), row.text(8), row.text(9)});
  return entries;
}

template class LimitedAccess<sqlite::Connection>;
template class LimitedAccess<postgresql::Connection>;

}  // namespace resettle::store::shared
