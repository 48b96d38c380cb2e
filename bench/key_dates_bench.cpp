// Key dates and responsibility for 1,000,000 synthetic sentences on one thread.
// Goal: over 1 million cases a second. Items per second is the figure to read.
#include <benchmark/benchmark.h>

#include <random>
#include <vector>

#include "domain/handover.hpp"
#include "domain/key_dates.hpp"

using namespace resettle;

namespace {

constexpr std::size_t case_count = 1'000'000;

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

}  // namespace

BENCHMARK_MAIN();
