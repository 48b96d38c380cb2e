#pragma once
// Drilling down from a scope to the units within it (England and Wales to its regions, a region to its
// PDUs and prisons, a PDU or prison to its teams), one measure at a time, with the units whose share lies
// outside the interquartile range of the shown units highlighted for review, not ranked. Pure.
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "domain/insight/insight.hpp"
#include "domain/people/place.hpp"

namespace resettle {

// The units one level down from `scope`, by name within each kind: regions for national (named
// "Region <code>", from the prisons' and PDUs' region codes); a region's PDUs then its prisons; a PDU's or
// a prison's teams; none for a team.
std::vector<std::pair<InsightScope, std::string>> units_within(const InsightScope& scope,
                                                               std::span<const Prison> prisons,
                                                               std::span<const ProbationDeliveryUnit> pdus,
                                                               std::span<const Team> teams);

// The quartiles of the values by linear interpolation between the closest ranks; empty with fewer than
// four values (too few for a range to mean anything).
struct Quartiles {
  double lower = 0.0;
  double median = 0.0;
  double upper = 0.0;
};
std::optional<Quartiles> quartiles_of(std::vector<double> values);

enum class AgainstRange { within, below, above };

struct UnitShare {
  InsightScope unit;
  std::string name;
  int people = 0;  // counted by the measure
  int met = 0;
  bool hidden = false;            // people and met are not shown (suppressed)
  std::optional<double> share{};  // empty when hidden or no people
  // Compared on the officer change rate (compare_unit_rates): the changes of lead officer of the unit's people
  // (those with a lead officer in the period) and the days they had one, and the changes per person per six
  // months, as officer_change_rates works out a group's; `met` and `share` are then left empty.
  int changes = 0;
  int days = 0;
  std::optional<double> per_six_months{};  // empty when hidden or no people
  AgainstRange against = AgainstRange::within;
  bool may_open = false;  // whether the viewer may open the unit's own view (may_view_insight), for the link
};

struct UnitComparison {
  std::vector<UnitShare> units;        // in the order given
  std::optional<Quartiles> quartiles;  // of the shown shares, or of the shown rates when by_rate
  bool by_rate = false;                // compared on the officer change rate, not on a share
};

// Hides the units' counts as suppress() hides cells (the same rules at every level), works out the shown
// shares, and marks each shown share below the lower quartile or above the upper one.
UnitComparison compare_units(std::vector<UnitShare> units, const DisclosureRules& rules);
// The same on the officer change rate: counts hidden by people as compare_units hides them, each shown unit's
// changes per person per six months of the time its people had a lead officer, and those outside the
// interquartile range of the shown rates marked. A unit whose people had no days with a lead has no rate.
UnitComparison compare_unit_rates(std::vector<UnitShare> units, const DisclosureRules& rules);

}  // namespace resettle
