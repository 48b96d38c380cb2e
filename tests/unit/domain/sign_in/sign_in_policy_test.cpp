// Session timeouts, API token scope and expiry, and the sign-in delay that slows a guesser.
#include "domain/sign_in/sign_in_policy.hpp"

#include <gtest/gtest.h>

#include "code_table_checks.hpp"

using namespace resettle;
using namespace std::chrono_literals;

namespace {
const Timestamp nine_am{std::chrono::sys_days{std::chrono::year{2026} / 12 / 7} + 9h};
}  // namespace

TEST(SessionTimeout, LiveWhileUsedWithinHalfAnHour) {
  SessionTimes session{nine_am, nine_am + 2h};
  EXPECT_EQ(session_state(session, nine_am + 2h + 29min + 59s), SessionState::live);
}

TEST(SessionTimeout, EndsThirtyMinutesAfterTheLastRequest) {
  SessionTimes session{nine_am, nine_am + 2h};
  EXPECT_EQ(session_state(session, nine_am + 2h + 30min), SessionState::idle_too_long);
}

TEST(SessionTimeout, EndsTwelveHoursAfterSigningInEvenWhenInUse) {
  SessionTimes session{nine_am, nine_am + 11h + 59min};
  EXPECT_EQ(session_state(session, nine_am + 11h + 59min + 59s), SessionState::live);
  EXPECT_EQ(session_state(session, nine_am + 12h), SessionState::past_lifetime);
}

TEST(SessionTimeout, LastRequestIsRecordedAtMostOnceAMinute) {
  SessionTimes session{nine_am, nine_am + 10min};
  EXPECT_FALSE(last_seen_is_stale(session, nine_am + 10min + 59s));
  EXPECT_TRUE(last_seen_is_stale(session, nine_am + 11min));
}

TEST(TokenScope, TableCoversEveryScope) { code_checks::expect_complete_code_table(token_scopes(), 2); }

TEST(TokenScope, ReadTokensMayOnlyRead) {
  EXPECT_TRUE(token_allows(TokenScope::read, false));
  EXPECT_FALSE(token_allows(TokenScope::read, true));
  EXPECT_TRUE(token_allows(TokenScope::write, false));
  EXPECT_TRUE(token_allows(TokenScope::write, true));
}

TEST(TokenExpiry, CurrentUntilTheMomentItExpires) {
  auto expires = nine_am + std::chrono::days{90};
  EXPECT_TRUE(token_is_current(expires, expires - 1s));
  EXPECT_FALSE(token_is_current(expires, expires));
  EXPECT_EQ(default_token_lifetime, std::chrono::days{90});
}

TEST(SignInDelay, NoneForTheFirstFewMistakes) {
  for (int failures = 0; failures <= failures_before_delay; ++failures)
    EXPECT_EQ(delay_after_failures(failures), 0s) << failures;
}

TEST(SignInDelay, DoublesThenStopsAtTheCap) {
  EXPECT_EQ(delay_after_failures(failures_before_delay + 1), 1s);
  EXPECT_EQ(delay_after_failures(failures_before_delay + 2), 2s);
  EXPECT_EQ(delay_after_failures(failures_before_delay + 3), 4s);
  EXPECT_EQ(delay_after_failures(failures_before_delay + 7), longest_delay);
  EXPECT_EQ(delay_after_failures(10'000), longest_delay);
}

TEST(SignInDelay, TheOwnerWaitsAtMostTheCapHoweverManyGuessesWereMade) {
  RecentFailures failures{5'000, nine_am};
  EXPECT_EQ(account_wait(failures, nine_am), longest_delay);
  EXPECT_EQ(account_wait(failures, nine_am + longest_delay), 0s);
}

TEST(SignInDelay, CountsFromTheLatestFailure) {
  RecentFailures failures{failures_before_delay + 3, nine_am};  // 4 s
  EXPECT_EQ(account_wait(failures, nine_am + 1s), 3s);
  EXPECT_EQ(account_wait(failures, nine_am + 10s), 0s);
  EXPECT_EQ(account_wait({}, nine_am), 0s);
}

TEST(SignInAddressLimit, BlocksAnAddressAfterTwentyFailures) {
  EXPECT_FALSE(address_is_blocked(max_failures_per_address - 1));
  EXPECT_TRUE(address_is_blocked(max_failures_per_address));
}
