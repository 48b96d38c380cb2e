#pragma once
// Key dates (CRD, ARD, PED, HDCED, LED, SED, SLED, TUSED, tariff, PRRD, ERSED, ESED, DTO transfer
// dates). A date supplied by another system is authoritative and always wins; the rest are worked
// out by release_dates.hpp, and each says which rule produced it so a practitioner can check it.
#include <array>
#include <cstdint>
#include <optional>
#include <span>

#include "domain/code_list.hpp"
#include "domain/date.hpp"
#include "domain/release_dates/sentence.hpp"

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
  post_recall_release,
  early_removal_scheme_eligibility,
  effective_sentence_end,
  detention_training_order_early_transfer,
  detention_training_order_mid_transfer,
  detention_training_order_late_transfer,
};
inline constexpr std::size_t key_date_kind_count = 15;
// Stored codes: the codes are the snake_case field names stored and used in JSON and forms
// ("conditional_release_date", ...), so they may only be added to; labels may change.
std::span<const Coded<KeyDateKind>> key_date_kinds();
// The first nine, which a sentence form records as supplied by another system.
std::span<const Coded<KeyDateKind>> sentence_key_date_kinds();

// Where a key date came from; the label is the rule in plain words.
// Stored codes: the codes are stored and sent in JSON, so they may only be added to; labels may change.
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
  commencement,                   // the point fell before the measure commenced for this sentence
  extended_automatic_release,     // two-thirds of the custodial term
  special_custodial_end,
  special_custodial_parole_half,
  special_custodial_parole_two_thirds,
  special_custodial_licence,
  unconditional_halfway,          // ARD: no licence (default terms, short terms for offences before 2015-02-01)
  served_in_full,                 // ARD at the end of the term (breach of top-up supervision)
  detention_training_order_mid_term,
  detention_training_order_early_transfer,
  detention_training_order_late_transfer,
  minimum_term,
  fixed_term_recall,
  standard_recall,
  early_removal,
  early_removal_2025,
  effective_sentence_end,
  home_detention_curfew_365,
  home_detention_curfew_commencement,
  extended_licence_end,           // extended and SOPC: custodial term plus the licence period
  concurrent_licence,             // CRD: a term without a licence governs, a concurrent one's licence runs on
  home_detention_curfew_concurrent_release,  // HDCED: not before the release of a concurrent chain without HDC
  home_detention_curfew_135,                 // HDCED within the 135 days before release, before 2023-06-06
  home_detention_curfew_180_commencement,    // HDCED: the 135-day date fell after the 180-day rule commenced
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
  void clear(KeyDateKind kind) { dates_[index(kind)].reset(); }

 private:
  static constexpr std::size_t index(KeyDateKind kind) { return static_cast<std::size_t>(kind); }
  std::array<std::optional<KeyDate>, key_date_kind_count> dates_{};
};

// Where a supplied key date of this kind is held.
std::optional<Date>& supplied_date(SuppliedKeyDates& supplied, KeyDateKind kind);
const std::optional<Date>& supplied_date(const SuppliedKeyDates& supplied, KeyDateKind kind);

// The supplied dates alone, each with the rule `supplied` (and SLED when LED and SED are the same day).
KeyDates supplied_key_dates(const SuppliedKeyDates& supplied);

// One recorded sentence as a booking of its own (stored_booking.hpp): what the single-sentence lines
// of `resettle dates` answer. A person's key dates come from their whole booking.
KeyDates compute_key_dates(const Sentence& sentence);

// The earliest fixed release date: the earlier of ARD and CRD, if either is known.
std::optional<Date> earlier_release(std::optional<Date> conditional_release, std::optional<Date> automatic_release);
std::optional<Date> automatic_release(const KeyDates& dates);

}  // namespace resettle
