// Moving and cancelling appointments: who may, which appointments still may be, the reason, the move
// read over the booking, what a return to custody cancels, and which messages are withheld.
#include "domain/supervision/appointment_change.hpp"

#include <gtest/gtest.h>

#include "refusal.hpp"
#include "domain/errors.hpp"

using namespace resettle;
using namespace std::chrono;

namespace {

using test_support::failed_fields;

const std::vector<std::string> offices{"LDS", "BRD"};
constexpr Date monday{2027y / January / 4};

Appointment booked(std::int64_t id = 7, Date on = monday) {
  Appointment appointment;
  appointment.id = id;
  appointment.person_id = 3;
  appointment.version = 2;
  appointment.type = AppointmentType::supervision;
  appointment.on = on;
  appointment.starts_at = ClockTime{10 * 60};
  appointment.ends_at = ClockTime{11 * 60};
  appointment.office_code = "LDS";
  appointment.with_staff_id = 5;
  appointment.booked_by = 5;
  appointment.notes = "Bring your licence";
  appointment.series_id = 9;
  return appointment;
}

LocalDateTime at(Date on, int hour, int minute = 0) { return {on, ClockTime{hour * 60 + minute}}; }

OutboxMessage message(MessageKind kind, MessageStatus status = MessageStatus::queued) {
  OutboxMessage message;
  message.id = static_cast<std::int64_t>(kind) + 1;
  message.kind = kind;
  message.status = status;
  message.idempotency_key = idempotency_key("appointment", 7, kind, 2);
  return message;
}

std::string conflict_of(const Appointment& appointment, bool has_outcome, LocalDateTime now) {
  try {
    require_changeable(appointment, has_outcome, now);
  } catch (const Conflict& conflict) {
    return conflict.what();
  }
  return "";
}

}  // namespace

TEST(AppointmentChange, OnlyThoseWhoBookMayMoveOrCancel) {
  for (const auto& role : roles())
    EXPECT_EQ(may_book_appointments(role.value), role.value == Role::com || role.value == Role::manager) << role.code;
}

TEST(AppointmentChange, MayChangeOnlyWhatIsStillToCome) {
  auto appointment = booked();
  EXPECT_FALSE(why_unchangeable(appointment, false, at(monday, 9, 59))) << "a minute before it starts";
  EXPECT_FALSE(why_unchangeable(appointment, false, at(add_days(monday, -30), 12)));
  EXPECT_NO_THROW(require_changeable(appointment, false, at(monday, 9, 59)));
  EXPECT_NE(conflict_of(appointment, false, at(monday, 10)).find("already started"), std::string::npos) << "at its start";
  EXPECT_NE(conflict_of(appointment, false, at(monday, 10, 30)).find("already started"), std::string::npos);
  EXPECT_NE(conflict_of(appointment, false, at(add_days(monday, 1), 8)).find("already started"), std::string::npos)
      << "the day after";
  EXPECT_NE(conflict_of(appointment, true, at(monday, 9)).find("recorded"), std::string::npos)
      << "an outcome recorded early still stops it changing";
  auto cancelled = appointment;
  cancelled.cancellation = Cancellation{"2027-01-02T09:00:00Z", 5, "Office closed"};
  EXPECT_EQ(conflict_of(cancelled, false, at(monday, 9)), "the appointment was cancelled on 2027-01-02");
  auto induction = appointment;
  induction.type = AppointmentType::induction;
  EXPECT_NE(conflict_of(induction, false, at(monday, 9)).find("induction page"), std::string::npos);
}

TEST(AppointmentChange, AReasonIsRequiredToCancel) {
  EXPECT_EQ(read_cancellation_reason({{"reason", "  Office closed  "}}), "Office closed");
  EXPECT_EQ(failed_fields([] { read_cancellation_reason({}); }), std::vector<std::string>{"reason"});
  EXPECT_EQ(failed_fields([] { read_cancellation_reason({{"reason", "   "}}); }), std::vector<std::string>{"reason"});
  EXPECT_EQ(failed_fields([] { read_cancellation_reason({{"reason", std::string(501, 'x')}}); }),
            std::vector<std::string>{"reason"});
  EXPECT_EQ(read_cancellation_reason({{"reason", std::string(500, 'x')}}).size(), 500u);
}

TEST(AppointmentChange, AMoveKeepsWhatIsNotGivenAndEverythingButWhenAndWhere) {
  auto moved = read_move({{"on", "2027-01-05"}}, booked(), monday, offices);
  auto expected = booked();
  expected.on = add_days(monday, 1);
  EXPECT_EQ(moved, expected) << "id, person, version, type, officer, notes and series kept";
  moved = read_move({{"starts_at", "14:00"}, {"ends_at", "15:30"}, {"office_code", "BRD"}, {"notes", "changed"}}, booked(),
                    monday, offices);
  EXPECT_EQ(moved.on, monday);
  EXPECT_EQ(moved.starts_at, ClockTime{14 * 60});
  EXPECT_EQ(moved.ends_at, ClockTime{15 * 60 + 30});
  EXPECT_EQ(moved.office_code, "BRD");
  EXPECT_EQ(moved.notes, "Bring your licence") << "moving changes when and where only";
  moved = read_move({{"on-day", "6"}, {"on-month", "1"}, {"on-year", "2027"}}, booked(), monday, offices);
  EXPECT_EQ(moved.on, add_days(monday, 2)) << "the page's date boxes win over the booked day";
}

TEST(AppointmentChange, AMoveIsCheckedAsABookingIs) {
  EXPECT_EQ(failed_fields([] { read_move({{"on", "2027-01-03"}}, booked(), monday, offices); }),
            std::vector<std::string>{"on"})
      << "not before today";
  EXPECT_EQ(failed_fields([] { read_move({{"ends_at", "09:00"}}, booked(), monday, offices); }),
            std::vector<std::string>{"ends_at"})
      << "the end after the booked start";
  EXPECT_EQ(failed_fields([] { read_move({{"office_code", "XYZ"}, {"starts_at", "25:00"}}, booked(), monday, offices); }),
            (std::vector<std::string>{"starts_at", "office_code"}));
  EXPECT_EQ(failed_fields([] { read_move({{"on", ""}}, booked(), monday, offices); }), std::vector<std::string>{"on"});
  EXPECT_EQ(failed_fields([] { read_move({}, booked(), monday, offices); }), std::vector<std::string>{"on"})
      << "nothing would change";
  EXPECT_EQ(failed_fields([] { read_move({{"on", "2027-01-04"}, {"office_code", "LDS"}}, booked(), monday, offices); }),
            std::vector<std::string>{"on"});
}

TEST(AppointmentChange, AReturnToCustodyCancelsFromItsDayWhatIsStillOpen) {
  auto before = booked(1, add_days(monday, -1));
  auto on_the_day = booked(2, monday);
  auto decided = booked(3, monday);
  auto cancelled = booked(4, add_days(monday, 7));
  cancelled.cancellation = Cancellation{"2027-01-01T09:00:00Z", 5, "Office closed"};
  auto later = booked(5, add_days(monday, 14));
  std::vector<Appointment> appointments{before, on_the_day, decided, cancelled, later};
  auto cancelling = cancelled_by_return(appointments, {3}, monday);
  ASSERT_EQ(cancelling.size(), 2u);
  EXPECT_EQ(cancelling[0].id, 2) << "the day of return itself, whatever the time";
  EXPECT_EQ(cancelling[1].id, 5);
  EXPECT_TRUE(cancelled_by_return({}, {}, monday).empty());
  EXPECT_TRUE(cancelled_by_return(appointments, {}, add_days(monday, 15)).empty());
}

TEST(AppointmentChange, WithholdsWhatStillWaitsToSayWhenToCome) {
  std::vector<OutboxMessage> messages{message(MessageKind::booking_reminder),
                                      message(MessageKind::day_before_reminder),
                                      message(MessageKind::morning_reminder),
                                      message(MessageKind::appointment_moved),
                                      message(MessageKind::warning),
                                      message(MessageKind::appointment_cancelled),
                                      message(MessageKind::day_before_reminder, MessageStatus::sent),
                                      message(MessageKind::morning_reminder, MessageStatus::sending),
                                      message(MessageKind::morning_reminder, MessageStatus::withheld)};
  auto withheld = withheld_on_change(messages);
  ASSERT_EQ(withheld.size(), 4u);
  for (std::size_t i = 0; i < withheld.size(); ++i) {
    EXPECT_EQ(withheld[i].kind, messages[i].kind);
    EXPECT_EQ(withheld[i].status, MessageStatus::withheld);
    EXPECT_EQ(withheld[i].withheld, WithheldReason::appointment_cancelled);
    EXPECT_FALSE(alerts_officer(withheld[i])) << "the change itself tells the person";
  }
  EXPECT_TRUE(withheld_on_change({}).empty());
}

TEST(AppointmentChange, KeysOfOneAppointmentShareAPrefix) {
  EXPECT_EQ(idempotency_prefix("appointment", 42), "appointment:42:");
  EXPECT_TRUE(idempotency_key("appointment", 42, MessageKind::morning_reminder, 3).starts_with("appointment:42:"));
  EXPECT_FALSE(idempotency_key("appointment", 420, MessageKind::morning_reminder).starts_with("appointment:42:"));
  EXPECT_THROW(idempotency_prefix("a:b", 1), std::invalid_argument);
  EXPECT_THROW(withhold(message(MessageKind::booking_reminder, MessageStatus::sent), WithheldReason::appointment_cancelled),
               Conflict);
}
