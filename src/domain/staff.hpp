#pragma once
// A member of staff (or partner-agency worker) who signs in and works with people.
#include <cstdint>
#include <string>

#include "domain/role.hpp"

namespace resettle {

struct StaffMember {
  std::int64_t id = 0;
  std::string username;
  std::string display_name;
  Role role = Role::key_worker;
  std::string prison_code;   // custody staff: their prison
  std::string pdu_code;      // probation staff: their probation delivery unit
  std::string organisation;  // partner agencies: the organisation they work for
  std::string email;
  bool active = true;
};

}  // namespace resettle
