// Integrated offender management, for both stores: cohort flags, police co-workers and their contacts (see
// iom_repositories.hpp).
#include "store/shared/risk_sharing_repositories.hpp"

#include "store/postgresql/sql.hpp"
#include "store/shared/repositories.hpp"
#include "store/sqlite/sql.hpp"

namespace resettle::store::shared {

namespace {

constexpr std::string_view cohort_columns = "id, person_id, version, cohort, starts_on, ends_on, set_by, ended_by";
constexpr std::string_view coworker_columns = "id, person_id, version, staff_id, from_date, to_date, added_by, ended_by";

// A staff id stored as NULL until someone ends the record.
std::optional<std::int64_t> ended_by_column(std::int64_t ended_by) {
  if (ended_by == 0) return std::nullopt;
  return ended_by;
}

template <typename Db>
IomCohortFlag cohort_from(const StatementOf<Db>& row) {
  return {row.integer(0),
          row.integer(1),
          row.integer(2),
          stored_code<Db>(row, 3, iom_cohorts(), "iom_cohort"),
          row.date(4).value_or(Date{}),
          row.date(5),
          row.integer(6),
          row.optional_integer(7).value_or(0)};
}

template <typename Db>
IomCoworker coworker_from(const StatementOf<Db>& row) {
  return {row.integer(0),
          row.integer(1),
          row.integer(2),
          row.integer(3),
          row.date(4).value_or(Date{}),
          row.date(5),
          row.integer(6),
          row.optional_integer(7).value_or(0)};
}

}  // namespace

template <Database Db>
std::int64_t Iom<Db>::insert_cohort(const IomCohortFlag& f) {
  return inserted_id(
      db_.prepare("INSERT INTO iom_cohort (person_id, cohort, starts_on, ends_on, set_by, ended_by) "
                  "VALUES (?, ?, ?, ?, ?, ?) RETURNING id")
          .bind(f.person_id, entry_for(iom_cohorts(), f.cohort).code, f.starts_on, f.ends_on, f.set_by,
                ended_by_column(f.ended_by)));
}

template <Database Db>
std::vector<IomCohortFlag> Iom<Db>::cohorts_for(std::int64_t person_id) {
  return read_all(db_.prepare("SELECT " + std::string{cohort_columns} +
                              " FROM iom_cohort WHERE person_id = ? ORDER BY starts_on DESC, id DESC")
                      .bind(person_id),
                  cohort_from<Db>);
}

template <Database Db>
void Iom<Db>::update_cohort(const IomCohortFlag& f, std::int64_t expected_version) {
  auto& statement = db_.prepare(
      "UPDATE iom_cohort SET ends_on = ?, ended_by = ?, version = version + 1 WHERE id = ? AND version = ?");
  statement.bind(f.ends_on, ended_by_column(f.ended_by), f.id, expected_version);
  statement.run();
  require_changed(statement, "IOM cohort", f.id);
}

template <Database Db>
std::int64_t Iom<Db>::insert_coworker(const IomCoworker& c) {
  return inserted_id(
      db_.prepare("INSERT INTO iom_coworker (person_id, staff_id, from_date, to_date, added_by, ended_by) "
                  "VALUES (?, ?, ?, ?, ?, ?) RETURNING id")
          .bind(c.person_id, c.staff_id, c.from, c.to, c.added_by, ended_by_column(c.ended_by)));
}

template <Database Db>
std::optional<IomCoworker> Iom<Db>::find_coworker(std::int64_t id) {
  auto& row = db_.prepare("SELECT " + std::string{coworker_columns} + " FROM iom_coworker WHERE id = ?");
  row.bind(id);
  if (!row.step()) return std::nullopt;
  return coworker_from<Db>(row);
}

template <Database Db>
std::vector<IomCoworker> Iom<Db>::coworkers_for(std::int64_t person_id) {
  return read_all(db_.prepare("SELECT " + std::string{coworker_columns} +
                              " FROM iom_coworker WHERE person_id = ? ORDER BY from_date DESC, id DESC")
                      .bind(person_id),
                  coworker_from<Db>);
}

template <Database Db>
void Iom<Db>::update_coworker(const IomCoworker& c, std::int64_t expected_version) {
  auto& statement = db_.prepare(
      "UPDATE iom_coworker SET to_date = ?, ended_by = ?, version = version + 1 WHERE id = ? AND version = ?");
  statement.bind(c.to, ended_by_column(c.ended_by), c.id, expected_version);
  statement.run();
  require_changed(statement, "IOM co-worker", c.id);
}

template <Database Db>
std::vector<std::int64_t> Iom<Db>::named_cases(std::int64_t staff_id) {
  return read_all(
      db_.prepare(
             "SELECT DISTINCT person_id FROM iom_coworker WHERE staff_id = ? AND to_date IS NULL ORDER BY person_id")
          .bind(staff_id),
      [](const auto& row) { return row.integer(0); });
}

template <Database Db>
std::int64_t Iom<Db>::insert_contact(const IomContact& c) {
  return inserted_id(
      db_.prepare("INSERT INTO iom_contact (person_id, recorded_by, contact_on, summary, appointment_id) "
                  "VALUES (?, ?, ?, ?, ?) RETURNING id")
          .bind(c.person_id, c.recorded_by, c.contact_on, c.summary, c.appointment_id));
}

template <Database Db>
std::vector<IomContact> Iom<Db>::contacts_for(std::int64_t person_id) {
  auto& row = db_.prepare("SELECT id, person_id, recorded_by, contact_on, summary, appointment_id FROM iom_contact "
                          "WHERE person_id = ? ORDER BY contact_on DESC, id DESC");
  row.bind(person_id);
  std::vector<IomContact> contacts;
  while (row.step())
    contacts.push_back({row.integer(0), row.integer(1), row.integer(2), row.date(3).value_or(Date{}), row.text(4),
                        row.optional_integer(5)});
  return contacts;
}

template class Iom<sqlite::Connection>;
template class Iom<postgresql::Connection>;

}  // namespace resettle::store::shared
