// The key-date rules of a sentence (see key_dates.hpp).
#include "domain/key_dates.hpp"

#include <algorithm>

namespace resettle {

namespace {
// Stored and sent in JSON: codes may only be added to, never changed or removed; labels may change.
constexpr std::array<Coded<KeyDateKind>, 9> kind_table{{
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
}};

// Stored and sent in JSON: codes may only be added to, never changed or removed; labels may change.
constexpr std::array<Coded<KeyDateRule>, 12> rule_table{{
    {KeyDateRule::supplied, "supplied", "Supplied by another system and kept as the authoritative date"},
    {KeyDateRule::halfway, "halfway", "Halfway point of the sentence, less remand and tagged-bail credit"},
    {KeyDateRule::forty_percent, "forty_percent",
     "40% point of the sentence (eligible sentence from September 2024), less remand and tagged-bail credit"},
    {KeyDateRule::two_thirds, "two_thirds",
     "Two-thirds point of the sentence (serious offence), less remand and tagged-bail credit"},
    {KeyDateRule::extended_custodial_end, "extended_custodial_end",
     "End of the custodial term of the extended sentence, less remand and tagged-bail credit"},
    {KeyDateRule::extended_parole_eligibility, "extended_parole_eligibility",
     "Two-thirds point of the custodial term of the extended sentence, less remand and tagged-bail credit"},
    {KeyDateRule::sentence_end, "sentence_end", "Last day of the sentence, less remand and tagged-bail credit"},
    {KeyDateRule::extended_sentence_end, "extended_sentence_end",
     "Last day of the custodial term plus the extension period, less remand and tagged-bail credit"},
    {KeyDateRule::licence_to_sentence_end, "licence_to_sentence_end", "Licence lasts until the sentence expires"},
    {KeyDateRule::licence_and_sentence_together, "licence_and_sentence_together",
     "Licence and sentence expire on the same day"},
    {KeyDateRule::top_up_supervision, "top_up_supervision",
     "Sentence under 2 years: supervision tops up to 12 months after release"},
    {KeyDateRule::home_detention_curfew, "home_detention_curfew",
     "Sentence of 12 weeks to under 4 years: a quarter of the sentence served (at least 28 days), "
     "and no more than 180 days before release"},
}};

// Where each kind of key date is held among the supplied ones, in KeyDateKind order.
using SuppliedMember = std::optional<Date> SuppliedKeyDates::*;
constexpr std::array<SuppliedMember, 9> supplied_members{{
    &SuppliedKeyDates::conditional_release_date,
    &SuppliedKeyDates::automatic_release_date,
    &SuppliedKeyDates::parole_eligibility_date,
    &SuppliedKeyDates::home_detention_curfew_eligibility_date,
    &SuppliedKeyDates::licence_expiry_date,
    &SuppliedKeyDates::sentence_expiry_date,
    &SuppliedKeyDates::sentence_and_licence_expiry_date,
    &SuppliedKeyDates::top_up_supervision_expiry_date,
    &SuppliedKeyDates::tariff_date,
}};

struct Fraction {
  int numerator;
  int denominator;
};

// Days to serve, rounded up: part of a day served counts as a whole one.
int part_of(int days, Fraction fraction) {
  auto scaled = static_cast<long long>(days) * fraction.numerator;
  return static_cast<int>((scaled + fraction.denominator - 1) / fraction.denominator);
}

// The days of a sentence run from the day it starts, inclusive, with the credit counted as
// days already served. Credit can bring a point back to the day of sentence, never before it.
struct SentenceClock {
  Date start;
  Date credited_start;

  Date day(int served_days) const { return std::max(start, add_days(credited_start, served_days - 1)); }
  bool under_months(int term_days, int months) const { return add_days(start, term_days) < add_months(start, months); }
};

struct Release {
  Fraction share;
  KeyDateRule rule;
};
Release release_for(ReleaseScheme scheme) {
  switch (scheme) {
    case ReleaseScheme::forty_percent: return {{2, 5}, KeyDateRule::forty_percent};
    case ReleaseScheme::two_thirds: return {{2, 3}, KeyDateRule::two_thirds};
    case ReleaseScheme::extended: return {{1, 1}, KeyDateRule::extended_custodial_end};
    case ReleaseScheme::standard: break;
  }
  return {{1, 2}, KeyDateRule::halfway};
}

void fill_release(KeyDates& dates, const Sentence& sentence, const SentenceClock& clock, int term) {
  if (!dates.has(KeyDateKind::conditional_release) && !dates.has(KeyDateKind::automatic_release)) {
    auto release = release_for(sentence.release_scheme);
    dates.set(KeyDateKind::conditional_release, {clock.day(part_of(term, release.share)), release.rule});
  }
  if (sentence.release_scheme == ReleaseScheme::extended)
    dates.fill(KeyDateKind::parole_eligibility,
               {clock.day(part_of(term, {2, 3})), KeyDateRule::extended_parole_eligibility});
}

void fill_expiry(KeyDates& dates, const Sentence& sentence, const SentenceClock& clock, int term) {
  if (dates.has(KeyDateKind::sentence_and_licence_expiry)) return;  // a supplied SLED stands for both
  bool extended = sentence.release_scheme == ReleaseScheme::extended;
  auto whole = term + (extended ? sentence.extension_days.value_or(0) : 0);
  auto end = clock.day(whole);
  dates.fill(KeyDateKind::sentence_expiry, {end, extended ? KeyDateRule::extended_sentence_end : KeyDateRule::sentence_end});
  dates.fill(KeyDateKind::licence_expiry, {end, KeyDateRule::licence_to_sentence_end});
}

void fill_supervision(KeyDates& dates, const Sentence& sentence, const SentenceClock& clock, int term) {
  auto release = automatic_release(dates);
  if (!release) return;
  bool standard_kind = sentence.release_scheme != ReleaseScheme::extended;
  if (standard_kind && term > 1 && clock.under_months(term, post_sentence_supervision_under_months))
    dates.fill(KeyDateKind::top_up_supervision_expiry,
               {add_months(*release, post_sentence_supervision_months), KeyDateRule::top_up_supervision});
  bool curfew_scheme =
      sentence.release_scheme == ReleaseScheme::standard || sentence.release_scheme == ReleaseScheme::forty_percent;
  if (curfew_scheme && term >= home_detention_curfew_minimum_term_days &&
      clock.under_months(term, home_detention_curfew_under_months)) {
    auto served = std::max(part_of(term, {1, 4}), home_detention_curfew_minimum_served_days);
    auto eligible = std::max(clock.day(served), add_days(*release, -home_detention_curfew_maximum_days));
    if (eligible < *release)
      dates.fill(KeyDateKind::home_detention_curfew_eligibility, {eligible, KeyDateRule::home_detention_curfew});
  }
}

void fill_sentence_and_licence_expiry(KeyDates& dates) {
  auto licence = dates.date(KeyDateKind::licence_expiry), sentence = dates.date(KeyDateKind::sentence_expiry);
  if (licence && sentence && *licence == *sentence)
    dates.fill(KeyDateKind::sentence_and_licence_expiry, {*licence, KeyDateRule::licence_and_sentence_together});
}
}  // namespace

std::span<const Coded<KeyDateKind>> key_date_kinds() { return kind_table; }
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
  KeyDates dates;
  for (const auto& kind : kind_table)
    if (const auto& date = supplied_date(sentence.supplied, kind.value)) dates.set(kind.value, {*date, KeyDateRule::supplied});
  bool computable = sentence.type == SentenceType::determinate && sentence.start_date && sentence.length_days &&
                    *sentence.length_days > 0;
  if (computable) {
    auto term = *sentence.length_days;
    SentenceClock clock{*sentence.start_date,
                        add_days(*sentence.start_date, -(sentence.remand_days + sentence.tagged_bail_days))};
    fill_release(dates, sentence, clock, term);
    fill_expiry(dates, sentence, clock, term);
    fill_supervision(dates, sentence, clock, term);
  }
  fill_sentence_and_licence_expiry(dates);
  return dates;
}

}  // namespace resettle
