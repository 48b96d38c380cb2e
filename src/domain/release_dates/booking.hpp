#pragma once
// A person's custodial record as the release-date calculation reads it: one or more sentences
// (consecutive or concurrent), typed adjustments, recalls and the custody history. Pure values:
// reading them from JSON or the store, and calculating from them, live elsewhere.
#include <bitset>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "domain/code_list.hpp"
#include "domain/date.hpp"
#include "domain/release_dates/sentence.hpp"

namespace resettle {

// Measures of release law a counterfactual run may switch off (all on by default). Codes are the
// `law` switches of the booking JSON and the rows of release_rules.hpp.
// Stored codes: the codes below are stored and sent in JSON, so they may only be added to; labels may change.
enum class LawMeasure : std::uint8_t {
  sds_plus,                  // two-thirds for the most serious 7y+ sentences (2020-04-01)
  sds_plus_widening,         // two-thirds widened to some 4-7y sentences (2022-06-28)
  sopc_two_thirds,           // adult SOPC parole eligibility at two-thirds (2022-06-28)
  sds40,                     // 40% release, in two tranches (2024-09-10, 2024-10-22)
  later_exclusions,          // more sexual, domestic-abuse and murder offences out of SDS40 (2024-12-16)
  hdc_365,                   // HDC up to 365 days before release (2025-06-03)
  ersed_2025,                // early removal: release − 4 years and 30% (2025-09-23)
  fixed_term_recall_56,      // 56-day fixed-term recall (2026-03-31)
  adult_hdc,                 // HDC for adults, which ended on 2026-09-02
  progression_model,         // release at a third, Sentencing Act 2026 (2026-10-01, in tranches)
  post_sentence_supervision, // top-up supervision (TUSED), repealed in 2026
  short_term_licence,        // a licence for terms under 12 months, for offences from 2015-02-01
  hdc_180,                   // HDC up to 180 days before release, 135 before (2023-06-06)
};
inline constexpr std::size_t law_measure_count = 13;
std::span<const Coded<LawMeasure>> law_measures();

// Which measures a calculation may apply: every one unless switched off.
struct LawSwitches {
  std::bitset<law_measure_count> off;
  bool on(LawMeasure measure) const { return !off.test(static_cast<std::size_t>(measure)); }
  void switch_off(LawMeasure measure) { off.set(static_cast<std::size_t>(measure)); }
};

struct BookedSentence {
  std::string id;  // the caller's id, unique in the booking; consecutive_to and adjustments name it
  SentenceKind kind = SentenceKind::standard;
  std::optional<Date> sentenced_on;
  Offence offence;
  Term term;            // the whole term; for extended and SOPC sentences, empty when given as the two parts
  Term custodial_term;  // extended and SOPC: the custodial part
  Term extension_term;  // extended: the extended licence; SOPC: the 1-year licence is added by law
  std::optional<std::string> consecutive_to;  // absent: concurrent
  std::optional<Recall> recall;
  std::optional<ReleaseScheme> release_scheme;  // overrides the regime the law would choose
  LawSwitches law;
  std::optional<long long> fine_amount_pence;  // default terms: the fine unpaid when the term was fixed
  std::optional<long long> fine_paid_pence;    // ... and the part of it paid since (calculations only)
};

// Stored codes: the codes below are stored and sent in JSON, so they may only be added to; labels may change.
enum class AdjustmentType : std::uint8_t {
  remand,                     // shortens release and expiry
  tagged_bail,                // shortens release and expiry (days already halved)
  recall_remand,              // shortens the post-recall release date
  recall_tagged_bail,         // shortens the post-recall release date
  unlawfully_at_large,        // lengthens release and expiry
  additional_days_awarded,    // lengthens release only
  restored_additional_days,   // shortens release only
};
std::span<const Coded<AdjustmentType>> adjustment_types();

struct Adjustment {
  AdjustmentType type = AdjustmentType::remand;
  int days = 0;
  std::optional<Date> from;
  std::optional<Date> to;
  std::vector<std::string> sentence_ids;  // empty with no applies_from: every sentence
  std::optional<Date> applies_from;       // every sentence passed on or after this day
  std::optional<Date> effective_on;       // when it took effect, where that differs from `from`
  friend bool operator==(const Adjustment&, const Adjustment&) = default;
};

// Stored codes: the codes below are stored and sent in JSON, so they may only be added to; labels may change.
enum class MovementDirection : std::uint8_t { in, out };
std::span<const Coded<MovementDirection>> movement_directions();

// One step of the custody history: it decides who was already out when a measure commenced.
struct Movement {
  Date on{};
  MovementDirection direction = MovementDirection::in;
  std::string reason;
  friend bool operator==(const Movement&, const Movement&) = default;
};

struct BookedPerson {
  std::optional<Date> date_of_birth;
  bool sex_offender_register = false;
};

struct Booking {
  BookedPerson person;
  std::vector<BookedSentence> sentences;
  std::vector<Adjustment> adjustments;
  std::vector<Movement> movements;  // in date order
  bool calculate_ersed = false;     // a foreign national liable to removal
};

// The days a term runs from `start`, counted the way the law counts them.
Date term_end(Date start, const Term& term);
int term_days(Date start, const Term& term);

}  // namespace resettle
