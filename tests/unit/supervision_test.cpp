// Supervision through the store, on each backend: booking one appointment or a series with warnings to confirm,
// reminders queued with the booking, outcomes and the enforcement they lead to, contact details,
// moving and cancelling with the reminders withheld and the person told, and the dispatcher sending
// what is due (once), retrying, withholding and resuming after a stop; a joint home visit with any risk
// partner named on the case, shown in their shared view and diary.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>

#include "domain/errors.hpp"
#include "services/supervision/appointments.hpp"
#include "services/mappa/iom.hpp"
#include "services/people/case_records.hpp"
#include "services/messages/messages.hpp"
#include "services/release/releases.hpp"
#include "both_backends.hpp"

using namespace resettle;
using namespace std::chrono;

namespace {

// Monday 4 January 2027, 09:00 in London (GMT): a week after release.
const services::FixedClock monday_morning{sys_days{2027y / January / 4} + 9h};
const BankHolidays holidays{{Date{2027y / January / 1}, Date{2027y / April / 2}}, Date{2027y / January / 1}, Date{2027y / December / 31}};

FieldInput appointment(FieldInput more = {}) {
  for (auto [field, value] : {std::pair{"type", "supervision"}, {"on", "2027-01-05"}, {"starts_at", "10:00"},
                              {"ends_at", "11:00"}, {"office_code", "LDS"}})
    more.try_emplace(field, value);
  return more;
}

// Takes every message, or fails the first `failures` it is given.
class CountingSender final : public services::MessageSender {
 public:
  explicit CountingSender(int failures = 0) : failures_(failures) {}
  std::optional<services::SendFailure> send(const OutboxMessage& message) override {
    sent.push_back(message.idempotency_key);
    if (failures_-- > 0) return services::SendFailure{"provider timed out", false};
    return std::nullopt;
  }
  std::vector<std::string> sent;

 private:
  int failures_;
};

class SupervisionTest : public test_support::BothBackendsTest {
 protected:
  void SetUp() override {
    BothBackendsTest::SetUp();
    if (IsSkipped()) return;
    auto tx = store->begin_write();
    for (auto* member : {&manager, &com, &pom}) member->id = tx->staff().insert(*member, "not-a-real-hash");
    tx->commit();
    const services::FixedClock before_release{sys_days{2026y / December / 21} + 9h};
    person_id = services::add_person(*store, before_release, manager,
                                     {{"given_name", "Sam"}, {"family_name", "Jones"}, {"date_of_birth", "1990-05-17"},
                                      {"prison_number", "A1234BC"}, {"prison_code", "LEI"}, {"pdu_code", "LDS"}})
                    .id;
    services::record_sentence(*store, before_release, manager, person_id,
                              {{"sentence_type", "determinate"}, {"sentence_start_date", "2026-10-01"},
                               {"sentence_length_days", "120"}});
    services::record_release(*store, before_release, com, person_id,
                             {{"released_on", "2026-12-21"}, {"released_at", "09:30"}, {"prison_code", "LEI"},
                              {"tonight", "settled"}, {"address", "4 Park Lane, Leeds LS1 1AA"}});
  }

  void texts_to(const std::string& mobile, const char* language = "en") {
    services::update_contact(*store, com, person_id, {{"channel", "sms"}, {"language", language}, {"mobile", mobile},
                                                      {"work.tuesday", "12:00-17:00"}},
                             store->begin_read()->person_contacts().find(person_id).version);
  }

  std::vector<OutboxMessage> outbox() {
    auto messages = store->begin_read()->outbox().list(person_id, {std::nullopt, 200}).items;
    std::reverse(messages.begin(), messages.end());  // oldest first
    return messages;
  }

  StaffMember manager{0, "manager", "Morgan Ellis", Role::manager, "LEI", "LDS", "", "", true};
  StaffMember com{0, "com", "Callum Reid", Role::com, "", "LDS", "", "", true};
  StaffMember pom{0, "pom", "Priya Shah", Role::pom, "LEI", "", "", "", true};
  std::int64_t person_id = 0;
};

INSTANTIATE_TEST_SUITE_P(Backends, SupervisionTest,
                         ::testing::Values(test_support::Backend::sqlite, test_support::Backend::postgresql),
                         test_support::backend_name);

}  // namespace

TEST_P(SupervisionTest, AnAppointmentIsBookedWithItsRemindersQueuedInTheSameTransaction) {
  texts_to("07700 900123");
  auto booking = services::book_appointments(*store, monday_morning, holidays, com, person_id, appointment(), false);
  ASSERT_EQ(booking.booked.size(), 1u);
  EXPECT_TRUE(booking.warnings.empty());
  EXPECT_EQ(booking.booked[0].with_staff_id, com.id);
  auto messages = outbox();
  ASSERT_EQ(messages.size(), 3u);
  auto id = std::to_string(booking.booked[0].id);
  EXPECT_EQ(messages[0].idempotency_key, "appointment:" + id + ":v1:booking_reminder");
  EXPECT_EQ(messages[1].idempotency_key, "appointment:" + id + ":v1:day_before_reminder");
  EXPECT_EQ(messages[2].idempotency_key, "appointment:" + id + ":v1:morning_reminder");
  EXPECT_EQ(messages[0].to, "+447700900123");
  EXPECT_NE(messages[0].body.find("Sam"), std::string::npos) << messages[0].body;
  EXPECT_NE(messages[0].body.find("5 January 2027"), std::string::npos) << messages[0].body;
  EXPECT_EQ(messages[1].next_attempt_at, sys_days{2027y / January / 4} + 10h) << "10:00 the day before";
  EXPECT_EQ(messages[2].next_attempt_at, sys_days{2027y / January / 5} + 8h) << "08:00 on the day";
}

TEST_P(SupervisionTest, WarningsAreConfirmedBeforeAnythingIsWritten) {
  texts_to("07700 900123");  // works Tuesdays 12:00-17:00
  auto clash = appointment({{"starts_at", "16:00"}, {"ends_at", "17:00"}});
  auto unconfirmed = services::book_appointments(*store, monday_morning, holidays, com, person_id, clash, false);
  EXPECT_TRUE(unconfirmed.booked.empty());
  ASSERT_EQ(unconfirmed.warnings.size(), 1u);
  EXPECT_EQ(unconfirmed.warnings[0].kind, BookingWarningKind::clashes_with_work);
  EXPECT_TRUE(outbox().empty()) << "nothing was written";
  auto confirmed = services::book_appointments(*store, monday_morning, holidays, com, person_id, clash, true);
  EXPECT_EQ(confirmed.booked.size(), 1u);
  auto again = services::book_appointments(*store, monday_morning, holidays, com, person_id, clash, false);
  ASSERT_EQ(again.warnings.size(), 2u) << "work, and now the appointment booked at that time";
  EXPECT_EQ(again.warnings[0].kind, BookingWarningKind::clashes_with_appointment);
}

TEST_P(SupervisionTest, ASeriesBooksEveryOccurrenceButItsExceptionsWithoutBookingReminderForEach) {
  auto series = appointment({{"on", "2027-01-07"}, {"repeat", "weekly"}, {"until", "2027-02-04"}, {"exceptions", "2027-01-21"}});
  auto booking = services::book_appointments(*store, monday_morning, holidays, com, person_id, series, true);
  ASSERT_EQ(booking.booked.size(), 4u);
  EXPECT_EQ(booking.booked[2].on, Date{2027y / January / 28});
  EXPECT_TRUE(booking.booked[0].series_id);
  EXPECT_EQ(booking.booked[0].series_id, booking.booked[3].series_id);
  auto messages = outbox();
  EXPECT_EQ(messages.size(), 1u + 2u * 4u);
  for (const auto& message : messages) EXPECT_EQ(message.status, MessageStatus::withheld) << "no channel recorded";
}

TEST_P(SupervisionTest, BadBookingsAreRefusedNamingEachFieldAndOnlyTheComOrAManagerBooks) {
  EXPECT_EQ(test_support::failed_fields([&] {
              services::book_appointments(*store, monday_morning, holidays, com, person_id,
                                          appointment({{"type", "induction"}, {"on", "2027-01-01"}, {"office_code", "MARS"},
                                                       {"ends_at", "09:00"}}),
                                          true);
            }),
            (std::vector<std::string>{"type", "on", "ends_at", "office_code"}));
  EXPECT_EQ(test_support::failed_fields([&] {
              services::book_appointments(*store, monday_morning, holidays, com, person_id, appointment({{"repeat", "weekly"}}), true);
            }),
            std::vector<std::string>{"until"});
  EXPECT_THROW(services::book_appointments(*store, monday_morning, holidays, pom, person_id, appointment(), true), Forbidden);
  EXPECT_TRUE(outbox().empty());
}

TEST_P(SupervisionTest, TheFirstFailureSendsAWarningAndAFurtherOneGoesToAManager) {
  texts_to("07700 900123", "cy");
  auto booked = services::book_appointments(*store, monday_morning, holidays, com, person_id,
                                            appointment({{"on", "2027-01-04"}, {"starts_at", "08:00"}, {"ends_at", "08:30"},
                                                         {"repeat", "weekly"}, {"until", "2027-01-11"}}),
                                            true)
                    .booked;
  ASSERT_EQ(booked.size(), 2u);
  EXPECT_EQ(test_support::failed_fields([&] {
              services::record_outcome(*store, monday_morning, holidays, com, booked[1].id, {{"outcome", "attended"}});
            }),
            std::vector<std::string>{"outcome"}) << "not yet happened";
  auto first = services::record_outcome(*store, monday_morning, holidays, com, booked[0].id,
                                        {{"outcome", "failed_to_comply"}, {"reason", "Did not attend; no contact"}});
  EXPECT_EQ(first.failures_in_12_months, 1);
  EXPECT_EQ(first.step, EnforcementStep::warning);
  ASSERT_TRUE(first.warning_message_id);
  auto warning = store->begin_read()->outbox().find(*first.warning_message_id);
  ASSERT_TRUE(warning);
  EXPECT_EQ(warning->kind, MessageKind::warning);
  EXPECT_EQ(warning->language, Language::cy);
  auto again = services::record_outcome(*store, monday_morning, holidays, com, booked[0].id,
                                        {{"outcome", "failed_to_comply"}, {"reason", "Confirmed with the hostel"}});
  EXPECT_EQ(again.step, EnforcementStep::none) << "the same failure is not counted twice";

  const services::FixedClock a_week_later{sys_days{2027y / January / 11} + 9h};
  auto second = services::record_outcome(*store, a_week_later, holidays, com, booked[1].id,
                                         {{"outcome", "failed_to_comply"}, {"reason", "Did not attend"}});
  EXPECT_EQ(second.failures_in_12_months, 2);
  EXPECT_EQ(second.step, EnforcementStep::manager_review);
  EXPECT_FALSE(second.warning_message_id);
  auto page = services::appointments_of(*store, a_week_later, holidays, manager, person_id);
  EXPECT_EQ(page.failures_in_12_months, 2);
  ASSERT_EQ(page.enforcement.size(), 2u);
  EXPECT_EQ(page.enforcement[0].step, EnforcementStep::manager_review);
  EXPECT_TRUE(page.may_book);
}

TEST_P(SupervisionTest, TheDispatcherSendsWhatIsDueOnceAndRetriesAFailure) {
  texts_to("07700 900123");
  services::book_appointments(*store, monday_morning, holidays, com, person_id, appointment(), false);
  CountingSender failing_once{1};
  auto report = services::dispatch_due(*store, monday_morning, failing_once);
  EXPECT_EQ(report, (services::DispatchReport{0, 1, 0, 0, 0})) << "only the booking reminder is due, and it failed";
  EXPECT_EQ(services::dispatch_due(*store, monday_morning, failing_once), services::DispatchReport{}) << "waits its backoff";
  const services::FixedClock a_minute_later{monday_morning.now() + 1min};
  EXPECT_EQ(services::dispatch_due(*store, a_minute_later, failing_once).sent, 1);
  auto message = outbox()[0];
  EXPECT_EQ(message.status, MessageStatus::sent);
  EXPECT_EQ(message.attempts, 2);
  EXPECT_EQ(services::dispatch_due(*store, a_minute_later, failing_once).sent, 0) << "never twice";
  const services::FixedClock next_morning{sys_days{2027y / January / 5} + 8h};
  EXPECT_EQ(services::dispatch_due(*store, next_morning, failing_once).sent, 2) << "the day-before and morning reminders";
  EXPECT_EQ(failing_once.sent.size(), 4u);
}

TEST_P(SupervisionTest, AMessageLeftSendingByAStoppedDispatcherGoesOutAfterTheLease) {
  texts_to("07700 900123");
  services::book_appointments(*store, monday_morning, holidays, com, person_id, appointment(), false);
  {
    auto tx = store->begin_write();
    auto message = tx->outbox().due(monday_morning.now_seconds(), monday_morning.now_seconds(), 10).front();
    tx->outbox().update(begin_attempt(message, tx->person_contacts().find(person_id).details, monday_morning.now_seconds()));
    tx->commit();  // the process stops here, before the provider answers
  }
  CountingSender sender;
  EXPECT_EQ(services::dispatch_due(*store, monday_morning, sender).sent, 0) << "another dispatcher may still be sending it";
  const services::FixedClock after_the_lease{monday_morning.now() + services::sending_lease + 1s};
  EXPECT_EQ(services::dispatch_due(*store, after_the_lease, sender).sent, 1);
  EXPECT_EQ(outbox()[0].attempts, 2);
}

TEST_P(SupervisionTest, OptingOutWithholdsWhatIsQueued) {
  texts_to("07700 900123");
  services::book_appointments(*store, monday_morning, holidays, com, person_id, appointment(), false);
  auto contact = store->begin_read()->person_contacts().find(person_id);
  auto tx = store->begin_write();
  contact.details.opted_out = true;
  tx->person_contacts().save(person_id, contact, contact.version);
  tx->commit();
  CountingSender sender;
  EXPECT_EQ(services::dispatch_due(*store, monday_morning, sender).withheld, 1);
  EXPECT_TRUE(sender.sent.empty());
  EXPECT_EQ(outbox()[0].withheld, WithheldReason::opted_out);
}

TEST_P(SupervisionTest, ContactDetailsAreValidatedVersionedAndJournalled) {
  EXPECT_EQ(test_support::failed_fields([&] {
              services::update_contact(*store, com, person_id, {{"channel", "sms"}, {"mobile", "0113 496 0000"},
                                                                {"work.monday", "17:00-09:00"}}, 0);
            }),
            (std::vector<std::string>{"mobile", "work.monday"}));
  EXPECT_THROW(services::update_contact(*store, pom, person_id, {{"channel", "letter"}}, 0), Forbidden);
  auto contact = services::update_contact(*store, com, person_id, {{"channel", "email"}, {"email", "sam@example.org"}}, 0);
  EXPECT_EQ(contact.version, 1);
  EXPECT_THROW(services::update_contact(*store, com, person_id, {{"channel", "letter"}}, 0), StaleVersion);
  EXPECT_EQ(services::contact_of(*store, manager, person_id).contact.details.email, "sam@example.org");
  EXPECT_THROW(services::outbox_messages(*store, manager, 0, {}), Forbidden) << "everyone's messages: administrators only";
}

TEST_P(SupervisionTest, AnAbsenceWithNoEvidenceInFiveWorkingDaysBecomesAFailureOnceTheWindowCloses) {
  texts_to("07700 900123");
  auto booked = services::book_appointments(*store, monday_morning, holidays, com, person_id,
                                            appointment({{"on", "2027-01-04"}, {"starts_at", "08:00"}, {"ends_at", "08:30"}}), true)
                    .booked;
  auto recorded = services::record_outcome(*store, monday_morning, holidays, com, booked[0].id,
                                           {{"outcome", "absence_awaiting_evidence"}, {"reason", "Says he was ill"}});
  EXPECT_EQ(recorded.step, EnforcementStep::none);
  const services::FixedClock last_day{sys_days{2027y / January / 11} + 9h};  // the fifth working day after
  EXPECT_EQ(services::close_evidence_windows(*store, last_day, holidays), 0) << "evidence may still come today";
  const services::FixedClock day_after{sys_days{2027y / January / 12} + 2h};
  EXPECT_EQ(services::close_evidence_windows(*store, day_after, holidays), 1);
  EXPECT_EQ(services::close_evidence_windows(*store, day_after, holidays), 0) << "the step is taken once";
  auto page = services::appointments_of(*store, day_after, holidays, manager, person_id);
  EXPECT_EQ(page.failures_in_12_months, 1);
  ASSERT_EQ(page.enforcement.size(), 1u);
  EXPECT_EQ(page.enforcement[0].step, EnforcementStep::warning);
  EXPECT_EQ(page.enforcement[0].decided_by, com.id) << "as decided by the officer who recorded the absence";
  auto messages = outbox();
  EXPECT_EQ(messages.back().kind, MessageKind::warning);
}

TEST_P(SupervisionTest, CancellingRecordsItWithholdsTheRemindersAndTellsThePersonButNotWhy) {
  texts_to("07700 900123", "cy");
  auto booked = services::book_appointments(*store, monday_morning, holidays, com, person_id, appointment(), false).booked[0];
  EXPECT_EQ(test_support::failed_fields([&] {
              services::cancel_appointment(*store, monday_morning, com, booked.id, {{"reason", " "}}, booked.version);
            }),
            std::vector<std::string>{"reason"});
  EXPECT_THROW(services::cancel_appointment(*store, monday_morning, pom, booked.id, {{"reason", "Ill"}}, booked.version),
               Forbidden);
  EXPECT_THROW(services::cancel_appointment(*store, monday_morning, com, booked.id, {{"reason", "Ill"}}, booked.version + 1),
               StaleVersion);
  auto cancelled = services::cancel_appointment(*store, monday_morning, com, booked.id,
                                                {{"reason", "Officer off sick"}}, booked.version);
  EXPECT_EQ(cancelled.version, booked.version + 1);
  ASSERT_TRUE(cancelled.cancellation);
  EXPECT_EQ(cancelled.cancellation->by, com.id);
  EXPECT_EQ(*store->begin_read()->appointments().find(booked.id), cancelled) << "kept, as cancelled";
  // A transaction each: on PostgreSQL a refused statement ends its transaction.
  EXPECT_THROW(store->begin_write()->appointments().update(cancelled, cancelled.version), std::runtime_error)
      << "never undone or changed";
  EXPECT_THROW(store->begin_write()->appointments().cancel(cancelled.id, *cancelled.cancellation, cancelled.version),
               StaleVersion);

  auto messages = outbox();
  ASSERT_EQ(messages.size(), 4u);
  const std::array reminders{MessageKind::booking_reminder, MessageKind::day_before_reminder, MessageKind::morning_reminder};
  for (int i : {0, 1, 2}) EXPECT_EQ(messages[i].kind, reminders[i]);
  for (int i : {0, 1, 2}) {
    EXPECT_EQ(messages[i].status, MessageStatus::withheld) << i;
    EXPECT_EQ(messages[i].withheld, WithheldReason::appointment_cancelled) << i;
  }
  EXPECT_EQ(messages[3].kind, MessageKind::appointment_cancelled);
  EXPECT_EQ(messages[3].language, Language::cy);
  EXPECT_EQ(messages[3].status, MessageStatus::queued);
  EXPECT_NE(messages[3].body.find("ganslo"), std::string::npos) << messages[3].body;
  EXPECT_EQ(messages[3].body.find("sick"), std::string::npos) << "never the reason";

  EXPECT_THROW(services::cancel_appointment(*store, monday_morning, com, booked.id, {{"reason", "Again"}}, cancelled.version),
               Conflict) << "already cancelled";
  EXPECT_THROW(services::record_outcome(*store, monday_morning, holidays, com, booked.id, {{"outcome", "attended"}}), Conflict);
  auto record = services::find_appointment(*store, monday_morning, com, booked.id);
  EXPECT_FALSE(record.may_change);
  EXPECT_FALSE(record.may_record_outcome);
  auto rebooked = services::book_appointments(*store, monday_morning, holidays, com, person_id,
                                              appointment({{"starts_at", "10:30"}, {"ends_at", "11:30"}}), false);
  EXPECT_TRUE(rebooked.warnings.empty()) << "a cancelled appointment clashes with nothing";
  auto journal = store->begin_read()->journal().for_person(person_id, {}).items;
  EXPECT_TRUE(std::ranges::any_of(journal, [](const Event& event) { return event.kind == "appointment.cancelled"; }));
}

TEST_P(SupervisionTest, AnAppointmentThatHasStartedCannotBeCancelledOrMoved) {
  auto booked = services::book_appointments(*store, monday_morning, holidays, com, person_id,
                                            appointment({{"on", "2027-01-04"}, {"starts_at", "09:30"}, {"ends_at", "10:00"}}),
                                            false)
                    .booked[0];
  const services::FixedClock at_its_start{sys_days{2027y / January / 4} + 9h + 30min};
  EXPECT_THROW(services::cancel_appointment(*store, at_its_start, com, booked.id, {{"reason", "Late"}}, booked.version), Conflict);
  EXPECT_THROW(services::move_appointment(*store, at_its_start, holidays, com, booked.id, {{"on", "2027-01-06"}}, booked.version, true),
               Conflict);
  EXPECT_FALSE(services::find_appointment(*store, at_its_start, com, booked.id).may_change);
  EXPECT_TRUE(services::find_appointment(*store, monday_morning, com, booked.id).may_change);
}

TEST_P(SupervisionTest, MovingWithholdsTheOldRemindersQueuesNewOnesAndTellsThePersonTheNewTime) {
  texts_to("07700 900123");  // works Tuesdays 12:00-17:00
  auto booked = services::book_appointments(*store, monday_morning, holidays, com, person_id, appointment(), false).booked[0];
  auto to_work = FieldInput{{"starts_at", "14:00"}, {"ends_at", "15:00"}};
  auto unconfirmed = services::move_appointment(*store, monday_morning, holidays, com, booked.id, to_work, booked.version, false);
  EXPECT_FALSE(unconfirmed.moved);
  ASSERT_EQ(unconfirmed.warnings.size(), 1u);
  EXPECT_EQ(unconfirmed.warnings[0].kind, BookingWarningKind::clashes_with_work);
  EXPECT_EQ(outbox().size(), 3u) << "nothing written before the warnings are confirmed";
  EXPECT_EQ(test_support::failed_fields([&] {
              services::move_appointment(*store, monday_morning, holidays, com, booked.id, {{"office_code", "MARS"}},
                                         booked.version, true);
            }),
            std::vector<std::string>{"office_code"});
  EXPECT_THROW(services::move_appointment(*store, monday_morning, holidays, pom, booked.id, {{"on", "2027-01-06"}}, booked.version, true),
               Forbidden);

  auto move = services::move_appointment(*store, monday_morning, holidays, com, booked.id,
                                         {{"on", "2027-01-06"}, {"starts_at", "14:30"}, {"ends_at", "15:00"}}, booked.version, false);
  ASSERT_TRUE(move.moved);
  EXPECT_TRUE(move.warnings.empty()) << "a Wednesday: no work then";
  EXPECT_EQ(move.moved->version, 2);
  EXPECT_EQ(move.moved->on, Date{2027y / January / 6});
  EXPECT_EQ(move.moved->office_code, "LDS");
  EXPECT_EQ(*store->begin_read()->appointments().find(booked.id), *move.moved);

  auto messages = outbox();
  ASSERT_EQ(messages.size(), 6u);
  for (int i : {0, 1, 2}) EXPECT_EQ(messages[i].withheld, WithheldReason::appointment_cancelled) << i;
  auto id = std::to_string(booked.id);
  EXPECT_EQ(messages[3].kind, MessageKind::appointment_moved);
  EXPECT_EQ(messages[3].idempotency_key, "appointment:" + id + ":v2:appointment_moved");
  EXPECT_NE(messages[3].body.find("Wednesday 6 January 2027 at 2:30pm"), std::string::npos) << messages[3].body;
  EXPECT_EQ(messages[4].idempotency_key, "appointment:" + id + ":v2:day_before_reminder");
  EXPECT_EQ(messages[4].next_attempt_at, sys_days{2027y / January / 5} + 10h);
  EXPECT_EQ(messages[5].idempotency_key, "appointment:" + id + ":v2:morning_reminder");
  for (int i : {3, 4, 5}) EXPECT_EQ(messages[i].status, MessageStatus::queued) << i;

  EXPECT_THROW(services::move_appointment(*store, monday_morning, holidays, com, booked.id, {{"on", "2027-01-07"}}, booked.version, true),
               StaleVersion) << "the version seen before the move";
  auto again = services::move_appointment(*store, monday_morning, holidays, com, booked.id, {{"on", "2027-01-07"}},
                                          move.moved->version, true);
  ASSERT_TRUE(again.moved);
  messages = outbox();
  EXPECT_EQ(messages[3].withheld, WithheldReason::appointment_cancelled) << "the first notice no longer holds";
  auto journal = store->begin_read()->journal().for_person(person_id, {}).items;
  auto moved = std::ranges::find_if(journal, [](const Event& event) { return event.kind == "appointment.moved"; });
  ASSERT_NE(moved, journal.end());
  EXPECT_EQ(moved->data["from"]["on"], "2027-01-06");
  EXPECT_EQ(moved->data["to"]["on"], "2027-01-07");
}

// Issue 24: the second worker of a joint home visit may be any risk partner named on the case, not only
// the police; a social care worker (or MAPPA coordinator) then sees that visit alone in their shared view
// and diary, while the police officer sees every appointment, and loses it when the naming ends.
TEST_P(SupervisionTest, AJointHomeVisitMayBeWithAnyRiskPartnerNamedWhoSeesOnlyThatVisit) {
  StaffMember officer{0, "police", "DC Rees", Role::police, "", "", "West Yorkshire Police", "", true};
  StaffMember social_worker{0, "social", "Jo Carer", Role::social_care, "", "", "Leeds Children's Services", "", true};
  StaffMember coordinator{0, "mappa", "Lee Panel", Role::mappa_coordinator, "", "", "MAPPA Unit", "", true};
  {
    auto tx = store->begin_write();
    for (auto* member : {&officer, &social_worker, &coordinator}) member->id = tx->staff().insert(*member, "not-a-real-hash");
    tx->commit();
  }
  auto name = [&](const StaffMember& worker) {
    return services::add_iom_coworker(*store, monday_morning, manager, person_id,
                                      {{"staff_id", std::to_string(worker.id)}, {"from", "2027-01-04"}});
  };
  auto named_social_worker = name(social_worker);
  name(officer);
  auto visit_with = [&](const StaffMember& worker, const char* on) {
    return appointment({{"type", "home_visit"}, {"on", on}, {"joint_with", std::to_string(worker.id)}});
  };
  auto refused = test_support::failed_fields([&] {
    services::book_appointments(*store, monday_morning, holidays, com, person_id, visit_with(coordinator, "2027-01-06"), true);
  });
  EXPECT_EQ(refused, std::vector<std::string>{"joint_with"}) << "the coordinator is not named on this case";

  auto page = services::appointments_of(*store, monday_morning, holidays, com, person_id);
  std::vector<std::int64_t> offered;
  for (const auto& worker : page.joint_workers) offered.push_back(worker.id);
  std::ranges::sort(offered);
  EXPECT_EQ(offered, (std::vector<std::int64_t>{officer.id, social_worker.id}));

  auto supervision = services::book_appointments(*store, monday_morning, holidays, com, person_id, appointment(), true).booked.at(0);
  auto visit = services::book_appointments(*store, monday_morning, holidays, com, person_id, visit_with(social_worker, "2027-01-06"), true)
                   .booked.at(0);
  EXPECT_EQ(visit.joint_with, social_worker.id);
  auto record = services::find_appointment(*store, monday_morning, com, visit.id);
  EXPECT_EQ(record.joint_worker_name, "Jo Carer");
  EXPECT_EQ(record.joint_worker_role, Role::social_care);
  auto booked = store->begin_read()->journal().for_person(person_id, {}).items.front();
  EXPECT_EQ(booked.summary,
            "Joint home visit (with Jo Carer, social care) appointment booked for 6 January 2027 at 10:00");
  page = services::appointments_of(*store, monday_morning, holidays, com, person_id);
  EXPECT_EQ(page.second_worker_roles, (std::map<std::int64_t, Role>{{social_worker.id, Role::social_care}}));

  auto ids = [](const std::vector<Appointment>& appointments) {
    std::vector<std::int64_t> listed;
    for (const auto& appointment : appointments) listed.push_back(appointment.id);
    return listed;
  };
  auto theirs = services::shared_case_of(*store, monday_morning, holidays, social_worker, person_id);
  EXPECT_EQ(ids(theirs.appointments), std::vector<std::int64_t>{visit.id}) << "their visit, not the supervision";
  EXPECT_TRUE(theirs.outcomes.empty()) << "compliance is the police's part";
  auto police = services::shared_case_of(*store, monday_morning, holidays, officer, person_id);
  EXPECT_EQ(ids(police.appointments), (std::vector<std::int64_t>{supervision.id, visit.id}));
  auto diary = services::diary_of(*store, social_worker, Date{2027y / January / 4}, 7);
  ASSERT_EQ(diary.size(), 1u);
  EXPECT_EQ(diary[0].appointment.id, visit.id);

  services::end_iom_coworker(*store, monday_morning, manager, named_social_worker.id, {{"to", "2027-01-04"}}, named_social_worker.version);
  EXPECT_TRUE(services::diary_of(*store, social_worker, Date{2027y / January / 4}, 7).empty()) << "no longer named";
  EXPECT_THROW(services::shared_case_of(*store, monday_morning, holidays, social_worker, person_id), NotFound);
}
