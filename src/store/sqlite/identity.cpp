// Staff accounts, sessions, API tokens and login attempts.
#include <algorithm>

#include <nlohmann/json.hpp>

#include "domain/errors.hpp"
#include "store/sqlite/repositories.hpp"

namespace resettle::store::sqlite {

namespace {
// What read_staff reads, in its order.
constexpr std::string_view staff_columns =
    "staff.id, staff.username, staff.display_name, staff.role, staff.prison_code, staff.pdu_code, "
    "staff.organisation, staff.email, staff.active, staff.team_code, staff.capacity_percent, staff.specialisms, "
    "staff.away_from, staff.away_until";
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

StaffMember read_staff(const Statement& row) {
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
  return staff;
}
}  // namespace

std::int64_t SqliteStaff::insert(const StaffMember& staff, const std::string& password_hash) {
  auto& statement = db_.prepare(
      "INSERT INTO staff (username, display_name, role, prison_code, pdu_code, organisation, email, password_hash, "
      "active, team_code, capacity_percent, specialisms, away_from, away_until) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  statement.bind(staff.username, staff.display_name, role_code(staff.role), null_if_empty(staff.prison_code),
                 null_if_empty(staff.pdu_code), null_if_empty(staff.organisation), null_if_empty(staff.email),
                 password_hash, staff.active, null_if_empty(staff.team_code), staff.capacity_percent,
                 specialisms_json(staff.specialisms), staff.away_from, staff.away_until);
  try {
    statement.run();
  } catch (const DatabaseError& error) {
    if (std::string{error.what()}.find("staff.username") != std::string::npos)
      throw ValidationFailed("username", "is already taken");
    throw;
  }
  return db_.last_insert_id();
}

std::optional<StaffMember> SqliteStaff::find(std::int64_t id) {
  auto& statement = db_.prepare(std::string{staff_select} + "WHERE id = ?");
  statement.bind(id);
  if (!statement.step()) return std::nullopt;
  return read_staff(statement);
}

std::optional<StaffMember> SqliteStaff::find_by_username(const std::string& username) {
  auto& statement = db_.prepare(std::string{staff_select} + "WHERE username = ?");
  statement.bind(username);
  if (!statement.step()) return std::nullopt;
  return read_staff(statement);
}

std::optional<std::string> SqliteStaff::password_hash(std::int64_t staff_id) {
  auto& statement = db_.prepare("SELECT password_hash FROM staff WHERE id = ?");
  statement.bind(staff_id);
  if (!statement.step()) return std::nullopt;
  return statement.text(0);
}

namespace {
template <typename... Values>
std::vector<StaffMember> select_staff(Connection& db, std::string_view where, const Values&... values) {
  auto& statement = db.prepare(std::string{staff_select} + std::string{where} + " ORDER BY display_name, id");
  statement.bind(values...);
  std::vector<StaffMember> staff;
  while (statement.step()) staff.push_back(read_staff(statement));
  return staff;
}
}  // namespace

std::vector<StaffMember> SqliteStaff::list() { return select_staff(db_, ""); }

std::vector<StaffMember> SqliteStaff::based_in(const std::string& prison_code, const std::string& pdu_code) {
  return select_staff(db_, "WHERE active = 1 AND (prison_code = ?1 OR pdu_code = ?2)", null_if_empty(prison_code),
                      null_if_empty(pdu_code));
}

bool SqliteStaff::has_partner_account(const std::string& organisation) {
  auto& statement =
      db_.prepare("SELECT EXISTS (SELECT 1 FROM staff WHERE active = 1 AND role = 'partner' AND organisation = ?)");
  statement.bind(organisation);
  statement.step();
  return statement.integer(0) != 0;
}

void SqliteStaff::update_working_pattern(std::int64_t staff_id, const WorkingPattern& pattern) {
  db_.prepare(
         "UPDATE staff SET team_code = ?, capacity_percent = ?, specialisms = ?, away_from = ?, away_until = ? "
         "WHERE id = ?")
      .bind(null_if_empty(pattern.team_code), pattern.capacity_percent, specialisms_json(pattern.specialisms),
            pattern.away_from, pattern.away_until, staff_id)
      .run();
}

std::vector<StaffMember> SqliteStaff::find_many(const std::vector<std::int64_t>& ids) {
  return select_staff(db_, "WHERE id IN (SELECT value FROM json_each(?))", nlohmann::json(ids).dump());
}

void SqliteSessions::insert(const SessionRecord& session) {
  db_.prepare("INSERT INTO session (token_hash, staff_id, csrf_token, expires_at) VALUES (?, ?, ?, ?)")
      .bind(session.token_hash, session.staff_id, session.csrf_token, session.expires_at)
      .run();
}

std::optional<ActiveSession> SqliteSessions::find_active(const std::string& token_hash, const std::string& now) {
  static const std::string sql = "SELECT " + std::string{staff_columns} +
                                 ", s.csrf_token, s.expires_at FROM session s JOIN staff ON staff.id = s.staff_id "
                                 "WHERE s.token_hash = ? AND s.revoked_at IS NULL AND s.expires_at > ? AND "
                                 "staff.active = 1";
  auto& statement = db_.prepare(sql);
  statement.bind(token_hash, now);
  if (!statement.step()) return std::nullopt;
  auto staff = read_staff(statement);
  SessionRecord session{token_hash, staff.id, statement.text(staff_column_count),
                        statement.text(staff_column_count + 1)};
  return ActiveSession{std::move(session), std::move(staff)};
}

void SqliteSessions::revoke(const std::string& token_hash) {
  db_.prepare("UPDATE session SET revoked_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE token_hash = ?")
      .bind(token_hash)
      .run();
}

void SqliteApiTokens::insert(const std::string& token_hash, std::int64_t staff_id, const std::string& label) {
  db_.prepare("INSERT INTO api_token (token_hash, staff_id, label) VALUES (?, ?, ?)")
      .bind(token_hash, staff_id, label)
      .run();
}

std::optional<std::int64_t> SqliteApiTokens::staff_for(const std::string& token_hash) {
  auto& statement = db_.prepare(
      "SELECT t.staff_id FROM api_token t JOIN staff ON staff.id = t.staff_id "
      "WHERE t.token_hash = ? AND t.revoked_at IS NULL AND staff.active = 1");
  statement.bind(token_hash);
  if (!statement.step()) return std::nullopt;
  return statement.integer(0);
}

void SqliteLoginAttempts::record(const std::string& username, const std::string& address, bool succeeded,
                                 const std::string& at) {
  db_.prepare("INSERT INTO login_attempt (username, address, succeeded, at) VALUES (?, ?, ?, ?)")
      .bind(username, address, succeeded, at)
      .run();
}

int SqliteLoginAttempts::failures_since(const std::string& username, const std::string& address,
                                        const std::string& since) {
  auto& statement = db_.prepare(
      "SELECT (SELECT count(*) FROM login_attempt WHERE ?1 <> '' AND username = ?1 AND at > ?3 AND succeeded = 0), "
      "       (SELECT count(*) FROM login_attempt WHERE ?2 <> '' AND address = ?2 AND at > ?3 AND succeeded = 0)");
  statement.bind(username, address, since);
  statement.step();
  return static_cast<int>(std::max(statement.integer(0), statement.integer(1)));
}

}  // namespace resettle::store::sqlite
