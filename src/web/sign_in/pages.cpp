// Signing in (a password, then a code from an authenticator app for accounts with two-factor
// sign-in, set up on the way for roles that require it) and signing out, here or everywhere.
#include <qrencode.h>

#include <chrono>
#include <memory>

#include "domain/catalogue.hpp"
#include "domain/staff_catalogue.hpp"
#include "services/accounts/passwords.hpp"
#include "services/sign_in/sign_in.hpp"
#include "services/sign_in/two_factor.hpp"
#include "web/routes.hpp"

namespace resettle::web {

namespace {

// Before there is a session, the sign-in form is protected by a double-submitted token: the
// same random value in a cookie and in the form, which another site can neither read nor set.
constexpr std::string_view sign_in_csrf_cookie = "resettle_sign_in";

int seconds(auto duration) { return static_cast<int>(std::chrono::duration_cast<std::chrono::seconds>(duration).count()); }

std::string submitted_csrf(const Request& request) {
  for (const auto& [name, value] : request.form())
    if (name == csrf_field_name) return value;
  return {};
}

// "Wait 45 seconds" / "Wait 15 minutes": whole minutes once it is a minute or more.
std::string wait_message(std::chrono::seconds wait) {
  if (wait < std::chrono::minutes{1})
    return staff_text_plural("Too many failed attempts. Wait ((count)) second, then try again.",
                             "Too many failed attempts. Wait ((count)) seconds, then try again.", static_cast<long>(wait.count()));
  return staff_text_plural("Too many failed attempts. Wait ((count)) minute, then try again.",
                           "Too many failed attempts. Wait ((count)) minutes, then try again.",
                           static_cast<long>(std::chrono::ceil<std::chrono::minutes>(wait).count()));
}

Response too_many_attempts(Response response, std::chrono::seconds wait) {
  response.headers["Retry-After"] = std::to_string(wait.count());
  return response;
}

Response sign_in_form(const WebContext& context, int status, const FormState& form, const std::string& csrf_token) {
  View view{{"page_title", staff_text("Sign in")}, {"csrf_token", csrf_token}};
  add_errors(view, form);
  view["fields"] = {
      {"username", form_field(form, "username", staff_text("Username"), {{"autocomplete", "username"}, {"spellcheck_off", true}})},
      {"password", form_field(form, "password", staff_text("Password"), {{"autocomplete", "current-password"}, {"type", "password"}})},
  };
  view["fields"]["password"]["value"] = "";  // never echo a password back
  auto response = render_page(context, status, "sign_in/sign_in", view);
  response.cookies.push_back(std::string{sign_in_csrf_cookie} + "=" + csrf_token +
                             "; Path=/sign-in; HttpOnly; Secure; SameSite=Strict; Max-Age=3600");
  return response;
}

// A full sign-in: the session for the pages and the known-device cookie for the next sign-in.
Response signed_in(const services::SignInStep& step) {
  auto response = Response::redirect("/caseload");
  response.cookies.push_back(session_cookie(step.session_token, seconds(session_lifetime)));
  response.cookies.push_back(device_cookie(step.device_token));
  return response;
}

Response show_sign_in(WebContext& context, Request& request) {
  if (identify_caller(context.store, context.clock, request)) return Response::redirect("/caseload");
  return sign_in_form(context, 200, {}, services::random_token());
}

Response submit_sign_in(WebContext& context, Request& request) {
  auto form = submitted_form(request);
  auto cookie_token = request.cookie(sign_in_csrf_cookie).value_or("");
  if (!csrf_matches(Caller{{}, cookie_token}, submitted_csrf(request))) {
    form.errors.push_back({"username", staff_text("Your sign-in form had expired. Sign in again.")});
    return sign_in_form(context, 403, form, services::random_token());
  }
  auto username = form.values["username"], password = form.values["password"];
  if (username.empty()) form.errors.push_back({"username", staff_text("Enter your username")});
  if (password.empty()) form.errors.push_back({"password", staff_text("Enter your password")});
  if (!form.errors.empty()) return sign_in_form(context, 422, form, cookie_token);

  auto step = services::sign_in(context.store, context.clock,
                                {username, password, request.remote_address, request.cookie(device_cookie_name).value_or("")});
  switch (step.outcome) {
    case services::SignInOutcome::signed_in:
      return signed_in(step);
    case services::SignInOutcome::code_needed:
    case services::SignInOutcome::enrolment_needed: {
      auto response = Response::redirect("/sign-in/code");
      response.cookies.push_back(session_cookie(step.session_token, seconds(second_factor_lifetime)));
      return response;
    }
    case services::SignInOutcome::wait:
      form.errors.push_back({"username", wait_message(step.retry_after)});
      return too_many_attempts(sign_in_form(context, 429, form, cookie_token), step.retry_after);
    default:
      form.errors.push_back({"username", staff_text("Enter a correct username and password")});
      return sign_in_form(context, 401, form, cookie_token);
  }
}

// The SVG path of a QR code's dark modules, one unit square each, inside a four-module quiet zone.
struct QrPicture {
  int size = 0;
  std::string path;
};

QrPicture qr_picture(const std::string& text) {
  struct Free {
    void operator()(QRcode* code) const { QRcode_free(code); }
  };
  std::unique_ptr<QRcode, Free> code{QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1)};
  if (!code) throw std::runtime_error("cannot make a QR code");
  constexpr int quiet = 4;
  QrPicture picture{code->width + 2 * quiet, {}};
  for (int y = 0; y < code->width; ++y)
    for (int x = 0; x < code->width; ++x)
      if (code->data[y * code->width + x] & 1)  // bit 0 is the module's colour
        picture.path += "M" + std::to_string(x + quiet) + " " + std::to_string(y + quiet) + "h1v1h-1z";
  return picture;
}

// The key in groups of four, as people copy it into an app by hand.
std::string grouped(const std::string& secret) {
  std::string text;
  for (std::size_t i = 0; i < secret.size(); i += 4) text += (i ? " " : "") + secret.substr(i, 4);
  return text;
}

Response code_form(const WebContext& context, int status, const services::PendingSignIn& pending, const FormState& form) {
  View view{{"page_title", pending.enrolling ? staff_text("Set up two-factor sign-in") : staff_text("Enter your sign-in code")},
            {"csrf_token", pending.csrf_token},
            {"enrolling", pending.enrolling}};
  add_errors(view, form);
  if (pending.enrolling) {
    auto picture = qr_picture(services::otpauth_uri(pending.enrolling_secret, pending.staff.username));
    view["key"] = grouped(pending.enrolling_secret);
    view["qr"] = {{"size", picture.size}, {"path", picture.path}};
  }
  view["fields"] = {
      {"code", form_field(form, "code", staff_text("Code from your authenticator app"),
                          {{"hint", staff_text("The 6-digit code, for example 123456")},
                           {"autocomplete", "one-time-code"},
                           {"width", "govuk-input--width-5"},
                           {"spellcheck_off", true}})},
      {"remember_device",
       form_field(form, "remember_device", staff_text("This device"),
                  {{"legend", staff_text("This device")},
                   {"items", View::list({{{"value", "yes"},
                                          {"text", staff_text("Do not ask for a code on this device for 30 days")},
                                          {"checked", form.values.contains("remember_device")}}})}})},
  };
  view["fields"]["code"]["value"] = "";
  return render_page(context, status, "sign_in/code", view);
}

Response show_code_form(WebContext& context, Request& request) {
  auto pending = services::find_pending_sign_in(context.store, context.clock,
                                                request.cookie(session_cookie_name).value_or(""));
  if (!pending) return Response::redirect("/sign-in");
  return code_form(context, 200, *pending, {});
}

Response submit_code(WebContext& context, Request& request) {
  auto session_token = request.cookie(session_cookie_name).value_or("");
  auto pending = services::find_pending_sign_in(context.store, context.clock, session_token);
  if (!pending) return Response::redirect("/sign-in");
  if (!csrf_matches(Caller{{}, pending->csrf_token}, submitted_csrf(request)))
    return error_page(context, nullptr, 403, staff_text("Your form has expired"), staff_text("Go back, reload the page and enter a new code."));
  auto form = submitted_form(request);
  if (form.values["code"].empty()) {
    form.errors.push_back({"code", staff_text("Enter the 6-digit code from your authenticator app")});
    return code_form(context, 422, *pending, form);
  }
  auto step = services::give_second_factor(
      context.store, context.clock,
      {session_token, form.values["code"], form.values.contains("remember_device"), request.remote_address,
       request.cookie(device_cookie_name).value_or("")});
  switch (step.outcome) {
    case services::SignInOutcome::signed_in:
      return signed_in(step);
    case services::SignInOutcome::wait:
      form.errors.push_back({"code", wait_message(step.retry_after)});
      return too_many_attempts(code_form(context, 429, *pending, form), step.retry_after);
    case services::SignInOutcome::wrong_details:
      form.errors.push_back({"code", staff_text("The code is not right or was used already: enter the latest code from your app")});
      return code_form(context, 401, *pending, form);
    default:
      return Response::redirect("/sign-in");  // expired, or too many wrong codes: start again
  }
}

Response signed_out() {
  auto response = Response::redirect("/sign-in");
  response.cookies.push_back(session_cookie("", 0));
  return response;
}

}  // namespace

void add_sign_in_routes(Router& router, WebContext& context) {
  router.get("/sign-in", [&](Request& request) { return show_sign_in(context, request); });
  router.post("/sign-in", [&](Request& request) { return submit_sign_in(context, request); });
  router.get("/sign-in/code", [&](Request& request) { return show_code_form(context, request); });
  router.post("/sign-in/code", [&](Request& request) { return submit_code(context, request); });
  router.post("/sign-out", page(context, [&](Request& request, const Caller&) {
                services::sign_out(context.store, context.clock, request.cookie(session_cookie_name).value_or(""));
                return signed_out();
              }));
  router.post("/sign-out/everywhere", page(context, [&](Request&, const Caller& caller) {
                services::sign_out_everywhere(context.store, context.clock, caller.staff);
                auto response = signed_out();
                response.cookies.push_back(device_cookie(""));
                return response;
              }));
}

}  // namespace resettle::web
