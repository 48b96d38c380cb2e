#pragma once
// A worklist page in one call: its rows, the names of the places they are in and what is overdue in
// each one's plan.
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "domain/bank_holidays.hpp"
#include "services/clock.hpp"
#include "services/list_memo.hpp"
#include "services/supervision/appointments.hpp"
#include "services/supervision/contact_plans.hpp"
#include "services/responsibility/handovers.hpp"
#include "services/licence/licences.hpp"
#include "services/plan/resettlement_plan.hpp"
#include "services/responsibility/responsibility.hpp"
#include "store/store.hpp"

namespace resettle::services {

// Prison and PDU names by code: lists show "HMP Leeds", not "LEI". There are a couple of hundred
// places, read once for a page. Shared reference data: nothing is audited; empty with no places.
using PlaceNames = std::map<std::string, std::string, std::less<>>;
PlaceNames place_names(store::Store& store);

struct DatedWorklistPage {
  store::Page<store::WorklistRow> rows;
  std::vector<PlanAlerts> alerts;  // one for each of rows.items, in the same order
  PlaceNames places;
};
// A page of one dated worklist as worklist_rows reads and audits it (empty when no case is on it),
// a list of releases dated by the day each release happens (show_days_of_release), with each row's
// plan alerts today (plan_alerts_for) and the place names. Throws as worklist_rows does.
DatedWorklistPage dated_worklist_page(store::Store& store, const Clock& clock, const BankHolidays& holidays,
                                      const StaffMember& actor, DatedWorklist list, int weeks,
                                      const WorklistRequest& request);

// The lists of the worklists page, in the order of its tabs.
enum class WorklistTab {
  handovers,
  releases,
  without_com,
  overdue_handovers,
  licences,
  licences_to_explain,
  contact,
  cannot_come
};

// A worklists page in one call: the chosen list a page at a time (exactly one of dated, overdue,
// licences, contact and cannot_come is set; cannot_come comes whole), the names of the places, and how many transfers await this member of staff.
// `weeks` is the handovers tab's window. Audited and thrown as each list's own service does.
struct WorklistsPage {
  std::optional<DatedWorklistPage> dated;
  std::optional<store::Page<OverdueHandover>> overdue;
  std::optional<store::Page<LicenceWorklistRow>> licences;
  std::optional<store::Page<ContactWorklistItem>> contact;
  std::optional<CannotComeWorklist> cannot_come;
  PlaceNames places;
  std::int64_t transfers_awaiting = 0;
};
WorklistsPage worklists_page(store::Store& store, const Clock& clock, const BankHolidays& holidays, const StaffMember& actor,
                             WorklistTab tab, int weeks, const WorklistRequest& request);

// Everything a worklists page's list depends on besides the database (as CaseloadAsked): who looks,
// which list and page, narrowed to which prison or PDU, and the day the dates are counted from.
struct WorklistAsked {
  std::int64_t staff_id = 0;
  Role role = Role::key_worker;
  std::string prison_code;
  std::string pdu_code;
  WorklistTab tab = WorklistTab::handovers;
  int weeks = 0;
  std::string narrowed_to_prison;
  std::string narrowed_to_pdu;
  std::optional<std::string> cursor;
  int limit = 0;
  Date today;
  auto operator<=>(const WorklistAsked&) const = default;
};
// The worklists pages a server keeps between requests (one per server: see ListMemo).
using WorklistMemo = ListMemo<WorklistAsked, WorklistsPage>;

// A worklists page as kept_worklists_page gives it: the list, kept or not, and how many transfers
// await the caller now (never kept: the list's transfers_awaiting is not to be read).
struct KeptWorklistsPage {
  KeptList<WorklistsPage> list;
  std::int64_t transfers_awaiting = 0;
};
// As worklists_page, with the handovers, releases and no-COM tabs kept in `memo` while the counters
// of the caller's units stand still (their prison, PDU and own caseload, as the whole-unit caseload),
// audited at every call. The transfers awaiting are counted at every call: a transfer on its way to
// the caller's unit moves none of its counters. The place names are kept with the list: places are
// only ever added (by the data loads), and a row names a new one only once a person is moved there,
// which moves a counter. An administrator's lists (everyone) and the other tabs are read as
// worklists_page reads them, with bytes of their own. Throws as worklists_page does.
KeptWorklistsPage kept_worklists_page(store::Store& store, WorklistMemo& memo, const Clock& clock,
                                      const BankHolidays& holidays, const StaffMember& actor, WorklistTab tab, int weeks,
                                      const WorklistRequest& request);

}  // namespace resettle::services
