// Each case's part in the insight tables, and the tables summed from those parts (see figures.hpp).
#include "domain/insight/figures.hpp"

#include <algorithm>

namespace resettle {

namespace {

bool holds(const std::vector<std::string>& codes, const std::string& code) {
  return std::ranges::find(codes, code) != codes.end();
}

std::string region_of(const std::unordered_map<std::string, std::string>& regions, const std::string& code) {
  auto found = regions.find(code);
  return found == regions.end() ? "" : found->second;
}

}  // namespace

ScopeLookup::ScopeLookup(std::span<const Prison> prisons, std::span<const ProbationDeliveryUnit> pdus) {
  for (const auto& prison : prisons) prison_region_[prison.code] = prison.region_code;
  for (const auto& pdu : pdus) pdu_region_[pdu.code] = pdu.region_code;
}

bool ScopeLookup::includes(const InsightScope& scope, const CaseUnits& units) const {
  switch (scope.kind) {
    case ScopeKind::national: return true;
    case ScopeKind::pdu: return !units.pdu_code.empty() && units.pdu_code == scope.code;
    case ScopeKind::prison:
      return (!units.prison_code.empty() && units.prison_code == scope.code) || holds(units.released_from, scope.code);
    case ScopeKind::region:
      return (!units.prison_code.empty() && region_of(prison_region_, units.prison_code) == scope.code) ||
             (!units.pdu_code.empty() && region_of(pdu_region_, units.pdu_code) == scope.code);
    case ScopeKind::team: return holds(units.teams, scope.code);
  }
  return false;
}

std::vector<InsightScope> ScopeLookup::scopes_of(const CaseUnits& units) const {
  std::vector<InsightScope> scopes;
  auto add = [&](ScopeKind kind, const std::string& code) {
    if (code.empty()) return;
    InsightScope scope{kind, code};
    if (std::ranges::none_of(scopes, [&](const InsightScope& s) { return s.kind == kind && s.code == code; }))
      scopes.push_back(std::move(scope));
  };
  add(ScopeKind::pdu, units.pdu_code);
  add(ScopeKind::prison, units.prison_code);
  for (const auto& prison : units.released_from) add(ScopeKind::prison, prison);
  for (const auto& team : units.teams) add(ScopeKind::team, team);
  if (!units.prison_code.empty()) add(ScopeKind::region, region_of(prison_region_, units.prison_code));
  if (!units.pdu_code.empty()) add(ScopeKind::region, region_of(pdu_region_, units.pdu_code));
  return scopes;
}

CaseFigures figures_of(const InsightCase& c, const CaseProgress& progress, CaseUnits units, const Period& period,
                       Date today) {
  // Each characteristic's groups, made once: they are the same for every case.
  static const auto every_group = [] {
    std::vector<std::vector<Group>> groups;
    for (const auto& characteristic : characteristics()) groups.push_back(groups_of(characteristic.value));
    return groups;
  }();
  CaseFigures figures;
  figures.person_id = c.person_id;
  figures.units = std::move(units);
  for (const auto& characteristic : characteristics()) {
    const auto& groups = every_group[static_cast<std::size_t>(characteristic.value)];
    figures.groups.push_back(static_cast<std::uint8_t>(group_index(groups, c, characteristic.value, period)));
  }
  for (const auto& measure : measures()) figures.measures.push_back(outcome_of(measure.value, c, period, today));
  for (const auto& measure : progress_measures())
    figures.progress.push_back(outcome_of(measure.value, c, progress, period, today));
  figures.com_lateness = com_lateness(c, period, today);
  figures.first_contact = days_to_first_contact(progress, period, today);
  figures.officer_changes = officer_changes(c, period, today);
  return figures;
}

std::optional<OutcomeNamed> outcome_named(std::string_view code) {
  if (auto measure = parse_code(measures(), code)) return OutcomeNamed{false, static_cast<std::size_t>(*measure)};
  if (auto measure = parse_code(progress_measures(), code)) return OutcomeNamed{true, static_cast<std::size_t>(*measure)};
  return std::nullopt;
}

InsightTables tables_of(std::span<const CaseFigures* const> cases, Characteristic characteristic,
                        const DisclosureRules& rules) {
  auto by = static_cast<std::size_t>(characteristic);
  std::vector<std::size_t> groups;
  groups.reserve(cases.size());
  for (const auto* c : cases) groups.push_back(c->groups[by]);
  std::vector<std::optional<bool>> outcomes(cases.size());
  auto split = [&](auto outcome) {
    for (std::size_t i = 0; i < cases.size(); ++i) outcomes[i] = outcome(*cases[i]);
    return split_outcomes(outcomes, groups, characteristic, rules);
  };
  InsightTables tables;
  for (const auto& measure : measures()) {
    auto index = static_cast<std::size_t>(measure.value);
    tables.measures.push_back(split([&](const CaseFigures& c) { return c.measures[index]; }));
    tables.measures.back().measure = measure.value;
  }
  for (const auto& measure : progress_measures()) {
    auto index = static_cast<std::size_t>(measure.value);
    tables.progress.push_back({measure.value, split([&](const CaseFigures& c) { return c.progress[index]; })});
  }
  std::vector<std::optional<Lateness>> days(cases.size());
  std::ranges::transform(cases, days.begin(), [](const CaseFigures* c) { return c->com_lateness; });
  tables.lateness = distribution_of(days, com_lateness_day_bands(), rules);
  std::ranges::transform(cases, days.begin(), [](const CaseFigures* c) { return c->first_contact; });
  tables.first_contact = distribution_of(days, first_contact_day_bands(), rules);
  std::vector<std::optional<OfficerChanges>> changes(cases.size());
  std::ranges::transform(cases, changes.begin(), [](const CaseFigures* c) { return c->officer_changes; });
  tables.officer_changes = change_rates(changes, groups, characteristic, rules);
  return tables;
}

}  // namespace resettle
