// The person's own view: signing in with a code sent to their mobile or email, "What happens next",
// a language switch on every page and signing out. Everything here is in the person's language, on
// a layout of its own with no staff navigation. The person's session has its own cookie, sent only
// to /my: staff pages never see it, and these pages never look at a staff session.
#include <chrono>

#include "domain/catalogue.hpp"
#include "domain/errors.hpp"
#include "services/accounts/passwords.hpp"
#include "services/person_view/person_accounts.hpp"
#include "web/failures.hpp"
#include "web/person_view/my_pages.hpp"
#include "web/routes.hpp"

namespace resettle::web {

namespace {

// The contact the person is signing in with, between asking for a code and typing it: kept in a
// cookie for the sign-in pages alone, so the code form needs no hidden field and another site's
// form (SameSite=Strict) cannot post a code to it.
constexpr std::string_view contact_cookie_name = "resettle_my_contact";
constexpr std::string_view person_session_cookie_name = "resettle_person_session";
// The language chosen before signing in (after, the account remembers it).
constexpr std::string_view language_cookie_name = "resettle_my_language";

int seconds(auto duration) { return static_cast<int>(std::chrono::duration_cast<std::chrono::seconds>(duration).count()); }

std::string my_cookie(std::string_view name, const std::string& value, std::string_view path, std::string_view same_site,
                      int max_age) {
  return std::string{name} + "=" + value + "; Path=" + std::string{path} + "; HttpOnly; Secure; SameSite=" +
         std::string{same_site} + "; Max-Age=" + std::to_string(max_age);
}

std::string person_session_cookie(const std::string& token, int max_age) {
  return my_cookie(person_session_cookie_name, token, "/my", "Lax", max_age);
}

std::optional<Language> language_named(std::string_view code) { return parse_code(languages(), code); }

std::string code_of(Language language) { return std::string{entry_for(languages(), language).code}; }
Language other_language(Language language) { return language == Language::en ? Language::cy : Language::en; }
// Each language's name in itself, as a switch to it shows it.
std::string own_name(Language language) { return language == Language::en ? "English" : "Cymraeg"; }

}  // namespace

std::string submitted(const Request& request, std::string_view name) {
  for (const auto& [field, value] : request.form())
    if (field == name) return value;
  return {};
}

// The page around every screen of the person's view.
Response render_my_page(const WebContext& context, int status, std::string_view page, View view, Language language) {
  view["lang"] = code_of(language);
  view["service_name"] = translated("Resettle: your next steps", language);
  view["skip_link"] = translated("Skip to main content", language);
  view["problem_title"] = translated("There is a problem", language);
  view["error_prefix"] = translated("Error:", language);
  view["switch_label"] = translated("Language", language);
  view["switch_to"] = own_name(other_language(language));
  view["switch_code"] = code_of(other_language(language));
  view["content"] = context.templates.render(page, view);
  return Response::text(status, context.templates.render("person_view/layout", view), "text/html; charset=utf-8");
}

// A text with one ((placeholder)), filled.
std::string filled(std::string_view text, const std::string& value) {
  return fill_placeholders(text, [&](std::string_view) { return value; });
}

void add_errors(View& view, const std::vector<FieldError>& errors) {
  auto list = View::list();
  for (const auto& error : errors) list.push_back({{"field", error.field}, {"message", error.message}});
  view["has_errors"] = !errors.empty();
  view["errors"] = std::move(list);
}

View signed_in_view(const services::PersonSignedIn& signed_in, std::string title, std::string path) {
  auto language = signed_in.account.language;
  return {{"page_title", std::move(title)},
          {"signed_in", true},
          {"csrf_token", signed_in.csrf_token},
          {"sign_out", translated("Sign out", language)},
          {"switch_action", "/my/language"},
          {"switch_return", std::move(path)}};
}

store::RequestOrigin own_origin(const Request& request, std::string_view kind, std::string_view token) {
  return {request.remote_address, std::string{kind} + " " + services::sha256_hex(token).substr(0, 16)};
}

Handler person_page(WebContext& context, PersonHandler handler) {
  return [&context, handler = std::move(handler)](Request& request) {
    auto cookie = request.cookie(person_session_cookie_name).value_or("");
    auto signed_in = services::find_person_session(context.store, context.clock, cookie);
    if (!signed_in) return Response::redirect("/my/sign-in");
    store::OriginScope origin{own_origin(request, "person session", cookie)};
    auto language = signed_in->account.language;
    if (request.method == "POST" && !csrf_matches(Caller{{}, signed_in->csrf_token}, submitted(request, csrf_field_name)))
      return Response::text(403, translated("Your form has expired. Go back and try again.", language),
                            "text/plain; charset=utf-8");
    try {
      return handler(request, *signed_in);
    } catch (...) {
      auto status = answer_to(std::current_exception()).page_status;
      auto heading = status == 404 ? translated("Page not found", language)
                                   : translated("Sorry, that did not work", language);
      auto view = signed_in_view(*signed_in, heading, "/my");
      view["heading"] = heading;
      view["message"] = status == 404 ? translated("If you typed the web address, check it is correct.", language)
                                      : translated("Something changed while you were on this page. Go back and try again.",
                                                   language);
      view["home"] = translated("Go to what happens next", language);
      return render_my_page(context, status, "person_view/problem", view, language);
    }
  };
}

namespace {

// Before sign-in: ?lang= first, then the cookie, then English.
Language visitor_language(const Request& request) {
  if (auto asked = request.query_param("lang"))
    if (auto language = language_named(*asked)) return *language;
  if (auto kept = request.cookie(language_cookie_name))
    if (auto language = language_named(*kept)) return *language;
  return Language::en;
}


void add_error(View& view, std::string field, std::string message) {
  view["has_errors"] = true;
  view["errors"] = View::list({{{"field", field}, {"message", message}}});
  view["error"] = std::move(message);
}

// --- Signed out ------------------------------------------------------------------------------------

Response sign_in_form(const WebContext& context, int status, Language language, const std::string& contact,
                      std::optional<std::string> error) {
  View view{{"page_title", translated("Sign in", language)},
            {"heading", translated("Sign in to see what happens next", language)},
            {"label", translated("Your mobile number or email address", language)},
            {"hint", translated("Use the one your probation or prison officer has for you. We will send you a code.", language)},
            {"button", translated("Send me a code", language)},
            {"value", contact},
            {"switch_href", "/my/sign-in?lang=" + code_of(other_language(language))}};
  if (error) add_error(view, "contact", *error);
  return render_my_page(context, status, "person_view/sign_in", view, language);
}

Response with_language_kept(Response response, const Request& request, Language language) {
  if (request.query_param("lang"))
    response.cookies.push_back(my_cookie(language_cookie_name, code_of(language), "/my", "Lax", 60 * 60 * 24 * 365));
  return response;
}

Response show_sign_in(WebContext& context, Request& request) {
  auto language = visitor_language(request);
  if (services::find_person_session(context.store, context.clock, request.cookie(person_session_cookie_name).value_or("")))
    return Response::redirect("/my");
  return with_language_kept(sign_in_form(context, 200, language, "", std::nullopt), request, language);
}

Response submit_sign_in(WebContext& context, Request& request) {
  auto language = visitor_language(request);
  auto contact = submitted(request, "contact");
  if (contact.empty())
    return sign_in_form(context, 422, language, contact, translated("Enter your mobile number or email address", language));
  try {
    services::request_sign_in_code(context.store, context.clock, contact);
  } catch (const ValidationFailed&) {
    return sign_in_form(context, 422, language, contact,
                        translated("Enter a UK mobile number, like 07700 900123, or an email address, like "
                                   "name@example.com",
                                   language));
  }
  // The same answer whether or not the contact has an account: nothing tells who is on Resettle.
  auto response = Response::redirect("/my/sign-in/code");
  response.cookies.push_back(my_cookie(contact_cookie_name, read_account_contact(contact)->value, "/my/sign-in", "Strict",
                                       seconds(sign_in_code_lifetime)));
  return response;
}

Response code_form(const WebContext& context, int status, Language language, std::optional<std::string> error) {
  View view{{"page_title", translated("Enter your code", language)},
            {"heading", translated("Enter your code", language)},
            {"sent", translated("If we have an account with those details, we have sent a 6-digit code to them. "
                                "It works once, for 10 minutes.",
                                language)},
            {"label", translated("Code", language)},
            {"hint", translated("For example, 123456", language)},
            {"button", translated("Sign in", language)},
            {"again", translated("Send a new code", language)},
            {"switch_href", "/my/sign-in/code?lang=" + code_of(other_language(language))}};
  if (error) add_error(view, "code", *error);
  return render_my_page(context, status, "person_view/code", view, language);
}

Response show_code_form(WebContext& context, Request& request) {
  auto language = visitor_language(request);
  if (!request.cookie(contact_cookie_name)) return Response::redirect("/my/sign-in");
  return with_language_kept(code_form(context, 200, language, std::nullopt), request, language);
}

std::string locked_message(int minutes, Language language) {
  return filled(translated_plural("You entered a wrong code too many times. Wait ((count)) minute, then ask for a new code.",
                                  "You entered a wrong code too many times. Wait ((count)) minutes, then ask for a new code.",
                                  minutes, language),
                std::to_string(minutes));
}

Response submit_code(WebContext& context, Request& request) {
  auto language = visitor_language(request);
  auto contact = request.cookie(contact_cookie_name);
  if (!contact) return Response::redirect("/my/sign-in");
  auto code = submitted(request, "code");
  std::erase(code, ' ');
  if (code.empty()) return code_form(context, 422, language, translated("Enter the 6-digit code we sent you", language));
  auto result = services::enter_sign_in_code(context.store, context.clock, std::string{*contact}, code);
  switch (result.outcome) {
    case services::CodeOutcome::signed_in: {
      auto response = Response::redirect("/my");
      response.cookies.push_back(person_session_cookie(result.session_token, seconds(person_session_idle_timeout)));
      response.cookies.push_back(my_cookie(contact_cookie_name, "", "/my/sign-in", "Strict", 0));
      return response;
    }
    case services::CodeOutcome::expired:
      return code_form(context, 401, language,
                       translated("That code has expired: codes work for 10 minutes. Ask for a new code.", language));
    case services::CodeOutcome::used:
      return code_form(context, 401, language,
                       translated("That code has been used already. Ask for a new code.", language));
    case services::CodeOutcome::locked: {
      auto now = context.clock.now_seconds();
      auto minutes = static_cast<int>(std::chrono::ceil<std::chrono::minutes>(*result.locked_until - now).count());
      auto response = code_form(context, 429, language, locked_message(minutes, language));
      response.headers["Retry-After"] = std::to_string((*result.locked_until - now).count());
      return response;
    }
    default:
      return code_form(context, 401, language,
                       translated("That code is not right. Check the code we sent you and try again.", language));
  }
}

// --- Signed in -------------------------------------------------------------------------------------

}  // namespace

// "What happens next" in the person's language (person_view/home), on their home page and printed.
void add_what_happens_next(View& view, const services::WhatHappensNext& next, Language language) {
  view["heading"] = translated("What happens next", language);
  view["greeting"] = filled(translated("Hello ((first_name))", language), next.first_name);
  view["release_heading"] = translated("Your release", language);
  if (next.release_date) {
    auto when = long_date_with_day(*next.release_date, language);
    view["release"] = next.released ? filled(translated("You were released on ((date)).", language), when)
                                    : filled(translated("You are due to be released on ((date)).", language), when);
    if (next.release_may_be_earlier)
      view["release_earlier"] = translated("This may be a day or two earlier, because of the day of the week or a bank "
                                           "holiday. We will tell you.",
                                           language);
  } else {
    view["release"] = translated("You do not have a release date on Resettle.", language);
  }
  view["appointment_heading"] = translated("Your next appointment", language);
  if (next.next_appointment) {
    const auto& appointment = *next.next_appointment;
    auto when = fill_placeholders(translated("((date)) at ((time))", language), [&](std::string_view name) {
      return name == "date" ? long_date_with_day(appointment.on, language) : time_of_day(appointment.starts_at, language);
    });
    view["appointment"] = {{"when", when},
                           {"where", next.next_appointment_office},
                           {"where_label", translated("Where", language)},
                           {"when_label", translated("When", language)},
                           {"notes", appointment.notes}};
  } else {
    view["no_appointment"] = translated("You have no appointments booked.", language);
  }
  view["contact_heading"] = translated("Who to contact", language);
  if (!next.officer_name.empty()) {
    view["officer"] = {{"label", translated("Your probation officer", language)},
                       {"name", next.officer_name},
                       {"office_label", translated("Office", language)},
                       {"office", next.officer_office}};
  } else {
    view["no_officer"] = translated("You do not have a probation officer yet. Ask staff at your prison.", language);
  }
}

namespace {

Response home(WebContext& context, const services::PersonSignedIn& signed_in) {
  auto language = signed_in.account.language;
  auto next = services::what_happens_next(context.store, context.clock, context.bank_holidays, signed_in);
  auto view = signed_in_view(signed_in, translated("What happens next", language), "/my");
  add_what_happens_next(view, next, language);
  view["more_heading"] = translated("More about you", language);
  view["links"] = View::list({{{"href", "/my/plan"}, {"text", translated("My plan", language)}},
                              {{"href", "/my/appointments"}, {"text", translated("My appointments", language)}},
                              {{"href", "/my/officer"}, {"text", translated("My officer", language)}},
                              {{"href", "/my/licence"}, {"text", translated("Your licence conditions", language)}},
                              {{"href", "/my/support"}, {"text", translated("Support near you", language)}},
                              {{"href", "/my/messages"}, {"text", translated("Your messages", language)}},
                              {{"href", "/my/api-tokens"}, {"text", translated("Your API tokens", language)}}});
  return render_my_page(context, 200, "person_view/home", view, language);
}

Response change_language(WebContext& context, Request& request, const services::PersonSignedIn& signed_in) {
  // The switch only ever sends a language we have; anything else changes nothing.
  if (auto language = language_named(submitted(request, "language")))
    services::choose_language(context.store, signed_in, *language);
  // Back to the page the switch was on: only ever one of the person's own pages on this site.
  auto back = submitted(request, "return_to");
  bool own_page = back == "/my" || (back.starts_with("/my/") && back.find_first_of("\\:?#") == std::string::npos &&
                                     back.find("//") == std::string::npos && back.find("..") == std::string::npos);
  return Response::redirect(own_page ? back : "/my");
}

Response sign_out(WebContext& context, Request& request) {
  services::sign_out_person(context.store, context.clock, request.cookie(person_session_cookie_name).value_or(""));
  auto response = Response::redirect("/my/sign-in");
  response.cookies.push_back(person_session_cookie("", 0));
  return response;
}

}  // namespace

void add_person_view_routes(Router& router, WebContext& context) {
  router.get("/my/sign-in", [&](Request& request) { return show_sign_in(context, request); });
  router.post("/my/sign-in", [&](Request& request) { return submit_sign_in(context, request); });
  router.get("/my/sign-in/code", [&](Request& request) { return show_code_form(context, request); });
  router.post("/my/sign-in/code", [&](Request& request) { return submit_code(context, request); });
  router.get("/my", person_page(context, [&](Request&, const services::PersonSignedIn& s) { return home(context, s); }));
  router.post("/my/language", person_page(context, [&](Request& r, const services::PersonSignedIn& s) {
                return change_language(context, r, s);
              }));
  router.post("/my/sign-out", person_page(context, [&](Request& r, const services::PersonSignedIn&) {
                return sign_out(context, r);
              }));
  add_own_plan_routes(router, context);
  add_own_appointment_routes(router, context);
  add_own_officer_routes(router, context);
  add_my_licence_routes(router, context);
  add_my_support_routes(router, context);
  add_my_messages_routes(router, context);
  add_print_for_person_routes(router, context);
  add_own_api(router, context);
  add_own_api_token_routes(router, context);
  add_invitation_routes(router, context);
}

}  // namespace resettle::web
