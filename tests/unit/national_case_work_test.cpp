// The work on the cases of the synthetic national data set: who gets equality facts, contact plans,
// appointments, accounts and MAPPA records, that each is a record the rules accept and fits its case,
// the shares the generator promises, the same work from the same seed, and the load storing it.
#include "services/national_case_work.hpp"

#include <gtest/gtest.h>

#include <map>

#include "services/national_data.hpp"
#include "test_store.hpp"

using namespace resettle;
using namespace std::chrono;

namespace {

using resettle::test_support::TempDatabase;

constexpr Date today{year{2026}, November, day{23}};  // a Monday
const Timestamp now{sys_days{today} + hours{9}};

// Every case of a small data set, with ids as the store would give them, and the work on each.
struct Made {
  std::vector<store::LoadedCase> cases;
  std::vector<services::CaseWork> work;
};
Made make_all(std::uint64_t seed) {
  auto scale = services::national_scale(0.02);  // 1,800 in custody, 4,800 on probation
  scale.seed = seed;
  auto places = services::national_places(scale);
  auto staff = services::national_staff(scale, places, today);
  for (std::size_t i = 0; i < staff.size(); ++i) staff[i].id = static_cast<std::int64_t>(i) + 1;
  services::NationalCaseMaker maker{scale, places, staff, today};
  services::CaseWorkMaker work_maker{seed, today, "2026-11-23T09:00:00.000Z", now};
  Made made{maker.cases(0, maker.total()), {}};
  for (std::size_t i = 0; i < made.cases.size(); ++i) {
    made.cases[i].person.id = static_cast<std::int64_t>(i) + 1;
    made.work.push_back(work_maker.make(made.cases[i], static_cast<std::int64_t>(i)));
  }
  return made;
}

const Made& made() {
  static const Made all = make_all(20'261'123);
  return all;
}

bool supervised(const Person& person) {
  return person.stage == CaseStage::on_licence || person.stage == CaseStage::post_sentence_supervision;
}

std::optional<std::int64_t> com_of(const store::LoadedCase& loaded) {
  for (const auto& allocation : loaded.allocations)
    if (allocation.role == Role::com && allocation.kind == AllocationKind::lead) return allocation.staff_id;
  return std::nullopt;
}

bool weekday(Date day) { return weekday_of(day) != Saturday && weekday_of(day) != Sunday; }

double share(int part, int whole) { return whole == 0 ? 0 : static_cast<double>(part) / whole; }

TEST(NationalCaseWork, OnlyThoseSupervisedByACommunityOffenderManagerHavePlansAppointmentsAndAccounts) {
  int supervised_with_com = 0, plans = 0, accounts = 0, active = 0;
  for (std::size_t i = 0; i < made().cases.size(); ++i) {
    const auto& loaded = made().cases[i];
    const auto& work = made().work[i];
    auto com = com_of(loaded);
    if (!supervised(loaded.person) || !com) {
      EXPECT_FALSE(work.contact_plan) << i;
      EXPECT_TRUE(work.appointments.empty()) << i;
      EXPECT_FALSE(work.account) << i;
      continue;
    }
    ++supervised_with_com;
    if (!work.contact_plan) {
      EXPECT_TRUE(work.appointments.empty()) << i;
      continue;
    }
    ++plans;
    EXPECT_EQ(work.contact_plan->person_id, loaded.person.id);
    EXPECT_EQ(work.contact_plan->decided_by, *com);
    EXPECT_FALSE(work.contact_plan->reason.empty());
    EXPECT_GE(work.contact_plan->review_on, work.contact_plan->starts_on);
    if (work.account) {
      ++accounts;
      active += work.account->status == PersonAccountStatus::active;
      EXPECT_EQ(work.account->person_id, loaded.person.id);
      EXPECT_EQ(read_account_contact(work.account->contact.value), work.account->contact) << "a valid, lower-case email";
      EXPECT_LE(work.account->invited_at, now);
    }
  }
  EXPECT_NEAR(share(plans, supervised_with_com), 0.95, 0.03);
  EXPECT_NEAR(share(accounts, plans), 0.12, 0.03);
  EXPECT_NEAR(share(active, accounts), 0.75, 0.1);
}

TEST(NationalCaseWork, AppointmentsAreWithTheirCommunityOffenderManagerOnWeekdaysAtTheirOffice) {
  int with_last = 0, with_next = 0, overdue = 0, attended = 0, plans = 0;
  for (std::size_t i = 0; i < made().cases.size(); ++i) {
    const auto& loaded = made().cases[i];
    const auto& work = made().work[i];
    if (!work.contact_plan) continue;
    ++plans;
    std::optional<Date> last_attended;
    for (const auto& [appointment, outcome] : work.appointments) {
      EXPECT_EQ(appointment.person_id, loaded.person.id);
      EXPECT_EQ(appointment.with_staff_id, com_of(loaded));
      EXPECT_EQ(appointment.office_code, loaded.person.pdu_code);
      EXPECT_TRUE(weekday(appointment.on)) << to_iso(appointment.on);
      EXPECT_LT(appointment.starts_at, appointment.ends_at);
      EXPECT_GE(appointment.starts_at.minutes, 9 * 60);
      EXPECT_LE(appointment.ends_at.minutes, 16 * 60);
      if (appointment.on < today) {
        ++with_last;
        ASSERT_TRUE(outcome) << "a past appointment has its outcome";
        EXPECT_EQ(outcome->appointment_on, appointment.on);
        EXPECT_EQ(outcome->reason.empty(), outcome->outcome == AppointmentOutcome::attended);
        if (outcome->outcome == AppointmentOutcome::attended) ++attended, last_attended = appointment.on;
      } else {
        ++with_next;
        EXPECT_FALSE(outcome);
        EXPECT_LE(appointment.on, add_days(today, 16)) << "in the diary's next 14 days, or the Monday after";
      }
    }
    overdue += contact_status(*work.contact_plan, last_attended, today).overdue;
  }
  EXPECT_GT(share(with_last, plans), 0.9);
  EXPECT_NEAR(share(with_next, plans), 0.9, 0.03);
  EXPECT_NEAR(share(attended, with_last), 0.9, 0.03);
  // Overdue: the 15% whose last appointment is beyond the interval, with the absences, and those whose
  // plan started too recently for an appointment yet.
  EXPECT_GT(share(overdue, plans), 0.1);
  EXPECT_LT(share(overdue, plans), 0.35);
}

TEST(NationalCaseWork, EqualityFactsAreAnswersTheFormAcceptsForMostPeople) {
  int with_lead = 0, recorded = 0, not_stated_ethnicity = 0;
  std::map<std::string, int> ethnicities;
  for (std::size_t i = 0; i < made().cases.size(); ++i) {
    const auto& loaded = made().cases[i];
    const auto& facts = made().work[i].equality;
    with_lead += !loaded.allocations.empty();
    if (!facts) continue;
    ++recorded;
    EXPECT_FALSE(loaded.allocations.empty()) << "recorded by someone on the case";
    EXPECT_EQ(facts->person_id, loaded.person.id);
    auto stored = *facts;
    stored.version = 1;  // as the form shows a stored record, with consent given
    auto read = read_equality_facts(equality_fields(stored), today);  // throws on an answer the form does not offer
    EXPECT_EQ(read.answers, facts->answers);
    EXPECT_LE(facts->consent_given_on, today);
    auto sex = facts->answers.at(Characteristic::sex);
    if (sex == "male" || sex == "female") {
      EXPECT_EQ(sex, loaded.person.gender == Gender::female ? "female" : "male");
    }
    ++ethnicities[group_code(facts, Characteristic::ethnicity, loaded.person.date_of_birth, today)];
    not_stated_ethnicity += facts->answers.at(Characteristic::ethnicity) == not_stated;
  }
  EXPECT_NEAR(share(recorded, with_lead), 0.85, 0.02);
  EXPECT_NEAR(share(ethnicities["white"], recorded), 0.765, 0.03);
  EXPECT_GT(ethnicities["black"], 0);
  EXPECT_GT(ethnicities["asian"], 0);
  EXPECT_GT(ethnicities["mixed"], 0);
  EXPECT_GT(ethnicities["other"], 0);
  EXPECT_GT(not_stated_ethnicity, 0);
}

TEST(NationalCaseWork, MappaFollowsTheRiskProfilesLevelWithPanelMeetingsAtLevelsTwoAndThree) {
  int sentenced = 0, managed = 0, panels = 0, open_overdue = 0;
  for (std::size_t i = 0; i < made().cases.size(); ++i) {
    const auto& loaded = made().cases[i];
    const auto& work = made().work[i];
    auto level = loaded.risk_profile ? loaded.risk_profile->mappa : MappaLevel::none;
    sentenced += loaded.risk_profile.has_value();
    if (!work.mappa_decision) {
      EXPECT_TRUE(level == MappaLevel::none || loaded.allocations.empty()) << i;
      EXPECT_TRUE(work.mappa_meetings.empty());
      continue;
    }
    ++managed;
    EXPECT_EQ(work.mappa_decision->level, level);
    EXPECT_LT(work.mappa_decision->decided_on, today);
    EXPECT_FALSE(work.mappa_decision->decided_by.empty());
    EXPECT_EQ(work.mappa_meetings.size(), level == MappaLevel::level_1 ? 0u : 1u);
    for (const auto& [meeting, actions] : work.mappa_meetings) {
      ++panels;
      EXPECT_EQ(meeting.status, MappaMeetingStatus::held);
      EXPECT_LT(meeting.meeting_on, today) << "a held meeting is not in the future";
      EXPECT_FALSE(meeting.attendees.empty());
      ASSERT_EQ(actions.size(), 2u);
      for (const auto& action : actions) {
        EXPECT_FALSE(action.description.empty());
        open_overdue += action.status == MappaActionStatus::open && action.due_on < today;
      }
    }
  }
  EXPECT_NEAR(share(managed, sentenced), 0.125, 0.02);
  EXPECT_NEAR(share(panels, sentenced), 0.025, 0.01);
  EXPECT_NEAR(share(open_overdue, panels), 0.33, 0.12);
}

TEST(NationalCaseWork, TheSameSeedMakesTheSameWork) {
  auto again = make_all(20'261'123);
  auto other = make_all(7);
  ASSERT_EQ(again.work.size(), made().work.size());
  int differences = 0;
  for (std::size_t i = 0; i < again.work.size(); ++i) {
    const auto& a = made().work[i];
    const auto& b = again.work[i];
    EXPECT_EQ(a.contact_plan, b.contact_plan);
    ASSERT_EQ(a.appointments.size(), b.appointments.size());
    for (std::size_t k = 0; k < a.appointments.size(); ++k) EXPECT_EQ(a.appointments[k].appointment, b.appointments[k].appointment);
    EXPECT_EQ(a.account, b.account);
    EXPECT_EQ(a.mappa_decision, b.mappa_decision);
    EXPECT_EQ(a.equality.has_value(), b.equality.has_value());
    if (a.equality && b.equality) {
      EXPECT_EQ(a.equality->answers, b.equality->answers);
    }
    differences += a.appointments.size() != other.work[i].appointments.size();
  }
  EXPECT_GT(differences, 0);
}

TEST(NationalCaseWork, TheLoadStoresTheWorkWhereThePagesReadIt) {
  TempDatabase database;
  auto store = store::open_sqlite_store({database.path(), 2});
  store->migrate();
  services::FixedClock clock{now};
  auto summary = services::load_national_demo(*store, clock, services::national_scale(0.002),
                                              [](std::string_view, std::int64_t, std::int64_t) {});
  auto tx = store->begin_read();
  auto com = tx->staff().find_by_username("com");
  ASSERT_TRUE(com);
  auto diary = tx->appointments().diary(com->id, today, add_days(today, 13));
  ASSERT_FALSE(diary.empty()) << "the demo COM has appointments in the coming fortnight";
  int plans = 0, accounts = 0, equality = 0, mappa = 0;
  std::int64_t rows = 0;
  for (std::int64_t id = 1; id <= 660; ++id) {
    plans += !tx->contact_plans().for_person(id).empty();
    auto account = tx->person_accounts().find_for_person(id);
    if (account) {
      ++accounts;
      EXPECT_EQ(tx->person_accounts().find_by_contact(account->contact.value), account);
    }
    equality += tx->equality_facts().find(id).has_value();
    mappa += !tx->mappa().decisions_for(id).empty();
    rows += static_cast<std::int64_t>(tx->appointments().for_person(id, add_days(today, -400), add_days(today, 30)).size());
  }
  EXPECT_GT(plans, 300);
  EXPECT_GT(accounts, 20);
  EXPECT_GT(equality, 400);
  EXPECT_GT(mappa, 30);
  EXPECT_GT(rows, plans);
  EXPECT_GT(summary.rows, 660 * 3 + plans + rows + equality);
}

}  // namespace
