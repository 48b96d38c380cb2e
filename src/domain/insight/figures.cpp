// Each case's part in the insight tables, and the tables summed from those parts (see figures.hpp).
#include "domain/insight/figures.hpp"

#include <algorithm>

namespace resettle {

namespace {

bool holds(const std::vector<std::string>& codes, const std::string& code) {
  return std::ranges::find(codes, code) != codes.end();
}

}  // namespace

ScopeLookup::ScopeLookup(std::span<const Prison> prisons, std::span<const ProbationDeliveryUnit> pdus) {
  for (const auto& prison : prisons) prison_region_[prison.code] = prison.region_code;
  for (const auto& pdu : pdus) pdu_region_[pdu.code] = pdu.region_code;
}

const std::string* ScopeLookup::region_of(const Regions& regions, const std::string& code) {
  if (code.empty()) return nullptr;
  auto found = regions.find(code);
  return found == regions.end() ? nullptr : &found->second;
}

bool ScopeLookup::includes(const InsightScope& scope, const CaseUnits& units) const {
  switch (scope.kind) {
    case ScopeKind::national: return true;
    case ScopeKind::pdu: return !units.pdu_code.empty() && units.pdu_code == scope.code;
    case ScopeKind::prison:
      return (!units.prison_code.empty() && units.prison_code == scope.code) || holds(units.released_from, scope.code);
    case ScopeKind::region: {
      const auto* held = region_of(prison_region_, units.prison_code);
      const auto* supervised = region_of(pdu_region_, units.pdu_code);
      return (held && *held == scope.code) || (supervised && *supervised == scope.code);
    }
    case ScopeKind::team: return holds(units.teams, scope.code);
  }
  return false;
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
    auto at = static_cast<std::size_t>(characteristic.value);
    figures.groups[at] = static_cast<std::uint8_t>(group_index(every_group[at], c, characteristic.value, period));
  }
  for (const auto& measure : measures())
    figures.measures[static_cast<std::size_t>(measure.value)] = outcome_of(measure.value, c, period, today);
  for (const auto& measure : progress_measures())
    figures.progress[static_cast<std::size_t>(measure.value)] = outcome_of(measure.value, c, progress, period, today);
  figures.com_lateness = com_lateness(c, period, today);
  figures.first_contact = days_to_first_contact(progress, period, today);
  figures.officer_changes = officer_changes(c, period, today);
  figures.referrals = reach_by_service(progress.referrals, period, today);
  return figures;
}

std::optional<OutcomeNamed> outcome_named(std::string_view code) {
  if (auto measure = parse_code(measures(), code)) return OutcomeNamed{false, static_cast<std::size_t>(*measure)};
  if (auto measure = parse_code(progress_measures(), code)) return OutcomeNamed{true, static_cast<std::size_t>(*measure)};
  return std::nullopt;
}

InsightTables tables_of(std::span<const CaseFigures* const> cases, Characteristic characteristic,
                        const DisclosureRules& rules) {
  // One pass over the cases, each counted in every table at once: a view is summed from hundreds of
  // thousands of them on a request.
  auto lateness_bands = com_lateness_day_bands();
  auto contact_bands = first_contact_day_bands();
  InsightTables tables{{}, empty_distribution(lateness_bands), {}, empty_distribution(contact_bands),
                       empty_rates(characteristic)};
  for (const auto& measure : measures()) {
    tables.measures.push_back(empty_split(characteristic));
    tables.measures.back().measure = measure.value;
  }
  for (const auto& measure : progress_measures()) tables.progress.push_back({measure.value, empty_split(characteristic)});
  auto by = static_cast<std::size_t>(characteristic);
  for (const auto* c : cases) {
    auto group = c->groups[by];
    for (std::size_t i = 0; i < measure_count; ++i)
      if (c->measures[i]) count(tables.measures[i], group, *c->measures[i]);
    for (std::size_t i = 0; i < progress_measure_count; ++i)
      if (c->progress[i]) count(tables.progress[i].split, group, *c->progress[i]);
    if (c->com_lateness) count(tables.lateness, *c->com_lateness, lateness_bands);
    if (c->first_contact) count(tables.first_contact, *c->first_contact, contact_bands);
    if (c->officer_changes) count(tables.officer_changes, group, *c->officer_changes);
  }
  for (auto& split : tables.measures) finish(split, rules);
  for (auto& progress : tables.progress) finish(progress.split, rules);
  finish(tables.lateness, rules);
  finish(tables.first_contact, rules);
  finish(tables.officer_changes, rules);
  return tables;
}

}  // namespace resettle
