#pragma once
// SQLite implementations of the person's contact details and the outbox.
#include "store/message_repositories.hpp"
#include "store/sqlite/database.hpp"

namespace resettle::store::sqlite {

class SqlitePersonContacts final : public PersonContactRepository {
 public:
  explicit SqlitePersonContacts(Connection& db) : db_(db) {}
  PersonContact find(std::int64_t person_id) override;
  void save(std::int64_t person_id, const PersonContact& contact, std::int64_t expected_version) override;

 private:
  Connection& db_;
};

class SqliteOutbox final : public OutboxRepository {
 public:
  explicit SqliteOutbox(Connection& db) : db_(db) {}
  Queued insert(const OutboxMessage& message) override;
  std::optional<OutboxMessage> find(std::int64_t id) override;
  std::vector<OutboxMessage> due(Timestamp now, Timestamp stale_before, int limit) override;
  std::vector<OutboxMessage> queued_with_prefix(const std::string& key_prefix) override;
  void update(const OutboxMessage& message) override;
  Page<OutboxMessage> list(std::int64_t person_id, const PageRequest& page) override;

 private:
  Connection& db_;
};

}  // namespace resettle::store::sqlite
