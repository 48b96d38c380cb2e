#pragma once
// The caseload page in one call: the people this member of staff works with, a page at a time, each
// with what is overdue in their plan.
#include <optional>
#include <string>
#include <vector>

#include "services/clock.hpp"
#include "services/plan/resettlement_plan.hpp"
#include "store/store.hpp"

namespace resettle::services {

// Whose cases to list: the caller's own, everyone in their unit they may see, or, when they have not
// chosen, what their role opens on (oversees_unit: the unit; otherwise their own).
enum class CaseloadScope { as_role, own, unit };

struct Caseload {
  store::Page<PersonSummary> people;
  std::vector<PlanAlerts> alerts;  // one for each of people.items, in the same order
  bool whole_unit = false;         // the unit's people (unit_caseload), not only the caller's own (caseload)
};

// Empty for a role that may not view cases (partner agencies, whose work is the referrals sent to
// them), with nothing read or audited. Otherwise the page of people as unit_caseload or caseload
// reads and audits it, in id order (empty when none match `search`), with each one's plan alerts
// today (plan_alerts_for). Throws as those two do.
std::optional<Caseload> caseload_of(store::Store& store, const Clock& clock, const StaffMember& actor,
                                    CaseloadScope scope, const std::string& search, const store::PageRequest& page);

}  // namespace resettle::services
