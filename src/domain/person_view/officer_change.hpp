#pragma once
// Telling the person when their officer changes: their own pages say so for a few weeks after a new
// lead officer takes over from another, so they know whom to contact and why the name is new.
#include <optional>
#include <span>

#include "domain/allocation/allocation.hpp"
#include "domain/date.hpp"
#include "domain/staff/role.hpp"

namespace resettle {

// Long enough to be seen at the next appointment or two.
inline constexpr int officer_change_notice_days = 28;

// The day the person's current lead officer in `role` took over from a different earlier lead in that
// role, when that day is no more than officer_change_notice_days before `today`. nullopt with no current
// lead, for their first lead in the role (nobody changed), for the same officer allocated again, and
// once the notice has run its time. `history` is the person's allocations in any order.
std::optional<Date> recent_officer_change(std::span<const Allocation> history, Role role, Date today);

}  // namespace resettle
