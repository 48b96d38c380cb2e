// Quality sampling through the SQLite store: which cases a team's, PDU's or prison's month draws from,
// reviews recorded at a version and journalled in full, nothing saved when refused, access, and the
// themes counting only the sampled cases' reviews.
#include "services/insight/quality_sample.hpp"

#include <gtest/gtest.h>

#include "domain/errors.hpp"
#include "services/limited_access/limited_access.hpp"
#include "services/people/case_records.hpp"
#include "test_store.hpp"

using namespace resettle;
using namespace std::chrono;

namespace {

const services::FixedClock clock_at{sys_days{2026y / December / 7} + 10h};
const FieldInput team_november{{"scope", "team"}, {"code", "LDS-A"}, {"month", "2026-11"}};

FieldInput all_met() {
  FieldInput input;
  for (const auto& question : quality_questions()) input[std::string{question.code}] = "met";
  return input;
}

std::vector<std::int64_t> ids_of(const services::QualitySample& sample) {
  std::vector<std::int64_t> ids;
  for (const auto& c : sample.cases) ids.push_back(c.person_id);
  std::ranges::sort(ids);
  return ids;
}

class QualitySamplingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store->migrate();
    auto tx = store->begin_write();
    test_support::add_yorkshire(*tx);
    tx->places().insert_team({"LDS-A", "Leeds team A", "", "LDS"});
    tx->places().insert_team({"LDS-B", "Leeds team B", "", "LDS"});
    for (auto* member : {&team_manager, &pdu_manager, &com_a, &com_b, &admin})
      member->id = tx->staff().insert(*member, "not-a-real-hash");
    for (auto* member : {&team_manager, &com_a}) {
      member->team_code = "LDS-A";
      tx->staff().update_working_pattern(member->id, {"LDS-A", 100, {}, std::nullopt, std::nullopt});
    }
    com_b.team_code = "LDS-B";
    tx->staff().update_working_pattern(com_b.id, {"LDS-B", 100, {}, std::nullopt, std::nullopt});
    tx->commit();
  }

  // A person in Leeds PDU allocated to `com` from `from` until `to` (empty: still).
  std::int64_t allocated(const StaffMember& com, Date from, std::optional<Date> to) {
    auto id = services::add_person(*store, clock_at, admin,
                                   {{"given_name", "Sam"}, {"family_name", "Jones " + std::to_string(++people)},
                                    {"date_of_birth", "1990-05-17"}, {"crn", "X" + std::to_string(100000 + people)},
                                    {"pdu_code", "LDS"}})
                  .id;
    auto tx = store->begin_write();
    Allocation allocation;
    allocation.person_id = id;
    allocation.staff_id = com.id;
    allocation.role = Role::com;
    allocation.from = from;
    allocation.reason = "Test";
    auto allocation_id = tx->allocations().insert(allocation);
    if (to) tx->allocations().end(allocation_id, *to);
    tx->commit();
    return id;
  }

  test_support::TempDatabase database;
  std::unique_ptr<store::Store> store = store::open_sqlite_store({database.path()});
  StaffMember team_manager = test_support::staff_member("manager", Role::manager, "", "LDS");
  StaffMember pdu_manager = test_support::staff_member("manager2", Role::manager, "", "LDS");
  StaffMember com_a = test_support::staff_member("com", Role::com, "", "LDS");
  StaffMember com_b = test_support::staff_member("com2", Role::com, "", "LDS");
  StaffMember admin = test_support::staff_member("admin", Role::admin, "", "");
  int people = 0;
};

}  // namespace

TEST_F(QualitySamplingTest, ATeamSamplesOnlyTheCasesItsStaffHeldThatMonth) {
  auto throughout = allocated(com_a, 2026y / June / 1, std::nullopt);
  auto ended_in_november = allocated(com_a, 2026y / June / 1, 2026y / November / 20);
  auto began_in_november = allocated(com_a, 2026y / November / 30, std::nullopt);
  allocated(com_a, 2026y / June / 1, 2026y / November / 1);   // ended before the month's first day held
  allocated(com_a, 2026y / December / 1, std::nullopt);        // began after the month
  auto other_team = allocated(com_b, 2026y / June / 1, std::nullopt);

  auto sample = services::quality_sample(*store, clock_at, team_manager, team_november, 5);
  EXPECT_EQ(sample.eligible, 3);
  EXPECT_EQ(ids_of(sample), (std::vector<std::int64_t>{throughout, ended_in_november, began_in_november}));
  EXPECT_EQ(sample.sampled.name, "Leeds team A");
  for (const auto& c : sample.cases) EXPECT_TRUE(c.person) << "the team manager sees their unit's cases";

  auto pdu = services::quality_sample(*store, clock_at, pdu_manager, {{"scope", "pdu"}, {"code", "LDS"}, {"month", "2026-11"}}, 5);
  EXPECT_EQ(pdu.eligible, 4);
  auto pdu_ids = ids_of(pdu);
  EXPECT_TRUE(std::ranges::find(pdu_ids, other_team) != pdu_ids.end()) << "any team's cases in the PDU";
  EXPECT_EQ(services::quality_sample(*store, clock_at, admin, team_november, 2).cases.size(), 2u);
}

TEST_F(QualitySamplingTest, OnlyTheUnitsManagersAndAdministrators) {
  allocated(com_a, 2026y / June / 1, std::nullopt);
  EXPECT_THROW(services::quality_sample(*store, clock_at, com_a, team_november, 5), Forbidden);
  EXPECT_THROW(services::quality_sample(*store, clock_at, pdu_manager, team_november, 5), Forbidden);
  EXPECT_NO_THROW(services::quality_sample(*store, clock_at, admin, team_november, 5));
  try {
    services::quality_sample(*store, clock_at, admin, {{"scope", "team"}, {"code", "NOPE"}}, 5);
    ADD_FAILURE();
  } catch (const ValidationFailed& failed) {
    EXPECT_EQ(failed.errors().front().field, "code");
  }
}

TEST_F(QualitySamplingTest, ReviewsAreVersionedJournalledAndNeverHalfSaved) {
  auto person = allocated(com_a, 2026y / June / 1, std::nullopt);
  auto outsider = allocated(com_b, 2026y / June / 1, std::nullopt);
  auto answers = all_met();
  answers["own_words"] = "not_met";
  EXPECT_THROW(services::record_quality_review(*store, clock_at, team_manager, team_november, person, answers, 0, 5),
               ValidationFailed);  // no note for "not met"
  EXPECT_FALSE(services::quality_review_case(*store, clock_at, team_manager, team_november, person, 5).review);
  answers["own_words_note"] = "Goals in the officer's words";
  EXPECT_THROW(services::record_quality_review(*store, clock_at, team_manager, team_november, outsider, answers, 0, 5),
               NotFound);
  EXPECT_THROW(services::record_quality_review(*store, clock_at, com_a, team_november, person, answers, 0, 5), Forbidden);

  auto first = services::record_quality_review(*store, clock_at, team_manager, team_november, person, answers, 0, 5);
  EXPECT_EQ(first.version, 1);
  EXPECT_THROW(services::record_quality_review(*store, clock_at, admin, team_november, person, all_met(), 0, 5), StaleVersion);
  auto second = services::record_quality_review(*store, clock_at, admin, team_november, person, all_met(), 1, 5);
  EXPECT_EQ(second.version, 2);
  auto read = services::quality_review_case(*store, clock_at, team_manager, team_november, person, 5);
  ASSERT_TRUE(read.review);
  EXPECT_EQ(read.review->version, 2);
  EXPECT_EQ(read.review->reviewed_by, admin.id);
  EXPECT_EQ(read.review->answers.at(QualityQuestion::own_words).finding, Finding::met);
  EXPECT_EQ(read.record.at(QualityQuestion::plan_agreed).says, "No plan is recorded");

  auto events = store->begin_read()->journal().for_person(person, {}).items;
  std::vector<Event> reviews;
  std::ranges::copy_if(events, std::back_inserter(reviews), [](const Event& e) { return e.kind == "quality_review.recorded"; });
  ASSERT_EQ(reviews.size(), 2u);
  EXPECT_EQ(reviews[1].data["answers"]["own_words"]["note"], "Goals in the officer's words");  // the first version kept
  EXPECT_EQ(reviews[0].data["version"], 2);
  EXPECT_EQ(reviews[0].data["month"], "2026-11");

  auto themes = services::quality_themes(*store, clock_at, team_manager, team_november, 5);
  EXPECT_EQ(themes.summary.sampled, 1);
  EXPECT_EQ(themes.summary.reviewed, 1);
  EXPECT_EQ(themes.summary.themes[1].met, 1);
}

TEST_F(QualitySamplingTest, ACaseClosedToTheReviewerIsSampledButNotNamed) {
  auto person = allocated(com_a, 2026y / June / 1, std::nullopt);
  services::add_limited_access(*store, admin, person, {{"list", "exclusion"}, {"username", "manager"}, {"reason", "Family member"}});
  auto sample = services::quality_sample(*store, clock_at, team_manager, team_november, 5);
  ASSERT_EQ(sample.cases.size(), 1u);
  EXPECT_EQ(sample.cases[0].person_id, person);
  EXPECT_FALSE(sample.cases[0].person) << "drawn whoever looks, but not named to someone excluded";
  EXPECT_THROW(services::quality_review_case(*store, clock_at, team_manager, team_november, person, 5), NotFound);
  EXPECT_THROW(services::record_quality_review(*store, clock_at, team_manager, team_november, person, all_met(), 0, 5), NotFound);
  EXPECT_TRUE(services::quality_sample(*store, clock_at, admin, team_november, 5).cases[0].person);
}
