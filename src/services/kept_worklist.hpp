#pragma once
// Worklist pages kept by the server while nothing they show has changed (see ListMemo): a worklist shows
// people of the caller's units, so the counters of those units (their prison, PDU and caseload) cover it.
#include <compare>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "services/list_memo.hpp"
#include "services/people/case_records.hpp"
#include "services/responsibility/responsibility.hpp"
#include "store/list_changes.hpp"

namespace resettle::services {

// Everything a kept worklist page depends on besides the database and which list it is: who looks (their
// id, for limited access; role and units, for the scope), how the list is narrowed, which page, and the
// day it falls due by.
struct WorklistAsked {
  std::int64_t staff_id = 0;
  Role role = Role::key_worker;
  std::string prison_code;
  std::string pdu_code;
  std::string narrowed_to_prison;
  std::string narrowed_to_pdu;
  std::optional<std::string> cursor;
  int limit = 0;
  Date today;
  auto operator<=>(const WorklistAsked&) const = default;
};

// One list's pages kept by a server (one memo per list and server).
template <typename List>
using WorklistMemo = ListMemo<WorklistAsked, List>;

// The list `read` gives, kept in `memo` while the counters of the caller's units stand still; an
// administrator's lists are everyone, which no unit's counter covers, so they are read every time.
// `today` is the day the list falls due by. Nothing is audited here: the caller audits every page shown.
template <typename List, typename Read>
std::shared_ptr<const List> kept_worklist(store::Store& store, WorklistMemo<List>& memo, const StaffMember& actor,
                                          const WorklistRequest& request, Date today, Read&& read) {
  auto scope = scope_for(actor);
  if (!scope) return std::make_shared<const List>(read());
  return memo.get(store,
                  WorklistAsked{actor.id, actor.role, actor.prison_code, actor.pdu_code, request.prison_code,
                                request.pdu_code, request.page.cursor, request.page.limit, today},
                  store::lists_within(*scope), read);
}

}  // namespace resettle::services
