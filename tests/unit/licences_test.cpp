// Licence use cases through the store, on each backend: drafting, approval, release, variation, the journal,
// versions, who may do what, and the licences worklist.
#include "services/licence/licences.hpp"

#include <gtest/gtest.h>

#include "domain/errors.hpp"
#include "services/people/case_records.hpp"
#include "services/licence/licence_document.hpp"
#include "services/release/releases.hpp"
#include "source_tree.hpp"
#include "both_backends.hpp"

using namespace resettle;
using namespace std::chrono;

namespace {

const services::FixedClock clock_at{sys_days{2026y / December / 7} + 10h};  // a Monday
const BankHolidays no_holidays;

const ConditionCatalogues& catalogues() {
  static const ConditionCatalogues loaded = services::load_condition_catalogues(source_tree() / "data/licence-conditions");
  return loaded;
}

FieldInput curfew(const char* hours) {
  return {{"code", "curfew_address"},
          {"purpose", "risk_to_known_adult"},
          {"reason", "Offences were at night"},
          {"inputs.address", "4 Park Lane, Leeds LS1 1AA"},
          {"inputs.hours", hours}};
}

class LicencesTest : public test_support::BothBackendsTest {
 protected:
  void SetUp() override {
    BothBackendsTest::SetUp();
    if (IsSkipped()) return;
    auto tx = store->begin_write();
    for (auto* member : {&manager, &other_manager, &pom, &com, &bradford_com})
      member->id = tx->staff().insert(*member, "not-a-real-hash");
    tx->commit();
    person_id = services::add_person(*store, clock_at, manager,
                                     {{"given_name", "Sam"}, {"family_name", "Jones"}, {"date_of_birth", "1990-05-17"},
                                      {"prison_number", "A1234BC"}, {"prison_code", "LEI"}, {"pdu_code", "LDS"}})
                    .id;
    services::record_sentence(*store, clock_at, manager, person_id,
                              {{"sentence_type", "determinate"}, {"sentence_start_date", "2026-11-20"},
                               {"sentence_length_days", "120"}});
  }

  std::vector<std::string> journal_kinds() {
    std::vector<std::string> kinds;
    for (const auto& event : store->begin_read()->journal().for_person(person_id, {}).items)
      if (event.kind.starts_with("licence.")) kinds.insert(kinds.begin(), event.kind);
    return kinds;
  }

  Licence approved_licence() {
    auto licence = services::start_licence(*store, clock_at, catalogues(), com, person_id);
    licence = services::add_licence_condition(*store, clock_at, catalogues(), com, licence.id, curfew("19:00-07:00"), licence.version);
    licence = services::submit_licence(*store, clock_at, com, licence.id, {}, licence.version);
    return services::decide_licence(*store, clock_at, manager, licence.id, {{"decision", "approve"}}, licence.version);
  }

  StaffMember manager{0, "manager", "Morgan Ellis", Role::manager, "LEI", "LDS", "", "", true};
  StaffMember other_manager{0, "manager2", "Mo Khan", Role::manager, "", "LDS", "", "", true};
  StaffMember pom{0, "pom", "Priya Shah", Role::pom, "LEI", "", "", "", true};
  StaffMember com{0, "com", "Callum Reid", Role::com, "", "LDS", "", "", true};
  StaffMember bradford_com{0, "bcom", "Bea Hall", Role::com, "", "BRD", "", "", true};
  std::int64_t person_id = 0;
};

INSTANTIATE_TEST_SUITE_P(Backends, LicencesTest,
                         ::testing::Values(test_support::Backend::sqlite, test_support::Backend::postgresql),
                         test_support::backend_name);

}  // namespace

TEST_P(LicencesTest, DraftedApprovedActiveAtReleaseThenVariedEveryStepJournalled) {
  auto licence = approved_licence();
  EXPECT_EQ(licence.status, LicenceStatus::approved);
  EXPECT_EQ(licence.policy_version, "2026-1");
  ASSERT_EQ(licence.conditions.size(), 9u);
  licence = services::activate_licence(*store, clock_at, com, licence.id, {{"released_on", "2026-12-07"}}, licence.version);
  EXPECT_EQ(licence.status, LicenceStatus::active);

  auto variation = services::start_variation(*store, clock_at, com, licence.id);
  EXPECT_EQ(variation.number, 2);
  variation = services::change_licence_condition(*store, clock_at, catalogues(), com, variation.id, 9,
                                                 curfew("21:00-06:00"), variation.version);
  EXPECT_EQ(test_support::failed_fields([&] {
              services::submit_licence(*store, clock_at, com, variation.id,
                                       {{"senior_probation_officer_discussed", "yes"},
                                        {"victim_liaison_officer_consulted", "no"}}, variation.version);
            }),
            std::vector<std::string>{"reasons.9"});
  variation = services::submit_licence(*store, clock_at, com, variation.id,
                                       {{"senior_probation_officer_discussed", "yes"},
                                        {"victim_liaison_officer_consulted", "no"},
                                        {"reasons.9", "Working late shifts; no concerns for three weeks"}},
                                       variation.version);
  variation = services::decide_licence(*store, clock_at, manager, variation.id, {{"decision", "approve"}}, variation.version);
  EXPECT_EQ(variation.status, LicenceStatus::active);
  auto changes = services::find_licence(*store, com, variation.id).changes;
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].kind, ChangeKind::changed);
  EXPECT_EQ(services::find_licence(*store, com, variation.id).licence.conditions[8].understanding, std::nullopt)
      << "the changed curfew must be gone through with the person again";

  auto overview = services::licence_overview(*store, clock_at, no_holidays, pom, person_id);
  ASSERT_EQ(overview.licences.size(), 2u);
  EXPECT_EQ(overview.licences[0].number, 2);
  EXPECT_EQ(overview.licences[1].status, LicenceStatus::inactive);
  EXPECT_EQ(overview.licences[1].inactive_from, Date{2026y / December / 7});
  EXPECT_FALSE(overview.may_start);
  EXPECT_EQ(overview.actions, LicenceActions{}) << "a POM reads the licence and changes nothing";
  ASSERT_EQ(overview.changes.size(), 1u);
  EXPECT_EQ(overview.changes[0].key, 9);
  auto com_overview = services::licence_overview(*store, clock_at, no_holidays, com, person_id);
  EXPECT_TRUE(com_overview.actions.vary);
  EXPECT_FALSE(com_overview.may_start) << "the variation is current: vary it, do not start another";
  EXPECT_EQ(journal_kinds(),
            (std::vector<std::string>{"licence.drafted", "licence.condition_added", "licence.submitted",
                                      "licence.approved", "licence.activated", "licence.variation_drafted",
                                      "licence.condition_changed", "licence.submitted", "licence.replaced",
                                      "licence.approved"}));
}

TEST_P(LicencesTest, AnUpdateOnAnOldVersionOrWithBadInputChangesNothing) {
  auto licence = services::start_licence(*store, clock_at, catalogues(), com, person_id);
  EXPECT_THROW(services::add_licence_condition(*store, clock_at, catalogues(), com, licence.id, curfew("19:00-07:00"),
                                               licence.version + 1),
               StaleVersion);
  EXPECT_EQ(test_support::failed_fields([&] {
              services::add_licence_condition(*store, clock_at, catalogues(), com, licence.id, curfew("25:00-07:00"),
                                              licence.version);
            }),
            std::vector<std::string>{"inputs.hours"});
  auto stored = services::find_licence(*store, com, licence.id).licence;
  EXPECT_EQ(stored.version, 1);
  EXPECT_EQ(stored.conditions.size(), 8u);
  EXPECT_EQ(journal_kinds(), std::vector<std::string>{"licence.drafted"});
}

TEST_P(LicencesTest, AManagerWhoDraftedCannotApproveAndAReturnNeedsAReason) {
  auto licence = services::start_licence(*store, clock_at, catalogues(), manager, person_id);
  licence = services::submit_licence(*store, clock_at, manager, licence.id, {}, licence.version);
  EXPECT_EQ(test_support::failed_fields([&] {
              services::decide_licence(*store, clock_at, manager, licence.id, {{"decision", "approve"}}, licence.version);
            }),
            std::vector<std::string>{"decision"});
  EXPECT_EQ(test_support::failed_fields([&] {
              services::decide_licence(*store, clock_at, other_manager, licence.id, {{"decision", "return"}}, licence.version);
            }),
            std::vector<std::string>{"return_reason"});
  licence = services::decide_licence(*store, clock_at, other_manager, licence.id,
                                     {{"decision", "return"}, {"return_reason", "Add the curfew"}}, licence.version);
  EXPECT_EQ(licence.status, LicenceStatus::returned);
}

TEST_P(LicencesTest, OnlyTheComOrAManagerDraftsOnlyAManagerDecidesAndOthersOnlyRead) {
  EXPECT_THROW(services::start_licence(*store, clock_at, catalogues(), pom, person_id), Forbidden);
  EXPECT_THROW(services::start_licence(*store, clock_at, catalogues(), bradford_com, person_id), NotFound);
  auto licence = services::start_licence(*store, clock_at, catalogues(), com, person_id);
  EXPECT_THROW(services::start_licence(*store, clock_at, catalogues(), com, person_id), Conflict);
  licence = services::submit_licence(*store, clock_at, com, licence.id, {}, licence.version);
  EXPECT_THROW(services::decide_licence(*store, clock_at, com, licence.id, {{"decision", "approve"}}, licence.version),
               Forbidden);
  EXPECT_EQ(services::find_licence(*store, pom, licence.id).licence.status, LicenceStatus::submitted);
  EXPECT_THROW(services::find_licence(*store, bradford_com, licence.id), NotFound);
  EXPECT_THROW(services::start_variation(*store, clock_at, com, licence.id), Conflict);
}

TEST_P(LicencesTest, TheWorklistListsReleasesWithoutAnApprovedLicence) {
  auto due = services::licences_due(*store, no_holidays, com, clock_at.today(), {});
  ASSERT_EQ(due.items.size(), 1u);
  EXPECT_EQ(due.items[0].row.person.id, person_id);
  EXPECT_FALSE(due.items[0].status);
  auto licence = services::start_licence(*store, clock_at, catalogues(), com, person_id);
  due = services::licences_due(*store, no_holidays, com, clock_at.today(), {});
  ASSERT_EQ(due.items.size(), 1u);
  EXPECT_EQ(due.items[0].status, LicenceStatus::draft);
  licence = services::submit_licence(*store, clock_at, com, licence.id, {}, licence.version);
  services::decide_licence(*store, clock_at, manager, licence.id, {{"decision", "approve"}}, licence.version);
  EXPECT_TRUE(services::licences_due(*store, no_holidays, com, clock_at.today(), {}).items.empty());
}

TEST_P(LicencesTest, ReadingALicenceOrItsDocumentIsAudited) {
  auto licence = services::start_licence(*store, clock_at, catalogues(), com, person_id);
  auto before = store->begin_read()->access_log().count_for_person(person_id);
  services::find_licence(*store, pom, licence.id);
  EXPECT_FALSE(services::licence_document(*store, catalogues(), pom, licence.id, Language::cy, true).approved);  // a draft
  EXPECT_EQ(store->begin_read()->access_log().count_for_person(person_id), before + 2);
}

// --- The induction and the person's acknowledgement ---------------------------------------------

TEST_P(LicencesTest, TheInductionIsBookedBeforeReleaseOnTheDayOrTheNextWorkingDay) {
  auto view = services::induction_of(*store, no_holidays, com, person_id, clock_at.today());
  ASSERT_TRUE(view.window);
  EXPECT_TRUE(view.may_book);
  EXPECT_FALSE(view.induction);
  EXPECT_EQ(view.window->last, add_working_days(view.window->first, 1, no_holidays));
  FieldInput booking{{"on", to_iso(view.window->last)}, {"starts_at", "9:30"}, {"ends_at", "10:30"},
                     {"office_code", "LDS"}, {"notes", "Bring your licence and ID"}};
  auto too_late = booking;
  too_late["on"] = to_iso(add_days(view.window->last, 1));
  EXPECT_EQ(test_support::failed_fields([&] {
              services::book_induction(*store, clock_at, no_holidays, com, person_id, too_late, std::nullopt);
            }),
            std::vector<std::string>{"on"});
  auto bad = FieldInput{{"on", "2026-12-01"}, {"starts_at", "11:00"}, {"ends_at", "10:00"}, {"office_code", "NOWHERE"}};
  EXPECT_EQ(test_support::failed_fields([&] {
              services::book_induction(*store, clock_at, no_holidays, com, person_id, bad, std::nullopt);
            }),
            (std::vector<std::string>{"on", "ends_at", "office_code"}));
  EXPECT_THROW(services::book_induction(*store, clock_at, no_holidays, pom, person_id, booking, std::nullopt), Forbidden);
  EXPECT_THROW(services::book_induction(*store, clock_at, no_holidays, bradford_com, person_id, booking, std::nullopt),
               NotFound);

  auto induction = services::book_induction(*store, clock_at, no_holidays, com, person_id, booking, std::nullopt);
  EXPECT_EQ(induction.version, 1);
  EXPECT_EQ(to_text(induction.starts_at), "09:30");
  EXPECT_EQ(induction.with_staff_id, com.id);
  EXPECT_THROW(services::book_induction(*store, clock_at, no_holidays, com, person_id, booking, std::nullopt), Conflict)
      << "a second booking would leave two inductions";
  booking["on"] = to_iso(view.window->first);
  EXPECT_THROW(services::book_induction(*store, clock_at, no_holidays, com, person_id, booking, 7), StaleVersion);
  induction = services::book_induction(*store, clock_at, no_holidays, com, person_id, booking, 1);
  EXPECT_EQ(induction.version, 2);

  auto booked = services::licence_overview(*store, clock_at, no_holidays, pom, person_id).induction;
  ASSERT_TRUE(booked);
  EXPECT_EQ(booked->appointment.on, view.window->first);
  EXPECT_EQ(booked->office_name, "Leeds");
  EXPECT_EQ(booked->officer_name, "Callum Reid");
  std::vector<std::string> kinds;
  for (const auto& event : store->begin_read()->journal().for_person(person_id, {}).items)
    if (event.kind.starts_with("induction.")) kinds.insert(kinds.begin(), event.kind);
  EXPECT_EQ(kinds, (std::vector<std::string>{"induction.booked", "induction.changed"}));
}

TEST_P(LicencesTest, AfterReleaseTheInductionIsNoLongerBookedHere) {
  services::record_release(*store, clock_at, com, person_id,
                           {{"released_on", "2026-12-07"}, {"released_at", "09:15"}, {"prison_code", "LEI"},
                            {"tonight", "settled"}, {"address", "4 Park Lane, Leeds LS1 1AA"}});
  EXPECT_FALSE(services::induction_of(*store, no_holidays, com, person_id, clock_at.today()).may_book);
  EXPECT_THROW(services::book_induction(*store, clock_at, no_holidays, com, person_id,
                                        {{"on", "2027-01-04"}, {"starts_at", "10:00"}, {"ends_at", "11:00"}, {"office_code", "LDS"}},
                                        std::nullopt),
               Conflict);
}

TEST_P(LicencesTest, ALicenceStaysOnTheWorklistUntilEveryConditionIsGoneThroughAndAcknowledged) {
  auto licence = approved_licence();
  licence = services::activate_licence(*store, clock_at, com, licence.id, {{"released_on", "2026-12-07"}}, licence.version);
  auto to_explain = [&] {
    return services::worklist_rows(*store, com, services::DatedWorklist::licences_to_explain, clock_at.today(), 0, {}).items;
  };
  ASSERT_EQ(to_explain().size(), 1u);
  EXPECT_EQ(to_explain()[0].person.id, person_id);
  EXPECT_THROW(services::record_acknowledgement(*store, clock_at, com, licence.id, licence.version), Conflict);
  for (auto key : not_yet_explained(licence))  // a copy of the keys: each step replaces the licence
    licence = services::record_condition_understanding(*store, clock_at, com, licence.id, key, {{"understood", "yes"}},
                                                       licence.version);
  EXPECT_EQ(to_explain().size(), 1u) << "gone through, but not yet acknowledged";
  EXPECT_THROW(services::record_acknowledgement(*store, clock_at, pom, licence.id, licence.version), Forbidden);
  licence = services::record_acknowledgement(*store, clock_at, com, licence.id, licence.version);
  EXPECT_EQ(licence.acknowledged_on, clock_at.today());
  EXPECT_EQ(services::find_licence(*store, com, licence.id).licence.acknowledged_on, clock_at.today());
  EXPECT_TRUE(to_explain().empty());
  EXPECT_THROW(services::record_acknowledgement(*store, clock_at, com, licence.id, licence.version), Conflict)
      << "acknowledged once";

  auto variation = services::start_variation(*store, clock_at, com, licence.id);
  variation = services::change_licence_condition(*store, clock_at, catalogues(), com, variation.id, 9,
                                                 curfew("21:00-06:00"), variation.version);
  variation = services::submit_licence(*store, clock_at, com, variation.id,
                                       {{"senior_probation_officer_discussed", "yes"},
                                        {"victim_liaison_officer_consulted", "yes"},
                                        {"reasons.9", "Working late shifts"}},
                                       variation.version);
  variation = services::decide_licence(*store, clock_at, manager, variation.id, {{"decision", "approve"}}, variation.version);
  EXPECT_FALSE(variation.acknowledged_on);
  EXPECT_EQ(to_explain().size(), 1u) << "the changed curfew is gone through again";
  EXPECT_EQ(journal_kinds().back(), "licence.approved");
}
