// Integrated offender management: the cohort flag (one open at a time, never starting in the future,
// never ending before it began), who manages IOM, the police co-worker (a serving police account,
// named once), the police officer's intelligence-free contacts, and joint home visits with the
// officer as second worker.
#include "domain/mappa/iom.hpp"

#include <gtest/gtest.h>

#include "code_table_checks.hpp"
#include "refusal.hpp"

using namespace resettle;
using namespace std::chrono;
using test_support::failed_fields;
using test_support::refusal_of;

namespace {

constexpr Date today{2026y / December / 7};
using Strings = std::vector<std::string>;

IomCohortFlag open_flag(Date starts_on) {
  IomCohortFlag flag;
  flag.id = 4;
  flag.starts_on = starts_on;
  flag.set_by = 2;
  return flag;
}

StaffMember officer(Role role = Role::police, bool active = true) {
  StaffMember staff;
  staff.id = 30;
  staff.role = role;
  staff.active = active;
  return staff;
}

IomCoworker named(std::int64_t staff_id, std::optional<Date> to = std::nullopt) {
  IomCoworker coworker;
  coworker.staff_id = staff_id;
  coworker.from = 2026y / March / 1;
  coworker.to = to;
  return coworker;
}

FieldInput coworker_input() { return {{"staff_id", "30"}, {"from", "2026-12-07"}}; }

}  // namespace

TEST(IomCodes, CohortsAreFixedFlexAndFree) {
  code_checks::expect_complete_code_table(iom_cohorts(), 3);
  EXPECT_EQ(entry_for(iom_cohorts(), IomCohort::fixed).code, "fixed");
  EXPECT_EQ(entry_for(iom_cohorts(), IomCohort::flex).code, "flex");
  EXPECT_EQ(entry_for(iom_cohorts(), IomCohort::free).code, "free");
}

TEST(IomAccess, TheCaseComAndManagersManageIomNobodyElse) {
  for (const auto& role : roles()) {
    EXPECT_EQ(may_manage_iom(role.value, true), role.value == Role::com || role.value == Role::manager) << role.code;
    EXPECT_EQ(may_manage_iom(role.value, false), role.value == Role::manager) << role.code;
  }
}

TEST(IomAccess, PoliceArePartnerAgencyWorkers) {
  EXPECT_TRUE(is_partner_agency(Role::police));
  EXPECT_TRUE(is_partner_agency(Role::partner));
  for (auto role : {Role::key_worker, Role::pom, Role::com, Role::pre_release, Role::manager, Role::admin})
    EXPECT_FALSE(is_partner_agency(role));
}

TEST(IomCohortFlag, ReadsACohortAndItsStart) {
  auto flag = read_iom_cohort({{"cohort", "flex"}, {"starts_on", "2026-12-07"}}, today, 9, std::nullopt);
  EXPECT_EQ(flag.cohort, IomCohort::flex);
  EXPECT_EQ(flag.starts_on, today);
  EXPECT_FALSE(flag.ends_on);
  EXPECT_EQ(flag.set_by, 9);
}

TEST(IomCohortFlag, NamesEveryMissingOrBadField) {
  EXPECT_EQ(failed_fields([] { read_iom_cohort({}, today, 9, std::nullopt); }), (Strings{"cohort", "starts_on"}));
  EXPECT_EQ(failed_fields([] { read_iom_cohort({{"cohort", "loose"}, {"starts_on", "2026-13-01"}}, today, 9, std::nullopt); }),
            (Strings{"cohort", "starts_on"}));
}

TEST(IomCohortFlag, NeverStartsInTheFuture) {
  EXPECT_EQ(failed_fields([] { read_iom_cohort({{"cohort", "fixed"}, {"starts_on", "2026-12-08"}}, today, 9, std::nullopt); }),
            (Strings{"starts_on"}));
}

TEST(IomCohortFlag, ASuccessorStartsAfterTheOpenFlagStarted) {
  auto open = open_flag(2026y / June / 1);
  EXPECT_EQ(failed_fields([&] { read_iom_cohort({{"cohort", "free"}, {"starts_on", "2026-06-01"}}, today, 9, open); }),
            (Strings{"starts_on"}));
  EXPECT_EQ(failed_fields([&] { read_iom_cohort({{"cohort", "free"}, {"starts_on", "2026-05-31"}}, today, 9, open); }),
            (Strings{"starts_on"}));
  auto next = read_iom_cohort({{"cohort", "free"}, {"starts_on", "2026-06-02"}}, today, 9, open);
  auto ended = moved_on(open, next);
  EXPECT_EQ(ended.ends_on, Date{2026y / June / 2});
  EXPECT_EQ(ended.ended_by, 9);
  EXPECT_EQ(ended.cohort, open.cohort);
}

TEST(IomCohortFlag, TheOpenFlagIsTheOneWithoutAnEnd) {
  EXPECT_FALSE(open_cohort({}));
  auto ended = open_flag(2026y / January / 1);
  ended.id = 1;
  ended.ends_on = 2026y / June / 1;
  auto open = open_flag(2026y / June / 1);
  std::vector<IomCohortFlag> flags{open, ended};
  EXPECT_EQ(open_cohort(flags)->id, open.id);
  EXPECT_FALSE(open_cohort(std::vector<IomCohortFlag>{ended}));
}

TEST(IomCohortFlag, EndsOnOrAfterItsStartNeverInTheFutureAndOnce) {
  auto open = open_flag(2026y / June / 1);
  auto ended = ended_cohort(open, {{"ends_on", "2026-06-01"}}, today, 5);
  EXPECT_EQ(ended.ends_on, Date{2026y / June / 1});
  EXPECT_EQ(ended.ended_by, 5);
  EXPECT_EQ(failed_fields([&] { ended_cohort(open, {{"ends_on", "2026-05-31"}}, today, 5); }), (Strings{"ends_on"}));
  EXPECT_EQ(failed_fields([&] { ended_cohort(open, {{"ends_on", "2026-12-08"}}, today, 5); }), (Strings{"ends_on"}));
  EXPECT_EQ(failed_fields([&] { ended_cohort(open, {}, today, 5); }), (Strings{"ends_on"}));
  EXPECT_THROW(ended_cohort(ended, {{"ends_on", "2026-12-07"}}, today, 5), Conflict);
}

TEST(IomCoworker, NamesAServingPoliceOfficer) {
  auto coworker = read_iom_coworker(coworker_input(), today, 7);
  EXPECT_NO_THROW(require_coworker_account(coworker, officer(), {}));
  EXPECT_EQ(coworker.staff_id, 30);
  EXPECT_EQ(coworker.from, today);
  EXPECT_FALSE(coworker.to);
  EXPECT_EQ(coworker.added_by, 7);
}

// Social care workers and MAPPA coordinators are named the way the police are (issue 24); what each
// then sees is their role's shared_parts.
TEST(IomCoworker, NamesAServingWorkerOfEveryRiskPartnerAndNoOneElse) {
  auto coworker = read_iom_coworker(coworker_input(), today, 7);
  auto refused = [&](std::optional<StaffMember> who) { return failed_fields([&] { require_coworker_account(coworker, who, {}); }); };
  for (const auto& role : roles()) {
    SCOPED_TRACE(role.code);
    if (is_risk_partner(role.value)) {
      EXPECT_NO_THROW(require_coworker_account(coworker, officer(role.value), {}));
      EXPECT_EQ(refused(officer(role.value, false)), (Strings{"staff_id"}));
    } else {
      EXPECT_EQ(refused(officer(role.value)), (Strings{"staff_id"}));
    }
  }
  EXPECT_EQ(refused(std::nullopt), (Strings{"staff_id"}));
  auto refusal = refusal_of([&] { require_coworker_account(coworker, officer(Role::partner), {}); });
  EXPECT_EQ(refusal.messages,
            (Strings{"must be the account of a serving police officer, social care worker or MAPPA coordinator"}));
}

TEST(IomCoworker, IsNamedOnceAtATime) {
  auto coworker = read_iom_coworker(coworker_input(), today, 7);
  std::vector<IomCoworker> current{named(30)};
  auto refusal = refusal_of([&] { require_coworker_account(coworker, officer(), current); });
  EXPECT_EQ(refusal.fields, (Strings{"staff_id"}));
  EXPECT_EQ(refusal.messages, (Strings{"is named on this case already"}));
  std::vector<IomCoworker> ended{named(30, 2026y / May / 1)};
  EXPECT_NO_THROW(require_coworker_account(coworker, officer(), ended));
}

TEST(IomCoworker, NamesEveryMissingOrBadField) {
  EXPECT_EQ(failed_fields([] { read_iom_coworker({}, today, 7); }), (Strings{"staff_id", "from"}));
  EXPECT_EQ(failed_fields([] { read_iom_coworker({{"staff_id", "x"}, {"from", "2026-12-08"}}, today, 7); }),
            (Strings{"staff_id", "from"}));
}

TEST(IomCoworker, EndsOnOrAfterTheyWereNamedAndOnce) {
  auto ended = ended_coworker(named(30), {{"to", "2026-03-01"}}, today, 8);
  EXPECT_EQ(ended.to, Date{2026y / March / 1});
  EXPECT_EQ(ended.ended_by, 8);
  EXPECT_EQ(failed_fields([] { ended_coworker(named(30), {{"to", "2026-02-28"}}, today, 8); }), (Strings{"to"}));
  EXPECT_EQ(failed_fields([] { ended_coworker(named(30), {{"to", "2026-12-08"}}, today, 8); }), (Strings{"to"}));
  EXPECT_THROW(ended_coworker(ended, {{"to", "2026-12-07"}}, today, 8), Conflict);
}

TEST(IomCoworker, NamedOnTheCaseOnlyWhileNotEnded) {
  std::vector<IomCoworker> coworkers{named(30, 2026y / May / 1), named(31)};
  EXPECT_FALSE(named_on_case(coworkers, 30));
  EXPECT_TRUE(named_on_case(coworkers, 31));
  EXPECT_FALSE(named_on_case(coworkers, 32));
  EXPECT_FALSE(named_on_case({}, 31));
}

TEST(IomContact, ReadsAnIntelligenceFreeUpdate) {
  auto contact = read_iom_contact({{"contact_on", "2026-12-07"}, {"summary", "Home visit, all well"}, {"intelligence_free", "yes"}},
                                  today, 30);
  EXPECT_EQ(contact.contact_on, today);
  EXPECT_EQ(contact.summary, "Home visit, all well");
  EXPECT_EQ(contact.recorded_by, 30);
}

TEST(IomContact, RefusesAnUpdateNotSaidToBeIntelligenceFree) {
  EXPECT_EQ(failed_fields([] { read_iom_contact({{"contact_on", "2026-12-07"}, {"summary", "Visit"}}, today, 30); }),
            (Strings{"intelligence_free"}));
  EXPECT_EQ(failed_fields([] { read_iom_contact({{"contact_on", "2026-12-08"}, {"intelligence_free", "no"}}, today, 30); }),
            (Strings{"contact_on", "summary", "intelligence_free"}));
}

TEST(IomContact, ReadsTheVisitItIsPartOfAndNamesABadOne) {
  FieldInput input{{"contact_on", "2026-12-07"}, {"summary", "Visit"}, {"intelligence_free", "true"}};
  EXPECT_EQ(read_iom_contact(input, today, 30).appointment_id, std::nullopt);
  input["appointment_id"] = "12";
  EXPECT_EQ(read_iom_contact(input, today, 30).appointment_id, 12);
  input["appointment_id"] = "twelve";
  EXPECT_EQ(failed_fields([&] { read_iom_contact(input, today, 30); }), (Strings{"appointment_id"}));
  input["appointment_id"] = "0";
  EXPECT_EQ(failed_fields([&] { read_iom_contact(input, today, 30); }), (Strings{"appointment_id"}));
}

// --- Joint home visits --------------------------------------------------------------------------

namespace {

const std::vector<IomCoworker> named_now{named(30), named(31, 2026y / May / 1)};

Appointment joint_visit() {
  Appointment visit;
  visit.id = 12;
  visit.person_id = 5;
  visit.type = AppointmentType::home_visit;
  visit.on = today;
  visit.with_staff_id = 9;
  visit.joint_with = 30;
  return visit;
}

IomContact account_of_visit(std::int64_t recorded_by = 30) {
  IomContact contact;
  contact.person_id = 5;
  contact.recorded_by = recorded_by;
  contact.contact_on = today;
  contact.appointment_id = 12;
  return contact;
}

}  // namespace

TEST(JointHomeVisit, HasNoSecondWorkerUnlessOneIsGiven) {
  EXPECT_EQ(read_joint_worker({}, AppointmentType::home_visit, named_now), std::nullopt);
  EXPECT_EQ(read_joint_worker({{"joint_with", ""}}, AppointmentType::supervision, named_now), std::nullopt);
}

TEST(JointHomeVisit, IsMadeWithACoworkerNamedOnTheCaseNow) {
  EXPECT_EQ(read_joint_worker({{"joint_with", "30"}}, AppointmentType::home_visit, named_now), 30);
  // Named once but no longer, never named, or no officer named at all.
  for (const auto* staff_id : {"31", "32"})
    EXPECT_EQ(failed_fields([&] { read_joint_worker({{"joint_with", staff_id}}, AppointmentType::home_visit, named_now); }),
              (Strings{"joint_with"}))
        << staff_id;
  EXPECT_EQ(failed_fields([] { read_joint_worker({{"joint_with", "30"}}, AppointmentType::home_visit, {}); }),
            (Strings{"joint_with"}));
  EXPECT_EQ(failed_fields([] { read_joint_worker({{"joint_with", "PC Jones"}}, AppointmentType::home_visit, named_now); }),
            (Strings{"joint_with"}));
}

TEST(JointHomeVisit, NamesTheAgencyOfEachRiskPartnerAndOfNobodyElse) {
  EXPECT_EQ(joint_worker_agency(Role::police), "police");
  EXPECT_EQ(joint_worker_agency(Role::social_care), "social care");
  EXPECT_EQ(joint_worker_agency(Role::mappa_coordinator), "MAPPA coordinator");
  for (const auto& role : roles())
    EXPECT_EQ(joint_worker_agency(role.value).empty(), !is_risk_partner(role.value)) << role.code;
}

TEST(JointHomeVisit, OnlyAHomeVisitIsMadeJointly) {
  for (const auto& type : appointment_types()) {
    auto refused = failed_fields([&] { read_joint_worker({{"joint_with", "30"}}, type.value, named_now); });
    EXPECT_EQ(refused.empty(), type.value == AppointmentType::home_visit) << type.code;
  }
}

TEST(JointHomeVisit, TheOfficersAccountIsOfTheirOwnVisitOnTheDay) {
  EXPECT_NO_THROW(require_part_of_visit(account_of_visit(), joint_visit()));
  IomContact plain = account_of_visit();
  plain.appointment_id.reset();
  EXPECT_NO_THROW(require_part_of_visit(plain, std::nullopt));
}

TEST(JointHomeVisit, RefusesAnAccountOfAnyOtherAppointment) {
  auto refused = [](const IomContact& contact, std::optional<Appointment> visit) {
    return failed_fields([&] { require_part_of_visit(contact, visit); });
  };
  const Strings on_visit{"appointment_id"};
  EXPECT_EQ(refused(account_of_visit(), std::nullopt), on_visit);      // no such appointment
  EXPECT_EQ(refused(account_of_visit(31), joint_visit()), on_visit);   // another officer's visit
  auto elsewhere = joint_visit();
  elsewhere.person_id = 6;
  EXPECT_EQ(refused(account_of_visit(), elsewhere), on_visit);  // another case's
  auto alone = joint_visit();
  alone.joint_with.reset();
  EXPECT_EQ(refused(account_of_visit(), alone), on_visit);  // the COM's visit alone
  auto called_off = joint_visit();
  called_off.cancellation = Cancellation{"2026-12-06T10:00:00Z", 9, "ill"};
  EXPECT_EQ(refused(account_of_visit(), called_off), on_visit);
  auto another = joint_visit();
  another.id = 13;
  EXPECT_EQ(refused(account_of_visit(), another), on_visit);  // not the appointment named
  auto other_day = account_of_visit();
  other_day.contact_on = 2026y / December / 6;
  EXPECT_EQ(refused(other_day, joint_visit()), (Strings{"contact_on"}));
}
