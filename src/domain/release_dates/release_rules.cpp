// The dates of effect of release law (see release_rules.hpp); uncertain rows are named in docs/decisions.md.
#include "domain/release_dates/release_rules.hpp"

#include <array>

namespace resettle {

namespace {
using release_rule_dates::on;

// SDS40: sentences under 5 years first, the rest six weeks later. Under 5 years is judged in days as
// 1826 (5 years with one leap day), see docs/decisions.md.
constexpr std::array<Tranche, 2> sds40_table{{
    {1825, on(2024, 9, 10)},
    {999999, on(2024, 10, 22)},
}};

constexpr std::array<Tranche, 10> progression_table{{
    {574, on(2026, 10, 1)},   {882, on(2026, 10, 13)},  {1162, on(2026, 11, 10)}, {1561, on(2026, 12, 8)},
    {2121, on(2027, 1, 12)},  {2758, on(2027, 2, 9)},   {3283, on(2027, 3, 9)},   {3654, on(2027, 4, 13)},
    {4396, on(2027, 5, 11)},  {999999, on(2027, 6, 8)},
}};
}  // namespace

std::span<const ReleaseRule> release_rules() { return release_rule_table; }

bool at_least_years(Date start, int term_days, int years) {
  if (term_days < 365 * years) return false;
  if (term_days > 366 * years) return true;
  return term_days >= resettle::term_days(start, Term{years, 0, 0, 0});
}

std::span<const Tranche> sds40_tranches() { return sds40_table; }
std::span<const Tranche> progression_tranches() { return progression_table; }

}  // namespace resettle
