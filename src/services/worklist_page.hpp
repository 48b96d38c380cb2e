#pragma once
// A worklist page in one call: its rows, the names of the places they are in and what is overdue in
// each one's plan.
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "domain/bank_holidays.hpp"
#include "services/clock.hpp"
#include "services/supervision/appointments.hpp"
#include "services/supervision/contact_plans.hpp"
#include "services/responsibility/handovers.hpp"
#include "services/licence/licences.hpp"
#include "services/kept_worklist.hpp"
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

// What a kept worklists page of the caller's units depends on besides the database: the list asked for
// (as the other kept worklists), which of the tabs and the handovers tab's window.
struct WorklistsPageAsked {
  WorklistAsked asked;
  WorklistTab tab = WorklistTab::handovers;
  int weeks = 0;
  auto operator<=>(const WorklistsPageAsked&) const = default;
};

// The lists of the worklists page a server keeps between requests (kept_worklist.hpp). Each kept page
// holds up to 50 rows (names, numbers, dates): a few kilobytes; a page of the unit tabs also holds the
// place names and the page rendered for its viewer's session or two.
struct WorklistMemos {
  ListMemo<WorklistsPageAsked, WorklistsPage> unit_tabs{2000};  // handovers, releases, without a COM
  WorklistMemo<store::Page<LicenceWorklistRow>> licences{2000};
  WorklistMemo<DatedWorklistPage> licences_to_explain{2000};
  WorklistMemo<store::Page<ContactWorklistItem>> contact{2000};
};

// The licences due, the licences to go through and the contact worklist are kept in `memos` while the
// counters of the caller's units stand still (kept_worklist); every list shown is audited, kept or not.
WorklistsPage worklists_page(store::Store& store, WorklistMemos& memos, const Clock& clock, const BankHolidays& holidays,
                             const StaffMember& actor, WorklistTab tab, int weeks, const WorklistRequest& request);

// A worklists page as kept_worklists_page gives it: the list, kept or not, and how many transfers
// await the caller now (never kept: the list's transfers_awaiting is not to be read).
struct KeptWorklistsPage {
  KeptList<WorklistsPage> list;
  std::int64_t transfers_awaiting = 0;
};
// As worklists_page, with the handovers, releases and no-COM tabs kept whole in `memos.unit_tabs` while
// the counters of the caller's units stand still (their prison, PDU and own caseload, as the whole-unit
// caseload), audited at every call. The transfers awaiting are counted at every call: a transfer on its
// way to the caller's unit moves none of its counters. The place names are kept with the list: places
// are only ever added (by the data loads), and a row names a new one only once a person is moved there,
// which moves a counter. An administrator's lists (everyone) and the other tabs are as worklists_page
// gives them, with bytes of their own. Throws as worklists_page does.
KeptWorklistsPage kept_worklists_page(store::Store& store, WorklistMemos& memos, const Clock& clock,
                                      const BankHolidays& holidays, const StaffMember& actor, WorklistTab tab, int weeks,
                                      const WorklistRequest& request);

}  // namespace resettle::services
