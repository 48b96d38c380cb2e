// The person page in one call (see person_overview.hpp).
#include "services/people/person_overview.hpp"

#include <algorithm>

#include "domain/insight/equality.hpp"
#include "domain/people/custody.hpp"
#include "domain/limited_access/limited_access.hpp"
#include "services/audit.hpp"
#include "services/release/release_day.hpp"

namespace resettle::services {

PersonOverview person_overview(store::Store& store, const Clock& clock, const BankHolidays& holidays,
                               const StaffMember& actor, std::int64_t person_id) {
  PersonOverview overview;
  overview.record = view_person(store, actor, person_id, "overview");
  auto today = clock.today();
  overview.responsibility = case_responsibility(store, overview.record, today, holidays);
  overview.contacts = contacts_today(store, overview.record.current_allocations, today);
  overview.continuity = person_continuity(store, clock, actor, person_id);
  overview.handover = handover_progress_of(store, clock, actor, person_id);
  overview.transfers = person_transfers(store, clock, holidays, actor, person_id);
  overview.release = release_summary(store, person_id);
  overview.plan = plan_to_do(store, overview.record, today);
  overview.licence = licence_overview(store, clock, holidays, actor, person_id);
  overview.may_manage_access = may_manage_limited_access(actor.role);
  overview.may_see_access_history = may_see_access_history(actor);
  overview.may_allocate = may_allocate(actor);
  overview.in_custody = held_in_custody(overview.record.person.stage);
  const auto& allocations = overview.record.current_allocations;
  bool allocated = std::any_of(allocations.begin(), allocations.end(), [&](const Allocation& a) { return a.staff_id == actor.id; });
  overview.may_see_equality_facts = may_see_equality_facts(actor, true, allocated);
  if (const auto& release_day = overview.responsibility.release_day)
    overview.may_decide_release_day = may_decide_now(*release_day, actor);
  return overview;
}

}  // namespace resettle::services
