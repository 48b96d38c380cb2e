#pragma once
// Signing staff in and out: sessions for people at a browser (a password, then a TOTP code for
// accounts with two-factor sign-in), bearer tokens for other systems. The rules on timeouts,
// token scope and sign-in delays are in domain/sign_in/sign_in_policy.hpp.
#include <chrono>
#include <optional>
#include <string>

#include "domain/sign_in/sign_in_policy.hpp"
#include "domain/staff/staff.hpp"
#include "services/clock.hpp"
#include "store/store.hpp"

namespace resettle::services {

// Admins, managers and the risk partners (police, social care, MAPPA coordinators) must sign in with a
// code as well as a password; others may choose to. Risk partners read case data (MAPPA actions and
// meetings, information shared, appointments and compliance) that is not their organisation's, as an
// admin or a manager beyond their own caseload does.
bool two_factor_required(Role role);

// A known device stays known for this long after it last signed in.
inline constexpr std::chrono::days known_device_lifetime{30};

struct SignInAttempt {
  std::string username;
  std::string password;
  std::string address;       // the client's, as the web layer resolved it
  std::string device_token;  // the known-device cookie, when the browser sent one
};

enum class SignInOutcome {
  signed_in,         // session_token (and device_token) to set as cookies
  code_needed,       // session_token: a pending sign-in; next, give_second_factor
  enrolment_needed,  // the same, for an account that must first set up two-factor sign-in
  wrong_details,     // wrong username or password, or wrong code
  wait,              // too many recent failures: retry_after
  start_again,       // the pending sign-in expired or had too many wrong codes
};

struct SignInStep {
  SignInOutcome outcome = SignInOutcome::wrong_details;
  std::string session_token{};
  std::string device_token{};  // a new known-device cookie after a full sign-in
  std::chrono::seconds retry_after{0};
};

// The password step. Refuses without checking the password (wait) when the address has failed too
// often, or the account's delay since its last failure has not passed; a browser with a known
// device cookie for the account is exempt from both. Every checked attempt is recorded.
SignInStep sign_in(store::Store& store, const Clock& clock, const SignInAttempt& attempt);

// A sign-in between its password and its code.
struct PendingSignIn {
  StaffMember staff;
  std::string csrf_token;  // the code form must echo it
  bool enrolling = false;
  std::string enrolling_secret;  // enrolling: the secret to show as a key and QR code
};
std::optional<PendingSignIn> find_pending_sign_in(store::Store& store, const Clock& clock, const std::string& session_token);

// The code step (and, for an enrolling account, the proof its app holds the secret). A code is
// accepted once: never again for the same account. Five wrong codes end the pending sign-in.
struct SecondFactor {
  std::string session_token;  // the pending sign-in's
  std::string code;
  bool remember_device = false;  // lets this browser skip the code for known_device_lifetime
  std::string address;
  std::string device_token;
};
SignInStep give_second_factor(store::Store& store, const Clock& clock, const SecondFactor& given);

struct SignedIn {
  StaffMember staff;
  std::string session_token;  // the cookie value; only its hash is stored
  std::string csrf_token;     // every form and unsafe API call from the browser must echo it
};

// A signed-in session within its idle timeout and its lifetime, for an active account. Records the
// request as the session's last (a write, at most once per last_seen_precision).
std::optional<SignedIn> find_session(store::Store& store, const Clock& clock, const std::string& session_token);
void sign_out(store::Store& store, const Clock& clock, const std::string& session_token);
// Ends every session of the account and forgets its known devices; returns the sessions ended.
int sign_out_everywhere(store::Store& store, const Clock& clock, const StaffMember& staff);

struct IssuedApiToken {
  std::int64_t id = 0;
  std::string token;       // shown once; only its hash is stored
  std::string expires_at;  // UTC, ISO 8601
};
// Validates the label (1 to 100 characters) and lifetime (1 to longest_token_lifetime days).
IssuedApiToken issue_api_token(store::Store& store, const Clock& clock, std::int64_t staff_id, const std::string& label,
                               TokenScope scope, std::chrono::days lifetime = default_token_lifetime);

// The account behind a current token, which token (for the access log) and what it may do.
struct TokenCaller {
  StaffMember staff;
  std::int64_t token_id = 0;
  TokenScope scope = TokenScope::read;
};
std::optional<TokenCaller> caller_for_api_token(store::Store& store, const Clock& clock, const std::string& token);

// Validates the account (username, display name, role, a strong enough password) and stores it;
// returns its id. Throws ValidationFailed naming each bad field.
std::int64_t create_staff_account(store::Store& store, const StaffMember& staff, const std::string& password);

}  // namespace resettle::services
