#pragma once
// How a person is doing on each pathway at fixed points from sentence start to six months after
// release, so progress can be shown as distance travelled rather than a pass or fail.
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "domain/code_list.hpp"
#include "domain/date.hpp"
#include "domain/field_input.hpp"
#include "domain/plan/pathway.hpp"

namespace resettle {

enum class Milestone {
  sentence_start,
  release_first_night,
  release_plus_3_weeks,
  release_plus_6_weeks,
  release_plus_6_months,
};
std::span<const Coded<Milestone>> milestones();  // in time order

Date milestone_date(Milestone milestone, Date sentence_start, Date release_date);

// One ordinal scale for every pathway (a later enumerator is better). For accommodation, say:
// rough sleeping is in crisis, a night shelter struggling, temporary housing getting by, a
// tenancy settled, a home they have kept for months thriving.
enum class OutcomeLevel { in_crisis, struggling, getting_by, settled, thriving };
std::span<const Coded<OutcomeLevel>> outcome_levels();

struct PathwayOutcome {
  OutcomeLevel level = OutcomeLevel::getting_by;
  std::string detail;  // optional plain words, e.g. "CAS3 placement for 12 weeks"

  bool operator==(const PathwayOutcome&) const = default;
};

struct OutcomeSnapshot {
  std::int64_t id = 0;
  std::int64_t person_id = 0;
  Milestone milestone = Milestone::sentence_start;
  Date recorded_on{};
  std::map<Pathway, PathwayOutcome> outcomes;  // pathways not known at the time are left out
};

enum class Direction { worse, same, improved };
std::span<const Coded<Direction>> directions();

struct DistanceTravelled {
  Pathway pathway = Pathway::accommodation;
  Milestone from = Milestone::sentence_start;
  Milestone to = Milestone::sentence_start;
  OutcomeLevel from_level = OutcomeLevel::getting_by;
  OutcomeLevel to_level = OutcomeLevel::getting_by;
  Direction direction = Direction::same;
  int steps = 0;  // how many levels moved, whichever way
};

// Per pathway, from its earliest recorded milestone to its latest; only pathways recorded at two
// or more milestones appear, in pathway order. Where a milestone was recorded twice the later
// recording stands.
std::vector<DistanceTravelled> distance_travelled(std::span<const OutcomeSnapshot> snapshots);

struct DueSnapshot {
  Milestone milestone = Milestone::sentence_start;
  Date due{};
};
// Milestones reached by today (date on or before today) with no snapshot yet, in time order.
// Without a release date only the sentence-start snapshot can fall due.
std::vector<DueSnapshot> snapshots_due(Date today, Date sentence_start, std::optional<Date> release_date,
                                       std::span<const OutcomeSnapshot> existing);

// Reads "milestone", "recorded_on" (not in the future) and, per pathway, "<pathway>.level" and
// "<pathway>.detail"; at least one pathway's level is required (reported against "outcomes").
OutcomeSnapshot read_outcome_snapshot(const FieldInput& input, Date today);
FieldInput outcome_snapshot_fields(const OutcomeSnapshot& snapshot);

}  // namespace resettle
