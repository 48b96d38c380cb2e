// A manager setting a practitioner's working pattern: who may, the team check, partial updates and
// the journal entry.
#include "services/allocation/working_pattern.hpp"

#include <gtest/gtest.h>

#include "domain/errors.hpp"
#include "test_store.hpp"

using namespace resettle;

namespace {

using test_support::staff_member;

class WorkingPatternTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store->migrate();
    auto tx = store->begin_write();
    test_support::add_yorkshire(*tx);
    tx->places().insert_team({"LEI-OMU", "Leeds offender management unit", "LEI", ""});
    tx->places().insert_team({"HAI-OMU", "Hatfield offender management unit", "HAI", ""});
    for (auto* staff : {&manager, &pom, &hatfield_pom, &admin}) staff->id = tx->staff().insert(*staff, "hash");
    tx->commit();
  }

  test_support::TempDatabase database;
  std::unique_ptr<store::Store> store = store::open_sqlite_store({database.path(), 4});
  StaffMember manager = staff_member("manager", Role::manager, "LEI", "LDS");
  StaffMember pom = staff_member("pom", Role::pom, "LEI", "");
  StaffMember hatfield_pom = staff_member("hpom", Role::pom, "HAI", "");
  StaffMember admin = staff_member("admin", Role::admin, "", "");
};

TEST_F(WorkingPatternTest, AManagerSetsTeamShareSpecialismsAndAbsenceAndItIsJournalled) {
  auto updated = services::update_working_pattern(*store, manager, pom.id,
                                                  {{"team_code", "LEI-OMU"}, {"capacity_percent", "60"},
                                                   {"specialism_women", "true"}, {"away_from", "2026-12-01"}});
  EXPECT_EQ(updated.team_code, "LEI-OMU");
  EXPECT_EQ(updated.capacity_percent, 60);
  EXPECT_EQ(updated.specialisms, std::vector{Specialism::women});
  EXPECT_EQ(updated.away_from, parse_iso_date("2026-12-01"));
  auto stored = store->begin_read()->staff().find(pom.id);
  EXPECT_EQ(stored->capacity_percent, 60);
  EXPECT_EQ(services::teams_for(*store, pom).size(), 1u);
}

TEST_F(WorkingPatternTest, FieldsLeftOutKeepTheirValues) {
  services::update_working_pattern(*store, manager, pom.id, {{"capacity_percent", "50"}, {"specialism_iom", "true"}});
  auto updated = services::update_working_pattern(*store, manager, pom.id, {{"away_from", "2027-01-04"}});
  EXPECT_EQ(updated.capacity_percent, 50);
  EXPECT_EQ(updated.specialisms, std::vector{Specialism::iom});
  EXPECT_EQ(updated.away_from, parse_iso_date("2027-01-04"));
}

TEST_F(WorkingPatternTest, TheTeamMustBeInTheirOwnPrisonOrPdu) {
  EXPECT_EQ(test_support::failed_fields([&] {
              services::update_working_pattern(*store, manager, pom.id, {{"team_code", "HAI-OMU"}});
            }),
            std::vector<std::string>{"team_code"});
  EXPECT_EQ(test_support::failed_fields([&] {
              services::update_working_pattern(*store, manager, pom.id, {{"team_code", "NOPE"}});
            }),
            std::vector<std::string>{"team_code"});
  EXPECT_EQ(store->begin_read()->staff().find(pom.id)->team_code, "") << "nothing half-written";
}

TEST_F(WorkingPatternTest, OnlyTheirOwnUnitsManagerOrAnAdministrator) {
  EXPECT_THROW(services::update_working_pattern(*store, pom, pom.id, {{"capacity_percent", "50"}}), Forbidden);
  EXPECT_THROW(services::managed_staff_member(*store, manager, hatfield_pom.id), NotFound);
  EXPECT_THROW(services::managed_staff_member(*store, manager, 9999), NotFound);
  EXPECT_EQ(services::update_working_pattern(*store, admin, hatfield_pom.id, {{"team_code", "HAI-OMU"}}).team_code,
            "HAI-OMU");
}

}  // namespace
