// The caseload page in one call (see caseload.hpp).
#include "services/people/caseload.hpp"

#include "domain/staff/access.hpp"
#include "services/people/case_records.hpp"

namespace resettle::services {

std::optional<Caseload> caseload_of(store::Store& store, const Clock& clock, const StaffMember& actor,
                                    CaseloadScope scope, const std::string& search, const store::PageRequest& page) {
  if (!role_may(actor.role, CaseAction::view)) return std::nullopt;
  Caseload listed;
  listed.whole_unit = scope == CaseloadScope::unit || (scope == CaseloadScope::as_role && oversees_unit(actor.role));
  listed.people = listed.whole_unit ? unit_caseload(store, actor, search, page) : caseload(store, actor, search, page);
  listed.alerts = plan_alerts_for(store, listed.people.items, clock.today());
  return listed;
}

}  // namespace resettle::services
