// Identifying the caller by session cookie or bearer token (see caller.hpp).
#include "web/caller.hpp"

#include "services/sign_in.hpp"

namespace resettle::web {

std::optional<Caller> identify_caller(store::Store& store, const services::Clock& clock, const Request& request) {
  if (auto authorization = request.header("Authorization")) {
    constexpr std::string_view scheme = "Bearer ";
    if (!authorization->starts_with(scheme)) return std::nullopt;
    auto staff = services::staff_for_api_token(store, std::string{authorization->substr(scheme.size())});
    if (!staff || !staff->active) return std::nullopt;
    return Caller{*staff, "", true};
  }
  auto token = request.cookie(session_cookie_name);
  if (!token) return std::nullopt;
  auto session = services::find_session(store, clock, *token);
  if (!session) return std::nullopt;
  return Caller{session->staff, session->csrf_token, false};
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

}  // namespace resettle::web
