// Appointments and the induction's rules (see appointment.hpp).
#include "domain/supervision/appointment.hpp"

#include <algorithm>
#include <array>

#include "domain/errors.hpp"

namespace resettle {

namespace {
// Stored and sent in JSON: codes may only be added to, never changed or removed; labels may change.
constexpr std::array<Coded<AppointmentType>, 6> type_table{{
    {AppointmentType::induction, "induction", "Induction"},
    {AppointmentType::supervision, "supervision", "Supervision"},
    {AppointmentType::home_visit, "home_visit", "Home visit"},
    {AppointmentType::programme_session, "programme_session", "Programme session"},
    {AppointmentType::partner_appointment, "partner_appointment", "Partner appointment"},
    {AppointmentType::drug_test, "drug_test", "Drug test"},
}};

std::optional<ClockTime> read_time(FieldReader& reader, std::string_view field) {
  auto text = reader.text(field, Need::required, 5);
  if (text.empty()) return std::nullopt;
  auto time = parse_clock_time(text);
  if (!time) reader.fail(field, "must be a time on the 24-hour clock from 00:00 to 23:59, like 10:30");
  return time;
}
}  // namespace

std::span<const Coded<AppointmentType>> appointment_types() { return type_table; }

Appointment read_appointment(const FieldInput& input, AppointmentType type, Date today,
                             std::span<const std::string> offices) {
  FieldReader reader{input};
  Appointment appointment;
  appointment.type = type;
  if (auto on = reader.date("on", Need::required)) {
    appointment.on = *on;
    if (*on < today) reader.fail("on", "must be today or later: a booking is for an appointment still to come");
  }
  auto starts = read_time(reader, "starts_at");
  auto ends = read_time(reader, "ends_at");
  if (starts) appointment.starts_at = *starts;
  if (ends) appointment.ends_at = *ends;
  if (starts && ends && *ends <= *starts)
    reader.fail("ends_at", "must be after the start time (" + to_text(*starts) + ")");
  appointment.office_code = reader.text("office_code", Need::required, 20);
  if (!appointment.office_code.empty() && std::find(offices.begin(), offices.end(), appointment.office_code) == offices.end())
    reader.fail("office_code", "must be one of the probation offices listed");
  appointment.notes = reader.text("notes", Need::optional, 500);
  reader.throw_if_failed();
  return appointment;
}

bool may_book_appointments(Role role) { return role == Role::com || role == Role::manager; }

InductionWindow induction_window(Date day_of_release, const BankHolidays& holidays) {
  return {day_of_release, add_working_days(day_of_release, 1, holidays)};
}

void require_in_induction_window(const Appointment& induction, Date day_of_release, const BankHolidays& holidays) {
  auto window = induction_window(day_of_release, holidays);
  if (induction.on < window.first || induction.on > window.last)
    throw ValidationFailed("on", "must be on the day of release (" + to_long_date(window.first) +
                                     ") or the next working day (" + to_long_date(window.last) + ")");
}

}  // namespace resettle
