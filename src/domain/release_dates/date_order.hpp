#pragma once
// Dates compared as one number each (year, month and day packed in the calendar's order), for the
// release-date calculation's hot paths: there year_month_day's own comparison, field by field, is often
// left a call, and the rule table and the merge of chains compare dates for every sentence and chain.
#include "domain/date.hpp"

namespace resettle {

constexpr int date_order(Date date) {
  return int(date.year()) * 512 + int(unsigned(date.month())) * 32 + int(unsigned(date.day()));
}
constexpr bool earlier(Date a, Date b) { return date_order(a) < date_order(b); }

}  // namespace resettle
