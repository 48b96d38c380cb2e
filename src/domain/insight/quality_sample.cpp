// The monthly quality sample: a seeded partial shuffle, reproducible on any machine (see quality_sample.hpp).
#include "domain/insight/quality_sample.hpp"

#include <algorithm>
#include <array>

namespace resettle {

namespace {

// Stored and sent in JSON: codes may only be added to; labels may change.
constexpr std::array<Coded<QualityCheck>, 5> quality_check_list{{
    {QualityCheck::plan_co_produced, "plan_co_produced", "Plan co-produced and agreed with the person"},
    {QualityCheck::own_words_present, "own_words_present", "The person's own words are present"},
    {QualityCheck::checklist_complete_before_release, "checklist_complete_before_release",
     "Pre-release checklist complete before release"},
    {QualityCheck::handover_meeting_held, "handover_meeting_held", "Handover meeting held"},
    {QualityCheck::referrals_followed_up, "referrals_followed_up", "Referrals followed up"},
}};

// FNV-1a over the team code and the month: the seed must be the same on every machine and build, which
// std::hash does not promise.
std::uint64_t seed_of(std::string_view team_code, std::chrono::year_month month) {
  std::uint64_t hash = 14695981039346656037ull;
  auto mix = [&](unsigned char byte) {
    hash ^= byte;
    hash *= 1099511628211ull;
  };
  for (unsigned char c : team_code) mix(c);
  auto months = static_cast<std::uint32_t>(static_cast<int>(month.year()) * 12 + static_cast<int>(unsigned{month.month()}));
  for (int shift = 0; shift < 32; shift += 8) mix(static_cast<unsigned char>(months >> shift));
  return hash;
}

// SplitMix64: a small generator whose sequence is fixed by its seed (std:: distributions are not).
std::uint64_t next(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

}  // namespace

std::span<const Coded<QualityCheck>> quality_checks() { return quality_check_list; }

std::vector<std::int64_t> monthly_sample(std::span<const std::int64_t> case_ids, std::string_view team_code,
                                         std::chrono::year_month month, int size) {
  std::vector<std::int64_t> ids(case_ids.begin(), case_ids.end());
  std::ranges::sort(ids);
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  auto wanted = std::min(static_cast<std::size_t>(std::max(size, 0)), ids.size());
  auto state = seed_of(team_code, month);
  for (std::size_t i = 0; i < wanted; ++i) {  // a partial Fisher-Yates shuffle of the first `wanted` places
    auto j = i + static_cast<std::size_t>(next(state) % (ids.size() - i));
    std::swap(ids[i], ids[j]);
  }
  ids.resize(wanted);
  std::ranges::sort(ids);
  return ids;
}

}  // namespace resettle
