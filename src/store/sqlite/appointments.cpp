// Appointments in SQLite: one row each, times as "HH:MM" local time.
#include "store/sqlite/appointments.hpp"

namespace resettle::store::sqlite {

namespace {
ClockTime stored_time(const Statement& row, int column) {
  auto time = parse_clock_time(row.text_view(column));
  if (!time) throw DatabaseError("a time that is not HH:MM in the appointment table: '" + row.text(column) + "'");
  return *time;
}
}  // namespace

std::int64_t SqliteAppointments::insert(const Appointment& a) {
  db_.prepare(
         "INSERT INTO appointment (person_id, type, on_date, starts_at, ends_at, office_code, with_staff_id, booked_by, "
         "notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .bind(a.person_id, entry_for(appointment_types(), a.type).code, a.on, to_text(a.starts_at), to_text(a.ends_at),
            a.office_code, a.with_staff_id, a.booked_by, a.notes)
      .run();
  return db_.last_insert_id();
}

// The person and the type never change.
void SqliteAppointments::update(const Appointment& a, std::int64_t expected_version) {
  auto& statement = db_.prepare(
      "UPDATE appointment SET on_date = ?, starts_at = ?, ends_at = ?, office_code = ?, with_staff_id = ?, "
      "booked_by = ?, notes = ?, version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') "
      "WHERE id = ? AND version = ?");
  statement.bind(a.on, to_text(a.starts_at), to_text(a.ends_at), a.office_code, a.with_staff_id, a.booked_by, a.notes,
                 a.id, expected_version);
  statement.run();
  require_changed(statement, "appointment", a.id);
}

std::optional<Appointment> SqliteAppointments::latest(std::int64_t person_id, AppointmentType type) {
  auto& row = db_.prepare(
      "SELECT id, version, on_date, starts_at, ends_at, office_code, with_staff_id, booked_by, notes FROM appointment "
      "WHERE person_id = ? AND type = ? ORDER BY id DESC LIMIT 1");
  row.bind(person_id, entry_for(appointment_types(), type).code);
  if (!row.step()) return std::nullopt;
  Appointment appointment;
  appointment.id = row.integer(0);
  appointment.version = row.integer(1);
  appointment.person_id = person_id;
  appointment.type = type;
  appointment.on = row.date(2).value_or(Date{});
  appointment.starts_at = stored_time(row, 3);
  appointment.ends_at = stored_time(row, 4);
  appointment.office_code = row.text(5);
  appointment.with_staff_id = row.integer(6);
  appointment.booked_by = row.integer(7);
  appointment.notes = row.text(8);
  return appointment;
}

}  // namespace resettle::store::sqlite
