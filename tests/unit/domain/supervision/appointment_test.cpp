// Appointments: times of day, reading a booking with every bad field named, and the induction's
// window of the day of release or the next working day.
#include "domain/supervision/appointment.hpp"

#include <gtest/gtest.h>

#include <functional>

#include "code_table_checks.hpp"
#include "refusal.hpp"
#include "domain/errors.hpp"

using namespace resettle;
using namespace std::chrono;

namespace {

const std::vector<std::string> offices{"LDS", "BRD"};
constexpr Date monday{2027y / January / 4};
const BankHolidays new_year{{Date{2027y / January / 1}}, Date{2027y / January / 1}, Date{2027y / December / 31}};

FieldInput booking(FieldInput changes = {}) {
  for (auto [field, value] : {std::pair{"on", "2027-01-04"}, {"starts_at", "10:00"}, {"ends_at", "11:00"}, {"office_code", "LDS"}})
    changes.try_emplace(field, value);
  return changes;
}

using test_support::failed_fields;

}  // namespace

TEST(ClockTime, ReadsTheTwentyFourHourClockAndWritesItWithTwoDigits) {
  EXPECT_EQ(parse_clock_time("00:00"), ClockTime{0});
  EXPECT_EQ(parse_clock_time("9:05"), ClockTime{545});
  EXPECT_EQ(parse_clock_time("23:59"), ClockTime{1439});
  for (auto bad : {"", "24:00", "12:60", "9.30", "0930", "930", ":30", "123:00", "1:2", "ab:cd", "-1:00", "10:00 "})
    EXPECT_FALSE(parse_clock_time(bad)) << bad;
  EXPECT_EQ(to_text(ClockTime{545}), "09:05");
  EXPECT_EQ(to_text(ClockTime{1439}), "23:59");
  for (int minutes = 0; minutes < 24 * 60; ++minutes)
    ASSERT_EQ(parse_clock_time(to_text(ClockTime{minutes})), ClockTime{minutes});
}

TEST(Appointment, TypesAreComplete) { code_checks::expect_complete_code_table(appointment_types(), 6); }

TEST(Appointment, ABookingIsReadWithItsTimesOfficeAndNotes) {
  auto appointment = read_appointment(booking({{"starts_at", "9:30"}, {"notes", "Bring ID"}}), AppointmentType::induction,
                                      monday, offices);
  EXPECT_EQ(appointment.type, AppointmentType::induction);
  EXPECT_EQ(appointment.on, monday);
  EXPECT_EQ(to_text(appointment.starts_at), "09:30");
  EXPECT_EQ(to_text(appointment.ends_at), "11:00");
  EXPECT_EQ(appointment.office_code, "LDS");
  EXPECT_EQ(appointment.notes, "Bring ID");
}

TEST(Appointment, EveryBadFieldIsNamed) {
  auto read = [](FieldInput input) {
    return failed_fields([&] { read_appointment(input, AppointmentType::supervision, monday, offices); });
  };
  EXPECT_EQ(read({}), (std::vector<std::string>{"on", "starts_at", "ends_at", "office_code"}));
  EXPECT_EQ(read(booking({{"on", "2027-01-03"}})), std::vector<std::string>{"on"}) << "in the past";
  EXPECT_EQ(read(booking({{"on", "2027-02-30"}})), std::vector<std::string>{"on"});
  EXPECT_EQ(read(booking({{"starts_at", "25:00"}})), std::vector<std::string>{"starts_at"});
  EXPECT_EQ(read(booking({{"ends_at", "10:00"}})), std::vector<std::string>{"ends_at"}) << "ends as it starts";
  EXPECT_EQ(read(booking({{"ends_at", "09:00"}})), std::vector<std::string>{"ends_at"}) << "ends before it starts";
  EXPECT_EQ(read(booking({{"office_code", "MARS"}})), std::vector<std::string>{"office_code"});
  EXPECT_EQ(read(booking({{"notes", std::string(501, 'x')}})), std::vector<std::string>{"notes"});
}

TEST(Induction, OnlyTheComOrAManagerBooksIt) {
  EXPECT_TRUE(may_book_appointments(Role::com));
  EXPECT_TRUE(may_book_appointments(Role::manager));
  for (auto role : {Role::pom, Role::key_worker, Role::pre_release, Role::partner, Role::admin})
    EXPECT_FALSE(may_book_appointments(role)) << role_label(role);
}

TEST(Induction, OnTheDayOfReleaseOrTheNextWorkingDay) {
  auto window = induction_window(Date{2026y / December / 31}, new_year);  // a Thursday before New Year's Day
  EXPECT_EQ(window.first, Date{2026y / December / 31});
  EXPECT_EQ(window.last, monday) << "over the bank holiday and the weekend";
  auto induction = read_appointment(booking(), AppointmentType::induction, Date{2026y / December / 20}, offices);
  EXPECT_NO_THROW(require_in_induction_window(induction, Date{2026y / December / 31}, new_year));
  EXPECT_EQ(failed_fields([&] { require_in_induction_window(induction, Date{2026y / December / 29}, new_year); }),
            std::vector<std::string>{"on"});
  EXPECT_EQ(failed_fields([&] { require_in_induction_window(induction, Date{2027y / January / 5}, new_year); }),
            std::vector<std::string>{"on"}) << "before the day of release";
}
