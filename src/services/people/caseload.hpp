#pragma once
// The caseload page in one call: the people this member of staff works with, a page at a time, each
// with what is overdue in their plan.
#include <compare>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "services/clock.hpp"
#include "services/list_memo.hpp"
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

// Everything a caseload page depends on besides the database: who looks (their id, for limited
// access; role and units, for the scope), which page, and the day (plan alerts fall due).
struct CaseloadAsked {
  std::int64_t staff_id = 0;
  Role role = Role::key_worker;
  std::string prison_code;
  std::string pdu_code;
  bool whole_unit = false;
  std::string search;
  std::optional<std::string> cursor;
  int limit = 0;
  Date today;
  auto operator<=>(const CaseloadAsked&) const = default;
};
// The units whose counters cover a member of staff's own caseload or, for the whole unit, everyone in
// their units they may see (their prison's, their PDU's and their own cases): every person on such a
// list is listed under one of them. Not for an administrator's whole unit (everyone), which none covers.
std::vector<std::string> units_listed(const StaffMember& actor, bool whole_unit);

// The caseload pages a server keeps between requests (one per server: see ListMemo).
using CaseloadMemo = ListMemo<CaseloadAsked, Caseload>;

// A page of everyone in the caller's units they may see (their prison's, their PDU's and their own
// cases; everyone for an administrator), or of their own caseload, in id order: read in `tx`, not
// audited (unit_caseload and caseload audit them as `unit_list_read` and `own_list_read`). The caller
// must be allowed to view cases.
store::Page<PersonSummary> read_unit_caseload(store::Transaction& tx, const StaffMember& actor, const std::string& search,
                                              const store::PageRequest& page);
store::Page<PersonSummary> read_own_caseload(store::Transaction& tx, const StaffMember& actor, const std::string& search,
                                             const store::PageRequest& page);
inline const std::string unit_list_read = "unit's people";
inline const std::string own_list_read = "caseload";

// Null for a role that may not view cases (partner agencies, whose work is the referrals sent to
// them), with nothing read or audited. Otherwise the page of people as unit_caseload or caseload
// reads it, in id order (empty when none match `search`), with each one's plan alerts today
// (plan_alerts_for), audited at every call. The page is kept in `memo` and read again only once a
// write has moved the counter of one of the caller's units (their prison and PDU for the whole unit,
// and their own caseload); an administrator's whole-unit page is everyone, which no unit's counter
// covers, so it is read every time. Throws as unit_caseload and caseload do.
std::shared_ptr<const Caseload> caseload_of(store::Store& store, CaseloadMemo& memo, const Clock& clock,
                                            const StaffMember& actor, CaseloadScope scope, const std::string& search,
                                            const store::PageRequest& page);
// As caseload_of, with the bytes made from the page (its rendering) kept beside it while it is kept
// (a list never kept, an administrator's whole unit, comes with bytes of its own that go with it); the
// data is null, and nothing kept, where caseload_of's is null.
KeptList<Caseload> kept_caseload_of(store::Store& store, CaseloadMemo& memo, const Clock& clock, const StaffMember& actor,
                                    CaseloadScope scope, const std::string& search, const store::PageRequest& page);

}  // namespace resettle::services
