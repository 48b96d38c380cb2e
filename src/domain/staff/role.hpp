#pragma once
// Staff roles. Access is decided by role and by relationship to the case.
#include <optional>
#include <span>
#include <string_view>

#include "domain/code_list.hpp"

namespace resettle {

enum class Role { key_worker, pom, com, pre_release, manager, partner, admin };

std::span<const Coded<Role>> roles();
std::string_view role_code(Role role);   // "key_worker", "pom", ...
std::string_view role_label(Role role);  // "Key worker", "Prison offender manager", ...
std::optional<Role> parse_role(std::string_view code);

}  // namespace resettle
