#pragma once
// England and Wales bank holidays as data: the release-day rule needs them, and they change
// by proclamation (one-off days, moved days), so they are never worked out in code.
#include <string_view>
#include <vector>

#include "domain/date.hpp"

namespace resettle {

class BankHolidays {
 public:
  BankHolidays() = default;
  // Days known to be bank holidays, and the span of years the list is complete for.
  BankHolidays(std::vector<Date> days, Date covers_from, Date covers_to);

  // Parses {"covers": {"from", "to"}, "events": [{"date": "YYYY-MM-DD", ...}, ...]}.
  // Throws ValidationFailed naming the bad field, e.g. "events[3].date".
  static BankHolidays from_json(std::string_view text);

  bool contains(Date day) const;
  // Whether the list is complete for this day: outside it, "not a bank holiday" is only a guess.
  bool covers(Date day) const;
  bool is_working_day(Date day) const;  // Monday to Friday and not a bank holiday
  std::size_t size() const { return days_.size(); }

 private:
  std::vector<Date> days_;  // sorted, no repeats
  Date covers_from_{};
  Date covers_to_{};
};

// The day `days` working days after `from` (before it, when negative); working days skip weekends
// and bank holidays, and `from` itself is never counted.
Date add_working_days(Date from, int days, const BankHolidays& holidays);

}  // namespace resettle
