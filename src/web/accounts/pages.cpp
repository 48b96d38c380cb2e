// Accounts: a member of staff's own account page (sign out everywhere) and the admin pages to
// deactivate and reactivate accounts, reset passwords and two-factor sign-in, and revoke API tokens.
#include <array>

#include "domain/catalogue.hpp"
#include "services/accounts/accounts.hpp"
#include "services/sign_in/sign_in.hpp"
#include "web/routes.hpp"

namespace resettle::web {

namespace {

std::string account_href(std::int64_t staff_id) { return "/admin/accounts/" + std::to_string(staff_id); }

// "2027-03-05T10:00:00.000Z" -> "5 March 2027"
std::string readable_day(const std::string& timestamp) {
  static constexpr std::array<std::string_view, 12> months{"January", "February", "March",     "April",
                                                           "May",     "June",     "July",      "August",
                                                           "September", "October", "November", "December"};
  auto day = parse_iso_date(std::string_view{timestamp}.substr(0, 10));
  if (!day) return timestamp;
  return std::to_string(static_cast<unsigned>(day->day())) + " " +
         std::string{months[static_cast<unsigned>(day->month()) - 1]} + " " + std::to_string(static_cast<int>(day->year()));
}

View status_tag(bool active) {
  return active ? View{{"text", staff_text("Active")}, {"colour", "green"}} : View{{"text", staff_text("Deactivated")}, {"colour", "grey"}};
}

Response own_account(WebContext& context, const Caller& caller) {
  auto view = page_view(caller, staff_text("Your account"), "");
  view["rows"] = View::list({{{"key", staff_text("Name")}, {"value", caller.staff.display_name}},
                             {{"key", staff_text("Username")}, {"value", caller.staff.username}},
                             {{"key", staff_text("Role")}, {"value", role_label(caller.staff.role)}}});
  return render_page(context, 200, "accounts/account", view);
}

Response accounts_list(WebContext& context, const Caller& caller) {
  auto rows = View::list();
  for (const auto& staff : services::list_accounts(context.store, &caller.staff))
    rows.push_back({{"row_header", {{"text", staff.display_name}, {"href", account_href(staff.id)}}},
                    {"texts", View::list({staff.username, role_label(staff.role)})},
                    {"cells", View::list({{{"tag", status_tag(staff.active)}}})}});
  auto view = page_view(caller, staff_text("Accounts"), "/admin/accounts");
  view["accounts"] = {{"caption", staff_text("Staff accounts")},
                      {"head", {{{"text", staff_text("Name")}}, {{"text", staff_text("Username")}}, {{"text", staff_text("Role")}}, {{"text", staff_text("Status")}}}},
                      {"rows", rows}};
  return render_page(context, 200, "accounts/admin_accounts", view);
}

Response account_page(WebContext& context, const Caller& caller, std::int64_t staff_id, const FormState& form) {
  auto details = services::account_details(context.store, &caller.staff, staff_id);
  const auto& staff = details.staff;
  auto view = page_view(caller, staff.display_name, "/admin/accounts");
  add_errors(view, form);
  view["href"] = account_href(staff_id);
  view["active"] = staff.active;
  view["self"] = staff.id == caller.staff.id;
  view["two_factor"] = details.two_factor;
  view["rows"] = View::list(
      {{{"key", staff_text("Username")}, {"value", staff.username}},
       {{"key", staff_text("Role")}, {"value", role_label(staff.role)}},
       {{"key", staff_text("Status")}, {"value", staff.active ? staff_text("Active") : staff_text("Deactivated")}},
       {{"key", staff_text("Two-factor sign-in")},
        {"value", details.two_factor ? staff_text("Set up")
                                     : (services::two_factor_required(staff.role) ? staff_text("Not set up: asked for at next sign-in")
                                                                                  : staff_text("Not set up"))}}});
  auto tokens = View::list();
  for (const auto& token : details.tokens) {
    auto state = !token.revoked_at.empty() ? staff_text("Revoked ((date))", {{"date", readable_day(token.revoked_at)}})
                                           : staff_text("Until ((date))", {{"date", readable_day(token.expires_at)}});
    tokens.push_back({{"label", token.label},
                      {"scope", entry_for(token_scopes(), token.scope).label},
                      {"issued", readable_day(token.created_at)},
                      {"state", state},
                      {"revoke_action", token.revoked_at.empty()
                                            ? "/admin/api-tokens/" + std::to_string(token.id) + "/revoke"
                                            : ""}});
  }
  view["has_tokens"] = !details.tokens.empty();
  view["tokens"] = tokens;
  view["fields"] = {{"new_password", form_field(form, "new_password", staff_text("New password"),
                                                {{"type", "password"},
                                                 {"autocomplete", "new-password"},
                                                 {"hint", staff_text("At least 12 characters. Three or more unrelated words work well.")}})}};
  view["fields"]["new_password"]["value"] = "";
  return render_page(context, form.errors.empty() ? 200 : 422, "accounts/admin_account", view);
}

// An admin action on one account: done, then back to the account's page.
using AccountAction = void (*)(store::Store&, const services::Clock&, const StaffMember*, std::int64_t);

Handler account_action(WebContext& context, AccountAction action) {
  return page(context, [&context, action](Request& request, const Caller& caller) {
    auto id = id_param(request, "id");
    action(context.store, context.clock, &caller.staff, id);
    return Response::redirect(account_href(id));
  });
}

}  // namespace

void add_accounts_routes(Router& router, WebContext& context) {
  router.get("/account", page(context, [&](Request&, const Caller& caller) { return own_account(context, caller); }));
  router.get("/admin/accounts",
             page(context, [&](Request&, const Caller& caller) { return accounts_list(context, caller); }));
  router.get("/admin/accounts/{id}", page(context, [&](Request& request, const Caller& caller) {
               return account_page(context, caller, id_param(request, "id"), {});
             }));
  router.post("/admin/accounts/{id}/deactivate", account_action(context, services::deactivate_account));
  router.post("/admin/accounts/{id}/reactivate", account_action(context, services::reactivate_account));
  router.post("/admin/accounts/{id}/two-factor/reset", account_action(context, services::reset_two_factor));
  router.post("/admin/accounts/{id}/password", page(context, [&](Request& request, const Caller& caller) {
                auto id = id_param(request, "id");
                auto form = submitted_form(request);
                try {
                  services::reset_password(context.store, context.clock, &caller.staff, id, form.values["new_password"]);
                  return Response::redirect(account_href(id));
                } catch (const ValidationFailed& failed) {
                  form.errors = failed.errors();
                  return account_page(context, caller, id, form);
                }
              }));
  router.post("/admin/api-tokens/{id}/revoke", page(context, [&](Request& request, const Caller& caller) {
                auto staff_id = services::revoke_api_token(context.store, context.clock, &caller.staff,
                                                           id_param(request, "id"));
                return Response::redirect(account_href(staff_id));
              }));
}

}  // namespace resettle::web
