#pragma once
// Time-based one-time codes (TOTP, RFC 6238) with liboath, as authenticator apps make them:
// SHA-1, 6 digits, 30-second steps counted from the Unix epoch.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/sign_in/sign_in_policy.hpp"

namespace resettle::services {

inline constexpr int totp_step_seconds = 30;
inline constexpr int totp_digits = 6;

std::string new_totp_secret();  // 160 random bits as base32, which people may type into an app

std::int64_t totp_step(Timestamp at);
std::string totp_code(const std::string& secret, std::int64_t step);

// The step, of the one at `now` and one either side (for a phone's clock a little out), whose code
// `code` is; empty when none is, or the secret or code is malformed. Spaces in the code are ignored.
// Whether the step was used before is the caller's to check (TwoFactorRepository::use_step).
std::optional<std::int64_t> totp_step_of(const std::string& secret, std::string_view code, Timestamp now);

// What an authenticator app reads from the enrolment QR code.
std::string otpauth_uri(const std::string& secret, const std::string& username);

}  // namespace resettle::services
