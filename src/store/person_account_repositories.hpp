#pragma once
// The repository of people's own accounts (migration 30): the account, its sign-in codes (only
// their hashes), its sessions (only their token hashes) and its API tokens (migration 36, only their
// hashes). Nothing here is ever deleted.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/person_view/person_account.hpp"
#include "domain/person_view/person_api_token.hpp"

namespace resettle::store {

struct PersonSession {
  PersonAccount account;
  std::string csrf_token;
  Timestamp last_seen_at{};
};

struct PersonTokenHolder {
  PersonApiToken token;
  PersonAccount account;
};

class PersonAccountRepository {
 public:
  virtual ~PersonAccountRepository() = default;
  virtual std::optional<PersonAccount> find_for_person(std::int64_t person_id) = 0;
  // The account, not withdrawn, whose codes go to this contact value.
  virtual std::optional<PersonAccount> find_by_contact(const std::string& value) = 0;
  // Inserts the person's account, or replaces the one they have (a new invitation); returns its id.
  virtual std::int64_t save(const PersonAccount& account) = 0;
  // Writes the account's status, language, wrong codes and lockout.
  virtual void update_state(const PersonAccount& account) = 0;

  // Returns the new code's id.
  virtual std::int64_t add_code(std::int64_t account_id, const std::string& code_hash, Timestamp issued_at) = 0;
  virtual int codes_issued_since(std::int64_t account_id, Timestamp since) = 0;
  // The account's code with this hash, the newest if the same code came up twice.
  virtual std::optional<IssuedCode> find_code(std::int64_t account_id, const std::string& code_hash) = 0;
  virtual void use_code(std::int64_t code_id, Timestamp at) = 0;
  // One more try against every unused code of the account (the codes' attempts column).
  virtual void count_attempt(std::int64_t account_id) = 0;

  virtual void add_session(std::int64_t account_id, const std::string& token_hash, const std::string& csrf_token,
                           Timestamp now) = 0;
  // The session, not revoked, with its account.
  virtual std::optional<PersonSession> find_session(const std::string& token_hash) = 0;
  virtual void record_last_seen(const std::string& token_hash, Timestamp at) = 0;
  virtual void revoke_session(const std::string& token_hash, Timestamp at) = 0;

  virtual std::int64_t add_api_token(const std::string& token_hash, const PersonApiToken& token) = 0;  // its id
  // The token with this hash, revoked and expired too, with its account; empty when unknown or the
  // account is withdrawn.
  virtual std::optional<PersonTokenHolder> find_api_token(const std::string& token_hash) = 0;
  virtual std::vector<PersonApiToken> api_tokens(std::int64_t account_id) = 0;  // newest first, revoked too
  // Revokes the account's token `token_id`; false when it is not that account's or already revoked.
  virtual bool revoke_api_token(std::int64_t account_id, std::int64_t token_id, Timestamp at) = 0;
  virtual void record_api_token_use(std::int64_t token_id, Timestamp at) = 0;
};

}  // namespace resettle::store
