#include "services/sign_in/two_factor.hpp"

#include <liboath/oath.h>
#include <sys/random.h>

#include <array>
#include <cstdlib>
#include <memory>
#include <stdexcept>

namespace resettle::services {

namespace {
constexpr std::size_t secret_bytes = 20;  // RFC 4226 recommends 160 bits

void start_liboath() {
  static const int started = oath_init();
  if (started != OATH_OK) throw std::runtime_error("liboath cannot start");
}

struct Freed {
  void operator()(char* text) const { std::free(text); }
};

std::optional<std::string> decode(const std::string& secret) {
  start_liboath();
  char* raw = nullptr;
  std::size_t length = 0;
  if (oath_base32_decode(secret.data(), secret.size(), &raw, &length) != OATH_OK) return std::nullopt;
  std::unique_ptr<char, Freed> owned{raw};
  return std::string{raw, length};
}

std::string digits_only(std::string_view code) {
  std::string digits;
  for (char c : code)
    if (c != ' ') digits.push_back(c);
  return digits;
}
}  // namespace

std::string new_totp_secret() {
  start_liboath();
  std::array<char, secret_bytes> bytes{};
  if (getrandom(bytes.data(), bytes.size(), 0) != static_cast<ssize_t>(bytes.size()))
    throw std::runtime_error("getrandom failed");
  char* encoded = nullptr;
  std::size_t length = 0;
  if (oath_base32_encode(bytes.data(), bytes.size(), &encoded, &length) != OATH_OK)
    throw std::runtime_error("cannot encode a secret");
  std::unique_ptr<char, Freed> owned{encoded};
  return std::string{encoded, length};
}

std::int64_t totp_step(Timestamp at) { return at.time_since_epoch().count() / totp_step_seconds; }

std::string totp_code(const std::string& secret, std::int64_t step) {
  auto key = decode(secret);
  if (!key) throw std::invalid_argument("the secret is not base32");
  char code[totp_digits + 1] = {};
  if (oath_totp_generate(key->data(), key->size(), static_cast<time_t>(step * totp_step_seconds), totp_step_seconds, 0,
                         totp_digits, code) != OATH_OK)
    throw std::runtime_error("cannot make a code");
  return code;
}

std::optional<std::int64_t> totp_step_of(const std::string& secret, std::string_view code, Timestamp now) {
  auto digits = digits_only(code);
  auto key = decode(secret);
  if (!key || digits.size() != totp_digits) return std::nullopt;
  int offset = 0;
  int found = oath_totp_validate2(key->data(), key->size(), static_cast<time_t>(now.time_since_epoch().count()),
                                  totp_step_seconds, 0, 1, &offset, digits.c_str());
  if (found < 0) return std::nullopt;
  return totp_step(now) + offset;
}

std::string otpauth_uri(const std::string& secret, const std::string& username) {
  // Usernames are letters, digits, dots, hyphens and underscores: nothing to escape in a URI.
  return "otpauth://totp/Resettle:" + username + "?secret=" + secret + "&issuer=Resettle&algorithm=SHA1&digits=" +
         std::to_string(totp_digits) + "&period=" + std::to_string(totp_step_seconds);
}

}  // namespace resettle::services
