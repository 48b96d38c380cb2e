// Signing in and out at a browser.
#include <chrono>

#include "services/passwords.hpp"
#include "services/sign_in.hpp"
#include "web/routes.hpp"

namespace resettle::web {

namespace {

// Before there is a session, the sign-in form is protected by a double-submitted token: the
// same random value in a cookie and in the form, which another site can neither read nor set.
constexpr std::string_view sign_in_csrf_cookie = "resettle_sign_in";

Response sign_in_form(const WebContext& context, int status, const FormState& form, const std::string& csrf_token) {
  View view{{"page_title", "Sign in"}, {"csrf_token", csrf_token}};
  add_errors(view, form);
  view["fields"] = {
      {"username", form_field(form, "username", "Username", {{"autocomplete", "username"}, {"spellcheck_off", true}})},
      {"password", form_field(form, "password", "Password", {{"autocomplete", "current-password"}, {"type", "password"}})},
  };
  view["fields"]["password"]["value"] = "";  // never echo a password back
  auto response = render_page(context, status, "sign_in/sign_in", view);
  response.headers["Set-Cookie"] = std::string{sign_in_csrf_cookie} + "=" + csrf_token +
                                   "; Path=/sign-in; HttpOnly; Secure; SameSite=Strict; Max-Age=3600";
  return response;
}

Response show_sign_in(WebContext& context, Request& request) {
  if (identify_caller(context.store, context.clock, request)) return Response::redirect("/caseload");
  return sign_in_form(context, 200, {}, services::random_token());
}

Response submit_sign_in(WebContext& context, Request& request) {
  auto form = submitted_form(request);
  auto cookie_token = request.cookie(sign_in_csrf_cookie).value_or("");
  Caller unsigned_caller{{}, cookie_token, false};
  std::string submitted;
  for (const auto& [name, value] : request.form())
    if (name == csrf_field_name) submitted = value;
  if (!csrf_matches(unsigned_caller, submitted)) {
    form.errors.push_back({"username", "Your sign-in form had expired. Sign in again."});
    return sign_in_form(context, 403, form, services::random_token());
  }
  auto username = form.values["username"], password = form.values["password"];
  if (username.empty()) form.errors.push_back({"username", "Enter your username"});
  if (password.empty()) form.errors.push_back({"password", "Enter your password"});
  if (!form.errors.empty()) return sign_in_form(context, 422, form, cookie_token);

  auto result = services::sign_in(context.store, context.clock, username, password, request.remote_address);
  if (!result.signed_in) {
    bool locked = result.refusal == services::SignInRefusal::too_many_attempts;
    form.errors.push_back({"username", locked ? "Too many failed attempts. Wait 15 minutes, then try again."
                                              : "Enter a correct username and password"});
    return sign_in_form(context, locked ? 429 : 401, form, cookie_token);
  }
  auto response = Response::redirect("/caseload");
  auto lifetime = std::chrono::duration_cast<std::chrono::seconds>(services::session_lifetime).count();
  response.headers["Set-Cookie"] = session_cookie(result.signed_in->session_token, static_cast<int>(lifetime));
  return response;
}

}  // namespace

void add_sign_in_routes(Router& router, WebContext& context) {
  router.get("/sign-in", [&](Request& request) { return show_sign_in(context, request); });
  router.post("/sign-in", [&](Request& request) { return submit_sign_in(context, request); });
  router.post("/sign-out", page(context, [&](Request& request, const Caller&) {
                services::sign_out(context.store, request.cookie(session_cookie_name).value_or(""));
                auto response = Response::redirect("/sign-in");
                response.headers["Set-Cookie"] = session_cookie("", 0);
                return response;
              }));
}

}  // namespace resettle::web
