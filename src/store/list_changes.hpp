#pragma once
// How many times each unit's lists have changed (migration 49): a counter per prison, per PDU and per
// member of staff's caseload (and per officer's diary, migration 52), moved by triggers in the
// transaction of every write that changes what a list of that unit shows (the journal's events about
// a person, and the read models the lists read).
// A list page read when its units' counters had some values shows the same while they still have
// them, so a server can keep the page's data and read only the counters (services/list_memo.hpp).
//
// Reached from a transaction by list_changes(tx) rather than as a member of Transaction: a side
// interface, as insight's change log was, so that adding it did not rebuild every file that includes
// store.hpp. To be folded into Transaction at the next change to that header.
#include <cstdint>
#include <string>
#include <vector>

#include "store/store.hpp"

namespace resettle::store {

// The names the counters are kept under (stored: the triggers write them).
std::string prison_lists(const std::string& prison_code);  // "prison:LEI"
std::string pdu_lists(const std::string& pdu_code);        // "pdu:LDS"
std::string caseload_lists(std::int64_t staff_id);         // "staff:42"
std::string diary_lists(std::int64_t staff_id);            // "diary:42" (migration 52): the officer's diary
// The units whose counters cover a list of the people `scope` takes in: everyone on it is listed under
// its prison, its PDU or its member of staff's caseload (those it names).
std::vector<std::string> lists_within(const UnitScope& scope);

class ListChangeCounters {
 public:
  virtual ~ListChangeCounters() = default;
  // The counter of each unit, in the order given: 0 for a unit no write has touched since migration
  // 49. Never throws for an unknown unit.
  virtual std::vector<std::int64_t> counts(const std::vector<std::string>& units) = 0;
};

// What each backend's transaction gives list_changes.
class HasListChangeCounters {
 public:
  virtual ~HasListChangeCounters() = default;
  virtual ListChangeCounters& list_change_counters() = 0;
};

// The counters as `tx` sees them (its snapshot). Throws std::logic_error for a transaction of a
// backend without them (a test double).
ListChangeCounters& list_changes(Transaction& tx);

}  // namespace resettle::store
