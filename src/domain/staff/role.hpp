#pragma once
// Staff roles. Access is decided by role and by relationship to the case.
#include <optional>
#include <span>
#include <string_view>

#include "domain/code_list.hpp"

namespace resettle {

enum class Role { key_worker, pom, com, pre_release, manager, partner, admin, police, social_care, mappa_coordinator };

std::span<const Coded<Role>> roles();
std::string_view role_code(Role role);   // "key_worker", "pom", ...
std::string_view role_label(Role role);  // "Key worker", "Prison offender manager", ...
std::optional<Role> parse_role(std::string_view code);

// Workers of other agencies (partner agencies answering referrals; police officers, social care workers
// and MAPPA coordinators managing risk with probation): their accounts name their organisation, and they
// never see a case through a prison or probation unit, only through what is shared with their
// organisation or with them by name.
bool is_partner_agency(Role role);

// The partner agencies that manage risk with probation (police, social care, MAPPA coordinators): named
// on a case, their workers see its shared view (domain/mappa/shared_view.hpp), and nothing else of it.
bool is_risk_partner(Role role);

}  // namespace resettle
