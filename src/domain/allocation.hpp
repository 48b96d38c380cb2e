#pragma once
// Who works with a person, in which role, from when; ended allocations are kept for continuity.
#include <cstdint>
#include <optional>
#include <string>

#include "domain/date.hpp"
#include "domain/role.hpp"

namespace resettle {

struct Allocation {
  std::int64_t id = 0;
  std::int64_t person_id = 0;
  std::int64_t staff_id = 0;
  std::string staff_name;  // for display; the staff record is the truth
  Role role = Role::pom;
  Date from{};
  std::optional<Date> to;  // empty while current
  std::string reason;
};

}  // namespace resettle
