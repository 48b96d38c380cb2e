// The demo data set: one account per role, two prisons, one probation delivery unit and 30 people
// spread along the journey, loaded once.
#include "services/demo_data.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <map>
#include <set>
#include <stdexcept>
#include <string>

#include "domain/errors.hpp"
#include "services/sign_in/sign_in.hpp"
#include "services/sign_in/two_factor.hpp"
#include "test_store.hpp"

using namespace resettle;
using namespace std::chrono;

namespace {

using resettle::test_support::TempDatabase;

// Loading takes a hundred or so commits: do it once for every test here.
class DemoDataTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    database = new TempDatabase;
    store = store::open_sqlite_store({database->path(), 4}).release();
    store->migrate();
    sign_ins = new std::vector<services::DemoSignIn>(services::load_demo(*store, clock_at));
  }
  static void TearDownTestSuite() {
    delete sign_ins;
    delete store;
    delete database;
  }

  static std::vector<Person> everyone() {
    return store->begin_read()->people().list({}, {std::nullopt, 200}).items;
  }
  static StaffMember account(const std::string& username) { return *store->begin_read()->staff().find_by_username(username); }
  static std::size_t caseload(const std::string& username) {
    return store->begin_read()->people().caseload({account(username).id, "", std::nullopt}, {std::nullopt, 200}).items.size();
  }

  static inline const services::FixedClock clock_at{sys_days{2026y / March / 15} + 9h};
  static inline TempDatabase* database = nullptr;
  static inline store::Store* store = nullptr;
  static inline std::vector<services::DemoSignIn>* sign_ins = nullptr;
};

TEST_F(DemoDataTest, CreatesAnAccountForEachRoleAndMorePractitionersToChooseFrom) {
  auto staff = store->begin_read()->staff().list();
  ASSERT_EQ(staff.size(), 10u);
  std::set<Role> roles_seen;
  for (const auto& member : staff) roles_seen.insert(member.role);
  // Every role but the risk partners: their accounts name a police force, children's services or MAPPA
  // unit in the directory, and the demo's has none.
  EXPECT_EQ(roles_seen.size(), roles().size() - 3);
  for (const auto& role : roles_seen) EXPECT_FALSE(is_risk_partner(role)) << role_code(role);
  ASSERT_EQ(sign_ins->size(), 10u);
  std::set<std::string> usernames;
  for (const auto& sign_in : *sign_ins) usernames.insert(sign_in.username);
  EXPECT_EQ(usernames, (std::set<std::string>{"keyworker", "pom", "com", "prerelease", "manager", "partner", "admin",
                                              "pom2", "pom3", "com2"}));

  services::FixedClock real_now{system_clock::now()};  // sign-in attempts are stamped with the real time
  auto signed_in = services::sign_in(*store, real_now, {"pom", std::string{services::demo_password}, "192.0.2.1", ""});
  ASSERT_EQ(signed_in.outcome, services::SignInOutcome::signed_in);
  auto session = services::find_session(*store, real_now, signed_in.session_token);
  ASSERT_TRUE(session);
  EXPECT_EQ(session->staff.role, Role::pom);
  EXPECT_EQ(session->staff.prison_code, "LEI");
  // The admin and manager have two-factor sign-in set up with the demo key.
  for (const std::string username : {"manager", "admin"}) {
    auto step = services::sign_in(*store, real_now, {username, std::string{services::demo_password}, "192.0.2.1", ""});
    EXPECT_EQ(step.outcome, services::SignInOutcome::code_needed) << username;
    auto code = services::totp_code(std::string{services::demo_totp_secret}, services::totp_step(real_now.now_seconds()));
    EXPECT_EQ(services::give_second_factor(*store, real_now, {step.session_token, code, false, "192.0.2.1", ""}).outcome,
              services::SignInOutcome::signed_in)
        << username;
  }
}

TEST_F(DemoDataTest, CreatesTwoPrisonsAndOneProbationDeliveryUnit) {
  auto tx = store->begin_read();
  EXPECT_EQ(tx->places().prisons().size(), 2u);
  EXPECT_TRUE(tx->places().find_prison("LEI"));
  EXPECT_TRUE(tx->places().find_prison("HAI"));
  ASSERT_EQ(tx->places().pdus().size(), 1u);
  EXPECT_EQ(tx->places().pdus()[0].code, "LDS");
}

TEST_F(DemoDataTest, CreatesThirtyPeopleAtEveryStageOfTheJourney) {
  auto people = everyone();
  ASSERT_EQ(people.size(), 30u);
  std::map<CaseStage, int> by_stage;
  for (const auto& person : people) {
    ++by_stage[person.stage];
    EXPECT_FALSE(person.prison_number.empty() && person.crn.empty()) << person.full_name();
    bool in_custody = person.stage == CaseStage::remand || person.stage == CaseStage::in_custody;
    EXPECT_EQ(person.prison_code.empty(), !in_custody) << person.full_name();
  }
  EXPECT_EQ(by_stage, (std::map<CaseStage, int>{{CaseStage::remand, 3},
                                                {CaseStage::in_custody, 16},
                                                {CaseStage::on_licence, 7},
                                                {CaseStage::post_sentence_supervision, 2},
                                                {CaseStage::ended, 2}}));
}

TEST_F(DemoDataTest, RecordsASentenceForEverySentencedPerson) {
  auto tx = store->begin_read();
  int indeterminate = 0;
  for (const auto& person : everyone()) {
    auto sentences = tx->sentences().for_person(person.id);
    if (person.stage == CaseStage::remand) {
      EXPECT_TRUE(sentences.empty()) << person.full_name();
      continue;
    }
    ASSERT_EQ(sentences.size(), 1u) << person.full_name();
    const auto& sentence = sentences[0];
    ASSERT_TRUE(sentence.start_date);
    EXPECT_LT(sys_days{*sentence.start_date}, sys_days{clock_at.today()});
    if (sentence.type == SentenceType::indeterminate) {
      ++indeterminate;
      EXPECT_TRUE(sentence.supplied.tariff_date) << person.full_name();
    } else {
      EXPECT_TRUE(sentence.length_days) << person.full_name();
    }
  }
  EXPECT_EQ(indeterminate, 2);
}

TEST_F(DemoDataTest, GivesThePractitionersACaseload) {
  EXPECT_EQ(caseload("pom"), 14u);  // two short sentences wait for a POM
  EXPECT_EQ(caseload("keyworker"), 7u);
  EXPECT_EQ(caseload("com"), 9u);
  EXPECT_EQ(caseload("manager"), 0u);
  auto tx = store->begin_read();
  for (const auto& person : everyone()) {
    auto events = tx->journal().for_person(person.id, {std::nullopt, 200}).items;
    ASSERT_FALSE(events.empty());
    EXPECT_EQ(events.back().kind, "person.added");
  }
}

TEST_F(DemoDataTest, PutsPractitionersInTeamsWithCapacitySpecialismsAndOneAbsence) {
  auto tx = store->begin_read();
  EXPECT_EQ(tx->places().teams().size(), 2u);
  auto part_time = tx->staff().find_by_username("pom3");
  ASSERT_TRUE(part_time);
  EXPECT_EQ(part_time->team_code, "LEI-OMU");
  EXPECT_EQ(part_time->capacity_percent, 60);
  EXPECT_EQ(part_time->specialisms, std::vector{Specialism::women});
  auto on_leave = tx->staff().find_by_username("com2");
  ASSERT_TRUE(on_leave);
  EXPECT_TRUE(is_away(*on_leave, clock_at.today()));
  EXPECT_FALSE(is_away(*tx->staff().find_by_username("com"), clock_at.today()));
}

TEST_F(DemoDataTest, RefusesToLoadTwice) {
  EXPECT_THROW(services::load_demo(*store, clock_at), Conflict);
  EXPECT_EQ(everyone().size(), 30u);
  EXPECT_EQ(store->begin_read()->staff().list().size(), 10u);
  EXPECT_EQ(store->begin_read()->places().prisons().size(), 2u);
}

}  // namespace
