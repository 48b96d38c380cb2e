// Allocation use cases: recommendations from the store, one-action allocation with its journalled
// reason, deputies, and team workload.
#include "services/allocation/allocations.hpp"

#include <gtest/gtest.h>

#include "domain/errors.hpp"
#include "domain/limited_access/limited_access.hpp"
#include "services/people/case_records.hpp"
#include "test_store.hpp"

using namespace resettle;
using namespace std::chrono;

namespace {

const services::FixedClock clock_at{sys_days{2026y / November / 23} + 10h};

StaffMember member(std::string username, Role role, std::string prison, std::string pdu, std::string team = "") {
  auto staff = test_support::staff_member(std::move(username), role, std::move(prison), std::move(pdu));
  staff.team_code = std::move(team);
  return staff;
}

class AllocationsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store->migrate();
    auto tx = store->begin_write();
    test_support::add_yorkshire(*tx);
    tx->places().insert_team({"LEI-OMU", "Leeds offender management unit", "LEI", ""});
    for (auto* staff : {&manager, &pom_busy, &pom_free, &pom_hatfield, &keyworker, &com, &hatfield_manager})
      staff->id = tx->staff().insert(*staff, "not-a-real-hash");
    tx->commit();
    person = services::add_person(*store, clock_at, manager,
                                  {{"given_name", "Sam"}, {"family_name", "Hill"}, {"date_of_birth", "1990-05-17"},
                                   {"prison_number", "A1111AA"}, {"prison_code", "LEI"}, {"pdu_code", "LDS"}})
                 .id;
  }

  std::vector<std::string> ranked_names(Role role, AllocationKind kind = AllocationKind::lead) {
    std::vector<std::string> names;
    for (const auto& r : services::allocation_choice(*store, clock_at, manager, person, role, kind).ranked)
      names.push_back(r.staff.username);
    return names;
  }

  // Gives `staff` n other people to hold as POM, so workloads differ.
  void load(const StaffMember& staff, int n) {
    for (int i = 0; i < n; ++i, ++loaded) {
      auto other = services::add_person(*store, clock_at, manager,
                                        {{"given_name", "Other"}, {"family_name", std::to_string(i)},
                                         {"date_of_birth", "1980-01-01"}, {"prison_code", "LEI"},
                                         {"prison_number", "A" + std::to_string(2000 + loaded) + "AA"}})
                       .id;
      services::allocate(*store, manager, other, staff.id, Role::pom, clock_at.today(), "load");
    }
  }

  using Names = std::vector<std::string>;
  test_support::TempDatabase database;
  std::unique_ptr<store::Store> store = store::open_sqlite_store({database.path(), 4});
  StaffMember manager = member("manager", Role::manager, "LEI", "LDS");
  StaffMember pom_busy = member("pom.busy", Role::pom, "LEI", "", "LEI-OMU");
  StaffMember pom_free = member("pom.free", Role::pom, "LEI", "", "LEI-OMU");
  StaffMember pom_hatfield = member("pom.hatfield", Role::pom, "HAI", "");
  StaffMember keyworker = member("keyworker", Role::key_worker, "LEI", "");
  StaffMember com = member("com", Role::com, "", "LDS");
  StaffMember hatfield_manager = member("hmanager", Role::manager, "HAI", "");
  std::int64_t person = 0;
  int loaded = 0;
};

TEST_F(AllocationsTest, CandidatesAreThePrisonsPomsByWorkload) {
  load(pom_busy, 3);
  EXPECT_EQ(ranked_names(Role::pom), (Names{"pom.free", "pom.busy"}));
  EXPECT_EQ(ranked_names(Role::key_worker), (Names{"keyworker", "pom.free", "pom.busy"}));
  EXPECT_EQ(ranked_names(Role::com), Names{"com"});
}

TEST_F(AllocationsTest, APractitionerFromAnEarlierPrisonComesFirst) {
  services::allocate(*store, manager, person, pom_hatfield.id, Role::pom, *parse_iso_date("2025-01-01"), "at Hatfield");
  services::allocate(*store, manager, person, pom_busy.id, Role::pom, *parse_iso_date("2026-06-01"), "moved to Leeds");
  // pom.busy holds the case now, so is left out; Hatfield's POM knew Sam before the move.
  auto choice = services::allocation_choice(*store, clock_at, manager, person, Role::pom, AllocationKind::lead);
  ASSERT_TRUE(choice.current);
  EXPECT_EQ(choice.current->staff_id, pom_busy.id);
  ASSERT_EQ(choice.ranked.size(), 2u);
  EXPECT_EQ(choice.ranked[0].staff.id, pom_hatfield.id);
  EXPECT_EQ(choice.ranked[0].reasons[0], "Knows Sam: was their prison offender manager from 2025-01-01 to 2026-06-01");
}

TEST_F(AllocationsTest, AllocatingARecommendationJournalsItsReasonsAndTheNote) {
  auto allocation = services::allocate_recommended(*store, clock_at, manager, person, pom_free.id, Role::pom,
                                                   AllocationKind::lead, "met Sam at induction");
  EXPECT_EQ(allocation.from, clock_at.today());
  EXPECT_EQ(allocation.reason, "0 cases, 0 of 240 points (0% of capacity): has room. Note: met Sam at induction");
  auto events = services::person_timeline(*store, manager, person, {}).events.items;
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events[0].kind, "allocation.made");
  EXPECT_EQ(events[0].reason, allocation.reason);
  EXPECT_EQ(events[0].summary, "Staff pom.free allocated as Prison offender manager");
}

TEST_F(AllocationsTest, OnlyRankedPractitionersCanBeChosen) {
  auto fields = test_support::failed_fields([&] {
    services::allocate_recommended(*store, clock_at, manager, person, com.id, Role::pom, AllocationKind::lead, "");
  });
  EXPECT_EQ(fields, std::vector<std::string>{"staff_id"});
}

TEST_F(AllocationsTest, OnlyManagersWhoCanSeeThePersonAllocate) {
  EXPECT_THROW(services::allocation_choice(*store, clock_at, pom_free, person, Role::pom, AllocationKind::lead), Forbidden);
  EXPECT_THROW(services::allocate_recommended(*store, clock_at, pom_free, person, pom_free.id, Role::pom,
                                              AllocationKind::lead, ""),
               Forbidden);
  EXPECT_THROW(services::allocation_choice(*store, clock_at, hatfield_manager, person, Role::pom, AllocationKind::lead),
               NotFound);
}

TEST_F(AllocationsTest, ADeputyStandsBesideTheLeadAndIsNeverTheLead) {
  services::allocate(*store, manager, person, pom_busy.id, Role::pom, clock_at.today(), "lead");
  auto choice = services::allocation_choice(*store, clock_at, manager, person, Role::pom, AllocationKind::deputy);
  ASSERT_TRUE(choice.lead);
  EXPECT_EQ(choice.lead->staff_id, pom_busy.id);
  EXPECT_EQ(ranked_names(Role::pom, AllocationKind::deputy), Names{"pom.free"});
  EXPECT_EQ(test_support::failed_fields([&] {
              services::allocate(*store, manager, person, pom_busy.id, Role::pom, clock_at.today(), "", AllocationKind::deputy);
            }),
            std::vector<std::string>{"staff_id"});
  services::allocate_recommended(*store, clock_at, manager, person, pom_free.id, Role::pom, AllocationKind::deputy, "");
  auto current = store->begin_read()->allocations().current_for_person(person);
  ASSERT_EQ(current.size(), 2u);
}

TEST_F(AllocationsTest, ADeputySteppingUpToLeadEndsTheirDeputyAllocation) {
  services::allocate(*store, manager, person, pom_busy.id, Role::pom, clock_at.today(), "lead");
  services::allocate(*store, manager, person, pom_free.id, Role::pom, clock_at.today(), "cover", AllocationKind::deputy);
  services::allocate(*store, manager, person, pom_free.id, Role::pom, clock_at.today(), "steps up");
  auto current = store->begin_read()->allocations().current_for_person(person);
  ASSERT_EQ(current.size(), 1u);
  EXPECT_EQ(current[0].staff_id, pom_free.id);
  EXPECT_EQ(current[0].kind, AllocationKind::lead);
}

TEST_F(AllocationsTest, StaffExcludedFromACaseAreNeverOfferedItNorAllocated) {
  {
    auto tx = store->begin_write();
    tx->limited_access().add(person, {AccessList::exclusion, pom_free.id, "knows the victim"}, manager.id);
    tx->commit();
  }
  EXPECT_EQ(ranked_names(Role::pom), Names{"pom.busy"});
  EXPECT_EQ(test_support::failed_fields([&] {
              services::allocate(*store, manager, person, pom_free.id, Role::pom, clock_at.today(), "");
            }),
            std::vector<std::string>{"staff_id"});
}

TEST_F(AllocationsTest, AManagerExcludedFromACaseCannotAllocateIt) {
  {
    auto tx = store->begin_write();
    tx->limited_access().add(person, {AccessList::exclusion, manager.id, "conflict of interest"}, manager.id);
    tx->commit();
  }
  EXPECT_THROW(services::allocation_choice(*store, clock_at, manager, person, Role::pom, AllocationKind::lead), NotFound);
  EXPECT_THROW(services::allocate(*store, manager, person, pom_free.id, Role::pom, clock_at.today(), ""), NotFound);
  EXPECT_EQ(store->begin_read()->access_log().count_for_person(person), 2) << "both refusals are audited";
}

TEST_F(AllocationsTest, RoleAndKindCodesAreCheckedNamingTheField) {
  EXPECT_EQ(services::allocation_role("com", "role"), Role::com);
  EXPECT_EQ(test_support::failed_fields([] { services::allocation_role("manager", "role"); }),
            std::vector<std::string>{"role"});
  EXPECT_EQ(services::allocation_kind("", "kind"), AllocationKind::lead);
  EXPECT_EQ(services::allocation_kind("deputy", "kind"), AllocationKind::deputy);
  EXPECT_EQ(test_support::failed_fields([] { services::allocation_kind("boss", "kind"); }),
            std::vector<std::string>{"kind"});
}

TEST_F(AllocationsTest, UnitWorkloadGroupsTheManagersPractitionersByTeam) {
  load(pom_busy, 2);
  auto teams = services::unit_workload(*store, manager);
  ASSERT_EQ(teams.size(), 2u);
  EXPECT_EQ(teams[0].team_name, "Not in a team");
  std::vector<std::string> unteamed;
  for (const auto& p : teams[0].practitioners) unteamed.push_back(p.staff.username);
  EXPECT_EQ(unteamed, (Names{"com", "keyworker"})) << "the manager holds no caseload";
  EXPECT_EQ(teams[1].team_name, "Leeds offender management unit");
  ASSERT_EQ(teams[1].practitioners.size(), 2u);
  EXPECT_EQ(teams[1].practitioners[0].staff.username, "pom.busy");
  EXPECT_EQ(teams[1].practitioners[0].workload.cases, 2);
  EXPECT_EQ(teams[1].practitioners[0].workload.points, 8);  // two untiered custody cases
  EXPECT_THROW(services::unit_workload(*store, pom_free), Forbidden);
}

}  // namespace
