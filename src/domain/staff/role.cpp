// Staff role codes and labels (see role.hpp).
#include "domain/staff/role.hpp"

#include <array>

namespace resettle {

namespace {
// Stored and sent in JSON: codes may only be added to, never changed or removed; labels may change.
constexpr std::array<Coded<Role>, 10> role_table{{
    {Role::key_worker, "key_worker", "Key worker"},
    {Role::pom, "pom", "Prison offender manager"},
    {Role::com, "com", "Community offender manager"},
    {Role::pre_release, "pre_release", "Pre-release team"},
    {Role::manager, "manager", "Manager"},
    {Role::partner, "partner", "Partner agency worker"},
    {Role::admin, "admin", "Administrator"},
    {Role::police, "police", "Police officer (IOM and public protection)"},
    {Role::social_care, "social_care", "Social care worker (children's or adult)"},
    {Role::mappa_coordinator, "mappa_coordinator", "MAPPA coordinator"},
}};
}  // namespace

std::span<const Coded<Role>> roles() { return role_table; }
std::string_view role_code(Role role) { return entry_for(roles(), role).code; }
std::string_view role_label(Role role) { return entry_for(roles(), role).label; }
std::optional<Role> parse_role(std::string_view code) { return parse_code(roles(), code); }
bool is_partner_agency(Role role) { return role == Role::partner || is_risk_partner(role); }
bool is_risk_partner(Role role) {
  return role == Role::police || role == Role::social_care || role == Role::mappa_coordinator;
}

}  // namespace resettle
