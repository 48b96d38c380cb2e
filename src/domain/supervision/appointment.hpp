#pragma once
// Appointments with the person: what kind, on which day and between which times (local time in
// England and Wales), at which probation office and with whom. The first is the induction, which
// the COM books before release so that the person leaves prison knowing where to go.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "domain/bank_holidays.hpp"
#include "domain/clock_time.hpp"
#include "domain/code_list.hpp"
#include "domain/date.hpp"
#include "domain/field_input.hpp"
#include "domain/staff/role.hpp"

namespace resettle {

// Stored and sent in JSON: codes may only be added to.
enum class AppointmentType { induction, supervision, home_visit, programme_session, partner_appointment, drug_test };
std::span<const Coded<AppointmentType>> appointment_types();

// An appointment called off. It stays on the record, with who called it off, when and why.
struct Cancellation {
  std::string at;  // UTC, ISO 8601
  std::int64_t by = 0;
  std::string reason;  // for staff: never sent to the person, whom it could reveal something about

  bool operator==(const Cancellation&) const = default;
};

struct Appointment {
  std::int64_t id = 0;
  std::int64_t person_id = 0;
  std::int64_t version = 0;  // the record's version for If-Match
  AppointmentType type = AppointmentType::supervision;
  Date on{};
  ClockTime starts_at{};
  ClockTime ends_at{};
  std::string office_code;         // the probation delivery unit whose office it is at
  std::int64_t with_staff_id = 0;  // the officer the person sees
  // A joint home visit's second worker: the IOM police officer named on the case (iom.hpp). The
  // diary of each worker shows it; the outcome stays the officer's (with_staff_id) to record.
  std::optional<std::int64_t> joint_with;
  std::int64_t booked_by = 0;
  std::string notes;  // what the person should bring or know; shown to them
  std::optional<std::int64_t> series_id;  // the repeating series it was booked in, if any
  std::optional<Cancellation> cancellation;  // set once, never undone (appointment_change.hpp)

  bool cancelled() const { return cancellation.has_value(); }
  bool operator==(const Appointment&) const = default;
};

// Reads on (a date, not before `today`), starts_at and ends_at (HH:MM, the end after the start),
// office_code (one of `offices`) and notes (optional) into an appointment of `type`. Throws
// ValidationFailed naming every bad field.
Appointment read_appointment(const FieldInput& input, AppointmentType type, Date today,
                             std::span<const std::string> offices);

// The COM books appointments, the induction first (a manager may stand in), and records what
// happened at each; anyone else who may see the person reads them.
bool may_book_appointments(Role role);

// --- The induction ----------------------------------------------------------------------------

// The induction is on the day of release or the next working day, so that the licence is gone
// through while it is new and the person is not left without contact over a weekend.
struct InductionWindow {
  Date first{};  // the day of release
  Date last{};   // the next working day after it
};
InductionWindow induction_window(Date day_of_release, const BankHolidays& holidays);

// ValidationFailed on "on" when the induction falls outside its window, naming both days.
void require_in_induction_window(const Appointment& induction, Date day_of_release, const BankHolidays& holidays);

}  // namespace resettle
