// Unit tests of insight's progress measures (domain/insight/progress.hpp): outcomes after release, referrals,
// distance travelled on the pathways and officer changes per six months.
#include "domain/insight/progress.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "code_table_checks.hpp"
#include "insight/insight_cases.hpp"

using namespace resettle;
using namespace std::chrono;

namespace {
using namespace insight_cases;

std::optional<bool> outcome(ProgressMeasure measure, const InsightCase& c, const CaseProgress& progress,
                            Date on = today) {
  return outcome_of(measure, c, progress, the_year, on);
}
}  // namespace

TEST(InsightProgress, CodeTablesAreCompleteAndDefined) {
  code_checks::expect_complete_code_table(progress_measures(), 16);
  for (const auto& measure : progress_measures()) EXPECT_GT(definition_of(measure.value).size(), 40u) << measure.code;
}

// --- Outcomes after release --------------------------------------------------------------------------

namespace {
OutcomeSnapshot snapshot(Milestone milestone, Date on, std::map<Pathway, OutcomeLevel> levels) {
  OutcomeSnapshot s;
  s.milestone = milestone;
  s.recorded_on = on;
  for (auto [pathway, level] : levels) s.outcomes[pathway] = {level, ""};
  return s;
}
const Date six_weeks_on{2026y / July / 22};  // released + 42 days
const Date six_months_on{2026y / December / 10};
}  // namespace

TEST(InsightOutcomes, SettledOrBetterAtSixWeeksMeetsIt) {
  for (auto [level, met] : std::initializer_list<std::pair<OutcomeLevel, bool>>{{OutcomeLevel::in_crisis, false},
                                                                                {OutcomeLevel::struggling, false},
                                                                                {OutcomeLevel::getting_by, false},
                                                                                {OutcomeLevel::settled, true},
                                                                                {OutcomeLevel::thriving, true}}) {
    CaseProgress progress;
    progress.snapshots.push_back(
        snapshot(Milestone::release_plus_6_weeks, six_weeks_on, {{Pathway::accommodation, level}}));
    EXPECT_EQ(outcome(ProgressMeasure::settled_accommodation_6_weeks, released_case(), progress), met)
        << entry_for(outcome_levels(), level).code;
  }
}

TEST(InsightOutcomes, NoSnapshotOrNoLevelOnThePathwayIsNotMet) {
  auto c = released_case();
  CaseProgress progress;
  EXPECT_EQ(outcome(ProgressMeasure::settled_accommodation_6_weeks, c, progress), false);
  progress.snapshots.push_back(
      snapshot(Milestone::release_plus_6_weeks, six_weeks_on, {{Pathway::health, OutcomeLevel::thriving}}));
  EXPECT_EQ(outcome(ProgressMeasure::settled_accommodation_6_weeks, c, progress), false);
  EXPECT_EQ(outcome(ProgressMeasure::ete_6_weeks, c, progress), false);
}

TEST(InsightOutcomes, EachMeasureReadsItsOwnMilestoneAndPathway) {
  auto c = released_case();
  CaseProgress progress;
  progress.snapshots.push_back(snapshot(Milestone::release_plus_6_weeks, six_weeks_on,
                                        {{Pathway::accommodation, OutcomeLevel::settled},
                                         {Pathway::education_training_employment, OutcomeLevel::struggling}}));
  progress.snapshots.push_back(snapshot(Milestone::release_plus_6_months, six_months_on,
                                        {{Pathway::accommodation, OutcomeLevel::struggling},
                                         {Pathway::education_training_employment, OutcomeLevel::thriving}}));
  const Date later{2026y / December / 20};
  EXPECT_EQ(outcome(ProgressMeasure::settled_accommodation_6_weeks, c, progress, later), true);
  EXPECT_EQ(outcome(ProgressMeasure::ete_6_weeks, c, progress, later), false);
  EXPECT_EQ(outcome(ProgressMeasure::settled_accommodation_6_months, c, progress, later), false);
  EXPECT_EQ(outcome(ProgressMeasure::ete_6_months, c, progress, later), true);
}

TEST(InsightOutcomes, AMilestoneStillToComeOrNoReleaseIsNotCounted) {
  auto c = released_case();
  CaseProgress none;
  EXPECT_EQ(outcome(ProgressMeasure::ete_6_weeks, c, none, add_days(six_weeks_on, -1)), std::nullopt);
  EXPECT_EQ(outcome(ProgressMeasure::ete_6_weeks, c, none, six_weeks_on), false);
  EXPECT_EQ(outcome(ProgressMeasure::ete_6_months, c, none, add_days(six_months_on, -1)), std::nullopt);
  EXPECT_EQ(outcome(ProgressMeasure::ete_6_months, c, none, six_months_on), false);
  EXPECT_EQ(outcome(ProgressMeasure::ete_6_weeks, a_case(), none), std::nullopt);
  EXPECT_EQ(outcome(ProgressMeasure::ete_6_weeks, released_case(2025y / June / 1), none), std::nullopt);
}

TEST(InsightOutcomes, ASnapshotFromBeforeTheReleaseIsNotItsAndALaterRecordingStands) {
  auto c = released_case();
  c.releases.push_back({2025y / March / 1});  // an earlier release, outside the period
  CaseProgress progress;
  progress.snapshots.push_back(
      snapshot(Milestone::release_plus_6_weeks, 2025y / April / 12, {{Pathway::accommodation, OutcomeLevel::settled}}));
  EXPECT_EQ(outcome(ProgressMeasure::settled_accommodation_6_weeks, c, progress), false);
  progress.snapshots.push_back(
      snapshot(Milestone::release_plus_6_weeks, six_weeks_on, {{Pathway::accommodation, OutcomeLevel::settled}}));
  EXPECT_EQ(outcome(ProgressMeasure::settled_accommodation_6_weeks, c, progress), true);
  progress.snapshots.push_back(snapshot(Milestone::release_plus_6_weeks, add_days(six_weeks_on, 3),
                                        {{Pathway::accommodation, OutcomeLevel::struggling}}));
  EXPECT_EQ(outcome(ProgressMeasure::settled_accommodation_6_weeks, c, progress), false);  // corrected three days later
}

TEST(InsightOutcomes, GpAndMedicationInPlaceOrNotNeededOnTheLatestReleaseInThePeriod) {
  for (auto [status, met] :
       std::initializer_list<std::pair<std::optional<ProvisionStatus>, bool>>{{ProvisionStatus::in_place, true},
                                                                              {ProvisionStatus::not_needed, true},
                                                                              {ProvisionStatus::missing, false},
                                                                              {std::nullopt, false}}) {
    CaseProgress progress;
    progress.latest_release = ReleaseDayRecord{};
    progress.latest_release->release.released_on = released;
    if (status) {
      progress.latest_release->arrangements.provisions[ReleaseProvision::gp_registration] = {*status, ""};
      progress.latest_release->arrangements.provisions[ReleaseProvision::medication] = {*status, ""};
    }
    EXPECT_EQ(outcome(ProgressMeasure::gp_registered_on_release, a_case(), progress), met);
    EXPECT_EQ(outcome(ProgressMeasure::medication_on_release, a_case(), progress), met);
    progress.latest_release->release.released_on = 2025y / June / 1;
    EXPECT_EQ(outcome(ProgressMeasure::gp_registered_on_release, a_case(), progress), std::nullopt);
  }
  EXPECT_EQ(outcome(ProgressMeasure::gp_registered_on_release, a_case(), {}), std::nullopt);
}

// --- Referrals -----------------------------------------------------------------------------------------

namespace {
Referral referral(std::vector<std::pair<ReferralStatus, Date>> steps) {
  Referral r;
  for (auto [status, on] : steps) r.history.push_back({status, on, "", ""});
  return r;
}
const Date sent_on{2026y / March / 2};
}  // namespace

TEST(InsightReferrals, CountsPeopleWithAReferralSentInThePeriod) {
  auto c = a_case();
  CaseProgress progress;
  EXPECT_EQ(outcome(ProgressMeasure::referral_accepted, c, progress), std::nullopt);
  progress.referrals.push_back(referral({{ReferralStatus::draft, 2026y / March / 1}}));  // never sent
  EXPECT_EQ(outcome(ProgressMeasure::referral_accepted, c, progress), std::nullopt);
  progress.referrals.push_back(
      referral({{ReferralStatus::sent, 2025y / March / 1}, {ReferralStatus::accepted, 2026y / March / 1}}));
  EXPECT_EQ(outcome(ProgressMeasure::referral_accepted, c, progress), std::nullopt);  // sent before the period
  progress.referrals.push_back(referral({{ReferralStatus::sent, sent_on}}));
  EXPECT_EQ(outcome(ProgressMeasure::referral_accepted, c, progress), false);
  EXPECT_EQ(outcome(ProgressMeasure::referral_started, c, progress), false);
  EXPECT_EQ(outcome(ProgressMeasure::referral_completed, c, progress), false);
  EXPECT_EQ(outcome(ProgressMeasure::referral_accepted, c, progress, add_days(sent_on, -1)),
            std::nullopt);  // not yet sent then
  EXPECT_EQ(outcome(ProgressMeasure::referral_completed, c, progress, add_days(sent_on, -1)), std::nullopt);
}

TEST(InsightReferrals, CompletedByAnyReferralSentInThePeriodNotEndedEarly) {
  auto c = a_case();
  CaseProgress progress;
  progress.referrals.push_back(referral({{ReferralStatus::sent, sent_on},
                                         {ReferralStatus::accepted, 2026y / March / 5},
                                         {ReferralStatus::started, 2026y / March / 9},
                                         {ReferralStatus::ended_early, 2026y / April / 1}}));
  EXPECT_EQ(outcome(ProgressMeasure::referral_started, c, progress), true);
  EXPECT_EQ(outcome(ProgressMeasure::referral_completed, c, progress), false);  // ended early is not completed
  progress.referrals.push_back(referral({{ReferralStatus::sent, sent_on},
                                         {ReferralStatus::accepted, 2026y / March / 6},
                                         {ReferralStatus::started, 2026y / March / 10},
                                         {ReferralStatus::completed, 2026y / May / 4}}));
  EXPECT_EQ(outcome(ProgressMeasure::referral_completed, c, progress), true);
  EXPECT_EQ(outcome(ProgressMeasure::referral_completed, c, progress, 2026y / May / 3), false);  // not yet then
  EXPECT_EQ(outcome(ProgressMeasure::referral_completed, c, progress, 2026y / May / 4), true);   // that day
}

TEST(InsightReferrals, ACompletionOfAReferralSentBeforeThePeriodDoesNotCount) {
  auto c = a_case();
  CaseProgress progress;
  progress.referrals.push_back(referral({{ReferralStatus::sent, 2025y / March / 1},
                                         {ReferralStatus::started, 2025y / April / 1},
                                         {ReferralStatus::completed, 2026y / March / 20}}));
  EXPECT_EQ(outcome(ProgressMeasure::referral_completed, c, progress), std::nullopt);
  progress.referrals.push_back(referral({{ReferralStatus::sent, sent_on}}));
  EXPECT_EQ(outcome(ProgressMeasure::referral_completed, c, progress), false);
}

TEST(InsightReferrals, AcceptedAndStartedByAnyReferralSentInThePeriod) {
  auto c = a_case();
  CaseProgress progress;
  progress.referrals.push_back(
      referral({{ReferralStatus::sent, sent_on}, {ReferralStatus::declined, 2026y / March / 5}}));
  progress.referrals.push_back(
      referral({{ReferralStatus::sent, sent_on}, {ReferralStatus::accepted, 2026y / March / 9}}));
  EXPECT_EQ(outcome(ProgressMeasure::referral_accepted, c, progress), true);
  EXPECT_EQ(outcome(ProgressMeasure::referral_accepted, c, progress, 2026y / March / 8),
            false);  // accepted the day after
  EXPECT_EQ(outcome(ProgressMeasure::referral_started, c, progress), false);
  progress.referrals.back().history.push_back({ReferralStatus::started, 2026y / March / 20, "", ""});
  EXPECT_EQ(outcome(ProgressMeasure::referral_started, c, progress), true);
}

TEST(InsightReferrals, DaysToFirstContactFromTheFirstReferralInThePeriod) {
  CaseProgress progress;
  EXPECT_FALSE(days_to_first_contact(progress, the_year, today));
  progress.referrals.push_back(referral({{ReferralStatus::sent, add_days(sent_on, 10)},
                                         {ReferralStatus::accepted, add_days(sent_on, 11)},
                                         {ReferralStatus::first_appointment, add_days(sent_on, 12)}}));
  progress.referrals.push_back(
      referral({{ReferralStatus::sent, sent_on}, {ReferralStatus::accepted, add_days(sent_on, 3)}}));
  EXPECT_EQ(days_to_first_contact(progress, the_year, today)->days_late,
            std::nullopt);  // the first has had no contact yet
  progress.referrals.back().history.push_back({ReferralStatus::first_appointment, add_days(sent_on, 9), "", ""});
  progress.referrals.back().history.push_back({ReferralStatus::started, add_days(sent_on, 16), "", ""});
  EXPECT_EQ(days_to_first_contact(progress, the_year, today)->days_late, 9);
}

TEST(InsightReferrals, AStartWithoutAFirstAppointmentIsTheFirstContact) {
  CaseProgress progress;
  progress.referrals.push_back(referral({{ReferralStatus::sent, sent_on},
                                         {ReferralStatus::accepted, add_days(sent_on, 1)},
                                         {ReferralStatus::started, add_days(sent_on, 30)}}));
  EXPECT_EQ(days_to_first_contact(progress, the_year, today)->days_late, 30);
  EXPECT_EQ(days_to_first_contact(progress, the_year, add_days(sent_on, 29))->days_late,
            std::nullopt);  // still to come then
}

TEST(InsightReferrals, FirstContactIsADistributionWithSmallBandsHidden) {
  std::vector<CaseProgress> progress;
  auto add = [&](int n, std::optional<int> days) {
    for (int i = 0; i < n; ++i) {
      CaseProgress p;
      p.referrals.push_back(referral({{ReferralStatus::sent, sent_on}}));
      if (days) p.referrals[0].history.push_back({ReferralStatus::first_appointment, add_days(sent_on, *days), "", ""});
      progress.push_back(p);
    }
  };
  add(6, 0);
  add(5, 7);
  add(7, 8);
  add(5, 14);
  add(3, 15);  // small: hidden, and the smallest other band (the 6 with no contact yet) with it
  add(8, 29);
  add(6, std::nullopt);
  progress.emplace_back();  // no referral: not counted
  auto distribution = first_contact_distribution(progress, the_year, today, {});
  EXPECT_EQ(distribution.total, 40);
  EXPECT_FALSE(distribution.total_hidden);
  std::vector<int> people;
  std::vector<bool> hidden_bands;
  std::vector<std::string> codes;
  for (const auto& bucket : distribution.buckets) {
    people.push_back(bucket.people);
    hidden_bands.push_back(bucket.hidden);
    codes.push_back(bucket.code);
  }
  EXPECT_EQ(codes, (std::vector<std::string>{"within_7_days", "8_to_14_days", "15_to_28_days", "over_28_days",
                                             "no_contact_yet"}));
  EXPECT_EQ(people, (std::vector<int>{11, 12, 3, 8, 6}));
  EXPECT_EQ(hidden_bands, (std::vector<bool>{false, false, true, false, true}));
}

// --- Distance travelled on the pathways ------------------------------------------------------------------

namespace {
NeedsAssessment assessment(std::int64_t id, Date on, std::map<Pathway, NeedLevel> needs) {
  NeedsAssessment a;
  a.id = id;
  a.assessed_on = on;
  for (auto [pathway, level] : needs) a.pathways[pathway].need_level = level;
  return a;
}
}  // namespace

TEST(InsightDistance, FirstToLatestAssessmentPerPathway) {
  CaseProgress progress;
  progress.assessments.push_back(assessment(1, 2025y / November / 1,
                                            {{Pathway::accommodation, NeedLevel::high},
                                             {Pathway::health, NeedLevel::low},
                                             {Pathway::drugs_alcohol, NeedLevel::medium}}));
  progress.assessments.push_back(assessment(2, 2026y / February / 1, {{Pathway::accommodation, NeedLevel::high}}));
  progress.assessments.push_back(assessment(3, 2026y / May / 1,
                                            {{Pathway::accommodation, NeedLevel::medium},
                                             {Pathway::health, NeedLevel::medium},
                                             {Pathway::drugs_alcohol, NeedLevel::medium}}));
  EXPECT_EQ(need_move(Pathway::accommodation, progress, the_year), NeedMove::lowered);
  EXPECT_EQ(need_move(Pathway::health, progress, the_year), NeedMove::raised);
  EXPECT_EQ(need_move(Pathway::drugs_alcohol, progress, the_year), NeedMove::unchanged);
  EXPECT_EQ(need_move(Pathway::finance_benefits_debt, progress, the_year), std::nullopt);  // never assessed
  auto c = a_case();
  EXPECT_EQ(outcome(ProgressMeasure::need_lowered_accommodation, c, progress), true);
  EXPECT_EQ(outcome(ProgressMeasure::need_lowered_health, c, progress), false);
  EXPECT_EQ(outcome(ProgressMeasure::need_lowered_drugs_alcohol, c, progress), false);
  EXPECT_EQ(outcome(ProgressMeasure::need_lowered_finance_benefits_debt, c, progress), std::nullopt);
}

TEST(InsightDistance, OneAssessmentShowsNoDistance) {
  CaseProgress progress;
  progress.assessments.push_back(assessment(1, 2026y / May / 1, {{Pathway::accommodation, NeedLevel::high}}));
  EXPECT_EQ(need_move(Pathway::accommodation, progress, the_year), std::nullopt);
}

TEST(InsightDistance, TheLatestMustBeInThePeriodAndLaterOnesAreNotSeen) {
  CaseProgress progress;
  progress.assessments.push_back(assessment(1, 2025y / January / 1, {{Pathway::accommodation, NeedLevel::high}}));
  progress.assessments.push_back(assessment(2, 2025y / June / 1, {{Pathway::accommodation, NeedLevel::low}}));
  EXPECT_EQ(need_move(Pathway::accommodation, progress, the_year), std::nullopt);  // nothing new in the period
  progress.assessments.push_back(assessment(3, 2027y / January / 2, {{Pathway::accommodation, NeedLevel::no_need}}));
  EXPECT_EQ(need_move(Pathway::accommodation, progress, the_year), std::nullopt);  // after the period
  EXPECT_EQ(need_move(Pathway::accommodation, progress, {2025y / January / 1, 2025y / December / 31}),
            NeedMove::lowered);
}

TEST(InsightDistance, AnyOrderAndSameDayAssessmentsByTheOrderRecorded) {
  CaseProgress progress;
  progress.assessments.push_back(assessment(3, 2026y / May / 1, {{Pathway::health, NeedLevel::no_need}}));
  progress.assessments.push_back(assessment(1, 2026y / January / 1, {{Pathway::health, NeedLevel::high}}));
  progress.assessments.push_back(
      assessment(4, 2026y / May / 1, {{Pathway::health, NeedLevel::high}}));  // the correction
  EXPECT_EQ(need_move(Pathway::health, progress, the_year), NeedMove::unchanged);
}

TEST(InsightDistance, EachNeedMeasureIsAboutItsPathwayInOrder) {
  std::vector<Pathway> seen;
  for (const auto& measure : progress_measures())
    if (auto pathway = pathway_of(measure.value)) {
      seen.push_back(*pathway);
      EXPECT_NE(std::string{measure.code}.find(pathway_code(*pathway)), std::string::npos) << measure.code;
    }
  std::vector<Pathway> all;
  for (const auto& pathway : pathways()) all.push_back(pathway.value);
  EXPECT_EQ(seen, all);
  EXPECT_EQ(pathway_of(ProgressMeasure::referral_started), std::nullopt);
}

TEST(InsightDistance, SplitByACharacteristicWithSuppression) {
  std::vector<InsightCase> cases;
  std::vector<CaseProgress> progress;
  auto add = [&](const std::string& sex, int n, int lowered) {
    for (int i = 0; i < n; ++i) {
      cases.push_back(with_sex(a_case(), sex));
      CaseProgress p;
      p.assessments.push_back(assessment(1, 2026y / January / 10, {{Pathway::accommodation, NeedLevel::high}}));
      p.assessments.push_back(
          assessment(2, 2026y / June / 10, {{Pathway::accommodation, i < lowered ? NeedLevel::low : NeedLevel::high}}));
      progress.push_back(p);
    }
  };
  add("female", 10, 8);
  add("male", 10, 2);
  add("not_stated", 3, 3);  // small: hidden, with the smallest other (a ten) as well
  cases.push_back(a_case());
  progress.emplace_back();  // never assessed: not counted
  auto split =
      segment(ProgressMeasure::need_lowered_accommodation, cases, progress, Characteristic::sex, the_year, today, {});
  EXPECT_EQ(split.measure, ProgressMeasure::need_lowered_accommodation);
  EXPECT_EQ(split.split.total.people, 23);
  EXPECT_EQ(split.split.total.met, 13);
  const auto& female = split.split.rows[0];
  EXPECT_EQ(female.group.code, "female");
  EXPECT_TRUE(female.hidden);  // the secondary: the first of the two smallest others
  EXPECT_FALSE(split.split.rows[1].hidden);
  EXPECT_DOUBLE_EQ(*split.split.rows[1].share, 0.2);
  EXPECT_TRUE(split.split.rows[1].flagged);  // 20% against 11 of 13 for everyone else
  EXPECT_TRUE(split.split.rows[2].hidden);
}

// --- Continuity: officer changes per six months ---------------------------------------------------------

namespace {
Allocation lead_pom(std::int64_t staff_id, Date from, std::optional<Date> to = std::nullopt) {
  auto allocation = lead_com(staff_id, from, to);
  allocation.role = Role::pom;
  return allocation;
}
}  // namespace

TEST(InsightOfficerChanges, ChangesInThePeriodOverTheDaysWithALead) {
  auto c = a_case();
  c.allocations.push_back(lead_pom(1, 2025y / June / 1, Date{2025y / December / 1}));
  c.allocations.push_back(lead_pom(2, 2025y / December / 1, Date{2026y / March / 1}));  // a change before the period
  c.allocations.push_back(lead_pom(3, 2026y / March / 1));
  c.allocations.push_back(lead_com(7, 2026y / April / 1));  // the first COM is not a change
  c.allocations.push_back(lead_com(8, 2026y / May / 1, std::nullopt, AllocationKind::deputy));
  auto changes = officer_changes(c, the_year, today);
  ASSERT_TRUE(changes);
  EXPECT_EQ(changes->changes, 1);
  EXPECT_EQ(changes->days, days_between(the_year.from, today) + 1);
}

TEST(InsightOfficerChanges, DaysStartWithTheFirstLeadInThePeriodAndChangesAfterItAreNotCounted) {
  auto c = a_case();
  c.allocations.push_back(lead_com(7, 2026y / July / 1));
  c.allocations.push_back(lead_com(8, 2026y / August / 1));
  c.allocations.push_back(lead_com(7, 2026y / September / 1));
  c.allocations.push_back(lead_com(9, 2026y / November / 15));
  auto changes = officer_changes(c, {2026y / January / 1, 2026y / October / 31}, today);
  EXPECT_EQ(changes->changes, 2);
  EXPECT_EQ(changes->days, 123);  // 1 July to 31 October
}

TEST(InsightOfficerChanges, NoLeadInThePeriodIsNotCounted) {
  auto c = a_case();
  EXPECT_EQ(officer_changes(c, the_year, today), std::nullopt);
  c.allocations.push_back(lead_com(7, 2025y / January / 1, Date{2025y / June / 1}));
  c.allocations.push_back(lead_com(8, 2027y / January / 1));
  c.allocations.push_back(lead_com(9, 2026y / March / 1, std::nullopt, AllocationKind::deputy));
  EXPECT_EQ(officer_changes(c, the_year, today), std::nullopt);
}

TEST(InsightOfficerChanges, RatesByGroupOverPersonTimeWithSmallGroupsHidden) {
  std::vector<InsightCase> cases;
  const Period half{2026y / January / 1, 2026y / July / 2};  // 183 days
  auto add = [&](const std::string& sex, int n, int changes) {
    for (int i = 0; i < n; ++i) {
      auto c = with_sex(a_case(), sex);
      c.allocations.push_back(lead_com(100, 2025y / January / 1));
      for (int k = 0; k < (i == 0 ? changes : 0); ++k)
        c.allocations.push_back(lead_com(101 + k, add_days(half.from, 10 + k)));
      cases.push_back(c);
    }
  };
  add("female", 10, 5);  // 5 changes among 10 people over half a year: 0.5 each
  add("male", 6, 0);
  add("prefers_not_to_say", 2, 1);  // small: hidden, with male (the smallest other) as secondary
  cases.push_back(a_case());        // no lead: not counted
  auto rates = officer_change_rates(cases, Characteristic::sex, half, today, {});
  auto row = [&](std::string_view code) {
    return *std::ranges::find_if(rates.rows, [&](const ChangeRateRow& r) { return r.group.code == code; });
  };
  EXPECT_EQ(row("female").people, 10);
  EXPECT_EQ(row("female").changes, 5);
  EXPECT_DOUBLE_EQ(*row("female").per_six_months, 0.5);
  EXPECT_TRUE(row("prefers_not_to_say").hidden);
  EXPECT_FALSE(row("prefers_not_to_say").per_six_months);
  EXPECT_TRUE(row("male").hidden);
  EXPECT_FALSE(row("male").per_six_months);
  EXPECT_EQ(rates.total.people, 18);
  EXPECT_EQ(rates.total.changes, 6);
  EXPECT_DOUBLE_EQ(*rates.total.per_six_months, 6.0 / 18);
  EXPECT_FALSE(rates.all_hidden());
}

TEST(InsightOfficerChanges, ASmallTotalHidesEveryRate) {
  std::vector<InsightCase> cases{with_sex(a_case(), "female")};
  cases[0].allocations.push_back(lead_com(1, 2026y / January / 1));
  auto rates = officer_change_rates(cases, Characteristic::sex, the_year, today, {});
  EXPECT_TRUE(rates.total.hidden);
  EXPECT_FALSE(rates.total.per_six_months);
  EXPECT_TRUE(rates.all_hidden());
  EXPECT_TRUE(officer_change_rates({}, Characteristic::sex, the_year, today, {}).all_hidden());
}
