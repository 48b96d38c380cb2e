// Contact plans through the store, on each backend: setting one (and who may), superseding it with the history
// kept, stale and bad plans refused with nothing saved, the last contact that counted, and the contact
// worklist: overdue people and reviews due in the officer's scope, a page at a time.
#include <gtest/gtest.h>

#include "domain/errors.hpp"
#include "services/supervision/appointments.hpp"
#include "services/people/case_records.hpp"
#include "services/supervision/contact_plans.hpp"
#include "services/release/releases.hpp"
#include "services/responsibility/responsibility.hpp"
#include "both_backends.hpp"

using namespace resettle;
using namespace std::chrono;

namespace {

// Monday 4 January 2027, 09:00 in London (GMT): two weeks after the releases.
const services::FixedClock monday_morning{sys_days{2027y / January / 4} + 9h};
const services::FixedClock release_day{sys_days{2026y / December / 21} + 9h};
const BankHolidays holidays{{Date{2027y / January / 1}}, Date{2026y / January / 1}, Date{2027y / December / 31}};

// Weekly for 4 weeks from release day, then fortnightly, reviewed in March.
FieldInput weekly_then_fortnightly(FieldInput more = {}) {
  for (auto [field, value] : {std::pair{"starts_on", "2026-12-21"}, {"stages[0].every_days", "7"}, {"stages[0].for_weeks", "4"},
                              {"stages[1].every_days", "14"}, {"reason", "High risk in the first month"},
                              {"review_on", "2027-03-01"}})
    more.try_emplace(field, value);
  return more;
}

class ContactPlansTest : public test_support::BothBackendsTest {
 protected:
  void SetUp() override {
    BothBackendsTest::SetUp();
    if (IsSkipped()) return;
    auto tx = store->begin_write();
    for (auto* member : {&manager, &com, &pom, &bradford_com, &admin}) member->id = tx->staff().insert(*member, "not-a-real-hash");
    tx->commit();
    sam = released("Sam", "A1234BC");
  }

  // A person in Leeds released on 21 December 2026.
  std::int64_t released(const std::string& name, const std::string& prison_number) {
    auto id = services::add_person(*store, release_day, manager,
                                   {{"given_name", name}, {"family_name", "Jones"}, {"date_of_birth", "1990-05-17"},
                                    {"prison_number", prison_number}, {"prison_code", "LEI"}, {"pdu_code", "LDS"}})
                  .id;
    services::record_sentence(*store, release_day, manager, id,
                              {{"sentence_type", "determinate"}, {"sentence_start_date", "2026-10-01"},
                               {"sentence_length_days", "120"}});
    services::record_release(*store, release_day, com, id,
                             {{"released_on", "2026-12-21"}, {"released_at", "09:30"}, {"prison_code", "LEI"},
                              {"tonight", "settled"}, {"address", "4 Park Lane, Leeds LS1 1AA"}});
    return id;
  }

  // Books an appointment at 08:30 on `day` (booked at 08:00) and records `outcome` on Monday at 09:00.
  std::int64_t seen(std::int64_t person_id, const std::string& day, const std::string& outcome = "attended") {
    auto on = *parse_iso_date(day);
    const services::FixedClock that_morning{sys_days{on} + 8h};
    auto booking = services::book_appointments(*store, that_morning, holidays, com, person_id,
                                               {{"type", "supervision"}, {"on", day}, {"starts_at", "08:30"},
                                                {"ends_at", "08:45"}, {"office_code", "LDS"}},
                                               true);
    auto id = booking.booked.at(0).id;
    record(id, outcome);
    return id;
  }

  void record(std::int64_t appointment_id, const std::string& outcome) {
    services::record_outcome(*store, monday_morning, holidays, com, appointment_id,
                             {{"outcome", outcome}, {"reason", outcome == "attended" ? "" : "Did not come; no contact"}});
  }

  std::vector<std::int64_t> worklist_people(const StaffMember& actor, int limit = 50) {
    std::vector<std::int64_t> people;
    services::WorklistRequest request{"", "", {std::nullopt, limit}};
    do {
      auto page = services::contact_worklist(*store, monday_morning, actor, request);
      for (const auto& item : page.items) people.push_back(item.row.person.id);
      request.page.cursor = page.next_cursor;
    } while (request.page.cursor);
    return people;
  }

  StaffMember manager{0, "manager", "Morgan Ellis", Role::manager, "LEI", "LDS", "", "", true};
  StaffMember com{0, "com", "Callum Reid", Role::com, "", "LDS", "", "", true};
  StaffMember pom{0, "pom", "Priya Shah", Role::pom, "LEI", "", "", "", true};
  StaffMember bradford_com{0, "bradford", "Bea Ward", Role::com, "", "BRD", "", "", true};
  StaffMember admin{0, "admin", "Ada Min", Role::admin, "", "", "", "", true};
  std::int64_t sam = 0;
};

INSTANTIATE_TEST_SUITE_P(Backends, ContactPlansTest,
                         ::testing::Values(test_support::Backend::sqlite, test_support::Backend::postgresql),
                         test_support::backend_name);

}  // namespace

TEST_P(ContactPlansTest, APersonWithoutAPlanHasNoneAndVersionZero) {
  auto page = services::contact_plan_of(*store, monday_morning, com, sam);
  EXPECT_TRUE(page.plans.empty());
  EXPECT_EQ(page.version, 0);
  EXPECT_FALSE(page.status);
  EXPECT_FALSE(page.last_attended);
  EXPECT_TRUE(page.may_change);
}

TEST_P(ContactPlansTest, ASetPlanIsInForceWithWhereThePersonStandsAndIsJournalled) {
  auto set = services::set_contact_plan(*store, monday_morning, com, sam, weekly_then_fortnightly(), 0);
  EXPECT_EQ(set.decided_by, com.id);
  auto page = services::contact_plan_of(*store, monday_morning, com, sam);
  ASSERT_EQ(page.plans.size(), 1u);
  EXPECT_EQ(page.version, 1);
  EXPECT_EQ(page.plans[0], set);
  EXPECT_EQ(describe(page.plans[0].stages), "weekly for 4 weeks, then fortnightly");
  ASSERT_TRUE(page.status);
  EXPECT_EQ(page.status->next_due, (Date{2026y / December / 28}));
  EXPECT_EQ(page.status->days_overdue, 7);
  EXPECT_FALSE(page.status->review_due);
  EXPECT_EQ(page.decided_by.at(com.id), "Callum Reid");
  auto event = store->begin_read()->journal().latest(sam, "contact_plan.set");
  ASSERT_TRUE(event);
  EXPECT_EQ(event->summary,
            "Contact plan set: weekly for 4 weeks, then fortnightly from 21 December 2026, to be reviewed by 1 March 2027");
  EXPECT_EQ(event->reason, "High risk in the first month");
  EXPECT_EQ(event->actor_staff_id, com.id);
}

TEST_P(ContactPlansTest, ANewPlanSupersedesTheOneInForceAndKeepsItAsHistory) {
  services::set_contact_plan(*store, monday_morning, com, sam, weekly_then_fortnightly(), 0);
  services::set_contact_plan(*store, monday_morning, manager, sam,
                             {{"starts_on", "2027-01-04"}, {"stages[0].every_days", "14"}, {"reason", "Settled and working"},
                              {"review_on", "2027-04-05"}},
                             1);
  auto page = services::contact_plan_of(*store, monday_morning, com, sam);
  ASSERT_EQ(page.plans.size(), 2u);
  EXPECT_EQ(page.version, 2);
  EXPECT_EQ(page.plans[0].reason, "Settled and working");
  EXPECT_EQ(page.plans[0].decided_by, manager.id);
  EXPECT_EQ(page.plans[1].reason, "High risk in the first month");
  EXPECT_EQ(page.status->next_due, (Date{2027y / January / 18})) << "counted from the new plan's start";
}

TEST_P(ContactPlansTest, AStaleVersionIsRefusedAndNothingIsSaved) {
  services::set_contact_plan(*store, monday_morning, com, sam, weekly_then_fortnightly(), 0);
  EXPECT_THROW(services::set_contact_plan(*store, monday_morning, manager, sam, weekly_then_fortnightly(), 0), StaleVersion);
  EXPECT_THROW(services::set_contact_plan(*store, monday_morning, manager, sam, weekly_then_fortnightly(), 2), StaleVersion);
  EXPECT_EQ(services::contact_plan_of(*store, monday_morning, com, sam).plans.size(), 1u);
}

TEST_P(ContactPlansTest, ABadPlanIsRefusedNamingEachFieldAndNothingIsSaved) {
  EXPECT_EQ(test_support::failed_fields([&] {
              services::set_contact_plan(*store, monday_morning, com, sam,
                                         weekly_then_fortnightly({{"stages[0].for_weeks", ""}, {"reason", ""},
                                                                  {"review_on", "2027-01-03"}}),
                                         0);
            }),
            (std::vector<std::string>{"stages[0].for_weeks", "reason", "review_on"}));
  EXPECT_TRUE(services::contact_plan_of(*store, monday_morning, com, sam).plans.empty());
  EXPECT_FALSE(store->begin_read()->journal().latest(sam, "contact_plan.set"));
}

TEST_P(ContactPlansTest, OnlyTheComOrAManagerSetsAPlanAndAnotherUnitSeesNothing) {
  EXPECT_THROW(services::set_contact_plan(*store, monday_morning, pom, sam, weekly_then_fortnightly(), 0), Forbidden);
  EXPECT_THROW(services::set_contact_plan(*store, monday_morning, bradford_com, sam, weekly_then_fortnightly(), 0), NotFound);
  EXPECT_THROW(services::contact_plan_of(*store, monday_morning, bradford_com, sam), NotFound);
  auto allowed = access_log_allowed(sam);
  EXPECT_EQ(std::count(allowed.begin(), allowed.end(), 0), 2) << "both refusals audited";
}

TEST_P(ContactPlansTest, TheLastContactThatCountedIsTheLastAppointmentWhoseStandingOutcomeIsAttended) {
  seen(sam, "2026-12-22");
  auto later = seen(sam, "2026-12-29");
  EXPECT_EQ(store->begin_read()->appointment_outcomes().last_attended(sam), (Date{2026y / December / 29}));
  record(later, "failed_to_comply");  // the officer corrects it: the person did not come
  EXPECT_EQ(store->begin_read()->appointment_outcomes().last_attended(sam), (Date{2026y / December / 22}));
}

TEST_P(ContactPlansTest, TheWorklistShowsOverduePeopleAndReviewsDueButNotThoseSeenOnTime) {
  auto overdue = sam;  // weekly from 21 December, never seen: due 28 December
  services::set_contact_plan(*store, monday_morning, com, overdue, weekly_then_fortnightly(), 0);
  auto seen_on_time = released("Kit", "A1235BC");
  services::set_contact_plan(*store, monday_morning, com, seen_on_time, weekly_then_fortnightly(), 0);
  seen(seen_on_time, "2026-12-28");
  seen(seen_on_time, "2027-01-04");
  auto review_due = released("Lee", "A1236BC");
  services::set_contact_plan(*store, monday_morning, com, review_due,
                             weekly_then_fortnightly({{"starts_on", "2027-01-04"}, {"review_on", "2027-01-04"}}), 0);
  // Fortnightly for 4 weeks, then weekly: the store offers them (not seen for a week), but the first
  // contact is due only today, so they are not overdue.
  auto due_today = released("Mo", "A1237BC");
  services::set_contact_plan(*store, monday_morning, com, due_today,
                             weekly_then_fortnightly({{"stages[0].every_days", "14"}, {"stages[1].every_days", "7"}}), 0);
  released("Noa", "A1238BC");  // no plan at all

  auto page = services::contact_worklist(*store, monday_morning, com, {});
  ASSERT_EQ(page.items.size(), 2u);
  EXPECT_EQ(page.items[0].row.person.id, overdue) << "longest since a contact first";
  EXPECT_TRUE(page.items[0].status.overdue);
  EXPECT_EQ(page.items[0].status.days_overdue, 7);
  EXPECT_EQ(page.items[1].row.person.id, review_due);
  EXPECT_TRUE(page.items[1].status.review_due);
  EXPECT_FALSE(page.items[1].status.overdue);
  EXPECT_FALSE(page.next_cursor);

  EXPECT_EQ(worklist_people(com, 1), (std::vector<std::int64_t>{overdue, review_due})) << "a page at a time, the same people";
  EXPECT_EQ(worklist_people(admin), (std::vector<std::int64_t>{overdue, review_due}));
  EXPECT_TRUE(worklist_people(bradford_com).empty()) << "another unit's people are not theirs";
  EXPECT_THROW(services::contact_worklist(*store, monday_morning, com, {"", "", {"nonsense", 50}}), ValidationFailed);
}

TEST_P(ContactPlansTest, ACorrectedOutcomePutsThePersonBackOnTheWorklist) {
  services::set_contact_plan(*store, monday_morning, com, sam, weekly_then_fortnightly(), 0);
  seen(sam, "2026-12-22");
  auto later = seen(sam, "2026-12-29");
  EXPECT_TRUE(worklist_people(com).empty()) << "seen on 29 December: next due 5 January";
  record(later, "failed_to_comply");
  auto page = services::contact_worklist(*store, monday_morning, com, {});
  ASSERT_EQ(page.items.size(), 1u);
  EXPECT_EQ(page.items[0].row.last_attended, (Date{2026y / December / 22}));
  EXPECT_EQ(page.items[0].status.days_overdue, 6);
}

// The worklist reads the contact dates case dates carry (migration 42): case dates written again
// from nothing, as a refresh does for a person it has not seen, take them from the plan and outcomes.
TEST_P(ContactPlansTest, CaseDatesWorkedOutAfterThePlanCarryItsDates) {
  services::set_contact_plan(*store, monday_morning, com, sam, weekly_then_fortnightly(), 0);
  seen(sam, "2026-12-22");
  auto before = services::contact_worklist(*store, monday_morning, com, {});
  ASSERT_EQ(before.items.size(), 1u);
  raw_execute("DELETE FROM case_dates");
  EXPECT_TRUE(worklist_people(com).empty());
  services::refresh_all_case_dates(*store, Date{2027y / January / 4});
  auto after = services::contact_worklist(*store, monday_morning, com, {});
  ASSERT_EQ(after.items.size(), 1u);
  EXPECT_EQ(after.items[0].row.last_attended, (Date{2026y / December / 22}));
  EXPECT_EQ(after.items[0].status.next_due, before.items[0].status.next_due);
  EXPECT_EQ(after.items[0].status.days_overdue, before.items[0].status.days_overdue);
}

TEST_P(ContactPlansTest, AContactBeforeThePlanStartsDoesNotCountAgainstIt) {
  seen(sam, "2026-12-22");
  services::set_contact_plan(*store, monday_morning, com, sam,
                             weekly_then_fortnightly({{"starts_on", "2027-01-04"}, {"review_on", "2027-02-01"}}), 0);
  auto page = services::contact_plan_of(*store, monday_morning, com, sam);
  EXPECT_EQ(page.last_attended, (Date{2026y / December / 22}));
  EXPECT_EQ(page.status->next_due, (Date{2027y / January / 11}));
  EXPECT_FALSE(page.status->overdue);
  EXPECT_TRUE(worklist_people(com).empty());
}

TEST_P(ContactPlansTest, AStoredPlanIsNeverChangedOrDeleted) {
  services::set_contact_plan(*store, monday_morning, com, sam, weekly_then_fortnightly(), 0);
  services::set_contact_plan(*store, monday_morning, com, sam, weekly_then_fortnightly({{"reason", "Reviewed early"}}), 1);
  for (const char* sql : {"UPDATE contact_plan SET reason = 'rewritten' WHERE version = 1",
                          "UPDATE contact_plan SET in_force = 1 WHERE version = 1",
                          "UPDATE contact_plan SET review_on = '2099-01-01' WHERE version = 2",
                          "DELETE FROM contact_plan WHERE version = 1"})
    EXPECT_TRUE(refused(sql)) << sql;
  auto plans = services::contact_plan_of(*store, monday_morning, com, sam).plans;
  ASSERT_EQ(plans.size(), 2u);
  EXPECT_EQ(plans[1].reason, "High risk in the first month");
}
