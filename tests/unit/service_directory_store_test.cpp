// The directory and referral repositories on a real SQLite file: HSDS records survive a round
// trip, search ranks and filters, the search index follows renames, and referrals keep history.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "domain/errors.hpp"
#include "domain/referrals/hsds.hpp"
#include "services/referrals/service_directory.hpp"
#include "store/store.hpp"
#include "test_store.hpp"
#include "source_tree.hpp"

using namespace resettle;

namespace {

class DirectoryStoreTest : public ::testing::Test {
 protected:
  DirectoryStoreTest() : store(store::open_sqlite_store({database.path(), 2})) { store->migrate(); }

  void save(const std::vector<Organisation>& organisations, const std::vector<Service>& services) {
    auto tx = store->begin_write();
    for (const auto& organisation : organisations) tx->directory().save_organisation(organisation);
    for (const auto& service : services) tx->directory().save_service(service);
    tx->commit();
  }

  std::vector<std::string> search(store::ServiceQuery query) {
    std::vector<std::string> ids;
    for (const auto& service : store->begin_read()->directory().search(query).services) ids.push_back(service.id);
    return ids;
  }

  static Service service(std::string id, std::string name, std::string description, std::vector<Pathway> pathways,
                         std::string organisation = "org-1") {
    Service s;
    s.id = std::move(id);
    s.organisation_id = std::move(organisation);
    s.name = std::move(name);
    s.description = std::move(description);
    s.pathways = std::move(pathways);
    return s;
  }

  test_support::TempDatabase database;
  std::unique_ptr<store::Store> store;
};

std::string demo_json() {
  std::ifstream file{source_tree() / "data/services-demo.hsds.json"};
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

template <typename T>
std::vector<T> by_id(std::vector<T> records) {
  std::sort(records.begin(), records.end(), [](const T& a, const T& b) { return a.id < b.id; });
  return records;
}

TEST_F(DirectoryStoreTest, DemoDirectoryComesBackExactlyAsImported) {
  auto parsed = read_hsds_json(demo_json());
  ASSERT_TRUE(parsed.rejections.empty());
  auto report = services::import_directory(*store, parsed);
  EXPECT_EQ(report.services, 26u);
  EXPECT_TRUE(report.rejections.empty());
  auto stored = store->begin_read()->directory().directory({});
  EXPECT_EQ(by_id(stored.services), by_id(parsed.directory.services));
  EXPECT_EQ(by_id(stored.organisations), by_id(parsed.directory.organisations));
  EXPECT_EQ(by_id(stored.locations), by_id(parsed.directory.locations));
  EXPECT_EQ(by_id(stored.service_at_locations), by_id(parsed.directory.service_at_locations));
}

TEST_F(DirectoryStoreTest, ReimportReplacesByIdWithoutDuplicatingChildren) {
  auto parsed = read_hsds_json(demo_json());
  services::import_directory(*store, parsed);
  parsed.directory.services.front().name = "Renamed service";
  services::import_directory(*store, parsed);
  auto stored = store->begin_read()->directory().find_service(parsed.directory.services.front().id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->name, "Renamed service");
  EXPECT_EQ(stored->schedules, parsed.directory.services.front().schedules);
  EXPECT_EQ(stored->contacts, parsed.directory.services.front().contacts);
}

TEST_F(DirectoryStoreTest, ServicesOfAnUnknownOrganisationAreRejectedByIndex) {
  DirectoryImport parsed;
  parsed.directory.services.push_back(service("svc-1", "Orphan", "", {}, "org-missing"));
  auto report = services::import_directory(*store, parsed);
  ASSERT_EQ(report.rejections.size(), 1u);
  EXPECT_EQ(report.rejections[0].field, "organization_id");
  EXPECT_EQ(report.rejections[0].record, 0u);
  EXPECT_FALSE(store->begin_read()->directory().find_service("svc-1"));
}

TEST_F(DirectoryStoreTest, NameMatchesRankAboveDescriptionMatches) {
  save({{"org-1", "Riverside Advice", "", "", ""}},
       {service("svc-a", "Housing help", "Includes some debt advice at the end", {Pathway::accommodation}),
        service("svc-b", "Debt advice", "Budgeting and creditors", {Pathway::finance_benefits_debt}),
        service("svc-c", "Job club", "CV workshops", {Pathway::education_training_employment})});
  EXPECT_EQ(search({std::nullopt, "", "debt", 0, 20}), (std::vector<std::string>{"svc-b", "svc-a"}));
  // Pathway labels and organisation names are searchable too; word stems match.
  EXPECT_EQ(search({std::nullopt, "", "employment", 0, 20}), (std::vector<std::string>{"svc-c"}));
  EXPECT_EQ(search({std::nullopt, "", "workshop", 0, 20}), (std::vector<std::string>{"svc-c"}));
  EXPECT_EQ(search({Pathway::accommodation, "", "debt", 0, 20}), (std::vector<std::string>{"svc-a"}));
  // Without words, everything in name order.
  EXPECT_EQ(search({std::nullopt, "", "", 0, 20}), (std::vector<std::string>{"svc-b", "svc-a", "svc-c"}));
}

TEST_F(DirectoryStoreTest, QuerySyntaxTypedByAUserIsTreatedAsWords) {
  save({{"org-1", "Riverside Advice", "", "", ""}}, {service("svc-b", "Debt advice", "", {})});
  EXPECT_EQ(search({std::nullopt, "", "\"debt* (advice", 0, 20}), (std::vector<std::string>{"svc-b"}));
  EXPECT_TRUE(search({std::nullopt, "", "NEAR(\" ^", 0, 20}).empty());
}

TEST_F(DirectoryStoreTest, AreaFilterKeepsServicesWithoutAreaLimits) {
  auto leeds = service("svc-leeds", "Leeds only", "", {});
  leeds.eligibility.areas = {{"a1", "E08000035", "Leeds"}};
  auto bradford = service("svc-bradford", "Bradford only", "", {});
  bradford.eligibility.areas = {{"a2", "E08000032", "Bradford"}};
  save({{"org-1", "Org", "", "", ""}}, {leeds, bradford, service("svc-anywhere", "Anywhere", "", {})});
  EXPECT_EQ(search({std::nullopt, "E08000035", "", 0, 20}), (std::vector<std::string>{"svc-anywhere", "svc-leeds"}));
  EXPECT_EQ(search({std::nullopt, "bradford", "", 0, 20}), (std::vector<std::string>{"svc-anywhere", "svc-bradford"}));
}

TEST_F(DirectoryStoreTest, PagesCarryOnWhereTheLastStopped) {
  save({{"org-1", "Org", "", "", ""}}, {service("s1", "A", "", {}), service("s2", "B", "", {}), service("s3", "C", "", {})});
  auto first = store->begin_read()->directory().search({std::nullopt, "", "", 0, 2});
  ASSERT_EQ(first.services.size(), 2u);
  ASSERT_EQ(first.next_cursor, "2");
  auto second = store->begin_read()->directory().search({std::nullopt, "", "", 2, 2});
  ASSERT_EQ(second.services.size(), 1u);
  EXPECT_EQ(second.services[0].id, "s3");
  EXPECT_FALSE(second.next_cursor);
}

TEST_F(DirectoryStoreTest, RenamingAnOrganisationKeepsTheSearchIndexInStep) {
  save({{"org-1", "Old Name Trust", "", "", ""}}, {service("svc-1", "Mentoring", "", {})});
  save({{"org-1", "Brightpath Partnership", "", "", ""}}, {});
  EXPECT_EQ(search({std::nullopt, "", "brightpath", 0, 20}), (std::vector<std::string>{"svc-1"}));
  EXPECT_TRUE(search({std::nullopt, "", "old name", 0, 20}).empty());
}

class ReferralStoreTest : public DirectoryStoreTest {
 protected:
  ReferralStoreTest() {
    save({{"org-1", "Riverside Advice", "", "", ""}}, {service("svc-1", "Debt advice", "", {})});
    auto tx = store->begin_write();
    Person person;
    person.given_name = "Sam";
    person.family_name = "Cole";
    person.date_of_birth = Date{std::chrono::year{1990}, std::chrono::month{1}, std::chrono::day{2}};
    person_id = tx->people().insert(person);
    tx->commit();
  }

  Referral draft() const {
    Referral referral;
    referral.person_id = person_id;
    referral.service_id = "svc-1";
    referral.reason_for_referral = "Debts";
    referral.details = {{"given_name", "Given name", "Sam"}};
    referral.history = {{ReferralStatus::draft, Date{std::chrono::year{2026}, std::chrono::month{1}, std::chrono::day{5}}, "Alex", ""}};
    return referral;
  }

  std::int64_t person_id = 0;
  // Nobody's access is limited here, so which member of staff reads an inbox makes no difference.
  static constexpr std::int64_t partner_worker = 1;
};

TEST_F(ReferralStoreTest, StepsAreAppendedAndStaleWritesRefused) {
  auto tx = store->begin_write();
  auto referral = draft();
  referral.id = tx->referrals().insert(referral);
  auto on = Date{std::chrono::year{2026}, std::chrono::month{1}, std::chrono::day{6}};
  auto consented = record_consent(referral, {true, on, "Alex", "Name"});
  consented.id = referral.id;
  auto sent = transition(consented, ReferralStatus::sent, on, "Alex", "");
  sent.organisation_id = "org-1";  // the service's organisation, fixed on sending
  tx->referrals().update(sent, 1);
  EXPECT_THROW(tx->referrals().update(sent, 1), StaleVersion);
  auto stored = tx->referrals().find(referral.id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->version, 2);
  EXPECT_EQ(stored->history, sent.history);
  EXPECT_EQ(stored->consent, sent.consent);
  EXPECT_EQ(stored->details, referral.details);
  EXPECT_EQ(stored->organisation_id, "org-1");
  EXPECT_EQ(tx->referrals().sent_to_organisation("org-1", partner_worker).size(), 1u);
  EXPECT_TRUE(tx->referrals().sent_to_organisation("Riverside Advice", partner_worker).empty());  // ids, never names
  EXPECT_TRUE(tx->referrals().sent_to_organisation("org-2", partner_worker).empty());
  tx->commit();
}

TEST_F(ReferralStoreTest, DraftsAreNotInAnOrganisationsListAndNothingIsEverDeleted) {
  {
    auto tx = store->begin_write();
    auto cas3 = draft();
    cas3.kind = ReferralKind::cas3;
    cas3.cas3 = Cas3Request{84, Date{std::chrono::year{2026}, std::chrono::month{2}, std::chrono::day{1}}, "Leeds"};
    auto id = tx->referrals().insert(cas3);
    EXPECT_EQ(tx->referrals().find(id)->cas3, cas3.cas3);
    EXPECT_TRUE(tx->referrals().sent_to_organisation("org-1", partner_worker).empty());
    EXPECT_EQ(tx->referrals().for_person(person_id).size(), 1u);
    tx->commit();
  }
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(database.path().c_str(), &raw), SQLITE_OK);
  sqlite3_busy_timeout(raw, 10000);
  EXPECT_NE(sqlite3_exec(raw, "DELETE FROM referral", nullptr, nullptr, nullptr), SQLITE_OK);
  EXPECT_NE(sqlite3_exec(raw, "DELETE FROM referral_step", nullptr, nullptr, nullptr), SQLITE_OK);
  EXPECT_NE(sqlite3_exec(raw, "UPDATE referral_step SET status = 'sent'", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(raw);
}

}  // namespace
