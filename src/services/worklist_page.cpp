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
// dated_worklist_page without its audit.
DatedWorklistPage read_dated_worklist_page(store::Store& store, const Clock& clock, const BankHolidays& holidays,
                                           const StaffMember& actor, DatedWorklist list, int weeks,
                                           const WorklistRequest& request) {
  DatedWorklistPage page{read_worklist_rows(store, actor, list, clock.today(), weeks, request), {}, place_names(store)};
  if (list == DatedWorklist::releases_due) show_days_of_release(store, holidays, page.rows.items);
  page.alerts = plan_alerts_for(store, std::span{page.rows.items}, clock.today());
  return page;
}
}  // namespace

DatedWorklistPage dated_worklist_page(store::Store& store, const Clock& clock, const BankHolidays& holidays,
                                      const StaffMember& actor, DatedWorklist list, int weeks,
                                      const WorklistRequest& request) {
  auto page = read_dated_worklist_page(store, clock, holidays, actor, list, weeks, request);
  audit_shown(store, actor, worklist_read, page.rows.items);
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

// The licences to go through as their tab shows them, kept: its rows dated by release, with plan alerts.
DatedWorklistPage kept_licences_to_explain(store::Store& store, WorklistMemos& memos, const Clock& clock,
                                           const BankHolidays& holidays, const StaffMember& actor,
                                           const WorklistRequest& request) {
  auto kept = kept_worklist(store, memos.licences_to_explain, actor, request, clock.today(), [&] {
    return read_dated_worklist_page(store, clock, holidays, actor, DatedWorklist::licences_to_explain, 0, request);
  });
  audit_shown(store, actor, worklist_read, kept->rows.items);
  auto page = *kept;  // a copy, of fifty rows at most
  page.places = place_names(store);  // reference data no unit's counter follows: read with every page
  return page;
}
}  // namespace

WorklistsPage worklists_page(store::Store& store, WorklistMemos& memos, const Clock& clock, const BankHolidays& holidays,
                             const StaffMember& actor, WorklistTab tab, int weeks, const WorklistRequest& request) {
  WorklistsPage page;
  if (auto list = dated_list(tab)) {
    page.dated = tab == WorklistTab::licences_to_explain
                     ? kept_licences_to_explain(store, memos, clock, holidays, actor, request)
                     : dated_worklist_page(store, clock, holidays, actor, *list, weeks, request);
    page.places = page.dated->places;
  } else {
    if (tab == WorklistTab::overdue_handovers) page.overdue = overdue_handovers(store, actor, clock.today(), request);
    if (tab == WorklistTab::licences) {
      page.licences = *kept_worklist(store, memos.licences, actor, request, clock.today(), [&] {
        return read_licences_due(store, holidays, actor, clock.today(), request);
      });
      audit_shown(store, actor, worklist_read, page.licences->items);
    }
    if (tab == WorklistTab::contact) {
      page.contact = *kept_worklist(store, memos.contact, actor, request, contact_today(clock),
                                    [&] { return read_contact_worklist(store, clock, actor, request); });
      audit_shown(store, actor, "worklist: contact", page.contact->items);
    }
    if (tab == WorklistTab::cannot_come) page.cannot_come = cannot_come_worklist(store, actor);
    page.places = place_names(store);
  }
  page.transfers_awaiting = count_transfers_awaiting(store, actor);
  return page;
}

namespace {
// The tabs kept whole: dated lists of the caller's units, which the units' counters cover.
std::optional<DatedWorklist> kept_list(WorklistTab tab) {
  bool kept = tab == WorklistTab::handovers || tab == WorklistTab::releases || tab == WorklistTab::without_com;
  return kept ? dated_list(tab) : std::nullopt;
}
}  // namespace

KeptWorklistsPage kept_worklists_page(store::Store& store, WorklistMemos& memos, const Clock& clock,
                                      const BankHolidays& holidays, const StaffMember& actor, WorklistTab tab, int weeks,
                                      const WorklistRequest& request) {
  auto list = kept_list(tab);
  // Forbidden to partner agencies before anything is read; no scope is an administrator's: everyone.
  if (!list || !worklist_scope(actor, request).within) {
    auto page = std::make_shared<const WorklistsPage>(worklists_page(store, memos, clock, holidays, actor, tab, weeks, request));
    return {{page, std::make_shared<MadeFromList>()}, page->transfers_awaiting};
  }
  auto today = clock.today();
  WorklistsPageAsked asked{{actor.id, actor.role, actor.prison_code, actor.pdu_code, request.prison_code, request.pdu_code,
                            request.page.cursor, request.page.limit, today},
                           tab,
                           weeks};
  auto kept = memos.unit_tabs.get_kept(store, asked, units_listed(actor, true), [&] {
    WorklistsPage page;
    page.dated = read_dated_worklist_page(store, clock, holidays, actor, *list, weeks, request);
    page.places = page.dated->places;
    return page;
  });
  audit_shown(store, actor, worklist_read, kept.data->dated->rows.items);
  return {std::move(kept), count_transfers_awaiting(store, actor)};
}

}  // namespace resettle::services
