// Outcome snapshots and distance travelled (see outcome_snapshot.hpp).
#include "domain/plan/outcome_snapshot.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <tuple>

namespace resettle {

namespace {
// Stored and sent in JSON: codes may only be added to, never changed or removed; labels may change.
constexpr std::array<Coded<Milestone>, 5> milestone_table{{
    {Milestone::sentence_start, "sentence_start", "Start of sentence"},
    {Milestone::release_first_night, "release_first_night", "Release (first night)"},
    {Milestone::release_plus_3_weeks, "release_plus_3_weeks", "3 weeks after release"},
    {Milestone::release_plus_6_weeks, "release_plus_6_weeks", "6 weeks after release"},
    {Milestone::release_plus_6_months, "release_plus_6_months", "6 months after release"},
}};
// Stored and sent in JSON: codes may only be added to, never changed or removed; labels may change.
constexpr std::array<Coded<OutcomeLevel>, 5> level_table{{
    {OutcomeLevel::in_crisis, "in_crisis", "In crisis"},
    {OutcomeLevel::struggling, "struggling", "Struggling"},
    {OutcomeLevel::getting_by, "getting_by", "Getting by"},
    {OutcomeLevel::settled, "settled", "Settled"},
    {OutcomeLevel::thriving, "thriving", "Thriving"},
}};
// Stored and sent in JSON: codes may only be added to, never changed or removed; labels may change.
constexpr std::array<Coded<Direction>, 3> direction_table{{
    {Direction::worse, "worse", "Worse"},
    {Direction::same, "same", "No change"},
    {Direction::improved, "improved", "Improved"},
}};

constexpr int three_weeks_days = 21;
constexpr int six_weeks_days = 42;
constexpr int six_months = 6;
constexpr std::size_t max_detail_length = 1000;

bool has_snapshot(std::span<const OutcomeSnapshot> snapshots, Milestone milestone) {
  return std::any_of(snapshots.begin(), snapshots.end(),
                     [&](const OutcomeSnapshot& snapshot) { return snapshot.milestone == milestone; });
}
}  // namespace

std::span<const Coded<Milestone>> milestones() { return milestone_table; }
std::span<const Coded<OutcomeLevel>> outcome_levels() { return level_table; }
std::span<const Coded<Direction>> directions() { return direction_table; }

Date milestone_date(Milestone milestone, Date sentence_start, Date release_date) {
  switch (milestone) {
    case Milestone::sentence_start: return sentence_start;
    case Milestone::release_first_night: return release_date;
    case Milestone::release_plus_3_weeks: return add_days(release_date, three_weeks_days);
    case Milestone::release_plus_6_weeks: return add_days(release_date, six_weeks_days);
    case Milestone::release_plus_6_months: return add_months(release_date, six_months);
  }
  return release_date;  // unreachable: every milestone is handled above
}

std::vector<DistanceTravelled> distance_travelled(std::span<const OutcomeSnapshot> snapshots) {
  // Time order; for a milestone recorded twice, the later recording sorts last and so stands.
  std::vector<const OutcomeSnapshot*> ordered;
  for (const auto& snapshot : snapshots) ordered.push_back(&snapshot);
  std::stable_sort(ordered.begin(), ordered.end(), [](const OutcomeSnapshot* a, const OutcomeSnapshot* b) {
    return std::tie(a->milestone, a->recorded_on) < std::tie(b->milestone, b->recorded_on);
  });
  std::vector<DistanceTravelled> distances;
  for (const auto& entry : pathways()) {
    const OutcomeSnapshot *first = nullptr, *latest = nullptr;
    for (const auto* snapshot : ordered) {
      if (!snapshot->outcomes.contains(entry.value)) continue;
      if (!first || snapshot->milestone == first->milestone) first = snapshot;
      latest = snapshot;
    }
    if (!first || first->milestone == latest->milestone) continue;
    DistanceTravelled distance;
    distance.pathway = entry.value;
    distance.from = first->milestone;
    distance.to = latest->milestone;
    distance.from_level = first->outcomes.at(entry.value).level;
    distance.to_level = latest->outcomes.at(entry.value).level;
    int moved = static_cast<int>(distance.to_level) - static_cast<int>(distance.from_level);
    distance.direction = moved > 0 ? Direction::improved : moved < 0 ? Direction::worse : Direction::same;
    distance.steps = std::abs(moved);
    distances.push_back(distance);
  }
  return distances;
}

std::vector<DueSnapshot> snapshots_due(Date today, Date sentence_start, std::optional<Date> release_date,
                                       std::span<const OutcomeSnapshot> existing) {
  std::vector<DueSnapshot> due;
  for (const auto& entry : milestones()) {
    if (entry.value != Milestone::sentence_start && !release_date) break;
    auto date = milestone_date(entry.value, sentence_start, release_date.value_or(sentence_start));
    if (date <= today && !has_snapshot(existing, entry.value)) due.push_back({entry.value, date});
  }
  return due;
}

OutcomeSnapshot read_outcome_snapshot(const FieldInput& input, Date today) {
  FieldReader reader{input};
  OutcomeSnapshot snapshot;
  snapshot.milestone = reader.code("milestone", Need::required, milestones()).value_or(Milestone::sentence_start);
  if (auto on = reader.past_date("recorded_on", Need::required, today)) snapshot.recorded_on = *on;
  bool any_pathway_given = false;
  for (const auto& entry : pathways()) {
    auto level_field = pathway_field(entry.value, "level");
    auto detail = reader.text(pathway_field(entry.value, "detail"), Need::optional, max_detail_length);
    any_pathway_given = any_pathway_given || reader.has(level_field) || !detail.empty();
    auto need = detail.empty() ? Need::optional : Need::required;  // a detail needs a level to belong to
    if (auto level = reader.code(level_field, need, outcome_levels()))
      snapshot.outcomes[entry.value] = {*level, detail};
  }
  if (!any_pathway_given) reader.fail("outcomes", "Record a level for at least one pathway");
  reader.throw_if_failed();
  return snapshot;
}

FieldInput outcome_snapshot_fields(const OutcomeSnapshot& snapshot) {
  FieldInput fields{
      {"milestone", std::string{entry_for(milestones(), snapshot.milestone).code}},
      {"recorded_on", to_iso(snapshot.recorded_on)},
  };
  for (const auto& [pathway, outcome] : snapshot.outcomes) {
    fields[pathway_field(pathway, "level")] = entry_for(outcome_levels(), outcome.level).code;
    fields[pathway_field(pathway, "detail")] = outcome.detail;
  }
  return fields;
}

}  // namespace resettle
