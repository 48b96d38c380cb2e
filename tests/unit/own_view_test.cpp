// The person's own plan, appointments and officer through the SQLite store: responses and agreeing
// with the whole plan (kept, journalled with no staff actor, the plan's version checked, seen by
// staff), "I can't make it" (kept for the officer, the appointment untouched), the lead officer with
// the deputy and a recent change, and another person's objective or appointment not found.
#include "services/person_view/own_view.hpp"

#include <gtest/gtest.h>

#include "domain/errors.hpp"
#include "services/allocation/allocations.hpp"
#include "services/supervision/appointments.hpp"
#include "services/people/case_records.hpp"
#include "services/plan/resettlement_plan.hpp"
#include "test_store.hpp"

using namespace resettle;
using namespace std::chrono;

namespace {

// Monday 4 January 2027, 10am in London (GMT).
const Date today = 2027y / January / 4;
const services::FixedClock clock_now{sys_days{today} + 10h};
const BankHolidays holidays{{Date{2027y / January / 1}, Date{2027y / April / 2}}, Date{2027y / January / 1},
                            Date{2027y / December / 31}};

class OwnViewTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store->migrate();
    auto tx = store->begin_write();
    test_support::add_yorkshire(*tx);
    for (auto* member : {&manager, &com, &other_com}) member->id = tx->staff().insert(*member, "not-a-real-hash");
    tx->commit();
    sam = signed_in_as(add("Sam", "A1234BC"));
    alex = signed_in_as(add("Alex", "A1235BC"));
  }

  std::int64_t add(const std::string& name, const std::string& prison_number) {
    return services::add_person(*store, clock_now, manager,
                                {{"given_name", name}, {"family_name", "Jones"}, {"date_of_birth", "1990-05-17"},
                                 {"prison_number", prison_number}, {"prison_code", "LEI"}, {"pdu_code", "LDS"}})
        .id;
  }

  // Signed in through an account of their own (their reads are logged by it).
  services::PersonSignedIn signed_in_as(std::int64_t person_id) {
    services::PersonSignedIn signed_in;
    signed_in.person = *store->begin_read()->people().find(person_id);
    signed_in.account.person_id = person_id;
    signed_in.account.contact = {AccountContactKind::mobile, "+4477009" + std::to_string(person_id + 10000)};
    signed_in.account.status = PersonAccountStatus::active;
    signed_in.account.invited_by = com.id;
    auto tx = store->begin_write();
    signed_in.account.id = tx->person_accounts().save(signed_in.account);
    tx->commit();
    return signed_in;
  }

  std::int64_t objective_for(std::int64_t person_id, const std::string& goal) {
    auto plan = services::add_objective(*store, clock_now, manager, person_id, {{"pathway", "accommodation"}, {"goal", goal}},
                                        std::nullopt);
    return plan.objectives.back().id;
  }

  Appointment appointment_for(std::int64_t person_id, Date on) {
    Appointment appointment;
    appointment.person_id = person_id;
    appointment.on = on;
    appointment.starts_at = {14 * 60 + 30};
    appointment.ends_at = {15 * 60};
    appointment.office_code = "LDS";
    appointment.with_staff_id = com.id;
    appointment.booked_by = com.id;
    auto tx = store->begin_write();
    appointment.id = tx->appointments().insert(appointment);
    tx->commit();
    return *store->begin_read()->appointments().find(appointment.id);
  }

  std::optional<Event> latest(std::int64_t person_id, const std::string& kind) {
    return store->begin_read()->journal().latest(person_id, kind);
  }

  test_support::TempDatabase database;
  std::unique_ptr<store::Store> store = store::open_sqlite_store({database.path(), 4});
  StaffMember manager{0, "manager", "Morgan Ellis", Role::manager, "LEI", "LDS", "", "", true};
  StaffMember com{0, "com", "Callum Reid", Role::com, "", "LDS", "", "callum.reid@example.gov.uk", true};
  StaffMember other_com{0, "com2", "Cerys Hughes", Role::com, "", "LDS", "", "cerys.hughes@example.gov.uk", true};
  services::PersonSignedIn sam, alex;
};

}  // namespace

TEST_F(OwnViewTest, NoPlanUntilStaffStartOne) {
  auto own = services::own_plan(*store, sam);
  EXPECT_FALSE(own.plan);
  EXPECT_FALSE(own.agreement_current);
  EXPECT_TRUE(latest(sam.person.id, "person_account.viewed"));
  EXPECT_THROW(services::agree_to_own_plan(*store, clock_now, sam, {}, std::nullopt), NotFound);
}

TEST_F(OwnViewTest, AResponseIsKeptJournalledAndSeenByStaff) {
  auto objective = objective_for(sam.person.id, "A flat near my sister");
  auto before = services::own_plan(*store, sam).plan->version;
  auto plan = services::respond_to_objective(*store, clock_now, sam, objective,
                                             {{"response", "disagree"}, {"comment", "Not that area"}}, before);
  EXPECT_EQ(plan.version, before + 1);
  auto staff_view = services::view_plan(*store, clock_now, holidays, com, sam.person.id);
  ASSERT_EQ(staff_view.plan.responses.size(), 1U);
  const auto& response = staff_view.plan.responses.front();
  EXPECT_EQ(response.objective_id, objective);
  EXPECT_EQ(response.kind, PlanResponseKind::disagree);
  EXPECT_EQ(response.comment, "Not that area");
  EXPECT_EQ(response.responded_at, clock_now.now_seconds());
  EXPECT_EQ(staff_view.plan.version, before + 1);
  EXPECT_EQ(staff_view.plan.last_material_change_on, today) << "a response is not a material change";
  auto event = latest(sam.person.id, "plan.response_given");
  ASSERT_TRUE(event);
  EXPECT_FALSE(event->actor_staff_id);
  EXPECT_NE(event->summary.find("Not that area"), std::string::npos);
}

TEST_F(OwnViewTest, AStaleOrBadResponseChangesNothing) {
  auto objective = objective_for(sam.person.id, "A flat");
  auto version = services::own_plan(*store, sam).plan->version;
  EXPECT_THROW(services::respond_to_objective(*store, clock_now, sam, objective, {{"response", "agree"}}, version - 1),
               StaleVersion);
  EXPECT_THROW(services::respond_to_objective(*store, clock_now, sam, objective, {{"response", "comment"}}, version),
               ValidationFailed);
  auto after = services::own_plan(*store, sam).plan;
  EXPECT_TRUE(after->responses.empty());
  EXPECT_EQ(after->version, version);
}

TEST_F(OwnViewTest, AnotherPersonsObjectiveIsNotFound) {
  objective_for(sam.person.id, "Sam's goal");
  auto alexs = objective_for(alex.person.id, "Alex's goal");
  EXPECT_THROW(services::respond_to_objective(*store, clock_now, sam, alexs, {{"response", "agree"}}, std::nullopt),
               NotFound);
  EXPECT_TRUE(services::own_plan(*store, alex).plan->responses.empty());
}

TEST_F(OwnViewTest, AgreeingWithTheWholePlanIsThePlansAgreement) {
  objective_for(sam.person.id, "A flat");
  auto plan = services::agree_to_own_plan(*store, clock_now, sam, {{"in_their_words", "Yes, all of it"}}, std::nullopt);
  ASSERT_TRUE(plan.agreement);
  EXPECT_EQ(plan.agreement->agreed_on, today);
  EXPECT_EQ(plan.agreement->in_their_words, "Yes, all of it");
  EXPECT_TRUE(services::own_plan(*store, sam).agreement_current);
  EXPECT_TRUE(services::view_plan(*store, clock_now, holidays, com, sam.person.id).agreement_current);
  EXPECT_TRUE(latest(sam.person.id, "plan.agreed"));
}

TEST_F(OwnViewTest, AppointmentsAreUpcomingOrPastAndOnlyTheirOwn) {
  auto past = appointment_for(sam.person.id, 2026y / December / 21);
  auto soon = appointment_for(sam.person.id, 2027y / January / 6);
  auto later = appointment_for(sam.person.id, 2027y / January / 13);
  auto alexs = appointment_for(alex.person.id, 2027y / January / 6);
  auto own = services::own_appointments(*store, clock_now, sam);
  ASSERT_EQ(own.upcoming.size(), 2U);
  EXPECT_EQ(own.upcoming[0].appointment.id, soon.id);
  EXPECT_EQ(own.upcoming[1].appointment.id, later.id);
  EXPECT_EQ(own.upcoming[0].office_name, "Leeds");
  EXPECT_EQ(own.upcoming[0].officer_name, "Callum Reid");
  EXPECT_TRUE(own.upcoming[0].may_send_notice);
  ASSERT_EQ(own.past.size(), 1U);
  EXPECT_EQ(own.past[0].appointment.id, past.id);
  EXPECT_FALSE(own.past[0].may_send_notice);
  EXPECT_THROW(services::own_appointment(*store, clock_now, sam, alexs.id), NotFound);
}

TEST_F(OwnViewTest, CannotComeGoesToTheOfficerAndLeavesTheAppointmentAsBooked) {
  auto soon = appointment_for(sam.person.id, 2027y / January / 6);
  auto notice = services::tell_cannot_come(*store, clock_now, sam, soon.id, {{"reason", "Job interview"}});
  EXPECT_GT(notice.id, 0);
  EXPECT_EQ(*store->begin_read()->appointments().find(soon.id), soon);
  auto own = services::own_appointment(*store, clock_now, sam, soon.id);
  ASSERT_EQ(own.notices.size(), 1U);
  EXPECT_EQ(own.notices[0].reason, "Job interview");
  auto officer_side = services::appointments_of(*store, clock_now, holidays, com, sam.person.id);
  ASSERT_EQ(officer_side.absence_notices.size(), 1U);
  EXPECT_EQ(officer_side.absence_notices[0].appointment_id, soon.id);
  auto event = latest(sam.person.id, "appointment.cannot_come");
  ASSERT_TRUE(event);
  EXPECT_FALSE(event->actor_staff_id);
}

TEST_F(OwnViewTest, CannotComeIsRefusedTooLateForAnotherPersonAndWithoutAReason) {
  auto past = appointment_for(sam.person.id, 2026y / December / 21);
  auto alexs = appointment_for(alex.person.id, 2027y / January / 6);
  auto soon = appointment_for(sam.person.id, 2027y / January / 6);
  EXPECT_THROW(services::tell_cannot_come(*store, clock_now, sam, past.id, {{"reason", "ill"}}), Conflict);
  EXPECT_THROW(services::tell_cannot_come(*store, clock_now, sam, alexs.id, {{"reason", "ill"}}), NotFound);
  EXPECT_THROW(services::tell_cannot_come(*store, clock_now, sam, soon.id, {{"reason", " "}}), ValidationFailed);
  EXPECT_TRUE(store->begin_read()->appointments().absence_notices(sam.person.id).empty());
  EXPECT_TRUE(store->begin_read()->appointments().absence_notices(alex.person.id).empty());
}

TEST_F(OwnViewTest, TheOfficerWithTheirDeputyAndARecentChange) {
  auto none = services::own_officer(*store, clock_now, sam);
  EXPECT_FALSE(none.lead);
  services::allocate(*store, manager, sam.person.id, com.id, Role::com, 2026y / June / 1, "allocated");
  auto first = services::own_officer(*store, clock_now, sam);
  ASSERT_TRUE(first.lead);
  EXPECT_EQ(first.role, Role::com);
  EXPECT_EQ(first.lead->name, "Callum Reid");
  EXPECT_EQ(first.lead->email, "callum.reid@example.gov.uk");
  EXPECT_EQ(first.lead->office, "Leeds");
  EXPECT_FALSE(first.deputy);
  EXPECT_FALSE(first.changed_on);

  services::allocate(*store, manager, sam.person.id, other_com.id, Role::com, 2026y / June / 1, "cover",
                     AllocationKind::deputy);
  ASSERT_TRUE(services::own_officer(*store, clock_now, sam).deputy);
  EXPECT_EQ(services::own_officer(*store, clock_now, sam).deputy->name, "Cerys Hughes");

  services::allocate(*store, manager, sam.person.id, other_com.id, Role::com, 2026y / December / 28, "reallocated");
  auto changed = services::own_officer(*store, clock_now, sam);
  EXPECT_EQ(changed.lead->name, "Cerys Hughes");
  EXPECT_EQ(changed.changed_on, Date{2026y / December / 28});
  EXPECT_FALSE(changed.deputy) << "the deputy stepped up to lead";
}
