// The exclusion and restriction list rules (see limited_access.hpp).
#include "domain/limited_access/limited_access.hpp"

#include <algorithm>
#include <array>

#include "domain/errors.hpp"

namespace resettle {

namespace {

// Stored and sent in JSON: codes may only be added to, never changed or removed; labels may change.
constexpr std::array<Coded<AccessList>, 2> access_list_table{{
    {AccessList::exclusion, "exclusion", "Excluded"},
    {AccessList::restriction, "restriction", "Restricted to"},
}};

bool on_list(std::span<const LimitedAccessEntry> current, AccessList list, std::int64_t staff_id) {
  return std::any_of(current.begin(), current.end(),
                     [&](const LimitedAccessEntry& e) { return e.list == list && e.staff_id == staff_id; });
}

bool has_list(std::span<const LimitedAccessEntry> current, AccessList list) {
  return std::any_of(current.begin(), current.end(), [&](const LimitedAccessEntry& e) { return e.list == list; });
}

}  // namespace

std::span<const Coded<AccessList>> access_lists() { return access_list_table; }

bool may_see_limited_case(std::span<const LimitedAccessEntry> current, std::int64_t staff_id) {
  if (on_list(current, AccessList::exclusion, staff_id)) return false;
  return !has_list(current, AccessList::restriction) || on_list(current, AccessList::restriction, staff_id);
}

bool may_manage_limited_access(Role role) { return role == Role::manager || role == Role::admin; }

Event as_seen_by(Event event, Role role) {
  if (event.entity != "limited_access" || may_manage_limited_access(role)) return event;
  bool ended = event.kind == "limited_access.ended";
  event.summary = ended ? "A limit on who may see this case ended" : "Access to this case was limited";
  event.reason.clear();
  event.data = nlohmann::json::object();
  event.entity_id = 0;  // the entry's id would tie events about the same member of staff together
  return event;
}

RequestedAccessEntry read_access_entry(const FieldInput& input) {
  FieldReader reader{input};
  RequestedAccessEntry entry;
  entry.list = reader.code("list", Need::required, access_lists()).value_or(AccessList::exclusion);
  entry.username = reader.text(access_staff_field, Need::required, 100);
  entry.reason = reader.text("reason", Need::required, access_reason_max_length);
  reader.throw_if_failed();
  return entry;
}

std::vector<NewAccessEntry> entries_to_add(const NewAccessEntry& entry, std::span<const LimitedAccessEntry> current,
                                           std::int64_t actor_id) {
  auto refuse = [](std::string message) { throw ValidationFailed(std::string{access_staff_field}, std::move(message)); };
  if (on_list(current, entry.list, entry.staff_id))
    refuse(entry.list == AccessList::exclusion ? "is already excluded from this case"
                                               : "is already on this case's restriction list");
  if (entry.list == AccessList::exclusion) {
    if (entry.staff_id == actor_id) refuse("cannot be yourself: you cannot exclude yourself from a case");
    if (on_list(current, AccessList::restriction, entry.staff_id))
      refuse("is on this case's restriction list: take them off it before excluding them");
    return {entry};
  }
  if (on_list(current, AccessList::exclusion, entry.staff_id))
    refuse("is excluded from this case: end the exclusion before adding them to the restriction list");
  if (has_list(current, AccessList::restriction) || entry.staff_id == actor_id) return {entry};
  return {{AccessList::restriction, actor_id, entry.reason}, entry};
}

bool would_lock_out(const LimitedAccessEntry& entry, std::span<const LimitedAccessEntry> current,
                    std::int64_t actor_id) {
  if (entry.list != AccessList::restriction || entry.staff_id != actor_id) return false;
  return std::any_of(current.begin(), current.end(), [&](const LimitedAccessEntry& e) {
    return e.list == AccessList::restriction && e.id != entry.id;
  });
}

void check_end_entry(const LimitedAccessEntry& entry, std::span<const LimitedAccessEntry> current,
                     std::int64_t actor_id) {
  if (would_lock_out(entry, current, actor_id))
    throw Conflict("you would lose access to this case: another member of staff on the restriction list must take you off it");
}

}  // namespace resettle
