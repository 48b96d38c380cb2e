// Appointments, their series, outcomes, enforcement steps and calendar feeds in both stores (see
// supervision_repositories.hpp); times as "HH:MM" local time.
#include <nlohmann/json.hpp>

#include "store/postgresql/sql.hpp"
#include "store/shared/supervision_repositories.hpp"
#include "store/sqlite/sql.hpp"

namespace resettle::store::shared {

namespace {
constexpr std::string_view appointment_columns =
    "a.id, a.version, a.person_id, a.type, a.on_date, a.starts_at, a.ends_at, a.office_code, a.with_staff_id, "
    "a.booked_by, a.notes, a.series_id, a.cancelled_at, a.cancelled_by, a.cancelled_reason, a.joint_staff_id";
constexpr int appointment_column_count = 16;

template <typename Db>
ClockTime stored_time(const StatementOf<Db>& row, int column) {
  auto time = parse_clock_time(row.text_view(column));
  if (!time) throw typename Sql<Db>::Error("a time that is not HH:MM in the appointment table: '" + row.text(column) + "'");
  return *time;
}

// `first` is the column appointment_columns start at.
template <typename Db>
Appointment appointment_from(const StatementOf<Db>& row, int first = 0) {
  Appointment appointment;
  appointment.id = row.integer(first);
  appointment.version = row.integer(first + 1);
  appointment.person_id = row.integer(first + 2);
  appointment.type = stored_code<Db>(row, first + 3, appointment_types(), "appointment");
  appointment.on = row.date(first + 4).value_or(Date{});
  appointment.starts_at = stored_time<Db>(row, first + 5);
  appointment.ends_at = stored_time<Db>(row, first + 6);
  appointment.office_code = row.text(first + 7);
  appointment.with_staff_id = row.integer(first + 8);
  appointment.booked_by = row.integer(first + 9);
  appointment.notes = row.text(first + 10);
  appointment.series_id = row.optional_integer(first + 11);
  if (!row.is_null(first + 12))
    appointment.cancellation = Cancellation{row.text(first + 12), row.integer(first + 13), row.text(first + 14)};
  appointment.joint_with = row.optional_integer(first + 15);
  return appointment;
}

// The standing outcome of an appointment is its latest decision: the day of the person's last
// appointment whose standing outcome is attended (SQL, with the person's id at `person_id`), read
// backwards along the person's outcomes by day.
std::string last_attended_sql(std::string_view person_id) {
  return "(SELECT o.appointment_on FROM appointment_outcome o WHERE o.person_id = " + std::string{person_id} +
         " AND o.outcome = 'attended' AND NOT EXISTS (SELECT 1 FROM appointment_outcome later "
         "WHERE later.person_id = o.person_id AND later.appointment_on = o.appointment_on "
         "AND later.appointment_id = o.appointment_id AND later.id > o.id) ORDER BY o.appointment_on DESC LIMIT 1)";
}
}  // namespace

template <Database Db>
std::int64_t Appointments<Db>::insert(const Appointment& a) {
  return inserted_id(
      db_.prepare(
             "INSERT INTO appointment (person_id, type, on_date, starts_at, ends_at, office_code, with_staff_id, "
             "booked_by, notes, series_id, joint_staff_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")
          .bind(a.person_id, entry_for(appointment_types(), a.type).code, a.on, to_text(a.starts_at),
                to_text(a.ends_at), a.office_code, a.with_staff_id, a.booked_by, a.notes, a.series_id, a.joint_with));
}

// The person, the type, the series and the second worker never change.
template <Database Db>
void Appointments<Db>::update(const Appointment& a, std::int64_t expected_version) {
  static const std::string update_sql =
      "UPDATE appointment SET on_date = ?, starts_at = ?, ends_at = ?, office_code = ?, with_staff_id = ?, "
      "booked_by = ?, notes = ?, version = version + 1, updated_at = " + std::string{Sql<Db>::now} +
      " WHERE id = ? AND version = ?";
  auto& statement = db_.prepare(update_sql);
  statement.bind(a.on, to_text(a.starts_at), to_text(a.ends_at), a.office_code, a.with_staff_id, a.booked_by, a.notes,
                 a.id, expected_version);
  statement.run();
  require_changed(statement, "appointment", a.id);
}

template <Database Db>
void Appointments<Db>::cancel(std::int64_t id, const Cancellation& cancellation, std::int64_t expected_version) {
  static const std::string cancel_sql =
      "UPDATE appointment SET cancelled_at = ?, cancelled_by = ?, cancelled_reason = ?, version = version + 1, "
      "updated_at = " + std::string{Sql<Db>::now} + " WHERE id = ? AND version = ? AND cancelled_at IS NULL";
  auto& statement = db_.prepare(cancel_sql);
  statement.bind(cancellation.at, cancellation.by, cancellation.reason, id, expected_version);
  statement.run();
  require_changed(statement, "appointment", id);
}

template <Database Db>
std::optional<Appointment> Appointments<Db>::find(std::int64_t id) {
  auto& row = db_.prepare("SELECT " + std::string{appointment_columns} + " FROM appointment a WHERE a.id = ?");
  row.bind(id);
  if (!row.step()) return std::nullopt;
  return appointment_from<Db>(row);
}

template <Database Db>
std::optional<Appointment> Appointments<Db>::latest(std::int64_t person_id, AppointmentType type) {
  auto& row = db_.prepare("SELECT " + std::string{appointment_columns} +
                          " FROM appointment a WHERE a.person_id = ? AND a.type = ? ORDER BY a.id DESC LIMIT 1");
  row.bind(person_id, entry_for(appointment_types(), type).code);
  if (!row.step()) return std::nullopt;
  return appointment_from<Db>(row);
}

template <Database Db>
std::vector<Appointment> Appointments<Db>::for_person(std::int64_t person_id, Date from, Date to) {
  auto& statement = db_.prepare("SELECT " + std::string{appointment_columns} +
                                " FROM appointment a WHERE a.person_id = ? AND a.on_date BETWEEN ? AND ? "
                                "ORDER BY a.on_date, a.starts_at, a.id");
  statement.bind(person_id, from, to);
  return read_all(statement, [](const auto& row) { return appointment_from<Db>(row); });
}

template <Database Db>
std::vector<DiaryEntry> Appointments<Db>::diary(std::int64_t staff_id, Date from, Date to) {
  auto& row = db_.prepare("SELECT " + std::string{appointment_columns} +
                          ", p.given_name, p.family_name, p.crn FROM appointment a JOIN person p ON p.id = a.person_id "
                          // The day range in each branch, so each worker's index is searched by day.
                          "WHERE (a.with_staff_id = ?1 AND a.on_date BETWEEN ?2 AND ?3) "
                          "OR (a.joint_staff_id = ?1 AND a.on_date BETWEEN ?2 AND ?3) ORDER BY a.on_date, a.starts_at, a.id");
  row.bind(staff_id, from, to);
  std::vector<DiaryEntry> entries;
  while (row.step())
    entries.push_back({appointment_from<Db>(row), row.text(appointment_column_count), row.text(appointment_column_count + 1),
                       row.text(appointment_column_count + 2)});
  return entries;
}

template <Database Db>
std::int64_t Appointments<Db>::insert_series(std::int64_t person_id, const AppointmentSeries& series,
                                             std::int64_t booked_by) {
  auto exceptions = nlohmann::json::array();
  for (const auto& day : series.exceptions) exceptions.push_back(to_iso(day));
  return inserted_id(
      db_.prepare("INSERT INTO appointment_series (person_id, repeat, first_on, until, exceptions, booked_by) "
                  "VALUES (?, ?, ?, ?, ?, ?) RETURNING id")
          .bind(person_id, entry_for(repeats(), series.repeat).code, series.first, series.until, exceptions.dump(),
                booked_by));
}

// The notice keeps the appointment's version as it was sent: a later change to the appointment is
// the officer acting on it (open_absence_notices).
template <Database Db>
std::int64_t Appointments<Db>::add_absence_notice(const AbsenceNotice& notice) {
  return inserted_id(
      db_.prepare("INSERT INTO absence_notice (appointment_id, person_id, reason, sent_at, appointment_version) "
                  "VALUES (?, ?, ?, ?, (SELECT version FROM appointment WHERE id = ?)) RETURNING id")
          .bind(notice.appointment_id, notice.person_id, notice.reason,
                static_cast<std::int64_t>(notice.sent_at.time_since_epoch().count()), notice.appointment_id));
}

template <Database Db>
std::vector<AbsenceNotice> Appointments<Db>::absence_notices(std::int64_t person_id) {
  auto& rows = db_.prepare(
      "SELECT id, appointment_id, person_id, reason, sent_at FROM absence_notice WHERE person_id = ? ORDER BY id DESC");
  rows.bind(person_id);
  std::vector<AbsenceNotice> notices;
  while (rows.step())
    notices.push_back({rows.integer(0), rows.integer(1), rows.integer(2), rows.text(3),
                       Timestamp{std::chrono::seconds{rows.integer(4)}}});
  return notices;
}

template <Database Db>
std::vector<OpenAbsenceNotice> Appointments<Db>::open_absence_notices(std::int64_t staff_id) {
  // Notices sent before migration 36 have no version: only a cancellation or an outcome closes them.
  auto& row = db_.prepare(
      "SELECT n.id, n.appointment_id, n.person_id, n.reason, n.sent_at, " + std::string{appointment_columns} +
      ", p.given_name, p.family_name, p.crn FROM absence_notice n JOIN appointment a ON a.id = n.appointment_id "
      "JOIN person p ON p.id = a.person_id WHERE a.with_staff_id = ? AND a.cancelled_at IS NULL "
      "AND a.version = coalesce(n.appointment_version, a.version) "
      "AND NOT EXISTS (SELECT 1 FROM appointment_outcome o WHERE o.appointment_id = a.id) "
      "ORDER BY a.on_date, a.starts_at, n.id");
  row.bind(staff_id);
  constexpr int notice_columns = 5;
  std::vector<OpenAbsenceNotice> open;
  while (row.step()) {
    AbsenceNotice notice{row.integer(0), row.integer(1), row.integer(2), row.text(3),
                         Timestamp{std::chrono::seconds{row.integer(4)}}};
    constexpr int name = notice_columns + appointment_column_count;
    open.push_back({std::move(notice), {appointment_from<Db>(row, notice_columns), row.text(name), row.text(name + 1),
                                        row.text(name + 2)}});
  }
  return open;
}

template <Database Db>
std::int64_t AppointmentOutcomes<Db>::insert(std::int64_t person_id, const OutcomeDecision& d) {
  return inserted_id(
      db_.prepare("INSERT INTO appointment_outcome (appointment_id, person_id, appointment_on, outcome, reason, "
                  "decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id")
          .bind(d.appointment_id, person_id, d.appointment_on, entry_for(appointment_outcomes(), d.outcome).code,
                d.reason, d.decided_by, d.decided_at));
}

template <Database Db>
std::vector<OutcomeDecision> AppointmentOutcomes<Db>::for_person(std::int64_t person_id, Date from) {
  auto& row = db_.prepare(
      "SELECT id, appointment_id, appointment_on, outcome, reason, decided_by, decided_at FROM appointment_outcome "
      "WHERE person_id = ? AND appointment_on >= ? ORDER BY id");
  row.bind(person_id, from);
  std::vector<OutcomeDecision> decisions;
  while (row.step())
    decisions.push_back({row.integer(0), row.integer(1), row.date(2).value_or(Date{}),
                         stored_code<Db>(row, 3, appointment_outcomes(), "appointment_outcome"), row.text(4), row.integer(5),
                         row.text(6)});
  return decisions;
}

// A nightly scan of the recent outcomes: the job runs once a day, and only outcomes of the last month
// can still be waiting.
template <Database Db>
std::vector<std::int64_t> AppointmentOutcomes<Db>::people_awaiting_evidence(Date from) {
  return read_all(db_.prepare("SELECT DISTINCT person_id FROM appointment_outcome "
                              "WHERE outcome = 'absence_awaiting_evidence' AND appointment_on >= ? ORDER BY person_id")
                      .bind(from),
                  [](const auto& row) { return row.integer(0); });
}

template <Database Db>
std::optional<Date> AppointmentOutcomes<Db>::last_attended(std::int64_t person_id) {
  auto& row = db_.prepare("SELECT " + last_attended_sql("?"));
  row.bind(person_id);
  if (!row.step()) return std::nullopt;
  return row.date(0);
}

template <Database Db>
std::int64_t Enforcement<Db>::insert(const EnforcementAction& a) {
  return inserted_id(
      db_.prepare("INSERT INTO enforcement_action (person_id, appointment_id, step, failures, decided_by, decided_at, "
                  "message_id) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id")
          .bind(a.person_id, a.appointment_id, entry_for(enforcement_steps(), a.step).code, a.failures, a.decided_by,
                a.decided_at, a.message_id));
}

template <Database Db>
std::vector<EnforcementAction> Enforcement<Db>::for_person(std::int64_t person_id) {
  auto& row = db_.prepare(
      "SELECT id, person_id, appointment_id, step, failures, decided_by, decided_at, message_id FROM enforcement_action "
      "WHERE person_id = ? ORDER BY id DESC");
  row.bind(person_id);
  std::vector<EnforcementAction> actions;
  while (row.step())
    actions.push_back({row.integer(0), row.integer(1), row.integer(2),
                       stored_code<Db>(row, 3, enforcement_steps(), "enforcement_action"), static_cast<int>(row.integer(4)),
                       row.integer(5), row.text(6), row.optional_integer(7)});
  return actions;
}

// --- Calendar feeds ------------------------------------------------------------------------------

namespace {
constexpr std::string_view feed_columns =
    "SELECT id, staff_id, person_id, created_by, created_at, revoked_by, revoked_at FROM calendar_feed WHERE ";

template <typename Statement>
std::optional<CalendarFeed> feed_from(Statement& row) {
  if (!row.step()) return std::nullopt;
  return CalendarFeed{row.integer(0),    row.optional_integer(1), row.optional_integer(2), row.integer(3),
                      row.text(4),       row.optional_integer(5), row.text(6)};
}
}  // namespace

template <Database Db>
std::int64_t CalendarFeeds<Db>::insert(const std::string& token_hash, const CalendarFeed& feed) {
  return inserted_id(
      db_.prepare("INSERT INTO calendar_feed (token_hash, staff_id, person_id, created_by, created_at) "
                  "VALUES (?, ?, ?, ?, ?) RETURNING id")
          .bind(token_hash, feed.staff_id, feed.person_id, feed.created_by, feed.created_at));
}

template <Database Db>
std::optional<CalendarFeed> CalendarFeeds<Db>::find(std::int64_t id) {
  return feed_from(db_.prepare(std::string{feed_columns} + "id = ?").bind(id));
}

template <Database Db>
std::optional<CalendarFeed> CalendarFeeds<Db>::find_current(const std::string& token_hash) {
  return feed_from(db_.prepare(std::string{feed_columns} + "token_hash = ? AND revoked_at IS NULL").bind(token_hash));
}

template <Database Db>
std::optional<CalendarFeed> CalendarFeeds<Db>::current_for_staff(std::int64_t staff_id) {
  return feed_from(db_.prepare(std::string{feed_columns} + "staff_id = ? AND revoked_at IS NULL").bind(staff_id));
}

template <Database Db>
std::optional<CalendarFeed> CalendarFeeds<Db>::current_for_person(std::int64_t person_id) {
  return feed_from(db_.prepare(std::string{feed_columns} + "person_id = ? AND revoked_at IS NULL").bind(person_id));
}

template <Database Db>
bool CalendarFeeds<Db>::revoke(std::int64_t id, std::int64_t by, const std::string& at) {
  auto& statement =
      db_.prepare("UPDATE calendar_feed SET revoked_by = ?, revoked_at = ? WHERE id = ? AND revoked_at IS NULL");
  statement.bind(by, at, id).run();
  return statement.changes() > 0;
}

template class Appointments<sqlite::Connection>;
template class Appointments<postgresql::Connection>;
template class AppointmentOutcomes<sqlite::Connection>;
template class AppointmentOutcomes<postgresql::Connection>;
template class Enforcement<sqlite::Connection>;
template class Enforcement<postgresql::Connection>;
template class CalendarFeeds<sqlite::Connection>;
template class CalendarFeeds<postgresql::Connection>;

}  // namespace resettle::store::shared
