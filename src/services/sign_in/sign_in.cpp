// Signing in and out, sessions and API tokens (see sign_in.hpp).
#include "services/sign_in/sign_in.hpp"

#include "domain/catalogue.hpp"
#include "domain/errors.hpp"
#include "services/people/case_records.hpp"
#include "services/accounts/passwords.hpp"
#include "services/sign_in/two_factor.hpp"

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

constexpr int max_code_failures = 5;

std::string iso(Timestamp at) { return to_iso_timestamp(at); }

NewEvent account_event(std::optional<std::int64_t> actor, const StaffMember& staff, std::string kind, std::string summary) {
  return {actor, std::nullopt, std::move(kind), "staff", staff.id, std::move(summary), "", nlohmann::json::object()};
}

// Whether this browser has signed in to the account before (and may skip its code).
std::optional<bool> known_device(store::Transaction& tx, const Clock& clock, const std::string& device_token,
                                 std::int64_t staff_id) {
  if (device_token.empty()) return std::nullopt;
  return tx.known_devices().find(sha256_hex(device_token), staff_id, clock.now_iso());
}

// Finishes a sign-in in `tx`: records the success, journals it and remembers the browser.
std::string finish_sign_in(store::Transaction& tx, const Clock& clock, const StaffMember& staff,
                           const std::string& address, bool skips_code) {
  tx.login_attempts().record(staff.username, address, true, clock.now_iso());
  tx.journal().append(account_event(staff.id, staff, "staff.signed_in", "Signed in"));
  auto device_token = random_token();
  tx.known_devices().insert(sha256_hex(device_token), staff.id, skips_code, clock.now_iso(),
                            iso(clock.now_seconds() + known_device_lifetime));
  return device_token;
}

SignInStep refused_for(std::chrono::seconds wait) { return {SignInOutcome::wait, "", "", wait}; }

// How long the next attempt at this account must still wait, from its recent failures.
std::chrono::seconds wait_for_account(store::Transaction& tx, const std::string& username, Timestamp now) {
  auto failures = tx.login_attempts().account_failures_since(username, iso(now - failure_window));
  RecentFailures recent{failures.count, std::nullopt};
  if (!failures.latest.empty()) recent.latest = from_iso_timestamp(failures.latest);
  return account_wait(recent, now);
}
}  // namespace

bool two_factor_required(Role role) { return role == Role::admin || role == Role::manager || is_risk_partner(role); }

SignInStep sign_in(store::Store& store, const Clock& clock, const SignInAttempt& attempt) {
  auto now = clock.now_seconds();
  // Argon2 is slow on purpose, so the password is checked outside any write transaction.
  std::optional<StaffMember> staff;
  std::optional<std::string> hash;
  std::optional<store::TwoFactorRecord> two_factor;
  std::optional<bool> device;
  {
    auto tx = store.begin_read();
    staff = tx->staff().find_by_username(attempt.username);
    if (staff) device = known_device(*tx, clock, attempt.device_token, staff->id);
    if (!device) {
      auto since = iso(now - failure_window);
      if (address_is_blocked(tx->login_attempts().address_failures_since(attempt.address, since)))
        return refused_for(failure_window);
      if (auto wait = wait_for_account(*tx, attempt.username, now); wait.count() > 0) return refused_for(wait);
    }
    if (staff) {
      hash = tx->staff().password_hash(staff->id);
      two_factor = tx->two_factor().find(staff->id);
    }
  }
  bool verified = verify_password(attempt.password, hash ? *hash : decoy_hash()) && staff && staff->active;

  auto tx = store.begin_write();
  if (!verified) {
    tx->login_attempts().record(attempt.username, attempt.address, false, clock.now_iso());
    tx->commit();
    return {SignInOutcome::wrong_details};
  }
  SignInStep step{SignInOutcome::signed_in, random_token()};
  store::SessionRecord session{sha256_hex(step.session_token), staff->id, random_token(), iso(now),
                               iso(now + session_lifetime)};
  if (two_factor && !device.value_or(false)) {
    step.outcome = SignInOutcome::code_needed;
    session.stage = store::SessionStage::awaiting_code;
  } else if (!two_factor && two_factor_required(staff->role)) {
    step.outcome = SignInOutcome::enrolment_needed;
    session.stage = store::SessionStage::awaiting_enrolment;
    session.enrolling_secret = new_totp_secret();
  }
  if (step.outcome == SignInOutcome::signed_in) {
    step.device_token = finish_sign_in(*tx, clock, *staff, attempt.address, device.value_or(false));
  } else {
    session.expires_at = iso(now + second_factor_lifetime);
  }
  tx->sessions().insert(session);
  tx->commit();
  return step;
}

std::optional<PendingSignIn> find_pending_sign_in(store::Store& store, const Clock& clock,
                                                  const std::string& session_token) {
  auto tx = store.begin_read();
  auto found = tx->sessions().find_active(sha256_hex(session_token), clock.now_iso());
  if (!found || found->session.stage == store::SessionStage::signed_in) return std::nullopt;
  bool enrolling = found->session.stage == store::SessionStage::awaiting_enrolment;
  return PendingSignIn{std::move(found->staff), std::move(found->session.csrf_token), enrolling,
                       std::move(found->session.enrolling_secret)};
}

SignInStep give_second_factor(store::Store& store, const Clock& clock, const SecondFactor& given) {
  const auto& session_token = given.session_token;
  auto now = clock.now_seconds();
  auto token_hash = sha256_hex(session_token);
  auto tx = store.begin_write();
  auto found = tx->sessions().find_active(token_hash, clock.now_iso());
  if (!found || found->session.stage == store::SessionStage::signed_in) return {SignInOutcome::start_again};
  const auto& staff = found->staff;
  if (!known_device(*tx, clock, given.device_token, staff.id))
    if (auto wait = wait_for_account(*tx, staff.username, now); wait.count() > 0) return refused_for(wait);
  bool enrolling = found->session.stage == store::SessionStage::awaiting_enrolment;
  auto enrolled = enrolling ? std::nullopt : tx->two_factor().find(staff.id);
  auto secret = enrolling ? found->session.enrolling_secret : (enrolled ? enrolled->secret : "");
  auto step = totp_step_of(secret, given.code, now);
  bool accepted = step && (enrolling || tx->two_factor().use_step(staff.id, *step));
  if (!accepted) {
    tx->login_attempts().record(staff.username, given.address, false, clock.now_iso());
    bool ended = tx->sessions().add_code_failure(token_hash) >= max_code_failures;
    if (ended) tx->sessions().revoke(token_hash, clock.now_iso());
    tx->commit();
    return {ended ? SignInOutcome::start_again : SignInOutcome::wrong_details};
  }
  if (enrolling) {
    tx->two_factor().enrol(staff.id, secret, *step, clock.now_iso());
    tx->journal().append(account_event(staff.id, staff, "staff.two_factor_enrolled", "Set up two-factor sign-in"));
  }
  tx->sessions().complete_sign_in(token_hash, iso(now), iso(now + session_lifetime));
  SignInStep signed_in{SignInOutcome::signed_in, session_token};
  signed_in.device_token = finish_sign_in(*tx, clock, staff, given.address, given.remember_device);
  tx->commit();
  return signed_in;
}

std::optional<SignedIn> find_session(store::Store& store, const Clock& clock, const std::string& session_token) {
  auto token_hash = sha256_hex(session_token);
  std::optional<store::ActiveSession> active;
  {
    auto tx = store.begin_read();
    active = tx->sessions().find_active(token_hash, clock.now_iso());
  }
  if (!active || active->session.stage != store::SessionStage::signed_in) return std::nullopt;
  auto now = clock.now_seconds();
  SessionTimes times{from_iso_timestamp(active->session.began_at), from_iso_timestamp(active->last_seen_at)};
  if (session_state(times, now) != SessionState::live) return std::nullopt;
  if (last_seen_is_stale(times, now)) {
    auto tx = store.begin_write();
    tx->sessions().record_last_seen(token_hash, clock.now_iso());
    tx->commit();
  }
  return SignedIn{std::move(active->staff), session_token, std::move(active->session.csrf_token)};
}

void sign_out(store::Store& store, const Clock& clock, const std::string& session_token) {
  auto token_hash = sha256_hex(session_token);
  auto tx = store.begin_write();
  auto found = tx->sessions().find_active(token_hash, clock.now_iso());
  tx->sessions().revoke(token_hash, clock.now_iso());
  if (found) tx->journal().append(account_event(found->staff.id, found->staff, "staff.signed_out", "Signed out"));
  tx->commit();
}

int sign_out_everywhere(store::Store& store, const Clock& clock, const StaffMember& staff) {
  auto tx = store.begin_write();
  int ended = tx->sessions().revoke_all_for(staff.id, clock.now_iso());
  tx->known_devices().forget_all_for(staff.id, clock.now_iso());
  tx->journal().append(account_event(staff.id, staff, "staff.signed_out_everywhere",
                                     "Signed out on every device (" + std::to_string(ended) + " sessions)"));
  tx->commit();
  return ended;
}

IssuedApiToken issue_api_token(store::Store& store, const Clock& clock, std::int64_t staff_id, const std::string& label,
                               TokenScope scope, std::chrono::days lifetime) {
  std::vector<FieldError> errors;
  if (label.empty() || label.size() > 100) errors.push_back({"label", staff_text("must be 1 to 100 characters")});
  if (lifetime.count() < 1 || lifetime > longest_token_lifetime)
    errors.push_back({"days", staff_text("must be from 1 to ((days))", {{"days", std::to_string(longest_token_lifetime.count())}})});
  if (!errors.empty()) throw ValidationFailed(errors);
  auto now = clock.now_seconds();
  IssuedApiToken issued{0, random_token(), iso(now + lifetime)};
  auto tx = store.begin_write();
  auto staff = tx->staff().find(staff_id);
  if (!staff) throw NotFound("no staff account " + std::to_string(staff_id));
  issued.id = tx->api_tokens().insert(sha256_hex(issued.token),
                                      {0, staff_id, label, scope, clock.now_iso(), issued.expires_at, ""});
  auto event = account_event(std::nullopt, *staff, "api_token.issued",
                             "API token issued: " + label + " (" + std::string{entry_for(token_scopes(), scope).label} +
                                 ", until " + issued.expires_at.substr(0, 10) + ")");
  event.data = {{"token_id", issued.id}, {"scope", entry_for(token_scopes(), scope).code}, {"expires_at", issued.expires_at}};
  tx->journal().append(event);
  tx->commit();
  return issued;
}

std::optional<TokenCaller> caller_for_api_token(store::Store& store, const Clock& clock, const std::string& token) {
  auto tx = store.begin_read();
  auto holder = tx->api_tokens().find_current(sha256_hex(token), clock.now_iso());
  if (!holder) return std::nullopt;
  return TokenCaller{std::move(holder->staff), holder->token.id, holder->token.scope};
}

std::int64_t create_staff_account(store::Store& store, const StaffMember& staff, const std::string& password) {
  std::vector<FieldError> errors;
  if (!valid_username(staff.username))
    errors.push_back({"username", staff_text("must be 2 to 64 letters, digits, dots, hyphens or underscores")});
  if (staff.display_name.empty() || staff.display_name.size() > 100)
    errors.push_back({"display_name", staff_text("must be 1 to 100 characters")});
  if (auto problem = password_problem(password, staff.username)) errors.push_back({"password", *problem});
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
