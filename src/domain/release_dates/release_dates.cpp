// Release dates of a whole booking (see release_dates.hpp). A chain is a sentence and every sentence
// consecutive to it, aggregated into one term; each chain is calculated alone and the latest governs.
#include "domain/release_dates/release_dates.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <memory>
#include <span>
#include <type_traits>

#include "domain/catalogue.hpp"
#include "domain/release_dates/day_numbers.hpp"
#include "domain/release_dates/default_term.hpp"
#include "domain/release_dates/release_rules.hpp"
#include "domain/staff_catalogue.hpp"

namespace resettle {

namespace {

std::string sentence_path(std::size_t index) { return "sentences[" + std::to_string(index) + "]"; }

bool is_extended(const BookedSentence& s) {
  return s.kind == SentenceKind::extended_automatic || s.kind == SentenceKind::extended_discretionary;
}
bool is_special_custodial(const BookedSentence& s) {
  return s.kind == SentenceKind::special_custodial || s.kind == SentenceKind::special_custodial_under_18;
}
bool has_parts(const BookedSentence& s) { return is_extended(s) || is_special_custodial(s); }

// Ids are short: compared here rather than through a call to memcmp for every pair.
bool same_id(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i] != b[i]) return false;
  return true;
}

// The calculation's working lists: room on the stack for the usual booking, the heap beyond it, handed
// out in turn and given back together when the calculation ends, so that a calculation does not
// allocate. Each list is made whole at once (every length is known first), of values that need no
// destructor.
class Scratch {
 public:
  template <typename T>
  std::span<T> take(std::size_t count, const T& value = T{}) {
    static_assert(std::is_trivially_destructible_v<T> && alignof(T) <= alignof(std::max_align_t));
    std::size_t bytes = count * sizeof(T);
    std::size_t at = (used_ + alignof(T) - 1) / alignof(T) * alignof(T);
    std::byte* place;
    if (at + bytes <= room_.size()) {
      place = room_.data() + at;
      used_ = at + bytes;
    } else {
      place = overflow_.emplace_back(std::make_unique_for_overwrite<std::byte[]>(bytes)).get();
    }
    auto* first = reinterpret_cast<T*>(place);
    std::uninitialized_fill_n(first, count, value);
    return {first, count};
  }

 private:
  alignas(std::max_align_t) std::array<std::byte, 2048> room_;
  std::size_t used_ = 0;
  std::vector<std::unique_ptr<std::byte[]>> overflow_;
};

// For each sentence, the index of the sentence its consecutive_to names; -1 when concurrent or when
// the name is not in the booking (check_booking refuses that; a calculation leaves it out of every chain).
using Links = std::span<const int>;
Links links_of(const Booking& booking, Scratch& scratch) {
  const auto& sentences = booking.sentences;
  auto links = scratch.take<int>(sentences.size(), -1);
  for (std::size_t i = 0; i < sentences.size(); ++i) {
    if (!sentences[i].consecutive_to) continue;
    for (std::size_t j = 0; j < sentences.size(); ++j)
      if (same_id(sentences[j].id, *sentences[i].consecutive_to)) links[i] = int(j);
  }
  return links;
}

const Term& custodial_term(const BookedSentence& s) { return has_parts(s) && !s.custodial_term.empty() ? s.custodial_term : s.term; }

// Whether `days` from `start` end before the same day `months` later. Most terms are far from the
// edge: only those within a few days of it need the calendar.
bool shorter_than_months(DayNumber start, int days, int months) {
  if (days < months * 28) return true;
  if (days > months * 31) return false;
  return start + days < add_months(start, months);
}

// One sentence placed in its chain.
struct Part {
  const BookedSentence* sentence;
  DayNumber start;   // the day its custodial term begins in the chain
  int days = 0;      // custodial days
  Fraction release;  // share served before release (CRD/ARD)
  std::optional<Fraction> eligibility;  // share served before parole eligibility
  RegimeChoice regime;
  RegimeChoice next;  // a standard part's regime at the layer being commenced, until it is taken or not
};

// One chain: indexes into booking.sentences, root first.
using Chain = std::span<const std::size_t>;

bool adjustment_counts(const Adjustment& adjustment, const BookedSentence& sentence, Date as_at) {
  if (adjustment.effective_on && *adjustment.effective_on > as_at) return false;
  if (!adjustment.sentence_ids.empty())
    return std::find(adjustment.sentence_ids.begin(), adjustment.sentence_ids.end(), sentence.id) !=
           adjustment.sentence_ids.end();
  if (adjustment.applies_from) return *sentence.sentenced_on >= *adjustment.applies_from;
  return true;
}

struct ChainAdjustments {
  int credit = 0, unlawfully_at_large = 0, additional = 0, recall_credit = 0;
};
ChainAdjustments adjustments_for(const Booking& booking, const Chain& chain, Date as_at) {
  ChainAdjustments sum;
  for (const auto& adjustment : booking.adjustments) {
    bool counts = std::any_of(chain.begin(), chain.end(), [&](std::size_t index) {
      return adjustment_counts(adjustment, booking.sentences[index], as_at);
    });
    if (!counts) continue;
    int days = adjustment.days;
    switch (adjustment.type) {
      case AdjustmentType::remand:
      case AdjustmentType::tagged_bail: sum.credit += days; break;
      case AdjustmentType::recall_remand:
      case AdjustmentType::recall_tagged_bail: sum.recall_credit += days; break;
      case AdjustmentType::unlawfully_at_large: sum.unlawfully_at_large += days; break;
      case AdjustmentType::additional_days_awarded: sum.additional += days; break;
      case AdjustmentType::restored_additional_days: sum.additional -= days; break;
    }
  }
  return sum;
}

// Days served count from the chain's start, with credit as days already served and time unlawfully
// at large as days not served. Credit brings a point back to the day of sentence, never before it.
struct SentenceClock {
  DayNumber start;
  int credit = 0;
  int unlawfully_at_large = 0;
  DayNumber day(int served_days) const { return start + days_after_start(served_days); }
  int days_after_start(int served_days) const { return std::max(0, served_days - 1 - credit + unlawfully_at_large); }
  // An end of the term moved the same way.
  DayNumber end(DayNumber unadjusted) const { return std::max(start, unadjusted + unlawfully_at_large - credit); }
};

bool in_custody_on(const Booking& booking, DayNumber start, DayNumber day) {
  std::optional<MovementDirection> last;
  for (const auto& movement : booking.movements) {
    DayNumber on = day_number(movement.on);
    if (on >= start && on <= day) last = movement.direction;
  }
  return last != MovementDirection::out;
}

// A chain's key dates as day numbers: made, moved and compared without the calendar. Only the dates of
// the answer become dates (write_to), once, when every chain has been calculated. The kinds held are
// bits, so that merging and converting visit only the dates there are.
class ChainDates {
 public:
  bool has(KeyDateKind kind) const { return present_ & bit(kind); }
  DayNumber day(KeyDateKind kind) const { return days_[index(kind)]; }
  void set(KeyDateKind kind, DayNumber day, KeyDateRule rule) {
    present_ |= bit(kind);
    days_[index(kind)] = day;
    rules_[index(kind)] = rule;
  }
  void clear(KeyDateKind kind) { present_ &= ~bit(kind); }
  // Takes the other chain's date of this kind, or its absence.
  void take(const ChainDates& other, KeyDateKind kind) {
    if (other.has(kind)) set(kind, other.day(kind), other.rules_[index(kind)]);
    else clear(kind);
  }
  // Takes each of the other chain's dates from `first` on that is later than the one held, or where none is held.
  void take_later(const ChainDates& other, KeyDateKind first) {
    for (unsigned kinds = other.present_ & ~(bit(first) - 1); kinds; kinds &= kinds - 1) {
      auto i = std::countr_zero(kinds);
      if (!(present_ & (1u << i)) || days_[i] < other.days_[i]) {
        present_ |= 1u << i;
        days_[i] = other.days_[i];
        rules_[i] = other.rules_[i];
      }
    }
  }
  // Sets each date held into `dates` as a date.
  void write_to(KeyDates& dates) const {
    for (unsigned kinds = present_; kinds; kinds &= kinds - 1) {
      auto i = std::countr_zero(kinds);
      dates.set(static_cast<KeyDateKind>(i), {date_of(days_[i]), rules_[i]});
    }
  }

 private:
  static constexpr std::size_t index(KeyDateKind kind) { return static_cast<std::size_t>(kind); }
  static constexpr unsigned bit(KeyDateKind kind) { return 1u << index(kind); }
  static_assert(key_date_kind_count <= 16);
  std::uint16_t present_ = 0;
  std::array<DayNumber, key_date_kind_count> days_{};
  std::array<KeyDateRule, key_date_kind_count> rules_{};
};

// A tranche table with its commencements as day numbers, made once from the rule table's: each chain
// looks its term up in both tables (tranche_date, release_rules.hpp, in day numbers).
class TrancheDays {
 public:
  explicit TrancheDays(std::span<const Tranche> tranches) {
    for (const auto& tranche : tranches) rows_.push_back({tranche.up_to_days, day_number(tranche.commences)});
  }
  DayNumber commences(int term_days) const {
    for (const auto& row : rows_)
      if (term_days <= row.up_to_days) return row.commences;
    return rows_.back().commences;
  }

 private:
  struct Row {
    int up_to_days;
    DayNumber commences;
  };
  std::vector<Row> rows_;
};
const TrancheDays& sds40_tranche_days() {
  static const TrancheDays days{sds40_tranches()};
  return days;
}
const TrancheDays& progression_tranche_days() {
  static const TrancheDays days{progression_tranches()};
  return days;
}

struct ChainResult {
  ChainDates dates;
  ReleaseWorking working;
  DayNumber start = 0;
  DayNumber unadjusted_end = 0;
  std::optional<DayNumber> release;  // the release point that decides which chain governs
  bool hdc_eligible = false;
  int custodial_days = 0;  // days to the release point before adjustments (the requisite custodial period)
  int term_days = 0;       // days of the whole term, unadjusted
  bool supervised = false;  // released on a licence that top-up supervision follows
};

class ChainCalculation {
 public:
  ChainCalculation(const CalculationRequest& request, Chain chain, const RegimePerson& person, Scratch& scratch)
      : request_(request), booking_(request.booking), chain_(chain), person_(person), parts_(scratch.take<Part>(chain.size())) {}

  // The result stays the calculation's: the caller copies only the one that governs.
  const ChainResult& run() {
    place_parts();
    auto adjustments = adjustments_for(booking_, chain_, request_.as_at);
    clock_ = {result_.start, adjustments.credit, adjustments.unlawfully_at_large};
    auto& working = result_.working;
    working.sentences_in_chain = int(parts_.size());
    working.credit_days = adjustments.credit;
    working.unlawfully_at_large_days = adjustments.unlawfully_at_large;
    working.additional_days = adjustments.additional;
    working.recall_credit_days = adjustments.recall_credit;
    const auto& first = *parts_.front().sentence;
    if (first.kind == SentenceKind::indeterminate) {
      tariff();
      return result_;
    }
    expiry();
    if (first.kind == SentenceKind::detention_and_training_order) {
      training_order();
      return result_;
    }
    release();
    recall(adjustments.recall_credit);
    return result_;
  }

 private:
  void place_parts() {
    // Each part begins the day after the one before it ends.
    // The calendar places each term's end (whole months and years); each end is then a day number once.
    Date start_on = *booking_.sentences[chain_.front()].sentenced_on, end_on{};
    DayNumber start = day_number(start_on), end = 0;
    result_.start = start;
    for (std::size_t i = 0; i < chain_.size(); ++i) {
      if (i > 0) start = end + 1, start_on = add_days(end_on, 1);
      const auto& sentence = booking_.sentences[chain_[i]];
      end_on = term_end(start_on, custodial_term(sentence));
      end = day_number(end_on);
      int days = end - start + 1;
      if (sentence.kind == SentenceKind::default_term && sentence.fine_amount_pence) {
        auto served = default_term_served(date_of(start), sentence.term, *sentence.fine_amount_pence,
                                          sentence.fine_paid_pence.value_or(0));
        result_.working.default_term_limited |= served.limited;
        result_.working.days_off_for_fine_paid += served.days_off_paid;
        days = served.days;
        end = start + days - 1;
        end_on = date_of(end);
      }
      auto& part = parts_[i];  // made empty by the scratch: only what is known so far is set
      part.sentence = &sentence;
      part.start = start;
      part.days = days;
      chain_days_ += days;
    }
    custodial_end_ = end;
    DayNumber licence_end = custodial_end_;
    for (const auto& part : parts_) {
      const auto& sentence = *part.sentence;
      if (is_extended(sentence)) licence_end = term_end(licence_end + 1, sentence.extension_term);
      if (is_special_custodial(sentence)) licence_end = add_months(licence_end, 12 * sopc_licence_years);
    }
    licence_end_ = licence_end;
    result_.unadjusted_end = licence_end;
    result_.term_days = licence_end - result_.start + 1;
  }

  // A standard part's share follows its regime; an extended regime (given) has parole eligibility.
  static void take_regime(Part& part, const RegimeChoice& regime) {
    part.regime = regime;
    part.release = regime.share;
    part.eligibility.reset();
    if (regime.regime == ReleaseScheme::extended) part.eligibility = Fraction{2, 3};
  }

  // Shares of each part under the law before SDS40. Only standard parts change at a later layer.
  void set_shares() {
    for (auto& part : parts_) {
      const auto& sentence = *part.sentence;
      part.eligibility.reset();
      switch (sentence.kind) {
        case SentenceKind::standard:
          take_regime(part, standard_regime(sentence, part.days, LawLayer::before_sds40, person_, request_.as_at));
          break;
        case SentenceKind::extended_automatic: part.release = {2, 3}; break;
        case SentenceKind::extended_discretionary:
          part.release = {1, 1};
          part.eligibility = Fraction{2, 3};
          break;
        case SentenceKind::special_custodial:
        case SentenceKind::special_custodial_under_18:
          part.release = {1, 1};
          part.eligibility = sopc_half(sentence) ? Fraction{1, 2} : Fraction{2, 3};
          break;
        case SentenceKind::default_term: part.release = {1, 2}; break;
        case SentenceKind::breach_of_top_up_supervision: part.release = {1, 1}; break;
        case SentenceKind::detention_and_training_order: part.release = {1, 2}; break;
        case SentenceKind::indeterminate: break;
      }
      if (sentence.kind != SentenceKind::standard)
        part.regime = {ReleaseScheme::standard, RegimeReason::not_a_standard_sentence, part.release};
    }
  }

  // Each standard part's regime at `layer`, held beside the one it has; whether any share would change.
  bool consider(LawLayer layer) {
    bool changed = false;
    for (auto& part : parts_) {
      if (part.sentence->kind != SentenceKind::standard) continue;
      part.next = standard_regime(*part.sentence, part.days, layer, person_, request_.as_at);
      changed |= !(part.next.share == part.release);
    }
    return changed;
  }

  void take_considered() {
    for (auto& part : parts_)
      if (part.sentence->kind == SentenceKind::standard) take_regime(part, part.next);
  }

  bool sopc_half(const BookedSentence& sentence) const {
    return sentence.kind == SentenceKind::special_custodial && person_.adult &&
           !applies(LawMeasure::sopc_two_thirds, request_.as_at, sentence.law, *sentence.sentenced_on);
  }

  int release_days() const {
    int days = 0;
    for (const auto& part : parts_) days += part_of(part.days, part.release);
    return days;
  }

  DayNumber release_on(int days) const {
    return std::max(result_.start, clock_.day(days) + result_.working.additional_days);
  }

  const RegimeChoice& governing_regime() const {
    for (const auto& part : parts_)
      if (part.sentence->kind == SentenceKind::standard) return part.regime;
    return parts_.front().regime;
  }

  // Whether the layer is law for any standard part of the chain.
  bool layer_applies(LawLayer layer) const {
    return std::any_of(parts_.begin(), parts_.end(), [&](const Part& part) {
      return part.sentence->kind == SentenceKind::standard && layer_in_force(layer, *part.sentence, person_, request_.as_at);
    });
  }

  // A release before both commencements keeps the earlier rule under each. Applying the two layers in
  // turn would leave the later measure named as the one that did not apply when it would have changed a
  // share, and the earlier one only when the later one changes none: so the earlier layer's regimes are
  // worked out only then.
  void keep_earlier_rule() {
    if (layer_applies(LawLayer::progression_model) && consider(LawLayer::progression_model))
      result_.working.kept_by_release = LawMeasure::progression_model;
    else if (layer_applies(LawLayer::sds40) && consider(LawLayer::sds40))
      result_.working.kept_by_release = LawMeasure::sds40;
  }

  // Applies a layer whose measure commenced in tranches: a release point before the tranche date
  // becomes that date, unless the earlier rule had already released the person. A layer that leaves the
  // share as it was governs only a release it was law for: one before its commencement keeps the earlier
  // rule's reason (an SDS+ offence sentenced before 1 April 2020 and released at half in 2024 was released
  // under the rule of its sentence date, not under the progression model that also halves SDS+).
  void commence(LawLayer layer, LawMeasure measure, DayNumber commences, DayNumber& release) {
    if (!layer_applies(layer)) return;
    // The new regimes are considered before they are taken: no copy of the parts to go back to.
    bool changed = consider(layer);
    if (release < commences || !in_custody_on(booking_, result_.start, commences)) {
      if (changed) result_.working.kept_by_release = measure;
      return;
    }
    take_considered();
    result_.working.regime = governing_regime();
    if (!changed) return;
    if (layer == LawLayer::progression_model) progression_applied_ = true;
    release_days_ = release_days();
    DayNumber point = release_on(release_days_);
    result_.working.point.reset();
    result_.working.commenced_by.reset();
    result_.working.kept_by_release.reset();
    if (point < commences) {
      result_.working.commenced_by = measure;
      result_.working.point = date_of(point);
      release = commences;
    } else {
      release = point;
    }
  }

  void release() {
    set_shares();
    result_.working.regime = governing_regime();
    release_days_ = release_days();
    DayNumber release = release_on(release_days_);
    DayNumber sds40_commences = sds40_tranche_days().commences(chain_days_);
    DayNumber progression_commences = progression_tranche_days().commences(chain_days_);
    if (release < sds40_commences && release < progression_commences) {
      keep_earlier_rule();
    } else {
      commence(LawLayer::sds40, LawMeasure::sds40, sds40_commences, release);
      commence(LawLayer::progression_model, LawMeasure::progression_model, progression_commences, release);
    }
    auto& dates = result_.dates;
    bool parole = std::any_of(parts_.begin(), parts_.end(), [](const Part& p) { return p.eligibility.has_value(); });
    if (parole) {
      int eligibility = 0;
      for (const auto& part : parts_) eligibility += part_of(part.days, part.eligibility.value_or(part.release));
      dates.set(KeyDateKind::parole_eligibility, release_on(eligibility), parole_rule());
    }
    bool first_unconditional = is_unconditional(parts_.front());
    KeyDateRule rule = release_rule_of(first_unconditional);
    bool unconditional = first_unconditional &&
                         std::all_of(parts_.begin() + 1, parts_.end(), [&](const Part& p) { return is_unconditional(p); });
    dates.set(unconditional ? KeyDateKind::automatic_release : KeyDateKind::conditional_release, release, rule);
    if (unconditional) {
      dates.clear(KeyDateKind::licence_expiry);
      dates.clear(KeyDateKind::sentence_and_licence_expiry);
    }
    result_.release = release;
    result_.supervised = !unconditional && supervised();
    result_.hdc_eligible = std::all_of(parts_.begin(), parts_.end(), [&](const Part& part) {
      return part.sentence->kind == SentenceKind::standard && !part.sentence->recall && !part.sentence->offence.sds_plus &&
             part.regime.regime != ReleaseScheme::two_thirds && part.regime.regime != ReleaseScheme::extended &&
             part.regime.regime != ReleaseScheme::one_third;
    }) && !progression_applied_;
    result_.custodial_days = release_days_;
  }

  KeyDateRule parole_rule() const {
    const auto& sentence = *parts_.front().sentence;
    if (is_special_custodial(sentence))
      return sopc_half(sentence) ? KeyDateRule::special_custodial_parole_half : KeyDateRule::special_custodial_parole_two_thirds;
    return KeyDateRule::extended_parole_eligibility;
  }

  KeyDateRule release_rule_of(bool first_unconditional) const {
    if (result_.working.commenced_by) return KeyDateRule::commencement;
    const auto& sentence = *parts_.front().sentence;
    switch (sentence.kind) {
      case SentenceKind::extended_automatic: return KeyDateRule::extended_automatic_release;
      case SentenceKind::extended_discretionary: return KeyDateRule::extended_custodial_end;
      case SentenceKind::special_custodial:
      case SentenceKind::special_custodial_under_18: return KeyDateRule::special_custodial_end;
      case SentenceKind::default_term: return KeyDateRule::unconditional_halfway;
      case SentenceKind::breach_of_top_up_supervision: return KeyDateRule::served_in_full;
      default: break;
    }
    if (first_unconditional) return KeyDateRule::unconditional_halfway;
    switch (governing_regime().regime) {
      case ReleaseScheme::forty_percent: return KeyDateRule::forty_percent;
      case ReleaseScheme::two_thirds: return KeyDateRule::two_thirds;
      case ReleaseScheme::extended: return KeyDateRule::extended_custodial_end;
      case ReleaseScheme::one_third: return KeyDateRule::one_third;
      case ReleaseScheme::standard: break;
    }
    return KeyDateRule::halfway;
  }

  // No licence: default terms, breaches of supervision, and terms under 12 months for offences
  // committed before short-term licences commenced (unknown offence date: taken as after).
  bool is_unconditional(const Part& part) const {
    const auto& sentence = *part.sentence;
    if (sentence.kind == SentenceKind::default_term || sentence.kind == SentenceKind::breach_of_top_up_supervision) return true;
    if (sentence.kind != SentenceKind::standard || !sentence.offence.committed_on) return false;
    bool licensed = applies(LawMeasure::short_term_licence, request_.as_at, sentence.law, *sentence.offence.committed_on);
    return !licensed && shorter_than_months(part.start, part.days, licence_for_short_terms_months);
  }

  // Top-up supervision follows the licence of a term under 2 years when a standard part of it is for an
  // offence from its commencement (unknown offence date: taken as after). Its repeal is judged by the
  // release, once the release date is known.
  bool supervised() const {
    if (chain_days_ <= 1 || !shorter_than_months(result_.start, chain_days_, top_up_supervision_under_months)) return false;
    Date commenced = release_rule(LawMeasure::post_sentence_supervision).from;
    return std::any_of(parts_.begin(), parts_.end(), [&](const Part& part) {
      const auto& sentence = *part.sentence;
      return sentence.kind == SentenceKind::standard &&
             in_force(LawMeasure::post_sentence_supervision, request_.as_at, sentence.law) &&
             (sentence.offence.committed_on ? *sentence.offence.committed_on : date_of(result_.start)) >= commenced;
    });
  }

  void expiry() {
    auto& dates = result_.dates;
    bool parts = std::any_of(parts_.begin(), parts_.end(), [](const Part& p) { return has_parts(*p.sentence); });
    DayNumber sentence_end = clock_.end(custodial_end_);
    DayNumber licence_end = clock_.end(licence_end_);
    dates.set(KeyDateKind::effective_sentence_end, sentence_end, KeyDateRule::effective_sentence_end);
    if (parts) {
      bool extended = std::any_of(parts_.begin(), parts_.end(), [](const Part& p) { return is_extended(*p.sentence); });
      dates.set(KeyDateKind::sentence_expiry, licence_end,
                extended ? KeyDateRule::extended_sentence_end : KeyDateRule::special_custodial_licence);
    } else {
      dates.set(KeyDateKind::sentence_expiry, sentence_end, KeyDateRule::sentence_end);
    }
    dates.set(KeyDateKind::licence_expiry, dates.day(KeyDateKind::sentence_expiry),
              parts ? KeyDateRule::extended_licence_end : KeyDateRule::licence_to_sentence_end);
  }

  void tariff() {
    const auto& sentence = *parts_.front().sentence;
    if (sentence.term.empty()) return;  // the minimum term was not given: only a supplied tariff stands
    DayNumber tariff = clock_.end(term_end(result_.start, sentence.term));
    result_.dates.set(KeyDateKind::tariff, tariff, KeyDateRule::minimum_term);
    result_.release = tariff;
  }

  void training_order() {
    auto& dates = result_.dates;
    DayNumber mid = clock_.day(part_of(chain_days_, {1, 2}));
    dates.set(KeyDateKind::detention_training_order_mid_transfer, mid, KeyDateRule::detention_training_order_mid_term);
    result_.release = mid;
    int months = 0;
    if (!shorter_than_months(result_.start, chain_days_, dto_long_transfer_from_months)) months = 2;
    else if (!shorter_than_months(result_.start, chain_days_, dto_short_transfer_from_months)) months = 1;
    if (months == 0) return;
    dates.set(KeyDateKind::detention_training_order_early_transfer, std::max(result_.start, add_months(mid, -months)),
              KeyDateRule::detention_training_order_early_transfer);
    dates.set(KeyDateKind::detention_training_order_late_transfer, add_months(mid, months),
              KeyDateRule::detention_training_order_late_transfer);
  }

  // Fixed-term recall releases at return + N − 1 days; 56 days for adult standard sentences returned
  // from its commencement; extended, SOPC and terrorist sentences have standard recall only.
  void recall(int recall_credit) {
    const Recall* recall = nullptr;
    const BookedSentence* recalled = nullptr;
    for (const auto& part : parts_)
      if (part.sentence->recall) recall = &*part.sentence->recall, recalled = part.sentence;
    if (!recall || !recall->returned_on) return;
    auto& dates = result_.dates;
    DayNumber expiry = dates.day(dates.has(KeyDateKind::licence_expiry) ? KeyDateKind::licence_expiry : KeyDateKind::sentence_expiry);
    bool standard_only = std::any_of(parts_.begin(), parts_.end(), [](const Part& p) {
      const auto& offence = p.sentence->offence;
      return p.sentence->kind != SentenceKind::standard || offence.has(OffenceExclusion::terrorism) ||
             offence.has(OffenceExclusion::national_security);
    });
    RecallType type = standard_only ? RecallType::standard : recall->type;
    if (type != RecallType::standard && person_.adult &&
        applies(LawMeasure::fixed_term_recall_56, request_.as_at, recalled->law, *recall->returned_on))
      type = RecallType::fixed_term_56;
    result_.working.recall_applied = type;
    if (type == RecallType::standard) {
      dates.set(KeyDateKind::post_recall_release, expiry, KeyDateRule::standard_recall);
      return;
    }
    int days = type == RecallType::fixed_term_14 ? 14 : type == RecallType::fixed_term_28 ? 28 : 56;
    DayNumber returned = day_number(*recall->returned_on);
    DayNumber release = std::max(returned, returned + days - 1 - recall_credit);
    dates.set(KeyDateKind::post_recall_release, std::min(release, expiry), KeyDateRule::fixed_term_recall);
    result_.hdc_eligible = false;
  }

 private:
  const CalculationRequest& request_;
  const Booking& booking_;
  Chain chain_;
  RegimePerson person_;
  std::span<Part> parts_;
  int chain_days_ = 0;
  bool progression_applied_ = false;  // no HDC under the progression model
  int release_days_ = 0;  // release_days() of the shares taken: a layer that changes none keeps it
  DayNumber custodial_end_ = 0;
  DayNumber licence_end_ = 0;
  SentenceClock clock_;
  ChainResult result_;
};

// ---- Chains from consecutive_to -------------------------------------------------------------

// Every chain, root first; their indexes lie end to end in one list.
std::span<const Chain> chains_of(const Booking& booking, Links links, Scratch& scratch) {
  const auto& sentences = booking.sentences;
  auto next = scratch.take<int>(sentences.size(), -1);
  for (std::size_t i = 0; i < sentences.size(); ++i) {
    if (links[i] == -1) continue;
    auto& after = next[std::size_t(links[i])];
    if (after != -1)
      throw CannotCalculate("consecutive_branches", sentence_path(i) + ".consecutive_to",
                            "two sentences are consecutive to the same sentence; give the order they run in");
    after = int(i);
  }
  // Each sentence is in one chain at most.
  auto order = scratch.take<std::size_t>(sentences.size());
  auto chains = scratch.take<Chain>(sentences.size());
  std::size_t placed = 0, count = 0;
  for (std::size_t i = 0; i < sentences.size(); ++i) {
    if (sentences[i].consecutive_to) continue;
    auto first = placed;
    for (int at = int(i); at != -1; at = next[std::size_t(at)]) order[placed++] = std::size_t(at);
    chains[count++] = Chain{order.data() + first, placed - first};
  }
  return chains.first(count);
}

void check_calculable(const Booking& booking, Links links) {
  for (std::size_t i = 0; i < booking.sentences.size(); ++i) {
    const auto& sentence = booking.sentences[i];
    auto path = [i] { return sentence_path(i); };  // text only for an error: most bookings have none
    if (!sentence.sentenced_on) throw CannotCalculate("no_sentence_date", path() + ".sentenced_on", "is needed to calculate");
    bool indeterminate = sentence.kind == SentenceKind::indeterminate;
    if (!indeterminate && custodial_term(sentence).empty())
      throw CannotCalculate("no_term", path() + (has_parts(sentence) ? ".custodial_term" : ".term"), "is needed to calculate");
    if (links[i] != -1 && (indeterminate || booking.sentences[std::size_t(links[i])].kind == SentenceKind::indeterminate))
      throw CannotCalculate("consecutive_indeterminate", path() + ".consecutive_to",
                            "an indeterminate sentence cannot run consecutively here: the Parole Board decides release");
    if (sentence.kind == SentenceKind::detention_and_training_order) {
      Date start = *sentence.sentenced_on;
      int days = term_days(start, sentence.term);
      if (days < term_days(start, Term{0, 4, 0, 0}) || days > term_days(start, Term{0, 24, 0, 0}))
        throw CannotCalculate("training_order_term", path() + ".term", "a detention and training order runs 4 to 24 months");
    }
  }
}

// `adult_from`: the person's 18th birthday, worked out once a booking (unknown: taken as an adult).
RegimePerson person_at(const BookedSentence& sentence, std::optional<Date> adult_from) {
  RegimePerson person;
  person.adult = (!adult_from || *sentence.sentenced_on >= *adult_from) && !sentence.offence.section_250 &&
                 sentence.kind != SentenceKind::special_custodial_under_18 &&
                 sentence.kind != SentenceKind::detention_and_training_order;
  return person;
}

// ---- Dates built on the governing release -------------------------------------------------------

// HDC's longest period before release, widened twice, each widening a measure of the rule table: the
// rule of a date within the wider period, and of one the narrower period put after its commencement.
struct HdcWidening {
  LawMeasure measure;
  int maximum_days;
  KeyDateRule within, at_commencement;
  bool lifts_term_limit;
};
constexpr std::array<HdcWidening, 2> hdc_widenings{{
    {LawMeasure::hdc_180, hdc_maximum_days_before, KeyDateRule::home_detention_curfew,
     KeyDateRule::home_detention_curfew_180_commencement, false},
    {LawMeasure::hdc_365, hdc_maximum_days_before_extended, KeyDateRule::home_detention_curfew_365,
     KeyDateRule::home_detention_curfew_commencement, true},
}};

// The first day of HDC's window of `maximum_days` ending with the day of release, or the floor when the
// window opens before it.
struct HdcWindow {
  DayNumber floor, release;
  DayNumber opens(int maximum_days) const { return release - floor < maximum_days ? floor : release + 1 - maximum_days; }
};

// A key date inside the calculation, before it becomes a date of the answer.
struct DayDate {
  DayNumber day;
  KeyDateRule rule;
};

// HDC eligibility of one chain released on `release`. The law asks that the time be served (s.246(2):
// "has served" a quarter of the term, at least 28 days), so eligibility is the day after the last day
// of it, as PSI 03/2015's worked examples and the national calculator count it; never within 14 days of
// sentence, nor before the window ending with the day of release (s.246(1)(a)). Each widening of the
// window applies to an eligibility it gives on or after its commencement; one the narrower window put
// after the commencement moves to it (SI 2023/390 has no transitional provision; 2025's is read alike).
std::optional<DayDate> chain_hdc_eligibility(const CalculationRequest& request, const ChainResult& chain, DayNumber release) {
  if (!chain.hdc_eligible || chain.custodial_days < hdc_minimum_custodial_days) return std::nullopt;
  SentenceClock clock{chain.start, chain.working.credit_days, chain.working.unlawfully_at_large_days};
  int served = std::max(part_of(chain.term_days, {1, 4}), hdc_minimum_served_days);
  auto after_start = std::max(clock.days_after_start(served + 1), hdc_earliest_after_sentence_days);
  HdcWindow window{chain.start + after_start, release};
  if (window.floor >= window.release) return std::nullopt;
  const auto& law = request.booking.sentences.front().law;
  DayDate eligible{window.opens(hdc_maximum_days_before_2023), KeyDateRule::home_detention_curfew_135};
  bool term_limited = true;
  for (const auto& widening : hdc_widenings) {
    DayNumber wider = window.opens(widening.maximum_days);
    if (applies(widening.measure, request.as_at, law, date_of(wider))) eligible = {wider, widening.within};
    else if (in_force(widening.measure, request.as_at, law) && eligible.day >= day_number(release_rule(widening.measure).from))
      eligible = {day_number(release_rule(widening.measure).from), widening.at_commencement};
    else continue;
    term_limited = term_limited && !widening.lifts_term_limit;
  }
  if (term_limited && at_least_years(date_of(chain.start), chain.term_days, hdc_term_limit_years)) return std::nullopt;
  if (eligible.day >= release) return std::nullopt;
  return eligible;
}

// What each chain brings to the booking's HDC: its own eligibility, or, when it has none, its release.
struct ChainHdc {
  std::optional<DayDate> eligibility;
  std::optional<DayNumber> release;
};

// No HDC for the whole booking: a registered sex offender, a recall, or an SDS+ offence in any sentence.
bool hdc_excluded(const Booking& booking) {
  return booking.person.sex_offender_register ||
         std::any_of(booking.sentences.begin(), booking.sentences.end(),
                     [](const BookedSentence& s) { return s.recall.has_value() || s.offence.sds_plus; });
}

// Concurrent chains each have their own HDC eligibility; the person is eligible on the latest of them,
// and not before the release of a chain that allows no HDC (HDC policy framework, as the national
// calculator applies it). The governing chain must allow HDC, counted from the booking's release. For a
// booking hdc_excluded leaves in.
void home_detention_curfew(KeyDates& dates, const CalculationRequest& request, const ChainResult& governing,
                           std::span<const ChainHdc> chains, std::size_t governing_index) {
  const auto& booking = request.booking;
  auto released_on = automatic_release(dates);
  if (!released_on) return;
  DayNumber release = day_number(*released_on);
  // Counted from the booking's release: the governing chain's own unless a supplied date moved it.
  const auto& counted = chains[governing_index];
  auto own = counted.release == release ? counted.eligibility : chain_hdc_eligibility(request, governing, release);
  if (!own) return;
  DayDate eligible = *own;
  for (std::size_t i = 0; i < chains.size(); ++i) {
    if (i == governing_index) continue;
    if (chains[i].eligibility && chains[i].eligibility->day > eligible.day) eligible = *chains[i].eligibility;
  }
  for (std::size_t i = 0; i < chains.size(); ++i) {
    if (i == governing_index || chains[i].eligibility || !chains[i].release) continue;
    if (*chains[i].release > eligible.day) eligible = {*chains[i].release, KeyDateRule::home_detention_curfew_concurrent_release};
  }
  if (eligible.day >= release) return;
  Date eligible_on = date_of(eligible.day);
  bool adult = !booking.person.date_of_birth || age_on(*booking.person.date_of_birth, eligible_on) >= 18;
  if (adult && !applies(LawMeasure::adult_hdc, request.as_at, booking.sentences.front().law, eligible_on)) return;
  dates.set(KeyDateKind::home_detention_curfew_eligibility, {eligible_on, eligible.rule});
}

// Top-up supervision ends 12 months after the release of the term that carries it: each supervised chain
// from its own release (the governing chain's may be supplied), and the latest stands. `releases` holds
// each chain's release when it is supervised.
void top_up_supervision(KeyDates& dates, const CalculationRequest& request, std::span<const std::optional<DayNumber>> releases,
                        std::size_t governing) {
  const auto& rule = release_rule(LawMeasure::post_sentence_supervision);
  bool repeal_known = rule.until && *rule.until <= request.as_at;
  std::optional<Date> latest;
  for (std::size_t i = 0; i < releases.size(); ++i) {
    auto release = i == governing && releases[i] ? automatic_release(dates)
                   : releases[i]                 ? std::optional<Date>{date_of(*releases[i])}
                                                 : std::nullopt;
    // No new supervision: only releases before the repeal keep theirs, for history.
    if (!release || (repeal_known && *release >= *rule.until)) continue;
    Date end = add_months(*release, top_up_supervision_months);
    if (!latest || end > *latest) latest = end;
  }
  if (latest) dates.set(KeyDateKind::top_up_supervision_expiry, {*latest, KeyDateRule::top_up_supervision});
}

void early_removal(KeyDates& dates, const CalculationRequest& request, const ChainResult& governing) {
  if (!request.booking.calculate_ersed) return;
  auto release = dates.date(KeyDateKind::parole_eligibility);
  if (!release) release = automatic_release(dates);
  if (!release) return;
  const auto& sentence = request.booking.sentences.front();
  Date start = date_of(governing.start);
  int to_release = day_number(*release) - governing.start + 1;
  Date eligible;
  KeyDateRule rule;
  if (applies(LawMeasure::ersed_2025, request.as_at, sentence.law, start)) {
    eligible = std::max(add_months(*release, -12 * ersed_before_release_years), add_days(start, part_of(to_release, {3, 10}) - 1));
    rule = KeyDateRule::early_removal_2025;
  } else {
    eligible = std::max(add_days(*release, -ersed_before_release_days), add_days(start, part_of(to_release, {1, 2}) - 1));
    rule = KeyDateRule::early_removal;
  }
  dates.set(KeyDateKind::early_removal_scheme_eligibility, {eligible, rule});
}

// Read member by member rather than kind by kind through supplied_date: most bookings have none, and
// this runs for every one. The size check fails to compile when a supplied date is added.
bool any_supplied(const SuppliedKeyDates& s) {
  static_assert(sizeof(SuppliedKeyDates) == key_date_kind_count * sizeof(std::optional<Date>));
  return s.conditional_release_date || s.automatic_release_date || s.parole_eligibility_date ||
         s.home_detention_curfew_eligibility_date || s.licence_expiry_date || s.sentence_expiry_date ||
         s.sentence_and_licence_expiry_date || s.top_up_supervision_expiry_date || s.tariff_date ||
         s.post_recall_release_date || s.early_removal_scheme_eligibility_date || s.effective_sentence_end_date ||
         s.detention_training_order_early_transfer_date || s.detention_training_order_mid_transfer_date ||
         s.detention_training_order_late_transfer_date;
}

// Supplied dates stand; a supplied release or expiry replaces the computed ones it stands for.
void apply_supplied(KeyDates& dates, const SuppliedKeyDates& supplied) {
  if (supplied.conditional_release_date || supplied.automatic_release_date) {
    dates.clear(KeyDateKind::conditional_release);
    dates.clear(KeyDateKind::automatic_release);
  }
  if (supplied.sentence_and_licence_expiry_date) {
    dates.clear(KeyDateKind::licence_expiry);
    dates.clear(KeyDateKind::sentence_expiry);
  }
  for (const auto& kind : key_date_kinds())
    if (const auto& date = supplied_date(supplied, kind.value)) dates.set(kind.value, {*date, KeyDateRule::supplied});
}

// SLED replaces SED and LED when they are the same day and both computed; beside a supplied one the
// three are shown so the supplied date stays visible.
void sentence_and_licence_expiry(KeyDates& dates) {
  auto licence = dates[KeyDateKind::licence_expiry], sentence = dates[KeyDateKind::sentence_expiry];
  if (!licence || !sentence || licence->date != sentence->date) return;
  dates.fill(KeyDateKind::sentence_and_licence_expiry, {licence->date, KeyDateRule::licence_and_sentence_together});
  if (!licence->supplied() && !sentence->supplied()) {
    dates.clear(KeyDateKind::licence_expiry);
    dates.clear(KeyDateKind::sentence_expiry);
  }
}

// The release dates come first among the kinds, and are the governing chain's alone: a later chain's
// dates are merged from the kind after them.
constexpr auto first_kind_after_release = KeyDateKind(std::size_t(KeyDateKind::parole_eligibility) + 1);
static_assert(KeyDateKind::conditional_release < first_kind_after_release && KeyDateKind::automatic_release < first_kind_after_release);

// A term without a licence governs, but a concurrent sentence's licence runs past its release: the person
// leaves on that licence, so the release is conditional.
void released_on_concurrent_licence(KeyDates& dates) {
  auto release = dates[KeyDateKind::automatic_release];
  auto licence = dates.date(KeyDateKind::licence_expiry);
  if (!release || !licence || *licence <= release->date) return;
  dates.clear(KeyDateKind::automatic_release);
  dates.set(KeyDateKind::conditional_release, {release->date, KeyDateRule::concurrent_licence});
}

}  // namespace

BookingKeyDates calculate_release_dates(const CalculationRequest& request) {
  const auto& booking = request.booking;
  if (booking.sentences.empty()) throw CannotCalculate("no_sentences", "sentences", "needs at least one sentence");
  Scratch scratch;
  auto links = links_of(booking, scratch);
  check_calculable(booking, links);
  auto chains = chains_of(booking, links, scratch);
  BookingKeyDates answer;
  std::optional<ChainResult> governing;
  std::size_t governing_index = 0;
  auto supervised_releases = scratch.take<std::optional<DayNumber>>(chains.size());
  bool hdc_possible = !hdc_excluded(booking);
  auto chain_hdc = scratch.take<ChainHdc>(hdc_possible ? chains.size() : 0);
  ChainDates dates;  // the first chain's dates stand until a later one's; release dates are the governing chain's
  DayNumber earliest = day_number(*booking.sentences.front().sentenced_on), latest_end = earliest;
  std::optional<Date> adult_from;
  if (const auto& born = booking.person.date_of_birth) adult_from = birthday_at_age(*born, 18);
  for (std::size_t index = 0; index < chains.size(); ++index) {
    const auto& chain = chains[index];
    const auto& root = booking.sentences[chain.front()];
    ChainCalculation calculation{request, chain, person_at(root, adult_from), scratch};
    const auto& result = calculation.run();
    earliest = std::min(earliest, result.start);
    latest_end = std::max(latest_end, result.unadjusted_end);
    if (result.supervised) supervised_releases[index] = result.release;
    if (hdc_possible && result.release)
      chain_hdc[index] = {chain_hdc_eligibility(request, result, *result.release), result.release};
    if (!governing) {
      dates = result.dates;
    } else {
      dates.take_later(result.dates, first_kind_after_release);
    }
    if (!governing || (result.release && (!governing->release || *governing->release < *result.release))) {
      governing_index = index;
      governing = result;
    }
  }
  for (auto key : {KeyDateKind::conditional_release, KeyDateKind::automatic_release, KeyDateKind::parole_eligibility})
    dates.take(governing->dates, key);
  dates.write_to(answer.dates);
  released_on_concurrent_licence(answer.dates);
  answer.working = governing->working;
  answer.working.chains = int(chains.size());
  bool supplied = any_supplied(request.supplied);  // most bookings have none: two passes saved
  if (supplied) apply_supplied(answer.dates, request.supplied);
  if (hdc_possible) home_detention_curfew(answer.dates, request, *governing, chain_hdc, governing_index);
  top_up_supervision(answer.dates, request, supervised_releases, governing_index);
  early_removal(answer.dates, request, *governing);
  if (supplied) apply_supplied(answer.dates, request.supplied);
  sentence_and_licence_expiry(answer.dates);
  // Most bookings span one chain's whole term, already counted.
  bool one_term = earliest == governing->start && latest_end == governing->unadjusted_end;
  answer.effective_sentence_length_days = one_term ? governing->term_days : latest_end - earliest + 1;
  // Whole months: the calendar months from the first to the day after the last, or one fewer when
  // that many from the first goes past it (a later day of the month).
  Date first = date_of(earliest), after_end = date_of(latest_end + 1);
  int months = std::max(0, (int(after_end.year()) - int(first.year())) * 12 + int(unsigned(after_end.month())) -
                               int(unsigned(first.month())));
  Date whole_months = add_months(first, months);
  if (whole_months > after_end) whole_months = add_months(first, --months);
  answer.effective_sentence_length = {months / 12, months % 12, 0, latest_end - day_number(whole_months) + 1};
  return answer;
}

namespace {
// Remand and tagged bail are time held for an offence before its sentence: at most the days from the
// offence to the day before the sentence date. Of the sentences the credit counts towards, the longest
// such time; empty when one of them lacks either date (nothing to judge by).
std::optional<int> days_held_before_sentence(const Booking& booking, const Adjustment& credit, Date today) {
  std::optional<int> longest;
  for (const auto& sentence : booking.sentences) {
    if (!sentence.sentenced_on && credit.applies_from) return std::nullopt;
    if (!adjustment_counts(credit, sentence, today)) continue;
    if (!sentence.sentenced_on || !sentence.offence.committed_on) return std::nullopt;
    longest = std::max(longest.value_or(0), days_between(*sentence.offence.committed_on, *sentence.sentenced_on));
  }
  return longest;
}
}  // namespace

void check_booking(const Booking& booking, Date today) {
  std::vector<FieldError> errors;
  auto fail = [&](std::string field, std::string message) { errors.push_back({std::move(field), std::move(message)}); };
  const auto& sentences = booking.sentences;
  auto index_of = [&](const std::string& id) -> std::optional<std::size_t> {
    for (std::size_t j = 0; j < sentences.size(); ++j)
      if (sentences[j].id == id) return j;
    return std::nullopt;
  };
  auto successor_of = [&](std::size_t i) -> std::optional<std::size_t> {  // the sentence served after it
    for (std::size_t j = 0; j < sentences.size(); ++j)
      if (sentences[j].consecutive_to == sentences[i].id) return j;
    return std::nullopt;
  };
  for (std::size_t i = 0; i < sentences.size(); ++i) {
    const auto& sentence = sentences[i];
    auto path = sentence_path(i);
    if (sentence.id.empty()) fail(path + ".id", "is required");
    else if (index_of(sentence.id) != i) fail(path + ".id", "is used by another sentence");
    if (sentence.sentenced_on && *sentence.sentenced_on > today) fail(path + ".sentenced_on", "cannot be after today");
    if (sentence.sentenced_on && sentence.offence.committed_on && *sentence.offence.committed_on > *sentence.sentenced_on)
      fail(path + ".offence.committed_on", "cannot be after the sentence date");
    if (!sentence.extension_term.empty() && !is_extended(sentence))
      fail(path + ".extension_term", "is only given for an extended sentence");
    if (!sentence.custodial_term.empty() && !has_parts(sentence))
      fail(path + ".custodial_term", "is only given for an extended sentence or a SOPC (give the term instead)");
    if (is_extended(sentence) && sentence.extension_term.empty()) fail(path + ".extension_term", "is required for an extended sentence");
    if (sentence.fine_amount_pence && sentence.kind != SentenceKind::default_term)
      fail(path + ".fine_amount", "is only given for a default term");
    if (sentence.fine_paid_pence && !sentence.fine_amount_pence) fail(path + ".fine_paid", "needs the fine's amount");
    else if (sentence.fine_paid_pence && *sentence.fine_paid_pence >= *sentence.fine_amount_pence)
      fail(path + ".fine_paid", "is the whole fine or more: a fine paid in full leaves no default term to serve");
    if (sentence.consecutive_to) {
      if (!index_of(*sentence.consecutive_to)) fail(path + ".consecutive_to", "names no sentence of this booking");
      else {
        // Follow the chain: reaching this sentence again is a loop.
        auto at = index_of(*sentence.consecutive_to);
        for (std::size_t steps = 0; at && steps <= sentences.size(); ++steps) {
          if (*at == i) {
            fail(path + ".consecutive_to", "makes a loop of consecutive sentences");
            break;
          }
          const auto& next = sentences[*at].consecutive_to;
          at = next ? index_of(*next) : std::nullopt;
        }
      }
    }
    if (const auto& recall = sentence.recall) {
      if (!recall->returned_on) fail(path + ".recall.returned_on", "is required to calculate the release after recall");
      else if (*recall->returned_on > today) fail(path + ".recall.returned_on", "cannot be after today");
      if (recall->revoked_on && recall->returned_on && *recall->returned_on < *recall->revoked_on)
        fail(path + ".recall.returned_on", "cannot be before the licence was revoked");
      if (recall->revoked_on && sentence.sentenced_on && *recall->revoked_on < *sentence.sentenced_on)
        fail(path + ".recall.revoked_on", "cannot be before the sentence date");
    }
  }
  int awarded_days = 0, restored_days = 0;
  for (const auto& adjustment : booking.adjustments)
    if (adjustment.type == AdjustmentType::additional_days_awarded) awarded_days += adjustment.days;
  for (std::size_t i = 0; i < booking.adjustments.size(); ++i) {
    const auto& adjustment = booking.adjustments[i];
    auto path = "adjustments[" + std::to_string(i) + "]";
    if (adjustment.days < 0) fail(path + ".days", "cannot be negative");
    // An adjustment counts time already served (docs/decisions.md): none of it after today, and no more
    // days than have passed between its dates, or since it began when it is still running.
    if (adjustment.from && *adjustment.from > today) fail(path + ".from", "cannot be after today");
    if (adjustment.to && *adjustment.to > today) fail(path + ".to", "cannot be after today");
    if (adjustment.from && adjustment.to) {
      if (*adjustment.to < *adjustment.from) fail(path + ".to", "cannot be before from");
      else if (adjustment.days > days_between(*adjustment.from, *adjustment.to) + 1)
        fail(path + ".days", "is more than the days from " + to_iso(*adjustment.from) + " to " + to_iso(*adjustment.to));
    } else if (adjustment.from && *adjustment.from <= today && adjustment.days > days_between(*adjustment.from, today) + 1) {
      fail(path + ".days", "is more than the days from " + to_iso(*adjustment.from) + " to today");
    }
    if (adjustment.type == AdjustmentType::restored_additional_days) {
      restored_days += adjustment.days;
      if (restored_days > awarded_days)
        fail(path + ".days", "restores more days than the " + std::to_string(awarded_days) + " additional days awarded");
    }
    for (std::size_t j = 0; j < adjustment.sentence_ids.size(); ++j)
      if (!index_of(adjustment.sentence_ids[j]))
        fail(path + ".sentence_ids[" + std::to_string(j) + "]", "names no sentence of this booking");
    // Credit and restored days can never exceed the time they are taken from.
    bool shortens = adjustment.type == AdjustmentType::remand || adjustment.type == AdjustmentType::tagged_bail;
    if (!shortens) continue;
    if (auto before_sentence = days_held_before_sentence(booking, adjustment, today);
        before_sentence && adjustment.days > *before_sentence)
      fail(path + ".days", "is more than the " + std::to_string(*before_sentence) +
                               " days from the offence to the sentence it counts towards");
    // A chain is judged whole from its first sentence: its custodial days end to end, placed as the
    // calculation places them. A chain with a sentence that cannot be calculated yet is not judged.
    for (std::size_t s = 0; s < sentences.size(); ++s) {
      if (sentences[s].consecutive_to) continue;
      bool named = false, whole = true;
      int chain_days = 0;
      std::size_t parts = 0;
      Date start{};
      for (std::optional<std::size_t> at = s; at && parts <= sentences.size(); at = successor_of(*at), ++parts) {
        const auto& part = sentences[*at];
        if (!part.sentenced_on || custodial_term(part).empty()) {
          whole = false;
          break;
        }
        if (parts == 0) start = *part.sentenced_on;
        Date end = term_end(start, custodial_term(part));
        chain_days += days_between(start, end) + 1;
        start = add_days(end, 1);
        named = named || adjustment.sentence_ids.empty() ||
                std::find(adjustment.sentence_ids.begin(), adjustment.sentence_ids.end(), part.id) != adjustment.sentence_ids.end();
      }
      if (whole && named && adjustment.days > chain_days) {
        fail(path + ".days", "is more than the whole term of " + std::string{parts > 1 ? "the chain from " : ""} + sentence_path(s));
        break;
      }
    }
  }
  // The custody history is read in order: the last movement on or before a day says where the person was.
  for (std::size_t i = 0; i < booking.movements.size(); ++i) {
    auto path = "movements[" + std::to_string(i) + "].on";
    const auto& on = booking.movements[i].on;
    if (on > today) fail(path, "cannot be after today");
    else if (i > 0 && on < booking.movements[i - 1].on) fail(path, "is before the movement above it: give them in date order");
  }
  if (!errors.empty()) throw ValidationFailed(std::move(errors));
}

namespace {

// The explanation is read on staff pages (and in the API), so its parts are staff texts: each a whole
// clause, joined by "; " and ", " as a list is.
std::string adjustments_text(const ReleaseWorking& working, bool release_only) {
  std::string text;
  auto add = [&](std::string part) { text += (text.empty() ? "" : ", ") + part; };
  if (working.credit_days)
    add(staff_text_plural("((count)) day of remand and tagged bail taken off", "((count)) days of remand and tagged bail taken off",
                          working.credit_days));
  if (working.unlawfully_at_large_days)
    add(staff_text_plural("((count)) day unlawfully at large added", "((count)) days unlawfully at large added",
                          working.unlawfully_at_large_days));
  if (release_only && working.additional_days > 0)
    add(staff_text_plural("((count)) additional day awarded added", "((count)) additional days awarded added", working.additional_days));
  if (release_only && working.additional_days < 0)
    add(staff_text_plural("((count)) day restored", "((count)) days restored", -working.additional_days));
  return text;
}
}  // namespace

std::string explain_key_date(const BookingKeyDates& result, KeyDateKind kind) {
  const auto& date = result.dates[kind];
  if (!date) return {};
  auto rule = entry_for(key_date_rules(), date->rule).label;
  const auto& working = result.working;
  if (date->supplied() || working.sentences_in_chain == 0) return staff_text("((rule)).", {{"rule", rule}});  // no working recorded
  // The rule, then each clause that applies.
  std::string text{rule};
  auto add = [&](std::string clause) { text += "; " + clause; };
  bool release = kind == KeyDateKind::conditional_release || kind == KeyDateKind::automatic_release;
  if (release) {
    text = staff_text("((rule)). Regime: ((regime)), because ((reason))",
                      {{"rule", rule},
                       {"regime", entry_for(release_schemes(), working.regime.regime).label},
                       {"reason", entry_for(regime_reasons(), working.regime.reason).label}});
    if (working.commenced_by && working.point)
      add(staff_text("the point (((point))) fell before this sentence's commencement of ((measure)) on ((date)), so the date is the "
                     "commencement",
                     {{"point", to_long_date(*working.point)},
                      {"measure", entry_for(law_measures(), *working.commenced_by).label},
                      {"date", to_long_date(date->date)}}));
    if (working.kept_by_release)
      add(staff_text("((measure)) did not change it: the earlier rule released the person before it commenced for this sentence",
                     {{"measure", entry_for(law_measures(), *working.kept_by_release).label}}));
  }
  if (working.default_term_limited) add(staff_text("the default term is cut to the longest the law allows for the fine"));
  if (working.days_off_for_fine_paid)
    add(staff_text_plural("((count)) day taken off the default term for the part of the fine paid",
                          "((count)) days taken off the default term for the part of the fine paid", working.days_off_for_fine_paid));
  if (working.sentences_in_chain > 1)
    add(staff_text_plural("((count)) consecutive sentence aggregated", "((count)) consecutive sentences aggregated", working.sentences_in_chain));
  if (working.chains > 1)
    add(staff_text_plural("the latest of ((count)) concurrent sentence or chain governs",
                          "the latest of ((count)) concurrent sentences or chains governs", working.chains));
  bool adjusted = kind != KeyDateKind::tariff && kind != KeyDateKind::post_recall_release && kind != KeyDateKind::top_up_supervision_expiry;
  bool release_only = release || kind == KeyDateKind::parole_eligibility || kind == KeyDateKind::home_detention_curfew_eligibility;
  auto adjustments = adjusted ? adjustments_text(working, release_only) : std::string{};
  if (kind == KeyDateKind::tariff && working.credit_days)
    adjustments = staff_text_plural("((count)) day of remand taken off", "((count)) days of remand taken off", working.credit_days);
  if (kind == KeyDateKind::post_recall_release && working.recall_credit_days)
    adjustments = staff_text_plural("((count)) day of recall remand and tagged bail taken off",
                                    "((count)) days of recall remand and tagged bail taken off", working.recall_credit_days);
  if (!adjustments.empty()) add(adjustments);
  return text + ".";
}

}  // namespace resettle
