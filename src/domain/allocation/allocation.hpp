#pragma once
// Who works with a person, in which role, from when; ended allocations are kept for continuity.
#include <cstdint>
#include <optional>
#include <string>

#include "domain/date.hpp"
#include "domain/staff/role.hpp"

namespace resettle {

// The lead works the case; a deputy (co-worker) is named beside the lead and covers when the
// lead is away, so the person always has someone who knows them.
enum class AllocationKind { lead, deputy };

struct Allocation {
  std::int64_t id = 0;
  std::int64_t person_id = 0;
  std::int64_t staff_id = 0;
  std::string staff_name;  // for display; the staff record is the truth
  Role role = Role::pom;
  Date from{};
  std::optional<Date> to;  // empty while current
  std::string reason;
  AllocationKind kind = AllocationKind::lead;
};

}  // namespace resettle
