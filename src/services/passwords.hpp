#pragma once
// Password hashing with Argon2id (RFC 9106 second recommended option, sized for a shared server).
#include <string>
#include <string_view>

namespace resettle::services {

std::string hash_password(std::string_view password);
bool verify_password(std::string_view password, const std::string& encoded_hash);

// Random bytes from the kernel, as lowercase hex: session ids, CSRF tokens, API tokens.
std::string random_token(std::size_t bytes = 32);
std::string sha256_hex(std::string_view text);

}  // namespace resettle::services
