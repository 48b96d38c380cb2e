#pragma once
// Use cases on a case's exclusion and restriction lists (see domain/limited_access/limited_access.hpp): seen and
// changed by managers and administrators who can themselves see the case. Each change runs in one
// transaction with its journal Event, reason included.
#include <vector>

#include "domain/field_input.hpp"
#include "domain/limited_access/limited_access.hpp"
#include "store/store.hpp"

namespace resettle::services {

inline constexpr int refused_attempts_shown = 20;

struct LimitedAccessView {
  Person person;
  std::vector<LimitedAccessEntry> entries;         // current, oldest first
  std::vector<store::RefusedAccess> refused;       // the latest refused attempts to see the case
};

// NotFound for a person the actor may not see (audited like every read of a record), then
// Forbidden for anyone but a manager or an administrator.
LimitedAccessView view_limited_access(store::Store& store, const StaffMember& actor, std::int64_t person_id);
// Adds `list`, `username` and `reason` (see entries_to_add); returns the current entries, oldest
// first. Throws as view_limited_access does, and ValidationFailed naming each bad field (and a
// username that is no member of staff).
std::vector<LimitedAccessEntry> add_limited_access(store::Store& store, const StaffMember& actor,
                                                   std::int64_t person_id, const FieldInput& input);
// Ends one current entry, with a `reason` for the journal. Ending an entry already ended changes
// nothing, so a repeated request is harmless; an entry that is not this person's is NotFound.
std::vector<LimitedAccessEntry> end_limited_access(store::Store& store, const StaffMember& actor,
                                                   std::int64_t person_id, std::int64_t entry_id,
                                                   const FieldInput& input);

}  // namespace resettle::services
