// Unit tests of ranking practitioners for a case (domain/allocation/allocation_recommendation.hpp).
#include "domain/allocation/allocation_recommendation.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace resettle;

namespace {
Date day(const char* iso) { return *parse_iso_date(iso); }
const Date today = day("2026-11-23");

Person sam() {
  Person person;
  person.id = 7;
  person.given_name = "Sam";
  person.family_name = "Hill";
  person.prison_code = "LEI";
  person.pdu_code = "LDS";
  return person;
}

StaffMember practitioner(std::int64_t id, std::string name, Role role = Role::pom, std::string prison = "LEI") {
  StaffMember staff;
  staff.id = id;
  staff.display_name = std::move(name);
  staff.role = role;
  staff.prison_code = std::move(prison);
  return staff;
}

AllocationCandidate candidate(StaffMember staff, int points, int capacity = 240) {
  return {std::move(staff), Workload{points, capacity, points / 4}, {}};
}

Allocation worked_with(std::int64_t staff_id, Role role, const char* from, std::optional<Date> to) {
  return {0, 7, staff_id, "", role, day(from), to, "earlier"};
}

std::vector<std::string> names(const std::vector<AllocationRecommendation>& ranked) {
  std::vector<std::string> order;
  for (const auto& r : ranked) order.push_back(r.staff.display_name);
  return order;
}

using Names = std::vector<std::string>;
}  // namespace

TEST(WorkloadBand, BoundariesAt85And100Percent) {
  EXPECT_EQ(workload_band({204, 240, 1}), WorkloadBand::has_room);      // 85%
  EXPECT_EQ(workload_band({205, 240, 1}), WorkloadBand::has_room);      // 85.4% rounds to 85
  EXPECT_EQ(workload_band({206, 240, 1}), WorkloadBand::nearly_full);   // 86%
  EXPECT_EQ(workload_band({240, 240, 1}), WorkloadBand::nearly_full);   // 100%
  EXPECT_EQ(workload_band({242, 240, 1}), WorkloadBand::over_capacity); // 101%
  EXPECT_EQ(workload_band({5, 0, 1}), WorkloadBand::no_capacity);
}

TEST(MayHoldRole, PomsDoKeyWorkOtherwiseTheRoleMustMatch) {
  EXPECT_TRUE(may_hold_role(Role::pom, Role::key_worker));
  EXPECT_TRUE(may_hold_role(Role::key_worker, Role::key_worker));
  EXPECT_TRUE(may_hold_role(Role::pom, Role::pom));
  EXPECT_TRUE(may_hold_role(Role::com, Role::com));
  EXPECT_TRUE(may_hold_role(Role::pre_release, Role::pre_release));
  EXPECT_FALSE(may_hold_role(Role::key_worker, Role::pom));
  EXPECT_FALSE(may_hold_role(Role::com, Role::pom));
  EXPECT_FALSE(may_hold_role(Role::pom, Role::com));
  EXPECT_FALSE(may_hold_role(Role::manager, Role::manager));
  EXPECT_FALSE(may_hold_role(Role::partner, Role::partner));
  EXPECT_FALSE(may_hold_role(Role::admin, Role::pom));
}

TEST(SpecialismsNeeded, WomenWelshAndIomFromThePersonAndTheirRisk) {
  auto person = sam();
  RiskProfile risk;
  EXPECT_TRUE(specialisms_needed(person, risk).empty());
  person.gender = Gender::female;
  person.preferred_language = "cymraeg";
  risk.iom = true;
  EXPECT_EQ(specialisms_needed(person, risk),
            (std::vector{Specialism::women, Specialism::welsh_language, Specialism::iom}));
  person.preferred_language = "WELSH";
  EXPECT_EQ(specialisms_needed(person, {}).size(), 2u);
  person.preferred_language = "Welsh Sign Language";
  EXPECT_EQ(specialisms_needed(person, {}), std::vector{Specialism::women});
}

TEST(RankCandidates, ContinuityBeatsALighterWorkload) {
  auto known = candidate(practitioner(1, "Known Busy"), 200);
  known.with_this_person = {worked_with(1, Role::key_worker, "2025-01-01", day("2025-06-01"))};
  auto ranked = rank_candidates(sam(), {}, std::vector{candidate(practitioner(2, "Stranger Free"), 10), known},
                                Role::pom, today);
  EXPECT_EQ(names(ranked), (Names{"Known Busy", "Stranger Free"}));
  EXPECT_TRUE(ranked[0].knows_person);
  EXPECT_EQ(ranked[0].reasons[0], "Knows Sam: was their key worker from 2025-01-01 to 2025-06-01");
}

TEST(RankCandidates, ContinuityHoldsEvenOverCapacity) {
  auto known = candidate(practitioner(1, "Known Full"), 300);
  known.with_this_person = {worked_with(1, Role::pom, "2025-01-01", std::nullopt)};
  auto ranked = rank_candidates(sam(), {}, std::vector{candidate(practitioner(2, "Free"), 0), known}, Role::pom, today);
  EXPECT_EQ(names(ranked), (Names{"Known Full", "Free"}));
  EXPECT_EQ(ranked[0].band, WorkloadBand::over_capacity);
  EXPECT_EQ(ranked[0].reasons[0], "Knows Sam: their prison offender manager now");
}

TEST(RankCandidates, TheMostRecentTimeTogetherIsTheOneDescribed) {
  auto known = candidate(practitioner(1, "Known"), 0);
  known.with_this_person = {worked_with(1, Role::key_worker, "2024-01-01", day("2024-03-01")),
                            worked_with(1, Role::pom, "2025-02-01", day("2025-09-30"))};
  known.with_this_person.back().kind = AllocationKind::deputy;
  auto ranked = rank_candidates(sam(), {}, std::vector{known}, Role::pom, today);
  EXPECT_EQ(ranked[0].reasons[0], "Knows Sam: was their deputy prison offender manager from 2025-02-01 to 2025-09-30");
}

TEST(RankCandidates, ContinuityAcrossAMoveSaysSo) {
  auto known = candidate(practitioner(1, "From Hatfield", Role::pom, "HAI"), 0);
  known.with_this_person = {worked_with(1, Role::pom, "2025-01-01", day("2026-01-01"))};
  auto ranked = rank_candidates(sam(), {}, std::vector{known}, Role::pom, today);
  ASSERT_GE(ranked[0].reasons.size(), 2u);
  EXPECT_EQ(ranked[0].reasons[1], "Based elsewhere: keeps someone Sam knows across the move");
}

TEST(RankCandidates, ContinuityAcrossTheGateForACom) {
  auto com = candidate(practitioner(1, "Community", Role::com, ""), 30, 180);
  com.staff.pdu_code = "LDS";
  com.with_this_person = {worked_with(1, Role::com, "2026-01-01", std::nullopt)};
  auto ranked = rank_candidates(sam(), {}, std::vector{candidate(practitioner(2, "Other", Role::com, ""), 0, 180), com},
                                Role::com, today);
  EXPECT_EQ(names(ranked), (Names{"Community", "Other"}));
  EXPECT_EQ(ranked[0].reasons.size(), 2u) << "same PDU: no move to mention";
}

TEST(RankCandidates, WorkloadBandBeforeSpecialismThenSpecialismBeforeExactLoad) {
  auto specialist_full = candidate(practitioner(1, "Specialist Full"), 230);
  specialist_full.staff.specialisms = {Specialism::women};
  auto specialist_room = candidate(practitioner(2, "Specialist Room"), 150);
  specialist_room.staff.specialisms = {Specialism::women};
  auto generalist_light = candidate(practitioner(3, "Generalist Light"), 20);
  auto ranked = rank_candidates(sam(), std::vector{Specialism::women},
                                std::vector{specialist_full, generalist_light, specialist_room}, Role::pom, today);
  EXPECT_EQ(names(ranked), (Names{"Specialist Room", "Generalist Light", "Specialist Full"}));
  EXPECT_EQ(ranked[0].matching_specialisms, std::vector{Specialism::women});
  EXPECT_EQ(ranked[0].reasons.back(), "Specialism: Works with women");
}

TEST(RankCandidates, LowerWorkloadFirstWhenAllElseIsEqualThenByName) {
  auto ranked = rank_candidates(sam(), {},
                                std::vector{candidate(practitioner(1, "Beth"), 100), candidate(practitioner(2, "Abel"), 100),
                                            candidate(practitioner(3, "Cara"), 40)},
                                Role::pom, today);
  EXPECT_EQ(names(ranked), (Names{"Cara", "Abel", "Beth"}));
}

TEST(RankCandidates, SomeoneAwayComesLastAndSaysUntilWhen) {
  auto away = candidate(practitioner(1, "Away Known"), 0);
  away.staff.away_from = day("2026-11-20");
  away.staff.away_until = day("2026-12-04");
  away.with_this_person = {worked_with(1, Role::pom, "2025-01-01", std::nullopt)};
  auto ranked = rank_candidates(sam(), {}, std::vector{away, candidate(practitioner(2, "Here"), 230)}, Role::pom, today);
  EXPECT_EQ(names(ranked), (Names{"Here", "Away Known"}));
  EXPECT_FALSE(ranked[1].available);
  EXPECT_EQ(ranked[1].reasons[0], "Away from 2026-11-20 until 2026-12-04");
}

TEST(RankCandidates, AnOpenEndedAbsenceSaysTheReturnIsNotKnown) {
  auto away = candidate(practitioner(1, "Away"), 0);
  away.staff.away_from = day("2026-11-01");
  auto ranked = rank_candidates(sam(), {}, std::vector{away}, Role::pom, today);
  EXPECT_EQ(ranked[0].reasons[0], "Away from 2026-11-01, return date not known");
}

TEST(RankCandidates, LeavesOutInactiveStaffAndRolesThatCannotHoldTheCase) {
  auto inactive = candidate(practitioner(1, "Left"), 0);
  inactive.staff.active = false;
  auto ranked = rank_candidates(sam(), {},
                                std::vector{inactive, candidate(practitioner(2, "Com", Role::com), 0),
                                            candidate(practitioner(3, "Keyworker", Role::key_worker), 0, 9),
                                            candidate(practitioner(4, "Pom"), 0)},
                                Role::key_worker, today);
  EXPECT_EQ(names(ranked), (Names{"Keyworker", "Pom"}));
}

TEST(RankCandidates, WorkloadReasonGivesCasesPointsAndBand) {
  auto ranked = rank_candidates(sam(), {}, std::vector{candidate(practitioner(1, "One"), 120)}, Role::pom, today);
  EXPECT_EQ(ranked[0].reasons, std::vector<std::string>{"30 cases, 120 of 240 points (50% of capacity): has room"});
  auto none = candidate(practitioner(2, "None"), 4, 0);
  none.workload.cases = 1;
  ranked = rank_candidates(sam(), {}, std::vector{none}, Role::pom, today);
  EXPECT_EQ(ranked[0].reasons, std::vector<std::string>{"1 case; no capacity recorded for this work"});
  EXPECT_EQ(ranked[0].band, WorkloadBand::no_capacity);
}

TEST(RankCandidates, NoCandidatesNoRecommendations) {
  EXPECT_TRUE(rank_candidates(sam(), {}, std::vector<AllocationCandidate>{}, Role::com, today).empty());
}

TEST(AllocationReason, JoinsTheReasonsAndAddsTheManagersNote) {
  AllocationRecommendation recommendation;
  recommendation.reasons = {"Knows Sam: their key worker now", "3 cases, 12 of 240 points (5% of capacity): has room"};
  EXPECT_EQ(allocation_reason(recommendation, ""),
            "Knows Sam: their key worker now; 3 cases, 12 of 240 points (5% of capacity): has room");
  EXPECT_EQ(allocation_reason(recommendation, "agreed at team meeting"),
            "Knows Sam: their key worker now; 3 cases, 12 of 240 points (5% of capacity): has room. Note: agreed at "
            "team meeting");
}

TEST(ContactFor, TheLeadUnlessAwayThenTheDeputy) {
  auto lead = practitioner(1, "Lead");
  auto deputy = practitioner(2, "Deputy");
  Allocation lead_allocation{1, 7, 1, "Lead", Role::pom, day("2026-01-01"), std::nullopt, ""};
  Allocation deputy_allocation{2, 7, 2, "Deputy", Role::pom, day("2026-01-01"), std::nullopt, ""};
  deputy_allocation.kind = AllocationKind::deputy;
  std::vector current{deputy_allocation, lead_allocation};
  std::vector staff{lead, deputy};
  EXPECT_EQ(contact_for(Role::pom, current, staff, today)->staff_id, 1);
  staff[0].away_from = day("2026-11-01");
  EXPECT_EQ(contact_for(Role::pom, current, staff, today)->staff_id, 2);
  EXPECT_EQ(contact_for(Role::pom, std::vector{lead_allocation}, staff, today)->staff_id, 1) << "no deputy: still the lead";
  EXPECT_EQ(contact_for(Role::pom, std::vector{deputy_allocation}, staff, today)->staff_id, 2) << "no lead: the deputy";
  EXPECT_FALSE(contact_for(Role::com, current, staff, today));
}

TEST(PartInWords, RoleInLowerCaseAndDeputiesSaySo) {
  EXPECT_EQ(part_in_words(Role::pom, AllocationKind::lead), "prison offender manager");
  EXPECT_EQ(part_in_words(Role::key_worker, AllocationKind::deputy), "deputy key worker");
  EXPECT_EQ(part_in_words(Role::com, AllocationKind::deputy), "deputy community offender manager");
}

// Key work is offered to key workers first: a POM (who may also do it) comes after every free key
// worker, even one who knows the person or has more room.
TEST(RankCandidates, KeyWorkersComeBeforePomsForKeyWork) {
  auto known_pom = candidate(practitioner(1, "Alpha Pom"), 0);
  known_pom.with_this_person = {worked_with(1, Role::pom, "2025-01-01", std::nullopt)};
  auto ranked = rank_candidates(sam(), {},
                                std::vector{known_pom, candidate(practitioner(2, "Busy Keyworker", Role::key_worker), 8, 9)},
                                Role::key_worker, today);
  EXPECT_EQ(names(ranked), (Names{"Busy Keyworker", "Alpha Pom"}));
  EXPECT_EQ(ranked[1].reasons[0], "A prison offender manager who may also act as key worker: key workers come first");
}
