#pragma once
// A person's own API tokens: a person may let an app of theirs read (or answer) their own record
// through /api/v1/my. The token works only for their own record, is shown once and kept as a hash,
// and stops working at its expiry or when they revoke it. Lifetimes and scopes are the staff tokens'
// (domain/sign_in/sign_in_policy.hpp).
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "domain/field_input.hpp"
#include "domain/sign_in/sign_in_policy.hpp"

namespace resettle {

struct PersonApiToken {
  std::int64_t id = 0;
  std::int64_t account_id = 0;
  std::string label;  // the person's name for it, such as the app it is for
  TokenScope scope = TokenScope::read;
  Timestamp created_at{};
  Timestamp expires_at{};
  std::optional<Timestamp> last_used_at;  // to within last_seen_precision; empty until first used
  std::optional<Timestamp> revoked_at;
  bool operator==(const PersonApiToken&) const = default;
};

enum class PersonTokenState { current, expired, revoked };
// Revoked wins over expired: the person's own act is what the list says.
PersonTokenState token_state(const PersonApiToken& token, Timestamp now);

// What the person asks for. Reads "label" (required, at most 100 characters), "days" (optional,
// default_token_lifetime, 1 to longest_token_lifetime) and "scope" (optional, a token_scopes code,
// read by default). Throws ValidationFailed naming each bad field.
struct PersonTokenRequest {
  std::string label;
  TokenScope scope = TokenScope::read;
  std::chrono::days lifetime = default_token_lifetime;
};
PersonTokenRequest read_person_token_request(const FieldInput& input);

// Whether this use should be recorded as the token's last: at most once per last_seen_precision,
// so most calls stay read-only.
bool token_use_worth_recording(const PersonApiToken& token, Timestamp now);

}  // namespace resettle
