// The rules of a person's own API tokens (see person_api_token.hpp).
#include "domain/person_view/person_api_token.hpp"

namespace resettle {

PersonTokenState token_state(const PersonApiToken& token, Timestamp now) {
  if (token.revoked_at) return PersonTokenState::revoked;
  return token_is_current(token.expires_at, now) ? PersonTokenState::current : PersonTokenState::expired;
}

PersonTokenRequest read_person_token_request(const FieldInput& input) {
  FieldReader reader{input};
  PersonTokenRequest request;
  request.label = reader.text("label", Need::required, 100);
  auto days = reader.integer("days", Need::optional, 1, longest_token_lifetime.count());
  if (days) request.lifetime = std::chrono::days{*days};
  request.scope = reader.code("scope", Need::optional, token_scopes()).value_or(TokenScope::read);
  reader.throw_if_failed();
  return request;
}

bool token_use_worth_recording(const PersonApiToken& token, Timestamp now) {
  return !token.last_used_at || now >= *token.last_used_at + last_seen_precision;
}

}  // namespace resettle
