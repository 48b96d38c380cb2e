// Unit tests of drilling down to units and the interquartile range (domain/insight/units.hpp).
#include "domain/insight/units.hpp"

#include <gtest/gtest.h>

using namespace resettle;

namespace {
const std::vector<Prison> prisons{{"LEI", "HMP Leeds", "NE"}, {"HUL", "HMP Hull", "NE"}, {"BRS", "HMP Bristol", "SW"}};
const std::vector<ProbationDeliveryUnit> pdus{
    {"LDS", "Leeds", "NE"}, {"BST", "Bristol", "SW"}, {"NEW", "New unit", ""}};
const std::vector<Team> teams{
    {"LDS1", "Leeds North", "", "LDS"}, {"LEI1", "Leeds OMU", "LEI", ""}, {"LDS2", "Leeds South", "", "LDS"}};

std::vector<std::string> codes(const std::vector<std::pair<InsightScope, std::string>>& units) {
  std::vector<std::string> result;
  for (const auto& [unit, name] : units)
    result.push_back(std::string{entry_for(scope_kinds(), unit.kind).code} + ":" + unit.code);
  return result;
}

UnitShare with_changes(int people, int changes, int days) {
  UnitShare share;
  share.people = people;
  share.changes = changes;
  share.days = days;
  return share;
}

UnitShare unit(int people, int met) {
  UnitShare share;
  share.people = people;
  share.met = met;
  return share;
}
}  // namespace

TEST(InsightUnits, EachLevelDrillsToTheNext) {
  EXPECT_EQ(codes(units_within({ScopeKind::national, ""}, prisons, pdus, teams)),
            (std::vector<std::string>{"region:NE", "region:SW"}));
  EXPECT_EQ(codes(units_within({ScopeKind::region, "NE"}, prisons, pdus, teams)),
            (std::vector<std::string>{"pdu:LDS", "prison:LEI", "prison:HUL"}));
  EXPECT_EQ(codes(units_within({ScopeKind::pdu, "LDS"}, prisons, pdus, teams)),
            (std::vector<std::string>{"team:LDS1", "team:LDS2"}));
  EXPECT_EQ(codes(units_within({ScopeKind::prison, "LEI"}, prisons, pdus, teams)),
            (std::vector<std::string>{"team:LEI1"}));
  EXPECT_TRUE(units_within({ScopeKind::team, "LDS1"}, prisons, pdus, teams).empty());
  EXPECT_EQ(units_within({ScopeKind::national, ""}, prisons, pdus, teams)[0].second, "Region NE");
  EXPECT_EQ(units_within({ScopeKind::region, "NE"}, prisons, pdus, teams)[1].second, "HMP Leeds");
}

TEST(InsightUnits, QuartilesInterpolateBetweenRanks) {
  EXPECT_FALSE(quartiles_of({0.1, 0.2, 0.3}));
  auto four = quartiles_of({0.4, 0.1, 0.3, 0.2});
  ASSERT_TRUE(four);
  EXPECT_DOUBLE_EQ(four->lower, 0.175);
  EXPECT_DOUBLE_EQ(four->median, 0.25);
  EXPECT_DOUBLE_EQ(four->upper, 0.325);
  auto five = quartiles_of({1, 2, 3, 4, 5});
  EXPECT_DOUBLE_EQ(five->lower, 2);
  EXPECT_DOUBLE_EQ(five->median, 3);
  EXPECT_DOUBLE_EQ(five->upper, 4);
}

TEST(InsightUnits, SharesOutsideTheInterquartileRangeAreMarked) {
  auto comparison = compare_units({unit(10, 1), unit(10, 2), unit(10, 3), unit(10, 4), unit(10, 5)}, {});
  ASSERT_TRUE(comparison.quartiles);
  std::vector<AgainstRange> against;
  for (const auto& u : comparison.units) against.push_back(u.against);
  EXPECT_EQ(against, (std::vector<AgainstRange>{AgainstRange::below, AgainstRange::within, AgainstRange::within,
                                                AgainstRange::within, AgainstRange::above}));
  EXPECT_DOUBLE_EQ(*comparison.units[0].share, 0.1);
}

TEST(InsightUnits, SmallUnitsAreHiddenAsCellsAreAndLeftOutOfTheRange) {
  auto comparison = compare_units({unit(3, 3), unit(10, 2), unit(10, 3), unit(20, 4), unit(10, 5), unit(0, 0)}, {});
  EXPECT_TRUE(comparison.units[0].hidden);
  EXPECT_TRUE(comparison.units[1].hidden);  // the secondary: the smallest other
  EXPECT_FALSE(comparison.units[0].share);
  EXPECT_FALSE(comparison.units[5].hidden);  // zero names nobody
  EXPECT_FALSE(comparison.units[5].share);
  EXPECT_FALSE(comparison.quartiles);  // three shown shares are too few for a range
  for (const auto& u : comparison.units) EXPECT_EQ(u.against, AgainstRange::within);
}

TEST(InsightUnits, AThresholdOfOneHidesNothing) {
  auto comparison = compare_units({unit(1, 1), unit(2, 0)}, {1, 0.1});
  EXPECT_FALSE(comparison.units[0].hidden);
  EXPECT_DOUBLE_EQ(*comparison.units[0].share, 1.0);
}

// --- Compared on the officer change rate -----------------------------------------------------------------

TEST(InsightUnits, RatesArePerPersonPerSixMonthsOfTheDaysWithALead) {
  auto comparison = compare_unit_rates({with_changes(10, 3, 1830), with_changes(6, 0, 600)}, {});
  EXPECT_TRUE(comparison.by_rate);
  EXPECT_DOUBLE_EQ(*comparison.units[0].per_six_months, 3 * 183.0 / 1830);
  EXPECT_DOUBLE_EQ(*comparison.units[1].per_six_months, 0.0);
  EXPECT_FALSE(comparison.units[0].share);  // compared on the rate, not a share
  EXPECT_FALSE(comparison.quartiles);       // two units are too few for a range
  EXPECT_FALSE(compare_units({unit(10, 1)}, {}).by_rate);
}

TEST(InsightUnits, RatesOutsideTheInterquartileRangeAreMarked) {
  auto comparison = compare_unit_rates({with_changes(10, 1, 1830), with_changes(10, 2, 1830), with_changes(10, 3, 1830),
                                        with_changes(10, 4, 1830), with_changes(10, 5, 1830)},
                                       {});
  ASSERT_TRUE(comparison.quartiles);
  EXPECT_DOUBLE_EQ(comparison.quartiles->lower, 0.2);
  EXPECT_DOUBLE_EQ(comparison.quartiles->upper, 0.4);
  std::vector<AgainstRange> against;
  for (const auto& u : comparison.units) against.push_back(u.against);
  EXPECT_EQ(against, (std::vector<AgainstRange>{AgainstRange::below, AgainstRange::within, AgainstRange::within,
                                                AgainstRange::within, AgainstRange::above}));
}

TEST(InsightUnits, SmallUnitsHideTheirRatesAsTheirCountsAndAreLeftOutOfTheRange) {
  auto comparison = compare_unit_rates({with_changes(2, 9, 100), with_changes(10, 1, 1830), with_changes(10, 2, 1830),
                                        with_changes(20, 3, 1830), with_changes(10, 4, 1830), with_changes(0, 0, 0)},
                                       {});
  EXPECT_TRUE(comparison.units[0].hidden);
  EXPECT_FALSE(comparison.units[0].per_six_months);
  EXPECT_TRUE(comparison.units[1].hidden);  // the secondary: the smallest other
  EXPECT_FALSE(comparison.units[1].per_six_months);
  EXPECT_FALSE(comparison.units[5].hidden);  // zero names nobody, and has no rate
  EXPECT_FALSE(comparison.units[5].per_six_months);
  EXPECT_FALSE(comparison.quartiles);  // three shown rates are too few
  for (const auto& u : comparison.units) EXPECT_EQ(u.against, AgainstRange::within);
}
