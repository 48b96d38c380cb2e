// The dates of effect of release law (see release_rules.hpp); uncertain rows are named in docs/decisions.md.
#include "domain/release_dates/release_rules.hpp"

#include <array>

namespace resettle {

namespace {
using namespace std::chrono;
constexpr Date on(int y, unsigned m, unsigned d) { return Date{year{y}, month{m}, day{d}}; }

constexpr std::array<ReleaseRule, law_measure_count> rule_table{{
    {LawMeasure::sds_plus, on(2020, 4, 1), std::nullopt, JudgedBy::sentence_date,
     "Release of Prisoners (Alteration of Relevant Proportion of Sentence) Order 2020"},
    {LawMeasure::sds_plus_widening, on(2022, 6, 28), std::nullopt, JudgedBy::sentence_date,
     "Police, Crime, Sentencing and Courts Act 2022, s.130"},
    {LawMeasure::sopc_two_thirds, on(2022, 6, 28), std::nullopt, JudgedBy::sentence_date,
     "Police, Crime, Sentencing and Courts Act 2022"},
    {LawMeasure::sds40, on(2024, 9, 10), std::nullopt, JudgedBy::release_date,
     "Criminal Justice Act 2003 (Requisite and Minimum Custodial Periods) Order 2024, in two tranches"},
    {LawMeasure::later_exclusions, on(2024, 12, 16), std::nullopt, JudgedBy::sentence_date,
     "SDS40 exclusions widened to more sexual, domestic-abuse and murder-related offences"},
    {LawMeasure::hdc_365, on(2025, 6, 3), std::nullopt, JudgedBy::eligibility_date,
     "Home detention curfew up to 12 months, and the 4-year limit lifted"},
    {LawMeasure::ersed_2025, on(2025, 9, 23), std::nullopt, JudgedBy::sentence_date,
     "Early removal scheme: up to 4 years before release, after 30% of the custodial period"},
    {LawMeasure::fixed_term_recall_56, on(2026, 3, 31), std::nullopt, JudgedBy::return_to_custody,
     "Fixed-term recall of 56 days for adult standard sentences"},
    {LawMeasure::adult_hdc, on(1999, 1, 28), on(2026, 9, 2), JudgedBy::eligibility_date,
     "Home detention curfew for adults, ended on 2 September 2026"},
    {LawMeasure::progression_model, on(2026, 10, 1), std::nullopt, JudgedBy::release_date,
     "Sentencing Act 2026 progression model, commenced in tranches by sentence length"},
    {LawMeasure::post_sentence_supervision, on(2015, 2, 1), on(2026, 10, 1), JudgedBy::offence_date,
     "Offender Rehabilitation Act 2014 top-up supervision, repealed by the Sentencing Act 2026"},
    {LawMeasure::short_term_licence, on(2015, 2, 1), std::nullopt, JudgedBy::offence_date,
     "Offender Rehabilitation Act 2014: release on licence for terms under 12 months"},
    {LawMeasure::hdc_180, on(2023, 6, 6), std::nullopt, JudgedBy::eligibility_date,
     "Criminal Justice Act 2003 (Home Detention Curfew) Order 2023 (SI 2023/390): 180 days for 135 in s.246(1)(a)"},
}};

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

std::span<const ReleaseRule> release_rules() { return rule_table; }
const ReleaseRule& release_rule(LawMeasure measure) { return rule_table[static_cast<std::size_t>(measure)]; }

bool in_force(LawMeasure measure, Date as_at, const LawSwitches& law) {
  return law.on(measure) && release_rule(measure).from <= as_at;
}

bool applies(LawMeasure measure, Date as_at, const LawSwitches& law, Date on) {
  const auto& rule = release_rule(measure);
  if (!in_force(measure, as_at, law) || on < rule.from) return false;
  bool ended = rule.until && *rule.until <= as_at;
  return !ended || on < *rule.until;
}

std::span<const Tranche> sds40_tranches() { return sds40_table; }
std::span<const Tranche> progression_tranches() { return progression_table; }

Date tranche_date(std::span<const Tranche> tranches, int term_days) {
  for (const auto& tranche : tranches)
    if (term_days <= tranche.up_to_days) return tranche.commences;
  return tranches.back().commences;
}

}  // namespace resettle
