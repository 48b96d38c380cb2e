#pragma once
// The one table of release law with a date of effect: each measure's commencement (and end, where it
// has ended), which date of the case it is judged by, and the tranche tables of the two schemes that
// commenced in tranches. The next change in the law is a row here, not a rewrite of the calculation.
#include <array>
#include <optional>
#include <span>
#include <string_view>

#include "domain/release_dates/booking.hpp"
#include "domain/date.hpp"

namespace resettle {

// Which date of a case decides whether a measure applies to it.
enum class JudgedBy : std::uint8_t { sentence_date, offence_date, release_date, eligibility_date, return_to_custody };

struct ReleaseRule {
  LawMeasure measure;
  Date from;                 // commencement
  std::optional<Date> until;  // the day it ended, if it has
  JudgedBy judged_by;
  std::string_view law;       // where it comes from, in plain words
};

namespace release_rule_dates {
constexpr Date on(int y, unsigned m, unsigned d) {
  return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}
}  // namespace release_rule_dates

// In the header, with the lookups below, because every calculation asks them many times.
inline constexpr std::array<ReleaseRule, law_measure_count> release_rule_table{{
    {LawMeasure::sds_plus, release_rule_dates::on(2020, 4, 1), std::nullopt, JudgedBy::sentence_date,
     "Release of Prisoners (Alteration of Relevant Proportion of Sentence) Order 2020"},
    {LawMeasure::sds_plus_widening, release_rule_dates::on(2022, 6, 28), std::nullopt, JudgedBy::sentence_date,
     "Police, Crime, Sentencing and Courts Act 2022, s.130"},
    {LawMeasure::sopc_two_thirds, release_rule_dates::on(2022, 6, 28), std::nullopt, JudgedBy::sentence_date,
     "Police, Crime, Sentencing and Courts Act 2022"},
    {LawMeasure::sds40, release_rule_dates::on(2024, 9, 10), std::nullopt, JudgedBy::release_date,
     "Criminal Justice Act 2003 (Requisite and Minimum Custodial Periods) Order 2024, in two tranches"},
    {LawMeasure::later_exclusions, release_rule_dates::on(2024, 12, 16), std::nullopt, JudgedBy::sentence_date,
     "SDS40 exclusions widened to more sexual, domestic-abuse and murder-related offences"},
    {LawMeasure::hdc_365, release_rule_dates::on(2025, 6, 3), std::nullopt, JudgedBy::eligibility_date,
     "Home detention curfew up to 12 months, and the 4-year limit lifted"},
    {LawMeasure::ersed_2025, release_rule_dates::on(2025, 9, 23), std::nullopt, JudgedBy::sentence_date,
     "Early removal scheme: up to 4 years before release, after 30% of the custodial period"},
    {LawMeasure::fixed_term_recall_56, release_rule_dates::on(2026, 3, 31), std::nullopt, JudgedBy::return_to_custody,
     "Fixed-term recall of 56 days for adult standard sentences"},
    {LawMeasure::adult_hdc, release_rule_dates::on(1999, 1, 28), release_rule_dates::on(2026, 9, 2), JudgedBy::eligibility_date,
     "Home detention curfew for adults, ended on 2 September 2026"},
    {LawMeasure::progression_model, release_rule_dates::on(2026, 10, 1), std::nullopt, JudgedBy::release_date,
     "Sentencing Act 2026 progression model, commenced in tranches by sentence length"},
    {LawMeasure::post_sentence_supervision, release_rule_dates::on(2015, 2, 1), release_rule_dates::on(2026, 10, 1), JudgedBy::offence_date,
     "Offender Rehabilitation Act 2014 top-up supervision, repealed by the Sentencing Act 2026"},
    {LawMeasure::short_term_licence, release_rule_dates::on(2015, 2, 1), std::nullopt, JudgedBy::offence_date,
     "Offender Rehabilitation Act 2014: release on licence for terms under 12 months"},
    {LawMeasure::hdc_180, release_rule_dates::on(2023, 6, 6), std::nullopt, JudgedBy::eligibility_date,
     "Criminal Justice Act 2003 (Home Detention Curfew) Order 2023 (SI 2023/390): 180 days for 135 in s.246(1)(a)"},
}};

std::span<const ReleaseRule> release_rules();  // one row per LawMeasure, in its order
inline const ReleaseRule& release_rule(LawMeasure measure) { return release_rule_table[static_cast<std::size_t>(measure)]; }

// A measure can apply when it is switched on and already law on `as_at` (the day whose law is asked).
inline bool in_force(LawMeasure measure, Date as_at, const LawSwitches& law) {
  return law.on(measure) && release_rule(measure).from <= as_at;
}
// ... and applies to a case whose deciding date is `on` (from its commencement, before its end).
inline bool applies(LawMeasure measure, Date as_at, const LawSwitches& law, Date on) {
  const auto& rule = release_rule(measure);
  if (!in_force(measure, as_at, law) || on < rule.from) return false;
  bool ended = rule.until && *rule.until <= as_at;
  return !ended || on < *rule.until;
}

// A term of whole years has 365 days a year and one for each 29 February in it: only a term within
// those few days of the edge needs the calendar.
bool at_least_years(Date start, int term_days, int years);

// Commencement by tranche: a release point falling before its tranche date moves to that date.
struct Tranche {
  int up_to_days;  // aggregate term in days, inclusive; the last row covers every longer term
  Date commences;
};
std::span<const Tranche> sds40_tranches();
std::span<const Tranche> progression_tranches();
// Inline: each chain asks it once a layer.
inline Date tranche_date(std::span<const Tranche> tranches, int term_days) {
  for (const auto& tranche : tranches)
    if (term_days <= tranche.up_to_days) return tranche.commences;
  return tranches.back().commences;
}

// Numbers the rules use, beside the dates they belong to.
inline constexpr int sds40_long_sentence_years = 5;        // SDS40 tranche 2 from this length
inline constexpr int sds40_violent_exclusion_years = 4;    // violent offences excluded from this length
inline constexpr int sds_plus_long_years = 7;               // SDS+ from 2020-04-01
inline constexpr int sds_plus_widened_years = 4;            // SDS+ widened to 4-7 years from 2022-06-28
inline constexpr int hdc_minimum_custodial_days = 42;
inline constexpr int hdc_minimum_served_days = 28;
inline constexpr int hdc_earliest_after_sentence_days = 14;
inline constexpr int hdc_maximum_days_before_2023 = 135;      // until LawMeasure::hdc_180
inline constexpr int hdc_maximum_days_before = 180;           // LawMeasure::hdc_180
inline constexpr int hdc_maximum_days_before_extended = 365;  // LawMeasure::hdc_365
inline constexpr int hdc_term_limit_years = 4;                // lifted with hdc_365
inline constexpr int licence_for_short_terms_months = 12;     // without short_term_licence: under 12 months, no licence
inline constexpr int top_up_supervision_under_months = 24;
inline constexpr int top_up_supervision_months = 12;
inline constexpr int sopc_licence_years = 1;
inline constexpr int ersed_before_release_days = 544;     // before ersed_2025
inline constexpr int ersed_before_release_years = 4;      // ersed_2025
inline constexpr int dto_short_transfer_from_months = 8;  // early/late transfer from 8 months
inline constexpr int dto_long_transfer_from_months = 18;  // two months either side from 18 months

}  // namespace resettle
