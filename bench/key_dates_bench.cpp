// Key dates and responsibility for 1,000,000 synthetic sentences, and for 1,000,000 synthetic
// bookings (mixed kinds, 1-6 sentences, chains, adjustments, recalls), on one thread.
// Goal: over 1 million a second each. Items per second is the figure to read.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <random>
#include <vector>

#include "domain/responsibility/handover.hpp"
#include "domain/release_dates/key_dates.hpp"
#include "domain/release_dates/release_dates.hpp"

using namespace resettle;

namespace {

// 1,000,000; fewer with RESETTLE_BENCH_CASES=N, to profile under callgrind (bench/callgrind_key_dates.sh).
const std::size_t case_count = [] {
  const char* given = std::getenv("RESETTLE_BENCH_CASES");
  return given ? std::size_t(std::strtoul(given, nullptr, 10)) : std::size_t{1'000'000};
}();

struct SyntheticCase {
  Sentence sentence;
  ResponsibilityFacts facts;  // the case's own facts; the sentence's are added per case
};

// A fixed seed keeps every run on the same cases: mostly determinate sentences of a few weeks
// to 15 years with the four release schemes, some remand and supplied dates, and a share of
// indeterminate, recalled, immigration and early-allocation cases.
std::vector<SyntheticCase> synthetic_cases() {
  std::mt19937_64 random{20250601};
  auto chance = [&](int percent) { return static_cast<int>(random() % 100) < percent; };
  auto between = [&](int low, int high) { return low + static_cast<int>(random() % static_cast<unsigned>(high - low + 1)); };
  const Date today{std::chrono::year{2025}, std::chrono::June, std::chrono::day{1}};
  std::vector<SyntheticCase> cases(case_count);
  for (auto& one : cases) {
    Sentence& sentence = one.sentence;
    sentence.start_date = add_days(today, -between(0, 3650));
    sentence.recall = chance(5);
    if (chance(12)) {
      sentence.type = SentenceType::indeterminate;
      sentence.supplied.tariff_date = add_days(*sentence.start_date, between(365, 9000));
      if (chance(50)) sentence.target_hearing_date = add_days(today, between(-30, 900));
      sentence.last_parole_outcome_release = chance(20);
    } else {
      sentence.release_scheme = static_cast<ReleaseScheme>(between(0, 3));
      sentence.length_days = between(14, 5475);
      if (sentence.release_scheme == ReleaseScheme::extended) sentence.extension_days = between(365, 2920);
      sentence.remand_days = chance(40) ? between(1, 400) : 0;
      sentence.tagged_bail_days = chance(10) ? between(1, 60) : 0;
      if (chance(30)) sentence.supplied.conditional_release_date = add_days(*sentence.start_date, *sentence.length_days / 2);
    }
    if (chance(3)) sentence.legal_status = LegalStatus::immigration_detainee;
    ResponsibilityFacts& facts = one.facts;
    facts.today = today;
    facts.date_of_birth = add_days(today, -between(17 * 365, 80 * 365));
    facts.early_allocation = chance(3);
    facts.mappa_level = between(0, 3);
    facts.tier = static_cast<Tier>(between(0, 3));
    if (chance(5)) facts.open_prison_arrival_date = add_days(today, between(-400, 400));
    if (chance(1)) facts.manual_responsibility = ManualResponsibility::probation;
  }
  return cases;
}

void BM_KeyDatesAndResponsibility(benchmark::State& state) {
  static const auto cases = synthetic_cases();
  for (auto _ : state) {
    for (const auto& one : cases) {
      auto dates = compute_key_dates(one.sentence);
      auto facts = one.facts;
      add_sentence_facts(facts, one.sentence, dates);
      auto decision = decide_responsibility(facts);
      benchmark::DoNotOptimize(dates);
      benchmark::DoNotOptimize(decision);
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * cases.size()));
}
BENCHMARK(BM_KeyDatesAndResponsibility)->Unit(benchmark::kMillisecond)->UseRealTime();

struct SyntheticBooking {
  CalculationRequest request;
  ResponsibilityFacts facts;
};

// Fixed seed: standard sentences mostly (with SDS+, exclusions), some extended, SOPC, default terms
// and indeterminate; 1-6 sentences, 40% of later ones consecutive; remand, tagged bail, UAL and
// additional days; 8% recalled; the law as at 2026-12-06.
std::vector<SyntheticBooking> synthetic_bookings() {
  std::mt19937_64 random{20261206};
  auto chance = [&](int percent) { return static_cast<int>(random() % 100) < percent; };
  auto between = [&](int low, int high) { return low + static_cast<int>(random() % static_cast<unsigned>(high - low + 1)); };
  const Date today{std::chrono::year{2026}, std::chrono::December, std::chrono::day{6}};
  std::vector<SyntheticBooking> bookings(case_count);
  for (auto& one : bookings) {
    auto& booking = one.request.booking;
    one.request.as_at = today;
    booking.person.date_of_birth = add_days(today, -between(18 * 365, 80 * 365));
    booking.person.sex_offender_register = chance(5);
    booking.calculate_ersed = chance(10);
    int count = between(1, 6);
    Date first = add_days(today, -between(0, 3650));
    for (int i = 0; i < count; ++i) {
      BookedSentence sentence;
      sentence.id = std::to_string(i);
      sentence.sentenced_on = add_days(first, between(0, 60));
      int kind = between(0, 99);
      if (i == 0 && count == 1 && kind < 4) {
        sentence.kind = SentenceKind::indeterminate;
        sentence.term.years = between(4, 25);
      } else if (kind < 8) {
        sentence.kind = SentenceKind::extended_discretionary;
        sentence.custodial_term.years = between(4, 12);
        sentence.extension_term.years = between(1, 8);
      } else if (kind < 10) {
        sentence.kind = SentenceKind::special_custodial;
        sentence.custodial_term.years = between(2, 10);
      } else if (kind < 12) {
        sentence.kind = SentenceKind::default_term;
        sentence.term.days = between(7, 90);
      } else {
        sentence.term.months = between(1, 120);
        sentence.offence.sds_plus = sentence.term.months >= 48 && chance(20);
        if (chance(25)) sentence.offence.exclusions.set(static_cast<std::size_t>(between(0, 7)));
        if (chance(5)) sentence.offence.progression_exclusions.set(0);
      }
      if (i > 0 && chance(40) && booking.sentences.back().kind != SentenceKind::indeterminate &&
          sentence.kind != SentenceKind::indeterminate) {
        sentence.consecutive_to = booking.sentences.back().id;
      }
      if (i == 0 && sentence.kind == SentenceKind::standard && chance(8))
        sentence.recall = Recall{static_cast<RecallType>(between(0, 2)), add_days(today, -40), add_days(today, -30)};
      booking.sentences.push_back(std::move(sentence));
    }
    for (auto type : {AdjustmentType::remand, AdjustmentType::tagged_bail, AdjustmentType::unlawfully_at_large,
                      AdjustmentType::additional_days_awarded}) {
      if (!chance(type == AdjustmentType::remand ? 50 : 10)) continue;
      Adjustment adjustment;
      adjustment.type = type;
      adjustment.days = between(1, type == AdjustmentType::remand ? 20 : 10);
      booking.adjustments.push_back(std::move(adjustment));
    }
    auto& facts = one.facts;
    facts.today = today;
    facts.date_of_birth = booking.person.date_of_birth;
    facts.mappa_level = between(0, 3);
    facts.tier = static_cast<Tier>(between(0, 3));
  }
  return bookings;
}

void BM_BookingKeyDatesAndResponsibility(benchmark::State& state) {
  static const auto bookings = synthetic_bookings();
  for (auto _ : state) {
    for (const auto& one : bookings) {
      auto result = calculate_release_dates(one.request);
      auto facts = one.facts;
      facts.sentence_start_date = one.request.booking.sentences.front().sentenced_on;
      facts.sentence_type = one.request.booking.sentences.front().kind == SentenceKind::indeterminate
                                ? SentenceType::indeterminate
                                : SentenceType::determinate;
      facts.conditional_release_date = result.dates.date(KeyDateKind::conditional_release);
      facts.automatic_release_date = result.dates.date(KeyDateKind::automatic_release);
      facts.parole_eligibility_date = result.dates.date(KeyDateKind::parole_eligibility);
      facts.tariff_date = result.dates.date(KeyDateKind::tariff);
      facts.recall = one.request.booking.sentences.front().recall.has_value();
      auto decision = decide_responsibility(facts);
      benchmark::DoNotOptimize(result);
      benchmark::DoNotOptimize(decision);
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * bookings.size()));
}
BENCHMARK(BM_BookingKeyDatesAndResponsibility)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
