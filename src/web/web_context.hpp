#pragma once
// What every route handler needs, and the wrappers that sign callers in and answer failures (with
// the one mapping of web/failures.hpp): pages get GOV.UK error pages, the API gets problem+json.
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "web/http/view.hpp"

#include "domain/bank_holidays.hpp"
#include "domain/licence/licence_conditions.hpp"
#include "domain/staff_catalogue.hpp"
#include "domain/errors.hpp"
#include "domain/field_input.hpp"
#include "store/store.hpp"
#include "web/caller.hpp"
#include "web/http/http.hpp"
#include "web/http/router.hpp"
#include "web/http/templates.hpp"

namespace resettle::web {

struct WebContext {
  store::Store& store;
  const services::Clock& clock;
  const Templates& templates;
  const BankHolidays& bank_holidays;
  const ConditionCatalogues& licence_conditions;  // every version of the licence conditions catalogue
  std::filesystem::path fonts;                    // the TrueType fonts licence PDFs embed
};

using CallerHandler = std::function<Response(Request&, const Caller&)>;

// Pages: no caller -> redirect to sign in; a POST without the session's CSRF token -> 403.
Handler page(WebContext& context, CallerHandler handler);
// API: no caller -> 401; a browser session's unsafe request without X-CSRF-Token -> 403.
Handler api(WebContext& context, CallerHandler handler);
// The problem+json answer to a failure an API handler let through (web/failures.hpp's mapping).
Response problem_answer(std::exception_ptr failure);
// Whether a request may change data (anything but GET, HEAD and OPTIONS).
bool is_unsafe(const Request& request);

// A page's view: title, navigation, the signed-in member of staff and the CSRF token.
View page_view(const Caller& caller, std::string title, std::string_view current_navigation);
Response render_page(const WebContext& context, int status, std::string_view page, const View& view);
Response error_page(const WebContext& context, const Caller* caller, int status, std::string title, std::string message);

// A row of a GOV.UK table view (the `table` partial) headed by a link (a person's name to their
// page), then plain texts, then `last_cell`: a cell, or a plain text that joins the texts (most rows
// end in one, and a text is far cheaper than a cell to build and render). Its objects are built whole
// (View::object): long tables are the bulk of a list page's view.
View linked_row(std::string text, std::string href, View texts, View last_cell);

// A person's page, which the other pages about them sit under.
std::string person_href(std::int64_t person_id);

// A form as submitted, and what was wrong with it, for redisplay.
struct FormState {
  FieldInput values;
  std::vector<FieldError> errors;
};
FormState submitted_form(const Request& request);  // every field but the CSRF token
// The submitted value of one field; empty when it was not sent.
std::string value_of(const FormState& form, const std::string& name);
// Adds the GOV.UK error summary list to a view.
void add_errors(View& view, const FormState& form);
// A component's view (text_input, date_input, select, ...) with the submitted value and its error.
View form_field(const FormState& form, const std::string& name, std::string label,
                          View extra = View::object());
// A date_input's view: its day, month and year boxes as submitted, or split from a whole date
// (a stored record's ISO date) when the form first opens.
View date_form_field(const FormState& form, const std::string& name, std::string label, View extra = View::object());
// Options for a select or radios from a Coded table, with the submitted value selected.
template <typename E>
View coded_options(std::span<const Coded<E>> list, const std::string& selected, std::string_view flag) {
  auto options = View::list();
  for (const auto& entry : list)
    options.push_back({{"value", entry.code}, {"text", entry.label}, {std::string{flag}, entry.code == selected}});
  return options;
}
// A select's options after a blank first option (value "", text `blank`), chosen when no other is.
View with_blank_option(View options, std::string blank);

// The hidden version field of a form, taken out of its values: -1 when missing or tampered with,
// which can only be stale.
std::int64_t take_submitted_version(FieldInput& values);

// The same path and query with the cursor of the next page, so a search or limit carries over.
std::string next_page_href(const Request& request, const std::string& cursor);
// The GOV.UK pagination of a list page (`pagination.next`), when there is a next page.
void add_pagination(View& view, const Request& request, const std::optional<std::string>& next_cursor);

// One section of a page split behind a sub-navigation: what it shows, its path and its link text.
template <typename Shows>
struct PageSection {
  Shows shows;
  std::string_view path;
  std::string_view name;
};

// A MoJ sub-navigation (the `sub_navigation` partial): a link to each section, the one shown marked.
template <typename Sections>  // a range of PageSection
View sub_navigation(std::string_view label, const Sections& sections, std::string_view shown) {
  auto items = View::list();
  for (const auto& section : sections)
    items.push_back({{"name", staff_text_of(section.name)}, {"href", section.path}, {"current", section.path == shown}});
  return {{"label", label}, {"items", std::move(items)}};
}

std::int64_t id_param(const Request& request, const std::string& name);  // NotFound when not a positive number
store::PageRequest page_request(const Request& request, int default_limit);

}  // namespace resettle::web
