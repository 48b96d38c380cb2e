#pragma once
// Repeating appointments: weekly, fortnightly or monthly from the first to an end date, with dates left out.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "domain/supervision/appointment.hpp"
#include "domain/code_list.hpp"
#include "domain/date.hpp"
#include "domain/field_input.hpp"

namespace resettle {

// How often a series repeats. Stored and sent in JSON: codes may only be added to; labels may change.
enum class Repeat : std::uint8_t { weekly, fortnightly, monthly };
std::span<const Coded<Repeat>> repeats();

// A series ends at most 12 calendar months after its first appointment, however often it repeats: a
// supervision plan is reviewed within that, and the bank holidays are only known about a year ahead.
// (A cap of 52 appointments would let a monthly series run for over 4 years.)
inline constexpr int series_months_at_most = 12;

struct AppointmentSeries {
  Repeat repeat = Repeat::weekly;
  Date first{};                  // the first appointment's day
  Date until{};                  // no appointment after this day; it need not be one itself
  std::vector<Date> exceptions;  // appointments left out: sorted, no repeats, each an occurrence but the first

  bool operator==(const AppointmentSeries&) const = default;
};

// The days of the series before exceptions, earliest first: `first`, then every 7 or 14 days, or
// monthly on the first appointment's day of the month (clamped to a shorter month's last day, and
// counted from `first` each time, so 31 January gives 28 February then 31 March). Empty when `until`
// is before `first`.
std::vector<Date> occurrences(Repeat repeat, Date first, Date until);

// The days of the series' appointments: its occurrences less its exceptions, earliest first.
std::vector<Date> expand(const AppointmentSeries& series);

// Reads repeat (a code of repeats()), until (a date: required, from the series' second occurrence to
// 12 months after `first`) and exceptions (optional: ISO dates separated by commas, each an
// occurrence other than the first) for a series starting on `first`. With `first` unknown (the
// booking's own date was bad), until and exceptions are read but not checked against it. Throws
// ValidationFailed naming every bad field, in the order repeat, until, exceptions.
AppointmentSeries read_appointment_series(const FieldInput& input, std::optional<Date> first);

// A repeating booking read whole: the first appointment (read_appointment's fields) and the series
// (read_appointment_series's fields, starting on the appointment's day).
struct SeriesBooking {
  Appointment first;
  AppointmentSeries series;
};

// Reads both; throws one ValidationFailed naming every bad field of either, the appointment's first.
SeriesBooking read_series_booking(const FieldInput& input, AppointmentType type, Date today,
                                  std::span<const std::string> offices);

}  // namespace resettle
