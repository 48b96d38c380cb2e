// The shared view of a case for the partner agencies that manage risk with probation: which parts each
// role sees, who is named on a case (the police co-worker, or an attendee named by account at a meeting
// of a case under MAPPA), and attendees named by account on a meeting.
#include "domain/mappa/shared_view.hpp"

#include <gtest/gtest.h>

#include "refusal.hpp"

using namespace resettle;
using namespace std::chrono;
using test_support::failed_fields;

namespace {

constexpr Date today{2026y / December / 7};
using Strings = std::vector<std::string>;

StaffMember account(std::int64_t id, Role role, bool active = true) {
  StaffMember staff;
  staff.id = id;
  staff.display_name = "Account " + std::to_string(id);
  staff.role = role;
  staff.active = active;
  return staff;
}

MappaMeeting attended_by(std::optional<std::int64_t> staff_id) {
  MappaMeeting meeting;
  meeting.attendees = {{Agency::probation, "Sam Officer", std::nullopt}, {Agency::childrens_social_care, "Jo Carer", staff_id}};
  return meeting;
}

IomCoworker coworker(std::int64_t staff_id, std::optional<Date> to = std::nullopt) {
  IomCoworker named;
  named.staff_id = staff_id;
  named.from = 2026y / March / 1;
  named.to = to;
  return named;
}

MappaAction owned_by(Agency agency) {
  MappaAction action;
  action.owner_agency = agency;
  return action;
}

}  // namespace

TEST(RiskPartners, ArePoliceSocialCareAndMappaCoordinatorsAllPartnerAgencies) {
  for (const auto& role : roles()) {
    bool risk_partner = role.value == Role::police || role.value == Role::social_care || role.value == Role::mappa_coordinator;
    EXPECT_EQ(is_risk_partner(role.value), risk_partner) << role.code;
    EXPECT_EQ(is_partner_agency(role.value), risk_partner || role.value == Role::partner) << role.code;
    EXPECT_EQ(may_manage_risk_together(role.value), !is_partner_agency(role.value)) << role.code;
  }
  EXPECT_EQ(role_code(Role::social_care), "social_care");
  EXPECT_EQ(role_code(Role::mappa_coordinator), "mappa_coordinator");
}

TEST(SharedParts, EachRoleSeesOnlyThePartsItsWorkNeeds) {
  EXPECT_EQ(shared_parts(Role::police), (SharedParts{{Agency::police}, false, false, true, true}));
  EXPECT_EQ(shared_parts(Role::social_care),
            (SharedParts{{Agency::childrens_social_care, Agency::adult_social_care}, false, false, false, false}));
  EXPECT_EQ(shared_parts(Role::mappa_coordinator), (SharedParts{{}, true, true, false, false}));
  for (const auto& role : roles()) {
    if (is_risk_partner(role.value)) continue;
    EXPECT_EQ(shared_parts(role.value), SharedParts{}) << role.code;
  }
}

TEST(SharedParts, ActionsAndRecordsShownFollowTheAgenciesOrEveryActionForTheCoordinator) {
  for (const auto& agency : agencies()) {
    auto action = owned_by(agency.value);
    EXPECT_EQ(shows_action(shared_parts(Role::police), action), agency.value == Agency::police) << agency.code;
    bool social = agency.value == Agency::childrens_social_care || agency.value == Agency::adult_social_care;
    EXPECT_EQ(shows_action(shared_parts(Role::social_care), action), social) << agency.code;
    EXPECT_EQ(shows_agency(shared_parts(Role::social_care), agency.value), social) << agency.code;
    EXPECT_TRUE(shows_action(shared_parts(Role::mappa_coordinator), action)) << agency.code;
    EXPECT_FALSE(shows_agency(shared_parts(Role::mappa_coordinator), agency.value)) << agency.code;
    EXPECT_FALSE(shows_action(shared_parts(Role::partner), action)) << agency.code;
  }
}

// Issue 24: the police see every appointment; a social care worker or MAPPA coordinator only the joint
// home visits they are the second worker of, and nobody else's.
TEST(SharedParts, AppointmentsShownAreAllForThePoliceAndOnlyTheirOwnJointVisitsForTheOthers) {
  Appointment supervision;
  Appointment their_visit;
  their_visit.type = AppointmentType::home_visit;
  their_visit.joint_with = 7;
  Appointment another_visit = their_visit;
  another_visit.joint_with = 8;
  for (const auto* appointment : {&supervision, &their_visit, &another_visit})
    EXPECT_TRUE(shows_appointment(shared_parts(Role::police), *appointment, 7));
  for (auto role : {Role::social_care, Role::mappa_coordinator}) {
    EXPECT_FALSE(shows_appointment(shared_parts(role), supervision, 7));
    EXPECT_TRUE(shows_appointment(shared_parts(role), their_visit, 7));
    EXPECT_FALSE(shows_appointment(shared_parts(role), another_visit, 7));
  }
}

// A co-worker of any risk partner (police, social care, MAPPA coordinator) keeps the case open whether
// or not it is under MAPPA, until the naming ends.
TEST(NamedOnSharedCase, ACoworkerOfEveryRiskPartnerIsNamedUntilTheNamingEnds) {
  for (auto role : {Role::police, Role::social_care, Role::mappa_coordinator}) {
    SCOPED_TRACE(role_code(role));
    auto worker = account(30, role);
    EXPECT_TRUE(named_on_shared_case(worker, std::vector{coworker(30)}, {}, MappaLevel::none));
    EXPECT_TRUE(named_on_shared_case(worker, std::vector{coworker(30)}, {}, MappaLevel::level_2));
    EXPECT_FALSE(named_on_shared_case(worker, std::vector{coworker(30, today)}, {}, MappaLevel::none));
    EXPECT_FALSE(named_on_shared_case(worker, std::vector{coworker(31)}, {}, MappaLevel::level_2));
    EXPECT_FALSE(named_on_shared_case(account(30, role, false), std::vector{coworker(30)}, {}, MappaLevel::none));
  }
}

TEST(NamedOnSharedCase, AnAttendeeByAccountIsNamedWhileTheCaseIsUnderMappa) {
  std::vector meetings{attended_by(40)};
  for (auto role : {Role::police, Role::social_care, Role::mappa_coordinator}) {
    EXPECT_TRUE(named_on_shared_case(account(40, role), {}, meetings, MappaLevel::level_2));
    EXPECT_TRUE(named_on_shared_case(account(40, role), {}, meetings, MappaLevel::level_1));
    EXPECT_FALSE(named_on_shared_case(account(40, role), {}, meetings, MappaLevel::none)) << "no longer under MAPPA";
    EXPECT_FALSE(named_on_shared_case(account(41, role), {}, meetings, MappaLevel::level_3)) << "someone else attended";
    EXPECT_FALSE(named_on_shared_case(account(40, role, false), {}, meetings, MappaLevel::level_2)) << "account closed";
  }
  EXPECT_FALSE(named_on_shared_case(account(40, Role::social_care), {}, std::vector{attended_by(std::nullopt)}, MappaLevel::level_2))
      << "named in words only";
}

TEST(NamedOnSharedCase, NobodyButARiskPartnerIsEverNamed) {
  std::vector meetings{attended_by(40)};
  for (const auto& role : roles()) {
    if (is_risk_partner(role.value)) continue;
    EXPECT_FALSE(named_on_shared_case(account(40, role.value), std::vector{coworker(40)}, meetings, MappaLevel::level_3))
        << role.code;
  }
}

TEST(MeetingAttendees, AnAccountNamesTheAttendeeAndGivesTheNameWhenNoneIsWritten) {
  std::vector accounts{account(40, Role::social_care), account(41, Role::mappa_coordinator)};
  FieldInput input{{"kind", "review"},           {"meeting_on", "2026-12-01"},
                   {"attendee_1_agency", "childrens_social_care"}, {"attendee_1_staff_id", "40"},
                   {"attendee_2_agency", "probation"},  {"attendee_2_name", "Sam Officer"},
                   {"attendee_3_agency", "other"},      {"attendee_3_name", "Chair K Moss"}, {"attendee_3_staff_id", "41"}};
  auto meeting = read_mappa_meeting(input, today, 3, accounts);
  EXPECT_EQ(meeting.attendees, (std::vector<Attendee>{{Agency::childrens_social_care, "Account 40", 40},
                                                      {Agency::probation, "Sam Officer", std::nullopt},
                                                      {Agency::other, "Chair K Moss", 41}}));
}

TEST(MeetingAttendees, AnAccountMustBeAServingRiskPartnerGivenToTheMeeting) {
  std::vector accounts{account(40, Role::social_care), account(42, Role::com), account(43, Role::police, false),
                       account(44, Role::partner)};
  FieldInput input{{"kind", "review"}, {"meeting_on", "2026-12-01"}};
  int number = 0;
  for (auto id : {"42", "43", "44", "45", "x"}) {
    ++number;
    input[attendee_field(number, "agency")] = "police";
    input[attendee_field(number, "staff_id")] = id;
  }
  EXPECT_EQ(failed_fields([&] { read_mappa_meeting(input, today, 3, accounts); }),
            (Strings{"attendee_1_staff_id", "attendee_2_staff_id", "attendee_3_staff_id", "attendee_4_staff_id",
                     "attendee_5_staff_id"}));
  FieldInput without_agency{{"kind", "review"}, {"meeting_on", "2026-12-01"}, {"attendee_1_staff_id", "40"}};
  EXPECT_EQ(failed_fields([&] { read_mappa_meeting(without_agency, today, 3, accounts); }), Strings{"attendee_1_agency"});
}

TEST(MeetingAttendees, MarkingHeldTakesAttendeesByAccountToo) {
  MappaMeeting planned;
  planned.meeting_on = today;
  std::vector accounts{account(40, Role::police)};
  auto held = mark_meeting_held(planned, {{"attendee_1_agency", "police"}, {"attendee_1_staff_id", "40"}}, today, accounts);
  EXPECT_EQ(held.attendees, (std::vector<Attendee>{{Agency::police, "Account 40", 40}}));
  EXPECT_EQ(failed_fields([&] { mark_meeting_held(planned, {{"attendee_1_agency", "police"}, {"attendee_1_staff_id", "40"}}, today); }),
            Strings{"attendee_1_staff_id"});
}
