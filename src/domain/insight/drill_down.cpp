// The cases behind a number (see drill_down.hpp).
#include "domain/insight/drill_down.hpp"

#include <algorithm>

#include "domain/errors.hpp"
#include "domain/insight/progress.hpp"

namespace resettle {

std::optional<std::vector<std::size_t>> cases_behind(const Cell& cell, std::span<const std::optional<bool>> outcomes,
                                                     std::span<const InsightCase> cases, Characteristic characteristic,
                                                     const Period& period, const DisclosureRules& rules) {
  auto groups = groups_of(characteristic);
  auto total = cell.group == "total";
  auto group = std::ranges::find(groups, cell.group, &Group::code);
  if (!total && group == groups.end()) throw ValidationFailed("group", "Choose a group of the characteristic, or all");
  auto split = split_outcomes(outcomes, cases, characteristic, period, rules);
  auto chosen = static_cast<std::size_t>(group - groups.begin());
  if (total ? split.total.hidden : split.rows[chosen].hidden) return std::nullopt;
  std::vector<std::size_t> behind;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    if (!outcomes[i] || (cell.only_met && !*outcomes[i])) continue;
    if (total || group_index(groups, cases[i], characteristic, period) == chosen) behind.push_back(i);
  }
  return behind;
}

}  // namespace resettle
