// Admins looking after accounts: deactivation ends sessions and tokens at once, password and
// two-factor resets, token revocation, and who may do them.
#include "services/accounts/accounts.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "services/sign_in/sign_in.hpp"
#include "services/sign_in/two_factor.hpp"
#include "test_store.hpp"

using namespace resettle;
using namespace std::chrono_literals;

namespace {

using resettle::test_support::TempDatabase;
using resettle::test_support::failed_fields;

const std::string password = "correct horse battery";

class AccountsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store->migrate();
    admin = add("ada", Role::admin);
    alice = add("alice", Role::pom);
  }

  StaffMember add(const std::string& username, Role role) {
    StaffMember member{0, username, "Member " + username, role, "", "", "", "", true};
    member.id = services::create_staff_account(*store, member, password);
    return member;
  }

  std::string session_of(const std::string& username, const std::string& with = password) {
    auto step = services::sign_in(*store, now, {username, with, "192.0.2.10", ""});
    return step.outcome == services::SignInOutcome::signed_in ? step.session_token : "";
  }

  std::string last_event_kind() {
    sqlite3* db = nullptr;
    sqlite3_open(database.path().c_str(), &db);
    sqlite3_stmt* statement = nullptr;
    sqlite3_prepare_v2(db, "SELECT kind FROM event ORDER BY id DESC LIMIT 1", -1, &statement, nullptr);
    std::string kind = sqlite3_step(statement) == SQLITE_ROW ? reinterpret_cast<const char*>(sqlite3_column_text(statement, 0)) : "";
    sqlite3_finalize(statement);
    sqlite3_close(db);
    return kind;
  }

  TempDatabase database;
  std::unique_ptr<store::Store> store = store::open_sqlite_store({database.path(), 4});
  services::FixedClock now{std::chrono::system_clock::now()};
  StaffMember admin, alice;
};

TEST_F(AccountsTest, DeactivatingEndsSessionsAndTokensAtOnceAndReactivatingRevivesNeither) {
  auto session = session_of("alice");
  auto token = services::issue_api_token(*store, now, alice.id, "import", TokenScope::write);
  ASSERT_TRUE(services::find_session(*store, now, session));
  services::deactivate_account(*store, now, &admin, alice.id);
  EXPECT_EQ(last_event_kind(), "staff.deactivated");
  EXPECT_FALSE(services::find_session(*store, now, session));
  EXPECT_FALSE(services::caller_for_api_token(*store, now, token.token));
  EXPECT_EQ(session_of("alice"), "");
  EXPECT_THROW(services::deactivate_account(*store, now, &admin, alice.id), Conflict);

  services::reactivate_account(*store, now, &admin, alice.id);
  EXPECT_EQ(last_event_kind(), "staff.reactivated");
  EXPECT_FALSE(services::find_session(*store, now, session));
  EXPECT_FALSE(services::caller_for_api_token(*store, now, token.token));
  EXPECT_NE(session_of("alice"), "");
}

TEST_F(AccountsTest, OnlyAdminsManageAccountsAndNotTheirOwnActivation) {
  EXPECT_THROW(services::deactivate_account(*store, now, &alice, admin.id), Forbidden);
  EXPECT_THROW(services::list_accounts(*store, &alice), Forbidden);
  EXPECT_THROW(services::reset_password(*store, now, &alice, alice.id, "lantern otter harbour"), Forbidden);
  EXPECT_THROW(services::deactivate_account(*store, now, &admin, admin.id), Conflict);
  EXPECT_THROW(services::deactivate_account(*store, now, &admin, 9999), NotFound);
  EXPECT_EQ(services::list_accounts(*store, &admin).size(), 2u);
  services::deactivate_account(*store, now, nullptr, alice.id);  // the command line
}

TEST_F(AccountsTest, ResettingAPasswordChecksItAndEndsTheSessions) {
  auto session = session_of("alice");
  EXPECT_EQ(failed_fields([&] { services::reset_password(*store, now, &admin, alice.id, "Password123!"); }),
            std::vector<std::string>{"new_password"});
  EXPECT_TRUE(services::find_session(*store, now, session));
  services::reset_password(*store, now, &admin, alice.id, "lantern otter harbour");
  EXPECT_EQ(last_event_kind(), "staff.password_reset");
  EXPECT_FALSE(services::find_session(*store, now, session));
  EXPECT_EQ(session_of("alice"), "");
  EXPECT_NE(session_of("alice", "lantern otter harbour"), "");
}

TEST_F(AccountsTest, ResettingTwoFactorAsksForEnrolmentAgain) {
  auto step = services::sign_in(*store, now, {"ada", password, "192.0.2.10", ""});
  ASSERT_EQ(step.outcome, services::SignInOutcome::enrolment_needed);
  auto secret = services::find_pending_sign_in(*store, now, step.session_token)->enrolling_secret;
  auto code = services::totp_code(secret, services::totp_step(now.now_seconds()));
  ASSERT_EQ(services::give_second_factor(*store, now, {step.session_token, code, false, "", ""}).outcome,
            services::SignInOutcome::signed_in);
  EXPECT_TRUE(services::account_details(*store, &admin, admin.id).two_factor);

  services::reset_two_factor(*store, now, nullptr, admin.id);
  EXPECT_EQ(last_event_kind(), "staff.two_factor_reset");
  EXPECT_FALSE(services::find_session(*store, now, step.session_token));
  EXPECT_FALSE(services::account_details(*store, &admin, admin.id).two_factor);
  EXPECT_EQ(services::sign_in(*store, now, {"ada", password, "192.0.2.10", ""}).outcome,
            services::SignInOutcome::enrolment_needed);
  EXPECT_THROW(services::reset_two_factor(*store, now, nullptr, admin.id), Conflict);
}

TEST_F(AccountsTest, RevokingATokenEndsItOnly) {
  auto first = services::issue_api_token(*store, now, alice.id, "first", TokenScope::read);
  auto second = services::issue_api_token(*store, now, alice.id, "second", TokenScope::write);
  EXPECT_EQ(services::revoke_api_token(*store, now, &admin, first.id), alice.id);
  EXPECT_EQ(last_event_kind(), "api_token.revoked");
  EXPECT_FALSE(services::caller_for_api_token(*store, now, first.token));
  EXPECT_TRUE(services::caller_for_api_token(*store, now, second.token));
  EXPECT_THROW(services::revoke_api_token(*store, now, &admin, first.id), Conflict);
  EXPECT_THROW(services::revoke_api_token(*store, now, &admin, 9999), NotFound);
  auto tokens = services::account_details(*store, &admin, alice.id).tokens;
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[0].label, "second");  // newest first
  EXPECT_FALSE(tokens[1].revoked_at.empty());
}

}  // namespace
