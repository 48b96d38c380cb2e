#pragma once
// Warnings while booking: a bank holiday or weekend, or a clash with the person's other appointments or work.
#include <chrono>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "domain/supervision/appointment.hpp"
#include "domain/bank_holidays.hpp"
#include "domain/clock_time.hpp"
#include "domain/code_list.hpp"
#include "domain/date.hpp"

namespace resettle {

// What a warning is about. Stored and sent in JSON: codes may only be added to; labels may change.
enum class BookingWarningKind : std::uint8_t {
  bank_holiday,
  weekend,
  bank_holidays_unknown,  // beyond the bank holiday list: the day may yet be one
  clashes_with_appointment,
  clashes_with_work,
};
std::span<const Coded<BookingWarningKind>> booking_warning_kinds();

// A warning, not an error: the booking may go ahead (an office may open on a Saturday).
struct BookingWarning {
  BookingWarningKind kind = BookingWarningKind::weekend;
  Date on{};
  std::string message;                     // plain English, naming the day and what it clashes with
  std::int64_t clashing_appointment_id = 0;  // clashes_with_appointment: the other appointment

  bool operator==(const BookingWarning&) const = default;
};

// When the person works each week: a shift starts and ends on the same day (a night shift is two).
struct WorkShift {
  std::chrono::weekday day;
  ClockTime starts_at{};
  ClockTime ends_at{};
};
struct WorkingWeek {
  std::vector<WorkShift> shifts;
};

// Warnings for `proposed`, in this order: the day (bank holiday, weekend, or bank holidays not known
// for it), then each of `others` on the same day whose times overlap it, earliest first, then each
// overlapping shift of `work`. Times overlap when one starts before the other ends: back to back is no
// clash. `others` holding `proposed` itself (same non-zero id, as when moving a booking) is skipped, and
// so is a cancelled one.
// Work clashes come in the pattern's order. Empty when nothing is wrong.
std::vector<BookingWarning> booking_warnings(const Appointment& proposed, std::span<const Appointment> others,
                                             const WorkingWeek& work, const BankHolidays& holidays);

// booking_warnings for `first` moved to each of `days` (a series' expand()), day by day in order.
std::vector<BookingWarning> series_warnings(const Appointment& first, std::span<const Date> days,
                                            std::span<const Appointment> others, const WorkingWeek& work,
                                            const BankHolidays& holidays);

}  // namespace resettle
