// Inviting the person to their own view, from their page (/people/{id}/account) or the API.
#include "services/person_view/person_accounts.hpp"
#include "web/api_support.hpp"
#include "web/failures.hpp"
#include "web/routes.hpp"

namespace resettle::web {

namespace {

// Where the person signs in, on the address staff reached this server at.
std::string sign_in_address(const Request& request) {
  return "https://" + std::string{request.header("Host").value_or("localhost")} + "/my/sign-in";
}

nlohmann::json account_json(const PersonAccount& account) {
  return {{"person_id", account.person_id},
          {"contact_kind", entry_for(account_contact_kinds(), account.contact.kind).code},
          {"contact", account.contact.value},
          {"status", entry_for(person_account_statuses(), account.status).code},
          {"language", entry_for(languages(), account.language).code},
          {"invited_by", account.invited_by},
          {"invited_at", services::to_iso_timestamp(account.invited_at)}};
}

std::string account_summary(const std::optional<PersonAccount>& account) {
  if (!account) return "They have not been invited yet.";
  return std::string{entry_for(person_account_statuses(), account->status).label} + ": codes go to " +
         account->contact.value + ". Invited " + to_long_date(Date{std::chrono::floor<std::chrono::days>(account->invited_at)}) + ".";
}

Response account_page(WebContext& context, const Caller& caller, std::int64_t person_id, FormState form, bool sent) {
  auto shown = services::account_of_person(context.store, caller.staff, person_id);
  if (!shown.may_invite) throw Forbidden("only the COM, the POM or a manager may invite the person");
  auto view = page_view(caller, "Their own view of their case", "");
  add_errors(view, form);
  if (sent) view["success"] = "Invitation sent";
  view["person"] = {{"name", shown.person.full_name()}, {"href", person_href(person_id)}};
  view["heading"] = "Their own view of their case";
  view["intro"] = "They can sign in on their phone to see their release date, their next appointment and who to "
                  "contact, in English or Welsh. " + account_summary(shown.account);
  view["action"] = person_href(person_id) + "/account";
  view["submit"] = shown.account ? "Send a new invitation" : "Send invitation";
  view["fields"] = View::list({{{"text_input", form_field(form, "contact", "Their mobile number or email address",
                                                          {{"hint", "Their sign-in codes go here. A UK mobile, like 07700 "
                                                                    "900123, or an email address."},
                                                           {"spellcheck_off", true}})}}});
  return render_page(context, form.errors.empty() ? 200 : 422, "plan/plan_form", view);
}

Response send_invitation(WebContext& context, Request& request, const Caller& caller) {
  auto person_id = id_param(request, "id");
  auto form = submitted_form(request);
  form.errors = errors_from([&] {
    services::invite_person(context.store, context.clock, caller.staff, person_id, value_of(form, "contact"),
                            sign_in_address(request));
  });
  if (form.errors.empty()) return Response::redirect(person_href(person_id) + "/account?sent=1");
  return account_page(context, caller, person_id, form, false);
}

}  // namespace

void add_invitation_routes(Router& router, WebContext& context) {
  router.get("/people/{id}/account", page(context, [&](Request& r, const Caller& c) {
               return account_page(context, c, id_param(r, "id"), {}, r.query_param("sent").has_value());
             }));
  router.post("/people/{id}/account", page(context, [&](Request& r, const Caller& c) { return send_invitation(context, r, c); }));
  router.add("POST", "/api/v1/people/{id}/invitation", api(context, [&](Request& request, const Caller& caller) {
               auto body = parse_body(request);
               auto contact = body.contains("contact") && body["contact"].is_string() ? body["contact"].get<std::string>() : "";
               auto account = services::invite_person(context.store, context.clock, caller.staff, id_param(request, "id"),
                                                      contact, sign_in_address(request));
               return json_response(201, account_json(account));
             }));
}

}  // namespace resettle::web
