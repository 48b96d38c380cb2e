// The cases behind a number (see drill_down.hpp).
#include "domain/insight/drill_down.hpp"

#include <algorithm>

#include "domain/errors.hpp"
#include "domain/insight/progress.hpp"

namespace resettle {

std::optional<std::vector<std::size_t>> cases_behind(const Cell& cell, std::span<const std::optional<bool>> outcomes,
                                                     std::span<const std::size_t> groups, Characteristic characteristic,
                                                     const DisclosureRules& rules) {
  auto all = groups_of(characteristic);
  auto total = cell.group == "total";
  auto group = std::ranges::find(all, cell.group, &Group::code);
  if (!total && group == all.end()) throw ValidationFailed("group", "Choose a group of the characteristic, or all");
  auto split = split_outcomes(outcomes, groups, characteristic, rules);
  auto chosen = static_cast<std::size_t>(group - all.begin());
  if (total ? split.total.hidden : split.rows[chosen].hidden) return std::nullopt;
  std::vector<std::size_t> behind;
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    if (!outcomes[i] || (cell.only_met && !*outcomes[i])) continue;
    if (total || groups[i] == chosen) behind.push_back(i);
  }
  return behind;
}

std::optional<std::vector<std::size_t>> cases_in_bucket(std::string_view code,
                                                        std::span<const std::optional<Lateness>> days,
                                                        const DayBands& bands, const DisclosureRules& rules) {
  auto distribution = distribution_of(days, bands, rules);
  auto bucket = std::ranges::find(distribution.buckets, code, &LatenessBucket::code);
  if (bucket == distribution.buckets.end()) throw ValidationFailed("band", "Choose a band of the distribution");
  if (bucket->hidden) return std::nullopt;
  auto chosen = static_cast<std::size_t>(bucket - distribution.buckets.begin());
  std::vector<std::size_t> behind;
  for (std::size_t i = 0; i < days.size(); ++i)
    if (days[i] && bucket_of(*days[i], bands) == chosen) behind.push_back(i);
  return behind;
}

}  // namespace resettle
