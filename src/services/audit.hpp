#pragma once
// Who saw what: lists audited as one access-log row naming the people shown, and the access log of
// one person for administrators (page and CSV export). Single records are audited where they are
// read (view_person, require_visible_person, referrals, transfers).
#include <cstdint>
#include <string>
#include <vector>

#include "domain/people/person.hpp"
#include "domain/staff/staff.hpp"
#include "store/store.hpp"

namespace resettle::services {

// Writes one access-log row for a list this member of staff was shown, naming everyone on it
// (nothing for an empty list), after the list was read, and returns once it is committed: in one
// transaction with the rows of other requests' lists written at the same time (AccessLogWriter).
void audit_list(store::Store& store, const StaffMember& actor, const std::string& what,
                const std::vector<std::int64_t>& person_ids);

inline std::int64_t person_id_of(const Person& person) { return person.id; }
inline std::int64_t person_id_of(const PersonSummary& person) { return person.id; }
inline std::int64_t person_id_of(const store::WorklistEntry& entry) { return entry.person.id; }
inline std::int64_t person_id_of(const store::WorklistRow& row) { return row.person.id; }

// audit_list over the items of any list of people.
template <typename Item>
void audit_shown(store::Store& store, const StaffMember& actor, const std::string& what, const std::vector<Item>& items) {
  std::vector<std::int64_t> ids;
  ids.reserve(items.size());
  for (const auto& item : items) ids.push_back(person_id_of(item));
  audit_list(store, actor, what, ids);
}

// audit_shown over a page of any list of people; returns the page.
template <typename Item>
store::Page<Item> audited(store::Store& store, const StaffMember& actor, const std::string& what, store::Page<Item> page) {
  audit_shown(store, actor, what, page.items);
  return page;
}

// Every read of this person's record and every list that showed them, newest first: administrators
// only (may_see_access_history; Forbidden otherwise). Someone the administrator may not see (a limited-access case) is
// NotFound, as everywhere. The audit page's own read is logged too.
struct AccessHistory {
  Person person;
  store::Page<store::AccessRecord> reads;
};
bool may_see_access_history(const StaffMember& actor);
AccessHistory access_history(store::Store& store, const StaffMember& actor, std::int64_t person_id,
                             const store::PageRequest& page);

// The whole of it as CSV (header first; ISO 8601 times), for an export.
std::string access_history_csv(store::Store& store, const StaffMember& actor, std::int64_t person_id);

}  // namespace resettle::services
