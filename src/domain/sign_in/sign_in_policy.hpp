#pragma once
// How long a sign-in lasts, what an API token may do and for how long, and how repeated failed
// sign-ins are slowed down without locking the account's owner out.
#include <chrono>
#include <optional>
#include <span>

#include "domain/code_list.hpp"

namespace resettle {

using Timestamp = std::chrono::sys_seconds;

// A browser session ends 30 minutes after its last request, and 12 hours after it began whatever
// happens: the first protects an unattended screen, the second a stolen cookie.
inline constexpr std::chrono::minutes session_idle_timeout{30};
inline constexpr std::chrono::hours session_lifetime{12};
// A session's last request is recorded at most this often, so most requests stay read-only.
inline constexpr std::chrono::minutes last_seen_precision{1};
// Between the password and the code of a two-factor sign-in.
inline constexpr std::chrono::minutes second_factor_lifetime{10};

enum class SessionState { live, idle_too_long, past_lifetime };

struct SessionTimes {
  Timestamp began;
  Timestamp last_seen;
};

SessionState session_state(const SessionTimes& session, Timestamp now);
// Whether a live session's last request is stale enough to record `now` instead.
bool last_seen_is_stale(const SessionTimes& session, Timestamp now);

// What an API token may do. Stored codes ("read", "write") are sent in JSON too: add only.
enum class TokenScope { read, write };
std::span<const Coded<TokenScope>> token_scopes();

inline constexpr std::chrono::days default_token_lifetime{90};
inline constexpr std::chrono::days longest_token_lifetime{366};

// A read token may make only safe requests (GET, HEAD, OPTIONS).
bool token_allows(TokenScope scope, bool changes_data);
bool token_is_current(Timestamp expires_at, Timestamp now);

// Failed sign-ins. Each account's failures in the window slow further attempts at it with a delay
// that doubles and stops at a cap, so a guesser gets few tries while the owner waits at most the
// cap (and not at all from a browser that has signed in to the account before). Each address has a
// hard limit, which stops one machine guessing across many accounts.
inline constexpr std::chrono::minutes failure_window{15};
inline constexpr int failures_before_delay = 3;
inline constexpr std::chrono::seconds longest_delay{60};
inline constexpr int max_failures_per_address = 20;

std::chrono::seconds delay_after_failures(int failures);

struct RecentFailures {
  int count = 0;                     // in the window, since the last success
  std::optional<Timestamp> latest;  // the most recent of them
};

// How long the next attempt at an account must still wait; zero when it may go ahead.
std::chrono::seconds account_wait(const RecentFailures& failures, Timestamp now);
bool address_is_blocked(int failures_from_address);

}  // namespace resettle
