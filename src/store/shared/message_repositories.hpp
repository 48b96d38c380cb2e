#pragma once
// The person's contact details, the outbox and people's own accounts, written once for both stores as
// repositories.hpp describes. Their times are Unix seconds (UTC) in integer columns on both backends.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/message_repositories.hpp"
#include "store/person_account_repositories.hpp"
#include "store/shared/database.hpp"

namespace resettle::store::shared {

inline std::int64_t seconds_of(Timestamp at) { return at.time_since_epoch().count(); }
inline std::optional<std::int64_t> seconds_of(const std::optional<Timestamp>& at) {
  if (!at) return std::nullopt;
  return seconds_of(*at);
}
inline Timestamp timestamp_of(std::int64_t seconds) { return Timestamp{std::chrono::seconds{seconds}}; }
template <typename Row>
std::optional<Timestamp> optional_timestamp(const Row& row, int column) {
  auto seconds = row.optional_integer(column);
  if (!seconds) return std::nullopt;
  return timestamp_of(*seconds);
}

template <Database Db>
class PersonContacts final : public PersonContactRepository {
 public:
  explicit PersonContacts(Db& db) : db_(db) {}
  PersonContact find(std::int64_t person_id) override;
  void save(std::int64_t person_id, const PersonContact& contact, std::int64_t expected_version) override;

 private:
  Db& db_;
};

template <Database Db>
class Outbox final : public OutboxRepository {
 public:
  explicit Outbox(Db& db) : db_(db) {}
  Queued insert(const OutboxMessage& message) override;
  std::optional<OutboxMessage> find(std::int64_t id) override;
  std::vector<OutboxMessage> due(Timestamp now, Timestamp stale_before, int limit) override;
  std::vector<OutboxMessage> queued_with_prefix(const std::string& key_prefix) override;
  void update(const OutboxMessage& message) override;
  Page<OutboxMessage> list(std::int64_t person_id, const PageRequest& page) override;

 private:
  Db& db_;
};

template <Database Db>
class PersonAccounts final : public PersonAccountRepository {
 public:
  explicit PersonAccounts(Db& db) : db_(db) {}
  std::optional<PersonAccount> find_for_person(std::int64_t person_id) override;
  std::optional<PersonAccount> find_by_contact(const std::string& value) override;
  std::int64_t save(const PersonAccount& account) override;
  void update_state(const PersonAccount& account) override;
  std::int64_t add_code(std::int64_t account_id, const std::string& code_hash, Timestamp issued_at) override;
  int codes_issued_since(std::int64_t account_id, Timestamp since) override;
  std::optional<IssuedCode> find_code(std::int64_t account_id, const std::string& code_hash) override;
  void use_code(std::int64_t code_id, Timestamp at) override;
  void count_attempt(std::int64_t account_id) override;
  void add_session(std::int64_t account_id, const std::string& token_hash, const std::string& csrf_token,
                   Timestamp now) override;
  std::optional<PersonSession> find_session(const std::string& token_hash) override;
  void record_last_seen(const std::string& token_hash, Timestamp at) override;
  void revoke_session(const std::string& token_hash, Timestamp at) override;
  std::int64_t add_api_token(const std::string& token_hash, const PersonApiToken& token) override;
  std::optional<PersonTokenHolder> find_api_token(const std::string& token_hash) override;
  std::vector<PersonApiToken> api_tokens(std::int64_t account_id) override;
  bool revoke_api_token(std::int64_t account_id, std::int64_t token_id, Timestamp at) override;
  void record_api_token_use(std::int64_t token_id, Timestamp at) override;

 private:
  Db& db_;
};

}  // namespace resettle::store::shared
