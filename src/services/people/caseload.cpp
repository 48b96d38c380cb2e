// The caseload page in one call (see caseload.hpp).
#include "services/people/caseload.hpp"

#include "domain/staff/access.hpp"
#include "services/audit.hpp"
#include "services/people/case_records.hpp"
#include "store/list_changes.hpp"

namespace resettle::services {

store::Page<PersonSummary> read_unit_caseload(store::Transaction& tx, const StaffMember& actor, const std::string& search,
                                              const store::PageRequest& page) {
  store::PersonFilter filter;
  filter.search = search;
  filter.within = scope_for(actor);
  filter.seen_by = actor.id;
  return tx.people().list_summaries(filter, page);
}

store::Page<PersonSummary> read_own_caseload(store::Transaction& tx, const StaffMember& actor, const std::string& search,
                                             const store::PageRequest& page) {
  return tx.people().caseload({actor.id, search, actor.id}, page);
}

std::vector<std::string> units_listed(const StaffMember& actor, bool whole_unit) {
  if (!whole_unit) return {store::caseload_lists(actor.id)};
  return store::lists_within(store::UnitScope{actor.prison_code, actor.pdu_code, actor.id});
}

KeptList<Caseload> kept_caseload_of(store::Store& store, CaseloadMemo& memo, const Clock& clock, const StaffMember& actor,
                                    CaseloadScope scope, const std::string& search, const store::PageRequest& page) {
  if (!role_may(actor.role, CaseAction::view)) return {nullptr, std::make_shared<MadeFromList>()};
  bool whole_unit = scope == CaseloadScope::unit || (scope == CaseloadScope::as_role && oversees_unit(actor.role));
  auto today = clock.today();
  auto read = [&] {
    Caseload listed;
    listed.whole_unit = whole_unit;
    listed.people = whole_unit ? read_unit_caseload(*store.begin_read(), actor, search, page)
                               : read_own_caseload(*store.begin_read(), actor, search, page);
    listed.alerts = plan_alerts_for(store, listed.people.items, today);
    return listed;
  };
  // An administrator's whole-unit list is everyone, which no unit's counter covers.
  auto listed = whole_unit && !scope_for(actor)
                    ? KeptList<Caseload>{std::make_shared<const Caseload>(read()), std::make_shared<MadeFromList>()}
                    : memo.get_kept(store,
                                    CaseloadAsked{actor.id, actor.role, actor.prison_code, actor.pdu_code, whole_unit,
                                                  search, page.cursor, page.limit, today},
                                    units_listed(actor, whole_unit), read);
  audit_shown(store, actor, whole_unit ? unit_list_read : own_list_read, listed.data->people.items);
  return listed;
}

std::shared_ptr<const Caseload> caseload_of(store::Store& store, CaseloadMemo& memo, const Clock& clock,
                                            const StaffMember& actor, CaseloadScope scope, const std::string& search,
                                            const store::PageRequest& page) {
  return kept_caseload_of(store, memo, clock, actor, scope, search, page).data;
}

}  // namespace resettle::services
