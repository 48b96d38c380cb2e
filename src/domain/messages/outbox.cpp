// Messages to the person as outbox records (see outbox.hpp).
#include "domain/messages/outbox.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <stdexcept>

#include "domain/catalogue.hpp"
#include "domain/errors.hpp"

namespace resettle {

namespace {
using namespace std::chrono;

// Stored and sent in JSON: codes may only be added to, never changed or removed; labels may change.
constexpr std::array<Coded<MessageChannel>, 4> channel_table{{
    {MessageChannel::sms, "sms", "Text message"},
    {MessageChannel::email, "email", "Email"},
    {MessageChannel::letter, "letter", "Letter"},
    {MessageChannel::none, "none", "No messages"},
}};

// Stored and sent in JSON: codes may only be added to, never changed or removed; labels may change.
constexpr std::array<Coded<MessageKind>, 9> kind_table{{
    {MessageKind::booking_reminder, "booking_reminder", "Appointment booked"},
    {MessageKind::day_before_reminder, "day_before_reminder", "Reminder the day before"},
    {MessageKind::morning_reminder, "morning_reminder", "Reminder on the morning"},
    {MessageKind::warning, "warning", "Warning letter sent"},
    {MessageKind::licence_change, "licence_change", "Licence conditions changed"},
    {MessageKind::sign_in_code, "sign_in_code", "Sign-in code"},
    {MessageKind::invitation, "invitation", "Invitation to see their own case"},
    {MessageKind::appointment_cancelled, "appointment_cancelled", "Appointment cancelled"},
    {MessageKind::appointment_moved, "appointment_moved", "Appointment changed"},
}};

// Stored and sent in JSON: codes may only be added to, never changed or removed; labels may change.
constexpr std::array<Coded<MessageStatus>, 5> status_table{{
    {MessageStatus::queued, "queued", "Waiting to be sent"},
    {MessageStatus::sending, "sending", "Being sent"},
    {MessageStatus::sent, "sent", "Sent"},
    {MessageStatus::failed, "failed", "Could not be sent"},
    {MessageStatus::withheld, "withheld", "Not sent"},
}};

// Stored and sent in JSON: codes may only be added to, never changed or removed; labels may change.
constexpr std::array<Coded<WithheldReason>, 5> withheld_table{{
    {WithheldReason::no_channel, "no_channel", "The person chose to get no messages"},
    {WithheldReason::opted_out, "opted_out", "The person opted out of messages"},
    {WithheldReason::stop_reply, "stop_reply", "The person replied STOP to a text"},
    {WithheldReason::too_late, "too_late", "The appointment had already started"},
    // Moving an appointment cancels the time it was at: its old reminders are withheld for this too.
    {WithheldReason::appointment_cancelled, "appointment_cancelled", "The appointment was cancelled or changed"},
}};

// Short sentences in plain words; nothing about offences, risk or conditions (see MessageFields).
constexpr std::array<MessageTemplate, 9> template_table{{
    {MessageKind::booking_reminder,
     for_translation("Hello ((first_name)). You have an appointment with ((officer_name)) on ((date)) at ((time)). "
                     "Where: ((office_name)), ((office_address)).")},
    {MessageKind::day_before_reminder,
     for_translation("Hello ((first_name)). Reminder: you have an appointment with ((officer_name)) tomorrow, "
                     "((date)), at ((time)). Where: ((office_name)), ((office_address)).")},
    {MessageKind::morning_reminder,
     for_translation("Hello ((first_name)). Reminder: you have an appointment with ((officer_name)) today, "
                     "((date)), at ((time)). Where: ((office_name)), ((office_address)).")},
    {MessageKind::warning,
     for_translation("Hello ((first_name)). ((officer_name)) has sent you a warning letter. Please read it "
                     "carefully. If you have questions, contact your office: ((office_name)), ((office_address)).")},
    {MessageKind::licence_change,
     for_translation("Hello ((first_name)). Your licence conditions have changed from ((date)). ((officer_name)) "
                     "will explain what this means for you. If you have questions, contact your office: "
                     "((office_name)), ((office_address)).")},
    {MessageKind::sign_in_code,
     for_translation("Your Resettle sign-in code is ((sign_in_code)). It works once, for 10 minutes. "
                     "Do not share it with anyone.")},
    {MessageKind::invitation,
     for_translation("Hello ((first_name)). ((officer_name)) has set up Resettle for you, so you can see what "
                     "happens next: your release, your appointments and who to contact. Sign in at "
                     "((sign_in_address)) with this mobile number or email address.")},
    // Never the reason for cancelling: it could say the person is back in prison, or why.
    {MessageKind::appointment_cancelled,
     for_translation("Hello ((first_name)). Your appointment with ((officer_name)) on ((date)) at ((time)) is "
                     "cancelled. You do not need to go. If you have questions, contact your office: ((office_name)), "
                     "((office_address)).")},
    {MessageKind::appointment_moved,
     for_translation("Hello ((first_name)). Your appointment with ((officer_name)) has changed. It is now on "
                     "((date)) at ((time)). Where: ((office_name)), ((office_address)).")},
}};

constexpr std::array<std::string_view, 8> placeholder_table{
    "first_name", "date", "time", "office_name", "office_address", "officer_name", "sign_in_code", "sign_in_address"};

bool is_digits(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); });
}

// Letters, digits and hyphens, not at either end: one label of a domain name.
bool domain_label(std::string_view label) {
  if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
  return std::all_of(label.begin(), label.end(), [](unsigned char c) { return std::isalnum(c) || c == '-'; });
}

std::string value_of(std::string_view placeholder, Language language, const MessageFields& fields) {
  if (placeholder == "first_name") return fields.first_name;
  if (placeholder == "date") return long_date_with_day(fields.on, language);
  if (placeholder == "time") return time_of_day(fields.at, language);
  if (placeholder == "office_name") return fields.office_name;
  if (placeholder == "office_address") return fields.office_address;
  if (placeholder == "officer_name") return fields.officer_name;
  if (placeholder == "sign_in_code") return fields.sign_in_code;
  if (placeholder == "sign_in_address") return fields.sign_in_address;
  throw std::logic_error("no such placeholder in a message: " + std::string{placeholder});
}

bool quiet_channel(MessageChannel channel) { return channel == MessageChannel::sms || channel == MessageChannel::email; }

void require_status(const OutboxMessage& message, MessageStatus expected) {
  if (message.status != expected)
    throw Conflict("message " + message.idempotency_key + " is " +
                   std::string{entry_for<MessageStatus>(status_table, message.status).code} + ", not " +
                   std::string{entry_for<MessageStatus>(status_table, expected).code});
}
}  // namespace

std::span<const Coded<MessageChannel>> message_channels() { return channel_table; }
std::span<const Coded<MessageKind>> message_kinds() { return kind_table; }
std::span<const Coded<MessageStatus>> message_statuses() { return status_table; }
std::span<const Coded<WithheldReason>> withheld_reasons() { return withheld_table; }
std::span<const MessageTemplate> message_templates() { return template_table; }
std::span<const std::string_view> message_placeholders() { return placeholder_table; }

std::optional<std::string> uk_mobile_e164(std::string_view text) {
  std::string digits;
  for (char c : text)
    if (c != ' ') digits += c;
  std::string national;  // after the country code: 7 and nine more digits
  if (digits.starts_with("+44")) national = digits.substr(3);
  else if (digits.starts_with("07")) national = digits.substr(1);
  else return std::nullopt;
  if (national.size() != 10 || national[0] != '7' || !is_digits(national)) return std::nullopt;
  // 070 is personal numbering and 076 paging: neither takes texts, except 07624 on the Isle of Man.
  if (national[1] == '0' || (national[1] == '6' && !national.starts_with("7624"))) return std::nullopt;
  return "+44" + national;
}

bool plausible_email(std::string_view text) {
  constexpr std::size_t longest = 254, longest_local = 64;
  auto at = text.find('@');
  if (text.size() > longest || at == std::string_view::npos || text.find('@', at + 1) != std::string_view::npos)
    return false;
  auto local = text.substr(0, at), domain = text.substr(at + 1);
  if (local.empty() || local.size() > longest_local) return false;
  if (std::any_of(local.begin(), local.end(), [](unsigned char c) { return std::isspace(c) || std::iscntrl(c); }))
    return false;
  auto last_dot = domain.rfind('.');
  if (last_dot == std::string_view::npos) return false;
  auto top = domain.substr(last_dot + 1);
  if (top.size() < 2 || !std::all_of(top.begin(), top.end(), [](unsigned char c) { return std::isalpha(c); }))
    return false;
  for (std::size_t start = 0; start <= domain.size();) {
    auto end = std::min(domain.find('.', start), domain.size());
    if (!domain_label(domain.substr(start, end - start))) return false;
    start = end + 1;
  }
  return true;
}

ContactDetails read_contact_details(const FieldInput& input) {
  FieldReader reader{input};
  ContactDetails contact;
  auto channel = reader.code<MessageChannel>("channel", Need::required, channel_table);
  if (channel) contact.channel = *channel;
  if (auto language = reader.code("language", Need::optional, languages())) contact.language = *language;
  auto mobile = reader.text("mobile", channel == MessageChannel::sms ? Need::required : Need::optional, 30);
  if (!mobile.empty()) {
    if (auto e164 = uk_mobile_e164(mobile)) contact.mobile = *e164;
    else reader.fail("mobile", "cannot take text messages: give a UK mobile number, like 07700 900123 or +44 7700 900123");
  }
  contact.email = reader.text("email", channel == MessageChannel::email ? Need::required : Need::optional, 254);
  if (!contact.email.empty() && !plausible_email(contact.email))
    reader.fail("email", "must be an email address, like name@example.com");
  contact.opted_out = reader.boolean("opted_out");
  reader.throw_if_failed();
  return contact;
}

std::string message_text(MessageKind kind, Language language, const MessageFields& fields) {
  auto wording = translated(template_table[static_cast<std::size_t>(kind)].text, language);
  return fill_placeholders(wording, [&](std::string_view name) { return value_of(name, language, fields); });
}

std::optional<Timestamp> reminder_due(MessageKind kind, Date on, ClockTime starts_at, Timestamp booked_at) {
  Timestamp due;
  switch (kind) {
    case MessageKind::booking_reminder: due = booked_at; break;
    case MessageKind::day_before_reminder: due = from_uk_local({add_days(on, -1), day_before_reminder_at}); break;
    case MessageKind::morning_reminder: due = from_uk_local({on, morning_reminder_at}); break;
    case MessageKind::warning:
    case MessageKind::licence_change:
    case MessageKind::sign_in_code:
    case MessageKind::invitation:
    case MessageKind::appointment_cancelled:
    case MessageKind::appointment_moved: throw std::invalid_argument("not a reminder of an appointment");
  }
  if (due < booked_at || due >= from_uk_local({on, starts_at})) return std::nullopt;
  return due;
}

bool in_quiet_hours(Timestamp at) {
  auto local = uk_local(at).at;
  return local >= quiet_hours_start || local < quiet_hours_end;
}

bool kept_to_quiet_hours(MessageKind kind) { return kind != MessageKind::sign_in_code; }

bool shown_again_to_person(MessageKind kind) { return kind != MessageKind::sign_in_code; }

Timestamp next_allowed_send(Timestamp at, MessageChannel channel) {
  if (!quiet_channel(channel) || !in_quiet_hours(at)) return at;
  auto local = uk_local(at);
  Date morning = local.at >= quiet_hours_start ? add_days(local.on, 1) : local.on;
  return from_uk_local({morning, quiet_hours_end});
}

namespace {
Timestamp allowed_send(MessageKind kind, Timestamp at, MessageChannel channel) {
  return kept_to_quiet_hours(kind) ? next_allowed_send(at, channel) : at;
}
}  // namespace

std::string idempotency_prefix(std::string_view subject, std::int64_t subject_id) {
  if (subject.empty() || subject.find(':') != std::string_view::npos)
    throw std::invalid_argument("an idempotency key's subject must be a word without ':'");
  return std::string{subject} + ":" + std::to_string(subject_id) + ":";
}

std::string idempotency_key(std::string_view subject, std::int64_t subject_id, MessageKind kind, std::int64_t version) {
  auto key = idempotency_prefix(subject, subject_id);
  if (version != 0) key += "v" + std::to_string(version) + ":";
  return key + std::string{entry_for<MessageKind>(kind_table, kind).code};
}

seconds backoff_after(int failed_attempts, const RetryPolicy& policy) {
  if (failed_attempts < 1) throw std::invalid_argument("a backoff follows a failed attempt");
  seconds wait = policy.first_wait;
  for (int i = 1; i < failed_attempts && wait < policy.longest_wait; ++i) wait *= 2;
  return std::min(wait, policy.longest_wait);
}

OutboxMessage queue_message(MessageKind kind, const ContactDetails& contact, const MessageFields& fields,
                            std::string key, Timestamp due_at, std::optional<Timestamp> not_after) {
  OutboxMessage message;
  message.idempotency_key = std::move(key);
  message.kind = kind;
  message.channel = contact.channel;
  message.language = contact.language;
  message.to = contact.channel == MessageChannel::sms ? contact.mobile
               : contact.channel == MessageChannel::email ? contact.email : "";
  message.body = message_text(kind, contact.language, fields);
  message.not_after = not_after;
  message.next_attempt_at = allowed_send(kind, due_at, contact.channel);
  if (auto reason = reason_not_to_send(message, contact, due_at)) {
    message.status = MessageStatus::withheld;
    message.withheld = reason;
  }
  return message;
}

std::optional<WithheldReason> reason_not_to_send(const OutboxMessage& message, const ContactDetails& contact,
                                                 Timestamp now) {
  if (message.channel == MessageChannel::none || contact.channel == MessageChannel::none)
    return WithheldReason::no_channel;
  if (contact.opted_out) return WithheldReason::opted_out;
  if (message.channel == MessageChannel::sms && contact.stop_received) return WithheldReason::stop_reply;
  if (message.not_after && now >= *message.not_after) return WithheldReason::too_late;
  return std::nullopt;
}

OutboxMessage begin_attempt(OutboxMessage message, const ContactDetails& contact, Timestamp now) {
  require_status(message, MessageStatus::queued);
  if (now < message.next_attempt_at) throw Conflict("message " + message.idempotency_key + " is not due yet");
  if (auto reason = reason_not_to_send(message, contact, now)) {
    message.status = MessageStatus::withheld;
    message.withheld = reason;
  } else if (auto allowed = allowed_send(message.kind, now, message.channel); allowed != now) {
    message.next_attempt_at = allowed;  // a dispatcher running late must still keep quiet hours
  } else {
    message.status = MessageStatus::sending;
    message.next_attempt_at = now;  // when sending began: a dispatcher that stops mid-send is noticed from it
    ++message.attempts;
  }
  return message;
}

OutboxMessage resume_after_stop(OutboxMessage message) {
  require_status(message, MessageStatus::sending);
  message.status = MessageStatus::queued;
  return message;
}

OutboxMessage withhold(OutboxMessage message, WithheldReason reason) {
  require_status(message, MessageStatus::queued);
  message.status = MessageStatus::withheld;
  message.withheld = reason;
  return message;
}

OutboxMessage record_sent(OutboxMessage message, Timestamp now) {
  require_status(message, MessageStatus::sending);
  message.status = MessageStatus::sent;
  message.sent_at = now;
  return message;
}

OutboxMessage record_failure(OutboxMessage message, Timestamp now, std::string error, bool permanent,
                             const RetryPolicy& policy) {
  require_status(message, MessageStatus::sending);
  message.last_error = std::move(error);
  if (permanent || message.attempts >= policy.max_attempts) {
    message.status = MessageStatus::failed;
    return message;
  }
  message.status = MessageStatus::queued;
  message.next_attempt_at = allowed_send(message.kind, now + backoff_after(message.attempts, policy), message.channel);
  return message;
}

bool alerts_officer(const OutboxMessage& message) {
  if (message.status == MessageStatus::failed) return true;
  if (message.status != MessageStatus::withheld || message.withheld == WithheldReason::appointment_cancelled) return false;
  return message.kind == MessageKind::warning || message.kind == MessageKind::licence_change ||
         message.kind == MessageKind::appointment_cancelled || message.kind == MessageKind::appointment_moved;
}

OutboxMessage as_staff_see_it(OutboxMessage message) {
  if (message.kind == MessageKind::sign_in_code) message.body = "A sign-in code (never shown to staff)";
  return message;
}

}  // namespace resettle
