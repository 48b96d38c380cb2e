#pragma once
// The facts of one sentence that its release dates turn on: its kind, the offence and the term as the
// court gave it. Shared by the recorded sentence (sentence.hpp) and the booking (booking.hpp).
#include <bitset>
#include <cstdint>
#include <optional>
#include <span>

#include "domain/code_list.hpp"
#include "domain/date.hpp"

namespace resettle {

// Stored codes: the codes below are stored and sent in JSON, so they may only be added to; labels may change.
enum class SentenceKind : std::uint8_t {
  standard,                      // standard determinate sentence (SDS), including SDS+
  extended_automatic,            // extended sentence, automatic release at two-thirds of the custodial term
  extended_discretionary,        // extended sentence, Parole Board release from two-thirds of the custodial term
  special_custodial,             // special custodial sentence for offenders of particular concern (SOPC)
  special_custodial_under_18,    // the SOPC for those under 18 at conviction (s.252A Sentencing Code)
  detention_and_training_order,  // DTO, for children
  default_term,                  // imprisonment in default of paying a fine
  breach_of_top_up_supervision,  // committal for breach of post-sentence supervision
  indeterminate,                 // life or IPP: the term given is the minimum term (tariff)
};
std::span<const Coded<SentenceKind>> sentence_kinds();

// Offence facts that exclude a sentence from early-release schemes.
// Stored codes: the codes below are stored and sent in JSON, so they may only be added to; labels may change.
enum class OffenceExclusion : std::uint8_t {
  sexual,
  violent,  // excludes from SDS40 only for sentences of 4 years or more
  domestic_abuse,
  terrorism,
  national_security,
  later_sexual,          // the sexual offences added to the SDS40 exclusions from 2024-12-16
  later_domestic_abuse,  // the domestic-abuse offences added from 2024-12-16
  murder,                // the murder-related offences added from 2024-12-16
};
std::span<const Coded<OffenceExclusion>> offence_exclusions();
using OffenceExclusions = std::bitset<8>;

// Schedules of the Sentencing Act 2026 that keep an offence out of the progression model.
// Stored codes: the codes below are stored and sent in JSON, so they may only be added to; labels may change.
enum class ProgressionExclusion : std::uint8_t {
  terrorism,
  national_security,
  sexual,
  domestic_abuse,
  stalking,
  serious_violence,
};
std::span<const Coded<ProgressionExclusion>> progression_exclusions();
using ProgressionExclusions = std::bitset<6>;

// A term as the court gave it. Its days are counted as domain.md says: the end is the start − 1 day
// plus the years, then the months, then the weeks, then the days.
struct Term {
  int years = 0;
  int months = 0;
  int weeks = 0;
  int days = 0;
  bool empty() const { return years == 0 && months == 0 && weeks == 0 && days == 0; }
  friend bool operator==(const Term&, const Term&) = default;
};

struct Offence {
  std::optional<Date> committed_on;
  bool sds_plus = false;                     // an SDS+ offence with the term the law requires
  bool would_be_sds_plus_if_sentenced_today = false;  // the progression model halves, not thirds, these
  bool section_250 = false;                  // youth detention under s.250 Sentencing Code
  OffenceExclusions exclusions;              // indexed by OffenceExclusion
  ProgressionExclusions progression_exclusions;  // indexed by ProgressionExclusion
  bool has(OffenceExclusion exclusion) const { return exclusions.test(static_cast<std::size_t>(exclusion)); }
  friend bool operator==(const Offence&, const Offence&) = default;
};

}  // namespace resettle
