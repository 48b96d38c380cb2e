// Identifying the caller by session cookie or bearer token (see caller.hpp).
#include "web/caller.hpp"

#include <algorithm>
#include <cctype>

#include "services/sign_in/sign_in.hpp"

namespace resettle::web {

std::optional<std::string> bearer_token(const Request& request) {
  auto authorization = request.header("Authorization");
  if (!authorization) return std::nullopt;
  // The scheme's name is case-insensitive (RFC 9110 §11.1).
  constexpr std::string_view scheme = "bearer ";
  auto given = authorization->substr(0, scheme.size());
  if (!std::ranges::equal(given, scheme, [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; }))
    return std::nullopt;
  return std::string{authorization->substr(scheme.size())};
}

std::optional<Caller> identify_caller(store::Store& store, const services::Clock& clock, const Request& request) {
  if (request.header("Authorization")) {
    auto token = bearer_token(request);
    if (!token) return std::nullopt;
    auto holder = services::caller_for_api_token(store, clock, *token);
    if (!holder) return std::nullopt;
    return Caller{std::move(holder->staff), "", true, holder->token_id, holder->scope};
  }
  auto token = request.cookie(session_cookie_name);
  if (!token) return std::nullopt;
  auto session = services::find_session(store, clock, *token);
  if (!session) return std::nullopt;
  return Caller{std::move(session->staff), std::move(session->csrf_token)};
}

bool csrf_matches(const Caller& caller, std::string_view submitted) {
  if (caller.csrf_token.empty() || submitted.size() != caller.csrf_token.size()) return false;
  unsigned char difference = 0;
  for (std::size_t i = 0; i < submitted.size(); ++i)
    difference |= static_cast<unsigned char>(submitted[i] ^ caller.csrf_token[i]);
  return difference == 0;
}

std::string session_cookie(const std::string& token, int max_age_seconds) {
  return std::string{session_cookie_name} + "=" + token + "; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=" +
         std::to_string(max_age_seconds);
}

std::string device_cookie(const std::string& token) {
  auto max_age = token.empty() ? 0 : std::chrono::seconds{services::known_device_lifetime}.count();
  return std::string{device_cookie_name} + "=" + token + "; Path=/sign-in; HttpOnly; Secure; SameSite=Strict; Max-Age=" +
         std::to_string(max_age);
}

}  // namespace resettle::web
