// Messages to the person: UK local time, quiet hours, contact details, texts in English and Welsh,
// when reminders are due, idempotency keys, and the outbox state machine with retries and backoff.
#include "domain/messages/outbox.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <set>

#include "code_table_checks.hpp"
#include "refusal.hpp"
#include "domain/catalogue.hpp"
#include "domain/errors.hpp"

using namespace resettle;
using namespace std::chrono;

namespace {

// A local time in England and Wales on a day.
Timestamp local(Date on, int hour, int minute = 0) { return from_uk_local({on, ClockTime{hour * 60 + minute}}); }
Timestamp utc(Date on, int hour, int minute = 0, int second = 0) {
  return sys_days{on} + hours{hour} + minutes{minute} + seconds{second};
}

constexpr Date winter_day{2027y / February / 8};  // GMT
constexpr Date summer_day{2027y / July / 6};      // BST
constexpr Date appointment_day{2027y / February / 9};
constexpr ClockTime half_past_two{14 * 60 + 30};

ContactDetails texts(Language language = Language::en) {
  return {MessageChannel::sms, language, "+447700900123", "", false, false};
}
ContactDetails emails() { return {MessageChannel::email, Language::en, "", "sam@example.com", false, false}; }

MessageFields fields() {
  return {"Sam",        Date{2027y / February / 5}, half_past_two, "Leeds Probation Office", "1 Park Row, Leeds LS1 5AB",
          "Alex Jones", "042917",                   "https://resettle.example/my/sign-in"};
}

OutboxMessage queued_text(Timestamp due, ContactDetails contact = texts()) {
  return queue_message(MessageKind::booking_reminder, contact, fields(), "appointment:42:booking_reminder", due);
}

using test_support::failed_fields;

}  // namespace

TEST(Outbox, CodeTablesAreComplete) {
  code_checks::expect_complete_code_table(message_channels(), 4);
  code_checks::expect_complete_code_table(message_kinds(), 9);
  EXPECT_EQ(entry_for(message_kinds(), MessageKind::sign_in_code).code, "sign_in_code") << "migration 29 allows it";
  EXPECT_EQ(entry_for(message_kinds(), MessageKind::invitation).code, "invitation") << "migration 29 allows it";
  EXPECT_EQ(entry_for(message_kinds(), MessageKind::appointment_cancelled).code, "appointment_cancelled") << "migration 29 allows it";
  EXPECT_EQ(entry_for(message_kinds(), MessageKind::appointment_moved).code, "appointment_moved") << "migration 29 allows it";
  code_checks::expect_complete_code_table(message_statuses(), 5);
  code_checks::expect_complete_code_table(withheld_reasons(), 5);
}

// --- UK local time ----------------------------------------------------------------------------

TEST(UkTime, SummerTimeRunsFrom0100UtcOnTheLastSundayOfMarchToTheLastSundayOfOctober) {
  EXPECT_FALSE(british_summer_time(utc(2026y / March / 29, 0, 59, 59)));
  EXPECT_TRUE(british_summer_time(utc(2026y / March / 29, 1)));
  EXPECT_TRUE(british_summer_time(utc(2026y / October / 25, 0, 59, 59)));
  EXPECT_FALSE(british_summer_time(utc(2026y / October / 25, 1)));
  EXPECT_FALSE(british_summer_time(utc(2027y / January / 1, 12)));
  EXPECT_TRUE(british_summer_time(utc(2027y / July / 1, 12)));
  EXPECT_TRUE(british_summer_time(utc(2027y / March / 28, 1))) << "2027's last Sunday of March";
}

TEST(UkTime, LocalTimeIsAnHourAheadInSummerAndRoundTrips) {
  EXPECT_EQ(uk_local(utc(summer_day, 12)), (LocalDateTime{summer_day, ClockTime{13 * 60}}));
  EXPECT_EQ(uk_local(utc(winter_day, 12, 0, 59)), (LocalDateTime{winter_day, ClockTime{12 * 60}})) << "seconds dropped";
  EXPECT_EQ(uk_local(utc(summer_day, 23, 30)), (LocalDateTime{Date{2027y / July / 7}, ClockTime{30}})) << "next day";
  for (auto day : {winter_day, summer_day})
    for (int minute = 0; minute < 24 * 60; ++minute)
      ASSERT_EQ(uk_local(from_uk_local({day, ClockTime{minute}})), (LocalDateTime{day, ClockTime{minute}}));
}

TEST(UkTime, TheSkippedHourIsReadAsGmtAndTheRepeatedHourAsItsFirstTime) {
  EXPECT_EQ(local(2026y / March / 29, 1, 30), utc(2026y / March / 29, 1, 30));
  EXPECT_EQ(local(2026y / March / 29, 2, 30), utc(2026y / March / 29, 1, 30));
  EXPECT_EQ(local(2026y / October / 25, 1, 30), utc(2026y / October / 25, 0, 30));
  EXPECT_EQ(local(2026y / October / 25, 2, 30), utc(2026y / October / 25, 2, 30));
}

// --- Quiet hours --------------------------------------------------------------------------------

TEST(QuietHours, From2100UpTo0800LocalTimeWinterAndSummer) {
  for (auto day : {winter_day, summer_day}) {
    EXPECT_FALSE(in_quiet_hours(local(day, 20, 59) + seconds{59})) << to_iso(day);
    EXPECT_TRUE(in_quiet_hours(local(day, 21, 0))) << to_iso(day);
    EXPECT_TRUE(in_quiet_hours(local(day, 0, 0))) << to_iso(day);
    EXPECT_TRUE(in_quiet_hours(local(day, 7, 59) + seconds{59})) << to_iso(day);
    EXPECT_FALSE(in_quiet_hours(local(day, 8, 0))) << to_iso(day);
    EXPECT_FALSE(in_quiet_hours(local(day, 12, 0))) << to_iso(day);
  }
}

TEST(QuietHours, ASignInCodeIsNeverHeldBackAndEveryOtherKindIs) {
  for (const auto& kind : message_kinds())
    EXPECT_EQ(kept_to_quiet_hours(kind.value), kind.value != MessageKind::sign_in_code) << kind.code;
  auto at_night = local(winter_day, 23, 30);
  for (const auto& contact : {texts(), emails()}) {
    auto code = queue_message(MessageKind::sign_in_code, contact, fields(), "person_account:1:v7:sign_in_code", at_night);
    EXPECT_EQ(code.next_attempt_at, at_night) << "due at once, in quiet hours too";
    auto sending = begin_attempt(code, contact, at_night);
    EXPECT_EQ(sending.status, MessageStatus::sending) << "the dispatcher sends it at once too";
    auto retry = record_failure(sending, at_night, "timeout");
    EXPECT_EQ(retry.next_attempt_at, at_night + backoff_after(1)) << "a retry is not held to the morning either";
    auto invitation = queue_message(MessageKind::invitation, contact, fields(), "person_account:1:v7:invitation", at_night);
    EXPECT_EQ(invitation.next_attempt_at, local(add_days(winter_day, 1), 8)) << "an invitation waits for the morning";
  }
}

TEST(QuietHours, TextsAndEmailsWaitForTheNext0800AndLettersDoNot) {
  Date next = add_days(winter_day, 1);
  for (auto channel : {MessageChannel::sms, MessageChannel::email}) {
    EXPECT_EQ(next_allowed_send(local(winter_day, 20, 59), channel), local(winter_day, 20, 59));
    EXPECT_EQ(next_allowed_send(local(winter_day, 21, 0), channel), local(next, 8, 0));
    EXPECT_EQ(next_allowed_send(local(winter_day, 23, 59), channel), local(next, 8, 0));
    EXPECT_EQ(next_allowed_send(local(next, 0, 0), channel), local(next, 8, 0));
    EXPECT_EQ(next_allowed_send(local(next, 7, 59), channel), local(next, 8, 0));
    EXPECT_EQ(next_allowed_send(local(next, 8, 0), channel), local(next, 8, 0));
  }
  for (auto channel : {MessageChannel::letter, MessageChannel::none})
    EXPECT_EQ(next_allowed_send(local(winter_day, 23, 0), channel), local(winter_day, 23, 0));
  EXPECT_EQ(next_allowed_send(local(2026y / March / 28, 22, 0), MessageChannel::sms), utc(2026y / March / 29, 7, 0))
      << "08:00 BST on the morning the clocks go forward";
}

// --- Contact details --------------------------------------------------------------------------

TEST(ContactDetails, UkMobilesAreNormalisedToE164) {
  for (auto text : {"07700 900123", "07700900123", "+447700900123", "+44 7700 900 123", " 0 7 7 0 0 9 0 0 1 2 3 ",
                    "07700  900123"})
    EXPECT_EQ(uk_mobile_e164(text), "+447700900123") << text;
  EXPECT_EQ(uk_mobile_e164("07624 123456"), "+447624123456") << "Isle of Man mobile";
  EXPECT_EQ(uk_mobile_e164("07123 456789"), "+447123456789");
  EXPECT_EQ(uk_mobile_e164("07999 456789"), "+447999456789");
}

TEST(ContactDetails, NumbersThatCannotTakeTextsAreRefused) {
  for (auto text : {"", "   ", "0770090012", "077009001234", "01632 960123", "020 7946 0123", "0800 123 4567",
                    "07000 123456", "07600 123456", "07625 123456", "+4407700900123", "447700900123", "+44 1632 960123",
                    "+447700-900123", "07700-900123", "+1 202 555 0123", "07700 9OO123", "(07700) 900123", "+44770090012",
                    "+4477009001234", "7700900123"})
    EXPECT_FALSE(uk_mobile_e164(text)) << text;
}

TEST(ContactDetails, EmailAddressesOfAPlausibleShape) {
  for (auto text : {"sam@example.com", "sam.smith+probation@mail.example.co.uk", "a@b.io", "x-y@my-domain.org"})
    EXPECT_TRUE(plausible_email(text)) << text;
  for (auto text : {"", "sam", "sam@", "@example.com", "sam@example", "sam@@example.com", "sam@ex@ample.com",
                    "sam smith@example.com", "sam@example.c", "sam@example.c0m", "sam@-example.com", "sam@example-.com",
                    "sam@exa_mple.com", "sam@example..com", "sam@.example.com", "sam@example.com."})
    EXPECT_FALSE(plausible_email(text)) << text;
  EXPECT_FALSE(plausible_email(std::string(65, 'a') + "@example.com"));
  EXPECT_FALSE(plausible_email("a@" + std::string(250, 'b') + ".com"));
}

TEST(ContactDetails, ReadWithEveryBadFieldNamed) {
  auto contact = read_contact_details({{"channel", "sms"}, {"language", "cy"}, {"mobile", "07700 900123"}});
  EXPECT_EQ(contact, (ContactDetails{MessageChannel::sms, Language::cy, "+447700900123", "", false, false}));
  EXPECT_EQ(read_contact_details({{"channel", "letter"}}).language, Language::en);
  EXPECT_TRUE(read_contact_details({{"channel", "none"}, {"opted_out", "yes"}}).opted_out);

  auto read = [](FieldInput input) { return failed_fields([&] { read_contact_details(input); }); };
  EXPECT_EQ(read({}), std::vector<std::string>{"channel"});
  EXPECT_EQ(read({{"channel", "pigeon"}}), std::vector<std::string>{"channel"});
  EXPECT_EQ(read({{"channel", "sms"}}), std::vector<std::string>{"mobile"});
  EXPECT_EQ(read({{"channel", "sms"}, {"mobile", "01632 960123"}}), std::vector<std::string>{"mobile"}) << "a landline";
  EXPECT_EQ(read({{"channel", "email"}}), std::vector<std::string>{"email"});
  EXPECT_EQ(read({{"channel", "email"}, {"email", "sam"}}), std::vector<std::string>{"email"});
  EXPECT_EQ(read({{"channel", "letter"}, {"mobile", "12"}}), std::vector<std::string>{"mobile"}) << "checked if given";
  EXPECT_EQ(read({{"channel", "sms"}, {"language", "fr"}, {"mobile", "07700900123"}}), std::vector<std::string>{"language"});
}

// --- Texts ------------------------------------------------------------------------------------

TEST(MessageText, EveryKindHasWordingInEnglishAndWelshUsingOnlyThePersonalisationFields) {
  auto allowed = message_placeholders();
  ASSERT_EQ(message_templates().size(), message_kinds().size());
  for (std::size_t i = 0; i < message_templates().size(); ++i) {
    const auto& row = message_templates()[i];
    EXPECT_EQ(row.kind, static_cast<MessageKind>(i)) << "rows in the kinds' order";
    for (auto language : {Language::en, Language::cy}) {
      auto wording = translated(row.text, language);
      ASSERT_FALSE(wording.empty());
      fill_placeholders(wording, [&](std::string_view name) {
        EXPECT_NE(std::find(allowed.begin(), allowed.end(), name), allowed.end()) << name;
        return std::string{};
      });
    }
    EXPECT_NE(translated(row.text, Language::en), translated(row.text, Language::cy));
  }
}

TEST(MessageText, TextsAreFilledInAndSayNothingOfOffenceOrRisk) {
  for (const auto& kind : message_kinds())
    for (auto language : {Language::en, Language::cy}) {
      auto text = message_text(kind.value, language, fields());
      EXPECT_EQ(text.find("(("), std::string::npos) << text;
      EXPECT_EQ(text.find("))"), std::string::npos) << text;
      if (kind.value == MessageKind::sign_in_code || kind.value == MessageKind::invitation) continue;  // see below
      EXPECT_TRUE(text.starts_with(language == Language::cy ? "Helo Sam." : "Hello Sam.")) << text;
      EXPECT_NE(text.find("Alex Jones"), std::string::npos) << text;
      EXPECT_NE(text.find("Leeds Probation Office, 1 Park Row, Leeds LS1 5AB"), std::string::npos) << text;
      for (auto forbidden : {"offence", "Offence", "risk", "Risk", "MAPPA", "crime", "conviction", "trosedd", "risg",
                             "euogfarn", "recall", "adalw"})
        EXPECT_EQ(text.find(forbidden), std::string::npos) << forbidden << " in " << text;
    }
}

TEST(MessageText, ASignInCodeCarriesTheCodeAndAnInvitationTheAddressAndWhoSentIt) {
  for (auto language : {Language::en, Language::cy}) {
    auto code = message_text(MessageKind::sign_in_code, language, fields());
    EXPECT_NE(code.find("042917"), std::string::npos) << code;
    EXPECT_EQ(code.find("Sam"), std::string::npos) << "a code says no name: " << code;
    auto invitation = message_text(MessageKind::invitation, language, fields());
    EXPECT_TRUE(invitation.starts_with(language == Language::cy ? "Helo Sam." : "Hello Sam.")) << invitation;
    EXPECT_NE(invitation.find("Alex Jones"), std::string::npos) << invitation;
    EXPECT_NE(invitation.find("https://resettle.example/my/sign-in"), std::string::npos) << invitation;
  }
  EXPECT_EQ(message_text(MessageKind::sign_in_code, Language::en, fields()),
            "Your Resettle sign-in code is 042917. It works once, for 10 minutes. Do not share it with anyone.");
  EXPECT_EQ(message_text(MessageKind::sign_in_code, Language::cy, fields()),
            "Eich cod mewngofnodi Resettle yw 042917. Mae'n gweithio unwaith, am 10 munud. Peidiwch â'i rannu ag unrhyw "
            "un.");
}

TEST(MessageText, DatesAndTimesReadTheGovUkWay) {
  auto english = message_text(MessageKind::booking_reminder, Language::en, fields());
  EXPECT_EQ(english,
            "Hello Sam. You have an appointment with Alex Jones on Friday 5 February 2027 at 2:30pm. "
            "Where: Leeds Probation Office, 1 Park Row, Leeds LS1 5AB.");
  auto welsh = message_text(MessageKind::booking_reminder, Language::cy, fields());
  EXPECT_EQ(welsh,
            "Helo Sam. Mae gennych apwyntiad gyda Alex Jones: Dydd Gwener 5 Chwefror 2027 am 2:30yp. "
            "Lleoliad: Leeds Probation Office, 1 Park Row, Leeds LS1 5AB.");
  EXPECT_NE(message_text(MessageKind::licence_change, Language::cy, fields()).find("Dydd Gwener 5 Chwefror 2027"),
            std::string::npos);
}

TEST(MessageText, APlaceholderInAPersonsDetailsIsNotFilledInAgain) {
  auto details = fields();
  details.first_name = "((officer_name))";
  EXPECT_TRUE(message_text(MessageKind::warning, Language::en, details).starts_with("Hello ((officer_name)). Alex Jones"));
}

// --- When reminders are due -------------------------------------------------------------------

TEST(Reminders, AtBookingTheDayBeforeAt1000AndTheMorningAt0800) {
  auto booked = local(2027y / February / 1, 9, 0);
  EXPECT_EQ(reminder_due(MessageKind::booking_reminder, appointment_day, half_past_two, booked), booked);
  EXPECT_EQ(reminder_due(MessageKind::day_before_reminder, appointment_day, half_past_two, booked), local(winter_day, 10, 0));
  EXPECT_EQ(reminder_due(MessageKind::morning_reminder, appointment_day, half_past_two, booked),
            local(appointment_day, 8, 0));
  EXPECT_EQ(reminder_due(MessageKind::morning_reminder, summer_day, half_past_two, utc(2027y / June / 1, 9)),
            utc(summer_day, 7, 0)) << "08:00 BST";
}

TEST(Reminders, AReminderAlreadyPastAtBookingIsNotSent) {
  EXPECT_EQ(reminder_due(MessageKind::day_before_reminder, appointment_day, half_past_two, local(winter_day, 10, 0)),
            local(winter_day, 10, 0)) << "due the moment it is booked";
  EXPECT_FALSE(reminder_due(MessageKind::day_before_reminder, appointment_day, half_past_two, local(winter_day, 10, 1)));
  EXPECT_EQ(reminder_due(MessageKind::morning_reminder, appointment_day, half_past_two, local(winter_day, 10, 1)),
            local(appointment_day, 8, 0));
  EXPECT_FALSE(reminder_due(MessageKind::morning_reminder, appointment_day, half_past_two, local(appointment_day, 9, 0)));
  EXPECT_EQ(reminder_due(MessageKind::booking_reminder, appointment_day, half_past_two, local(appointment_day, 9, 0)),
            local(appointment_day, 9, 0)) << "booked the same morning";
}

TEST(Reminders, NeverAtOrAfterTheAppointmentStarts) {
  auto booked = local(2027y / February / 1, 9, 0);
  EXPECT_FALSE(reminder_due(MessageKind::morning_reminder, appointment_day, ClockTime{8 * 60}, booked));
  EXPECT_FALSE(reminder_due(MessageKind::morning_reminder, appointment_day, ClockTime{7 * 60 + 30}, booked));
  EXPECT_TRUE(reminder_due(MessageKind::morning_reminder, appointment_day, ClockTime{8 * 60 + 1}, booked));
  EXPECT_FALSE(reminder_due(MessageKind::booking_reminder, appointment_day, half_past_two, local(appointment_day, 14, 30)));
  EXPECT_THROW(reminder_due(MessageKind::warning, appointment_day, half_past_two, booked), std::invalid_argument);
  EXPECT_THROW(reminder_due(MessageKind::licence_change, appointment_day, half_past_two, booked), std::invalid_argument);
  EXPECT_THROW(reminder_due(MessageKind::sign_in_code, appointment_day, half_past_two, booked), std::invalid_argument);
  EXPECT_THROW(reminder_due(MessageKind::invitation, appointment_day, half_past_two, booked), std::invalid_argument);
}

// --- Idempotency ------------------------------------------------------------------------------

TEST(IdempotencyKey, NamesTheEventThatCausesTheMessage) {
  EXPECT_EQ(idempotency_key("appointment", 42, MessageKind::day_before_reminder), "appointment:42:day_before_reminder");
  EXPECT_EQ(idempotency_key("appointment", 42, MessageKind::day_before_reminder, 3), "appointment:42:v3:day_before_reminder");
  EXPECT_EQ(idempotency_key("licence_variation", 5, MessageKind::licence_change), "licence_variation:5:licence_change");
  std::set<std::string> keys;
  for (const auto& kind : message_kinds())
    for (std::int64_t id : {1, 12})
      for (std::int64_t version : {0, 1, 2}) keys.insert(idempotency_key("appointment", id, kind.value, version));
  EXPECT_EQ(keys.size(), message_kinds().size() * 2 * 3) << "no two events share a key";
  EXPECT_THROW(idempotency_key("", 1, MessageKind::warning), std::invalid_argument);
  EXPECT_THROW(idempotency_key("a:b", 1, MessageKind::warning), std::invalid_argument);
}

// --- Backoff ------------------------------------------------------------------------------------

TEST(Backoff, DoublesFrom30SecondsAndIsCappedAtAnHour) {
  const std::vector<seconds> expected{30s, 60s, 120s, 240s, 480s, 960s, 1920s, 3600s, 3600s, 3600s};
  for (int attempt = 1; attempt <= 10; ++attempt) EXPECT_EQ(backoff_after(attempt), expected[attempt - 1]) << attempt;
  EXPECT_EQ(backoff_after(1000), hours{1}) << "no overflow";
  EXPECT_EQ(backoff_after(3, RetryPolicy{seconds{10}, seconds{25}, 5}), seconds{25});
  EXPECT_THROW(backoff_after(0), std::invalid_argument);
}

// --- The state machine --------------------------------------------------------------------------

TEST(OutboxMessage, QueuedInThePersonsLanguageToTheirChannel) {
  auto due = local(winter_day, 9, 0);
  auto message = queued_text(due, texts(Language::cy));
  EXPECT_EQ(message.status, MessageStatus::queued);
  EXPECT_EQ(message.channel, MessageChannel::sms);
  EXPECT_EQ(message.to, "+447700900123");
  EXPECT_EQ(message.language, Language::cy);
  EXPECT_TRUE(message.body.starts_with("Helo Sam."));
  EXPECT_EQ(message.next_attempt_at, due);
  EXPECT_EQ(message.attempts, 0);
  EXPECT_EQ(queue_message(MessageKind::warning, emails(), fields(), "warning:1:warning", due).to, "sam@example.com");
  ContactDetails letter{MessageChannel::letter, Language::en, "+447700900123", "sam@example.com", false, false};
  EXPECT_EQ(queue_message(MessageKind::warning, letter, fields(), "warning:1:warning", due).to, "");
  EXPECT_EQ(queued_text(local(winter_day, 22, 0)).next_attempt_at, local(add_days(winter_day, 1), 8, 0))
      << "booked late in the evening: sent at 08:00";
}

TEST(OutboxMessage, ASendThatFailsThenSucceeds) {
  auto now = local(winter_day, 9, 0);
  auto message = begin_attempt(queued_text(now), texts(), now);
  EXPECT_EQ(message.status, MessageStatus::sending);
  EXPECT_EQ(message.attempts, 1);
  message = record_failure(message, now + 2s, "provider timed out");
  EXPECT_EQ(message.status, MessageStatus::queued);
  EXPECT_EQ(message.next_attempt_at, now + 32s);
  EXPECT_EQ(message.last_error, "provider timed out");
  EXPECT_THROW(begin_attempt(message, texts(), now + 31s), Conflict) << "not due yet";
  message = begin_attempt(message, texts(), now + 32s);
  EXPECT_EQ(message.attempts, 2);
  message = record_sent(message, now + 33s);
  EXPECT_EQ(message.status, MessageStatus::sent);
  EXPECT_EQ(message.sent_at, now + 33s);
  EXPECT_FALSE(alerts_officer(message));
  EXPECT_THROW(record_sent(message, now + 34s), Conflict) << "never sent twice";
  EXPECT_THROW(begin_attempt(message, texts(), now + 34s), Conflict);
  EXPECT_THROW(record_failure(message, now + 34s, "late"), Conflict);
}

TEST(OutboxMessage, GivesUpAfterTheLastAttemptAndAlertsTheOfficer) {
  auto now = local(winter_day, 9, 0);
  auto message = queued_text(now);
  const RetryPolicy policy;
  for (int attempt = 1; attempt <= policy.max_attempts; ++attempt) {
    now = message.next_attempt_at;
    message = begin_attempt(message, texts(), now);
    ASSERT_EQ(message.attempts, attempt);
    message = record_failure(message, now, "refused");
    if (attempt < policy.max_attempts) {
      ASSERT_EQ(message.status, MessageStatus::queued) << attempt;
      EXPECT_EQ(message.next_attempt_at, now + backoff_after(attempt)) << attempt;
      EXPECT_FALSE(alerts_officer(message));
    }
  }
  EXPECT_EQ(message.status, MessageStatus::failed);
  EXPECT_EQ(message.attempts, 10);
  EXPECT_TRUE(alerts_officer(message));
  EXPECT_THROW(begin_attempt(message, texts(), now + hours{2}), Conflict) << "failed is final";
}

TEST(OutboxMessage, APermanentFailureGivesUpAtOnce) {
  auto now = local(winter_day, 9, 0);
  auto message = record_failure(begin_attempt(queued_text(now), texts(), now), now, "no such number", true);
  EXPECT_EQ(message.status, MessageStatus::failed);
  EXPECT_EQ(message.attempts, 1);
  EXPECT_TRUE(alerts_officer(message));
}

TEST(OutboxMessage, RetriesAndLateDispatchKeepQuietHours) {
  auto evening = local(winter_day, 20, 59) + 45s;
  auto message = record_failure(begin_attempt(queued_text(evening), texts(), evening), evening, "busy");
  EXPECT_EQ(message.next_attempt_at, local(add_days(winter_day, 1), 8, 0)) << "30 s later is 21:00:15";

  auto queued = queued_text(local(winter_day, 20, 0));
  auto late = begin_attempt(queued, texts(), local(winter_day, 21, 0));
  EXPECT_EQ(late.status, MessageStatus::queued);
  EXPECT_EQ(late.attempts, 0);
  EXPECT_EQ(late.next_attempt_at, local(add_days(winter_day, 1), 8, 0));
  EXPECT_EQ(begin_attempt(queued, texts(), local(winter_day, 20, 59)).status, MessageStatus::sending);

  ContactDetails letter{MessageChannel::letter, Language::en, "", "", false, false};
  auto posted = queue_message(MessageKind::warning, letter, fields(), "warning:1:warning", local(winter_day, 23, 0));
  EXPECT_EQ(begin_attempt(posted, letter, local(winter_day, 23, 0)).status, MessageStatus::sending);
}

TEST(OutboxMessage, OptedOutStopOrNoChannelIsNotSentAndSaysWhy) {
  auto now = local(winter_day, 9, 0);
  auto opted_out = texts();
  opted_out.opted_out = true;
  auto stop = texts();
  stop.stop_received = true;
  ContactDetails none{MessageChannel::none, Language::en, "", "", false, false};
  for (auto [contact, reason] : {std::pair{opted_out, WithheldReason::opted_out}, {stop, WithheldReason::stop_reply},
                                 {none, WithheldReason::no_channel}}) {
    auto message = queued_text(now, contact);
    EXPECT_EQ(message.status, MessageStatus::withheld);
    EXPECT_EQ(message.withheld, reason);
    EXPECT_FALSE(alerts_officer(message)) << "a reminder the person chose not to get";
    EXPECT_THROW(begin_attempt(message, contact, now), Conflict);
    auto warning = queue_message(MessageKind::warning, contact, fields(), "warning:1:warning", now);
    EXPECT_EQ(warning.withheld, reason);
    EXPECT_TRUE(alerts_officer(warning)) << "the officer must tell them another way";
  }
  auto email_after_stop = emails();
  email_after_stop.stop_received = true;
  EXPECT_EQ(queued_text(now, email_after_stop).status, MessageStatus::queued) << "STOP stops texts only";
}

TEST(OutboxMessage, OptingOutAfterItWasQueuedStopsIt) {
  auto now = local(winter_day, 9, 0);
  auto opted_out = texts();
  opted_out.opted_out = true;
  auto message = begin_attempt(queued_text(now), opted_out, now);
  EXPECT_EQ(message.status, MessageStatus::withheld);
  EXPECT_EQ(message.withheld, WithheldReason::opted_out);
  EXPECT_EQ(message.attempts, 0);
  auto stop = texts();
  stop.stop_received = true;
  EXPECT_EQ(begin_attempt(queued_text(now), stop, now).withheld, WithheldReason::stop_reply);
}

TEST(OutboxMessage, AReminderIsNeverSentOnceTheAppointmentHasStarted) {
  auto start = local(appointment_day, 14, 30);
  auto reminder = queue_message(MessageKind::morning_reminder, texts(), fields(), "appointment:42:morning_reminder",
                                local(appointment_day, 8, 0), start);
  EXPECT_EQ(reminder.status, MessageStatus::queued);
  EXPECT_EQ(begin_attempt(reminder, texts(), start - 1s).status, MessageStatus::sending);
  auto withheld = begin_attempt(reminder, texts(), start);
  EXPECT_EQ(withheld.status, MessageStatus::withheld);
  EXPECT_EQ(withheld.withheld, WithheldReason::too_late);
  EXPECT_EQ(queue_message(MessageKind::morning_reminder, texts(), fields(), "k", start, start).withheld,
            WithheldReason::too_late);
}

TEST(OutboxMessage, ARecordOfFailureOrSuccessNeedsASendInProgress) {
  auto now = local(winter_day, 9, 0);
  EXPECT_THROW(record_sent(queued_text(now), now), Conflict);
  EXPECT_THROW(record_failure(queued_text(now), now, "x"), Conflict);
}

TEST(OutboxMessage, AMessageLeftSendingByAStoppedDispatcherIsTriedAgain) {
  auto now = local(winter_day, 9, 0);
  auto queued = queued_text(now);
  auto sending = begin_attempt(queued, texts(), now + 5s);
  EXPECT_EQ(sending.next_attempt_at, now + 5s) << "when sending began";
  EXPECT_THROW(resume_after_stop(queued), Conflict) << "only a message being sent";
  auto resumed = resume_after_stop(sending);
  EXPECT_EQ(resumed.status, MessageStatus::queued);
  EXPECT_EQ(resumed.attempts, 1) << "the attempt it was on still counts";
  EXPECT_EQ(begin_attempt(resumed, texts(), now + minutes{6}).attempts, 2);
}

TEST(Outbox, StaffSeeThatASignInCodeWasSentNeverTheCode) {
  MessageFields with_code = fields();
  with_code.sign_in_code = "123456";
  auto code = queue_message(MessageKind::sign_in_code, texts(), with_code, "person_account:1:sign_in_code:1", Timestamp{});
  ASSERT_NE(code.body.find("123456"), std::string::npos);
  auto seen = as_staff_see_it(code);
  EXPECT_EQ(seen.body.find("123456"), std::string::npos);
  EXPECT_EQ(seen.kind, MessageKind::sign_in_code);
  EXPECT_EQ(seen.id, code.id);
  auto reminder = queued_text(Timestamp{});
  EXPECT_EQ(as_staff_see_it(reminder), reminder) << "every other message as it was sent";
}
