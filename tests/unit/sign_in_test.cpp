// Staff accounts, sign-in with its rate limits, sessions, API tokens and the password primitives.
#include "services/sign_in/sign_in.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "domain/errors.hpp"
#include "services/accounts/passwords.hpp"
#include "services/sign_in/two_factor.hpp"
#include "test_store.hpp"

using namespace resettle;
using namespace std::chrono_literals;

namespace {

using resettle::test_support::TempDatabase;

// One text column of each row, straight from the file.
std::vector<std::string> column_of(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_stmt* statement = nullptr;
  sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr);
  std::vector<std::string> values;
  while (sqlite3_step(statement) == SQLITE_ROW) {
    auto* text = sqlite3_column_text(statement, 0);
    values.emplace_back(text ? reinterpret_cast<const char*>(text) : "");
  }
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return values;
}

using resettle::test_support::failed_fields;

using Fields = std::vector<std::string>;

bool is_lower_hex(const std::string& text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

const std::string alice_password = "correct horse battery";

// Every test's clock is fixed, from the real now (the session table's defaults use SQLite's clock).
class SignInTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store->migrate();
    {
      auto tx = store->begin_write();
      tx->places().insert_region({"YH", "Yorkshire and the Humber"});
      tx->places().insert_prison({"LEI", "HMP Leeds", "YH"});
      tx->commit();
    }
    alice.id = services::create_staff_account(*store, alice, alice_password);
  }

  services::FixedClock later(std::chrono::system_clock::duration by) const { return services::FixedClock{now.now() + by}; }

  services::SignInStep sign_in(const std::string& username, const std::string& password,
                               const std::string& address = "192.0.2.10", const std::string& device = "",
                               const services::Clock* clock = nullptr) {
    return services::sign_in(*store, clock ? *clock : now, {username, password, address, device});
  }

  // Signs alice in, returning the session token.
  std::string alice_session() {
    auto step = sign_in("alice.smith", alice_password);
    EXPECT_EQ(step.outcome, services::SignInOutcome::signed_in);
    return step.session_token;
  }

  StaffMember add_account(const std::string& username, Role role) {
    StaffMember member{0, username, "Member " + username, role, "", "", "", "", true};
    member.id = services::create_staff_account(*store, member, alice_password);
    return member;
  }

  std::vector<std::string> journal_kinds() { return column_of(database.path(), "SELECT kind FROM event ORDER BY id"); }

  TempDatabase database;
  std::unique_ptr<store::Store> store = store::open_sqlite_store({database.path(), 4});
  services::FixedClock now{std::chrono::system_clock::now()};
  StaffMember alice{0, "alice.smith", "Alice Smith", Role::pom, "LEI", "", "", "alice@example.org", true};
};

TEST_F(SignInTest, CreateStaffAccountValidatesEachField) {
  StaffMember bad{0, "a", "", Role::com, "", "", "", "", true};
  EXPECT_EQ(failed_fields([&] { services::create_staff_account(*store, bad, "short"); }),
            (Fields{"username", "display_name", "password"}));
  for (const std::string& username : std::vector<std::string>{"has space", "slash/name", "émile", std::string(65, 'a'), ""}) {
    StaffMember member{0, username, "Someone", Role::com, "", "", "", "", true};
    EXPECT_EQ(failed_fields([&] { services::create_staff_account(*store, member, alice_password); }), Fields{"username"})
        << username;
  }
  StaffMember valid{0, "kim.walsh-2_b", "Kim Walsh", Role::key_worker, "LEI", "", "", "", true};
  EXPECT_GT(services::create_staff_account(*store, valid, "lantern otter harbour"), alice.id);
  StaffMember longest{0, std::string(64, 'z'), "Zed", Role::admin, "", "", "", "", true};
  EXPECT_NO_THROW(services::create_staff_account(*store, longest, alice_password));
}

// Length alone is not enough: common passwords, dictionary words with digits and the username fail.
TEST_F(SignInTest, CreateStaffAccountRefusesWeakPasswords) {
  StaffMember kim{0, "kim.walsh", "Kim Walsh", Role::key_worker, "LEI", "", "", "", true};
  for (const char* weak : {"eleven char", "Password123!", "Summer2026!!", "qwertyuiop12", "iloveyou1234",
                                  "abcdefghijkl", "123456789012", "kim.walsh2026", "aaaaaaaaaaaaaaaa"}) {
    try {
      services::create_staff_account(*store, kim, weak);
      ADD_FAILURE() << "accepted " << weak;
    } catch (const ValidationFailed& failed) {
      ASSERT_EQ(failed.errors().size(), 1u) << weak;
      EXPECT_EQ(failed.errors()[0].field, "password") << weak;
      EXPECT_FALSE(failed.errors()[0].message.empty()) << weak;
    }
  }
  EXPECT_NO_THROW(services::create_staff_account(*store, kim, "gentle-otter-river-42"));
}

TEST_F(SignInTest, CreateStaffAccountRefusesATakenUsername) {
  StaffMember twin = alice;
  twin.display_name = "Another Alice";
  EXPECT_EQ(failed_fields([&] { services::create_staff_account(*store, twin, alice_password); }), Fields{"username"});
}

TEST_F(SignInTest, CreateStaffAccountRefusesAnUnknownPrisonOrPdu) {
  StaffMember lost{0, "lost", "Lost Person", Role::pom, "XYZ", "NOWHERE", "", "", true};
  EXPECT_EQ(failed_fields([&] { services::create_staff_account(*store, lost, alice_password); }),
            (Fields{"prison_code", "pdu_code"}));
}

TEST_F(SignInTest, SignInCreatesASessionAndRecordsTheAttempt) {
  auto step = sign_in("alice.smith", alice_password);
  ASSERT_EQ(step.outcome, services::SignInOutcome::signed_in);
  EXPECT_EQ(step.session_token.size(), 64u);
  EXPECT_TRUE(is_lower_hex(step.session_token));
  EXPECT_EQ(step.device_token.size(), 64u);

  auto found = services::find_session(*store, now, step.session_token);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->staff.username, "alice.smith");
  EXPECT_EQ(found->csrf_token.size(), 64u);
  EXPECT_NE(found->csrf_token, step.session_token);
  EXPECT_FALSE(services::find_session(*store, now, found->csrf_token));
  EXPECT_FALSE(services::find_session(*store, now, step.device_token));

  // Only the hashes of the cookie values are kept.
  EXPECT_EQ(column_of(database.path(), "SELECT token_hash FROM session"), Fields{services::sha256_hex(step.session_token)});
  EXPECT_EQ(column_of(database.path(), "SELECT token_hash FROM known_device"),
            Fields{services::sha256_hex(step.device_token)});
  EXPECT_EQ(column_of(database.path(), "SELECT username || ' ' || address || ' ' || succeeded FROM login_attempt"),
            Fields{"alice.smith 192.0.2.10 1"});
  EXPECT_EQ(journal_kinds().back(), "staff.signed_in");
}

TEST_F(SignInTest, AWrongPasswordAndAnUnknownUsernameAreRefusedAlike) {
  EXPECT_EQ(sign_in("alice.smith", "not the password").outcome, services::SignInOutcome::wrong_details);
  EXPECT_EQ(sign_in("nobody", alice_password).outcome, services::SignInOutcome::wrong_details);
  EXPECT_EQ(column_of(database.path(), "SELECT username || ' ' || succeeded FROM login_attempt ORDER BY id"),
            (Fields{"alice.smith 0", "nobody 0"}));
  EXPECT_TRUE(column_of(database.path(), "SELECT token_hash FROM session").empty());
}

// A guesser spread over many addresses is slowed to one try a minute; the owner waits no longer
// than that, and not at all from a browser that signed in to the account before.
TEST_F(SignInTest, RepeatedFailuresDelayTheAccountWithoutLockingTheOwnerOut) {
  auto a_minute_before = later(-1min);  // the owner's last sign-in, before the guessing began
  auto owners_device = sign_in("alice.smith", alice_password, "192.0.2.10", "", &a_minute_before).device_token;
  for (int i = 0; i < failures_before_delay; ++i)
    EXPECT_EQ(sign_in("alice.smith", "guess " + std::to_string(i), "198.51.100." + std::to_string(i)).outcome,
              services::SignInOutcome::wrong_details);
  // One more failure, one second later, then a delay of one second.
  auto a_second_on = later(1s);
  EXPECT_EQ(sign_in("alice.smith", "guess", "198.51.100.99", "", &a_second_on).outcome,
            services::SignInOutcome::wrong_details);
  auto refused = sign_in("alice.smith", alice_password, "192.0.2.10", "", &a_second_on);
  EXPECT_EQ(refused.outcome, services::SignInOutcome::wait);
  EXPECT_EQ(refused.retry_after, 1s);
  EXPECT_TRUE(refused.session_token.empty());

  // Hundreds of guesses spread over hours' worth of delays: the account waits at most the cap.
  {
    auto tx = store->begin_write();
    for (int i = 0; i < 300; ++i)
      tx->login_attempts().record("alice.smith", "203.0.113." + std::to_string(i % 250), false, a_second_on.now_iso());
    tx->commit();
  }
  auto wait = sign_in("alice.smith", alice_password, "192.0.2.10", "", &a_second_on);
  EXPECT_EQ(wait.outcome, services::SignInOutcome::wait);
  EXPECT_EQ(wait.retry_after, longest_delay);
  auto after_the_cap = later(1s + longest_delay);
  EXPECT_EQ(sign_in("alice.smith", alice_password, "192.0.2.10", "", &after_the_cap).outcome,
            services::SignInOutcome::signed_in);
  // ... and the owner's own browser was never held up.
  EXPECT_EQ(sign_in("alice.smith", alice_password, "192.0.2.10", owners_device, &a_second_on).outcome,
            services::SignInOutcome::signed_in);
  // Other accounts are untouched.
  add_account("bob", Role::com);
  EXPECT_EQ(sign_in("bob", alice_password, "192.0.2.10", "", &a_second_on).outcome, services::SignInOutcome::signed_in);
}

TEST_F(SignInTest, ASuccessfulSignInClearsTheAccountsFailures) {
  for (int i = 0; i < failures_before_delay; ++i) sign_in("alice.smith", "guess");
  auto then = later(1s), after = later(2s);
  EXPECT_EQ(sign_in("alice.smith", alice_password, "192.0.2.10", "", &then).outcome, services::SignInOutcome::signed_in);
  // Counted with the three before, this slip would make the next attempt wait a second.
  EXPECT_EQ(sign_in("alice.smith", "one more slip", "192.0.2.10", "", &after).outcome,
            services::SignInOutcome::wrong_details);
  EXPECT_EQ(sign_in("alice.smith", alice_password, "192.0.2.10", "", &after).outcome,
            services::SignInOutcome::signed_in);
}

TEST_F(SignInTest, TwentyFailuresFromOneAddressBlockThatAddressOnly) {
  auto owners_device = sign_in("alice.smith", alice_password, "203.0.113.7").device_token;
  for (int i = 0; i < max_failures_per_address; ++i) sign_in("user" + std::to_string(i), "guess", "203.0.113.7");
  auto blocked = sign_in("alice.smith", alice_password, "203.0.113.7");
  EXPECT_EQ(blocked.outcome, services::SignInOutcome::wait);
  EXPECT_EQ(blocked.retry_after, failure_window);
  EXPECT_EQ(sign_in("alice.smith", alice_password, "192.0.2.10").outcome, services::SignInOutcome::signed_in);
  // Someone who signed in from that browser before, behind the same address, still can.
  EXPECT_EQ(sign_in("alice.smith", alice_password, "203.0.113.7", owners_device).outcome,
            services::SignInOutcome::signed_in);
}

TEST_F(SignInTest, AKnownDeviceCountsOnlyForItsOwnAccount) {
  auto alices_device = sign_in("alice.smith", alice_password).device_token;
  add_account("bob", Role::com);
  for (int i = 0; i < failures_before_delay + 1; ++i) sign_in("bob", "guess", "198.51.100.1", alices_device);
  EXPECT_EQ(sign_in("bob", alice_password, "192.0.2.10", alices_device).outcome, services::SignInOutcome::wait);
}

TEST_F(SignInTest, SessionsEndAfterThirtyIdleMinutes) {
  auto token = alice_session();
  auto still_there = later(29min);
  EXPECT_TRUE(services::find_session(*store, still_there, token));  // and records the request
  auto used_again = later(29min + 29min);
  EXPECT_TRUE(services::find_session(*store, used_again, token));
  auto gone_for_lunch = later(29min + 29min + 30min);
  EXPECT_FALSE(services::find_session(*store, gone_for_lunch, token));
}

TEST_F(SignInTest, SessionsEndTwelveHoursAfterSigningInEvenWhenInUse) {
  auto token = alice_session();
  for (auto at = 20min; at < session_lifetime; at += 20min) {
    auto clock = later(at);
    ASSERT_TRUE(services::find_session(*store, clock, token)) << at.count();
  }
  auto expired = later(session_lifetime);
  EXPECT_FALSE(services::find_session(*store, expired, token));
}

TEST_F(SignInTest, SignOutEndsOnlyThatSessionAndIsJournalled) {
  auto first = alice_session();
  auto second = alice_session();
  services::sign_out(*store, now, first);
  EXPECT_FALSE(services::find_session(*store, now, first));
  EXPECT_TRUE(services::find_session(*store, now, second));
  EXPECT_EQ(journal_kinds().back(), "staff.signed_out");
  EXPECT_NO_THROW(services::sign_out(*store, now, "never issued"));
}

TEST_F(SignInTest, SigningOutEverywhereEndsEverySessionAndForgetsDevices) {
  auto a_minute_before = later(-1min);
  auto first = sign_in("alice.smith", alice_password, "192.0.2.10", "", &a_minute_before);
  auto second = alice_session();
  add_account("bob", Role::com);
  auto bobs = sign_in("bob", alice_password).session_token;
  auto found = services::find_session(*store, now, first.session_token);
  ASSERT_TRUE(found);
  EXPECT_EQ(services::sign_out_everywhere(*store, now, found->staff), 2);
  EXPECT_FALSE(services::find_session(*store, now, first.session_token));
  EXPECT_FALSE(services::find_session(*store, now, second));
  EXPECT_TRUE(services::find_session(*store, now, bobs));
  EXPECT_EQ(journal_kinds().back(), "staff.signed_out_everywhere");
  // The forgotten device no longer skips the account's delay.
  auto then = later(1s);
  for (int i = 0; i < failures_before_delay + 1; ++i) sign_in("alice.smith", "guess", "198.51.100.1", "", &then);
  EXPECT_EQ(sign_in("alice.smith", alice_password, "192.0.2.10", first.device_token, &then).outcome,
            services::SignInOutcome::wait);
}

TEST_F(SignInTest, AnInactiveAccountCannotSignIn) {
  StaffMember gone{0, "gone", "Gone Away", Role::com, "", "", "", "", false};
  services::create_staff_account(*store, gone, alice_password);
  EXPECT_EQ(sign_in("gone", alice_password).outcome, services::SignInOutcome::wrong_details);
}

TEST_F(SignInTest, ApiTokensCarryTheirIdAndScopeAndExpire) {
  auto issued = services::issue_api_token(*store, now, alice.id, "Case management import", TokenScope::read);
  EXPECT_EQ(issued.token.size(), 64u);
  EXPECT_EQ(issued.expires_at, services::to_iso_timestamp(now.now_seconds() + default_token_lifetime));
  auto caller = services::caller_for_api_token(*store, now, issued.token);
  ASSERT_TRUE(caller);
  EXPECT_EQ(caller->staff.id, alice.id);
  EXPECT_EQ(caller->token_id, issued.id);
  EXPECT_EQ(caller->scope, TokenScope::read);
  EXPECT_FALSE(services::caller_for_api_token(*store, now, "unknown token"));
  EXPECT_FALSE(services::caller_for_api_token(*store, now, services::sha256_hex(issued.token)));  // the hash is no token
  EXPECT_EQ(journal_kinds().back(), "api_token.issued");

  auto nearly = later(default_token_lifetime - 1s);
  EXPECT_TRUE(services::caller_for_api_token(*store, nearly, issued.token));
  auto expired = later(default_token_lifetime);
  EXPECT_FALSE(services::caller_for_api_token(*store, expired, issued.token));

  auto week = services::issue_api_token(*store, now, alice.id, "A week", TokenScope::write, std::chrono::days{7});
  EXPECT_EQ(services::caller_for_api_token(*store, now, week.token)->scope, TokenScope::write);
  auto next_week = later(std::chrono::days{7});
  EXPECT_FALSE(services::caller_for_api_token(*store, next_week, week.token));
}

TEST_F(SignInTest, IssuingATokenValidatesItsLabelAndLifetime) {
  EXPECT_EQ(failed_fields([&] { services::issue_api_token(*store, now, alice.id, "", TokenScope::read, std::chrono::days{0}); }),
            (Fields{"label", "days"}));
  EXPECT_EQ(failed_fields([&] {
              services::issue_api_token(*store, now, alice.id, "x", TokenScope::read, longest_token_lifetime + std::chrono::days{1});
            }),
            Fields{"days"});
  EXPECT_THROW(services::issue_api_token(*store, now, alice.id + 99, "nobody", TokenScope::read), NotFound);
}

TEST(Passwords, HashAndVerifyRoundTrip) {
  auto hash = services::hash_password("a long passphrase");
  EXPECT_EQ(hash.rfind("$argon2id$", 0), 0u) << hash;
  EXPECT_EQ(hash.find('\0'), std::string::npos);
  EXPECT_TRUE(services::verify_password("a long passphrase", hash));
  EXPECT_FALSE(services::verify_password("a long passphrasE", hash));
  EXPECT_FALSE(services::verify_password("", hash));
  EXPECT_FALSE(services::verify_password("a long passphrase", "not a hash"));
  EXPECT_NE(services::hash_password("a long passphrase"), hash);  // salted
}

TEST(Passwords, RandomTokensAreHexOfTheAskedLengthAndUnique) {
  EXPECT_EQ(services::random_token().size(), 64u);
  EXPECT_EQ(services::random_token(16).size(), 32u);
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    auto token = services::random_token();
    EXPECT_TRUE(is_lower_hex(token)) << token;
    seen.insert(token);
  }
  EXPECT_EQ(seen.size(), 200u);
}

TEST(Passwords, Sha256MatchesKnownVectors) {
  EXPECT_EQ(services::sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(services::sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
