#pragma once
// Day of release. A release due on a weekend or bank holiday happens on the last working day
// before it. A release on a Friday or the day before a bank holiday may be brought forward by up
// to 2 working days (Offenders (Day of Release from Detention) Act 2023), so that the person can
// reach housing, benefits and health services before they close.
#include <cstdint>
#include <optional>
#include <span>

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
};

ReleaseDayAdjustment adjust_release_day(Date release_date, const BankHolidays& holidays);

}  // namespace resettle
