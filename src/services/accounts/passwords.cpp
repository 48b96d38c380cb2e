// Argon2id password hashes (see passwords.hpp).
#include "services/accounts/passwords.hpp"

#include <argon2.h>
#include <pwquality.h>
#include <openssl/evp.h>
#include <sys/random.h>

#include <cstdint>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <vector>

#include "store/digest.hpp"

namespace resettle::services {

namespace {
// OWASP's minimum Argon2id settings: 19 MiB, 2 passes, 1 lane. Fast enough for a login per
// request on 2 cores, slow enough to make offline guessing expensive.
constexpr std::uint32_t time_cost = 2;
constexpr std::uint32_t memory_kib = 19 * 1024;
constexpr std::uint32_t lanes = 1;
constexpr std::size_t salt_bytes = 16;
constexpr std::size_t hash_bytes = 32;
constexpr int min_password_length = 12;
constexpr int min_password_score = 50;

std::vector<unsigned char> random_bytes(std::size_t count) {
  std::vector<unsigned char> bytes(count);
  std::size_t filled = 0;
  while (filled < count) {
    auto got = getrandom(bytes.data() + filled, count - filled, 0);
    if (got < 0) throw std::runtime_error("getrandom failed");
    filled += static_cast<std::size_t>(got);
  }
  return bytes;
}

std::string to_hex(const unsigned char* bytes, std::size_t count) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(count * 2);
  for (std::size_t i = 0; i < count; ++i) {
    hex.push_back(digits[bytes[i] >> 4]);
    hex.push_back(digits[bytes[i] & 0xf]);
  }
  return hex;
}
}  // namespace

std::string hash_password(std::string_view password) {
  auto salt = random_bytes(salt_bytes);
  auto length = argon2_encodedlen(time_cost, memory_kib, lanes, salt_bytes, hash_bytes, Argon2_id);
  std::string encoded(length, '\0');
  int result = argon2id_hash_encoded(time_cost, memory_kib, lanes, password.data(), password.size(), salt.data(),
                                     salt.size(), hash_bytes, encoded.data(), encoded.size());
  if (result != ARGON2_OK) throw std::runtime_error(argon2_error_message(result));
  encoded.resize(encoded.find('\0'));
  return encoded;
}

std::optional<std::string> password_problem(const std::string& password, const std::string& username) {
  struct Free {
    void operator()(pwquality_settings_t* settings) const { pwquality_free_settings(settings); }
  };
  static const std::unique_ptr<pwquality_settings_t, Free> settings = [] {
    std::unique_ptr<pwquality_settings_t, Free> made{pwquality_default_settings()};
    if (!made) throw std::runtime_error("libpwquality has no settings");
    pwquality_set_int_value(made.get(), PWQ_SETTING_MIN_LENGTH, min_password_length);
    return made;
  }();
  // cracklib's dictionary look-up keeps state between calls: one check at a time.
  static std::mutex checking;
  std::lock_guard lock{checking};
  void* detail = nullptr;
  int score = pwquality_check(settings.get(), password.c_str(), nullptr, username.c_str(), &detail);
  if (score < 0) {
    char message[PWQ_MAX_ERROR_MESSAGE_LEN];
    return std::string{pwquality_strerror(message, sizeof message, score, detail)};
  }
  if (score < min_password_score)
    return std::string{"The password is too easy to guess: use three or more unrelated words, or a longer mix"};
  return std::nullopt;
}

bool verify_password(std::string_view password, const std::string& encoded_hash) {
  return argon2id_verify(encoded_hash.c_str(), password.data(), password.size()) == ARGON2_OK;
}

std::string random_token(std::size_t bytes) {
  auto random = random_bytes(bytes);
  return to_hex(random.data(), random.size());
}

std::string random_url_token(std::size_t bytes) {
  auto random = random_bytes(bytes);
  return base64url({reinterpret_cast<const char*>(random.data()), random.size()});
}

std::string base64url(std::string_view bytes) {
  static constexpr std::string_view alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::uint32_t bits = 0;
  int count = 0;
  for (unsigned char byte : bytes) {
    bits = (bits << 8) | byte;
    count += 8;
    while (count >= 6) {
      count -= 6;
      out += alphabet[(bits >> count) & 0x3f];
    }
  }
  if (count > 0) out += alphabet[(bits << (6 - count)) & 0x3f];
  return out;
}

std::string sha256_hex(std::string_view text) { return store::sha256_hex(text); }

}  // namespace resettle::services
