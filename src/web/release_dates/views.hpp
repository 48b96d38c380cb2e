#pragma once
// How a booking's key dates are shown on pages (the person page and the booking page).
#include "domain/release_dates/release_dates.hpp"
#include "web/http/view.hpp"

namespace resettle::web {

// A summary list row per key date: { key, value ("5 February 2027"), detail, supplied }; the detail of
// a worked-out date explains it (rule, regime and why, commencement, adjustments).
View key_date_rows(const BookingKeyDates& calculation);

}  // namespace resettle::web
