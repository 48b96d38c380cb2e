#pragma once
// Day of release, in three layers. (a) Statute: a release due on a Sunday or bank holiday (and a
// Saturday, for terms over 5 days) happens on the previous day that is none of these; an HDC
// eligibility date moves forward instead. (b) The Offenders (Day of Release from Detention) Act 2023
// allows up to 2 working days earlier for a Friday or pre-holiday release, to a working day not
// followed by a non-working day. (c) HMPPS policy presumes 1 day earlier (children 2) for those with
// 28+ days served, never for indeterminate sentences or Parole Board releases; a second day only on
// the COM's request, with who approved it.
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "domain/bank_holidays.hpp"
#include "domain/code_list.hpp"
#include "domain/date.hpp"

namespace resettle {

// Why the day of release is flagged; the label is the reason shown to people.
enum class ReleaseDayFlag : std::uint8_t { none, non_working_day, friday, before_bank_holiday };
std::span<const Coded<ReleaseDayFlag>> release_day_flags();

inline constexpr int release_day_bring_forward_working_days = 2;

struct ReleaseDayAdjustment {
  Date release_date{};  // as calculated
  Date due_date{};      // the release date, or the last working day before it when it is not one
  ReleaseDayFlag flag = ReleaseDayFlag::none;
  std::optional<Date> proposed_date;  // 2 working days before the due date, when flagged friday or before_bank_holiday
  bool bank_holidays_known = true;    // false when the bank-holiday list does not cover the release date

  // Layer (c): the policy presumption and the COM's request.
  std::optional<Date> presumed_date;      // one working day earlier (children: two), when the policy applies
  std::optional<Date> com_request_date;   // a second day, when the COM asked and it was approved
  std::string approved_by;                // who approved the COM's request
};

// Which way the statutory move goes: release dates move back, HDC eligibility forward.
enum class ReleaseDayDirection : std::uint8_t { release, home_detention_curfew };

// The facts the three layers turn on; the defaults are an adult determinate release of over 5 days.
struct ReleaseDayFacts {
  ReleaseDayDirection direction = ReleaseDayDirection::release;
  std::optional<int> term_days;     // unknown: taken as over 5 days
  std::optional<int> days_served;   // unknown: taken as 28 or more
  bool indeterminate = false;
  bool parole_board_release = false;
  bool child = false;
  // The COM's request for a second day and who approved it (empty: no approved request).
  std::string com_request_approved_by;
};

inline constexpr int release_day_policy_minimum_served_days = 28;
inline constexpr int release_day_saturday_release_term_days = 5;  // terms of 5 days or less may end on a Saturday

ReleaseDayAdjustment adjust_release_day(Date release_date, const BankHolidays& holidays, const ReleaseDayFacts& facts);
ReleaseDayAdjustment adjust_release_day(Date release_date, const BankHolidays& holidays);

}  // namespace resettle
