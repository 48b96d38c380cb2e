// Importing a directory through the service, on each backend: a second import replaces by id, and
// orphans are rejected by index. The directory and referral repositories themselves are tested in
// store_test.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "domain/referrals/hsds.hpp"
#include "services/referrals/service_directory.hpp"
#include "store/store.hpp"
#include "both_backends.hpp"
#include "source_tree.hpp"

using namespace resettle;

namespace {

class DirectoryImportTest : public test_support::BothBackendsTest {};

INSTANTIATE_TEST_SUITE_P(Backends, DirectoryImportTest,
                         ::testing::Values(test_support::Backend::sqlite, test_support::Backend::postgresql),
                         test_support::backend_name);

std::string demo_json() {
  std::ifstream file{source_tree() / "data/services-demo.hsds.json"};
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

TEST_P(DirectoryImportTest, ReimportReplacesByIdWithoutDuplicatingChildren) {
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

TEST_P(DirectoryImportTest, ServicesOfAnUnknownOrganisationAreRejectedByIndex) {
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
