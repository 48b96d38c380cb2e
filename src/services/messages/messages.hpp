#pragma once
// Messages to the person, the outbox way: their contact details, messages queued in the transaction
// of the change that causes them, and the dispatcher that sends what is due through a sender (the
// embedded one keeps sent messages in the database, for `./dev run` and the tests).
#include <cstdint>
#include <optional>
#include <string>

#include "domain/messages/outbox.hpp"
#include "domain/people/person_contact.hpp"
#include "services/clock.hpp"
#include "store/store.hpp"

namespace resettle::services {

// The person's contact details and working hours: audited read; NotFound for a person this member
// of staff may not see.
struct ContactRecord {
  Person person;
  PersonContact contact;
  bool may_change = false;  // this member of staff (may_book_appointments)
};
ContactRecord contact_of(store::Store& store, const StaffMember& actor, std::int64_t person_id);

// Records them from read_person_contact's fields, journalled, if they are still at
// `expected_version` (0: none recorded yet). Forbidden unless may_book_appointments; NotFound as
// contact_of; ValidationFailed naming each bad field; StaleVersion when they changed since.
PersonContact update_contact(store::Store& store, const StaffMember& actor, std::int64_t person_id, const FieldInput& input,
                             std::int64_t expected_version);

// Queues a message to the person inside the caller's transaction (queue_message), unless its key is
// already in the outbox. Returns the id of the message holding the key.
std::int64_t queue_to_person(store::Transaction& tx, const Person& person, const PersonContact& contact, MessageKind kind,
                             const MessageFields& fields, const std::string& key, Timestamp due_at,
                             std::optional<Timestamp> not_after = std::nullopt);

// Hands a message to a provider. Returns nullopt when the provider took it, else why not.
struct SendFailure {
  std::string error;
  bool permanent = false;  // e.g. a number the provider says does not exist: no retry
};
class MessageSender {
 public:
  virtual ~MessageSender() = default;
  virtual std::optional<SendFailure> send(const OutboxMessage& message) = 0;
};

// The default: every message is taken, and the outbox row is the record of it.
class EmbeddedSender final : public MessageSender {
 public:
  std::optional<SendFailure> send(const OutboxMessage&) override { return std::nullopt; }
};

// A message left sending this long is taken to be from a dispatcher that stopped mid-send.
inline constexpr std::chrono::minutes sending_lease{5};

// Messages are claimed, sent and recorded this many at a time: two transactions a batch rather than
// two a message, and no more than this many could go twice if the process stops mid-batch.
inline constexpr int dispatch_batch_size = 50;

// Sends up to `limit` messages due now, a batch at a time: each batch is claimed (sending) in one
// transaction before it goes to `sender`, and the results are recorded in another after. A message
// is never lost if the process stops between them: one left sending is tried again after the lease
// (so the person may get it twice), and a second dispatcher never takes one already claimed. A
// failure is retried with backoff; one that fails for good, or a warning withheld, is journalled on
// the person's timeline so their officer knows. Returns what happened.
struct DispatchReport {
  int sent = 0;
  int retrying = 0;
  int failed = 0;
  int withheld = 0;
  int deferred = 0;  // held back by quiet hours
  bool operator==(const DispatchReport&) const = default;
};
DispatchReport dispatch_due(store::Store& store, const Clock& clock, MessageSender& sender, int limit = 200);

// The outbox page: a person's messages (person_id; NotFound for a person this member of staff may not
// see) or, for an administrator, everyone's (person_id 0; Forbidden to anyone else), newest first.
// Audited: the person's read, or one row naming everyone on the page. Sign-in codes are never shown
// (as_staff_see_it).
store::Page<OutboxMessage> outbox_messages(store::Store& store, const StaffMember& actor, std::int64_t person_id,
                                           const store::PageRequest& page);

}  // namespace resettle::services
