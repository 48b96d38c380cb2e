// TOTP codes (RFC 6238's own test vectors, time steps either side, replays) and two-factor sign-in:
// enrolment for the roles that require it, the code step, remembered devices and wrong codes.
#include "services/sign_in/two_factor.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "services/sign_in/sign_in.hpp"
#include "test_store.hpp"

using namespace resettle;
using namespace std::chrono_literals;

namespace {

using resettle::test_support::TempDatabase;

// RFC 6238 appendix B: the ASCII secret "12345678901234567890", SHA-1, here as base32 and 6 digits.
const std::string rfc_secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
Timestamp at_unix(std::int64_t seconds) { return Timestamp{std::chrono::seconds{seconds}}; }

TEST(Totp, MatchesTheRfcTestVectors) {
  EXPECT_EQ(services::totp_code(rfc_secret, services::totp_step(at_unix(59))), "287082");
  EXPECT_EQ(services::totp_code(rfc_secret, services::totp_step(at_unix(1111111109))), "081804");
  EXPECT_EQ(services::totp_code(rfc_secret, services::totp_step(at_unix(1234567890))), "005924");
  EXPECT_EQ(services::totp_code(rfc_secret, services::totp_step(at_unix(2000000000))), "279037");
}

TEST(Totp, AcceptsTheCurrentStepAndOneEitherSide) {
  auto now = at_unix(1111111109);
  auto step = services::totp_step(now);
  EXPECT_EQ(services::totp_step_of(rfc_secret, services::totp_code(rfc_secret, step), now), step);
  EXPECT_EQ(services::totp_step_of(rfc_secret, services::totp_code(rfc_secret, step - 1), now), step - 1);
  EXPECT_EQ(services::totp_step_of(rfc_secret, services::totp_code(rfc_secret, step + 1), now), step + 1);
  EXPECT_FALSE(services::totp_step_of(rfc_secret, services::totp_code(rfc_secret, step - 2), now));
  EXPECT_FALSE(services::totp_step_of(rfc_secret, services::totp_code(rfc_secret, step + 2), now));
}

TEST(Totp, IgnoresSpacesAndRefusesMalformedCodes) {
  auto now = at_unix(59);
  EXPECT_TRUE(services::totp_step_of(rfc_secret, "287 082", now));
  for (const std::string code : {"", "28708", "2870822", "28708a", "287082\n", "000000"})
    EXPECT_FALSE(services::totp_step_of(rfc_secret, code, now)) << code;
  EXPECT_FALSE(services::totp_step_of("not base32!", "287082", now));
}

TEST(Totp, NewSecretsAre160RandomBitsInBase32) {
  auto first = services::new_totp_secret(), second = services::new_totp_secret();
  EXPECT_EQ(first.size(), 32u);
  EXPECT_NE(first, second);
  EXPECT_EQ(first.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"), std::string::npos) << first;
  EXPECT_EQ(services::otpauth_uri(first, "alice.smith"),
            "otpauth://totp/Resettle:alice.smith?secret=" + first + "&issuer=Resettle&algorithm=SHA1&digits=6&period=30");
}

const std::string password = "correct horse battery";

class TwoFactorSignInTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store->migrate();
    manager.id = services::create_staff_account(*store, manager, password);
  }

  services::SignInStep password_step(const std::string& device = "") {
    return services::sign_in(*store, now, {"morgan", password, "192.0.2.10", device});
  }
  services::SignInStep code_step(const std::string& session, const std::string& code, bool remember = false,
                                 const services::Clock* clock = nullptr) {
    return services::give_second_factor(*store, clock ? *clock : now, {session, code, remember, "192.0.2.10", ""});
  }
  std::string code_at(const std::string& secret, std::chrono::seconds offset = 0s) {
    return services::totp_code(secret, services::totp_step(now.now_seconds() + offset));
  }

  // Enrols through the sign-in pages' steps, returning the secret.
  std::string enrol() {
    auto step = password_step();
    EXPECT_EQ(step.outcome, services::SignInOutcome::enrolment_needed);
    auto pending = services::find_pending_sign_in(*store, now, step.session_token);
    EXPECT_TRUE(pending && pending->enrolling);
    auto done = code_step(step.session_token, code_at(pending->enrolling_secret));
    EXPECT_EQ(done.outcome, services::SignInOutcome::signed_in);
    return pending->enrolling_secret;
  }

  TempDatabase database;
  std::unique_ptr<store::Store> store = store::open_sqlite_store({database.path(), 4});
  services::FixedClock now{std::chrono::system_clock::now()};
  StaffMember manager{0, "morgan", "Morgan Ellis", Role::manager, "", "", "", "", true};
};

TEST(TwoFactorRule, RequiredForAdminsManagersAndRiskPartnersOnly) {
  for (const auto& role : roles())
    EXPECT_EQ(services::two_factor_required(role.value),
              role.value == Role::admin || role.value == Role::manager || role.value == Role::police ||
                  role.value == Role::social_care || role.value == Role::mappa_coordinator)
        << role.code;
}

TEST_F(TwoFactorSignInTest, AManagerWithoutTwoFactorMustSetItUpBeforeTheSessionOpensAnything) {
  auto step = password_step();
  ASSERT_EQ(step.outcome, services::SignInOutcome::enrolment_needed);
  EXPECT_FALSE(services::find_session(*store, now, step.session_token)) << "a pending sign-in opens no page";
  auto pending = services::find_pending_sign_in(*store, now, step.session_token);
  ASSERT_TRUE(pending);
  EXPECT_EQ(pending->staff.id, manager.id);
  EXPECT_EQ(pending->enrolling_secret.size(), 32u);
  EXPECT_EQ(code_step(step.session_token, "000000").outcome, services::SignInOutcome::wrong_details);
  auto done = code_step(step.session_token, code_at(pending->enrolling_secret));
  ASSERT_EQ(done.outcome, services::SignInOutcome::signed_in);
  EXPECT_TRUE(services::find_session(*store, now, step.session_token));
  EXPECT_FALSE(services::find_pending_sign_in(*store, now, step.session_token));
}

TEST_F(TwoFactorSignInTest, AfterEnrolmentEverySignInNeedsAFreshCode) {
  auto secret = enrol();
  auto step = password_step();
  ASSERT_EQ(step.outcome, services::SignInOutcome::code_needed);
  EXPECT_FALSE(services::find_pending_sign_in(*store, now, step.session_token)->enrolling);
  // The code that proved the enrolment is still within its window, but used: a replay.
  EXPECT_EQ(code_step(step.session_token, code_at(secret)).outcome, services::SignInOutcome::wrong_details);
  auto later = services::FixedClock{now.now() + 60s};
  auto fresh = code_at(secret, 60s);
  EXPECT_EQ(code_step(step.session_token, fresh, false, &later).outcome, services::SignInOutcome::signed_in);
  // The same code never opens a second sign-in.
  auto again = services::sign_in(*store, later, {"morgan", password, "192.0.2.10", ""});
  EXPECT_EQ(code_step(again.session_token, fresh, false, &later).outcome, services::SignInOutcome::wrong_details);
}

TEST_F(TwoFactorSignInTest, FiveWrongCodesEndThePendingSignIn) {
  enrol();
  auto step = password_step();
  for (int i = 0; i < 4; ++i)
    EXPECT_EQ(code_step(step.session_token, "000000").outcome, services::SignInOutcome::wrong_details);
  EXPECT_EQ(code_step(step.session_token, "000000").outcome, services::SignInOutcome::start_again);
  EXPECT_FALSE(services::find_pending_sign_in(*store, now, step.session_token));
}

TEST_F(TwoFactorSignInTest, APendingSignInExpiresAfterTenMinutes) {
  auto step = password_step();
  auto late = services::FixedClock{now.now() + second_factor_lifetime};
  EXPECT_FALSE(services::find_pending_sign_in(*store, late, step.session_token));
  auto secret = services::find_pending_sign_in(*store, now, step.session_token)->enrolling_secret;
  EXPECT_EQ(code_step(step.session_token, services::totp_code(secret, services::totp_step(late.now_seconds())), false, &late)
                .outcome,
            services::SignInOutcome::start_again);
}

TEST_F(TwoFactorSignInTest, ARememberedDeviceSkipsTheCodeAndOthersDoNot) {
  auto secret = enrol();
  auto later = services::FixedClock{now.now() + 60s};
  auto step = services::sign_in(*store, later, {"morgan", password, "192.0.2.10", ""});
  auto remembered = code_step(step.session_token, code_at(secret, 60s), true, &later);
  ASSERT_EQ(remembered.outcome, services::SignInOutcome::signed_in);
  EXPECT_EQ(password_step(remembered.device_token).outcome, services::SignInOutcome::signed_in);
  // A browser known without "remember" still gives a code.
  auto other = services::sign_in(*store, later, {"morgan", password, "192.0.2.10", "unknown device"});
  EXPECT_EQ(other.outcome, services::SignInOutcome::code_needed);
}

}  // namespace
