// The regime of a standard determinate sentence at each layer of the law (see release_regime.hpp).
#include "domain/release_dates/release_regime.hpp"

#include <array>

#include "domain/release_dates/release_rules.hpp"

namespace resettle {

namespace {
// Stored codes: these codes are stored and sent in JSON, so they may only be added to; labels may change.
constexpr std::array<Coded<RegimeReason>, 14> reason_table{{
    {RegimeReason::release_scheme_given, "release_scheme_given",
     "the release scheme was given with the sentence, so it stands"},
    {RegimeReason::standard_halfway, "standard_halfway", "a standard sentence is served to its halfway point"},
    {RegimeReason::sds_plus_seven_years, "sds_plus_seven_years",
     "an SDS+ offence with a term of 7 years or more, sentenced from 1 April 2020"},
    {RegimeReason::sds_plus_four_to_seven_years, "sds_plus_four_to_seven_years",
     "an SDS+ offence with a term of 4 to 7 years, sentenced from 28 June 2022"},
    {RegimeReason::sds_plus_before_commencement, "sds_plus_before_commencement",
     "an SDS+ offence, but sentenced before two-thirds release applied to its term, so halfway"},
    {RegimeReason::sds40, "sds40", "a standard sentence with no SDS40 exclusion is served to 40%"},
    {RegimeReason::sds40_excluded_offence, "sds40_excluded_offence",
     "the offence is excluded from SDS40 (sexual, domestic abuse, terrorism or national security), so halfway"},
    {RegimeReason::sds40_violent_four_years, "sds40_violent_four_years",
     "a violent offence with a term of 4 years or more is excluded from SDS40, so halfway"},
    {RegimeReason::sds40_later_list, "sds40_later_list",
     "an offence on the lists excluded from SDS40 for sentences from 16 December 2024, so halfway"},
    {RegimeReason::progression_model, "progression_model",
     "an adult standard sentence under the progression model (Sentencing Act 2026) is served to a third"},
    {RegimeReason::progression_model_sds_plus, "progression_model_sds_plus",
     "an SDS+ offence (or one that would be SDS+ if sentenced today) under the progression model is served to half"},
    {RegimeReason::progression_model_excluded, "progression_model_excluded",
     "the offence is on a schedule excluded from the progression model, so the earlier rule stands"},
    {RegimeReason::youth, "youth", "the progression model applies to adults only, so the earlier rule stands"},
    {RegimeReason::not_a_standard_sentence, "not_a_standard_sentence",
     "the kind of sentence sets its own release point"},
}};

constexpr Fraction half{1, 2}, two_thirds{2, 3}, forty_percent{2, 5}, one_third{1, 3};

Fraction share_of(ReleaseScheme scheme) {
  switch (scheme) {
    case ReleaseScheme::forty_percent: return forty_percent;
    case ReleaseScheme::two_thirds: return two_thirds;
    case ReleaseScheme::extended: return {1, 1};
    case ReleaseScheme::one_third: return one_third;
    case ReleaseScheme::standard: break;
  }
  return half;
}

RegimeChoice choice(ReleaseScheme scheme, RegimeReason reason) { return {scheme, reason, share_of(scheme)}; }

// Before SDS40: halfway, or two-thirds for SDS+ once it applied to this term.
RegimeChoice before_sds40(const BookedSentence& sentence, int term_days, Date as_at) {
  if (!sentence.offence.sds_plus) return choice(ReleaseScheme::standard, RegimeReason::standard_halfway);
  Date sentenced = *sentence.sentenced_on;
  if (at_least_years(sentenced, term_days, sds_plus_long_years) &&
      applies(LawMeasure::sds_plus, as_at, sentence.law, sentenced))
    return choice(ReleaseScheme::two_thirds, RegimeReason::sds_plus_seven_years);
  if (at_least_years(sentenced, term_days, sds_plus_widened_years) &&
      applies(LawMeasure::sds_plus_widening, as_at, sentence.law, sentenced))
    return choice(ReleaseScheme::two_thirds, RegimeReason::sds_plus_four_to_seven_years);
  return choice(ReleaseScheme::standard, RegimeReason::sds_plus_before_commencement);
}

RegimeChoice under_sds40(const BookedSentence& sentence, int term_days, Date as_at) {
  const auto& offence = sentence.offence;
  if (offence.sds_plus) {  // only SDS+ can have had two-thirds before SDS40, which SDS40 left alone
    auto earlier = before_sds40(sentence, term_days, as_at);
    if (earlier.regime == ReleaseScheme::two_thirds) return earlier;
  }
  using enum OffenceExclusion;
  if (offence.has(sexual) || offence.has(domestic_abuse) || offence.has(terrorism) || offence.has(national_security))
    return choice(ReleaseScheme::standard, RegimeReason::sds40_excluded_offence);
  if (offence.has(violent) && at_least_years(*sentence.sentenced_on, term_days, sds40_violent_exclusion_years))
    return choice(ReleaseScheme::standard, RegimeReason::sds40_violent_four_years);
  bool later_list = offence.has(later_sexual) || offence.has(later_domestic_abuse) || offence.has(murder);
  if (later_list && applies(LawMeasure::later_exclusions, as_at, sentence.law, *sentence.sentenced_on))
    return choice(ReleaseScheme::standard, RegimeReason::sds40_later_list);
  return choice(ReleaseScheme::forty_percent, RegimeReason::sds40);
}
}  // namespace

std::span<const Coded<RegimeReason>> regime_reasons() { return reason_table; }

int part_of(int days, Fraction fraction) {
  auto scaled = static_cast<long long>(days) * fraction.numerator;
  return static_cast<int>((scaled + fraction.denominator - 1) / fraction.denominator);
}

bool layer_in_force(LawLayer layer, const BookedSentence& sentence, const RegimePerson& person, Date as_at) {
  switch (layer) {
    case LawLayer::sds40: return in_force(LawMeasure::sds40, as_at, sentence.law);
    case LawLayer::progression_model:
      return person.adult && !sentence.offence.section_250 && in_force(LawMeasure::progression_model, as_at, sentence.law);
    case LawLayer::before_sds40: break;
  }
  return true;
}

RegimeChoice standard_regime(const BookedSentence& sentence, int term_days, LawLayer layer, const RegimePerson& person,
                             Date as_at) {
  if (sentence.release_scheme) return choice(*sentence.release_scheme, RegimeReason::release_scheme_given);
  // Each layer returns as soon as it is decided: the calculation asks this of every standard sentence
  // at every layer.
  if (layer == LawLayer::before_sds40) return before_sds40(sentence, term_days, as_at);
  if (layer == LawLayer::sds40) {
    bool sds40 = layer_in_force(LawLayer::sds40, sentence, person, as_at);
    return sds40 ? under_sds40(sentence, term_days, as_at) : before_sds40(sentence, term_days, as_at);
  }
  const auto& offence = sentence.offence;
  bool youth = !person.adult || offence.section_250;
  // The progression model decides alone for the adults it covers: the earlier rule is not needed.
  if (!youth && offence.progression_exclusions.none()) {
    if (offence.sds_plus || offence.would_be_sds_plus_if_sentenced_today)
      return choice(ReleaseScheme::standard, RegimeReason::progression_model_sds_plus);
    return choice(ReleaseScheme::one_third, RegimeReason::progression_model);
  }
  auto earlier = standard_regime(sentence, term_days, LawLayer::sds40, person, as_at);
  if (youth) return {earlier.regime, RegimeReason::youth, earlier.share};
  return {earlier.regime, RegimeReason::progression_model_excluded, earlier.share};
}

}  // namespace resettle
