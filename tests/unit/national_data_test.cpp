// The synthetic national data set at a tiny scale: places, staff, people with valid unique
// identifiers, allocations that fit each stage, case dates from the rules, the same data from the
// same seed, and the load itself with its one journal event.
#include "services/national_data.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "domain/errors.hpp"
#include "domain/identifiers.hpp"
#include "services/accounts/passwords.hpp"
#include "both_backends.hpp"

using namespace resettle;
using namespace std::chrono;

namespace {


constexpr Date today{year{2026}, November, day{23}};

services::NationalScale tiny() {
  services::NationalScale scale;
  scale.regions = 2;
  scale.prisons = 3;
  scale.pdus = 2;
  scale.staff = 60;
  scale.in_custody = 200;
  scale.on_probation = 300;
  scale.seed = 7;
  return scale;
}

// Staff with ids as the store would give them, and every case of the data set.
struct Generated {
  services::NationalPlaces places;
  std::vector<StaffMember> staff;
  std::vector<store::LoadedCase> cases;
};
Generated generate(const services::NationalScale& scale) {
  Generated made{services::national_places(scale), {}, {}};
  made.staff = services::national_staff(scale, made.places, today);
  for (std::size_t i = 0; i < made.staff.size(); ++i) made.staff[i].id = static_cast<std::int64_t>(i) + 1;
  services::NationalCaseMaker maker{scale, made.places, made.staff, today};
  made.cases = maker.cases(0, maker.total());
  return made;
}

TEST(NationalData, MakesTheAskedForPlacesAndTeamsInThem) {
  auto places = services::national_places(tiny());
  EXPECT_EQ(places.regions.size(), 2u);
  EXPECT_EQ(places.prisons.size(), 3u);
  EXPECT_EQ(places.pdus.size(), 2u);
  std::set<std::string> codes;
  for (const auto& team : places.teams) {
    EXPECT_TRUE(codes.insert(team.code).second) << team.code;
    EXPECT_NE(team.prison_code.empty(), team.pdu_code.empty()) << team.code;
  }
  EXPECT_EQ(places.teams.size(), 3u * 3 + 2);  // three teams a prison; one per PDU at this size
}

TEST(NationalData, StaffStartWithTheDemoAccountsAndCoverEveryUnit) {
  auto scale = tiny();
  auto made = generate(scale);
  ASSERT_EQ(made.staff.size(), 60u);
  EXPECT_EQ(made.staff[1].username, "pom");
  EXPECT_EQ(made.staff[1].prison_code, made.places.prisons[0].code);
  EXPECT_EQ(made.staff[2].username, "com");
  EXPECT_EQ(made.staff[2].pdu_code, made.places.pdus[0].code);
  std::set<std::string> usernames;
  std::map<std::pair<Role, std::string>, int> by_unit;
  for (const auto& member : made.staff) {
    EXPECT_TRUE(usernames.insert(member.username).second) << member.username;
    ++by_unit[{member.role, member.prison_code + member.pdu_code}];
    if (member.role != Role::partner && member.role != Role::admin) {
      EXPECT_FALSE(member.team_code.empty()) << member.username;
    }
  }
  for (const auto& prison : made.places.prisons) {
    EXPECT_GT((by_unit[{Role::pom, prison.code}]), 0) << prison.code;
    EXPECT_GT((by_unit[{Role::key_worker, prison.code}]), 0) << prison.code;
  }
  for (const auto& pdu : made.places.pdus) EXPECT_GT((by_unit[{Role::com, pdu.code}]), 0) << pdu.code;
}

TEST(NationalData, PeopleHaveValidUniqueIdentifiersAndTheirStage) {
  auto made = generate(tiny());
  ASSERT_EQ(made.cases.size(), 500u);
  std::set<std::string> prison_numbers, crns;
  int in_custody = 0;
  for (const auto& loaded : made.cases) {
    const auto& person = loaded.person;
    EXPECT_TRUE(is_prison_number(person.prison_number)) << person.prison_number;
    EXPECT_TRUE(prison_numbers.insert(person.prison_number).second) << person.prison_number;
    if (!person.crn.empty()) {
      EXPECT_TRUE(is_crn(person.crn)) << person.crn;
      EXPECT_TRUE(crns.insert(person.crn).second) << person.crn;
    }
    bool custody = person.stage == CaseStage::remand || person.stage == CaseStage::in_custody;
    in_custody += custody;
    EXPECT_EQ(person.prison_code.empty(), !custody);
    EXPECT_EQ(loaded.sentence.has_value(), person.stage != CaseStage::remand);
    EXPECT_FALSE(person.given_name.empty());
    EXPECT_GE(age_on(person.date_of_birth, today), 18);
  }
  EXPECT_EQ(in_custody, 200);
}

TEST(NationalData, CaseDatesAreTheRulesAnswerForToday) {
  auto made = generate(tiny());
  std::map<Responsibility, int> seen;
  for (const auto& loaded : made.cases) {
    auto booking = loaded.sentence ? booking_of_one(*loaded.sentence) : StoredBooking{};
    auto expected = case_dates_of(0, assess_case(loaded.person, booking, loaded.risk_profile.value_or(RiskProfile{}), today), today);
    EXPECT_EQ(loaded.dates.responsibility, expected.responsibility);
    EXPECT_EQ(loaded.dates.handover_date, expected.handover_date);
    EXPECT_EQ(loaded.dates.release_date, expected.release_date);
    EXPECT_EQ(loaded.dates.worked_out_on, today);
    ++seen[loaded.dates.responsibility];
  }
  EXPECT_GT(seen[Responsibility::pom], 0);
  EXPECT_GT(seen[Responsibility::com], 0);
  EXPECT_GT(seen[Responsibility::none], 0);  // remand
}

TEST(NationalData, AllocationsFitEachStageAndUnit) {
  auto made = generate(tiny());
  auto staff_of = [&](std::int64_t id) { return made.staff.at(static_cast<std::size_t>(id - 1)); };
  for (const auto& loaded : made.cases) {
    const auto& person = loaded.person;
    std::map<Role, int> leads;
    for (const auto& allocation : loaded.allocations) {
      auto member = staff_of(allocation.staff_id);
      EXPECT_EQ(member.role, allocation.role);
      EXPECT_LE(allocation.from, today);
      if (allocation.kind == AllocationKind::lead) ++leads[allocation.role];
      const auto& unit = allocation.role == Role::com ? member.pdu_code : member.prison_code;
      EXPECT_EQ(unit, allocation.role == Role::com ? person.pdu_code : person.prison_code);
    }
    for (const auto& [role, count] : leads) EXPECT_EQ(count, 1) << role_code(role);
    switch (person.stage) {
      case CaseStage::remand:
        EXPECT_EQ(leads[Role::pom] + leads[Role::com], 0);
        break;
      case CaseStage::in_custody: {
        EXPECT_EQ(leads[Role::pom], 1) << person.prison_number;
        bool com_due = loaded.dates.responsibility == Responsibility::com ||
                       loaded.dates.responsibility == Responsibility::pom_with_com;
        if (!com_due) {
          EXPECT_EQ(leads[Role::com], 0) << person.prison_number;
        }
        break;
      }
      default:
        EXPECT_EQ(leads[Role::com], 1) << person.crn;
        EXPECT_EQ(leads[Role::pom], 0) << person.crn;
    }
  }
}

TEST(NationalData, TheSameSeedAndDayMakeTheSameData) {
  auto first = generate(tiny());
  auto again = generate(tiny());
  auto other_scale = tiny();
  other_scale.seed = 8;
  auto other = generate(other_scale);
  int differences = 0;
  for (std::size_t i = 0; i < first.cases.size(); ++i) {
    const auto& a = first.cases[i];
    const auto& b = again.cases[i];
    EXPECT_EQ(a.person.full_name(), b.person.full_name());
    EXPECT_EQ(a.person.date_of_birth, b.person.date_of_birth);
    EXPECT_EQ(a.person.prison_code, b.person.prison_code);
    EXPECT_EQ(a.dates.handover_date, b.dates.handover_date);
    EXPECT_EQ(a.allocations.size(), b.allocations.size());
    differences += a.person.full_name() != other.cases[i].person.full_name();
  }
  for (std::size_t i = 0; i < first.staff.size(); ++i) EXPECT_EQ(first.staff[i].username, again.staff[i].username);
  EXPECT_GT(differences, 0);
}

TEST(NationalData, AFractionKeepsAtLeastTwoUnitsAndRefusesNonsense) {
  auto scale = services::national_scale(0.001);
  EXPECT_EQ(scale.in_custody, 90);
  EXPECT_EQ(scale.on_probation, 240);
  EXPECT_EQ(scale.prisons, 2);
  EXPECT_EQ(scale.pdus, 2);
  EXPECT_EQ(services::national_scale(1).prisons, 120);
  for (double bad : {0.0, -0.5, 1.5})
    EXPECT_EQ(test_support::failed_fields([&] { services::national_scale(bad); }), std::vector<std::string>{"fraction"});
}

// The load on each backend, into a database with no places: it brings its own.
class NationalLoadTest : public test_support::BothBackendsTest {
 protected:
  void add_places(store::Transaction&) override {}
};

INSTANTIATE_TEST_SUITE_P(Backends, NationalLoadTest,
                         ::testing::Values(test_support::Backend::sqlite, test_support::Backend::postgresql),
                         test_support::backend_name);

TEST_P(NationalLoadTest, LoadsInOneGoWithOneJournalEventAndDemoSignIns) {
  services::FixedClock clock{sys_days{today} + hours{9}};
  std::int64_t last_done = 0, last_total = 0;
  auto summary = services::load_national_demo(*store, clock, services::national_scale(0.001),
                                              [&](std::string_view what, std::int64_t done, std::int64_t total) {
                                                if (what == "people") last_done = done, last_total = total;
                                              });
  EXPECT_EQ(last_done, 330);
  EXPECT_EQ(last_total, 330);
  EXPECT_GE(summary.staff, 20) << "a thousandth of 20,000, or the demo accounts where they outnumber a role's share";
  EXPECT_EQ(summary.sign_ins.size(), 10u);
  EXPECT_GT(summary.rows, 330 * 3);
  auto tx = store->begin_read();
  EXPECT_EQ(tx->staff().list().size(), static_cast<std::size_t>(summary.staff));
  EXPECT_EQ(tx->places().prisons().size(), 2u);
  auto pom = tx->staff().find_by_username("pom");
  ASSERT_TRUE(pom);
  EXPECT_TRUE(services::verify_password(services::demo_password, *tx->staff().password_hash(pom->id)));
  auto synthetic = tx->staff().list().back();
  EXPECT_FALSE(services::verify_password("", *tx->staff().password_hash(synthetic.id)));
  auto caseload = tx->people().caseload({pom->id, "", std::nullopt}, {std::nullopt, 200});
  EXPECT_FALSE(caseload.items.empty());
  // No per-person events: the load is one event, not one for each synthetic record.
  for (const auto& person : caseload.items) EXPECT_TRUE(tx->journal().for_person(person.id, {}).items.empty());
  // Allocations go in by member of staff, not by person: each must still be stored against its own
  // person, with at most one lead in each role, held by staff of the person's own unit.
  std::int64_t allocations = 0;
  for (std::int64_t id = 1; id <= 330; ++id) {
    auto person = tx->people().find(id);
    ASSERT_TRUE(person) << id;
    std::map<Role, int> leads;
    for (const auto& allocation : tx->allocations().history_for_person(id)) {
      ++allocations;
      if (allocation.kind == AllocationKind::lead) ++leads[allocation.role];
      auto member = tx->staff().find(allocation.staff_id);
      ASSERT_TRUE(member);
      EXPECT_EQ(allocation.role == Role::com ? member->pdu_code : member->prison_code,
                allocation.role == Role::com ? person->pdu_code : person->prison_code) << id;
    }
    for (const auto& [role, count] : leads) EXPECT_EQ(count, 1) << id << ' ' << role_code(role);
  }
  EXPECT_EQ(allocations, summary.allocations);
  auto first = caseload.items.front();
  ASSERT_TRUE(tx->case_dates().find(first.id));
  EXPECT_EQ(tx->sentences().for_person(first.id).size(), 1u);
  tx.reset();
  EXPECT_THROW(services::load_national_demo(*store, clock, services::national_scale(0.001),
                                            [](std::string_view, std::int64_t, std::int64_t) {}),
               Conflict);
}

}  // namespace
