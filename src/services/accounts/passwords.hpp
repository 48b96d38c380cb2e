#pragma once
// Password hashing with Argon2id (RFC 9106 second recommended option, sized for a shared server),
// and the strength a new password must have.
#include <optional>
#include <string>
#include <string_view>

namespace resettle::services {

std::string hash_password(std::string_view password);

// What is wrong with a new password, in words for the person choosing it; empty when it will do.
// Checked by libpwquality: at least 12 characters, not in or close to cracklib's dictionary (words
// and common passwords), not built from the username, and a strength score of at least 50/100
// (which refuses "Password123!" and "Summer2026!!" alike).
std::optional<std::string> password_problem(const std::string& password, const std::string& username);
bool verify_password(std::string_view password, const std::string& encoded_hash);

// Random bytes from the kernel, as lowercase hex: session ids, CSRF tokens, API tokens.
std::string random_token(std::size_t bytes = 32);
// Random bytes from the kernel, as base64url: shorter than hex where the token goes in an address.
std::string random_url_token(std::size_t bytes = 32);
// Base64url without padding (RFC 4648 §5), as JWTs and addresses use.
std::string base64url(std::string_view bytes);
std::string sha256_hex(std::string_view text);

}  // namespace resettle::services
