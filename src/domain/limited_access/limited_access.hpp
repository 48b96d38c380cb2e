#pragma once
// Limited-access cases. An exclusion list names staff who must not see a person's case (a
// practitioner who knows the victim, a neighbour); a restriction list names the only staff who
// may see it (a high-profile case): once a person has any current restriction entry, everyone not
// on it is excluded. Nobody is exempt, administrators included. Entries are ended, never deleted.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "domain/code_list.hpp"
#include "domain/event.hpp"
#include "domain/field_input.hpp"
#include "domain/staff/role.hpp"

namespace resettle {

enum class AccessList { exclusion, restriction };
std::span<const Coded<AccessList>> access_lists();

inline constexpr std::size_t access_reason_max_length = 1000;

struct LimitedAccessEntry {
  std::int64_t id = 0;
  std::int64_t person_id = 0;
  std::int64_t staff_id = 0;
  std::string staff_username;  // read with the entry: how pages and the API name staff
  std::string staff_name;
  AccessList list = AccessList::exclusion;
  std::string reason;
  std::int64_t added_by = 0;
  std::string added_by_name;
  std::string added_at;  // UTC, ISO 8601
};

// Whether a member of staff may see a case with these current entries: not when they are on its
// exclusion list, nor when it has a restriction list they are not on.
bool may_see_limited_case(std::span<const LimitedAccessEntry> current, std::int64_t staff_id);

// Who may change a case's lists (they must also be able to see the case): managers and administrators.
bool may_manage_limited_access(Role role);

// A timeline event as a member of staff of this role may read it. The lists' events name who was
// excluded or restricted and why; to anyone who may not manage the lists they say only that access
// to the case was limited or a limit ended, with no reason and no data. Other events pass unchanged.
Event as_seen_by(Event event, Role role);

struct NewAccessEntry {
  AccessList list = AccessList::exclusion;
  std::int64_t staff_id = 0;
  std::string reason;
  friend bool operator==(const NewAccessEntry&, const NewAccessEntry&) = default;
};

// Forms and the API name the member of staff by username (there may be tens of thousands of
// staff, too many for a list to choose from); the service looks the username up.
inline constexpr std::string_view access_staff_field = "username";

struct RequestedAccessEntry {
  AccessList list = AccessList::exclusion;
  std::string username;
  std::string reason;
  friend bool operator==(const RequestedAccessEntry&, const RequestedAccessEntry&) = default;
};

// Reads `list`, `username` and `reason` (all required); ValidationFailed names every bad field.
RequestedAccessEntry read_access_entry(const FieldInput& input);

// The entries to write so that `entry` takes effect, checked against the case's current entries.
// ValidationFailed on the username field when it would contradict them: already on that list, excluding
// yourself, excluding someone on the restriction list or restricting someone excluded. A
// restriction list started for someone else puts the actor on it first, with the same reason, so
// the manager who restricts a case never locks themselves out and the case always has someone
// able to manage it.
std::vector<NewAccessEntry> entries_to_add(const NewAccessEntry& entry, std::span<const LimitedAccessEntry> current,
                                           std::int64_t actor_id);

// Whether ending `entry` would lock the actor out: their own restriction entry while others remain
// (another manager on the list must take them off). Ending the last restriction entry lifts the
// restriction, and ending anyone else's entry is always allowed.
bool would_lock_out(const LimitedAccessEntry& entry, std::span<const LimitedAccessEntry> current,
                    std::int64_t actor_id);
// Conflict when it would.
void check_end_entry(const LimitedAccessEntry& entry, std::span<const LimitedAccessEntry> current,
                     std::int64_t actor_id);

}  // namespace resettle
