#include "domain/sign_in/sign_in_policy.hpp"

#include <algorithm>
#include <array>

namespace resettle {

SessionState session_state(const SessionTimes& session, Timestamp now) {
  if (now >= session.began + session_lifetime) return SessionState::past_lifetime;
  if (now >= session.last_seen + session_idle_timeout) return SessionState::idle_too_long;
  return SessionState::live;
}

bool last_seen_is_stale(const SessionTimes& session, Timestamp now) {
  return now >= session.last_seen + last_seen_precision;
}

std::span<const Coded<TokenScope>> token_scopes() {
  static constexpr std::array<Coded<TokenScope>, 2> list{{
      {TokenScope::read, "read", "Read only"},
      {TokenScope::write, "write", "Read and write"},
  }};
  return list;
}

bool token_allows(TokenScope scope, bool changes_data) { return scope == TokenScope::write || !changes_data; }

bool token_is_current(Timestamp expires_at, Timestamp now) { return now < expires_at; }

std::chrono::seconds delay_after_failures(int failures) {
  if (failures <= failures_before_delay) return std::chrono::seconds{0};
  // 1 s after the fourth failure, then doubling: 2, 4, ... up to the cap (the shift is bounded first).
  auto doublings = std::min(failures - failures_before_delay - 1, 16);
  return std::min(std::chrono::seconds{1LL << doublings}, longest_delay);
}

std::chrono::seconds account_wait(const RecentFailures& failures, Timestamp now) {
  if (!failures.latest) return std::chrono::seconds{0};
  auto allowed_at = *failures.latest + delay_after_failures(failures.count);
  return std::max(std::chrono::seconds{0}, std::chrono::duration_cast<std::chrono::seconds>(allowed_at - now));
}

bool address_is_blocked(int failures_from_address) { return failures_from_address >= max_failures_per_address; }

}  // namespace resettle
