// Use cases on a person's record, on each backend: validation, access by role and
// relationship, the audit of reads, and the journal written with every change.
#include "services/people/case_records.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "domain/staff/access.hpp"
#include "domain/errors.hpp"
#include "services/allocation/allocations.hpp"
#include "services/people/caseload.hpp"
#include "both_backends.hpp"

using namespace resettle;
using namespace std::chrono;

namespace {


using resettle::test_support::failed_fields;

using Fields = std::vector<std::string>;

const services::FixedClock clock_at{sys_days{2026y / March / 15} + 10h};

FieldInput jordan() {
  return {{"given_name", "Jordan"},     {"family_name", "Hughes"}, {"date_of_birth", "1990-05-17"},
          {"prison_number", "a1234bc"}, {"prison_code", "LEI"},    {"pdu_code", "LDS"}};
}

FieldInput with(FieldInput input, const FieldInput& changes) { return overlay_fields(std::move(input), changes); }

FieldInput determinate() {
  return {{"sentence_type", "determinate"}, {"sentence_start_date", "2025-01-10"}, {"sentence_length_days", "730"},
          {"offence", "Burglary"}};
}

class CaseRecordsTest : public test_support::BothBackendsTest {
 protected:
  void SetUp() override {
    BothBackendsTest::SetUp();
    if (IsSkipped()) return;
    auto tx = store->begin_write();
    for (auto* staff : {&pom, &pom_hatfield, &com, &com_bradford, &keyworker, &pre_release, &manager, &partner, &admin})
      staff->id = tx->staff().insert(*staff, "not-a-real-hash");
    tx->commit();
  }

  std::vector<Event> events_for(std::int64_t person_id) {
    auto tx = store->begin_read();
    return tx->journal().for_person(person_id, {std::nullopt, 200}).items;
  }

  // allowed flags of the access log for one person, oldest first
  std::vector<int> audit_of(std::int64_t person_id) { return access_log_allowed(person_id); }

  std::int64_t add(const FieldInput& input) { return services::add_person(*store, clock_at, manager, input).id; }

  static StaffMember staff(std::string username, Role role, std::string prison, std::string pdu) {
    return {0, username, "Staff " + username, role, std::move(prison), std::move(pdu), "", "", true};
  }

  StaffMember pom = staff("pom", Role::pom, "LEI", "");
  StaffMember pom_hatfield = staff("pom.hatfield", Role::pom, "HAI", "");
  StaffMember com = staff("com", Role::com, "", "LDS");
  StaffMember com_bradford = staff("com.bradford", Role::com, "", "BRD");
  StaffMember keyworker = staff("keyworker", Role::key_worker, "LEI", "");
  StaffMember pre_release = staff("prerelease", Role::pre_release, "LEI", "");
  StaffMember manager = staff("manager", Role::manager, "LEI", "LDS");
  StaffMember partner = staff("partner", Role::partner, "", "");
  StaffMember admin = staff("admin", Role::admin, "", "");
};

INSTANTIATE_TEST_SUITE_P(Backends, CaseRecordsTest,
                         ::testing::Values(test_support::Backend::sqlite, test_support::Backend::postgresql),
                         test_support::backend_name);

TEST_P(CaseRecordsTest, AddPersonNormalisesAndStoresThePerson) {
  auto person = services::add_person(*store, clock_at, manager, jordan());
  EXPECT_GT(person.id, 0);
  EXPECT_EQ(person.version, 1);
  EXPECT_EQ(person.prison_number, "A1234BC");
  auto stored = store->begin_read()->people().find(person.id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->prison_number, "A1234BC");
  EXPECT_EQ(stored->prison_code, "LEI");
  EXPECT_EQ(stored->version, 1);
}

TEST_P(CaseRecordsTest, AddPersonRefusesBadIdentifiersAndMissingNames) {
  EXPECT_EQ(failed_fields([&] {
              add(with(jordan(), {{"prison_number", "1234ABC"}, {"crn", "123456X"}, {"pnc", "2004-46583"}}));
            }),
            (Fields{"prison_number", "crn", "pnc"}));
  auto no_names = jordan();
  no_names.erase("given_name");
  no_names["family_name"] = "   ";
  EXPECT_EQ(failed_fields([&] { add(no_names); }), (Fields{"given_name", "family_name"}));
  EXPECT_EQ(failed_fields([&] { add(with(jordan(), {{"prison_number", ""}})); }), Fields{"prison_number"});
  EXPECT_EQ(failed_fields([&] { add(with(jordan(), {{"stage", "somewhere"}})); }), Fields{"stage"});
  EXPECT_TRUE(store->begin_read()->people().list({}, {}).items.empty());
}

TEST_P(CaseRecordsTest, AddPersonRefusesADateOfBirthInTheFutureOrUnderTen) {
  for (const char* born : {"2026-03-15", "2026-03-16", "2020-01-01", "1990-02-30", "17/05/1990"})
    EXPECT_EQ(failed_fields([&] { add(with(jordan(), {{"date_of_birth", born}})); }), Fields{"date_of_birth"}) << born;
}

TEST_P(CaseRecordsTest, AnAgeOfTenStartsOnTheTenthBirthday) {
  // Today is 2026-03-15: born 2016-03-16 is still 9; born 2016-03-15 has just turned 10.
  EXPECT_EQ(failed_fields([&] { add(with(jordan(), {{"date_of_birth", "2016-03-16"}})); }), Fields{"date_of_birth"});
  EXPECT_NO_THROW(add(with(jordan(), {{"date_of_birth", "2016-03-15"}, {"prison_number", "B1000AA"}})));
}

TEST_P(CaseRecordsTest, AddPersonRefusesUnknownPlacesNamingThem) {
  EXPECT_EQ(failed_fields([&] { add(with(jordan(), {{"prison_code", "XYZ"}, {"pdu_code", "NOWHERE"}})); }),
            (Fields{"prison_code", "pdu_code"}));
  EXPECT_EQ(failed_fields([&] { add(with(jordan(), {{"pdu_code", "NOWHERE"}})); }), Fields{"pdu_code"});
  EXPECT_TRUE(store->begin_read()->people().list({}, {}).items.empty());
}

TEST_P(CaseRecordsTest, AddPersonJournalsExactlyOneEventWithTheActor) {
  auto id = add(jordan());
  auto events = events_for(id);
  ASSERT_EQ(events.size(), 1u);
  const auto& added = events[0];
  EXPECT_EQ(added.kind, "person.added");
  EXPECT_EQ(added.entity, "person");
  EXPECT_EQ(added.entity_id, id);
  EXPECT_EQ(added.actor_staff_id, manager.id);
  EXPECT_EQ(added.actor_name, "Staff manager");
  EXPECT_EQ(added.summary, "Jordan Hughes added to Resettle");
  EXPECT_EQ(added.data["prison_number"]["to"], "A1234BC");
  EXPECT_EQ(added.data["given_name"]["from"], "");
  EXPECT_FALSE(added.data.contains("crn"));  // nothing to record for a field left empty
}

TEST_P(CaseRecordsTest, OnlySomeRolesMayAddPeopleOrRecordSentences) {
  EXPECT_THROW(services::add_person(*store, clock_at, keyworker, jordan()), Forbidden);
  EXPECT_THROW(services::add_person(*store, clock_at, partner, jordan()), Forbidden);
  EXPECT_TRUE(store->begin_read()->people().list({}, {}).items.empty());
  for (const auto* actor : {&pom, &com, &pre_release, &admin})
    EXPECT_TRUE(role_may(actor->role, CaseAction::add_person)) << actor->username;

  auto id = add(jordan());
  EXPECT_THROW(services::record_sentence(*store, clock_at, keyworker, id, determinate()), Forbidden);
  EXPECT_THROW(services::record_sentence(*store, clock_at, pre_release, id, determinate()), Forbidden);
  EXPECT_THROW(services::update_person(*store, clock_at, keyworker, id, {{"family_name", "X"}}, 1), Forbidden);
  EXPECT_NO_THROW(services::record_sentence(*store, clock_at, pom, id, determinate()));
  EXPECT_FALSE(role_may(Role::partner, CaseAction::view));
  EXPECT_TRUE(role_may(Role::key_worker, CaseAction::view));
}

TEST_P(CaseRecordsTest, UpdatePersonKeepsOtherFieldsAndJournalsTheChange) {
  auto id = add(jordan());
  auto updated = services::update_person(*store, clock_at, pom, id, {{"family_name", "Hewes"}, {"crn", "x765432"}}, 1);
  EXPECT_EQ(updated.version, 2);
  EXPECT_EQ(updated.family_name, "Hewes");

  auto stored = *store->begin_read()->people().find(id);
  EXPECT_EQ(stored.version, 2);
  EXPECT_EQ(stored.family_name, "Hewes");
  EXPECT_EQ(stored.crn, "X765432");
  EXPECT_EQ(stored.given_name, "Jordan");
  EXPECT_EQ(stored.prison_number, "A1234BC");
  EXPECT_EQ(stored.date_of_birth, *parse_iso_date("1990-05-17"));
  EXPECT_EQ(stored.prison_code, "LEI");
  EXPECT_EQ(stored.pdu_code, "LDS");

  auto events = events_for(id);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].kind, "person.updated");
  EXPECT_EQ(events[0].actor_staff_id, pom.id);
  EXPECT_EQ(events[0].data, (nlohmann::json{{"crn", {{"from", ""}, {"to", "X765432"}}},
                                            {"family_name", {{"from", "Hughes"}, {"to", "Hewes"}}}}));
  EXPECT_EQ(events[0].summary, "Details changed: crn, family name");
}

// Issue 19: a case moves between prisons or PDUs only by a transfer the receiving side acknowledges.
TEST_P(CaseRecordsTest, ChangingDetailsCannotMoveACaseToAnotherUnit) {
  auto id = add(jordan());
  for (const auto* actor : {&pom, &manager, &admin}) {
    EXPECT_EQ(failed_fields([&] { services::update_person(*store, clock_at, *actor, id, {{"prison_code", "HAI"}}, 1); }),
              Fields{"prison_code"})
        << actor->username;
    EXPECT_EQ(failed_fields([&] { services::update_person(*store, clock_at, *actor, id, {{"pdu_code", "BRD"}}, 1); }),
              Fields{"pdu_code"})
        << actor->username;
    EXPECT_EQ(failed_fields([&] { services::update_person(*store, clock_at, *actor, id, {{"pdu_code", ""}}, 1); }),
              Fields{"pdu_code"})
        << actor->username;
  }
  auto stored = *store->begin_read()->people().find(id);
  EXPECT_EQ(stored.prison_code, "LEI");
  EXPECT_EQ(stored.pdu_code, "LDS");
  EXPECT_EQ(stored.version, 1);
  EXPECT_EQ(events_for(id).size(), 1u);
}

TEST_P(CaseRecordsTest, AUnitMayBeGivenToSomeoneWithNoneOnlyByItsOwnStaff) {
  auto on_remand = add(with(jordan(), {{"pdu_code", ""}}));
  EXPECT_EQ(failed_fields([&] { services::update_person(*store, clock_at, pom, on_remand, {{"pdu_code", "BRD"}}, 1); }),
            Fields{"pdu_code"});
  auto given = services::update_person(*store, clock_at, manager, on_remand, {{"pdu_code", "LDS"}}, 1);
  EXPECT_EQ(given.pdu_code, "LDS");
}

TEST_P(CaseRecordsTest, AddingSomeoneOutsideYourOwnUnitsIsRefusedUnlessAnAdministrator) {
  auto elsewhere = with(jordan(), {{"prison_code", "HAI"}, {"pdu_code", "BRD"}});
  auto nowhere = with(jordan(), {{"prison_code", ""}, {"pdu_code", ""}});
  for (const auto* actor : {&pom, &com, &manager}) {
    EXPECT_EQ(failed_fields([&] { services::add_person(*store, clock_at, *actor, elsewhere); }),
              (Fields{"prison_code", "pdu_code"}))
        << actor->username;
    EXPECT_EQ(failed_fields([&] { services::add_person(*store, clock_at, *actor, nowhere); }),
              (Fields{"prison_code", "pdu_code"}))
        << actor->username;
  }
  EXPECT_TRUE(store->begin_read()->people().list({}, {}).items.empty());
  // Their own prison or PDU is enough (a POM's new prisoner has a home PDU elsewhere).
  EXPECT_NO_THROW(services::add_person(*store, clock_at, pom_hatfield, with(elsewhere, {{"prison_number", "B1000AA"}})));
  EXPECT_NO_THROW(services::add_person(*store, clock_at, com_bradford, with(elsewhere, {{"prison_number", "B2000AA"}})));
  EXPECT_NO_THROW(services::add_person(*store, clock_at, admin, with(nowhere, {{"prison_number", "B3000AA"}})));
}

TEST_P(CaseRecordsTest, UpdatePersonOnAStaleVersionChangesNothing) {
  auto id = add(jordan());
  services::update_person(*store, clock_at, pom, id, {{"family_name", "Hewes"}}, 1);
  EXPECT_THROW(services::update_person(*store, clock_at, com, id, {{"given_name", "Jay"}}, 1), StaleVersion);
  auto stored = *store->begin_read()->people().find(id);
  EXPECT_EQ(stored.version, 2);
  EXPECT_EQ(stored.given_name, "Jordan");
  EXPECT_EQ(events_for(id).size(), 2u);
}

TEST_P(CaseRecordsTest, UpdatePersonValidatesTheMergedRecord) {
  auto id = add(jordan());
  EXPECT_EQ(failed_fields([&] {
              services::update_person(*store, clock_at, pom, id, {{"prison_code", "XYZ"}, {"date_of_birth", "2030-01-01"}}, 1);
            }),
            Fields{"date_of_birth"});
  EXPECT_EQ(failed_fields([&] { services::update_person(*store, clock_at, pom, id, {{"prison_code", "XYZ"}}, 1); }),
            Fields{"prison_code"});
  add(with(jordan(), {{"prison_number", "B7654CD"}}));
  EXPECT_EQ(failed_fields([&] { services::update_person(*store, clock_at, pom, id, {{"prison_number", "B7654CD"}}, 1); }),
            Fields{"prison_number"});
  EXPECT_EQ(store->begin_read()->people().find(id)->version, 1);
}

TEST_P(CaseRecordsTest, UpdatePersonWithNothingChangedWritesNoEvent) {
  auto id = add(jordan());
  auto same = services::update_person(*store, clock_at, pom, id, {{"family_name", "Hughes"}}, 1);
  EXPECT_EQ(same.version, 1);
  EXPECT_EQ(events_for(id).size(), 1u);
}

TEST_P(CaseRecordsTest, StaffWhoMayNotSeeAPersonCannotChangeThem) {
  auto id = add(jordan());
  EXPECT_THROW(services::update_person(*store, clock_at, pom_hatfield, id, {{"family_name", "X"}}, 1), NotFound);
  EXPECT_THROW(services::record_sentence(*store, clock_at, com_bradford, id, determinate()), NotFound);
  EXPECT_EQ(store->begin_read()->people().find(id)->family_name, "Hughes");
}

TEST_P(CaseRecordsTest, ViewPersonAuditsEveryReadAllowedOrRefused) {
  auto id = add(jordan());
  services::record_sentence(*store, clock_at, pom, id, determinate());
  auto record = services::view_person(*store, pom, id, "overview");
  EXPECT_EQ(record.person.id, id);
  ASSERT_EQ(record.sentences.size(), 1u);
  ASSERT_TRUE(record.prison);
  EXPECT_EQ(record.prison->name, "HMP Leeds");
  ASSERT_TRUE(record.pdu);
  EXPECT_EQ(record.pdu->name, "Leeds");

  EXPECT_THROW(services::view_person(*store, pom_hatfield, id, "overview"), NotFound);
  EXPECT_THROW(services::view_person(*store, com_bradford, id, "overview"), NotFound);
  EXPECT_NO_THROW(services::view_person(*store, com, id, "overview"));  // same probation delivery unit
  EXPECT_EQ(audit_of(id), (std::vector<int>{1, 0, 0, 1}));
  EXPECT_EQ(store->begin_read()->access_log().count_for_person(id), 4);
  EXPECT_THROW(services::view_person(*store, pom, id + 100, "overview"), NotFound);
}

TEST_P(CaseRecordsTest, ViewPersonIsAllowedWhileAllocatedAndNotAfter) {
  auto id = add(with(jordan(), {{"pdu_code", ""}}));
  EXPECT_THROW(services::view_person(*store, pom_hatfield, id, "overview"), NotFound);
  auto today = clock_at.today();
  services::allocate(*store, manager, id, pom_hatfield.id, Role::pom, today, "Transfer");
  auto record = services::view_person(*store, pom_hatfield, id, "overview");
  ASSERT_EQ(record.current_allocations.size(), 1u);
  EXPECT_EQ(record.current_allocations[0].staff_id, pom_hatfield.id);

  services::allocate(*store, manager, id, pom.id, Role::pom, today, "Back to Leeds");  // ends the first
  EXPECT_THROW(services::view_person(*store, pom_hatfield, id, "overview"), NotFound);
  EXPECT_EQ(audit_of(id), (std::vector<int>{0, 1, 0}));
}

TEST_P(CaseRecordsTest, AdministratorsSeeEveryoneAndPartnersSeeNoOne) {
  auto id = add(jordan());
  EXPECT_NO_THROW(services::view_person(*store, admin, id, "overview"));
  EXPECT_THROW(services::view_person(*store, partner, id, "overview"), NotFound);
  EXPECT_THROW(services::list_people(*store, partner, {}, {}), Forbidden);
  EXPECT_EQ(audit_of(id), (std::vector<int>{1, 0}));
}

TEST_P(CaseRecordsTest, ListPeopleShowsEachRoleItsOwnUnitAndCaseload) {
  auto in_leeds = add(with(jordan(), {{"pdu_code", ""}}));
  auto in_hatfield_for_leeds = add(with(jordan(), {{"prison_number", "B1111BB"}, {"prison_code", "HAI"}}));
  auto bradford = services::add_person(*store, clock_at, admin,  // outside the manager's units
                                       with(jordan(), {{"prison_number", ""}, {"crn", "X222222"}, {"prison_code", ""}, {"pdu_code", "BRD"}}))
                      .id;
  services::allocate(*store, admin, bradford, pom.id, Role::pom, clock_at.today(), "");

  auto ids = [&](const StaffMember& actor, store::PersonFilter filter = {}) {
    std::vector<std::int64_t> seen;
    for (const auto& person : services::list_people(*store, actor, std::move(filter), {}).items) seen.push_back(person.id);
    return seen;
  };
  using Ids = std::vector<std::int64_t>;
  EXPECT_EQ(ids(pom), (Ids{in_leeds, bradford}));
  EXPECT_EQ(ids(keyworker), (Ids{in_leeds}));
  EXPECT_EQ(ids(pom_hatfield), (Ids{in_hatfield_for_leeds}));
  EXPECT_EQ(ids(com), (Ids{in_hatfield_for_leeds}));
  EXPECT_EQ(ids(com_bradford), (Ids{bradford}));
  EXPECT_EQ(ids(manager), (Ids{in_leeds, in_hatfield_for_leeds}));
  EXPECT_EQ(ids(admin), (Ids{in_leeds, in_hatfield_for_leeds, bradford}));

  store::PersonFilter wider;  // a caller cannot widen their own scope
  wider.within = std::nullopt;
  wider.search = "Hughes";
  EXPECT_EQ(ids(com_bradford, wider), (Ids{bradford}));

  // The whole unit as the caseload page lists it: the same people, searched the same way.
  auto unit = [&](const StaffMember& actor, const std::string& search) {
    std::vector<std::int64_t> seen;
    for (const auto& person : services::unit_caseload(*store, actor, search, {}).items) seen.push_back(person.id);
    return seen;
  };
  EXPECT_EQ(unit(pom, ""), (Ids{in_leeds, bradford}));
  EXPECT_EQ(unit(com_bradford, "X222222"), (Ids{bradford}));
  EXPECT_EQ(unit(manager, "B1111BB"), (Ids{in_hatfield_for_leeds}));
  EXPECT_TRUE(unit(pom, "nobody by this name").empty());
  EXPECT_THROW(services::unit_caseload(*store, partner, "", {}), Forbidden);

  // Their own caseload: allocated to them, wherever the person is.
  auto caseload = services::caseload(*store, pom, "", {}).items;
  ASSERT_EQ(caseload.size(), 1u);
  EXPECT_EQ(caseload[0].id, bradford);
  EXPECT_TRUE(services::caseload(*store, pom, "nobody by this name", {}).items.empty());
  EXPECT_TRUE(services::caseload(*store, keyworker, "", {}).items.empty());
  EXPECT_THROW(services::caseload(*store, partner, "", {}), Forbidden);

  // The caseload page: those who oversee a unit open on it, everyone else on their own cases; either
  // may ask for the other. Partner agencies have no caseload.
  using services::CaseloadScope;
  services::CaseloadMemo memo{100};
  auto page = [&](const StaffMember& actor, CaseloadScope scope) {
    auto listed = services::caseload_of(*store, memo, clock_at, actor, scope, "", {});
    EXPECT_TRUE(listed);
    EXPECT_EQ(listed->alerts.size(), listed->people.items.size());
    Ids seen;
    for (const auto& person : listed->people.items) seen.push_back(person.id);
    return std::pair{listed->whole_unit, seen};
  };
  EXPECT_EQ(page(manager, CaseloadScope::as_role), std::pair(true, Ids{in_leeds, in_hatfield_for_leeds}));
  EXPECT_EQ(page(manager, CaseloadScope::own), std::pair(false, Ids{}));
  EXPECT_EQ(page(pom, CaseloadScope::as_role), std::pair(false, Ids{bradford}));
  EXPECT_EQ(page(pom, CaseloadScope::unit), std::pair(true, Ids{in_leeds, bradford}));
  EXPECT_FALSE(services::caseload_of(*store, memo, clock_at, partner, CaseloadScope::as_role, "", {}));
}

TEST_P(CaseRecordsTest, RecordSentenceValidatesByType) {
  auto id = add(jordan());
  auto sentence = [&](const FieldInput& input) { services::record_sentence(*store, clock_at, pom, id, input); };
  auto without_length = determinate();
  without_length.erase("sentence_length_days");
  EXPECT_EQ(failed_fields([&] { sentence(without_length); }), Fields{"sentence_length_days"});
  EXPECT_EQ(failed_fields([&] { sentence({{"sentence_type", "indeterminate"}, {"sentence_start_date", "2020-01-01"}}); }),
            Fields{"tariff_date"});
  EXPECT_EQ(failed_fields([&] { sentence(with(determinate(), {{"release_scheme", "extended"}})); }),
            Fields{"extension_days"});
  EXPECT_EQ(failed_fields([&] { sentence(with(determinate(), {{"remand_days", "-3"}})); }), Fields{"remand_days"});
  EXPECT_EQ(failed_fields([&] { sentence(with(determinate(), {{"sentence_start_date", ""}, {"sentence_type", "life"}})); }),
            (Fields{"sentence_type", "sentence_start_date"}));
  EXPECT_TRUE(store->begin_read()->sentences().for_person(id).empty());
  EXPECT_EQ(events_for(id).size(), 1u);
}

TEST_P(CaseRecordsTest, RecordSentenceStoresAndJournalsIt) {
  auto id = add(jordan());
  auto sentence = services::record_sentence(
      *store, clock_at, com, id, with(determinate(), {{"release_scheme", "extended"}, {"extension_days", "1095"}, {"remand_days", "40"}}));
  EXPECT_EQ(sentence.version, 1);
  EXPECT_EQ(sentence.person_id, id);
  auto stored = *store->begin_read()->sentences().find(sentence.id);
  EXPECT_EQ(stored.length_days, 730);
  EXPECT_EQ(stored.extension_days, 1095);
  EXPECT_EQ(stored.remand_days, 40);
  EXPECT_EQ(stored.release_scheme, ReleaseScheme::extended);

  auto events = events_for(id);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].kind, "sentence.recorded");
  EXPECT_EQ(events[0].entity, "sentence");
  EXPECT_EQ(events[0].entity_id, sentence.id);
  EXPECT_EQ(events[0].actor_staff_id, com.id);
  EXPECT_EQ(events[0].data["sentence_length_days"]["to"], "730");
  EXPECT_EQ(events[0].data["extension_days"]["to"], "1095");
}

TEST_P(CaseRecordsTest, UpdateSentenceValidatesJournalsAndChecksTheVersion) {
  auto id = add(jordan());
  auto sentence = services::record_sentence(*store, clock_at, pom, id, determinate());
  auto updated = services::update_sentence(*store, clock_at, pom, sentence.id, {{"sentence_length_days", "900"}}, 1);
  EXPECT_EQ(updated.version, 2);
  EXPECT_EQ(updated.length_days, 900);
  EXPECT_EQ(updated.offence, "Burglary");
  auto events = events_for(id);
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].kind, "sentence.updated");
  EXPECT_EQ(events[0].data, (nlohmann::json{{"sentence_length_days", {{"from", "730"}, {"to", "900"}}}}));

  EXPECT_THROW(services::update_sentence(*store, clock_at, pom, sentence.id, {{"sentence_length_days", "100"}}, 1), StaleVersion);
  EXPECT_EQ(failed_fields([&] { services::update_sentence(*store, clock_at, pom, sentence.id, {{"remand_days", "-1"}}, 2); }),
            Fields{"remand_days"});
  EXPECT_EQ(failed_fields([&] { services::update_sentence(*store, clock_at, pom, sentence.id, {{"release_scheme", "extended"}}, 2); }),
            Fields{"extension_days"});
  EXPECT_EQ(failed_fields([&] {
              services::update_sentence(*store, clock_at, pom, sentence.id, {{"sentence_type", "indeterminate"}}, 2);
            }),
            Fields{"tariff_date"});
  EXPECT_THROW(services::update_sentence(*store, clock_at, pom, sentence.id + 50, {}, 1), NotFound);
  EXPECT_THROW(services::update_sentence(*store, clock_at, pom_hatfield, sentence.id, {{"offence", "Theft"}}, 2), NotFound);
  EXPECT_THROW(services::find_sentence(*store, pom_hatfield, sentence.id), NotFound);
  EXPECT_EQ(services::find_sentence(*store, pom, sentence.id).length_days, 900);
  EXPECT_EQ(events_for(id).size(), 3u);
}

TEST_P(CaseRecordsTest, TimelineIsTheJournalNewestFirstAndIsAudited) {
  auto id = add(jordan());
  services::record_sentence(*store, clock_at, pom, id, determinate());
  services::update_person(*store, clock_at, pom, id, {{"family_name", "Hewes"}}, 1);

  auto first = services::person_timeline(*store, pom, id, {std::nullopt, 2});
  EXPECT_EQ(first.person.family_name, "Hewes");
  ASSERT_EQ(first.events.items.size(), 2u);
  EXPECT_EQ(first.events.items[0].kind, "person.updated");
  EXPECT_EQ(first.events.items[1].kind, "sentence.recorded");
  ASSERT_TRUE(first.events.next_cursor);
  auto second = services::person_timeline(*store, pom, id, {first.events.next_cursor, 2});
  ASSERT_EQ(second.events.items.size(), 1u);
  EXPECT_EQ(second.events.items[0].kind, "person.added");
  EXPECT_FALSE(second.events.next_cursor);

  EXPECT_THROW(services::person_timeline(*store, com_bradford, id, {}), NotFound);
  EXPECT_EQ(audit_of(id), (std::vector<int>{1, 1, 0}));
}

}  // namespace
