// Integrated offender management through the SQLite store: a new cohort ends the open one in the same
// transaction; naming a police officer leaves the COM's allocation alone; the officer's shared view
// opens only to police officers while they are named, every read and refusal in the access log; contacts are journalled
// and nothing is saved for a refused one; the schema keeps one open cohort per case. A social care
// worker named by account at a meeting sees the case's shared view while it is under MAPPA.
#include "services/mappa/iom.hpp"

#include <gtest/gtest.h>

#include "domain/errors.hpp"
#include "services/mappa/mappa.hpp"
#include "services/people/case_records.hpp"
#include "store/iom_repositories.hpp"
#include "test_store.hpp"

using namespace resettle;
using namespace std::chrono;
using test_support::failed_fields;

namespace {

constexpr Date today{2026y / December / 7};
const services::FixedClock clock_at{sys_days{today} + 10h};
const BankHolidays no_holidays{};
using Strings = std::vector<std::string>;

class IomStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store->migrate();
    auto tx = store->begin_write();
    test_support::add_yorkshire(*tx);
    for (auto* member : {&manager, &com, &other_com, &officer, &other_officer, &partner, &social_worker})
      member->id = tx->staff().insert(*member, "not-a-real-hash");
    tx->commit();
    person_id = services::add_person(*store, clock_at, manager,
                                     {{"given_name", "Sam"}, {"family_name", "Jones"}, {"date_of_birth", "1990-05-17"},
                                      {"crn", "X123456"}, {"pdu_code", "LDS"}})
                    .id;
    auto allocating = store->begin_write();
    allocating->allocations().insert(Allocation{0, person_id, com.id, "", Role::com, Date{2026y / June / 1}, {}, "", AllocationKind::lead});
    allocating->commit();
  }

  std::vector<std::string> iom_events() {
    std::vector<std::string> kinds;
    for (const auto& event : store->begin_read()->journal().for_person(person_id, {}).items)
      if (event.kind.starts_with("iom.")) kinds.insert(kinds.begin(), event.kind);
    return kinds;
  }

  IomCoworker name_officer() {
    return services::add_iom_coworker(*store, clock_at, com, person_id, {{"staff_id", std::to_string(officer.id)}, {"from", "2026-12-07"}});
  }

  test_support::TempDatabase database;
  std::unique_ptr<store::Store> store = store::open_sqlite_store({database.path(), 4});
  StaffMember manager{0, "manager", "Morgan Ellis", Role::manager, "", "LDS", "", "", true};
  StaffMember com{0, "com", "Callum Reid", Role::com, "", "LDS", "", "", true};
  StaffMember other_com{0, "com2", "Jo Lindqvist", Role::com, "", "LDS", "", "", true};
  StaffMember officer{0, "police", "DC Rees", Role::police, "", "", "West Yorkshire Police", "", true};
  StaffMember other_officer{0, "police2", "DC Shaw", Role::police, "", "", "West Yorkshire Police", "", true};
  StaffMember partner{0, "partner", "Pat Byrne", Role::partner, "", "", "Leeds Housing", "", true};
  StaffMember social_worker{0, "social", "Jo Carer", Role::social_care, "", "", "Leeds Children's Services", "", true};
  std::int64_t person_id = 0;
};

}  // namespace

TEST_F(IomStoreTest, ANewCohortEndsTheOpenOneInTheSameChange) {
  auto fixed = services::set_iom_cohort(*store, clock_at, com, person_id, {{"cohort", "fixed"}, {"starts_on", "2026-11-01"}});
  auto flex = services::set_iom_cohort(*store, clock_at, manager, person_id, {{"cohort", "flex"}, {"starts_on", "2026-12-07"}});
  auto flags = store->begin_read()->iom().cohorts_for(person_id);
  ASSERT_EQ(flags.size(), 2u);
  EXPECT_EQ(flags[0], flex);
  EXPECT_EQ(flags[1].id, fixed.id);
  EXPECT_EQ(flags[1].ends_on, today);
  EXPECT_EQ(flags[1].ended_by, manager.id);
  EXPECT_EQ(flags[1].version, 2);
  EXPECT_EQ(iom_events(), (Strings{"iom.cohort_set", "iom.cohort_set"}));
}

TEST_F(IomStoreTest, OnlyTheCaseComAndManagersManageIomAndRefusalsSaveNothing) {
  const FieldInput free{{"cohort", "free"}, {"starts_on", "2026-12-07"}};
  EXPECT_THROW(services::set_iom_cohort(*store, clock_at, other_com, person_id, free), Forbidden);
  EXPECT_THROW(services::set_iom_cohort(*store, clock_at, partner, person_id, free), NotFound);
  EXPECT_THROW(services::set_iom_cohort(*store, clock_at, officer, person_id, free), NotFound);
  EXPECT_EQ(failed_fields([&] { services::set_iom_cohort(*store, clock_at, com, person_id, {{"cohort", "free"}}); }),
            Strings{"starts_on"});
  EXPECT_TRUE(store->begin_read()->iom().cohorts_for(person_id).empty());
  EXPECT_THROW(services::end_iom_cohort(*store, clock_at, com, person_id, {{"ends_on", "2026-12-07"}}, 1), Conflict);
  EXPECT_TRUE(iom_events().empty());
}

TEST_F(IomStoreTest, TheSchemaKeepsOneOpenCohortPerCase) {
  IomCohortFlag flag;
  flag.person_id = person_id;
  flag.starts_on = today;
  flag.set_by = com.id;
  auto tx = store->begin_write();
  tx->iom().insert_cohort(flag);
  EXPECT_ANY_THROW(tx->iom().insert_cohort(flag));
}

TEST_F(IomStoreTest, NamingAnOfficerLeavesTheComAllocated) {
  auto before = store->begin_read()->allocations().current_for_person(person_id);
  auto coworker = name_officer();
  EXPECT_EQ(coworker.version, 1);
  auto after = store->begin_read()->allocations().current_for_person(person_id);
  ASSERT_EQ(after.size(), before.size());
  EXPECT_EQ(after.front().staff_id, com.id);
  auto page = services::iom_of(*store, com, person_id);
  EXPECT_EQ(page.coworkers, std::vector<IomCoworker>{coworker});
  EXPECT_EQ(page.com->staff_id, com.id);
  EXPECT_TRUE(page.may_manage);
  EXPECT_FALSE(page.may_change_com);
  EXPECT_EQ(page.staff_names.at(officer.id), "DC Rees");
  ASSERT_EQ(page.coworker_accounts.size(), 3u) << "both officers and the social worker";
  EXPECT_EQ(iom_events(), Strings{"iom.coworker_added"});
}

TEST_F(IomStoreTest, TheSharedViewOpensOnlyWhileTheOfficerIsNamed) {
  EXPECT_THROW(services::shared_case_of(*store, clock_at, no_holidays, officer, person_id), NotFound);
  auto coworker = name_officer();
  auto shared = services::shared_case_of(*store, clock_at, no_holidays, officer, person_id);
  EXPECT_EQ(shared.person.id, person_id);
  EXPECT_EQ(shared.com_name, "Callum Reid");
  EXPECT_EQ(services::named_iom_cases(*store, officer).size(), 1u);
  EXPECT_THROW(services::shared_case_of(*store, clock_at, no_holidays, other_officer, person_id), NotFound);
  for (const auto* practitioner : {&partner, &com, &manager})
    EXPECT_THROW(services::shared_case_of(*store, clock_at, no_holidays, *practitioner, person_id), Forbidden) << practitioner->username;
  EXPECT_TRUE(services::named_iom_cases(*store, other_officer).empty());

  services::end_iom_coworker(*store, clock_at, com, coworker.id, {{"to", "2026-12-07"}}, coworker.version);
  EXPECT_THROW(services::shared_case_of(*store, clock_at, no_holidays, officer, person_id), NotFound);
  EXPECT_TRUE(services::named_iom_cases(*store, officer).empty());

  int allowed = 0, refused = 0;
  for (const auto& read : store->begin_read()->access_log().for_person(person_id, {}).items)
    if (read.what == "shared view") ++(read.allowed ? allowed : refused);
  EXPECT_EQ(allowed, 1);
  EXPECT_EQ(refused, 3);  // the officer before and after being named, and the officer never named
  EXPECT_EQ(iom_events(), (Strings{"iom.coworker_added", "iom.coworker_ended"}));
}

TEST_F(IomStoreTest, ContactsAreJournalledAndARefusedOneSavesNothing) {
  name_officer();
  const FieldInput visit{{"contact_on", "2026-12-07"}, {"summary", "Home visit: all well"}, {"intelligence_free", "true"}};
  EXPECT_THROW(services::record_iom_contact(*store, clock_at, other_officer, person_id, visit), NotFound);
  EXPECT_EQ(failed_fields([&] { services::record_iom_contact(*store, clock_at, officer, person_id, {{"summary", "x"}}); }),
            (Strings{"contact_on", "intelligence_free"}));
  EXPECT_TRUE(store->begin_read()->iom().contacts_for(person_id).empty());
  auto contact = services::record_iom_contact(*store, clock_at, officer, person_id, visit);
  EXPECT_EQ(store->begin_read()->iom().contacts_for(person_id), std::vector<IomContact>{contact});
  EXPECT_EQ(services::shared_case_of(*store, clock_at, no_holidays, officer, person_id).contacts.front().summary, "Home visit: all well");
  EXPECT_EQ(iom_events(), (Strings{"iom.coworker_added", "iom.contact_recorded"}));
}

TEST_F(IomStoreTest, AnAttendeeByAccountSeesTheSharedViewWhileTheCaseIsUnderMappa) {
  auto meeting = services::record_mappa_meeting(
      *store, clock_at, com, person_id,
      {{"kind", "review"}, {"meeting_on", "2026-12-20"}, {"attendee_1_agency", "childrens_social_care"},
       {"attendee_1_staff_id", std::to_string(social_worker.id)}});
  EXPECT_EQ(meeting.attendees, (std::vector<Attendee>{{Agency::childrens_social_care, "Jo Carer", social_worker.id}}));
  EXPECT_EQ(store->begin_read()->mappa().attended_cases(social_worker.id), std::vector<std::int64_t>{person_id});
  EXPECT_TRUE(store->begin_read()->mappa().attended_cases(officer.id).empty());
  EXPECT_THROW(services::shared_case_of(*store, clock_at, no_holidays, social_worker, person_id), NotFound);
  EXPECT_TRUE(services::named_iom_cases(*store, social_worker).empty()) << "not under MAPPA yet";

  services::record_mappa_decision(*store, clock_at, com, person_id,
                                  {{"category", "2"}, {"level", "2"}, {"decided_on", "2026-12-07"}, {"decided_by", "Panel"}});
  auto shared = services::shared_case_of(*store, clock_at, no_holidays, social_worker, person_id);
  EXPECT_EQ(shared.parts, shared_parts(Role::social_care));
  EXPECT_EQ(shared.mappa_level, MappaLevel::level_2);
  EXPECT_TRUE(shared.appointments.empty());
  EXPECT_TRUE(shared.meetings.empty()) << "the meetings are the coordinator's part";
  EXPECT_EQ(services::named_iom_cases(*store, social_worker).size(), 1u);
  EXPECT_THROW(services::record_iom_contact(*store, clock_at, social_worker, person_id,
                                           {{"contact_on", "2026-12-07"}, {"summary", "x"}, {"intelligence_free", "true"}}),
               Forbidden);
  EXPECT_THROW(services::shared_case_of(*store, clock_at, no_holidays, officer, person_id), NotFound) << "the officer is not named";
}

// Issue 24: a social care worker (and a MAPPA coordinator alike) is named as co-worker the way the police
// are, and sees the case, outside MAPPA too, through their role's shared parts; never a joint home visit.
TEST_F(IomStoreTest, ASocialCareCoworkerSeesTheirPartsUntilTheNamingEnds) {
  EXPECT_THROW(services::shared_case_of(*store, clock_at, no_holidays, social_worker, person_id), NotFound);
  EXPECT_EQ(failed_fields([&] {
              services::add_iom_coworker(*store, clock_at, com, person_id, {{"staff_id", std::to_string(partner.id)}, {"from", "2026-12-07"}});
            }),
            Strings{"staff_id"});
  auto coworker = services::add_iom_coworker(*store, clock_at, com, person_id,
                                             {{"staff_id", std::to_string(social_worker.id)}, {"from", "2026-12-07"}});
  auto shared = services::shared_case_of(*store, clock_at, no_holidays, social_worker, person_id);
  EXPECT_EQ(shared.parts, shared_parts(Role::social_care));
  EXPECT_EQ(shared.mappa_level, MappaLevel::none) << "open outside MAPPA, as the police co-worker's is";
  EXPECT_TRUE(shared.appointments.empty());
  EXPECT_TRUE(shared.contacts.empty());
  EXPECT_EQ(services::named_iom_cases(*store, social_worker).size(), 1u);
  auto added = store->begin_read()->journal().for_person(person_id, {}).items.front();
  EXPECT_EQ(added.kind, "iom.coworker_added");
  EXPECT_EQ(added.summary, "Jo Carer (Social care worker (children's or adult)) named as co-worker from 7 December 2026");

  services::end_iom_coworker(*store, clock_at, com, coworker.id, {{"to", "2026-12-07"}}, coworker.version);
  EXPECT_THROW(services::shared_case_of(*store, clock_at, no_holidays, social_worker, person_id), NotFound);
  EXPECT_TRUE(services::named_iom_cases(*store, social_worker).empty());
  EXPECT_EQ(iom_events(), (Strings{"iom.coworker_added", "iom.coworker_ended"}));
}
