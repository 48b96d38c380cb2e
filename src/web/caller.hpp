#pragma once
// Who is calling: a member of staff signed in at a browser (session cookie) or another system
// (bearer token). Unsafe browser requests must carry the session's CSRF token.
#include <optional>
#include <string>

#include "domain/staff/staff.hpp"
#include "services/clock.hpp"
#include "store/store.hpp"
#include "web/http/http.hpp"

namespace resettle::web {

inline constexpr std::string_view session_cookie_name = "resettle_session";
inline constexpr std::string_view csrf_field_name = "_csrf";
inline constexpr std::string_view csrf_header_name = "X-CSRF-Token";

inline constexpr std::string_view device_cookie_name = "resettle_device";

struct Caller {
  StaffMember staff;
  std::string csrf_token;  // empty for bearer-token callers: they send no cookies, so need none
  bool by_api_token = false;
  std::int64_t api_token_id = 0;            // which bearer token (for the access log); 0 for a session
  TokenScope token_scope = TokenScope::read;  // what the bearer token may do; unused for a session
};

// The token of an "Authorization: Bearer <token>" header; empty without one or with another scheme.
std::optional<std::string> bearer_token(const Request& request);

std::optional<Caller> identify_caller(store::Store& store, const services::Clock& clock, const Request& request);

// Constant-time comparison of a submitted CSRF token with the session's.
bool csrf_matches(const Caller& caller, std::string_view submitted);

std::string session_cookie(const std::string& token, int max_age_seconds);
// The known-device cookie, sent only to the sign-in pages; an empty token tells the browser to forget it.
std::string device_cookie(const std::string& token);

}  // namespace resettle::web
