// Staff accounts, sessions, API tokens and login attempts, for both stores (see repositories.hpp).
#include <algorithm>
#include <array>

#include <nlohmann/json.hpp>

#include "domain/errors.hpp"
#include "store/postgresql/sql.hpp"
#include "store/shared/repositories.hpp"
#include "store/sqlite/sql.hpp"

namespace resettle::store::shared {

namespace {
// What read_staff reads, in its order.
constexpr std::string_view staff_columns =
    "staff.id, staff.username, staff.display_name, staff.role, staff.prison_code, staff.pdu_code, "
    "staff.organisation, staff.email, staff.active, staff.team_code, staff.capacity_percent, staff.specialisms, "
    "staff.away_from, staff.away_until, staff.organisation_id";
constexpr auto staff_column_count = static_cast<int>(std::ranges::count(staff_columns, ',')) + 1;
const std::string staff_select = "SELECT " + std::string{staff_columns} + " FROM staff ";

std::string specialisms_json(const std::vector<Specialism>& list) {
  auto codes = nlohmann::json::array();
  for (auto specialism : list) codes.push_back(entry_for(specialisms(), specialism).code);
  return codes.dump();
}

std::vector<Specialism> read_specialisms(const std::string& json) {
  std::vector<Specialism> list;
  for (const auto& code : nlohmann::json::parse(json))
    if (auto specialism = parse_code(specialisms(), code.get<std::string>())) list.push_back(*specialism);
  return list;
}

template <typename Row>
StaffMember read_staff(const Row& row) {
  StaffMember staff;
  staff.id = row.integer(0);
  staff.username = row.text(1);
  staff.display_name = row.text(2);
  staff.role = parse_role(row.text(3)).value_or(Role::key_worker);
  staff.prison_code = row.text(4);
  staff.pdu_code = row.text(5);
  staff.organisation = row.text(6);
  staff.email = row.text(7);
  staff.active = row.integer(8) != 0;
  staff.team_code = row.text(9);
  staff.capacity_percent = static_cast<int>(row.integer(10));
  staff.specialisms = read_specialisms(row.text(11));
  staff.away_from = row.date(12);
  staff.away_until = row.date(13);
  staff.organisation_id = row.text(14);
  return staff;
}
}  // namespace

template <Database Db>
std::int64_t Staff<Db>::insert(const StaffMember& staff, const std::string& password_hash) {
  auto& statement = db_.prepare(
      "INSERT INTO staff (username, display_name, role, prison_code, pdu_code, organisation, email, password_hash, "
      "active, team_code, capacity_percent, specialisms, away_from, away_until, organisation_id) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
  statement.bind(staff.username, staff.display_name, role_code(staff.role), null_if_empty(staff.prison_code),
                 null_if_empty(staff.pdu_code), null_if_empty(staff.organisation), null_if_empty(staff.email),
                 password_hash, staff.active, null_if_empty(staff.team_code), staff.capacity_percent,
                 specialisms_json(staff.specialisms), staff.away_from, staff.away_until,
                 null_if_empty(staff.organisation_id));
  try {
    return inserted_id(statement);
  } catch (const typename Sql<Db>::Error& error) {
    if (std::string{error.what()}.find(Sql<Db>::unique_violation("staff", "username")) != std::string::npos)
      throw ValidationFailed("username", "is already taken");
    throw;
  }
}

template <Database Db>
std::optional<StaffMember> Staff<Db>::find(std::int64_t id) {
  auto& statement = db_.prepare(std::string{staff_select} + "WHERE id = ?");
  statement.bind(id);
  if (!statement.step()) return std::nullopt;
  return read_staff(statement);
}

template <Database Db>
std::optional<StaffMember> Staff<Db>::find_by_username(const std::string& username) {
  auto& statement = db_.prepare(std::string{staff_select} + "WHERE username = ?");
  statement.bind(username);
  if (!statement.step()) return std::nullopt;
  return read_staff(statement);
}

template <Database Db>
std::optional<std::string> Staff<Db>::password_hash(std::int64_t staff_id) {
  auto& statement = db_.prepare("SELECT password_hash FROM staff WHERE id = ?");
  statement.bind(staff_id);
  if (!statement.step()) return std::nullopt;
  return statement.text(0);
}

namespace {
template <typename Db, typename... Values>
std::vector<StaffMember> select_staff(Db& db, std::string_view where, const Values&... values) {
  return read_all(db.prepare(std::string{staff_select} + std::string{where} + " ORDER BY display_name" +
                             std::string{Sql<Db>::byte_order} + ", id")
                      .bind(values...),
                  [](const auto& row) { return read_staff(row); });
}
}  // namespace

template <Database Db>
std::vector<StaffMember> Staff<Db>::list() { return select_staff(db_, ""); }

template <Database Db>
std::vector<StaffMember> Staff<Db>::based_in(const std::string& prison_code, const std::string& pdu_code) {
  return select_staff(db_, "WHERE active = 1 AND (prison_code = ?1 OR pdu_code = ?2)", null_if_empty(prison_code),
                      null_if_empty(pdu_code));
}

template <Database Db>
std::vector<StaffMember> Staff<Db>::with_role(Role role) {
  return select_staff(db_, "WHERE active = 1 AND role = ?1", entry_for(roles(), role).code);
}

template <Database Db>
bool Staff<Db>::has_partner_account(const std::string& organisation_id) {
  auto& statement =
      db_.prepare("SELECT EXISTS (SELECT 1 FROM staff WHERE active = 1 AND role = 'partner' AND organisation_id = ?)");
  statement.bind(organisation_id);
  statement.step();
  return statement.integer(0) != 0;
}

template <Database Db>
void Staff<Db>::update_working_pattern(std::int64_t staff_id, const WorkingPattern& pattern) {
  db_.prepare(
         "UPDATE staff SET team_code = ?, capacity_percent = ?, specialisms = ?, away_from = ?, away_until = ? "
         "WHERE id = ?")
      .bind(null_if_empty(pattern.team_code), pattern.capacity_percent, specialisms_json(pattern.specialisms),
            pattern.away_from, pattern.away_until, staff_id)
      .run();
}

template <Database Db>
std::vector<StaffMember> Staff<Db>::find_many(const std::vector<std::int64_t>& ids) {
  static const std::string in_ids =
      "WHERE id IN (SELECT value FROM " + Sql<Db>::json_integer_table("?", "ids") + ")";
  return select_staff(db_, in_ids, nlohmann::json(ids).dump());
}

template <Database Db>
void Staff<Db>::set_active(std::int64_t staff_id, bool active) {
  auto& statement = db_.prepare("UPDATE staff SET active = ? WHERE id = ?");
  statement.bind(active, staff_id).run();
  require_changed(statement, "staff", staff_id);
}

template <Database Db>
void Staff<Db>::set_password_hash(std::int64_t staff_id, const std::string& password_hash) {
  auto& statement = db_.prepare("UPDATE staff SET password_hash = ? WHERE id = ?");
  statement.bind(password_hash, staff_id).run();
  require_changed(statement, "staff", staff_id);
}

namespace {
// Stored codes of SessionStage: add only.
constexpr std::array<Coded<SessionStage>, 3> session_stages{{
    {SessionStage::signed_in, "signed_in", "Signed in"},
    {SessionStage::awaiting_code, "awaiting_code", "Awaiting a two-factor code"},
    {SessionStage::awaiting_enrolment, "awaiting_enrolment", "Setting up two-factor sign-in"},
}};
}  // namespace

template <Database Db>
void Sessions<Db>::insert(const SessionRecord& session) {
  db_.prepare(
         "INSERT INTO session (token_hash, staff_id, csrf_token, created_at, last_seen_at, expires_at, stage, "
         "enrolling_secret) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
      .bind(session.token_hash, session.staff_id, session.csrf_token, session.began_at, session.began_at,
            session.expires_at, entry_for<SessionStage>(session_stages, session.stage).code,
            null_if_empty(session.enrolling_secret))
      .run();
}

template <Database Db>
std::optional<ActiveSession> Sessions<Db>::find_active(const std::string& token_hash, const std::string& now) {
  static const std::string sql =
      "SELECT " + std::string{staff_columns} +
      ", s.csrf_token, s.created_at, s.expires_at, s.stage, s.enrolling_secret, coalesce(s.last_seen_at, s.created_at), "
      "s.code_failures FROM session s JOIN staff ON staff.id = s.staff_id "
      "WHERE s.token_hash = ? AND s.revoked_at IS NULL AND s.expires_at > ? AND staff.active = 1";
  auto& statement = db_.prepare(sql);
  statement.bind(token_hash, now);
  if (!statement.step()) return std::nullopt;
  auto staff = read_staff(statement);
  constexpr int first = staff_column_count;
  SessionRecord session{token_hash,
                        staff.id,
                        statement.text(first),
                        statement.text(first + 1),
                        statement.text(first + 2),
                        parse_code<SessionStage>(session_stages, statement.text_view(first + 3))
                            .value_or(SessionStage::awaiting_code),
                        statement.text(first + 4)};
  return ActiveSession{std::move(session), std::move(staff), statement.text(first + 5),
                       static_cast<int>(statement.integer(first + 6))};
}

template <Database Db>
void Sessions<Db>::record_last_seen(const std::string& token_hash, const std::string& at) {
  db_.prepare("UPDATE session SET last_seen_at = ? WHERE token_hash = ?").bind(at, token_hash).run();
}

template <Database Db>
void Sessions<Db>::complete_sign_in(const std::string& token_hash, const std::string& began_at,
                                      const std::string& expires_at) {
  db_.prepare(
         "UPDATE session SET stage = 'signed_in', enrolling_secret = NULL, created_at = ?1, last_seen_at = ?1, "
         "expires_at = ?2 WHERE token_hash = ?3")
      .bind(began_at, expires_at, token_hash)
      .run();
}

template <Database Db>
int Sessions<Db>::add_code_failure(const std::string& token_hash) {
  auto& statement =
      db_.prepare("UPDATE session SET code_failures = code_failures + 1 WHERE token_hash = ? RETURNING code_failures");
  statement.bind(token_hash);
  int failures = statement.step() ? static_cast<int>(statement.integer(0)) : 0;
  statement.run();
  return failures;
}

template <Database Db>
void Sessions<Db>::revoke(const std::string& token_hash, const std::string& at) {
  db_.prepare("UPDATE session SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL")
      .bind(at, token_hash)
      .run();
}

template <Database Db>
int Sessions<Db>::revoke_all_for(std::int64_t staff_id, const std::string& at) {
  auto& statement = db_.prepare("UPDATE session SET revoked_at = ? WHERE staff_id = ? AND revoked_at IS NULL");
  statement.bind(at, staff_id).run();
  return static_cast<int>(statement.changes());
}

namespace {
constexpr std::string_view token_columns = "t.id, t.staff_id, t.label, t.scope, t.created_at, t.expires_at, t.revoked_at";

template <typename Row>
ApiTokenRecord read_token(const Row& row, int first) {
  return {row.integer(first),
          row.integer(first + 1),
          row.text(first + 2),
          parse_code(token_scopes(), row.text_view(first + 3)).value_or(TokenScope::read),
          row.text(first + 4),
          row.text(first + 5),
          row.text(first + 6)};
}
}  // namespace

template <Database Db>
std::int64_t ApiTokens<Db>::insert(const std::string& token_hash, const ApiTokenRecord& token) {
  auto& statement = db_.prepare(
      "INSERT INTO api_token (token_hash, staff_id, label, scope, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?) "
      "RETURNING id");
  statement.bind(token_hash, token.staff_id, token.label, entry_for(token_scopes(), token.scope).code,
                 token.created_at, token.expires_at);
  return inserted_id(statement);
}

template <Database Db>
std::optional<TokenHolder> ApiTokens<Db>::find_current(const std::string& token_hash, const std::string& now) {
  static const std::string sql = "SELECT " + std::string{staff_columns} + ", " + std::string{token_columns} +
                                 " FROM api_token t JOIN staff ON staff.id = t.staff_id "
                                 "WHERE t.token_hash = ? AND t.revoked_at IS NULL AND t.expires_at > ? AND "
                                 "staff.active = 1";
  auto& statement = db_.prepare(sql);
  statement.bind(token_hash, now);
  if (!statement.step()) return std::nullopt;
  auto staff = read_staff(statement);
  return TokenHolder{read_token(statement, staff_column_count), std::move(staff)};
}

template <Database Db>
std::optional<ApiTokenRecord> ApiTokens<Db>::find(std::int64_t id) {
  auto& statement = db_.prepare("SELECT " + std::string{token_columns} + " FROM api_token t WHERE t.id = ?");
  statement.bind(id);
  if (!statement.step()) return std::nullopt;
  return read_token(statement, 0);
}

template <Database Db>
std::vector<ApiTokenRecord> ApiTokens<Db>::for_staff(std::int64_t staff_id) {
  return read_all(
      db_.prepare("SELECT " + std::string{token_columns} + " FROM api_token t WHERE t.staff_id = ? ORDER BY t.id DESC")
          .bind(staff_id),
      [](const auto& row) { return read_token(row, 0); });
}

template <Database Db>
bool ApiTokens<Db>::revoke(std::int64_t id, const std::string& at) {
  auto& statement = db_.prepare("UPDATE api_token SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL");
  statement.bind(at, id).run();
  return statement.changes() == 1;
}

template <Database Db>
int ApiTokens<Db>::revoke_all_for(std::int64_t staff_id, const std::string& at) {
  auto& statement = db_.prepare("UPDATE api_token SET revoked_at = ? WHERE staff_id = ? AND revoked_at IS NULL");
  statement.bind(at, staff_id).run();
  return static_cast<int>(statement.changes());
}

template <Database Db>
std::optional<TwoFactorRecord> TwoFactor<Db>::find(std::int64_t staff_id) {
  auto& statement = db_.prepare("SELECT secret, last_step FROM two_factor WHERE staff_id = ?");
  statement.bind(staff_id);
  if (!statement.step()) return std::nullopt;
  return TwoFactorRecord{statement.text(0), statement.integer(1)};
}

template <Database Db>
void TwoFactor<Db>::enrol(std::int64_t staff_id, const std::string& secret, std::int64_t step, const std::string& at) {
  db_.prepare(
         "INSERT INTO two_factor (staff_id, secret, enrolled_at, last_step) VALUES (?, ?, ?, ?) ON CONFLICT (staff_id) "
         "DO UPDATE SET secret = excluded.secret, enrolled_at = excluded.enrolled_at, last_step = excluded.last_step")
      .bind(staff_id, secret, at, step)
      .run();
}

template <Database Db>
bool TwoFactor<Db>::use_step(std::int64_t staff_id, std::int64_t step) {
  auto& statement = db_.prepare("UPDATE two_factor SET last_step = ?1 WHERE staff_id = ?2 AND last_step < ?1");
  statement.bind(step, staff_id).run();
  return statement.changes() == 1;
}

template <Database Db>
bool TwoFactor<Db>::remove(std::int64_t staff_id) {
  auto& statement = db_.prepare("DELETE FROM two_factor WHERE staff_id = ?");
  statement.bind(staff_id).run();
  return statement.changes() == 1;
}

template <Database Db>
void KnownDevices<Db>::insert(const std::string& token_hash, std::int64_t staff_id, bool skips_code,
                                const std::string& at, const std::string& expires_at) {
  db_.prepare("INSERT INTO known_device (token_hash, staff_id, skips_code, created_at, expires_at) VALUES (?, ?, ?, ?, ?)")
      .bind(token_hash, staff_id, skips_code, at, expires_at)
      .run();
}

template <Database Db>
std::optional<bool> KnownDevices<Db>::find(const std::string& token_hash, std::int64_t staff_id,
                                             const std::string& now) {
  auto& statement = db_.prepare(
      "SELECT skips_code FROM known_device WHERE token_hash = ? AND staff_id = ? AND forgotten_at IS NULL AND "
      "expires_at > ?");
  statement.bind(token_hash, staff_id, now);
  if (!statement.step()) return std::nullopt;
  return statement.integer(0) != 0;
}

template <Database Db>
int KnownDevices<Db>::forget_all_for(std::int64_t staff_id, const std::string& at) {
  auto& statement = db_.prepare("UPDATE known_device SET forgotten_at = ? WHERE staff_id = ? AND forgotten_at IS NULL");
  statement.bind(at, staff_id).run();
  return static_cast<int>(statement.changes());
}

template <Database Db>
void LoginAttemptLog<Db>::record(const std::string& username, const std::string& address, bool succeeded,
                                 const std::string& at) {
  db_.prepare("INSERT INTO login_attempt (username, address, succeeded, at) VALUES (?, ?, ?, ?)")
      .bind(username, address, succeeded, at)
      .run();
}

template <Database Db>
AccountFailures LoginAttemptLog<Db>::account_failures_since(const std::string& username, const std::string& since) {
  auto& statement = db_.prepare(
      "SELECT count(*), coalesce(max(at), '') FROM login_attempt WHERE username = ?1 AND succeeded = 0 AND at > ?2 "
      "AND at > coalesce((SELECT max(at) FROM login_attempt WHERE username = ?1 AND succeeded = 1), '')");
  statement.bind(username, since);
  statement.step();
  return {static_cast<int>(statement.integer(0)), statement.text(1)};
}

template <Database Db>
int LoginAttemptLog<Db>::address_failures_since(const std::string& address, const std::string& since) {
  auto& statement =
      db_.prepare("SELECT count(*) FROM login_attempt WHERE address = ? AND at > ? AND succeeded = 0");
  statement.bind(address, since);
  statement.step();
  return static_cast<int>(statement.integer(0));
}

template class Staff<sqlite::Connection>;
template class Staff<postgresql::Connection>;
template class Sessions<sqlite::Connection>;
template class Sessions<postgresql::Connection>;
template class ApiTokens<sqlite::Connection>;
template class ApiTokens<postgresql::Connection>;
template class TwoFactor<sqlite::Connection>;
template class TwoFactor<postgresql::Connection>;
template class KnownDevices<sqlite::Connection>;
template class KnownDevices<postgresql::Connection>;
template class LoginAttemptLog<sqlite::Connection>;
template class LoginAttemptLog<postgresql::Connection>;

}  // namespace resettle::store::shared
