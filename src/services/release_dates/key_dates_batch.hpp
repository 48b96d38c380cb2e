#pragma once
// The `resettle dates` use case: one JSON object per input line (the facts of one sentence) to one
// JSON line out (key dates, responsibility and handover, day of release). A bad line gets an error
// line naming each bad field, and the lines after it still run.
#include <iosfwd>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "domain/bank_holidays.hpp"

namespace resettle::services {

struct DatesBatchSummary {
  long lines = 0;   // non-blank input lines
  long failed = 0;  // lines answered with an error
};

// The answer for one case's facts or one booking (a JSON object, as one line of `resettle dates`
// holds), without a line number: {"responsibility": ..., "key_dates": {...}, ...}. Throws
// ValidationFailed naming each bad field (CannotCalculate, one of them, for a booking the law gives
// no calculation for).
nlohmann::json calculation(const nlohmann::json& object, const BankHolidays& holidays);

// The answer for one line: {"line": N, "responsibility": ..., "key_dates": {...}, ...}, or for bad
// input {"line": N, "errors": [{"field": "...", "message": "..."}, ...]}. Never throws for bad input.
nlohmann::json dates_for_line(std::string_view line, long line_number, const BankHolidays& holidays);

// Answers every non-blank line of `in` on `out`, one line each, in order.
DatesBatchSummary run_dates_batch(std::istream& in, std::ostream& out, const BankHolidays& holidays);

// Reads and parses the bank-holiday data file; throws std::runtime_error when it cannot be read
// and ValidationFailed when its content is wrong.
BankHolidays load_bank_holidays(const std::string& path);

}  // namespace resettle::services
