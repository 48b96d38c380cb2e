// Drilling down to units and the interquartile range (see units.hpp).
#include "domain/insight/units.hpp"

#include <algorithm>
#include <set>

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

UnitComparison compare_units(std::vector<UnitShare> units, const DisclosureRules& rules) {
  std::vector<int> people;
  for (const auto& unit : units) people.push_back(unit.people);
  auto suppression = suppress(people, rules.threshold);
  std::vector<double> shares;
  for (std::size_t i = 0; i < units.size(); ++i) {
    auto& unit = units[i];
    unit.hidden = suppression.hidden[i];
    if (unit.hidden || unit.people == 0) continue;
    unit.share = static_cast<double>(unit.met) / unit.people;
    shares.push_back(*unit.share);
  }
  auto quartiles = quartiles_of(shares);
  if (quartiles)
    for (auto& unit : units)
      if (unit.share)
        unit.against = *unit.share < quartiles->lower   ? AgainstRange::below
                       : *unit.share > quartiles->upper ? AgainstRange::above
                                                        : AgainstRange::within;
  return {std::move(units), quartiles};
}

}  // namespace resettle
