// A worklist page in one call (see worklist_page.hpp).
#include "services/worklist_page.hpp"

#include <stdexcept>

#include "services/audit.hpp"
#include "services/people/case_records.hpp"
#include "services/people/caseload.hpp"
#include "services/release/release_day.hpp"
#include "services/transfers/transfers.hpp"

namespace resettle::services {

PlaceNames place_names(store::Store& store) {
  auto places = list_places(store);
  PlaceNames names;
  for (const auto& prison : places.prisons) names.emplace(prison.code, prison.name);
  for (const auto& pdu : places.pdus) names.emplace(pdu.code, pdu.name);
  return names;
}

namespace {
// A dated worklist's page as dated_worklist_page gives it, not audited.
DatedWorklistPage read_dated_worklist_page(store::Store& store, Date today, const BankHolidays& holidays,
                                           const StaffMember& actor, DatedWorklist list, int weeks,
                                           const WorklistRequest& request) {
  DatedWorklistPage page{read_worklist_rows(store, actor, list, today, weeks, request), {}, place_names(store)};
  if (list == DatedWorklist::releases_due) show_days_of_release(store, holidays, page.rows.items);
  page.alerts = plan_alerts_for(store, std::span{page.rows.items}, today);
  return page;
}
}  // namespace

DatedWorklistPage dated_worklist_page(store::Store& store, const Clock& clock, const BankHolidays& holidays,
                                      const StaffMember& actor, DatedWorklist list, int weeks,
                                      const WorklistRequest& request) {
  auto page = read_dated_worklist_page(store, clock.today(), holidays, actor, list, weeks, request);
  page.rows = audited(store, actor, worklist_read, std::move(page.rows));
  return page;
}

namespace {
std::optional<DatedWorklist> dated_list(WorklistTab tab) {
  switch (tab) {
    case WorklistTab::handovers: return DatedWorklist::handovers_due;
    case WorklistTab::releases: return DatedWorklist::releases_due;
    case WorklistTab::without_com: return DatedWorklist::without_com;
    case WorklistTab::licences_to_explain: return DatedWorklist::licences_to_explain;
    case WorklistTab::overdue_handovers:
    case WorklistTab::licences:
    case WorklistTab::contact:
    case WorklistTab::cannot_come: return std::nullopt;
  }
  throw std::logic_error("unknown worklist");
}
}  // namespace

WorklistsPage worklists_page(store::Store& store, const Clock& clock, const BankHolidays& holidays, const StaffMember& actor,
                             WorklistTab tab, int weeks, const WorklistRequest& request) {
  WorklistsPage page;
  if (auto list = dated_list(tab)) {
    page.dated = dated_worklist_page(store, clock, holidays, actor, *list, weeks, request);
    page.places = page.dated->places;
  } else {
    if (tab == WorklistTab::overdue_handovers) page.overdue = overdue_handovers(store, actor, clock.today(), request);
    if (tab == WorklistTab::licences) page.licences = licences_due(store, holidays, actor, clock.today(), request);
    if (tab == WorklistTab::contact) page.contact = contact_worklist(store, clock, actor, request);
    if (tab == WorklistTab::cannot_come) page.cannot_come = cannot_come_worklist(store, actor);
    page.places = place_names(store);
  }
  page.transfers_awaiting = count_transfers_awaiting(store, actor);
  return page;
}

namespace {
// The tabs kept: dated lists of the caller's units, which the units' counters cover.
std::optional<DatedWorklist> kept_list(WorklistTab tab) {
  bool kept = tab == WorklistTab::handovers || tab == WorklistTab::releases || tab == WorklistTab::without_com;
  return kept ? dated_list(tab) : std::nullopt;
}
}  // namespace

KeptWorklistsPage kept_worklists_page(store::Store& store, WorklistMemo& memo, const Clock& clock,
                                      const BankHolidays& holidays, const StaffMember& actor, WorklistTab tab, int weeks,
                                      const WorklistRequest& request) {
  auto list = kept_list(tab);
  // Forbidden to partner agencies before anything is read; no scope is an administrator's: everyone.
  if (!list || !worklist_scope(actor, request).within) {
    auto page = std::make_shared<const WorklistsPage>(worklists_page(store, clock, holidays, actor, tab, weeks, request));
    return {{page, std::make_shared<MadeFromList>()}, page->transfers_awaiting};
  }
  auto today = clock.today();
  WorklistAsked asked{actor.id,           actor.role,       actor.prison_code,   actor.pdu_code,     tab, weeks,
                      request.prison_code, request.pdu_code, request.page.cursor, request.page.limit, today};
  auto kept = memo.get_kept(store, asked, units_listed(actor, true), [&] {
    WorklistsPage page;
    page.dated = read_dated_worklist_page(store, today, holidays, actor, *list, weeks, request);
    page.places = page.dated->places;
    return page;
  });
  std::vector<std::int64_t> shown;
  shown.reserve(kept.data->dated->rows.items.size());
  for (const auto& row : kept.data->dated->rows.items) shown.push_back(row.person.id);
  audit_list(store, actor, worklist_read, shown);
  return {std::move(kept), count_transfers_awaiting(store, actor)};
}

}  // namespace resettle::services
