// Partner access by relationship, not by name (issue 19): a referral stays with the organisation it
// was sent to whatever the directory later says, organisations that share a name stay apart, the
// partner reads only what the consent covers, and every partner read is audited and journalled.
#include <gtest/gtest.h>

#include "domain/errors.hpp"
#include "services/people/case_records.hpp"
#include "services/referrals/referrals.hpp"
#include "both_backends.hpp"

using namespace resettle;
using namespace std::chrono;

namespace {

const services::FixedClock clock_at{sys_days{2026y / March / 15} + 10h};

class PartnerAccessTest : public test_support::BothBackendsTest {
 protected:
  void SetUp() override {
    BothBackendsTest::SetUp();
    if (IsSkipped()) return;
    auto tx = store->begin_write();
    for (auto* staff : {&pom, &partner, &namesake, &admin}) staff->id = tx->staff().insert(*staff, "not-a-real-hash");
    tx->directory().save_organisation({"org-1", "Riverside Advice", "Advice on money and debts", "", ""});
    tx->directory().save_service(service("svc-1", "org-1"));
    tx->commit();
    person = services::add_person(*store, clock_at, pom,
                                  {{"given_name", "Sam"}, {"family_name", "Lee"}, {"date_of_birth", "1990-05-17"},
                                   {"prison_number", "A1000AA"}, {"prison_code", "LEI"}, {"pdu_code", "LDS"}})
                 .id;
  }

  static Service service(std::string id, std::string organisation_id) {
    Service s;
    s.id = std::move(id);
    s.organisation_id = std::move(organisation_id);
    s.name = "Debt advice";
    return s;
  }

  static StaffMember partner_of(std::string username, std::string organisation_id) {
    auto member = test_support::staff_member(std::move(username), Role::partner, "", "");
    member.organisation = "Riverside Advice";
    member.organisation_id = std::move(organisation_id);
    return member;
  }

  std::int64_t sent_referral() {
    auto record = services::create_referral(*store, clock_at, pom, person,
                                            {{"service_id", "svc-1"}, {"kind", "service"}, {"reason_for_referral", "Debts"},
                                             {"consent_given", "true"}, {"consent_scope", "Name and date of birth"}});
    services::move_referral(*store, clock_at, pom, record.referral.id, {{"to", "sent"}});
    return record.referral.id;
  }

  // The directory as a later import leaves it: another organisation with the same name now runs the service.
  void reimport_with_namesake() {
    auto tx = store->begin_write();
    tx->directory().save_organisation({"org-2", "Riverside Advice", "Advice on money and debts", "", ""});
    tx->directory().save_service(service("svc-1", "org-2"));
    tx->directory().save_organisation({"org-1", "Riverside Advice (renamed)", "Advice on money and debts", "", ""});
    tx->commit();
  }

  std::vector<std::int64_t> inbox(const StaffMember& reader) {
    std::vector<std::int64_t> ids;
    for (const auto& record : services::organisation_referrals(*store, clock_at, reader)) ids.push_back(record.referral.id);
    return ids;
  }

  StaffMember pom = test_support::staff_member("pom", Role::pom, "LEI", "");
  StaffMember partner = partner_of("partner", "org-1");
  StaffMember namesake = partner_of("namesake", "org-2");
  StaffMember admin = test_support::staff_member("admin", Role::admin, "", "");
  std::int64_t person = 0;
};

INSTANTIATE_TEST_SUITE_P(Backends, PartnerAccessTest,
                         ::testing::Values(test_support::Backend::sqlite, test_support::Backend::postgresql),
                         test_support::backend_name);

TEST_P(PartnerAccessTest, AReferralStaysWithTheOrganisationItWasSentToWhateverTheDirectorySaysLater) {
  auto referral = sent_referral();
  EXPECT_EQ(inbox(partner), std::vector<std::int64_t>{referral});
  EXPECT_TRUE(inbox(namesake).empty());
  reimport_with_namesake();
  EXPECT_EQ(inbox(partner), std::vector<std::int64_t>{referral});
  EXPECT_TRUE(inbox(namesake).empty());
  EXPECT_NO_THROW(services::view_referral(*store, clock_at, partner, referral));
  EXPECT_THROW(services::view_referral(*store, clock_at, namesake, referral), NotFound);
  // A referral sent after the import goes to the organisation that runs the service now.
  auto later = sent_referral();
  EXPECT_EQ(inbox(namesake), std::vector<std::int64_t>{later});
  EXPECT_EQ(inbox(partner), std::vector<std::int64_t>{referral});
}

TEST_P(PartnerAccessTest, AnAccountWithoutAnOrganisationIdSeesNothingWhateverItsName) {
  auto referral = sent_referral();
  auto by_name_only = partner_of("byname", "");
  {
    auto tx = store->begin_write();
    by_name_only.id = tx->staff().insert(by_name_only, "not-a-real-hash");
    tx->commit();
  }
  EXPECT_TRUE(inbox(by_name_only).empty());
  EXPECT_THROW(services::view_referral(*store, clock_at, by_name_only, referral), NotFound);
}

TEST_P(PartnerAccessTest, APartnerReadsOnlyWhatTheConsentCovers) {
  auto referral = sent_referral();
  auto shared = services::view_referral(*store, clock_at, partner, referral);
  EXPECT_EQ(shared.referral.person_id, 0);  // never a reference to the person's record
  EXPECT_FALSE(shared.referral.details.empty());
  EXPECT_EQ(shared.referral.reason_for_referral, "Debts");
  EXPECT_EQ(shared.person_name, "Sam Lee");
  EXPECT_FALSE(shared.may_open_person);
  EXPECT_FALSE(shared.recorded_for_partner);  // they answer for themselves
  // Withdrawing is how the referring side stops sharing after sending.
  services::move_referral(*store, clock_at, pom, referral, {{"to", "withdrawn"}, {"reason", "Consent withdrawn"}});
  auto withdrawn = services::view_referral(*store, clock_at, partner, referral);
  EXPECT_TRUE(withdrawn.referral.details.empty());
  EXPECT_EQ(withdrawn.referral.reason_for_referral, "");
  EXPECT_EQ(withdrawn.person_name, "Details no longer shared");
  EXPECT_EQ(services::organisation_referrals(*store, clock_at, partner).front().person_name, "Details no longer shared");
  // Staff on the referring side still read it whole.
  auto whole = services::view_referral(*store, clock_at, pom, referral);
  EXPECT_EQ(whole.referral.person_id, person);
  EXPECT_TRUE(whole.may_open_person);
  EXPECT_EQ(whole.referral.reason_for_referral, "Debts");
}

TEST_P(PartnerAccessTest, EveryPartnerReadIsAuditedAndOnThePersonsTimeline) {
  auto referral = sent_referral();
  services::organisation_referrals(*store, clock_at, partner);
  services::view_referral(*store, clock_at, partner, referral);
  EXPECT_THROW(services::view_referral(*store, clock_at, namesake, referral), NotFound);
  auto reads = store->begin_read()->access_log().for_person(person, {std::nullopt, 50}).items;  // newest first
  ASSERT_GE(reads.size(), 3u);
  EXPECT_EQ(reads[0].staff_id, namesake.id);
  EXPECT_FALSE(reads[0].allowed);
  EXPECT_EQ(reads[1].staff_id, partner.id);
  EXPECT_EQ(reads[1].what, "referral (partner)");
  EXPECT_TRUE(reads[1].allowed);
  EXPECT_EQ(reads[2].staff_id, partner.id);
  EXPECT_TRUE(reads[2].in_list);
  auto events = store->begin_read()->journal().for_person(person, {std::nullopt, 50}).items;
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events[0].kind, "referral.read_by_partner");
  EXPECT_EQ(events[0].actor_staff_id, partner.id);
  EXPECT_EQ(events[0].summary, "Referral to Debt advice read by Staff partner (Riverside Advice)");
}

TEST_P(PartnerAccessTest, OnlyTheReferringSideOffersAReferralOrIsAskedForConsent) {
  EXPECT_TRUE(services::service_to_refer_to(*store, clock_at, pom, "svc-1").may_refer);
  EXPECT_FALSE(services::service_to_refer_to(*store, clock_at, partner, "svc-1").may_refer);
  auto draft = services::create_referral(*store, clock_at, pom, person,
                                         {{"service_id", "svc-1"}, {"kind", "service"}, {"reason_for_referral", "Debts"}});
  EXPECT_TRUE(draft.needs_consent);
  EXPECT_FALSE(services::view_referral(*store, clock_at, pom, sent_referral()).needs_consent);
}

TEST_P(PartnerAccessTest, APersonsReferralsReadThePersonOnce) {
  auto referral = sent_referral();
  auto listed = services::person_referrals(*store, clock_at, pom, person);
  EXPECT_EQ(listed.person.id, person);
  ASSERT_EQ(listed.referrals.size(), 1u);
  EXPECT_EQ(listed.referrals[0].referral.id, referral);
  auto reads = store->begin_read()->access_log().for_person(person, {std::nullopt, 50}).items;  // newest first
  ASSERT_GE(reads.size(), 2u);
  EXPECT_EQ(reads[0].what, "referrals");
  EXPECT_NE(reads[1].what, "referrals");
  EXPECT_THROW(services::person_referrals(*store, clock_at, partner, person), Forbidden);
}

TEST_P(PartnerAccessTest, SupportIsSearchedForAPersonOnlyWhenOneIsNamed) {
  EXPECT_FALSE(services::search_support(*store, clock_at, pom, std::nullopt, {}).for_person);
  auto found = services::search_support(*store, clock_at, pom, person, {});
  ASSERT_TRUE(found.for_person);
  EXPECT_EQ(found.for_person->person.id, person);
  EXPECT_FALSE(found.for_person->area.empty());
  EXPECT_EQ(store->begin_read()->access_log().for_person(person, {std::nullopt, 1}).items.at(0).what, "find support");
  EXPECT_THROW(services::search_support(*store, clock_at, pom, person + 100, {}), NotFound);
}

TEST_P(PartnerAccessTest, ANewReferralStartsFromThePersonAndTheService) {
  auto draft = services::new_referral_for(*store, pom, person, "svc-1");
  EXPECT_EQ(draft.person.id, person);
  EXPECT_EQ(draft.service_name, "Debt advice");
  EXPECT_EQ(draft.default_kind, "service");
  EXPECT_FALSE(draft.details.empty());
  EXPECT_TRUE(draft.plan_actions.empty());  // no plan yet
  EXPECT_THROW(services::new_referral_for(*store, pom, person, "svc-none"), NotFound);
}

}  // namespace
