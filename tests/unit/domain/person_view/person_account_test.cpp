// The person's own account: reading the contact codes go to, and the sign-in code rules (a code
// lasts 10 minutes and works once, 5 wrong codes lock the account for 15 minutes, 3 codes per 15
// minutes, sessions idle out after 8 hours), all with `now` passed in.
#include "domain/person_view/person_account.hpp"

#include <gtest/gtest.h>

#include "code_table_checks.hpp"

using namespace resettle;
using namespace std::chrono;

namespace {
const Timestamp issued = sys_days{2027y / February / 8} + hours{10};

PersonAccount account() {
  PersonAccount account;
  account.id = 1;
  account.person_id = 7;
  account.contact = {AccountContactKind::mobile, "+447700900123"};
  return account;
}

IssuedCode code(std::optional<Timestamp> used_at = std::nullopt) { return {3, issued, used_at}; }
}  // namespace

TEST(PersonAccount, CodeTablesAreComplete) {
  code_checks::expect_complete_code_table(account_contact_kinds(), 2);
  code_checks::expect_complete_code_table(person_account_statuses(), 3);
}

TEST(PersonAccount, AContactIsAUkMobileInE164OrAnEmailInLowerCase) {
  EXPECT_EQ(read_account_contact("07700 900123"), (AccountContact{AccountContactKind::mobile, "+447700900123"}));
  EXPECT_EQ(read_account_contact(" +44 7700 900123 "), (AccountContact{AccountContactKind::mobile, "+447700900123"}));
  EXPECT_EQ(read_account_contact("Sam.Smith@Example.COM"), (AccountContact{AccountContactKind::email, "sam.smith@example.com"}));
  EXPECT_EQ(read_account_contact(" sam@example.com\t"), (AccountContact{AccountContactKind::email, "sam@example.com"}));
  for (auto bad : {"", "   ", "0113 496 0000", "07000 000000", "sam", "sam@", "sam@example", "a@b@example.com",
                   "+1 202 555 0100"})
    EXPECT_FALSE(read_account_contact(bad)) << bad;
}

TEST(SignInCode, WorksFromIssueUntilTenMinutesLater) {
  EXPECT_EQ(code_expires_at(issued), issued + minutes{10});
  EXPECT_EQ(check_code(code(), account(), issued), CodeCheck::accepted);
  EXPECT_EQ(check_code(code(), account(), issued + minutes{10} - seconds{1}), CodeCheck::accepted);
  EXPECT_EQ(check_code(code(), account(), issued + minutes{10}), CodeCheck::expired);
  EXPECT_EQ(check_code(code(), account(), issued + hours{24}), CodeCheck::expired);
}

TEST(SignInCode, WorksOnceOnly) {
  EXPECT_EQ(check_code(code(issued + minutes{1}), account(), issued + minutes{2}), CodeCheck::used);
  EXPECT_EQ(check_code(code(issued + minutes{1}), account(), issued + minutes{20}), CodeCheck::used)
      << "used says more than expired";
}

TEST(SignInCode, NoSuchCodeIsWrong) { EXPECT_EQ(check_code(std::nullopt, account(), issued), CodeCheck::wrong); }

TEST(SignInCode, FiveWrongCodesLockTheAccountForFifteenMinutes) {
  auto held = account();
  for (int wrong = 1; wrong <= 4; ++wrong) {
    held = after_wrong_code(held, issued);
    EXPECT_EQ(held.wrong_codes, wrong);
    EXPECT_FALSE(is_locked(held, issued)) << wrong;
  }
  held = after_wrong_code(held, issued + minutes{1});
  ASSERT_TRUE(held.locked_until);
  EXPECT_EQ(*held.locked_until, issued + minutes{16});
  EXPECT_EQ(held.wrong_codes, 0) << "counting starts afresh after the lockout";
  EXPECT_TRUE(is_locked(held, issued + minutes{16} - seconds{1}));
  EXPECT_FALSE(is_locked(held, issued + minutes{16}));
  EXPECT_EQ(check_code(code(), held, issued + minutes{2}), CodeCheck::locked) << "even the right code";
  EXPECT_EQ(check_code(std::nullopt, held, issued + minutes{2}), CodeCheck::locked);
  EXPECT_EQ(check_code(code(), held, issued + minutes{9}), CodeCheck::locked);
}

TEST(SignInCode, AWrongCodeAfterALockoutEndsStartsTheCountAgain) {
  auto held = account();
  held.locked_until = issued;
  held = after_wrong_code(held, issued + minutes{1});
  EXPECT_FALSE(held.locked_until) << "the old lockout is cleared";
  EXPECT_EQ(held.wrong_codes, 1);
}

TEST(SignInCode, ThreeCodesMayBeAskedForInFifteenMinutes) {
  EXPECT_EQ(code_request_window, minutes{15});
  EXPECT_TRUE(may_issue_code(0));
  EXPECT_TRUE(may_issue_code(2));
  EXPECT_FALSE(may_issue_code(3));
  EXPECT_FALSE(may_issue_code(10));
}

TEST(SignInCode, IsSixDigitsWithLeadingZeros) {
  EXPECT_EQ(format_sign_in_code(0), "000000");
  EXPECT_EQ(format_sign_in_code(42), "000042");
  EXPECT_EQ(format_sign_in_code(999'999), "999999");
  EXPECT_EQ(format_sign_in_code(123'456), "123456");
}

TEST(PersonSession, EndsAfterEightHoursWithoutARequest) {
  EXPECT_TRUE(person_session_live(issued, issued));
  EXPECT_TRUE(person_session_live(issued, issued + hours{8} - seconds{1}));
  EXPECT_FALSE(person_session_live(issued, issued + hours{8}));
}
