#pragma once
// Signing staff in and out: sessions for people at a browser, bearer tokens for other systems.
#include <optional>
#include <string>

#include "domain/staff.hpp"
#include "services/clock.hpp"
#include "store/store.hpp"

namespace resettle::services {

struct SignedIn {
  StaffMember staff;
  std::string session_token;  // the cookie value; only its hash is stored
  std::string csrf_token;     // every form and unsafe API call from the browser must echo it
};

enum class SignInRefusal { wrong_details, too_many_attempts };

struct SignInResult {
  std::optional<SignedIn> signed_in;
  SignInRefusal refusal = SignInRefusal::wrong_details;  // meaningful only when signed_in is empty
};

// Failed attempts allowed per username, and per address, in the window before sign-in is refused.
inline constexpr int max_failures_per_username = 5;
inline constexpr int max_failures_per_address = 20;
inline constexpr std::chrono::minutes failure_window{15};
inline constexpr std::chrono::hours session_lifetime{12};

// A session for the right username and password (stored by hash), else a refusal: wrong details
// (also for an unknown or inactive account, checked at the same cost), or too many attempts from the
// username or the address in the window. Never throws for bad details.
SignInResult sign_in(store::Store& store, const Clock& clock, const std::string& username,
                     const std::string& password, const std::string& address);
// The signed-in staff for a session token; empty when unknown, expired, signed out, or the account
// is inactive.
std::optional<SignedIn> find_session(store::Store& store, const Clock& clock, const std::string& session_token);
void sign_out(store::Store& store, const std::string& session_token);  // an unknown token changes nothing

// A new bearer token for the account (only its hash is stored); NotFound for no such account.
std::string issue_api_token(store::Store& store, std::int64_t staff_id, const std::string& label);
// The account a bearer token belongs to; empty when the token is unknown or the account inactive.
std::optional<StaffMember> staff_for_api_token(store::Store& store, const std::string& token);

// Validates the account (username, display name, role, password of 12+ characters) and stores it;
// returns its id. Throws ValidationFailed naming each bad field.
std::int64_t create_staff_account(store::Store& store, const StaffMember& staff, const std::string& password);

}  // namespace resettle::services
