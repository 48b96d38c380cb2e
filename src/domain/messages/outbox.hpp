#pragma once
// Messages to the person (reminders, warnings, licence changes) as outbox records: what is sent, by
// which channel and in which language, when, how often it is retried and when it is not sent at all.
#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "domain/clock_time.hpp"
#include "domain/code_list.hpp"
#include "domain/date.hpp"
#include "domain/field_input.hpp"
#include "domain/language.hpp"
#include "domain/uk_time.hpp"

namespace resettle {

// --- Codes ------------------------------------------------------------------------------------
// Stored and sent in JSON: the codes of every table below may only be added to; labels may change.

// How the person chose to hear from us; `none` means no messages at all.
enum class MessageChannel { sms, email, letter, none };
std::span<const Coded<MessageChannel>> message_channels();

enum class MessageKind {
  booking_reminder,
  day_before_reminder,
  morning_reminder,
  warning,
  licence_change,
  sign_in_code,  // the one-time code a person signs in to their own view with
  invitation,    // the invitation to that view, with the address to sign in at
  appointment_cancelled,
  appointment_moved,
};
std::span<const Coded<MessageKind>> message_kinds();

// queued → sending → sent, or back to queued to retry, or failed after the last try;
// queued → withheld when it must not be sent at all.
enum class MessageStatus { queued, sending, sent, failed, withheld };
std::span<const Coded<MessageStatus>> message_statuses();

// Why a message was not sent.
enum class WithheldReason { no_channel, opted_out, stop_reply, too_late, appointment_cancelled };
std::span<const Coded<WithheldReason>> withheld_reasons();

// --- Contact details --------------------------------------------------------------------------

struct ContactDetails {
  MessageChannel channel = MessageChannel::none;
  Language language = Language::en;
  std::string mobile;  // E.164, "+447700900123"; empty when not given
  std::string email;
  bool opted_out = false;      // the person asked for no messages
  bool stop_received = false;  // the person replied STOP to a text: no more texts
  bool operator==(const ContactDetails&) const = default;
};

// A UK mobile number that can take texts, in E.164 ("+447700900123"), from "07xxx xxxxxx" or
// "+44 7xxx xxxxxx" with spaces anywhere; nullopt for anything else, including landlines, 070
// personal numbers and 076 pagers (except 07624, Isle of Man mobiles).
std::optional<std::string> uk_mobile_e164(std::string_view text);

// True for an address of a plausible shape: one "@", a local part of 1-64 characters without
// spaces, and a domain of dot-separated labels (letters, digits, hyphens inside) ending in a
// top-level domain of 2+ letters; 254 characters at most. Only sending proves an address works.
bool plausible_email(std::string_view text);

// Reads channel (required), language (optional, English when absent), mobile (required for sms;
// normalised to E.164) and email (required for email); a mobile or email given for another channel
// is checked and kept. Throws ValidationFailed naming every bad field.
ContactDetails read_contact_details(const FieldInput& input);

// --- Texts ------------------------------------------------------------------------------------

// The only personal details a message may carry: never an offence, a risk or a condition's detail,
// since a phone or a letter may be read by someone else.
struct MessageFields {
  std::string first_name;
  Date on{};          // the appointment's day, or the day a change takes effect
  ClockTime at{};     // the appointment's time
  std::string office_name;
  std::string office_address;
  std::string officer_name;
  std::string sign_in_code{};     // a sign-in code message's six digits
  std::string sign_in_address{};  // the address of the person's own view, in an invitation
};

// The English wording of each kind, translated through the message catalogue, with ((placeholders))
// named after MessageFields: ((first_name)), ((date)), ((time)), ((office_name)), ((office_address)),
// ((officer_name)), ((sign_in_code)), ((sign_in_address)).
struct MessageTemplate {
  MessageKind kind;
  std::string_view text;
};
std::span<const MessageTemplate> message_templates();  // one row per MessageKind, in its order
// The placeholders a template may use.
std::span<const std::string_view> message_placeholders();

// The text of a message of `kind` in `language`, dates and times as GOV.UK writes them:
// "Friday 5 February 2027" at "2:30pm", "Dydd Gwener 5 Chwefror 2027" am "2:30yp".
std::string message_text(MessageKind kind, Language language, const MessageFields& fields);
// Whether the person's own Messages page may show what a message of this kind said: not a sign-in
// code, so a code never outlives its text message (someone else may be holding their phone later).
bool shown_again_to_person(MessageKind kind);

// --- When reminders are due -------------------------------------------------------------------

inline constexpr ClockTime day_before_reminder_at{10 * 60};
inline constexpr ClockTime morning_reminder_at{8 * 60};

// When a reminder of an appointment on `on` at `starts_at` (local time) booked at `booked_at` is
// due: the booking reminder at once; the day-before reminder at 10:00 the day before; the morning
// reminder at 08:00 on the day. nullopt when it is not sent: its time is already past at booking,
// or it would fall at or after the appointment's start. Throws std::invalid_argument for a kind
// that is not a reminder.
std::optional<Timestamp> reminder_due(MessageKind kind, Date on, ClockTime starts_at, Timestamp booked_at);

// --- Quiet hours ------------------------------------------------------------------------------

inline constexpr ClockTime quiet_hours_start{21 * 60};
inline constexpr ClockTime quiet_hours_end{8 * 60};

// True from 21:00 up to 08:00 local time, when no text or email is sent.
bool in_quiet_hours(Timestamp at);
// Whether quiet hours hold a message of this kind back: not a sign-in code, which the person asked for
// just now and which is no use 10 minutes later.
bool kept_to_quiet_hours(MessageKind kind);
// `at`, or for a text or email falling in quiet hours, the next 08:00 local time. Letters and
// `none` are not held back.
Timestamp next_allowed_send(Timestamp at, MessageChannel channel);

// --- The outbox record and its state machine --------------------------------------------------

// The key of the event that causes a message, unique in the outbox so that the same event never
// sends twice: "appointment:42:day_before_reminder"; with a version (an appointment rebooked gets
// new reminders) "appointment:42:v3:day_before_reminder". Throws std::invalid_argument for an
// empty subject or one holding ':'.
std::string idempotency_key(std::string_view subject, std::int64_t subject_id, MessageKind kind,
                            std::int64_t version = 0);
// What every key of the subject's messages starts with, whatever their kind or version: "appointment:42:".
// Throws std::invalid_argument as idempotency_key does.
std::string idempotency_prefix(std::string_view subject, std::int64_t subject_id);

struct OutboxMessage {
  std::int64_t id = 0;
  std::int64_t person_id = 0;
  std::string idempotency_key;
  MessageKind kind = MessageKind::booking_reminder;
  MessageChannel channel = MessageChannel::none;
  Language language = Language::en;
  std::string to;    // the E.164 mobile or the email; empty for a letter (the address is on the record)
  std::string body;
  std::optional<Timestamp> not_after;  // reminders: the appointment's start; never sent from then
  MessageStatus status = MessageStatus::queued;
  int attempts = 0;
  Timestamp next_attempt_at{};
  std::optional<Timestamp> sent_at;
  std::string last_error;
  std::optional<WithheldReason> withheld;
  bool operator==(const OutboxMessage&) const = default;
};

// Retries: waits of `first_wait`, doubling each time, never more than `longest_wait`; the message
// fails for good after `max_attempts` tries.
struct RetryPolicy {
  std::chrono::seconds first_wait{30};
  std::chrono::seconds longest_wait{std::chrono::hours{1}};
  int max_attempts = 10;
};

// The wait after the `failed_attempts`-th failure (1 → first_wait, 2 → twice it, ...), capped.
// Throws std::invalid_argument below 1.
std::chrono::seconds backoff_after(int failed_attempts, const RetryPolicy& policy = {});

// A message queued in the same transaction as the change that causes it: its text in the person's
// language, to their channel, first tried at `due_at` moved out of quiet hours. Withheld at once,
// saying why, when the person has no channel, has opted out, or replied STOP and is texted.
OutboxMessage queue_message(MessageKind kind, const ContactDetails& contact, const MessageFields& fields,
                            std::string key, Timestamp due_at, std::optional<Timestamp> not_after = std::nullopt);

// Why a queued message must not go now, with the person's contact details as they are now
// (they may have opted out since it was queued); nullopt when it may go.
std::optional<WithheldReason> reason_not_to_send(const OutboxMessage& message, const ContactDetails& contact,
                                                 Timestamp now);

// The dispatcher's first step for a due message. Returns it withheld (with the reason), still queued
// with a later next_attempt_at (quiet hours), or sending since `now` (next_attempt_at) with one more
// attempt counted: only then
// does the dispatcher hand it to the provider. Throws Conflict unless it is queued and due.
OutboxMessage begin_attempt(OutboxMessage message, const ContactDetails& contact, Timestamp now);

// A message left sending by a dispatcher that stopped before it heard back: sending → queued, to be
// tried again (the provider may have taken it: see decisions.md). Throws Conflict unless sending.
OutboxMessage resume_after_stop(OutboxMessage message);

// queued → withheld for `reason`: what it says no longer holds. Throws Conflict unless it is queued.
OutboxMessage withhold(OutboxMessage message, WithheldReason reason);

// The provider took the message: sending → sent. Throws Conflict from any other status, so a
// message is never recorded as sent twice.
OutboxMessage record_sent(OutboxMessage message, Timestamp now);

// The provider refused or did not answer: sending → queued, to try again after the backoff (moved
// out of quiet hours), or → failed after the last attempt or at once when `permanent` (a number the
// provider says does not exist). Throws Conflict unless it is sending.
OutboxMessage record_failure(OutboxMessage message, Timestamp now, std::string error, bool permanent = false,
                             const RetryPolicy& policy = {});

// A message as staff see it: a sign-in code's text is the person's key to their own record, so staff
// see that a code was sent and when, never the code.
OutboxMessage as_staff_see_it(OutboxMessage message);

// True when the officer must be told: the message failed, or a warning, licence change or changed or
// cancelled appointment was withheld (the person must still learn of it, another way), unless a later
// change made it moot (withheld as appointment_cancelled).
bool alerts_officer(const OutboxMessage& message);

}  // namespace resettle
