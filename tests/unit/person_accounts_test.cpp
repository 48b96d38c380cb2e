// The person's own view through the SQLite store: inviting them (refusals, the invitation in the
// outbox), signing in by code (unknown contacts, wrong, reused and expired codes, the lockout, the
// limit on codes asked for), sessions apart from staff's, the language remembered, and "What
// happens next" journalled.
#include "services/person_view/person_accounts.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>

#include "domain/errors.hpp"
#include "services/people/case_records.hpp"
#include "services/sign_in/sign_in.hpp"
#include "test_store.hpp"

using namespace resettle;
using namespace std::chrono;

namespace {

// Monday 4 January 2027 in London (GMT), late in the evening: quiet hours, which codes ignore.
const Timestamp evening = sys_days{2027y / January / 4} + 22h;
const services::FixedClock at_evening{evening};
const BankHolidays holidays{{Date{2027y / January / 1}, Date{2027y / April / 2}}, Date{2027y / January / 1},
                            Date{2027y / December / 31}};
constexpr auto address = "https://resettle.example/my/sign-in";

class PersonAccountsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store->migrate();
    auto tx = store->begin_write();
    test_support::add_yorkshire(*tx);
    for (auto* member : {&manager, &com, &keyworker}) member->id = tx->staff().insert(*member, "not-a-real-hash");
    tx->commit();
    sam = add("Sam", "A1234BC");
    alex = add("Alex", "A1235BC");
  }

  std::int64_t add(const std::string& name, const std::string& prison_number) {
    auto id = services::add_person(*store, at_evening, manager,
                                   {{"given_name", name}, {"family_name", "Jones"}, {"date_of_birth", "1990-05-17"},
                                    {"prison_number", prison_number}, {"prison_code", "LEI"}, {"pdu_code", "LDS"}})
                  .id;
    services::record_sentence(*store, at_evening, manager, id,
                              {{"sentence_type", "determinate"}, {"sentence_start_date", "2026-10-01"},
                               {"sentence_length_days", "240"}});
    return id;
  }

  std::vector<OutboxMessage> messages(std::int64_t person_id, MessageKind kind) {
    std::vector<OutboxMessage> found;
    for (auto& message : store->begin_read()->outbox().list(person_id, {std::nullopt, 200}).items)
      if (message.kind == kind) found.push_back(message);
    return found;  // newest first
  }

  std::string latest_code(std::int64_t person_id) {
    auto codes = messages(person_id, MessageKind::sign_in_code);
    EXPECT_FALSE(codes.empty());
    const auto& body = codes.front().body;  // the one run of six digits in it
    auto digit = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; };
    auto start = std::find_if(body.begin(), body.end(), digit);
    auto end = std::find_if_not(start, body.end(), digit);
    EXPECT_EQ(end - start, 6) << body;
    return std::string{start, end};
  }

  static std::string wrong_than(const std::string& code) { return code == "000000" ? "111111" : "000000"; }

  test_support::TempDatabase database;
  std::unique_ptr<store::Store> store = store::open_sqlite_store({database.path(), 4});
  StaffMember manager{0, "manager", "Morgan Ellis", Role::manager, "LEI", "LDS", "", "", true};
  StaffMember com{0, "com", "Callum Reid", Role::com, "", "LDS", "", "", true};
  StaffMember keyworker{0, "keyworker", "Kim Walker", Role::key_worker, "LEI", "", "", "", true};
  std::int64_t sam = 0, alex = 0;
};

}  // namespace

TEST_F(PersonAccountsTest, TheComInvitesThePersonAndTheInvitationGoesThroughTheOutbox) {
  auto account = services::invite_person(*store, at_evening, com, sam, "07700 900123", address);
  EXPECT_EQ(account.contact, (AccountContact{AccountContactKind::mobile, "+447700900123"}));
  EXPECT_EQ(account.status, PersonAccountStatus::invited);
  EXPECT_EQ(account.invited_by, com.id);
  auto invitations = messages(sam, MessageKind::invitation);
  ASSERT_EQ(invitations.size(), 1u);
  EXPECT_EQ(invitations[0].to, "+447700900123");
  EXPECT_EQ(invitations[0].channel, MessageChannel::sms);
  EXPECT_NE(invitations[0].body.find(address), std::string::npos) << invitations[0].body;
  EXPECT_NE(invitations[0].body.find("Callum Reid"), std::string::npos) << invitations[0].body;
  EXPECT_GT(invitations[0].next_attempt_at, evening) << "an invitation keeps quiet hours";
  auto shown = services::account_of_person(*store, com, sam);
  ASSERT_TRUE(shown.account);
  EXPECT_EQ(shown.account->id, account.id);
}

TEST_F(PersonAccountsTest, AnInvitationIsRefusedNamingTheContactWhenItIsBadOrAnotherPersonsAndByOtherRoles) {
  services::invite_person(*store, at_evening, com, sam, "sam@example.com", address);
  for (auto bad : {"", "0113 496 0000", "sam", "Sam@Example.com"})
    EXPECT_EQ(test_support::failed_fields([&] { services::invite_person(*store, at_evening, com, alex, bad, address); }),
              std::vector<std::string>{"contact"})
        << bad;
  EXPECT_THROW(services::invite_person(*store, at_evening, keyworker, alex, "07700 900124", address), Forbidden);
  auto again = services::invite_person(*store, at_evening, com, sam, "SAM@example.com", address);
  EXPECT_EQ(again.contact.value, "sam@example.com") << "the same person may be invited again";
}

TEST_F(PersonAccountsTest, ACodeIsSentAtOnceInQuietHoursAndSignsThePersonInOnce) {
  services::invite_person(*store, at_evening, com, sam, "07700 900123", address);
  services::request_sign_in_code(*store, at_evening, "+44 7700 900123");
  auto codes = messages(sam, MessageKind::sign_in_code);
  ASSERT_EQ(codes.size(), 1u);
  EXPECT_EQ(codes[0].next_attempt_at, evening) << "not held to the morning";
  auto code = latest_code(sam);
  auto signed_in = services::enter_sign_in_code(*store, at_evening, "07700900123", code);
  ASSERT_EQ(signed_in.outcome, services::CodeOutcome::signed_in);
  auto session = services::find_person_session(*store, at_evening, signed_in.session_token);
  ASSERT_TRUE(session);
  EXPECT_EQ(session->person.id, sam);
  EXPECT_EQ(session->account.status, PersonAccountStatus::active);
  EXPECT_FALSE(services::find_session(*store, at_evening, signed_in.session_token)) << "not a staff session";
  EXPECT_EQ(services::enter_sign_in_code(*store, at_evening, "07700900123", code).outcome, services::CodeOutcome::used);
}

TEST_F(PersonAccountsTest, AnUnknownContactGetsNoCodeAndEveryCodeTypedForItIsWrong) {
  services::request_sign_in_code(*store, at_evening, "07700 900999");
  EXPECT_TRUE(store->begin_read()->outbox().list(0, {std::nullopt, 200}).items.empty());
  EXPECT_EQ(services::enter_sign_in_code(*store, at_evening, "07700 900999", "123456").outcome, services::CodeOutcome::wrong);
  EXPECT_EQ(test_support::failed_fields([&] { services::request_sign_in_code(*store, at_evening, "nonsense"); }),
            std::vector<std::string>{"contact"});
}

TEST_F(PersonAccountsTest, ACodeExpiresTenMinutesAfterItIsSent) {
  services::invite_person(*store, at_evening, com, sam, "07700 900123", address);
  services::request_sign_in_code(*store, at_evening, "07700 900123");
  auto code = latest_code(sam);
  const services::FixedClock too_late{evening + 10min};
  EXPECT_EQ(services::enter_sign_in_code(*store, too_late, "07700 900123", code).outcome, services::CodeOutcome::expired);
  const services::FixedClock in_time{evening + 10min - 1s};
  EXPECT_EQ(services::enter_sign_in_code(*store, in_time, "07700 900123", code).outcome, services::CodeOutcome::signed_in);
}

TEST_F(PersonAccountsTest, FiveWrongCodesLockTheAccountForFifteenMinutesAndNoCodeIsSentMeanwhile) {
  services::invite_person(*store, at_evening, com, sam, "07700 900123", address);
  services::request_sign_in_code(*store, at_evening, "07700 900123");
  auto code = latest_code(sam);
  for (int i = 0; i < 4; ++i)
    EXPECT_EQ(services::enter_sign_in_code(*store, at_evening, "07700 900123", wrong_than(code)).outcome,
              services::CodeOutcome::wrong);
  auto locked = services::enter_sign_in_code(*store, at_evening, "07700 900123", wrong_than(code));
  ASSERT_EQ(locked.outcome, services::CodeOutcome::locked);
  EXPECT_EQ(locked.locked_until, evening + 15min);
  EXPECT_EQ(services::enter_sign_in_code(*store, at_evening, "07700 900123", code).outcome, services::CodeOutcome::locked);
  services::request_sign_in_code(*store, at_evening, "07700 900123");
  EXPECT_EQ(messages(sam, MessageKind::sign_in_code).size(), 1u);
  const services::FixedClock after_lockout{evening + 15min};
  services::request_sign_in_code(*store, after_lockout, "07700 900123");
  EXPECT_EQ(services::enter_sign_in_code(*store, after_lockout, "07700 900123", latest_code(sam)).outcome,
            services::CodeOutcome::signed_in);
}

TEST_F(PersonAccountsTest, AtMostThreeCodesAreSentInFifteenMinutes) {
  services::invite_person(*store, at_evening, com, sam, "07700 900123", address);
  for (int i = 0; i < 5; ++i) services::request_sign_in_code(*store, at_evening, "07700 900123");
  EXPECT_EQ(messages(sam, MessageKind::sign_in_code).size(), 3u);
  const services::FixedClock later{evening + 15min};
  services::request_sign_in_code(*store, later, "07700 900123");
  EXPECT_EQ(messages(sam, MessageKind::sign_in_code).size(), 4u);
}

TEST_F(PersonAccountsTest, ASessionIdlesOutAfterEightHoursAndEndsAtSignOut) {
  services::invite_person(*store, at_evening, com, sam, "07700 900123", address);
  services::request_sign_in_code(*store, at_evening, "07700 900123");
  auto token = services::enter_sign_in_code(*store, at_evening, "07700 900123", latest_code(sam)).session_token;
  const services::FixedClock seven_hours{evening + 7h};
  ASSERT_TRUE(services::find_person_session(*store, seven_hours, token));
  const services::FixedClock idle{evening + 15h};
  EXPECT_FALSE(services::find_person_session(*store, idle, token));
  const services::FixedClock fourteen_hours{evening + 14h};
  ASSERT_TRUE(services::find_person_session(*store, fourteen_hours, token)) << "7 hours after the last request";
  services::sign_out_person(*store, fourteen_hours, token);
  EXPECT_FALSE(services::find_person_session(*store, fourteen_hours, token));
}

TEST_F(PersonAccountsTest, WhatHappensNextIsThePersonsOwnInTheLanguageTheyChose) {
  services::invite_person(*store, at_evening, com, sam, "07700 900123", address);
  services::invite_person(*store, at_evening, com, alex, "07700 900124", address);
  services::request_sign_in_code(*store, at_evening, "07700 900123");
  auto token = services::enter_sign_in_code(*store, at_evening, "07700 900123", latest_code(sam)).session_token;
  auto signed_in = *services::find_person_session(*store, at_evening, token);
  auto next = services::what_happens_next(*store, at_evening, holidays, signed_in);
  EXPECT_EQ(next.first_name, "Sam");
  ASSERT_TRUE(next.release_date);
  EXPECT_FALSE(next.released);
  EXPECT_FALSE(next.next_appointment);
  services::choose_language(*store, signed_in, Language::cy);
  EXPECT_EQ(services::find_person_session(*store, at_evening, token)->account.language, Language::cy);
  auto viewed = store->begin_read()->journal().latest(sam, "person_account.viewed");
  ASSERT_TRUE(viewed);
  EXPECT_EQ(viewed->person_id, sam);
  EXPECT_FALSE(store->begin_read()->journal().latest(alex, "person_account.viewed")) << "only the person's own";
}
