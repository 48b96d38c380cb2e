#pragma once
// Demo needs, plans and pre-release checklists for a few of the demo people, so the plan pages
// and the caseload's overdue column have something to show.
#include "services/clock.hpp"
#include "store/store.hpp"

namespace resettle::services {

// For up to three sentenced people `practitioner` may see: a reception screening, a plan with one
// objective and two actions (one overdue), and the checklist when the 12-week window is open.
void add_plan_demo(store::Store& store, const Clock& clock, const StaffMember& practitioner);

}  // namespace resettle::services
