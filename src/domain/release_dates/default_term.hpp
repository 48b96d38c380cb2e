#pragma once
// A default term for an unpaid fine, as the law limits and shortens it: no longer than the maximum the
// law allows for the amount (Sentencing Act 2020 s.129's table), and shortened in proportion when part
// of the fine is paid (Magistrates' Courts Act 1980 s.79(2)). Uncertain points: docs/decisions.md.
#include <span>

#include "domain/date.hpp"
#include "domain/release_dates/sentence_facts.hpp"

namespace resettle {

// The longest default term for a fine of up to `up_to_pence`; the last band has no upper bound.
struct DefaultTermBand {
  long long up_to_pence;
  Term maximum;
};
std::span<const DefaultTermBand> default_term_bands();
const Term& maximum_default_term(long long fine_pence);

// How a default term of `term` from `start` is served for a fine of `fine_pence` of which `paid_pence`
// has been paid since the term was fixed.
struct DefaultTermServed {
  int days = 0;              // the days to serve
  bool limited = false;      // the term given was longer than the law allows for the amount
  int days_off_paid = 0;     // taken off for the part paid
};
// Throws nothing; a payment of the whole fine or more is refused by check_booking before this is asked.
DefaultTermServed default_term_served(Date start, const Term& term, long long fine_pence, long long paid_pence);

}  // namespace resettle
