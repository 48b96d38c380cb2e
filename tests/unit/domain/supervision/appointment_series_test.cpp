// Repeating appointments: the days of weekly, fortnightly and monthly series (month ends, 29 February,
// the clocks changing), dates left out, the 12-month cap and every bad field named.
#include "domain/supervision/appointment_series.hpp"

#include <gtest/gtest.h>

#include <functional>

#include "code_table_checks.hpp"
#include "refusal.hpp"
#include "domain/errors.hpp"

using namespace resettle;
using namespace std::chrono;

namespace {

constexpr Date monday{2027y / January / 4};
const std::vector<std::string> offices{"LDS", "BRD"};

std::vector<Date> dates(std::initializer_list<Date> days) { return days; }

FieldInput series_fields(FieldInput changes = {}) {
  for (auto [field, value] : {std::pair{"repeat", "weekly"}, {"until", "2027-02-01"}}) changes.try_emplace(field, value);
  return changes;
}

FieldInput booking(FieldInput changes = {}) {
  for (auto [field, value] : {std::pair{"on", "2027-01-04"}, {"starts_at", "10:00"}, {"ends_at", "11:00"},
                              {"office_code", "LDS"}, {"repeat", "weekly"}, {"until", "2027-02-01"}})
    changes.try_emplace(field, value);
  return changes;
}

using Failure = test_support::Refusal;

Failure failed(const std::function<void()>& call) { return test_support::refusal_of(call); }

std::vector<std::string> series_errors(FieldInput input, std::optional<Date> first = monday) {
  return failed([&] { read_appointment_series(input, first); }).fields;
}

std::string series_message(FieldInput input, std::optional<Date> first = monday) {
  auto failure = failed([&] { read_appointment_series(input, first); });
  return failure.messages.empty() ? "" : failure.messages.front();
}

}  // namespace

TEST(AppointmentSeries, RepeatsAreComplete) { code_checks::expect_complete_code_table(repeats(), 3); }

TEST(AppointmentSeries, WeeklyRunsUpToAndIncludingTheEndDate) {
  EXPECT_EQ(occurrences(Repeat::weekly, monday, Date{2027y / February / 1}),
            dates({monday, 2027y / January / 11, 2027y / January / 18, 2027y / January / 25, 2027y / February / 1}));
  EXPECT_EQ(occurrences(Repeat::weekly, monday, Date{2027y / January / 31}).size(), 4u) << "the end need not be one";
  EXPECT_EQ(occurrences(Repeat::weekly, monday, monday), dates({monday}));
  EXPECT_TRUE(occurrences(Repeat::weekly, monday, Date{2027y / January / 3}).empty());
}

TEST(AppointmentSeries, WeeklyCrossesTheYearAndFebruaryInALeapYear) {
  EXPECT_EQ(occurrences(Repeat::weekly, Date{2026y / December / 28}, Date{2027y / January / 11}),
            dates({2026y / December / 28, 2027y / January / 4, 2027y / January / 11}));
  EXPECT_EQ(occurrences(Repeat::weekly, Date{2028y / February / 22}, Date{2028y / March / 7}),
            dates({2028y / February / 22, 2028y / February / 29, 2028y / March / 7}));
}

TEST(AppointmentSeries, FortnightlyKeepsItsWeekdayWhenTheClocksChange) {
  // The clocks go forward on 28 March 2027 and back on 31 October 2027: dates are local, so nothing moves.
  auto spring = occurrences(Repeat::fortnightly, Date{2027y / March / 15}, Date{2027y / April / 12});
  EXPECT_EQ(spring, dates({2027y / March / 15, 2027y / March / 29, 2027y / April / 12}));
  auto autumn = occurrences(Repeat::fortnightly, Date{2027y / October / 25}, Date{2027y / November / 22});
  EXPECT_EQ(autumn, dates({2027y / October / 25, 2027y / November / 8, 2027y / November / 22}));
  for (auto day : spring) EXPECT_EQ(weekday_of(day), Monday);
}

TEST(AppointmentSeries, MonthlyKeepsTheDayOfTheMonthAndClampsToShortMonths) {
  EXPECT_EQ(occurrences(Repeat::monthly, Date{2027y / January / 31}, Date{2027y / May / 31}),
            dates({2027y / January / 31, 2027y / February / 28, 2027y / March / 31, 2027y / April / 30, 2027y / May / 31}))
      << "counted from the first each time, not from the clamped 28 February";
  EXPECT_EQ(occurrences(Repeat::monthly, Date{2028y / January / 31}, Date{2028y / March / 1}),
            dates({2028y / January / 31, 2028y / February / 29}));
  EXPECT_EQ(occurrences(Repeat::monthly, Date{2027y / January / 30}, Date{2027y / March / 30}),
            dates({2027y / January / 30, 2027y / February / 28, 2027y / March / 30}));
  EXPECT_EQ(occurrences(Repeat::monthly, Date{2027y / January / 15}, Date{2027y / March / 14}),
            dates({2027y / January / 15, 2027y / February / 15}));
}

TEST(AppointmentSeries, MonthlyFrom29FebruaryFallsOn28FebruaryTheNextYear) {
  auto days = occurrences(Repeat::monthly, Date{2028y / February / 29}, Date{2029y / February / 28});
  ASSERT_EQ(days.size(), 13u);
  EXPECT_EQ(days[1], Date{2028y / March / 29});
  EXPECT_EQ(days[11], Date{2029y / January / 29});
  EXPECT_EQ(days[12], Date{2029y / February / 28});
}

TEST(AppointmentSeries, AYearAtMostHoldsFiftyThreeWeeklyTwentySevenFortnightlyOrThirteenMonthly) {
  auto last = add_months(monday, series_months_at_most);
  EXPECT_EQ(last, Date{2028y / January / 4});
  auto weekly = occurrences(Repeat::weekly, monday, last);
  EXPECT_EQ(weekly.size(), 53u);
  EXPECT_EQ(weekly.back(), Date{2028y / January / 3});
  EXPECT_EQ(occurrences(Repeat::fortnightly, monday, last).size(), 27u);
  EXPECT_EQ(occurrences(Repeat::monthly, monday, last).size(), 13u);
}

TEST(AppointmentSeries, ExpandLeavesOutTheExceptions) {
  AppointmentSeries series{Repeat::weekly, monday, Date{2027y / February / 1},
                           {Date{2027y / January / 11}, Date{2027y / January / 25}}};
  EXPECT_EQ(expand(series), dates({monday, 2027y / January / 18, 2027y / February / 1}));
  series.exceptions.clear();
  EXPECT_EQ(expand(series).size(), 5u);
}

TEST(AppointmentSeries, ASeriesIsReadWithItsExceptionsSortedOnce) {
  auto series = read_appointment_series(series_fields({{"exceptions", " 2027-01-25, 2027-01-11,2027-01-25 ,"}}), monday);
  EXPECT_EQ(series.repeat, Repeat::weekly);
  EXPECT_EQ(series.first, monday);
  EXPECT_EQ(series.until, Date{2027y / February / 1});
  EXPECT_EQ(series.exceptions, dates({2027y / January / 11, 2027y / January / 25}));
  EXPECT_EQ(expand(series), dates({monday, 2027y / January / 18, 2027y / February / 1}));
}

TEST(AppointmentSeries, TheEndDateMayComeAsAGovukDateInput) {
  auto series = read_appointment_series(
      {{"repeat", "fortnightly"}, {"until-day", "1"}, {"until-month", "2"}, {"until-year", "2027"}}, monday);
  EXPECT_EQ(series.until, Date{2027y / February / 1});
  EXPECT_EQ(expand(series), dates({monday, 2027y / January / 18, 2027y / February / 1}));
}

TEST(AppointmentSeries, EveryBadFieldIsNamed) {
  EXPECT_EQ(series_errors({}), (std::vector<std::string>{"repeat", "until"}));
  EXPECT_EQ(series_errors(series_fields({{"repeat", "daily"}})), std::vector<std::string>{"repeat"});
  EXPECT_EQ(series_errors({{"repeat", "weekly"}}), std::vector<std::string>{"until"}) << "a series without an end";
  EXPECT_EQ(series_errors(series_fields({{"until", "2027-02-30"}})), std::vector<std::string>{"until"});
  EXPECT_EQ(series_errors(series_fields({{"exceptions", "11/01/2027"}})), std::vector<std::string>{"exceptions"});
  EXPECT_EQ(series_errors(series_fields({{"exceptions", "2027-01-11, soon"}})), std::vector<std::string>{"exceptions"});
  EXPECT_EQ(series_errors({{"repeat", "daily"}, {"until", "tomorrow"}, {"exceptions", "x"}}),
            (std::vector<std::string>{"repeat", "until", "exceptions"}));
}

TEST(AppointmentSeries, TheEndIsFromTheSecondAppointmentToTwelveMonthsOn) {
  EXPECT_EQ(series_errors(series_fields({{"until", "2027-01-10"}})), std::vector<std::string>{"until"}) << "one only";
  EXPECT_EQ(series_message(series_fields({{"until", "2027-01-10"}})),
            "must be on or after 11 January 2027, the series' second appointment");
  EXPECT_EQ(series_errors(series_fields({{"until", "2027-01-03"}})), std::vector<std::string>{"until"}) << "before it starts";
  EXPECT_TRUE(series_errors(series_fields({{"until", "2027-01-11"}})).empty());
  EXPECT_EQ(series_errors(series_fields({{"repeat", "fortnightly"}, {"until", "2027-01-17"}})),
            std::vector<std::string>{"until"});
  EXPECT_TRUE(series_errors(series_fields({{"repeat", "fortnightly"}, {"until", "2027-01-18"}})).empty());
  EXPECT_EQ(series_errors({{"repeat", "monthly"}, {"until", "2027-02-27"}}, Date{2027y / January / 31}),
            std::vector<std::string>{"until"});
  EXPECT_TRUE(series_errors({{"repeat", "monthly"}, {"until", "2027-02-28"}}, Date{2027y / January / 31}).empty())
      << "the second monthly appointment is clamped to 28 February";
  EXPECT_TRUE(series_errors(series_fields({{"until", "2028-01-04"}})).empty()) << "exactly 12 months";
  EXPECT_EQ(series_errors(series_fields({{"until", "2028-01-05"}})), std::vector<std::string>{"until"});
  EXPECT_NE(series_message(series_fields({{"until", "2028-01-05"}})).find("no later than 4 January 2028"), std::string::npos);
  EXPECT_TRUE(series_errors({{"repeat", "monthly"}, {"until", "2029-02-28"}}, Date{2028y / February / 29}).empty());
  EXPECT_EQ(series_errors({{"repeat", "monthly"}, {"until", "2029-03-01"}}, Date{2028y / February / 29}),
            std::vector<std::string>{"until"});
}

TEST(AppointmentSeries, AnExceptionMustBeAnAppointmentOfTheSeriesOtherThanTheFirst) {
  EXPECT_EQ(series_errors(series_fields({{"exceptions", "2027-01-12"}})), std::vector<std::string>{"exceptions"})
      << "a Tuesday in a Monday series";
  EXPECT_EQ(series_message(series_fields({{"exceptions", "2027-01-12"}})),
            "must be days the series falls on: 12 January 2027 is not one of them");
  EXPECT_EQ(series_errors(series_fields({{"exceptions", "2027-02-08"}})), std::vector<std::string>{"exceptions"})
      << "after the end";
  EXPECT_EQ(series_errors(series_fields({{"exceptions", "2026-12-28"}})), std::vector<std::string>{"exceptions"})
      << "before the first";
  EXPECT_EQ(series_errors(series_fields({{"exceptions", "2027-01-04"}})), std::vector<std::string>{"exceptions"})
      << "the first appointment itself";
  EXPECT_EQ(series_errors(series_fields({{"repeat", "fortnightly"}, {"exceptions", "2027-01-11"}})),
            std::vector<std::string>{"exceptions"});
  EXPECT_TRUE(series_errors(series_fields({{"exceptions", "2027-02-01"}})).empty()) << "the last may be left out";
  EXPECT_EQ(series_errors(series_fields({{"until", "2028-01-05"}, {"exceptions", "2027-01-12"}})),
            std::vector<std::string>{"until"})
      << "exceptions are checked against a good end only";
}

TEST(AppointmentSeries, WithTheFirstDayUnknownOnlyTheFieldsThemselvesAreChecked) {
  EXPECT_TRUE(series_errors(series_fields({{"until", "2030-01-01"}, {"exceptions", "2027-01-12"}}), std::nullopt).empty());
  EXPECT_EQ(series_errors({{"repeat", "weekly"}}, std::nullopt), std::vector<std::string>{"until"});
}

TEST(SeriesBooking, ReadsTheFirstAppointmentAndItsSeries) {
  auto booked = read_series_booking(booking({{"exceptions", "2027-01-18"}}), AppointmentType::supervision, monday, offices);
  EXPECT_EQ(booked.first.on, monday);
  EXPECT_EQ(booked.first.office_code, "LDS");
  EXPECT_EQ(booked.series.first, monday);
  EXPECT_EQ(expand(booked.series), dates({monday, 2027y / January / 11, 2027y / January / 25, 2027y / February / 1}));
}

TEST(SeriesBooking, NamesEveryBadFieldOfTheAppointmentThenOfTheSeries) {
  auto read = [](FieldInput input) {
    return failed([&] { read_series_booking(input, AppointmentType::supervision, monday, offices); }).fields;
  };
  EXPECT_EQ(read({}), (std::vector<std::string>{"on", "starts_at", "ends_at", "office_code", "repeat", "until"}));
  EXPECT_EQ(read(booking({{"ends_at", "09:00"}, {"until", ""}})), (std::vector<std::string>{"ends_at", "until"}));
  EXPECT_EQ(read(booking({{"on", "2027-01-03"}, {"until", "2027-01-05"}})), (std::vector<std::string>{"on", "until"}))
      << "a day in the past is still the day the series is checked against";
  EXPECT_EQ(read(booking({{"on", "soon"}, {"until", "2027-01-05"}})), std::vector<std::string>{"on"})
      << "with no first day, the end cannot be checked against it";
  EXPECT_EQ(read(booking({{"on", ""}, {"on-day", "4"}, {"on-month", "1"}, {"on-year", "2027"}, {"until", "2027-01-05"}})),
            std::vector<std::string>{"until"})
      << "the first day given in a date input's boxes";
}
