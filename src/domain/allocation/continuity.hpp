#pragma once
// Continuity of care: how often the person has had to start again with a new practitioner.
// Counted from the allocation history, lead allocations only (a deputy covering is not a change),
// each role on its own line: the first lead in a role is not a change, a new lead who is a
// different person from the one before is, and a lead allocated again to the same person (for
// example after a prison move) is not. A COM joining at handover is the first COM, not a change
// of POM, so the measure runs across prison moves and across the gate.
#include <map>
#include <span>
#include <vector>

#include "domain/allocation/allocation.hpp"

namespace resettle {

// The period a rate is given per, and the shortest period a rate is worked out over: a case
// only weeks old with one change is not "13 changes per six months".
inline constexpr int continuity_period_days = 183;  // six months

struct ContinuityMeasure {
  int lead_changes = 0;              // all roles together
  std::map<Role, int> changes_by_role;  // only roles that had a lead
  int days_known = 0;                // from the first lead allocation to today (0 with none)
  double changes_per_six_months = 0.0;
  friend bool operator==(const ContinuityMeasure&, const ContinuityMeasure&) = default;
};

// `history` in any order; allocations starting after today are ignored.
ContinuityMeasure continuity_of(std::span<const Allocation> history, Date today);

// The mean rate over a set of cases (a team's or a unit's), cases with no lead left out;
// 0 when none has one.
double average_changes_per_six_months(std::span<const ContinuityMeasure> measures);

}  // namespace resettle
