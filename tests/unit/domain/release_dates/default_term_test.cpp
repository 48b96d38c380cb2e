// The default term for an unpaid fine: the longest term the law allows for the amount, at every band
// edge (the penny below, the amount itself and the penny above), and the days a part payment takes off.
#include <gtest/gtest.h>

#include "domain/release_dates/default_term.hpp"

using namespace resettle;

namespace {

Date day(int y, unsigned m, unsigned d) { return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}}; }

Term days(int count) { return Term{0, 0, 0, count}; }
Term months(int count) { return Term{0, count, 0, 0}; }
Term years(int count) { return Term{count, 0, 0, 0}; }

// Sentencing Act 2020 s.129(4), written out here apart from the code's table: each band's upper amount
// in pence, its maximum, and the maximum of the band above it.
struct Edge {
  long long pence;
  Term at_or_below;
  Term above;
};
const Edge edges[] = {
    {20'000, days(7), days(14)},         {50'000, days(14), days(28)},        {100'000, days(28), days(45)},
    {250'000, days(45), months(3)},      {500'000, months(3), months(6)},     {1'000'000, months(6), months(12)},
    {2'000'000, months(12), months(18)}, {5'000'000, months(18), years(2)},   {10'000'000, years(2), years(3)},
    {25'000'000, years(3), years(5)},    {100'000'000, years(5), years(10)},
};

TEST(DefaultTerm, TheMaximumForEachAmountChangesJustAboveEachBand) {
  for (const auto& edge : edges) {
    EXPECT_EQ(maximum_default_term(edge.pence - 1), edge.at_or_below) << "a penny below " << edge.pence;
    EXPECT_EQ(maximum_default_term(edge.pence), edge.at_or_below) << "at " << edge.pence;
    EXPECT_EQ(maximum_default_term(edge.pence + 1), edge.above) << "a penny above " << edge.pence;
  }
  EXPECT_EQ(maximum_default_term(1), days(7));
  EXPECT_EQ(maximum_default_term(100'000'000'000), years(10));  // the largest fine a booking takes
}

TEST(DefaultTerm, ATermLongerThanTheLawAllowsIsServedAsTheMaximum) {
  auto served = default_term_served(day(2026, 6, 1), months(3), 40'000, 0);  // £400: at most 14 days
  EXPECT_EQ(served.days, 14);
  EXPECT_TRUE(served.limited);
  served = default_term_served(day(2026, 6, 1), days(14), 40'000, 0);
  EXPECT_EQ(served.days, 14);
  EXPECT_FALSE(served.limited);
  // Months are counted on the calendar from the start: 3 months from 1 June is 92 days.
  served = default_term_served(day(2026, 6, 1), years(1), 500'000, 0);  // £5,000: at most 3 months
  EXPECT_EQ(served.days, 92);
  EXPECT_TRUE(served.limited);
}

TEST(DefaultTerm, APartPaymentTakesOffTheDaysLessOneInProportionLeavingOutFractions) {
  Date start = day(2026, 6, 1);
  // 28 days for £1,000: the 27 days after the first, in the proportion paid.
  EXPECT_EQ(default_term_served(start, days(28), 100'000, 25'000).days_off_paid, 6);  // 6.75
  EXPECT_EQ(default_term_served(start, days(28), 100'000, 25'000).days, 22);
  EXPECT_EQ(default_term_served(start, days(28), 100'000, 3'703).days_off_paid, 0);   // 0.9998...
  EXPECT_EQ(default_term_served(start, days(28), 100'000, 3'704).days_off_paid, 1);   // 1.00008
  EXPECT_EQ(default_term_served(start, days(28), 100'000, 99'999).days, 2);           // 26.99... off
  EXPECT_EQ(default_term_served(start, days(28), 100'000, 0).days, 28);
  // The proportion applies to the term as the law limits it.
  auto served = default_term_served(start, months(3), 40'000, 20'000);  // 14 days, half paid: 6.5 off
  EXPECT_EQ(served.days_off_paid, 6);
  EXPECT_EQ(served.days, 8);
}

}  // namespace
