#pragma once
// What every page of the person's own view shares (defined in pages.cpp): the person's session around
// a handler, their layout, their signed-in view, small helpers for their forms; and the route
// registrations of the pages in files of their own, which add_person_view_routes calls.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "services/person_view/person_accounts.hpp"
#include "services/person_view/person_pages.hpp"
#include "web/routes.hpp"
#include "web/web_context.hpp"

namespace resettle::web {

using PersonHandler = std::function<Response(Request&, const services::PersonSignedIn&)>;

// Pages for a signed-in person: no person session -> the sign-in page; a POST without the session's
// CSRF token -> 403; a staff session opens none of them. A failure the handler lets through is
// answered with an error page in the person's language (NotFound 404, Conflict and StaleVersion 409, ...).
Handler person_page(WebContext& context, PersonHandler handler);

// Where a person's request comes from, for the access log, as staff requests say it (web_context.cpp):
// the client's address and "<kind> " with the first 16 hex digits of the SHA-256 of the session cookie
// or bearer token it used; kind is "person session" or "person api token".
store::RequestOrigin own_origin(const Request& request, std::string_view kind, std::string_view token);

// The view every signed-in page starts from: its title, sign-out and the language switch, which
// comes back to `path` after switching.
View signed_in_view(const services::PersonSignedIn& signed_in, std::string title, std::string path);

// The page around every screen of the person's view, in their language.
Response render_my_page(const WebContext& context, int status, std::string_view page, View view, Language language);

// The error summary of a form with one message per field.
void add_errors(View& view, const std::vector<FieldError>& errors);

// A text with one ((placeholder)), filled.
std::string filled(std::string_view text, const std::string& value);

// The submitted value of a form field; empty when not sent.
std::string submitted(const Request& request, std::string_view name);

// The {key} of a licence condition's path; NotFound when it is no condition key at all.
int condition_key_param(const Request& request);

// "What happens next" in the person's language: the fields of person_view/home but its links.
void add_what_happens_next(View& view, const services::WhatHappensNext& next, Language language);
// What a resettlement pathway reads as to the person, on every page of theirs (plan_pages.cpp).
std::string pathway_name(Pathway pathway, Language language);
// The support near the person, as the Support page and the printed pages show it
// (person_view/support_services): { heading, area?, no_needs?, needs_heading?, needs?, has_services?,
// services?: [ { id, name, organisation, rows } ], no_services? }.
View support_view(const services::SupportNearPerson& support, Language language);

void add_own_plan_routes(Router& router, WebContext& context);          // /my/plan
void add_own_appointment_routes(Router& router, WebContext& context);   // /my/appointments
void add_own_officer_routes(Router& router, WebContext& context);       // /my/officer
void add_my_licence_routes(Router& router, WebContext& context);        // /my/licence
void add_my_support_routes(Router& router, WebContext& context);        // /my/support
void add_my_messages_routes(Router& router, WebContext& context);       // /my/messages
void add_print_for_person_routes(Router& router, WebContext& context);  // staff print the pages
void add_own_api(Router& router, WebContext& context);                  // /api/v1/my, by the person's token
void add_own_api_token_routes(Router& router, WebContext& context);     // /my/api-tokens

}  // namespace resettle::web
