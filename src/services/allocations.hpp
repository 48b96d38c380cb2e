#pragma once
// Allocating a practitioner to a person in a role. One current allocation per role: a new one
// ends the previous one the same day, so the history shows every hand-over of the case.
#include <string>

#include "domain/allocation.hpp"
#include "domain/staff.hpp"
#include "store/store.hpp"

namespace resettle::services {

Allocation allocate(store::Store& store, const StaffMember& actor, std::int64_t person_id, std::int64_t staff_id,
                    Role role, Date from, const std::string& reason);

}  // namespace resettle::services
