// Repeating appointments and reading them from a form (see appointment_series.hpp).
#include "domain/supervision/appointment_series.hpp"

#include <algorithm>
#include <array>

#include "domain/errors.hpp"

namespace resettle {

namespace {
// Stored and sent in JSON: codes may only be added to, never changed or removed; labels may change.
constexpr std::array<Coded<Repeat>, 3> repeat_table{{
    {Repeat::weekly, "weekly", "Every week"},
    {Repeat::fortnightly, "fortnightly", "Every 2 weeks"},
    {Repeat::monthly, "monthly", "Every month"},
}};

// The n-th day of the series, counting `first` as 0. Monthly counts from `first` every time, so one
// short month does not pull every later appointment back to its last day.
Date nth_occurrence(Repeat repeat, Date first, int n) {
  switch (repeat) {
    case Repeat::weekly: return add_days(first, 7 * n);
    case Repeat::fortnightly: return add_days(first, 14 * n);
    case Repeat::monthly: return add_months(first, n);
  }
  return first;
}

// The dates of a comma-separated list, sorted without repeats; fails `field` on the first item that
// is not an ISO date, and gives no dates then.
std::vector<Date> read_dates(FieldReader& reader, std::string_view field, const std::string& text) {
  std::vector<Date> dates;
  std::string_view rest{text};
  while (!rest.empty()) {
    auto comma = rest.find(',');
    auto item = trimmed(rest.substr(0, comma));
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    if (item.empty()) continue;  // "a, b," or "a,,b": a slip of the comma, not a bad date
    auto date = parse_iso_date(item);
    if (!date) {
      reader.fail(field, "must be dates written as YYYY-MM-DD and separated by commas: \"" + std::string{item} +
                             "\" is not a real date");
      return {};
    }
    dates.push_back(*date);
  }
  std::sort(dates.begin(), dates.end());
  dates.erase(std::unique(dates.begin(), dates.end()), dates.end());
  return dates;
}

// Fails "until" when the series would hold one appointment only, or run past 12 months.
void check_until(FieldReader& reader, Repeat repeat, Date first, Date until) {
  auto second = nth_occurrence(repeat, first, 1);
  auto latest = add_months(first, series_months_at_most);
  if (until < second)
    reader.fail("until", "must be on or after " + to_long_date(second) + ", the series' second appointment");
  else if (until > latest)
    reader.fail("until", "must be no later than " + to_long_date(latest) +
                             ": a series runs for 12 months at most, then book another after the plan's review");
}

// Fails "exceptions" on the first date that is the first appointment or not an appointment of the series.
void check_exceptions(FieldReader& reader, const AppointmentSeries& series) {
  auto days = occurrences(series.repeat, series.first, series.until);
  for (auto day : series.exceptions) {
    if (day == series.first) {
      reader.fail("exceptions", "must not include " + to_long_date(day) +
                                    ", the first appointment: change the first appointment's date instead");
      return;
    }
    if (!std::binary_search(days.begin(), days.end(), day)) {
      reader.fail("exceptions", "must be days the series falls on: " + to_long_date(day) + " is not one of them");
      return;
    }
  }
}
}  // namespace

std::span<const Coded<Repeat>> repeats() { return repeat_table; }

std::vector<Date> occurrences(Repeat repeat, Date first, Date until) {
  std::vector<Date> days;
  for (int n = 0;; ++n) {
    auto day = nth_occurrence(repeat, first, n);
    if (day > until) return days;
    days.push_back(day);
  }
}

std::vector<Date> expand(const AppointmentSeries& series) {
  auto days = occurrences(series.repeat, series.first, series.until);
  std::erase_if(days, [&](Date day) {
    return std::binary_search(series.exceptions.begin(), series.exceptions.end(), day);
  });
  return days;
}

AppointmentSeries read_appointment_series(const FieldInput& input, std::optional<Date> first) {
  FieldReader reader{input};
  AppointmentSeries series;
  auto repeat = reader.code("repeat", Need::required, repeats());
  auto until = reader.date("until", Need::required);
  // 53 weekly dates of 10 characters with ", " between them, and room to spare.
  auto listed = reader.text("exceptions", Need::optional, 1000);
  series.exceptions = read_dates(reader, "exceptions", listed);
  if (repeat) series.repeat = *repeat;
  if (until) series.until = *until;
  if (first) series.first = *first;
  if (repeat && until && first) check_until(reader, *repeat, *first, *until);
  if (repeat && until && first && !reader.failed("until")) check_exceptions(reader, series);
  reader.throw_if_failed();
  return series;
}

SeriesBooking read_series_booking(const FieldInput& input, AppointmentType type, Date today,
                                  std::span<const std::string> offices) {
  std::vector<FieldError> errors;
  SeriesBooking booking;
  try {
    booking.first = read_appointment(input, type, today, offices);
  } catch (const ValidationFailed& failure) {
    errors = failure.errors();
  }
  // The series is checked against the day given even when that day is refused (in the past, say), so
  // that one answer names every problem.
  FieldReader day_reader{input};
  auto first = day_reader.date("on", Need::optional);
  try {
    booking.series = read_appointment_series(input, first);
  } catch (const ValidationFailed& failure) {
    errors.insert(errors.end(), failure.errors().begin(), failure.errors().end());
  }
  if (!errors.empty()) throw ValidationFailed(errors);
  return booking;
}

}  // namespace resettle
