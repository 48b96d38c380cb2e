// A worklist page in one call (see worklist_page.hpp).
#include "services/worklist_page.hpp"

#include "services/case_records.hpp"
#include "services/release_day.hpp"

namespace resettle::services {

PlaceNames place_names(store::Store& store) {
  auto places = list_places(store);
  PlaceNames names;
  for (const auto& prison : places.prisons) names.emplace(prison.code, prison.name);
  for (const auto& pdu : places.pdus) names.emplace(pdu.code, pdu.name);
  return names;
}

DatedWorklistPage dated_worklist_page(store::Store& store, const Clock& clock, const BankHolidays& holidays,
                                      const StaffMember& actor, DatedWorklist list, int weeks,
                                      const WorklistRequest& request) {
  DatedWorklistPage page{worklist_rows(store, actor, list, clock.today(), weeks, request), {}, place_names(store)};
  if (list == DatedWorklist::releases_due) show_days_of_release(store, holidays, page.rows.items);
  page.alerts = plan_alerts_for(store, std::span{page.rows.items}, clock.today());
  return page;
}

}  // namespace resettle::services
