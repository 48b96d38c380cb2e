// People's own accounts, for both stores (see message_repositories.hpp); times as Unix seconds (UTC),
// as the outbox keeps them.
#include "store/shared/message_repositories.hpp"

#include "store/postgresql/sql.hpp"
#include "store/sqlite/sql.hpp"

namespace resettle::store::shared {

namespace {

// The columns account_from reads, in its order, from the person_account table aliased `a`.
constexpr std::string_view account_columns =
    "a.id, a.person_id, a.contact_kind, a.contact_value, a.status, a.language, a.invited_by, a.invited_at, "
    "a.wrong_codes, a.locked_until";

// `first` is the column account_columns start at.
template <typename Db>
PersonAccount account_from(const StatementOf<Db>& row, int first = 0) {
  PersonAccount account;
  account.id = row.integer(first);
  account.person_id = row.integer(first + 1);
  account.contact.kind = stored_code<Db>(row, first + 2, account_contact_kinds(), "person_account");
  account.contact.value = row.text(first + 3);
  account.status = stored_code<Db>(row, first + 4, person_account_statuses(), "person_account");
  account.language = stored_code<Db>(row, first + 5, languages(), "person_account");
  account.invited_by = row.integer(first + 6);
  account.invited_at = timestamp_of(row.integer(first + 7));
  account.wrong_codes = static_cast<int>(row.integer(first + 8));
  account.locked_until = optional_timestamp(row, first + 9);
  return account;
}

// The columns token_from reads, in its order, from the person_api_token table aliased `t`.
constexpr std::string_view token_columns =
    "t.id, t.account_id, t.label, t.scope, t.created_at, t.expires_at, t.last_used_at, t.revoked_at";

template <typename Db>
PersonApiToken token_from(const StatementOf<Db>& row) {
  PersonApiToken token;
  token.id = row.integer(0);
  token.account_id = row.integer(1);
  token.label = row.text(2);
  token.scope = stored_code<Db>(row, 3, token_scopes(), "person_api_token");
  token.created_at = timestamp_of(row.integer(4));
  token.expires_at = timestamp_of(row.integer(5));
  token.last_used_at = optional_timestamp(row, 6);
  token.revoked_at = optional_timestamp(row, 7);
  return token;
}

template <typename Db>
std::optional<PersonAccount> one_account(StatementOf<Db>& row) {
  if (!row.step()) return std::nullopt;
  return account_from<Db>(row);
}
}  // namespace

template <Database Db>
std::optional<PersonAccount> PersonAccounts<Db>::find_for_person(std::int64_t person_id) {
  auto& row = db_.prepare("SELECT " + std::string{account_columns} + " FROM person_account a WHERE a.person_id = ?");
  return one_account<Db>(row.bind(person_id));
}

template <Database Db>
std::optional<PersonAccount> PersonAccounts<Db>::find_by_contact(const std::string& value) {
  auto& row = db_.prepare("SELECT " + std::string{account_columns} +
                          " FROM person_account a WHERE a.contact_value = ? AND a.status <> 'withdrawn'");
  return one_account<Db>(row.bind(value));
}

template <Database Db>
std::int64_t PersonAccounts<Db>::save(const PersonAccount& a) {
  auto& statement = db_.prepare(
      "INSERT INTO person_account (person_id, contact_kind, contact_value, status, language, invited_by, invited_at, "
      "wrong_codes, locked_until) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "ON CONFLICT (person_id) DO UPDATE SET contact_kind = excluded.contact_kind, "
      "contact_value = excluded.contact_value, status = excluded.status, language = excluded.language, "
      "invited_by = excluded.invited_by, invited_at = excluded.invited_at, wrong_codes = excluded.wrong_codes, "
      "locked_until = excluded.locked_until RETURNING id");
  statement.bind(a.person_id, entry_for(account_contact_kinds(), a.contact.kind).code, a.contact.value,
                 entry_for(person_account_statuses(), a.status).code, entry_for(languages(), a.language).code,
                 a.invited_by, seconds_of(a.invited_at), a.wrong_codes,
                 seconds_of(a.locked_until));
  return inserted_id(statement);
}

template <Database Db>
void PersonAccounts<Db>::update_state(const PersonAccount& a) {
  db_.prepare("UPDATE person_account SET status = ?, language = ?, wrong_codes = ?, locked_until = ? WHERE id = ?")
      .bind(entry_for(person_account_statuses(), a.status).code, entry_for(languages(), a.language).code, a.wrong_codes,
            seconds_of(a.locked_until), a.id)
      .run();
}

template <Database Db>
std::int64_t PersonAccounts<Db>::add_code(std::int64_t account_id, const std::string& code_hash, Timestamp issued_at) {
  return inserted_id(
      db_.prepare("INSERT INTO person_sign_in_code (account_id, code_hash, issued_at, expires_at) VALUES (?, ?, ?, ?) "
                  "RETURNING id")
          .bind(account_id, code_hash, seconds_of(issued_at), seconds_of(code_expires_at(issued_at))));
}

template <Database Db>
int PersonAccounts<Db>::codes_issued_since(std::int64_t account_id, Timestamp since) {
  auto& row = db_.prepare("SELECT count(*) FROM person_sign_in_code WHERE account_id = ? AND issued_at > ?");
  row.bind(account_id, seconds_of(since));
  row.step();
  return static_cast<int>(row.integer(0));
}

template <Database Db>
std::optional<IssuedCode> PersonAccounts<Db>::find_code(std::int64_t account_id, const std::string& code_hash) {
  auto& row = db_.prepare(
      "SELECT id, issued_at, used_at FROM person_sign_in_code WHERE account_id = ? AND code_hash = ? "
      "ORDER BY id DESC LIMIT 1");
  row.bind(account_id, code_hash);
  if (!row.step()) return std::nullopt;
  return IssuedCode{row.integer(0), timestamp_of(row.integer(1)), optional_timestamp(row, 2)};
}

template <Database Db>
void PersonAccounts<Db>::use_code(std::int64_t code_id, Timestamp at) {
  db_.prepare("UPDATE person_sign_in_code SET used_at = ? WHERE id = ? AND used_at IS NULL").bind(seconds_of(at), code_id).run();
}

template <Database Db>
void PersonAccounts<Db>::count_attempt(std::int64_t account_id) {
  db_.prepare("UPDATE person_sign_in_code SET attempts = attempts + 1 WHERE account_id = ? AND used_at IS NULL")
      .bind(account_id)
      .run();
}

template <Database Db>
void PersonAccounts<Db>::add_session(std::int64_t account_id, const std::string& token_hash,
                                       const std::string& csrf_token, Timestamp now) {
  db_.prepare("INSERT INTO person_session (token_hash, account_id, csrf_token, began_at, last_seen_at) VALUES (?, ?, ?, ?, ?)")
      .bind(token_hash, account_id, csrf_token, seconds_of(now), seconds_of(now))
      .run();
}

template <Database Db>
std::optional<PersonSession> PersonAccounts<Db>::find_session(const std::string& token_hash) {
  auto& row = db_.prepare("SELECT " + std::string{account_columns} +
                          ", s.csrf_token, s.last_seen_at FROM person_session s JOIN person_account a ON a.id = s.account_id "
                          "WHERE s.token_hash = ? AND s.revoked_at IS NULL AND a.status <> 'withdrawn'");
  row.bind(token_hash);
  if (!row.step()) return std::nullopt;
  return PersonSession{account_from<Db>(row), row.text(10), timestamp_of(row.integer(11))};
}

template <Database Db>
void PersonAccounts<Db>::record_last_seen(const std::string& token_hash, Timestamp at) {
  db_.prepare("UPDATE person_session SET last_seen_at = ? WHERE token_hash = ?").bind(seconds_of(at), token_hash).run();
}

template <Database Db>
void PersonAccounts<Db>::revoke_session(const std::string& token_hash, Timestamp at) {
  db_.prepare("UPDATE person_session SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL")
      .bind(seconds_of(at), token_hash)
      .run();
}

template <Database Db>
std::int64_t PersonAccounts<Db>::add_api_token(const std::string& token_hash, const PersonApiToken& token) {
  return inserted_id(
      db_.prepare("INSERT INTO person_api_token (token_hash, account_id, label, scope, created_at, expires_at) "
                  "VALUES (?, ?, ?, ?, ?, ?) RETURNING id")
          .bind(token_hash, token.account_id, token.label, entry_for(token_scopes(), token.scope).code,
                seconds_of(token.created_at), seconds_of(token.expires_at)));
}

template <Database Db>
std::optional<PersonTokenHolder> PersonAccounts<Db>::find_api_token(const std::string& token_hash) {
  auto& row = db_.prepare("SELECT " + std::string{token_columns} + ", " + std::string{account_columns} +
                          " FROM person_api_token t JOIN person_account a ON a.id = t.account_id "
                          "WHERE t.token_hash = ? AND a.status <> 'withdrawn'");
  row.bind(token_hash);
  if (!row.step()) return std::nullopt;
  return PersonTokenHolder{token_from<Db>(row), account_from<Db>(row, 8)};
}

template <Database Db>
std::vector<PersonApiToken> PersonAccounts<Db>::api_tokens(std::int64_t account_id) {
  return read_all(db_.prepare("SELECT " + std::string{token_columns} +
                              " FROM person_api_token t WHERE t.account_id = ? ORDER BY t.id DESC")
                      .bind(account_id),
                  token_from<Db>);
}

template <Database Db>
bool PersonAccounts<Db>::revoke_api_token(std::int64_t account_id, std::int64_t token_id, Timestamp at) {
  auto& statement =
      db_.prepare("UPDATE person_api_token SET revoked_at = ? WHERE id = ? AND account_id = ? AND revoked_at IS NULL");
  statement.bind(seconds_of(at), token_id, account_id).run();
  return statement.changes() == 1;
}

template <Database Db>
void PersonAccounts<Db>::record_api_token_use(std::int64_t token_id, Timestamp at) {
  db_.prepare("UPDATE person_api_token SET last_used_at = ? WHERE id = ?").bind(seconds_of(at), token_id).run();
}

template class PersonAccounts<sqlite::Connection>;
template class PersonAccounts<postgresql::Connection>;

}  // namespace resettle::store::shared
