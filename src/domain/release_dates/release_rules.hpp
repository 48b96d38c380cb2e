#pragma once
// The one table of release law with a date of effect: each measure's commencement (and end, where it
// has ended), which date of the case it is judged by, and the tranche tables of the two schemes that
// commenced in tranches. The next change in the law is a row here, not a rewrite of the calculation.
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
std::span<const ReleaseRule> release_rules();  // one row per LawMeasure, in its order
const ReleaseRule& release_rule(LawMeasure measure);

// A measure can apply when it is switched on and already law on `as_at` (the day whose law is asked).
bool in_force(LawMeasure measure, Date as_at, const LawSwitches& law);
// ... and applies to a case whose deciding date is `on` (from its commencement, before its end).
bool applies(LawMeasure measure, Date as_at, const LawSwitches& law, Date on);

// Commencement by tranche: a release point falling before its tranche date moves to that date.
struct Tranche {
  int up_to_days;  // aggregate term in days, inclusive; the last row covers every longer term
  Date commences;
};
std::span<const Tranche> sds40_tranches();
std::span<const Tranche> progression_tranches();
Date tranche_date(std::span<const Tranche> tranches, int term_days);

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
