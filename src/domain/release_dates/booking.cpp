// Code tables of the booking's value types, and how a term becomes days.
#include "domain/release_dates/booking.hpp"

#include <array>

namespace resettle {

namespace {
// Stored codes: these codes are stored and sent in JSON, so they may only be added to; labels may change.
constexpr std::array<Coded<SentenceKind>, 9> sentence_kind_table{{
    {SentenceKind::standard, "standard", "Standard determinate sentence"},
    {SentenceKind::extended_automatic, "extended_automatic", "Extended sentence, automatic release"},
    {SentenceKind::extended_discretionary, "extended_discretionary", "Extended sentence, Parole Board release"},
    {SentenceKind::special_custodial, "special_custodial",
     "Special custodial sentence for offenders of particular concern (SOPC)"},
    {SentenceKind::special_custodial_under_18, "special_custodial_under_18",
     "Special custodial sentence for offenders of particular concern, under 18"},
    {SentenceKind::detention_and_training_order, "detention_and_training_order", "Detention and training order (DTO)"},
    {SentenceKind::default_term, "default_term", "Default term for an unpaid fine"},
    {SentenceKind::breach_of_top_up_supervision, "breach_of_top_up_supervision",
     "Committal for breach of top-up supervision"},
    {SentenceKind::indeterminate, "indeterminate", "Indeterminate (life or IPP)"},
}};

// Stored codes: these codes are stored and sent in JSON, so they may only be added to; labels may change.
constexpr std::array<Coded<OffenceExclusion>, 8> offence_exclusion_table{{
    {OffenceExclusion::sexual, "sexual", "Sexual offence"},
    {OffenceExclusion::violent, "violent", "Violent offence"},
    {OffenceExclusion::domestic_abuse, "domestic_abuse", "Domestic abuse"},
    {OffenceExclusion::terrorism, "terrorism", "Terrorism"},
    {OffenceExclusion::national_security, "national_security", "National security"},
    {OffenceExclusion::later_sexual, "later_sexual", "Sexual offence added to the exclusions on 16 December 2024"},
    {OffenceExclusion::later_domestic_abuse, "later_domestic_abuse",
     "Domestic-abuse offence added to the exclusions on 16 December 2024"},
    {OffenceExclusion::murder, "murder", "Murder-related offence added to the exclusions on 16 December 2024"},
}};

// Stored codes: these codes are stored and sent in JSON, so they may only be added to; labels may change.
constexpr std::array<Coded<ProgressionExclusion>, 6> progression_exclusion_table{{
    {ProgressionExclusion::terrorism, "terrorism", "Terrorism (excluded from the progression model)"},
    {ProgressionExclusion::national_security, "national_security",
     "National security (excluded from the progression model)"},
    {ProgressionExclusion::sexual, "sexual", "Sexual offence (excluded from the progression model)"},
    {ProgressionExclusion::domestic_abuse, "domestic_abuse", "Domestic abuse (excluded from the progression model)"},
    {ProgressionExclusion::stalking, "stalking", "Stalking (excluded from the progression model)"},
    {ProgressionExclusion::serious_violence, "serious_violence",
     "Serious violence (excluded from the progression model)"},
}};

// Stored codes: these codes are stored and sent in JSON, so they may only be added to; labels may change.
constexpr std::array<Coded<RecallType>, 4> recall_type_table{{
    {RecallType::standard, "standard", "Standard recall: to the end of the sentence unless re-released"},
    {RecallType::fixed_term_14, "14", "14-day fixed-term recall"},
    {RecallType::fixed_term_28, "28", "28-day fixed-term recall"},
    {RecallType::fixed_term_56, "56", "56-day fixed-term recall"},
}};

// Stored codes: these codes are stored and sent in JSON, so they may only be added to; labels may change.
constexpr std::array<Coded<LawMeasure>, law_measure_count> law_measure_table{{
    {LawMeasure::sds_plus, "sds_plus", "SDS+: two-thirds for the most serious sentences of 7 years or more"},
    {LawMeasure::sds_plus_widening, "sds_plus_widening", "SDS+ widened to some sentences of 4 to 7 years"},
    {LawMeasure::sopc_two_thirds, "sopc_two_thirds", "SOPC parole eligibility at two-thirds"},
    {LawMeasure::sds40, "sds40", "SDS40: release at 40% for standard sentences without an exclusion"},
    {LawMeasure::later_exclusions, "later_exclusions",
     "More sexual, domestic-abuse and murder-related offences excluded from SDS40"},
    {LawMeasure::hdc_365, "hdc_365", "Home detention curfew up to 365 days before release"},
    {LawMeasure::ersed_2025, "ersed_2025", "Early removal up to 4 years before release, after 30% served"},
    {LawMeasure::fixed_term_recall_56, "fixed_term_recall_56", "56-day fixed-term recall"},
    {LawMeasure::adult_hdc, "adult_hdc", "Home detention curfew for adults"},
    {LawMeasure::progression_model, "progression_model", "Progression model: release at a third (Sentencing Act 2026)"},
    {LawMeasure::post_sentence_supervision, "post_sentence_supervision",
     "Post-sentence (top-up) supervision for sentences under 2 years"},
    {LawMeasure::short_term_licence, "short_term_licence", "Release on licence for terms under 12 months"},
    {LawMeasure::hdc_180, "hdc_180", "Home detention curfew up to 180 days before release"},
}};

// Stored codes: these codes are stored and sent in JSON, so they may only be added to; labels may change.
constexpr std::array<Coded<AdjustmentType>, 7> adjustment_type_table{{
    {AdjustmentType::remand, "remand", "Time on remand"},
    {AdjustmentType::tagged_bail, "tagged_bail", "Tagged bail (already halved)"},
    {AdjustmentType::recall_remand, "recall_remand", "Remand while on recall"},
    {AdjustmentType::recall_tagged_bail, "recall_tagged_bail", "Tagged bail while on recall"},
    {AdjustmentType::unlawfully_at_large, "unlawfully_at_large", "Unlawfully at large"},
    {AdjustmentType::additional_days_awarded, "additional_days_awarded", "Additional days awarded"},
    {AdjustmentType::restored_additional_days, "restored_additional_days", "Additional days restored"},
}};

// Stored codes: these codes are stored and sent in JSON, so they may only be added to; labels may change.
constexpr std::array<Coded<MovementDirection>, 2> movement_direction_table{{
    {MovementDirection::in, "in", "Into custody"},
    {MovementDirection::out, "out", "Out of custody"},
}};
}  // namespace

std::span<const Coded<SentenceKind>> sentence_kinds() { return sentence_kind_table; }
std::span<const Coded<OffenceExclusion>> offence_exclusions() { return offence_exclusion_table; }
std::span<const Coded<ProgressionExclusion>> progression_exclusions() { return progression_exclusion_table; }
std::span<const Coded<RecallType>> recall_types() { return recall_type_table; }
std::span<const Coded<LawMeasure>> law_measures() { return law_measure_table; }
std::span<const Coded<AdjustmentType>> adjustment_types() { return adjustment_type_table; }
std::span<const Coded<MovementDirection>> movement_directions() { return movement_direction_table; }

namespace {
// The term's years, then its months, from a date. On a day of the month that every month has (the 28th
// or before) no month cuts the day short, so both are one count of months: the calculation's most common
// step (a term's end, for every sentence of every booking). A later day takes each step with add_months,
// as a shorter month may cut it at either.
Date add_years_and_months(Date date, const Term& term) {
  if (unsigned(date.day()) <= 28) {
    int months = int(date.year()) * 12 + int(unsigned(date.month())) - 1 + 12 * term.years + term.months;
    return Date{std::chrono::year{months / 12}, std::chrono::month{unsigned(months % 12 + 1)}, date.day()};
  }
  if (term.years) date = add_months(date, 12 * term.years);
  if (term.months) date = add_months(date, term.months);
  return date;
}
}  // namespace

Date term_end(Date start, const Term& term) {
  // Years, then months, then days, each from the day before the start; a part that is zero is skipped
  // (the same date, found without the calendar arithmetic).
  auto end = add_days(start, -1);
  if (term.years || term.months) end = add_years_and_months(end, term);
  int days = 7 * term.weeks + term.days;
  return days ? add_days(end, days) : end;
}

int term_days(Date start, const Term& term) { return days_between(start, term_end(start, term)) + 1; }

}  // namespace resettle
