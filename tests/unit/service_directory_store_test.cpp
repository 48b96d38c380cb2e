// Importing a directory through the service on a real SQLite file (the import journals, which the
// PostgreSQL store does not yet): a second import replaces by id, and orphans are rejected by index. The
// directory and referral repositories themselves are tested on both backends in store_test.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "domain/referrals/hsds.hpp"
#include "services/referrals/service_directory.hpp"
#include "store/store.hpp"
#include "test_store.hpp"
#include "source_tree.hpp"

using namespace resettle;

namespace {

class DirectoryImportTest : public ::testing::Test {
 protected:
  DirectoryImportTest() : store(store::open_sqlite_store({database.path(), 2})) { store->migrate(); }

  test_support::TempDatabase database;
  std::unique_ptr<store::Store> store;
};

std::string demo_json() {
  std::ifstream file{source_tree() / "data/services-demo.hsds.json"};
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

TEST_F(DirectoryImportTest, ReimportReplacesByIdWithoutDuplicatingChildren) {
  auto parsed = read_hsds_json(demo_json());
  auto report = services::import_directory(*store, parsed);
  EXPECT_EQ(report.services, 26u);
  EXPECT_TRUE(report.rejections.empty());
  parsed.directory.services.front().name = "Renamed service";
  services::import_directory(*store, parsed);
  auto stored = store->begin_read()->directory().find_service(parsed.directory.services.front().id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->name, "Renamed service");
  EXPECT_EQ(stored->schedules, parsed.directory.services.front().schedules);
  EXPECT_EQ(stored->contacts, parsed.directory.services.front().contacts);
  EXPECT_EQ(store->begin_read()->directory().directory({}).services.size(), 26u);
}

TEST_F(DirectoryImportTest, ServicesOfAnUnknownOrganisationAreRejectedByIndex) {
  DirectoryImport parsed;
  Service orphan;
  orphan.id = "svc-1";
  orphan.organisation_id = "org-missing";
  orphan.name = "Orphan";
  parsed.directory.services.push_back(orphan);
  auto report = services::import_directory(*store, parsed);
  ASSERT_EQ(report.rejections.size(), 1u);
  EXPECT_EQ(report.rejections[0].field, "organization_id");
  EXPECT_EQ(report.rejections[0].record, 0u);
  EXPECT_FALSE(store->begin_read()->directory().find_service("svc-1"));
}

}  // namespace
