#pragma once
// SQLite implementation of people's own accounts, their sign-in codes, sessions and API tokens.
#include "store/person_account_repositories.hpp"
#include "store/sqlite/database.hpp"

namespace resettle::store::sqlite {

class SqlitePersonAccounts final : public PersonAccountRepository {
 public:
  explicit SqlitePersonAccounts(Connection& db) : db_(db) {}
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
  Connection& db_;
};

}  // namespace resettle::store::sqlite
