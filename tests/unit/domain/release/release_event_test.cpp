// Unit tests of the release event (domain/release/release_event.hpp).
#include "domain/release/release_event.hpp"

#include <gtest/gtest.h>

#include "domain/errors.hpp"

using namespace resettle;
using namespace std::chrono;

namespace {
const Date today = 2027y / February / 5;

std::vector<std::string> fields_failing(const FieldInput& input) {
  FieldReader reader{input};
  read_release_event(reader, today);
  try {
    reader.throw_if_failed();
  } catch (const ValidationFailed& failed) {
    std::vector<std::string> fields;
    for (const auto& error : failed.errors()) fields.push_back(error.field);
    return fields;
  }
  return {};
}

Person in_custody_at(std::string prison) {
  Person person;
  person.id = 7;
  person.given_name = "Sam";
  person.family_name = "Reed";
  person.stage = CaseStage::in_custody;
  person.prison_code = std::move(prison);
  person.pdu_code = "LDS";
  return person;
}
}  // namespace

TEST(ReleaseEvent, ReadsTheDayTimeAndPrison) {
  FieldInput input{{"released_on", "2027-02-05"}, {"released_at", "09:30"}, {"prison_code", "LEI"}};
  FieldReader reader{input};
  auto release = read_release_event(reader, today);
  EXPECT_NO_THROW(reader.throw_if_failed());
  EXPECT_EQ(release, (ReleaseEvent{today, "09:30", "LEI"}));
}

TEST(ReleaseEvent, EveryPartIsRequired) {
  EXPECT_EQ(fields_failing({}), (std::vector<std::string>{"released_on", "released_at", "prison_code"}));
}

TEST(ReleaseEvent, TheDayCannotBeInTheFuture) {
  EXPECT_EQ(fields_failing({{"released_on", "2027-02-06"}, {"released_at", "09:30"}, {"prison_code", "LEI"}}),
            (std::vector<std::string>{"released_on"}));
}

TEST(ReleaseEvent, TheTimeIsOnThe24HourClock) {
  for (const char* bad : {"25:00", "24:00", "09:60", "0930", "09:3a", "noon"})
    EXPECT_EQ(fields_failing({{"released_on", "2027-02-05"}, {"released_at", bad}, {"prison_code", "LEI"}}),
              (std::vector<std::string>{"released_at"}))
        << bad;
  for (const char* good : {"00:00", "23:59", "07:05", "9:30"})
    EXPECT_TRUE(fields_failing({{"released_on", "2027-02-05"}, {"released_at", good}, {"prison_code", "LEI"}}).empty()) << good;
}

TEST(ReleaseEvent, OnlySomeoneServingASentenceInCustodyIsReleased) {
  ReleaseEvent release{today, "09:30", "LEI"};
  EXPECT_NO_THROW(require_releasable(in_custody_at("LEI"), release));
  for (auto stage : {CaseStage::remand, CaseStage::on_licence, CaseStage::post_sentence_supervision, CaseStage::ended}) {
    auto person = in_custody_at("LEI");
    person.stage = stage;
    EXPECT_THROW(require_releasable(person, release), Conflict);
  }
}

TEST(ReleaseEvent, TheyAreReleasedFromThePrisonTheyAreIn) {
  try {
    require_releasable(in_custody_at("HAI"), {today, "09:30", "LEI"});
    FAIL() << "released from another prison";
  } catch (const ValidationFailed& failed) {
    EXPECT_EQ(failed.errors().front().field, "prison_code");
  }
  EXPECT_NO_THROW(require_releasable(in_custody_at(""), {today, "09:30", "LEI"}));  // no prison recorded
}

TEST(ReleaseEvent, ReleasePutsThemOnLicenceOutOfPrisonWithTheirPdu) {
  auto after = released_person(in_custody_at("LEI"));
  EXPECT_EQ(after.stage, CaseStage::on_licence);
  EXPECT_TRUE(after.prison_code.empty());
  EXPECT_EQ(after.pdu_code, "LDS");
}

TEST(ReleaseEvent, OnlyThePrisonSideWorkEndsAtRelease) {
  for (auto role : {Role::pom, Role::key_worker})
    for (auto kind : {AllocationKind::lead, AllocationKind::deputy})
      EXPECT_TRUE(ends_at_release({0, 1, 2, "", role, today, std::nullopt, "", kind}));
  for (auto role : {Role::com, Role::pre_release}) EXPECT_FALSE(ends_at_release({0, 1, 2, "", role, today, std::nullopt, "", AllocationKind::lead}));
}

TEST(ReleaseEvent, ThePreReleaseTeamTheComAndManagersRecordIt) {
  for (auto role : {Role::pre_release, Role::com, Role::manager}) EXPECT_TRUE(may_record_release(role));
  for (auto role : {Role::pom, Role::key_worker, Role::partner, Role::admin}) EXPECT_FALSE(may_record_release(role));
}

TEST(ReleaseEvent, ChangingDetailsCannotPutSomeoneOnLicence) {
  auto before = in_custody_at("LEI");
  auto after = before;
  after.stage = CaseStage::on_licence;
  try {
    refuse_release_by_edit(before, after);
    FAIL() << "released by an edit";
  } catch (const ValidationFailed& failed) {
    EXPECT_EQ(failed.errors().front().field, "stage");
    EXPECT_NE(failed.errors().front().message.find("/people/7/release-day"), std::string::npos);
  }
  EXPECT_NO_THROW(refuse_release_by_edit(after, after));  // already on licence: other details may change
  auto recalled = after;
  recalled.stage = CaseStage::in_custody;
  EXPECT_NO_THROW(refuse_release_by_edit(after, recalled));
}
