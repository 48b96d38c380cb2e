#pragma once
// Which share of a sentence is served before release (the regime) and why, at each layer of the
// law: before SDS40, under SDS40, under the progression model. Never asked of the user: chosen from
// the sentence's dates and offence facts, unless a release_scheme was given to reproduce another
// system's calculation.
#include <cstdint>
#include <optional>
#include <span>

#include "domain/release_dates/booking.hpp"
#include "domain/code_list.hpp"

namespace resettle {

// The law as it stood before each of the two commencements that changed every standard sentence.
enum class LawLayer : std::uint8_t { before_sds40, sds40, progression_model };

struct Fraction {
  int numerator = 1;
  int denominator = 2;
  friend bool operator==(const Fraction&, const Fraction&) = default;
};
// Days to serve, rounded up: part of a day served counts as a whole one.
int part_of(int days, Fraction fraction);

// Why the regime is what it is; the label is the reason in plain words.
// Stored codes: the codes are stored and sent in JSON, so they may only be added to; labels may change.
enum class RegimeReason : std::uint8_t {
  release_scheme_given,
  standard_halfway,
  sds_plus_seven_years,
  sds_plus_four_to_seven_years,
  sds_plus_before_commencement,
  sds40,
  sds40_excluded_offence,
  sds40_violent_four_years,
  sds40_later_list,
  progression_model,
  progression_model_sds_plus,
  progression_model_excluded,
  youth,
  not_a_standard_sentence,
};
std::span<const Coded<RegimeReason>> regime_reasons();

struct RegimeChoice {
  ReleaseScheme regime = ReleaseScheme::standard;
  RegimeReason reason = RegimeReason::standard_halfway;
  Fraction share;
};

// Facts about the person the regime turns on.
struct RegimePerson {
  bool adult = true;  // 18 or over at sentence, and not a s.250 detention
};

// The regime of a standard determinate sentence of `term_days` at a layer of the law. `as_at` and the
// sentence's law switches say whether the layer is law at all; the caller asks only for layers in force.
RegimeChoice standard_regime(const BookedSentence& sentence, int term_days, LawLayer layer, const RegimePerson& person,
                             Date as_at);

// Whether the layer is law on `as_at` for this sentence and person (its measure commenced and is on).
bool layer_in_force(LawLayer layer, const BookedSentence& sentence, const RegimePerson& person, Date as_at);

}  // namespace resettle
