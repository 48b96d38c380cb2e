#pragma once
// What every page of the person's own view shares (pages.cpp): the page around each screen in the
// person's language, the signed-in check with its CSRF check, and small helpers for their forms.
// Each capability of the view registers its pages beside pages.cpp (plan_pages.cpp, ...).
#include <functional>
#include <string>
#include <string_view>

#include "services/person_view/person_accounts.hpp"
#include "web/routes.hpp"

namespace resettle::web {

using PersonHandler = std::function<Response(Request&, const services::PersonSignedIn&)>;

// Pages for a signed-in person: no person session -> the sign-in page; a POST without the session's
// CSRF token -> 403. A failure the handler lets through is answered with an error page in the
// person's language (NotFound 404, Conflict and StaleVersion 409, ...).
Handler person_page(WebContext& context, PersonHandler handler);

// The view every signed-in page starts from: its title, sign-out and the language switch, which
// comes back to `path` after switching.
View signed_in_view(const services::PersonSignedIn& signed_in, std::string title, std::string path);

// The page around every screen of the person's view.
Response render_my_page(const WebContext& context, int status, std::string_view page, View view, Language language);

// The error summary of a form with one message per field.
void add_errors(View& view, const std::vector<FieldError>& errors);

// A text with one ((placeholder)), filled.
std::string filled(std::string_view text, const std::string& value);

// The submitted value of a form field; empty when not sent.
std::string submitted(const Request& request, std::string_view name);

void add_own_plan_routes(Router& router, WebContext& context);          // /my/plan
void add_own_appointment_routes(Router& router, WebContext& context);   // /my/appointments
void add_own_officer_routes(Router& router, WebContext& context);       // /my/officer

}  // namespace resettle::web
