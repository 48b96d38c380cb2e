#include "services/accounts/accounts.hpp"

#include "domain/errors.hpp"
#include "services/accounts/passwords.hpp"

namespace resettle::services {

namespace {
void require_admin(const StaffMember* admin) {
  if (admin && admin->role != Role::admin) throw Forbidden("Only an admin can manage accounts.");
}

std::optional<std::int64_t> actor(const StaffMember* admin) {
  return admin ? std::optional{admin->id} : std::nullopt;
}

StaffMember account_in(store::Transaction& tx, std::int64_t staff_id) {
  auto staff = tx.staff().find(staff_id);
  if (!staff) throw NotFound("no staff account " + std::to_string(staff_id));
  return *staff;
}

void append(store::Transaction& tx, const StaffMember* admin, const StaffMember& staff, std::string kind,
            std::string summary) {
  tx.journal().append({actor(admin), std::nullopt, std::move(kind), "staff", staff.id,
                       std::move(summary) + ": " + staff.display_name + " (" + staff.username + ")", "",
                       {{"username", staff.username}}});
}

// Whoever held the account's sessions or remembered browsers must sign in again.
void end_sign_ins(store::Transaction& tx, const Clock& clock, std::int64_t staff_id) {
  tx.sessions().revoke_all_for(staff_id, clock.now_iso());
  tx.known_devices().forget_all_for(staff_id, clock.now_iso());
}
}  // namespace

std::vector<StaffMember> list_accounts(store::Store& store, const StaffMember* admin) {
  require_admin(admin);
  return store.begin_read()->staff().list();
}

AccountDetails account_details(store::Store& store, const StaffMember* admin, std::int64_t staff_id) {
  require_admin(admin);
  auto tx = store.begin_read();
  auto staff = account_in(*tx, staff_id);
  bool enrolled = tx->two_factor().find(staff_id).has_value();
  return {std::move(staff), enrolled, tx->api_tokens().for_staff(staff_id)};
}

void deactivate_account(store::Store& store, const Clock& clock, const StaffMember* admin, std::int64_t staff_id) {
  require_admin(admin);
  if (admin && admin->id == staff_id) throw Conflict("You cannot deactivate your own account.");
  auto tx = store.begin_write();
  auto staff = account_in(*tx, staff_id);
  if (!staff.active) throw Conflict("This account is already deactivated.");
  tx->staff().set_active(staff_id, false);
  end_sign_ins(*tx, clock, staff_id);
  tx->api_tokens().revoke_all_for(staff_id, clock.now_iso());
  append(*tx, admin, staff, "staff.deactivated", "Account deactivated");
  tx->commit();
}

void reactivate_account(store::Store& store, const Clock&, const StaffMember* admin, std::int64_t staff_id) {
  require_admin(admin);
  auto tx = store.begin_write();
  auto staff = account_in(*tx, staff_id);
  if (staff.active) throw Conflict("This account is already active.");
  tx->staff().set_active(staff_id, true);
  append(*tx, admin, staff, "staff.reactivated", "Account reactivated");
  tx->commit();
}

void reset_password(store::Store& store, const Clock& clock, const StaffMember* admin, std::int64_t staff_id,
                    const std::string& new_password) {
  require_admin(admin);
  auto staff = account_in(*store.begin_read(), staff_id);
  if (auto problem = password_problem(new_password, staff.username))
    throw ValidationFailed("new_password", *problem);
  auto hash = hash_password(new_password);  // slow on purpose: outside the write transaction
  auto tx = store.begin_write();
  tx->staff().set_password_hash(staff_id, hash);
  end_sign_ins(*tx, clock, staff_id);
  append(*tx, admin, staff, "staff.password_reset", "Password reset");
  tx->commit();
}

void reset_two_factor(store::Store& store, const Clock& clock, const StaffMember* admin, std::int64_t staff_id) {
  require_admin(admin);
  auto tx = store.begin_write();
  auto staff = account_in(*tx, staff_id);
  if (!tx->two_factor().remove(staff_id)) throw Conflict("This account has not set up two-factor sign-in.");
  end_sign_ins(*tx, clock, staff_id);
  append(*tx, admin, staff, "staff.two_factor_reset", "Two-factor sign-in reset");
  tx->commit();
}

std::int64_t revoke_api_token(store::Store& store, const Clock& clock, const StaffMember* admin, std::int64_t token_id) {
  require_admin(admin);
  auto tx = store.begin_write();
  auto token = tx->api_tokens().find(token_id);
  if (!token) throw NotFound("no API token " + std::to_string(token_id));
  if (!tx->api_tokens().revoke(token_id, clock.now_iso())) throw Conflict("This token is already revoked.");
  auto staff = account_in(*tx, token->staff_id);
  append(*tx, admin, staff, "api_token.revoked", "API token revoked (" + token->label + ")");
  tx->commit();
  return staff.id;
}

std::optional<StaffMember> find_account(store::Store& store, const std::string& username) {
  return store.begin_read()->staff().find_by_username(username);
}

}  // namespace resettle::services
