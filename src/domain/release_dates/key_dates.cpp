// The key-date rules of a sentence (see key_dates.hpp).
#include "domain/release_dates/key_dates.hpp"

#include <algorithm>

#include "domain/release_dates/stored_booking.hpp"

namespace resettle {

namespace {
// Stored and sent in JSON: codes may only be added to, never changed or removed; labels may change.
constexpr std::array<Coded<KeyDateKind>, key_date_kind_count> kind_table{{
    {KeyDateKind::conditional_release, "conditional_release_date", "Conditional release date (CRD)"},
    {KeyDateKind::automatic_release, "automatic_release_date", "Automatic release date (ARD)"},
    {KeyDateKind::parole_eligibility, "parole_eligibility_date", "Parole eligibility date (PED)"},
    {KeyDateKind::home_detention_curfew_eligibility, "home_detention_curfew_eligibility_date",
     "Home detention curfew eligibility date (HDCED)"},
    {KeyDateKind::licence_expiry, "licence_expiry_date", "Licence expiry date (LED)"},
    {KeyDateKind::sentence_expiry, "sentence_expiry_date", "Sentence expiry date (SED)"},
    {KeyDateKind::sentence_and_licence_expiry, "sentence_and_licence_expiry_date",
     "Sentence and licence expiry date (SLED)"},
    {KeyDateKind::top_up_supervision_expiry, "top_up_supervision_expiry_date",
     "Top-up supervision expiry date (TUSED)"},
    {KeyDateKind::tariff, "tariff_date", "Tariff date"},
    {KeyDateKind::post_recall_release, "post_recall_release_date", "Post-recall release date (PRRD)"},
    {KeyDateKind::early_removal_scheme_eligibility, "early_removal_scheme_eligibility_date",
     "Early removal scheme eligibility date (ERSED)"},
    {KeyDateKind::effective_sentence_end, "effective_sentence_end_date", "Effective sentence end date (ESED)"},
    {KeyDateKind::detention_training_order_early_transfer, "detention_training_order_early_transfer_date",
     "Detention and training order early transfer date (ETD)"},
    {KeyDateKind::detention_training_order_mid_transfer, "detention_training_order_mid_transfer_date",
     "Detention and training order mid-term transfer date (MTD)"},
    {KeyDateKind::detention_training_order_late_transfer, "detention_training_order_late_transfer_date",
     "Detention and training order late transfer date (LTD)"},
}};
constexpr std::size_t sentence_key_date_count = 9;

// Stored and sent in JSON: codes may only be added to, never changed or removed; labels may change.
constexpr std::array<Coded<KeyDateRule>, 37> rule_table{{
    {KeyDateRule::supplied, "supplied", "Supplied by another system and kept as the authoritative date"},
    {KeyDateRule::halfway, "halfway", "Halfway point of the sentence"},
    {KeyDateRule::forty_percent, "forty_percent", "40% point of the sentence (SDS40)"},
    {KeyDateRule::two_thirds, "two_thirds", "Two-thirds point of the sentence (SDS+)"},
    {KeyDateRule::extended_custodial_end, "extended_custodial_end", "End of the custodial term"},
    {KeyDateRule::extended_parole_eligibility, "extended_parole_eligibility",
     "Two-thirds point of the custodial term: the Parole Board may release from here"},
    {KeyDateRule::sentence_end, "sentence_end", "Last day of the sentence"},
    {KeyDateRule::extended_sentence_end, "extended_sentence_end", "Last day of the custodial term plus the extension period"},
    {KeyDateRule::licence_to_sentence_end, "licence_to_sentence_end", "Licence lasts until the sentence expires"},
    {KeyDateRule::licence_and_sentence_together, "licence_and_sentence_together",
     "Licence and sentence expire on the same day"},
    {KeyDateRule::top_up_supervision, "top_up_supervision",
     "Sentence under 2 years for an offence from 1 February 2015: supervision tops up to 12 months after release"},
    {KeyDateRule::home_detention_curfew, "home_detention_curfew",
     "The day after a quarter of the sentence is served (at least 28 days, never within 14 days of sentence), "
     "and within the 180 days ending with release (from 6 June 2023)"},
    {KeyDateRule::one_third, "one_third", "A third of the sentence (progression model, Sentencing Act 2026)"},
    {KeyDateRule::commencement, "commencement",
     "The release point fell before the new rule commenced for this sentence, so the date is the commencement"},
    {KeyDateRule::extended_automatic_release, "extended_automatic_release",
     "Two-thirds point of the custodial term of an extended sentence with automatic release"},
    {KeyDateRule::special_custodial_end, "special_custodial_end", "End of the custodial term (SOPC)"},
    {KeyDateRule::special_custodial_parole_half, "special_custodial_parole_half",
     "Halfway point of the custodial term: adult SOPC sentenced before 28 June 2022"},
    {KeyDateRule::special_custodial_parole_two_thirds, "special_custodial_parole_two_thirds",
     "Two-thirds point of the custodial term (SOPC)"},
    {KeyDateRule::special_custodial_licence, "special_custodial_licence",
     "End of the custodial term plus the 1-year licence of a SOPC"},
    {KeyDateRule::unconditional_halfway, "unconditional_halfway", "Halfway point, released without a licence"},
    {KeyDateRule::served_in_full, "served_in_full", "Served in full: committal for breach of top-up supervision"},
    {KeyDateRule::detention_training_order_mid_term, "detention_training_order_mid_term",
     "Halfway point of the detention and training order"},
    {KeyDateRule::detention_training_order_early_transfer, "detention_training_order_early_transfer",
     "Mid-term less 1 month (orders of 8 to under 18 months) or 2 months (18 to 24 months)"},
    {KeyDateRule::detention_training_order_late_transfer, "detention_training_order_late_transfer",
     "Mid-term plus 1 month (orders of 8 to under 18 months) or 2 months (18 to 24 months)"},
    {KeyDateRule::minimum_term, "minimum_term", "End of the minimum term set by the court"},
    {KeyDateRule::fixed_term_recall, "fixed_term_recall", "Return to custody plus the fixed term, less one day"},
    {KeyDateRule::standard_recall, "standard_recall", "Standard recall: held to the end of the licence unless re-released"},
    {KeyDateRule::early_removal, "early_removal",
     "The later of release less 544 days and half the days to release (sentenced before 23 September 2025)"},
    {KeyDateRule::early_removal_2025, "early_removal_2025",
     "The later of release less 4 years and 30% of the days to release (sentenced from 23 September 2025)"},
    {KeyDateRule::effective_sentence_end, "effective_sentence_end", "Last day of the custodial terms, adjusted"},
    {KeyDateRule::home_detention_curfew_365, "home_detention_curfew_365",
     "The day after a quarter of the sentence is served (at least 28 days, never within 14 days of sentence), "
     "and within the 365 days ending with release (from 3 June 2025)"},
    {KeyDateRule::home_detention_curfew_commencement, "home_detention_curfew_commencement",
     "Under the 180-day rule eligibility fell after 3 June 2025, when the 365-day rule commenced: the commencement"},
    {KeyDateRule::extended_licence_end, "extended_licence_end", "Licence runs to the end of the extension or licence period"},
    {KeyDateRule::concurrent_licence, "concurrent_licence",
     "Halfway point of a term without a licence; released on the licence of a concurrent sentence"},
    {KeyDateRule::home_detention_curfew_concurrent_release, "home_detention_curfew_concurrent_release",
     "Home detention curfew from the release of a concurrent sentence that allows none: not before it"},
    {KeyDateRule::home_detention_curfew_135, "home_detention_curfew_135",
     "The day after a quarter of the sentence is served (at least 28 days, never within 14 days of sentence), "
     "and within the 135 days ending with release (before 6 June 2023)"},
    {KeyDateRule::home_detention_curfew_180_commencement, "home_detention_curfew_180_commencement",
     "Under the 135-day rule eligibility fell after 6 June 2023, when the 180-day rule commenced: the commencement"},
}};

// Where each kind of key date is held among the supplied ones, in KeyDateKind order.
using SuppliedMember = std::optional<Date> SuppliedKeyDates::*;
constexpr std::array<SuppliedMember, key_date_kind_count> supplied_members{{
    &SuppliedKeyDates::conditional_release_date,
    &SuppliedKeyDates::automatic_release_date,
    &SuppliedKeyDates::parole_eligibility_date,
    &SuppliedKeyDates::home_detention_curfew_eligibility_date,
    &SuppliedKeyDates::licence_expiry_date,
    &SuppliedKeyDates::sentence_expiry_date,
    &SuppliedKeyDates::sentence_and_licence_expiry_date,
    &SuppliedKeyDates::top_up_supervision_expiry_date,
    &SuppliedKeyDates::tariff_date,
    &SuppliedKeyDates::post_recall_release_date,
    &SuppliedKeyDates::early_removal_scheme_eligibility_date,
    &SuppliedKeyDates::effective_sentence_end_date,
    &SuppliedKeyDates::detention_training_order_early_transfer_date,
    &SuppliedKeyDates::detention_training_order_mid_transfer_date,
    &SuppliedKeyDates::detention_training_order_late_transfer_date,
}};

}  // namespace

KeyDates supplied_key_dates(const SuppliedKeyDates& supplied) {
  KeyDates dates;
  for (const auto& kind : kind_table)
    if (const auto& date = supplied.*supplied_members[static_cast<std::size_t>(kind.value)])
      dates.set(kind.value, {*date, KeyDateRule::supplied});
  auto licence = dates.date(KeyDateKind::licence_expiry), expiry = dates.date(KeyDateKind::sentence_expiry);
  if (licence && expiry && *licence == *expiry)
    dates.fill(KeyDateKind::sentence_and_licence_expiry, {*licence, KeyDateRule::licence_and_sentence_together});
  return dates;
}

std::span<const Coded<KeyDateKind>> key_date_kinds() { return kind_table; }
std::span<const Coded<KeyDateKind>> sentence_key_date_kinds() { return std::span{kind_table}.first(sentence_key_date_count); }
std::span<const Coded<KeyDateRule>> key_date_rules() { return rule_table; }

std::optional<Date>& supplied_date(SuppliedKeyDates& supplied, KeyDateKind kind) {
  return supplied.*supplied_members[static_cast<std::size_t>(kind)];
}
const std::optional<Date>& supplied_date(const SuppliedKeyDates& supplied, KeyDateKind kind) {
  return supplied.*supplied_members[static_cast<std::size_t>(kind)];
}

std::optional<Date> earlier_release(std::optional<Date> conditional_release, std::optional<Date> automatic_release) {
  if (conditional_release && automatic_release) return std::min(*conditional_release, *automatic_release);
  return conditional_release ? conditional_release : automatic_release;
}

std::optional<Date> automatic_release(const KeyDates& dates) {
  return earlier_release(dates.date(KeyDateKind::conditional_release), dates.date(KeyDateKind::automatic_release));
}

KeyDates compute_key_dates(const Sentence& sentence) {
  return calculate_stored_booking(booking_of_one(sentence), std::nullopt, all_law_known).dates;
}

}  // namespace resettle
