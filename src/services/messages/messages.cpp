// Contact details, queuing and dispatching messages to the person (see messages.hpp).
#include "services/messages/messages.hpp"

#include <algorithm>
#include <set>

#include "domain/supervision/appointment.hpp"
#include "domain/errors.hpp"
#include "services/audit.hpp"
#include "services/people/case_records.hpp"

namespace resettle::services {

namespace {

nlohmann::json contact_data(const PersonContact& contact) {
  return {{"channel", entry_for(message_channels(), contact.details.channel).code},
          {"language", entry_for(languages(), contact.details.language).code},
          {"opted_out", contact.details.opted_out},
          {"work", working_week_fields(contact.work)}};
}

// A due message (read in the same write transaction, so no other dispatcher holds it) claimed for
// sending, or nullopt when it is not to go now (withheld, or moved out of quiet hours: written back).
std::optional<OutboxMessage> claim(store::Transaction& tx, OutboxMessage message, Timestamp now, DispatchReport& report) {
  if (message.status == MessageStatus::sending) message = resume_after_stop(std::move(message));
  auto contact = tx.person_contacts().find(message.person_id).details;
  auto attempt = begin_attempt(std::move(message), contact, now);
  tx.outbox().update(attempt);
  if (attempt.status == MessageStatus::withheld && alerts_officer(attempt))
    tx.journal().append({std::nullopt, attempt.person_id, "message.withheld", "outbox_message", attempt.id,
                         std::string{entry_for(message_kinds(), attempt.kind).label} + " not sent: " +
                             std::string{entry_for(withheld_reasons(), *attempt.withheld).label} + ". Tell the person another way.",
                         "", {}});
  if (attempt.status == MessageStatus::withheld) ++report.withheld;
  if (attempt.status == MessageStatus::queued) ++report.deferred;
  if (attempt.status != MessageStatus::sending) return std::nullopt;
  return attempt;
}

void record_result(store::Transaction& tx, OutboxMessage message, const std::optional<SendFailure>& failure, Timestamp now,
                   DispatchReport& report) {
  message = failure ? record_failure(std::move(message), now, failure->error, failure->permanent) : record_sent(std::move(message), now);
  tx.outbox().update(message);
  if (alerts_officer(message))
    tx.journal().append({std::nullopt, message.person_id, "message.failed", "outbox_message", message.id,
                         std::string{entry_for(message_kinds(), message.kind).label} + " could not be sent. Tell the person another way.",
                         message.last_error, {}});
  if (message.status == MessageStatus::sent) ++report.sent;
  if (message.status == MessageStatus::queued) ++report.retrying;
  if (message.status == MessageStatus::failed) ++report.failed;
}

// One batch: claimed in one transaction, handed to the sender, the results recorded in another.
// Returns how many were due, so the dispatcher knows whether to take another batch.
std::size_t dispatch_batch(store::Store& store, const Clock& clock, MessageSender& sender, int size, DispatchReport& report) {
  auto now = clock.now_seconds();
  std::vector<OutboxMessage> claimed;
  std::size_t due_count = 0;
  {
    auto tx = store.begin_write();
    auto due = tx->outbox().due(now, now - sending_lease, size);
    due_count = due.size();
    for (const auto& message : due)
      if (auto attempt = claim(*tx, message, now, report)) claimed.push_back(std::move(*attempt));
    tx->commit();
  }
  std::vector<std::optional<SendFailure>> results;
  results.reserve(claimed.size());
  for (const auto& message : claimed) results.push_back(sender.send(message));
  auto tx = store.begin_write();
  for (std::size_t i = 0; i < claimed.size(); ++i) record_result(*tx, std::move(claimed[i]), results[i], clock.now_seconds(), report);
  tx->commit();
  return due_count;
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
  DispatchReport report;
  for (int left = limit; left > 0;) {
    int size = std::min(left, dispatch_batch_size);
    if (dispatch_batch(store, clock, sender, size, report) < static_cast<std::size_t>(size)) break;
    left -= size;
  }
  return report;
}

store::Page<OutboxMessage> outbox_messages(store::Store& store, const StaffMember& actor, std::int64_t person_id,
                                           const store::PageRequest& page) {
  if (person_id == 0 && actor.role != Role::admin) throw Forbidden("only administrators see every message");
  if (person_id != 0) view_person(store, actor, person_id, "messages");
  auto messages = store.begin_read()->outbox().list(person_id, page);
  for (auto& message : messages.items) message = as_staff_see_it(std::move(message));
  if (person_id == 0) {
    std::set<std::int64_t> people;  // once each, however many messages they have on the page
    for (const auto& message : messages.items) people.insert(message.person_id);
    audit_list(store, actor, "outbox", {people.begin(), people.end()});
  }
  return messages;
}

}  // namespace resettle::services
