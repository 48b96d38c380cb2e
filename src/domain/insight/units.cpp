// Drilling down to units and the interquartile range (see units.hpp).
#include "domain/insight/units.hpp"

#include <algorithm>
#include <set>

#include "domain/allocation/continuity.hpp"

namespace resettle {

std::vector<std::pair<InsightScope, std::string>> units_within(const InsightScope& scope,
                                                               std::span<const Prison> prisons,
                                                               std::span<const ProbationDeliveryUnit> pdus,
                                                               std::span<const Team> teams) {
  std::vector<std::pair<InsightScope, std::string>> units;
  switch (scope.kind) {
    case ScopeKind::national: {
      std::set<std::string> regions;
      for (const auto& prison : prisons) regions.insert(prison.region_code);
      for (const auto& pdu : pdus) regions.insert(pdu.region_code);
      for (const auto& region : regions)
        if (!region.empty()) units.push_back({{ScopeKind::region, region}, "Region " + region});
      break;
    }
    case ScopeKind::region:
      for (const auto& pdu : pdus)
        if (pdu.region_code == scope.code) units.push_back({{ScopeKind::pdu, pdu.code}, pdu.name});
      for (const auto& prison : prisons)
        if (prison.region_code == scope.code) units.push_back({{ScopeKind::prison, prison.code}, prison.name});
      break;
    case ScopeKind::pdu:
    case ScopeKind::prison:
      for (const auto& team : teams)
        if ((scope.kind == ScopeKind::pdu ? team.pdu_code : team.prison_code) == scope.code)
          units.push_back({{ScopeKind::team, team.code}, team.name});
      break;
    case ScopeKind::team:
      break;
  }
  return units;
}

std::optional<Quartiles> quartiles_of(std::vector<double> values) {
  if (values.size() < 4) return std::nullopt;
  std::ranges::sort(values);
  auto at = [&](double fraction) {
    auto position = fraction * static_cast<double>(values.size() - 1);
    auto below = static_cast<std::size_t>(position);
    auto above = std::min(below + 1, values.size() - 1);
    return values[below] + (values[above] - values[below]) * (position - static_cast<double>(below));
  };
  return Quartiles{at(0.25), at(0.5), at(0.75)};
}

namespace {

// Hides the units' counts of people as suppress() hides cells; `value` works out each shown unit's value and
// returns it (empty: none to compare), and the values outside their interquartile range are marked.
template <typename Value>
std::optional<Quartiles> hide_and_mark(std::vector<UnitShare>& units, const DisclosureRules& rules, Value value) {
  std::vector<int> people;
  for (const auto& unit : units) people.push_back(unit.people);
  auto suppression = suppress(people, rules.threshold);
  std::vector<std::optional<double>> values(units.size());
  std::vector<double> shown;
  for (std::size_t i = 0; i < units.size(); ++i) {
    units[i].hidden = suppression.hidden[i];
    if (units[i].hidden || units[i].people == 0) continue;
    values[i] = value(units[i]);
    if (values[i]) shown.push_back(*values[i]);
  }
  auto quartiles = quartiles_of(shown);
  if (quartiles)
    for (std::size_t i = 0; i < units.size(); ++i)
      if (values[i])
        units[i].against = *values[i] < quartiles->lower   ? AgainstRange::below
                           : *values[i] > quartiles->upper ? AgainstRange::above
                                                           : AgainstRange::within;
  return quartiles;
}

}  // namespace

UnitComparison compare_units(std::vector<UnitShare> units, const DisclosureRules& rules) {
  auto quartiles = hide_and_mark(units, rules, [](UnitShare& unit) {
    unit.share = static_cast<double>(unit.met) / unit.people;
    return unit.share;
  });
  return {std::move(units), quartiles};
}

UnitComparison compare_unit_rates(std::vector<UnitShare> units, const DisclosureRules& rules) {
  auto quartiles = hide_and_mark(units, rules, [](UnitShare& unit) -> std::optional<double> {
    if (unit.days > 0) unit.per_six_months = unit.changes * static_cast<double>(continuity_period_days) / unit.days;
    return unit.per_six_months;
  });
  return {std::move(units), quartiles, true};
}

}  // namespace resettle
