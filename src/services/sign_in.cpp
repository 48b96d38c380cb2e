// Signing in and out, sessions and API tokens (see sign_in.hpp).
#include "services/sign_in.hpp"

#include "domain/errors.hpp"
#include "services/case_records.hpp"
#include "services/passwords.hpp"

namespace resettle::services {

namespace {
// Checked against when the username is unknown, so a wrong username costs as long as a wrong password.
const std::string& decoy_hash() {
  static const std::string hash = hash_password("not a real account's password");
  return hash;
}

bool valid_username(const std::string& username) {
  if (username.size() < 2 || username.size() > 64) return false;
  for (char c : username)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_')) return false;
  return true;
}
}  // namespace

SignInResult sign_in(store::Store& store, const Clock& clock, const std::string& username,
                     const std::string& password, const std::string& address) {
  // Argon2 is slow on purpose, so the password is checked outside any write transaction.
  std::optional<StaffMember> staff;
  std::optional<std::string> hash;
  {
    auto tx = store.begin_read();
    auto since = to_iso_timestamp(clock.now() - failure_window);
    auto& attempts = tx->login_attempts();
    if (attempts.failures_since(username, "", since) >= max_failures_per_username ||
        attempts.failures_since("", address, since) >= max_failures_per_address)
      return {std::nullopt, SignInRefusal::too_many_attempts};
    staff = tx->staff().find_by_username(username);
    if (staff) hash = tx->staff().password_hash(staff->id);
  }
  bool verified = verify_password(password, hash ? *hash : decoy_hash()) && staff && staff->active;

  auto tx = store.begin_write();
  tx->login_attempts().record(username, address, verified, clock.now_iso());
  if (!verified) {
    tx->commit();
    return {std::nullopt, SignInRefusal::wrong_details};
  }
  SignedIn signed_in{*staff, random_token(), random_token()};
  tx->sessions().insert({sha256_hex(signed_in.session_token), staff->id, signed_in.csrf_token,
                         to_iso_timestamp(clock.now() + session_lifetime)});
  tx->journal().append({staff->id, std::nullopt, "staff.signed_in", "staff", staff->id, "Signed in", "",
                        nlohmann::json::object()});
  tx->commit();
  return {std::move(signed_in), SignInRefusal::wrong_details};
}

std::optional<SignedIn> find_session(store::Store& store, const Clock& clock, const std::string& session_token) {
  auto tx = store.begin_read();
  auto active = tx->sessions().find_active(sha256_hex(session_token), clock.now_iso());
  if (!active) return std::nullopt;
  return SignedIn{std::move(active->staff), session_token, std::move(active->session.csrf_token)};
}

void sign_out(store::Store& store, const std::string& session_token) {
  auto tx = store.begin_write();
  tx->sessions().revoke(sha256_hex(session_token));
  tx->commit();
}

std::string issue_api_token(store::Store& store, std::int64_t staff_id, const std::string& label) {
  auto token = random_token();
  auto tx = store.begin_write();
  if (!tx->staff().find(staff_id)) throw NotFound("no staff account " + std::to_string(staff_id));
  tx->api_tokens().insert(sha256_hex(token), staff_id, label);
  tx->journal().append({staff_id, std::nullopt, "api_token.issued", "staff", staff_id, "API token issued: " + label, "",
                        nlohmann::json::object()});
  tx->commit();
  return token;
}

std::optional<StaffMember> staff_for_api_token(store::Store& store, const std::string& token) {
  auto tx = store.begin_read();
  auto staff_id = tx->api_tokens().staff_for(sha256_hex(token));
  if (!staff_id) return std::nullopt;
  return tx->staff().find(*staff_id);
}

std::int64_t create_staff_account(store::Store& store, const StaffMember& staff, const std::string& password) {
  std::vector<FieldError> errors;
  if (!valid_username(staff.username))
    errors.push_back({"username", "must be 2 to 64 letters, digits, dots, hyphens or underscores"});
  if (staff.display_name.empty() || staff.display_name.size() > 100)
    errors.push_back({"display_name", "must be 1 to 100 characters"});
  if (password.size() < 12) errors.push_back({"password", "must be at least 12 characters"});
  if (!errors.empty()) throw ValidationFailed(errors);
  auto hash = hash_password(password);
  auto tx = store.begin_write();
  require_known_places(*tx, staff.prison_code, staff.pdu_code);
  auto id = tx->staff().insert(staff, hash);
  tx->journal().append({std::nullopt, std::nullopt, "staff.created", "staff", id,
                        "Account created for " + staff.display_name + " (" + std::string{role_label(staff.role)} + ")",
                        "", {{"username", staff.username}, {"role", role_code(staff.role)}}});
  tx->commit();
  return id;
}

}  // namespace resettle::services
