#pragma once
// Key dates of a sentence (CRD, ARD, PED, HDCED, LED, SED, SLED, TUSED, tariff). A date supplied by
// another system is authoritative and always wins; the rest are worked out from the sentence, and
// each says which rule produced it so a practitioner can check it.
#include <array>
#include <cstdint>
#include <optional>
#include <span>

#include "domain/code_list.hpp"
#include "domain/date.hpp"
#include "domain/sentence.hpp"

namespace resettle {

enum class KeyDateKind : std::uint8_t {
  conditional_release,
  automatic_release,
  parole_eligibility,
  home_detention_curfew_eligibility,
  licence_expiry,
  sentence_expiry,
  sentence_and_licence_expiry,
  top_up_supervision_expiry,
  tariff,
};
// Codes are the snake_case field names used in JSON and forms ("conditional_release_date", ...).
std::span<const Coded<KeyDateKind>> key_date_kinds();

// Where a key date came from; the label is the rule in plain words.
enum class KeyDateRule : std::uint8_t {
  supplied,
  halfway,
  forty_percent,
  two_thirds,
  extended_custodial_end,
  extended_parole_eligibility,
  sentence_end,
  extended_sentence_end,
  licence_to_sentence_end,
  licence_and_sentence_together,
  top_up_supervision,
  home_detention_curfew,
  one_third,
};
std::span<const Coded<KeyDateRule>> key_date_rules();

struct KeyDate {
  Date date;
  KeyDateRule rule = KeyDateRule::supplied;
  bool supplied() const { return rule == KeyDateRule::supplied; }
  friend bool operator==(const KeyDate&, const KeyDate&) = default;
};

class KeyDates {
 public:
  const std::optional<KeyDate>& operator[](KeyDateKind kind) const { return dates_[index(kind)]; }
  std::optional<Date> date(KeyDateKind kind) const {
    const auto& found = (*this)[kind];
    return found ? std::optional<Date>{found->date} : std::nullopt;
  }
  bool has(KeyDateKind kind) const { return (*this)[kind].has_value(); }
  void set(KeyDateKind kind, KeyDate date) { dates_[index(kind)] = date; }
  // Keeps a supplied date: a computed one only fills a gap.
  void fill(KeyDateKind kind, KeyDate date) {
    if (!has(kind)) set(kind, date);
  }

 private:
  static constexpr std::size_t index(KeyDateKind kind) { return static_cast<std::size_t>(kind); }
  std::array<std::optional<KeyDate>, 9> dates_{};
};

// Thresholds of the simplified release rules; see docs/decisions.md ("Key dates and responsibility").
inline constexpr int post_sentence_supervision_under_months = 24;  // sentences under 2 years
inline constexpr int post_sentence_supervision_months = 12;        // supervision to 12 months after release
inline constexpr int home_detention_curfew_minimum_term_days = 84;  // 12 weeks
inline constexpr int home_detention_curfew_under_months = 48;      // under 4 years
inline constexpr int home_detention_curfew_minimum_served_days = 28;
inline constexpr int home_detention_curfew_maximum_days = 180;  // longest time on curfew before release

// Where a supplied key date of this kind is held.
std::optional<Date>& supplied_date(SuppliedKeyDates& supplied, KeyDateKind kind);
const std::optional<Date>& supplied_date(const SuppliedKeyDates& supplied, KeyDateKind kind);

// Supplied dates first, then whatever the sentence's facts allow to be worked out.
// Determinate sentences need a start date and a length to compute anything; indeterminate
// sentences have only what was supplied (the tariff is set by the judge, not derived).
KeyDates compute_key_dates(const Sentence& sentence);

// The earliest fixed release date: the earlier of ARD and CRD, if either is known.
std::optional<Date> earlier_release(std::optional<Date> conditional_release, std::optional<Date> automatic_release);
std::optional<Date> automatic_release(const KeyDates& dates);

}  // namespace resettle
