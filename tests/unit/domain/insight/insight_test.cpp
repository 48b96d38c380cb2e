// Unit tests of the insight measures, small-number suppression and segmentation (domain/insight/insight.hpp).
#include "domain/insight/insight.hpp"

#include <gtest/gtest.h>

#include "code_table_checks.hpp"
#include "insight/insight_cases.hpp"
#include "refusal.hpp"

using namespace resettle;
using namespace std::chrono;

namespace {
using namespace insight_cases;

std::optional<bool> outcome(Measure measure, const InsightCase& c) { return outcome_of(measure, c, the_year, today); }

std::vector<bool> hidden(std::vector<int> counts, int threshold = 5) { return suppress(counts, threshold).hidden; }

// `n` cases of one sex, `met` of whom settled on the first night.
void add_settled(std::vector<InsightCase>& cases, const std::string& sex, int n, int met) {
  for (int i = 0; i < n; ++i) {
    auto c = with_sex(released_case(), sex);
    c.releases[0].tonight = i < met ? FirstNightAccommodation::settled : FirstNightAccommodation::cas3;
    cases.push_back(c);
  }
}

const SegmentRow& row_for(const Segmentation& segmentation, std::string_view code) {
  for (const auto& row : segmentation.rows)
    if (row.group.code == code) return row;
  throw std::logic_error("no row " + std::string{code});
}
}  // namespace

// --- Tables and definitions ------------------------------------------------------------------------

TEST(Insight, CodeTablesAreComplete) {
  code_checks::expect_complete_code_table(measures(), 8);
  code_checks::expect_complete_code_table(scope_kinds(), 5);
}

TEST(Insight, EveryMeasureHasADefinition) {
  for (const auto& measure : measures()) EXPECT_GT(definition_of(measure.value).size(), 40u) << measure.code;
}

// --- The period and the scope ----------------------------------------------------------------------

TEST(InsightPeriod, DefaultsToTheTwelveMonthsUpToToday) {
  auto period = read_period({}, today);
  EXPECT_EQ(period.from, Date(2025y / December / 8));
  EXPECT_EQ(period.to, today);
}

TEST(InsightPeriod, TheOfferedPeriodsAreTheDefaultFirstThenTheLastThreeMonths) {
  auto offered = offered_periods(today);
  ASSERT_EQ(offered.size(), 2u);
  EXPECT_EQ(offered[0].label, "Last 12 months");
  EXPECT_EQ(offered[0].period.from, read_period({}, today).from);
  EXPECT_EQ(offered[0].period.to, today);
  EXPECT_EQ(offered[1].label, "Last 3 months");
  EXPECT_EQ(offered[1].period.from, Date(2026y / September / 8));
  EXPECT_EQ(offered[1].period.to, today);
  auto after_a_short_month = offered_periods(2026y / May / 31)[1].period;  // 28 February, then the day after
  EXPECT_EQ(after_a_short_month.from, Date(2026y / March / 1));
  auto leap = offered_periods(2028y / February / 29)[0].period;  // a year back from a leap day
  EXPECT_EQ(leap.from, Date(2027y / March / 1));
}

TEST(InsightPeriod, ReadsBothEnds) {
  auto period = read_period({{"from", "2026-04-01"}, {"to", "2026-06-30"}}, today);
  EXPECT_EQ(period.from, Date(2026y / April / 1));
  EXPECT_EQ(period.to, Date(2026y / June / 30));
  EXPECT_TRUE(period.contains(2026y / June / 30));
  EXPECT_FALSE(period.contains(2026y / July / 1));
}

TEST(InsightPeriod, OneDayIsAPeriod) {
  auto period = read_period({{"from", "2026-04-01"}, {"to", "2026-04-01"}}, today);
  EXPECT_EQ(period.from, period.to);
}

TEST(InsightPeriod, EndingBeforeItStartsIsRefusedNamingTo) {
  EXPECT_EQ(test_support::failed_fields([] { read_period({{"from", "2026-04-02"}, {"to", "2026-04-01"}}, today); }),
            std::vector<std::string>{"to"});
  EXPECT_EQ(test_support::failed_fields([] { read_period({{"from", "2026-02-30"}}, today); }),
            std::vector<std::string>{"from"});
}

TEST(InsightScope, ManagersSeeTheirOwnUnitAndAdministratorsAnything) {
  StaffMember manager;
  manager.role = Role::manager;
  manager.pdu_code = "LEEDS";
  manager.team_code = "LEEDS1";
  EXPECT_TRUE(may_view_insight(manager, {ScopeKind::pdu, "LEEDS"}));
  EXPECT_TRUE(may_view_insight(manager, {ScopeKind::team, "LEEDS1"}));
  EXPECT_FALSE(may_view_insight(manager, {ScopeKind::pdu, "BRADFORD"}));
  EXPECT_FALSE(may_view_insight(manager, {ScopeKind::prison, ""}));
  EXPECT_FALSE(may_view_insight(manager, {ScopeKind::region, "NE"}));
  EXPECT_FALSE(may_view_insight(manager, {ScopeKind::national, ""}));
  EXPECT_EQ(default_scope(manager).kind, ScopeKind::pdu);
  StaffMember admin;
  admin.role = Role::admin;
  EXPECT_TRUE(may_view_insight(admin, {ScopeKind::national, ""}));
  EXPECT_TRUE(may_view_insight(admin, {ScopeKind::region, "NE"}));
  EXPECT_EQ(default_scope(admin).kind, ScopeKind::national);
  for (auto role : {Role::com, Role::pom, Role::key_worker, Role::pre_release, Role::partner}) {
    StaffMember other = manager;
    other.role = role;
    EXPECT_FALSE(may_view_insight(other, {ScopeKind::pdu, "LEEDS"})) << role_code(role);
  }
}

// --- Continuity across the gate --------------------------------------------------------------------

TEST(InsightContinuity, SameComBeforeAndAfterReleaseIsKept) {
  auto c = released_case();
  c.allocations.push_back(lead_com(7, 2026y / January / 5));
  EXPECT_EQ(outcome(Measure::continuity_across_gate, c), true);
}

TEST(InsightContinuity, ANewComWithin28DaysIsNotKept) {
  auto c = released_case();
  c.allocations.push_back(lead_com(7, 2026y / January / 5, add_days(released, 10)));
  c.allocations.push_back(lead_com(8, add_days(released, 10)));
  EXPECT_EQ(outcome(Measure::continuity_across_gate, c), false);
}

TEST(InsightContinuity, AChangeAfter28DaysStillCountsAsKept) {
  auto c = released_case();
  c.allocations.push_back(lead_com(7, 2026y / January / 5, add_days(released, 29)));
  c.allocations.push_back(lead_com(8, add_days(released, 29)));
  EXPECT_EQ(outcome(Measure::continuity_across_gate, c), true);
}

TEST(InsightContinuity, TheComEndingOnTheLookDayIsNotKept) {
  auto c = released_case();
  c.allocations.push_back(lead_com(7, 2026y / January / 5, add_days(released, 28)));
  EXPECT_EQ(outcome(Measure::continuity_across_gate, c), false);
}

TEST(InsightContinuity, NoComBeforeReleaseIsNotCounted) {
  auto c = released_case();
  c.allocations.push_back(lead_com(7, released));
  EXPECT_EQ(outcome(Measure::continuity_across_gate, c), std::nullopt);
}

TEST(InsightContinuity, ADeputyIsNotTheLead) {
  auto c = released_case();
  c.allocations.push_back(lead_com(7, 2026y / January / 5, std::nullopt, AllocationKind::deputy));
  EXPECT_EQ(outcome(Measure::continuity_across_gate, c), std::nullopt);
}

TEST(InsightContinuity, ARecentReleaseIsLookedAtToday) {
  auto c = released_case(2026y / December / 1);
  c.allocations.push_back(lead_com(7, 2026y / January / 5, Date{2026y / December / 8}));
  EXPECT_EQ(outcome(Measure::continuity_across_gate, c), true);  // the change is after today
}

TEST(InsightContinuity, AReleaseOutsideThePeriodIsNotCounted) {
  auto c = released_case(2025y / December / 31);
  c.allocations.push_back(lead_com(7, 2025y / January / 5));
  EXPECT_EQ(outcome(Measure::continuity_across_gate, c), std::nullopt);
}

// --- Handover timeliness -----------------------------------------------------------------------------

TEST(InsightHandover, AComAllocatedBeforeTheStartDateIsOnTime) {
  auto c = a_case();
  c.com_start_date = Date{2026y / March / 1};
  c.allocations.push_back(lead_com(7, 2026y / February / 1));
  EXPECT_EQ(outcome(Measure::com_allocated_on_time, c), true);
  EXPECT_EQ(com_lateness(c, the_year, today)->days_late, 0);
}

TEST(InsightHandover, AComAllocatedOnTheStartDateIsOnTime) {
  auto c = a_case();
  c.com_start_date = Date{2026y / March / 1};
  c.allocations.push_back(lead_com(7, 2026y / March / 1));
  EXPECT_EQ(outcome(Measure::com_allocated_on_time, c), true);
}

TEST(InsightHandover, DaysLateAreCountedFromTheStartDateToTheFirstComAfterIt) {
  auto c = a_case();
  c.com_start_date = Date{2026y / February / 25};
  c.allocations.push_back(lead_com(8, 2026y / March / 20));
  c.allocations.push_back(lead_com(7, 2026y / March / 3, Date{2026y / March / 20}));
  EXPECT_EQ(outcome(Measure::com_allocated_on_time, c), false);
  EXPECT_EQ(com_lateness(c, the_year, today)->days_late, 6);
}

TEST(InsightHandover, AComWhoLeftBeforeTheStartDateDoesNotCount) {
  auto c = a_case();
  c.com_start_date = Date{2026y / March / 1};
  c.allocations.push_back(lead_com(7, 2025y / March / 1, Date{2026y / February / 1}));
  auto lateness = com_lateness(c, the_year, today);
  ASSERT_TRUE(lateness);
  EXPECT_EQ(lateness->days_late, std::nullopt);
  EXPECT_EQ(outcome(Measure::com_allocated_on_time, c), false);
}

TEST(InsightHandover, AStartDateOutsideThePeriodOrStillToComeIsNotCounted) {
  auto c = a_case();
  c.com_start_date = Date{2025y / December / 31};
  EXPECT_EQ(outcome(Measure::com_allocated_on_time, c), std::nullopt);
  c.com_start_date = Date{2026y / December / 8};  // in the period, after today
  EXPECT_EQ(outcome(Measure::com_allocated_on_time, c), std::nullopt);
  c.com_start_date.reset();
  EXPECT_EQ(outcome(Measure::com_allocated_on_time, c), std::nullopt);
}

TEST(InsightHandover, LatenessIsADistributionWithSmallBandsHidden) {
  std::vector<InsightCase> cases;
  auto add = [&](int n, std::optional<int> late) {
    for (int i = 0; i < n; ++i) {
      auto c = a_case();
      c.com_start_date = Date{2026y / March / 1};
      if (late) c.allocations.push_back(lead_com(7, add_days(*c.com_start_date, *late)));
      cases.push_back(c);
    }
  };
  add(10, 0);
  add(6, 7);
  add(5, 8);
  add(2, 28);  // small: hidden, and the 5 at 8 days (the smallest other) with it
  add(7, 29);
  add(0, 100);
  add(9, std::nullopt);
  auto distribution = lateness_distribution(cases, the_year, today, {});
  EXPECT_EQ(distribution.total, 39);
  EXPECT_FALSE(distribution.total_hidden);
  std::vector<int> people;
  std::vector<bool> hidden_bands;
  for (const auto& bucket : distribution.buckets) {
    people.push_back(bucket.people);
    hidden_bands.push_back(bucket.hidden);
  }
  EXPECT_EQ(people, (std::vector<int>{10, 6, 5, 2, 7, 9}));
  EXPECT_EQ(hidden_bands, (std::vector<bool>{false, false, true, true, false, false}));
  EXPECT_EQ(distribution.buckets.back().code, "not_yet_allocated");
}

// --- Release-day outcomes ----------------------------------------------------------------------------

TEST(InsightReleaseDay, SettledFirstNightCountsEveryReleaseInThePeriod) {
  auto settled = released_case();
  settled.releases[0].tonight = FirstNightAccommodation::settled;
  auto temporary = released_case();
  temporary.releases[0].tonight = FirstNightAccommodation::temporary;
  auto not_recorded_night = released_case();
  EXPECT_EQ(outcome(Measure::settled_first_night, settled), true);
  EXPECT_EQ(outcome(Measure::settled_first_night, temporary), false);
  EXPECT_EQ(outcome(Measure::settled_first_night, not_recorded_night), false);
  EXPECT_EQ(outcome(Measure::settled_first_night, a_case()), std::nullopt);
}

TEST(InsightReleaseDay, TheLatestReleaseInThePeriodCounts) {
  auto c = released_case(2026y / February / 1);
  c.releases[0].tonight = FirstNightAccommodation::settled;
  c.releases.push_back({2026y / October / 1, FirstNightAccommodation::no_fixed_abode});
  c.releases.push_back({2027y / January / 2, FirstNightAccommodation::settled});  // after the period
  EXPECT_EQ(outcome(Measure::settled_first_night, c), false);
}

TEST(InsightReleaseDay, IdAndBankAccountInPlaceOrAlreadyHeld) {
  auto c = released_case();
  EXPECT_EQ(outcome(Measure::id_on_release, c), false);
  c.releases[0].id_documents = ProvisionStatus::missing;
  c.releases[0].bank_account = ProvisionStatus::in_place;
  EXPECT_EQ(outcome(Measure::id_on_release, c), false);
  EXPECT_EQ(outcome(Measure::bank_account_on_release, c), true);
  c.releases[0].id_documents = ProvisionStatus::not_needed;
  EXPECT_EQ(outcome(Measure::id_on_release, c), true);
}

// --- Recall ------------------------------------------------------------------------------------------

TEST(InsightRecall, RecalledAfterReleaseWithinThePeriod) {
  auto c = released_case();
  EXPECT_EQ(outcome(Measure::recalled, c), false);
  c.recall_decisions.push_back({2026y / May / 1, RecallTrigger::risk_increased, RecallOutcome::recall});  // an earlier licence
  EXPECT_EQ(outcome(Measure::recalled, c), false);
  c.recall_decisions.push_back({2026y / August / 1, RecallTrigger::risk_increased, RecallOutcome::no_recall});
  EXPECT_EQ(outcome(Measure::recalled, c), false);
  c.recall_decisions.push_back({2026y / September / 1, RecallTrigger::both, RecallOutcome::recall});
  EXPECT_EQ(outcome(Measure::recalled, c), true);
  EXPECT_EQ(outcome(Measure::recalled, a_case()), std::nullopt);
}

TEST(InsightRecall, ARecallDecidedAfterThePeriodIsNotCounted) {
  auto c = released_case();
  c.recall_decisions.push_back({2027y / January / 1, RecallTrigger::both, RecallOutcome::recall});
  EXPECT_EQ(outcome_of(Measure::recalled, c, the_year, 2027y / February / 1), false);
}

TEST(InsightRecall, RiskVersusNonComplianceAmongRecalls) {
  auto for_risk = a_case();
  for_risk.recall_decisions.push_back({2026y / May / 1, RecallTrigger::risk_increased, RecallOutcome::recall});
  auto both = a_case();
  both.recall_decisions.push_back({2026y / May / 1, RecallTrigger::both, RecallOutcome::recall});
  auto compliance = a_case();
  compliance.recall_decisions.push_back({2026y / May / 1, RecallTrigger::compliance_broken_down, RecallOutcome::recall});
  auto not_recalled = a_case();
  not_recalled.recall_decisions.push_back({2026y / May / 1, RecallTrigger::risk_increased, RecallOutcome::no_recall});
  EXPECT_EQ(outcome(Measure::recalled_for_risk, for_risk), true);
  EXPECT_EQ(outcome(Measure::recalled_for_risk, both), true);
  EXPECT_EQ(outcome(Measure::recalled_for_risk, compliance), false);
  EXPECT_EQ(outcome(Measure::recalled_for_risk, not_recalled), std::nullopt);
  EXPECT_EQ(outcome(Measure::not_recalled_after_consideration, not_recalled), true);
  EXPECT_EQ(outcome(Measure::not_recalled_after_consideration, compliance), false);
  EXPECT_EQ(outcome(Measure::not_recalled_after_consideration, a_case()), std::nullopt);
}

TEST(InsightRecall, TheLatestDecisionInThePeriodCounts) {
  auto c = a_case();
  c.recall_decisions.push_back({2026y / March / 1, RecallTrigger::compliance_broken_down, RecallOutcome::no_recall});
  c.recall_decisions.push_back({2026y / July / 1, RecallTrigger::compliance_broken_down, RecallOutcome::recall});
  c.recall_decisions.push_back({2025y / July / 1, RecallTrigger::risk_increased, RecallOutcome::no_recall});
  EXPECT_EQ(outcome(Measure::not_recalled_after_consideration, c), false);
  EXPECT_EQ(outcome(Measure::recalled_for_risk, c), false);
}

// --- Suppression -------------------------------------------------------------------------------------

TEST(InsightSuppression, NothingSmallNothingHidden) {
  auto result = suppress(std::vector<int>{5, 10, 0, 7}, 5);
  EXPECT_EQ(result.hidden, (std::vector<bool>{false, false, false, false}));
  EXPECT_FALSE(result.total_hidden);
}

TEST(InsightSuppression, OneSmallCellHidesTheSmallestOtherToo) {
  EXPECT_EQ(hidden({3, 20, 9, 12}), (std::vector<bool>{true, false, true, false}));
}

TEST(InsightSuppression, SecondaryPassesOverZeros) {
  EXPECT_EQ(hidden({0, 4, 0, 30, 6}), (std::vector<bool>{false, true, false, false, true}));
}

TEST(InsightSuppression, TwoSmallCellsNeedNoSecondary) {
  EXPECT_EQ(hidden({1, 4, 30, 6}), (std::vector<bool>{true, true, false, false}));
}

TEST(InsightSuppression, ASmallCellBesideOneOtherHidesBoth) {
  EXPECT_EQ(hidden({2, 40}), (std::vector<bool>{true, true}));
}

TEST(InsightSuppression, ASmallTotalHidesEverything) {
  auto result = suppress(std::vector<int>{2, 0, 1}, 5);
  EXPECT_EQ(result.hidden, (std::vector<bool>{true, false, true}));
  EXPECT_TRUE(result.total_hidden);
}

TEST(InsightSuppression, ThresholdIsConfigurable) {
  EXPECT_EQ(hidden({8, 20, 30}, 10), (std::vector<bool>{true, true, false}));
  EXPECT_EQ(hidden({8, 20, 30}, 1), (std::vector<bool>{false, false, false}));
}

TEST(InsightSuppression, NoHiddenCellCanBeWorkedOutFromTheTotal) {
  // Whatever the counts, never exactly one non-zero cell hidden while the total shows.
  for (int a = 0; a < 8; ++a)
    for (int b = 0; b < 8; ++b)
      for (int c = 0; c < 8; ++c) {
        std::vector<int> counts{a, b, c};
        auto result = suppress(counts, 5);
        int hidden_non_zero = 0;
        for (std::size_t i = 0; i < counts.size(); ++i) {
          if (result.hidden[i]) ++hidden_non_zero;
          if (counts[i] > 0 && counts[i] < 5) {
            EXPECT_TRUE(result.hidden[i]);
          }
        }
        if (!result.total_hidden) {
          EXPECT_NE(hidden_non_zero, 1) << a << "," << b << "," << c;
        }
      }
}

// --- Segmentation ------------------------------------------------------------------------------------

TEST(InsightSegmentation, SplitsByGroupWithTotalAndUnknowns) {
  std::vector<InsightCase> cases;
  add_settled(cases, "female", 10, 8);
  add_settled(cases, "male", 20, 10);
  add_settled(cases, "not_stated", 5, 3);
  for (int i = 0; i < 6; ++i) cases.push_back(released_case());  // nothing recorded: not settled
  cases.push_back(a_case());                                       // not released: not counted
  auto segmentation = segment(Measure::settled_first_night, cases, Characteristic::sex, the_year, today, {});
  EXPECT_EQ(segmentation.total.people, 41);
  EXPECT_EQ(segmentation.total.met, 21);
  EXPECT_EQ(segmentation.rows.size(), 5u);
  EXPECT_EQ(row_for(segmentation, "female").people, 10);
  EXPECT_DOUBLE_EQ(*row_for(segmentation, "female").share, 0.8);
  EXPECT_EQ(row_for(segmentation, "not_stated").met, 3);
  EXPECT_EQ(row_for(segmentation, "prefers_not_to_say").people, 0);
  EXPECT_EQ(row_for(segmentation, "not_recorded").people, 6);
  EXPECT_FALSE(segmentation.all_hidden());
}

TEST(InsightSegmentation, FlagsAGroupBeyondTheMarginButNeverUnknowns) {
  std::vector<InsightCase> cases;
  add_settled(cases, "female", 10, 8);  // 80% against the rest's 9 of 31 (29%)
  add_settled(cases, "male", 20, 9);    // 45% against 8 of 21 (38%): within the margin
  add_settled(cases, "not_stated", 5, 0);
  for (int i = 0; i < 6; ++i) cases.push_back(released_case());
  auto segmentation = segment(Measure::settled_first_night, cases, Characteristic::sex, the_year, today, {});
  const auto& female = row_for(segmentation, "female");
  EXPECT_TRUE(female.flagged);
  EXPECT_NEAR(*female.difference, 0.8 - 9.0 / 31, 1e-9);
  EXPECT_FALSE(row_for(segmentation, "male").flagged);
  EXPECT_FALSE(row_for(segmentation, "not_stated").flagged);
  EXPECT_FALSE(row_for(segmentation, "not_stated").difference);
  auto wide = segment(Measure::settled_first_night, cases, Characteristic::sex, the_year, today, {5, 0.6});
  EXPECT_FALSE(row_for(wide, "female").flagged);
}

TEST(InsightSegmentation, ASmallGroupIsHiddenWithItsSecondary) {
  std::vector<InsightCase> cases;
  add_settled(cases, "female", 3, 3);
  add_settled(cases, "male", 20, 10);
  add_settled(cases, "not_stated", 6, 1);
  auto segmentation = segment(Measure::settled_first_night, cases, Characteristic::sex, the_year, today, {});
  EXPECT_TRUE(row_for(segmentation, "female").hidden);
  EXPECT_FALSE(row_for(segmentation, "female").share);
  EXPECT_FALSE(row_for(segmentation, "female").flagged);
  EXPECT_TRUE(row_for(segmentation, "not_stated").hidden);
  EXPECT_FALSE(row_for(segmentation, "male").hidden);
  EXPECT_FALSE(segmentation.total.hidden);
  EXPECT_EQ(segmentation.total.people, 29);
}

TEST(InsightSegmentation, AChartWithEveryCellHiddenSaysSo) {
  std::vector<InsightCase> cases;
  add_settled(cases, "female", 2, 1);
  add_settled(cases, "male", 1, 1);
  auto segmentation = segment(Measure::settled_first_night, cases, Characteristic::sex, the_year, today, {});
  EXPECT_TRUE(segmentation.all_hidden());
  EXPECT_TRUE(segmentation.total.hidden);
  EXPECT_FALSE(segmentation.total.share);
  for (const auto& row : segmentation.rows) EXPECT_FALSE(row.share);
}

TEST(InsightSegmentation, NoOneCountedIsAllHidden) {
  auto segmentation = segment(Measure::recalled, std::vector<InsightCase>{}, Characteristic::ethnicity, the_year, today, {});
  EXPECT_TRUE(segmentation.all_hidden());
  EXPECT_EQ(segmentation.rows.size(), 8u);
}

TEST(InsightSegmentation, AgeBandsAreJudgedAtThePeriodsEnd) {
  std::vector<InsightCase> cases;
  for (int i = 0; i < 5; ++i) {
    auto c = released_case();
    c.date_of_birth = 2002y / December / 31;  // 23 on 10 June, 24 on 31 December
    cases.push_back(c);
  }
  auto segmentation = segment(Measure::settled_first_night, cases, Characteristic::age_band, the_year, today, {});
  EXPECT_EQ(row_for(segmentation, "18_to_24").people, 5);
  auto later = segment(Measure::settled_first_night, cases, Characteristic::age_band,
                       {2026y / January / 1, 2028y / January / 1}, 2028y / January / 1, {});
  EXPECT_EQ(row_for(later, "25_to_29").people, 5);
}
