// Booking warnings: bank holidays, weekends and days beyond the bank holiday list; clashes with the
// person's other appointments and work (overlapping, not back to back); and warnings for a series.
#include "domain/release_dates/booking_warnings.hpp"

#include <gtest/gtest.h>

#include "code_table_checks.hpp"
#include "domain/supervision/appointment_series.hpp"

using namespace resettle;
using namespace std::chrono;

namespace {

constexpr Date monday{2027y / January / 4};
const BankHolidays holidays_2027{{Date{2027y / January / 1}, Date{2027y / March / 26}, Date{2027y / March / 29},
                                  Date{2027y / May / 3}, Date{2027y / May / 31}, Date{2027y / August / 30},
                                  Date{2027y / December / 27}, Date{2027y / December / 28}},
                                 Date{2027y / January / 1}, Date{2027y / December / 31}};
const WorkingWeek no_work{};

ClockTime at(const char* text) { return *parse_clock_time(text); }

Appointment appointment(Date on, const char* starts, const char* ends, std::int64_t id = 0,
                        AppointmentType type = AppointmentType::supervision) {
  Appointment booked;
  booked.id = id;
  booked.type = type;
  booked.on = on;
  booked.starts_at = at(starts);
  booked.ends_at = at(ends);
  return booked;
}

std::vector<BookingWarningKind> kinds(const std::vector<BookingWarning>& warnings) {
  std::vector<BookingWarningKind> found;
  for (const auto& warning : warnings) found.push_back(warning.kind);
  return found;
}

std::vector<BookingWarning> warnings_for(Date on, std::span<const Appointment> others = {},
                                         const WorkingWeek& work = no_work) {
  return booking_warnings(appointment(on, "10:00", "11:00"), others, work, holidays_2027);
}

}  // namespace

TEST(BookingWarnings, KindsAreComplete) { code_checks::expect_complete_code_table(booking_warning_kinds(), 5); }

TEST(BookingWarnings, NoneOnAnOrdinaryWorkingDayWithNothingElseBooked) {
  EXPECT_TRUE(warnings_for(monday).empty());
  EXPECT_TRUE(warnings_for(Date{2027y / December / 31}).empty()) << "the last day the list covers";
}

TEST(BookingWarnings, ABankHolidayIsNamed) {
  auto warnings = warnings_for(Date{2027y / May / 3});
  ASSERT_EQ(kinds(warnings), std::vector{BookingWarningKind::bank_holiday});
  EXPECT_EQ(warnings[0].on, Date{2027y / May / 3});
  EXPECT_EQ(warnings[0].message, "3 May 2027 is a bank holiday: most offices are closed");
  EXPECT_EQ(kinds(warnings_for(Date{2027y / March / 26})), std::vector{BookingWarningKind::bank_holiday}) << "Good Friday";
  EXPECT_EQ(kinds(warnings_for(Date{2027y / December / 28})), std::vector{BookingWarningKind::bank_holiday})
      << "a substitute day for Boxing Day";
}

TEST(BookingWarnings, AWeekendIsNamed) {
  auto saturday = warnings_for(Date{2027y / January / 9});
  ASSERT_EQ(kinds(saturday), std::vector{BookingWarningKind::weekend});
  EXPECT_EQ(saturday[0].message, "9 January 2027 is a Saturday");
  auto sunday = warnings_for(Date{2027y / January / 10});
  ASSERT_EQ(kinds(sunday), std::vector{BookingWarningKind::weekend});
  EXPECT_EQ(sunday[0].message, "10 January 2027 is a Sunday");
  EXPECT_EQ(kinds(warnings_for(Date{2027y / December / 25})), std::vector{BookingWarningKind::weekend})
      << "Christmas Day on a Saturday: the bank holiday is the Monday after";
}

TEST(BookingWarnings, ADayBeyondTheBankHolidayListMayYetBeOne) {
  auto warnings = warnings_for(Date{2028y / January / 4});
  ASSERT_EQ(kinds(warnings), std::vector{BookingWarningKind::bank_holidays_unknown});
  EXPECT_EQ(warnings[0].message, "We do not know yet whether 4 January 2028 is a bank holiday: check before the person is told");
  EXPECT_EQ(kinds(warnings_for(Date{2026y / December / 31})), std::vector{BookingWarningKind::bank_holidays_unknown});
  EXPECT_EQ(kinds(warnings_for(Date{2028y / January / 8})), std::vector{BookingWarningKind::weekend})
      << "a weekend is warned of already";
}

TEST(BookingWarnings, AClashIsAnOverlapOnTheSameDayAndBackToBackIsNone) {
  std::vector<Appointment> others{
      appointment(monday, "09:00", "10:00", 1),                              // ends as it starts
      appointment(monday, "11:00", "12:00", 2),                              // starts as it ends
      appointment(monday, "10:30", "11:30", 3, AppointmentType::drug_test),  // overlaps the end
      appointment(monday, "09:30", "10:01", 4),                              // overlaps the start by a minute
      appointment(monday, "08:00", "17:00", 5, AppointmentType::programme_session),  // around it
      appointment(monday, "10:15", "10:45", 6, AppointmentType::home_visit),          // inside it
      appointment(Date{2027y / January / 5}, "10:00", "11:00", 7),                    // another day
  };
  auto warnings = warnings_for(monday, others);
  ASSERT_EQ(warnings.size(), 4u);
  std::vector<std::int64_t> ids;
  for (const auto& warning : warnings) {
    EXPECT_EQ(warning.kind, BookingWarningKind::clashes_with_appointment);
    EXPECT_EQ(warning.on, monday);
    ids.push_back(warning.clashing_appointment_id);
  }
  EXPECT_EQ(ids, (std::vector<std::int64_t>{5, 4, 6, 3})) << "earliest start first";
  EXPECT_EQ(warnings[0].message, "Clashes with their programme session appointment on 4 January 2027 from 08:00 to 17:00");
  EXPECT_EQ(warnings[3].message, "Clashes with their drug test appointment on 4 January 2027 from 10:30 to 11:30");
}

TEST(BookingWarnings, AnAppointmentBeingMovedDoesNotClashWithItself) {
  std::vector<Appointment> others{appointment(monday, "10:00", "11:00", 9)};
  EXPECT_TRUE(booking_warnings(appointment(monday, "10:30", "11:30", 9), others, no_work, holidays_2027).empty());
  EXPECT_EQ(booking_warnings(appointment(monday, "10:30", "11:30", 8), others, no_work, holidays_2027).size(), 1u);
  EXPECT_EQ(booking_warnings(appointment(monday, "10:30", "11:30", 0), std::vector{appointment(monday, "10:00", "11:00", 0)},
                             no_work, holidays_2027)
                .size(),
            1u)
      << "id 0 is a booking not yet made, not the same one";
}

TEST(BookingWarnings, AClashWithWorkNamesTheShift) {
  WorkingWeek work{{{Monday, at("09:00"), at("17:00")},
                       {Tuesday, at("10:00"), at("11:00")},
                       {Monday, at("06:00"), at("10:00")},    // ends as the appointment starts
                       {Monday, at("18:00"), at("22:00")}}};  // the evening
  auto warnings = warnings_for(monday, {}, work);
  ASSERT_EQ(kinds(warnings), std::vector{BookingWarningKind::clashes_with_work});
  EXPECT_EQ(warnings[0].message, "Clashes with their work on Mondays from 09:00 to 17:00");
  EXPECT_EQ(warnings[0].clashing_appointment_id, 0);
  auto tuesday = warnings_for(Date{2027y / January / 5}, {}, work);
  ASSERT_EQ(kinds(tuesday), std::vector{BookingWarningKind::clashes_with_work});
  EXPECT_EQ(tuesday[0].message, "Clashes with their work on Tuesdays from 10:00 to 11:00");
  EXPECT_TRUE(warnings_for(Date{2027y / January / 6}, {}, work).empty()) << "no shift on Wednesdays";
}

TEST(BookingWarnings, TheDayComesFirstThenAppointmentsThenWork) {
  constexpr Date saturday{2027y / January / 9};
  WorkingWeek work{{{Saturday, at("08:00"), at("12:00")}}};
  std::vector<Appointment> others{appointment(saturday, "10:30", "11:30", 1)};
  EXPECT_EQ(kinds(warnings_for(saturday, others, work)),
            (std::vector{BookingWarningKind::weekend, BookingWarningKind::clashes_with_appointment,
                         BookingWarningKind::clashes_with_work}));
}

TEST(BookingWarnings, ASeriesIsWarnedOfDayByDay) {
  AppointmentSeries series{Repeat::weekly, Date{2027y / March / 22}, Date{2027y / April / 12}, {}};
  auto days = expand(series);
  std::vector<Appointment> others{appointment(Date{2027y / April / 12}, "10:30", "11:30", 1)};
  WorkingWeek work{{{Monday, at("10:45"), at("12:00")}}};
  auto warnings = series_warnings(appointment(series.first, "10:00", "11:00"), days, others, no_work, holidays_2027);
  ASSERT_EQ(kinds(warnings), (std::vector{BookingWarningKind::bank_holiday, BookingWarningKind::clashes_with_appointment}));
  EXPECT_EQ(warnings[0].on, Date{2027y / March / 29}) << "Easter Monday";
  EXPECT_EQ(warnings[1].on, Date{2027y / April / 12});
  EXPECT_EQ(series_warnings(appointment(series.first, "10:00", "11:00"), days, others, work, holidays_2027).size(), 6u)
      << "and the work clash on each of the 4 Mondays";
  EXPECT_TRUE(series_warnings(appointment(series.first, "10:00", "11:00"), {}, others, work, holidays_2027).empty());
}

TEST(BookingWarnings, AMonthlySeriesMeetsAWeekendAndTheEndOfTheList) {
  auto days = occurrences(Repeat::monthly, Date{2027y / November / 15}, Date{2028y / February / 15});
  auto warnings = series_warnings(appointment(days.front(), "10:00", "11:00"), days, {}, no_work, holidays_2027);
  ASSERT_EQ(kinds(warnings), (std::vector{BookingWarningKind::weekend, BookingWarningKind::bank_holidays_unknown}));
  EXPECT_EQ(warnings[0].on, Date{2028y / January / 15});
  EXPECT_EQ(warnings[1].on, Date{2028y / February / 15});
}
