#pragma once
// The repositories of messages to the person (migration 24): their contact details and working
// hours, and the outbox every message is written to in the transaction of the change that causes it.
#include <cstdint>
#include <optional>
#include <vector>

#include "domain/messages/outbox.hpp"
#include "domain/people/person_contact.hpp"
#include "store/pagination.hpp"

namespace resettle::store {

class PersonContactRepository {
 public:
  virtual ~PersonContactRepository() = default;
  // The person's contact details and working hours; version 0 (no channel, no hours) when none are recorded.
  virtual PersonContact find(std::int64_t person_id) = 0;
  // Writes them if the stored version is still expected_version (0: none stored yet); StaleVersion otherwise.
  virtual void save(std::int64_t person_id, const PersonContact& contact, std::int64_t expected_version) = 0;
};

class OutboxRepository {
 public:
  virtual ~OutboxRepository() = default;
  // Queues the message unless one with its idempotency key is already there: the same event never
  // sends twice. Returns the id of the message that holds the key, and whether it was this one.
  struct Queued {
    std::int64_t id = 0;
    bool inserted = false;
  };
  virtual Queued insert(const OutboxMessage& message) = 0;
  virtual std::optional<OutboxMessage> find(std::int64_t id) = 0;
  // Messages to try now, soonest first, at most `limit`: queued ones due by `now`, and ones left
  // sending by a dispatcher that stopped before `stale_before` (tried again: see decisions.md).
  virtual std::vector<OutboxMessage> due(Timestamp now, Timestamp stale_before, int limit) = 0;
  // The queued messages whose idempotency key starts with `key_prefix` (idempotency_prefix: one
  // subject's), oldest first; empty when none.
  virtual std::vector<OutboxMessage> queued_with_prefix(const std::string& key_prefix) = 0;
  // Writes the message's status, attempts, next attempt, sent time, error and withheld reason.
  virtual void update(const OutboxMessage& message) = 0;
  // Newest first, one person's or (person_id 0) everyone's, a page at a time.
  virtual Page<OutboxMessage> list(std::int64_t person_id, const PageRequest& page) = 0;
};

}  // namespace resettle::store
