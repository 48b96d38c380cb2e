#pragma once
// Looking after staff accounts: an admin (at the accounts pages) or the operator (with `resettle
// users`) deactivates and reactivates accounts, resets passwords and two-factor sign-in, and
// revokes API tokens. `admin` is the member of staff doing it, or nullptr for the command line,
// which whoever holds the database file may run. Each change is journalled.
#include <string>
#include <vector>

#include "services/clock.hpp"
#include "store/store.hpp"

namespace resettle::services {

// What the admin pages show of one account.
struct AccountDetails {
  StaffMember staff;
  bool two_factor = false;                   // enrolled
  std::vector<store::ApiTokenRecord> tokens;  // newest first, revoked and expired too
};

// Every account, by name. Forbidden unless `admin` is an admin.
std::vector<StaffMember> list_accounts(store::Store& store, const StaffMember* admin);
AccountDetails account_details(store::Store& store, const StaffMember* admin, std::int64_t staff_id);

// Ends the account's sessions, known devices and API tokens at once. An admin cannot deactivate
// their own account (Conflict), so the last admin cannot lock everyone out by mistake.
void deactivate_account(store::Store& store, const Clock& clock, const StaffMember* admin, std::int64_t staff_id);
void reactivate_account(store::Store& store, const Clock& clock, const StaffMember* admin, std::int64_t staff_id);
// Sets a new password (checked like any new one: ValidationFailed on `new_password`) and ends the
// account's sessions and known devices, so whoever knew the old one is signed out.
void reset_password(store::Store& store, const Clock& clock, const StaffMember* admin, std::int64_t staff_id,
                    const std::string& new_password);
// For a lost phone: forgets the TOTP secret and known devices and ends the sessions; the person
// sets up two-factor sign-in again at their next sign-in (when their role requires it).
void reset_two_factor(store::Store& store, const Clock& clock, const StaffMember* admin, std::int64_t staff_id);
// Returns the account the token was for. NotFound when no such token; Conflict when already revoked.
std::int64_t revoke_api_token(store::Store& store, const Clock& clock, const StaffMember* admin, std::int64_t token_id);

std::optional<StaffMember> find_account(store::Store& store, const std::string& username);

}  // namespace resettle::services
