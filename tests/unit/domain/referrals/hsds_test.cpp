// Unit tests of HSDS in and out (domain/referrals/hsds.hpp).
#include "domain/referrals/hsds.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <tuple>
#include "source_tree.hpp"

using namespace resettle;
using namespace std::chrono;

namespace {
const std::string fixtures = (source_tree() / "tests/fixtures/hsds").string();

std::string read_text(const std::string& path) {
  std::ifstream file{path, std::ios::binary};
  EXPECT_TRUE(file) << path;
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

HsdsTables read_tables(const std::string& folder) {
  HsdsTables tables;
  for (auto file : hsds_csv_files()) {
    std::ifstream probe{folder + "/" + std::string{file}};
    if (probe) tables[std::string{file}] = read_text(folder + "/" + std::string{file});
  }
  return tables;
}

using Where = std::tuple<std::string, std::size_t, std::string>;
std::set<Where> where_of(const std::vector<Rejection>& rejections) {
  std::set<Where> found;
  for (const auto& r : rejections) {
    EXPECT_FALSE(r.message.empty());
    found.insert({r.table, r.record, r.field});
  }
  return found;
}

std::vector<std::string> ids_of(const std::vector<Service>& services) {
  std::vector<std::string> ids;
  for (const auto& s : services) ids.push_back(s.id);
  return ids;
}

Directory demo_directory() {
  auto imported = read_hsds_json(read_text((source_tree() / "data/services-demo.hsds.json").string()));
  EXPECT_TRUE(imported.rejections.empty()) << imported.rejections.front().field << ": " << imported.rejections.front().message;
  return imported.directory;
}
}  // namespace

TEST(HsdsJson, KeepsGoodRecordsAndRejectsEachBadOneWithIndexAndField) {
  auto imported = read_hsds_json(read_text(fixtures + "/bad-services.json"));
  EXPECT_EQ(ids_of(imported.directory.services), (std::vector<std::string>{"svc-good", "svc-shares-org"}));
  EXPECT_EQ(where_of(imported.rejections), (std::set<Where>{
                                               {"services", 1, "minimum_age"},
                                               {"services", 2, "name"},
                                               {"services", 3, "maximum_age"},
                                               {"services", 4, "attributes[0].taxonomy_term.code"},
                                               {"services", 5, ""},
                                               {"services", 6, "service_at_locations[0].location.latitude"},
                                               {"services", 8, "organization_id"},
                                               {"services", 9, "id"},
                                               {"services", 10, "name"},
                                               {"services", 10, "status"},
                                           }));
}

TEST(HsdsJson, ReadsNestedRecordsIntoTheDirectory) {
  auto imported = read_hsds_json(read_text(fixtures + "/bad-services.json"));
  const Directory& directory = imported.directory;
  ASSERT_EQ(directory.organisations.size(), 1u);
  ASSERT_EQ(directory.locations.size(), 1u);
  EXPECT_EQ(directory.locations[0].address->postal_code, "LS1 1AA");
  EXPECT_EQ(directory.locations[0].latitude, 53.8);
  const Service& good = directory.services[0];
  EXPECT_EQ(good.organisation_id, "org-1");
  EXPECT_EQ(good.pathways, (std::vector<Pathway>{Pathway::accommodation}));  // other taxonomies ignored
  EXPECT_EQ(good.waiting_time_days, 7);
  const Service& shared = directory.services[1];
  EXPECT_EQ(shared.status, ServiceStatus::temporarily_closed);
  EXPECT_EQ(shared.eligibility.genders, (std::vector<Gender>{Gender::female}));
  EXPECT_EQ(directory.locations_of("svc-shares-org").size(), 1u);
}

TEST(HsdsJson, MessagesSayWhatIsWrong) {
  auto imported = read_hsds_json(read_text(fixtures + "/bad-services.json"));
  for (const auto& r : imported.rejections) {
    if (r.field == "minimum_age") {
      EXPECT_EQ(r.message, "must be a whole number");
    } else if (r.field == "maximum_age") {
      EXPECT_EQ(r.message, "must not be less than minimum_age");
    } else if (r.record == 4) {
      EXPECT_NE(r.message.find("is not a pathway"), std::string::npos);
    } else if (r.record == 10 && r.field == "name") {
      EXPECT_NE(r.message.find("not a list or an object"), std::string::npos);
    }
  }
}

TEST(HsdsJson, RejectsTextThatIsNotAListOfServices) {
  auto broken = read_hsds_json("[{\"id\": ");
  ASSERT_EQ(broken.rejections.size(), 1u);
  EXPECT_NE(broken.rejections[0].message.find("not valid JSON"), std::string::npos);
  auto wrong_shape = read_hsds_json("{\"services\": []}");
  ASSERT_EQ(wrong_shape.rejections.size(), 1u);
  EXPECT_TRUE(read_hsds_json("{\"contents\": []}").rejections.empty());
}

TEST(HsdsCsv, KeepsGoodRowsAndRejectsEachBadOneWithLineAndField) {
  auto imported = read_hsds_csv(read_tables(fixtures + "/csv-bad"));
  EXPECT_EQ(ids_of(imported.directory.services), (std::vector<std::string>{"svc-1", "svc-8"}));
  EXPECT_EQ(where_of(imported.rejections), (std::set<Where>{
                                               {"organizations.csv", 3, "name"},
                                               {"organizations.csv", 4, "email"},
                                               {"services.csv", 4, "minimum_age"},
                                               {"services.csv", 5, "organization_id"},
                                               {"services.csv", 6, "maximum_age"},
                                               {"services.csv", 7, "name"},
                                               {"services.csv", 8, "description"},
                                               {"services.csv", 9, "wait_time"},
                                               {"locations.csv", 3, "location_type"},
                                               {"addresses.csv", 3, "location_id"},
                                               {"service_at_locations.csv", 3, "service_id"},
                                               {"service_at_locations.csv", 4, "location_id"},
                                               {"schedules.csv", 3, "byday"},
                                               {"schedules.csv", 3, "opens_at"},
                                               {"phones.csv", 3, "contact_id"},
                                               {"service_areas.csv", 4, "uri"},
                                               {"taxonomy_terms.csv", 3, "code"},
                                               {"attributes.csv", 3, "taxonomy_term_id"},
                                               {"service_capacities.csv", 3, "service_id"},
                                               {"service_capacities.csv", 4, "available"},
                                           }));
}

TEST(HsdsCsv, AssemblesServicesFromTheirTables) {
  auto imported = read_hsds_csv(read_tables(fixtures + "/csv-bad"));
  const Directory& directory = imported.directory;
  ASSERT_EQ(directory.organisations.size(), 1u);
  EXPECT_EQ(directory.organisations[0].description, "Housing, benefits and \"move-on\" advice");
  const Service& flats = directory.services[0];
  EXPECT_EQ(flats.description, "Supported flats\nover two lines");
  EXPECT_EQ(flats.pathways, (std::vector<Pathway>{Pathway::accommodation}));
  ASSERT_EQ(flats.eligibility.areas.size(), 2u);
  EXPECT_EQ(flats.eligibility.areas[0].code, "E08000035");
  EXPECT_EQ(flats.eligibility.areas[1].code, "E08000032");
  ASSERT_EQ(flats.contacts.size(), 1u);
  EXPECT_EQ(flats.contacts[0].phone, "0113 496 0101");
  ASSERT_TRUE(flats.capacity);
  EXPECT_EQ(*flats.capacity, (Capacity{2, 14, "flat", "Flats free", Date{2025y / January / 6}}));
  EXPECT_EQ(flats.schedules.size(), 1u);
  const Service& centre = directory.services[1];
  EXPECT_EQ(centre.eligibility.genders, (std::vector<Gender>{Gender::female}));
  EXPECT_TRUE(centre.pathways.empty());
  EXPECT_EQ(directory.locations_of("svc-1").size(), 1u);
  EXPECT_TRUE(directory.locations[0].address);
}

TEST(HsdsCsv, MissingFilesAreEmptyTables) {
  auto imported = read_hsds_csv({{"organizations.csv", "id,name,description\norg-1,A,B\n"}});
  EXPECT_EQ(imported.directory.organisations.size(), 1u);
  EXPECT_TRUE(imported.rejections.empty());
}

TEST(HsdsDemo, TheDemoDirectoryLoadsCleanlyAndCoversEveryPathway) {
  Directory directory = demo_directory();
  EXPECT_GE(directory.services.size(), 25u);
  std::set<Pathway> covered;
  for (const auto& service : directory.services) covered.insert(service.pathways.begin(), service.pathways.end());
  EXPECT_EQ(covered.size(), pathways().size());
}

TEST(HsdsRoundTrip, JsonExportThenImportIsLossless) {
  Directory directory = demo_directory();
  auto again = read_hsds_json(write_hsds_json(directory));
  EXPECT_TRUE(again.rejections.empty());
  EXPECT_EQ(again.directory, directory);
}

TEST(HsdsRoundTrip, CsvExportThenImportIsLossless) {
  Directory directory = demo_directory();
  auto tables = write_hsds_csv(directory);
  EXPECT_EQ(tables.size(), hsds_csv_files().size());
  auto again = read_hsds_csv(tables);
  EXPECT_TRUE(again.rejections.empty()) << again.rejections.front().table << " " << again.rejections.front().field;
  EXPECT_EQ(again.directory, directory);
}

TEST(HsdsRoundTrip, AwkwardTextSurvivesBothFormats) {
  Directory directory;
  directory.organisations.push_back({"org-1", "Quote \"and\", comma", "Line one\r\nline two", "", ""});
  Service service;
  service.id = "svc-1";
  service.organisation_id = "org-1";
  service.name = "Café, \"drop-in\"";
  service.eligibility.description = "Ages 18+\nno fee";
  service.eligibility.minimum_age = 18;
  service.waiting_time_days = 1;
  service.pathways = {Pathway::health, Pathway::drugs_alcohol};
  service.schedules.push_back({"sch-1", ScheduleFrequency::monthly, "1TU,-1FR", "09:00", "12:30", "", Date{2025y / January / 1},
                               std::nullopt});
  directory.services.push_back(service);
  EXPECT_EQ(read_hsds_json(write_hsds_json(directory)).directory, directory);
  EXPECT_EQ(read_hsds_csv(write_hsds_csv(directory)).directory, directory);
}

TEST(HsdsServiceJson, UsesHsdsFieldNamesAndNestsTheOrganisation) {
  Directory directory = demo_directory();
  auto json = hsds_service_json(directory, *directory.service("svc-ridings-cas3"));
  EXPECT_EQ(json["organization"]["id"], "org-ridings-cas3");
  EXPECT_EQ(json["minimum_age"], 18);
  EXPECT_EQ(json["wait_time"], "3 days");
  EXPECT_EQ(json["capacities"][0]["unit"]["name"], "bed");
  EXPECT_EQ(json["service_at_locations"][0]["location"]["addresses"][0]["postal_code"], "LS1 6AA");
  EXPECT_EQ(json["attributes"][0]["taxonomy_term"]["code"], "accommodation");
}
