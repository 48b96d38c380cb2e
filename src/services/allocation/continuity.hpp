#pragma once
// The continuity measure (practitioner changes per six months) for one case, and for a set of
// cases such as a team's or a unit's caseload, from the allocation history.
#include <cstdint>
#include <map>
#include <span>
#include <utility>
#include <vector>

#include "domain/allocation/continuity.hpp"
#include "services/clock.hpp"
#include "store/store.hpp"

namespace resettle::services {

// For someone this member of staff may see (checked and audited by view_person).
ContinuityMeasure person_continuity(store::Store& store, const Clock& clock, const StaffMember& actor,
                                    std::int64_t person_id);

struct CaseContinuity {
  std::int64_t person_id = 0;
  ContinuityMeasure measure;
};
struct ContinuitySummary {
  std::vector<CaseContinuity> cases;  // in the order asked, people this member of staff may not see left out
  double average_changes_per_six_months = 0.0;
};
// One read transaction for the whole set, so a manager's view of a unit stays cheap.
ContinuitySummary continuity_for(store::Store& store, const StaffMember& actor, std::span<const std::int64_t> person_ids,
                                 Date today);

// Every case in the manager's prison and PDU (as the caseload's unit view lists them), so the
// manager view can show the unit's average and the cases that changed hands most.
struct UnitContinuity {
  ContinuitySummary summary;
  std::map<std::int64_t, Person> people;  // by id, for naming the cases
};
UnitContinuity unit_continuity(store::Store& store, const StaffMember& actor, Date today);

}  // namespace resettle::services
