#pragma once
// What every page of the person's own view shares (defined in pages.cpp): the person's session
// around a handler, their layout, their signed-in view; and the route registrations of the pages in
// files of their own, which add_person_view_routes calls.
#include <functional>
#include <string>
#include <string_view>

#include "services/person_accounts.hpp"
#include "services/person_pages.hpp"
#include "web/web_context.hpp"

namespace resettle::web {

using PersonHandler = std::function<Response(Request&, const services::PersonSignedIn&)>;
// Pages for a signed-in person: no person session -> the sign-in page; a POST without the session's
// CSRF token -> 403. A staff session opens none of them.
Handler person_page(WebContext& context, PersonHandler handler);
// The page around every screen of the person's view, in their language.
Response render_my_page(const WebContext& context, int status, std::string_view page, View view, Language language);
// The signed-in layout's fields: title, sign-out, CSRF token.
View signed_in_view(const services::PersonSignedIn& signed_in, std::string title);
// One field's error, for the error summary and the field (view "error").
void add_error(View& view, std::string field, std::string message);
// The value of a form field as posted, empty when absent.
std::string submitted(const Request& request, std::string_view name);
// A text with one ((placeholder)), filled.
std::string filled(std::string_view text, const std::string& value);

// "What happens next" in the person's language: the fields of person_view/home but its links.
void add_what_happens_next(View& view, const services::WhatHappensNext& next, Language language);
// What a pathway of need reads as to the person.
std::string need_name(Pathway pathway, Language language);
// The support near the person, as the Support page and the printed pages show it
// (person_view/support_services): { heading, area?, no_needs?, needs_heading?, needs?, has_services?,
// services?: [ { id, name, organisation, rows } ], no_services? }.
View support_view(const services::SupportNearPerson& support, Language language);

void add_my_licence_routes(Router& router, WebContext& context);    // licence_pages.cpp
void add_my_support_routes(Router& router, WebContext& context);    // support_pages.cpp
void add_my_messages_routes(Router& router, WebContext& context);   // messages_pages.cpp
void add_print_for_person_routes(Router& router, WebContext& context);  // print_pages.cpp: staff print the pages

}  // namespace resettle::web
