// Contact details, queuing and dispatching messages to the person (see messages.hpp).
#include "services/messages.hpp"

#include "domain/appointment.hpp"
#include "domain/errors.hpp"
#include "services/audit.hpp"
#include "services/case_records.hpp"

namespace resettle::services {

namespace {

nlohmann::json contact_data(const PersonContact& contact) {
  return {{"channel", entry_for(message_channels(), contact.details.channel).code},
          {"language", entry_for(languages(), contact.details.language).code},
          {"opted_out", contact.details.opted_out},
          {"work", working_pattern_fields(contact.work)}};
}

// Claims a due message for sending in a transaction of its own: nullopt when another dispatcher
// took it first or it is not to be sent now (withheld, or moved out of quiet hours: written back).
std::optional<OutboxMessage> claim(store::Store& store, std::int64_t id, Timestamp now, DispatchReport& report) {
  auto tx = store.begin_write();
  auto message = tx->outbox().find(id);
  if (!message) return std::nullopt;
  if (message->status == MessageStatus::sending) *message = resume_after_stop(*message);
  if (message->status != MessageStatus::queued || message->next_attempt_at > now) return std::nullopt;
  auto contact = tx->person_contacts().find(message->person_id).details;
  auto attempt = begin_attempt(*message, contact, now);
  tx->outbox().update(attempt);
  if (attempt.status == MessageStatus::withheld && alerts_officer(attempt))
    tx->journal().append({std::nullopt, attempt.person_id, "message.withheld", "outbox_message", attempt.id,
                          "A " + std::string{entry_for(message_kinds(), attempt.kind).label} +
                              " was not sent: " + std::string{entry_for(withheld_reasons(), *attempt.withheld).label} +
                              ". Tell the person another way.",
                          "", {}});
  tx->commit();
  if (attempt.status == MessageStatus::withheld) ++report.withheld;
  if (attempt.status == MessageStatus::queued) ++report.deferred;
  if (attempt.status != MessageStatus::sending) return std::nullopt;
  return attempt;
}

void record_result(store::Store& store, OutboxMessage message, const std::optional<SendFailure>& failure, Timestamp now,
                   DispatchReport& report) {
  auto tx = store.begin_write();
  message = failure ? record_failure(std::move(message), now, failure->error, failure->permanent) : record_sent(std::move(message), now);
  tx->outbox().update(message);
  if (alerts_officer(message))
    tx->journal().append({std::nullopt, message.person_id, "message.failed", "outbox_message", message.id,
                          "A " + std::string{entry_for(message_kinds(), message.kind).label} +
                              " could not be sent. Tell the person another way.",
                          message.last_error, {}});
  tx->commit();
  if (message.status == MessageStatus::sent) ++report.sent;
  if (message.status == MessageStatus::queued) ++report.retrying;
  if (message.status == MessageStatus::failed) ++report.failed;
}

}  // namespace

ContactRecord contact_of(store::Store& store, const StaffMember& actor, std::int64_t person_id) {
  auto record = view_person(store, actor, person_id, "contact details");
  return {record.person, store.begin_read()->person_contacts().find(person_id), may_book_appointments(actor.role)};
}

PersonContact update_contact(store::Store& store, const StaffMember& actor, std::int64_t person_id, const FieldInput& input,
                             std::int64_t expected_version) {
  if (!may_book_appointments(actor.role))
    throw Forbidden("only the community offender manager or a manager records how to reach the person");
  auto contact = read_person_contact(input);
  auto tx = store.begin_write();
  require_visible_person(*tx, actor, person_id, "contact details");
  tx->person_contacts().save(person_id, contact, expected_version);
  contact.version = expected_version + 1;
  tx->journal().append({actor.id, person_id, "contact.updated", "person_contact", person_id,
                        "Contact details and working hours recorded", "", contact_data(contact)});
  tx->commit();
  return contact;
}

std::int64_t queue_to_person(store::Transaction& tx, const Person& person, const PersonContact& contact, MessageKind kind,
                             const MessageFields& fields, const std::string& key, Timestamp due_at,
                             std::optional<Timestamp> not_after) {
  auto message = queue_message(kind, contact.details, fields, key, due_at, not_after);
  message.person_id = person.id;
  return tx.outbox().insert(message).id;
}

DispatchReport dispatch_due(store::Store& store, const Clock& clock, MessageSender& sender, int limit) {
  auto now = clock.now_seconds();
  DispatchReport report;
  for (const auto& due : store.begin_read()->outbox().due(now, now - sending_lease, limit)) {
    auto claimed = claim(store, due.id, now, report);
    if (!claimed) continue;
    auto failure = sender.send(*claimed);
    record_result(store, std::move(*claimed), failure, clock.now_seconds(), report);
  }
  return report;
}

store::Page<OutboxMessage> outbox_messages(store::Store& store, const StaffMember& actor, std::int64_t person_id,
                                           const store::PageRequest& page) {
  if (person_id == 0 && actor.role != Role::admin) throw Forbidden("only administrators see every message");
  if (person_id != 0) view_person(store, actor, person_id, "messages");
  auto messages = store.begin_read()->outbox().list(person_id, page);
  if (person_id == 0) {
    std::vector<std::int64_t> people;
    for (const auto& message : messages.items) people.push_back(message.person_id);
    audit_list(store, actor, "outbox", people);
  }
  return messages;
}

}  // namespace resettle::services
