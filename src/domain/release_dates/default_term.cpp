// Default terms for unpaid fines (see default_term.hpp).
#include "domain/release_dates/default_term.hpp"

#include <algorithm>
#include <array>
#include <limits>

#include "domain/release_dates/booking.hpp"

namespace resettle {

namespace {
constexpr long long pounds(long long amount) { return amount * 100; }

// Sentencing Act 2020 s.129(4): a sum of more than the band before and not more than this band's amount.
constexpr std::array<DefaultTermBand, 12> band_table{{
    {pounds(200), Term{0, 0, 0, 7}},
    {pounds(500), Term{0, 0, 0, 14}},
    {pounds(1'000), Term{0, 0, 0, 28}},
    {pounds(2'500), Term{0, 0, 0, 45}},
    {pounds(5'000), Term{0, 3, 0, 0}},
    {pounds(10'000), Term{0, 6, 0, 0}},
    {pounds(20'000), Term{0, 12, 0, 0}},
    {pounds(50'000), Term{0, 18, 0, 0}},
    {pounds(100'000), Term{2, 0, 0, 0}},
    {pounds(250'000), Term{3, 0, 0, 0}},
    {pounds(1'000'000), Term{5, 0, 0, 0}},
    {std::numeric_limits<long long>::max(), Term{10, 0, 0, 0}},
}};
}  // namespace

std::span<const DefaultTermBand> default_term_bands() { return band_table; }

const Term& maximum_default_term(long long fine_pence) {
  for (const auto& band : band_table)
    if (fine_pence <= band.up_to_pence) return band.maximum;
  return band_table.back().maximum;
}

DefaultTermServed default_term_served(Date start, const Term& term, long long fine_pence, long long paid_pence) {
  DefaultTermServed served;
  int given = term_days(start, term);
  int maximum = term_days(start, maximum_default_term(fine_pence));
  served.limited = given > maximum;
  served.days = std::min(given, maximum);
  // s.79(2)-(3): the days less one, in the proportion paid, fractions of a day left out.
  if (paid_pence > 0 && fine_pence > 0)
    served.days_off_paid = int((served.days - 1) * paid_pence / fine_pence);
  served.days -= served.days_off_paid;
  return served;
}

}  // namespace resettle
