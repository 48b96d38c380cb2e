// Staff accounts, sign-in with its rate limits, sessions, API tokens and the password primitives.
#include "services/sign_in.hpp"

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
#include "services/passwords.hpp"
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

// login_attempt.at is stamped by SQLite's own clock, so the clocks here start from the real now.
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

  services::SignInResult sign_in(const std::string& username, const std::string& password,
                                 const std::string& address = "192.0.2.10") {
    return services::sign_in(*store, now, username, password, address);
  }

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
  EXPECT_GT(services::create_staff_account(*store, valid, "twelve chars"), alice.id);
  StaffMember longest{0, std::string(64, 'z'), "Zed", Role::admin, "", "", "", "", true};
  EXPECT_NO_THROW(services::create_staff_account(*store, longest, alice_password));
  StaffMember elevenchars{0, "eleven", "Eleven", Role::admin, "", "", "", "", true};
  EXPECT_EQ(failed_fields([&] { services::create_staff_account(*store, elevenchars, "eleven char"); }),
            Fields{"password"});
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
  auto result = sign_in("alice.smith", alice_password);
  ASSERT_TRUE(result.signed_in);
  const auto& signed_in = *result.signed_in;
  EXPECT_EQ(signed_in.staff.id, alice.id);
  EXPECT_EQ(signed_in.staff.role, Role::pom);
  EXPECT_EQ(signed_in.session_token.size(), 64u);
  EXPECT_TRUE(is_lower_hex(signed_in.session_token));
  EXPECT_EQ(signed_in.csrf_token.size(), 64u);
  EXPECT_NE(signed_in.session_token, signed_in.csrf_token);

  auto found = services::find_session(*store, now, signed_in.session_token);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->staff.username, "alice.smith");
  EXPECT_EQ(found->csrf_token, signed_in.csrf_token);
  EXPECT_FALSE(services::find_session(*store, now, signed_in.csrf_token));

  // Only the hash of the cookie value is kept.
  EXPECT_EQ(column_of(database.path(), "SELECT token_hash FROM session"),
            Fields{services::sha256_hex(signed_in.session_token)});
  EXPECT_EQ(column_of(database.path(), "SELECT username || ' ' || address || ' ' || succeeded FROM login_attempt"),
            Fields{"alice.smith 192.0.2.10 1"});
}

TEST_F(SignInTest, AWrongPasswordAndAnUnknownUsernameAreRefusedAlike) {
  auto wrong = sign_in("alice.smith", "not the password");
  EXPECT_FALSE(wrong.signed_in);
  EXPECT_EQ(wrong.refusal, services::SignInRefusal::wrong_details);
  auto unknown = sign_in("nobody", alice_password);
  EXPECT_FALSE(unknown.signed_in);
  EXPECT_EQ(unknown.refusal, services::SignInRefusal::wrong_details);
  EXPECT_EQ(column_of(database.path(), "SELECT username || ' ' || succeeded FROM login_attempt ORDER BY id"),
            (Fields{"alice.smith 0", "nobody 0"}));
  EXPECT_TRUE(column_of(database.path(), "SELECT token_hash FROM session").empty());
}

TEST_F(SignInTest, FiveFailuresForAUsernameLockItForFifteenMinutes) {
  for (int i = 0; i < services::max_failures_per_username; ++i)
    EXPECT_FALSE(sign_in("alice.smith", "guess " + std::to_string(i), "198.51.100." + std::to_string(i)).signed_in);
  auto locked = sign_in("alice.smith", alice_password);
  EXPECT_FALSE(locked.signed_in);
  EXPECT_EQ(locked.refusal, services::SignInRefusal::too_many_attempts);

  StaffMember bob{0, "bob", "Bob Jones", Role::com, "", "", "", "", true};
  services::create_staff_account(*store, bob, alice_password);
  EXPECT_TRUE(sign_in("bob", alice_password).signed_in);  // other accounts are untouched

  auto still = later(14min);
  EXPECT_EQ(services::sign_in(*store, still, "alice.smith", alice_password, "192.0.2.10").refusal,
            services::SignInRefusal::too_many_attempts);
  auto after_window = later(16min);
  EXPECT_TRUE(services::sign_in(*store, after_window, "alice.smith", alice_password, "192.0.2.10").signed_in);
}

TEST_F(SignInTest, TwentyFailuresFromOneAddressLockThatAddress) {
  for (int i = 0; i < services::max_failures_per_address; ++i)
    sign_in("user" + std::to_string(i), "guess", "203.0.113.7");
  EXPECT_EQ(sign_in("alice.smith", alice_password, "203.0.113.7").refusal, services::SignInRefusal::too_many_attempts);
  EXPECT_TRUE(sign_in("alice.smith", alice_password, "192.0.2.10").signed_in);
}

// The web server passes an empty address when it could not read the peer's.
TEST_F(SignInTest, FailuresFromAnUnknownAddressDoNotLockEveryAccount) {
  for (int i = 0; i < services::max_failures_per_username; ++i) sign_in("user" + std::to_string(i), "guess", "");
  EXPECT_TRUE(sign_in("alice.smith", alice_password, "192.0.2.10").signed_in);
}

TEST_F(SignInTest, SessionsExpireAfterTheirLifetime) {
  auto token = sign_in("alice.smith", alice_password).signed_in->session_token;
  auto nearly = later(services::session_lifetime - 1s);
  EXPECT_TRUE(services::find_session(*store, nearly, token));
  auto expired = later(services::session_lifetime);
  EXPECT_FALSE(services::find_session(*store, expired, token));
}

TEST_F(SignInTest, SignOutRevokesOnlyThatSession) {
  auto first = sign_in("alice.smith", alice_password).signed_in->session_token;
  auto second = sign_in("alice.smith", alice_password).signed_in->session_token;
  services::sign_out(*store, first);
  EXPECT_FALSE(services::find_session(*store, now, first));
  EXPECT_TRUE(services::find_session(*store, now, second));
  EXPECT_NO_THROW(services::sign_out(*store, "never issued"));
}

TEST_F(SignInTest, AnInactiveAccountCannotSignInOrKeepItsSession) {
  StaffMember gone{0, "gone", "Gone Away", Role::com, "", "", "", "", false};
  services::create_staff_account(*store, gone, alice_password);
  auto refused = sign_in("gone", alice_password);
  EXPECT_FALSE(refused.signed_in);
  EXPECT_EQ(refused.refusal, services::SignInRefusal::wrong_details);

  auto token = sign_in("alice.smith", alice_password).signed_in->session_token;
  sqlite3* db = nullptr;
  sqlite3_open(database.path().c_str(), &db);
  sqlite3_busy_timeout(db, 10000);
  ASSERT_EQ(sqlite3_exec(db, "UPDATE staff SET active = 0 WHERE username = 'alice.smith'", nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  EXPECT_FALSE(services::find_session(*store, now, token));
}

TEST_F(SignInTest, ApiTokensResolveToTheirAccount) {
  auto token = services::issue_api_token(*store, alice.id, "Case management import");
  EXPECT_EQ(token.size(), 64u);
  auto staff = services::staff_for_api_token(*store, token);
  ASSERT_TRUE(staff);
  EXPECT_EQ(staff->id, alice.id);
  EXPECT_FALSE(services::staff_for_api_token(*store, "unknown token"));
  EXPECT_FALSE(services::staff_for_api_token(*store, services::sha256_hex(token)));  // the stored hash is no token
  EXPECT_THROW(services::issue_api_token(*store, alice.id + 99, "nobody"), NotFound);
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
