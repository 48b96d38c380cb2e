// The page and API wrappers and the helpers every handler uses (see web_context.hpp).
#include "web/web_context.hpp"

#include <algorithm>
#include <charconv>
#include <span>

#include <boost/url/url.hpp>

#include "domain/catalogue.hpp"
#include "domain/staff/role.hpp"
#include "services/accounts/passwords.hpp"
#include "web/failures.hpp"
#include "web/http/problem.hpp"

namespace resettle::web {

bool is_unsafe(const Request& request) {
  return request.method != "GET" && request.method != "HEAD" && request.method != "OPTIONS";
}

Response problem_answer(std::exception_ptr failure) {
  auto answer = answer_to(failure);
  return problem(answer.api_status, std::move(answer.title), std::move(answer.detail), answer.errors);
}

namespace {

std::string form_value(const Params& form, std::string_view name) {
  for (const auto& [key, value] : form)
    if (key == name) return value;
  return {};
}

// Where a request comes from, for the access log: the client's address and which session or API
// token it used, as the first 16 hex digits of the token's SHA-256 (how the session and api_token
// tables store it), so the log points at the token without holding it.
store::RequestOrigin origin_of(const Request& request, const Caller& caller) {
  std::string token;
  if (caller.by_api_token) {
    auto authorization = request.header("Authorization").value_or("");
    auto space = authorization.find(' ');
    token = "api token " + services::sha256_hex(authorization.substr(space == std::string_view::npos ? 0 : space + 1))
                               .substr(0, 16);
  } else {
    token = "session " + services::sha256_hex(request.cookie(session_cookie_name).value_or("")).substr(0, 16);
  }
  return {request.remote_address, std::move(token)};
}
}  // namespace

Handler page(WebContext& context, CallerHandler handler) {
  return [&context, handler = std::move(handler)](Request& request) -> Response {
    auto caller = identify_caller(context.store, context.clock, request);
    if (!caller || caller->by_api_token) return Response::redirect("/sign-in");
    store::OriginScope origin{origin_of(request, *caller)};
    if (is_unsafe(request) && !csrf_matches(*caller, form_value(request.form(), csrf_field_name)))
      return error_page(context, &*caller, 403, staff_text("Your form has expired"),
                        staff_text("Go back, reload the page and submit the form again."));
    try {
      return handler(request, *caller);
    } catch (...) {
      auto answer = answer_to(std::current_exception());
      return error_page(context, &*caller, answer.page_status, std::move(answer.heading), std::move(answer.message));
    }
  };
}

Handler api(WebContext& context, CallerHandler handler) {
  return [&context, handler = std::move(handler)](Request& request) -> Response {
    auto caller = identify_caller(context.store, context.clock, request);
    if (!caller) {
      auto response = problem(401, "Unauthorised", "Send a bearer token, or sign in.");
      response.headers["WWW-Authenticate"] = "Bearer";
      return response;
    }
    store::OriginScope origin{origin_of(request, *caller)};
    if (!caller->by_api_token && is_unsafe(request) &&
        !csrf_matches(*caller, request.header(csrf_header_name).value_or("")))
      return problem(403, "Forbidden", "Send the X-CSRF-Token header with requests made from a signed-in browser.");
    if (caller->by_api_token && !token_allows(caller->token_scope, is_unsafe(request)))
      return problem(403, "Forbidden", "This API token may only read. Use a token with the write scope to make changes.");
    try {
      return handler(request, *caller);
    } catch (...) {
      return problem_answer(std::current_exception());
    }
  };
}

View page_view(const Caller& caller, std::string title, std::string_view current_navigation) {
  // Built once, the names through the catalogue (staff pages are English: their text is its own key).
  using Link = std::pair<std::string, std::string_view>;
  static const Link staff_links[] = {{staff_text("My caseload"), "/caseload"}, {staff_text("Worklists"), "/worklists"},
                                     {staff_text("Diary"), "/diary"}, {staff_text("Add a person"), "/people/new"},
                                     {staff_text("Find support"), "/find-support"}};
  static const Link partner_links[] = {{staff_text("Referrals to my organisation"), "/partner/referrals"},
                                       {staff_text("Find support"), "/find-support"}};
  // The diary holds a risk partner's joint home visits.
  static const Link risk_partner_links[] = {{staff_text("My shared cases"), "/iom/cases"}, {staff_text("Diary"), "/diary"}};
  static const Link manager_links[] = {{staff_text("Allocations"), "/manage"}, {staff_text("Insight"), "/insight"}};
  static const Link admin_links[] = {{staff_text("Accounts"), "/admin/accounts"}};
  auto links = caller.staff.role == Role::partner   ? std::span<const Link>{partner_links}
               : is_risk_partner(caller.staff.role) ? std::span<const Link>{risk_partner_links}
                                                    : std::span<const Link>{staff_links};
  auto navigation = View::list();
  auto add = [&](std::span<const Link> added) {
    for (const auto& [name, href] : added)
      navigation.push_back({{"name", name}, {"href", href}, {"current", current_navigation == href}});
  };
  add(links);
  if (caller.staff.role == Role::manager || caller.staff.role == Role::admin) add(manager_links);
  if (caller.staff.role == Role::admin) add(admin_links);
  return {{"page_title", std::move(title)},
          {"csrf_token", caller.csrf_token},
          {"user", {{"name", caller.staff.display_name}, {"role", role_label(caller.staff.role)}}},
          {"navigation", navigation}};
}

Response render_page(const WebContext& context, int status, std::string_view page, const View& view) {
  return Response::text(status, context.templates.render_page(page, view), "text/html; charset=utf-8");
}

Response error_page(const WebContext& context, const Caller* caller, int status, std::string title,
                    std::string message) {
  auto view = caller ? page_view(*caller, title, "") : View{{"page_title", title}};
  view["heading"] = std::move(title);
  view["message"] = std::move(message);
  return render_page(context, status, "error", view);
}

View linked_row(std::string text, std::string href, View texts, View last_cell) {
  View::Object header;
  header.reserve(2);
  header.emplace_back("text", std::move(text));
  header.emplace_back("href", std::move(href));
  View::Object row;
  row.reserve(3);
  row.emplace_back("row_header", View::object(std::move(header)));
  if (last_cell.is_text()) {
    texts.push_back(std::move(last_cell));
  } else {
    row.emplace_back("cells", View::list({std::move(last_cell)}));
  }
  row.emplace_back("texts", std::move(texts));
  return View::object(std::move(row));
}

std::string person_href(std::int64_t person_id) { return "/people/" + std::to_string(person_id); }

FormState submitted_form(const Request& request) {
  FormState form;
  for (auto& [name, value] : request.form())
    if (name != csrf_field_name) form.values[name] = value;
  return form;
}

std::string value_of(const FormState& form, const std::string& name) {
  auto found = form.values.find(name);
  return found == form.values.end() ? std::string{} : found->second;
}


void add_errors(View& view, const FormState& form) {
  auto errors = View::list();
  for (const auto& error : form.errors) errors.push_back({{"field", error.field}, {"message", error_sentence(error)}});
  view["errors"] = errors;
}

View form_field(const FormState& form, const std::string& name, std::string label, View extra) {
  extra["id"] = name;
  extra["name"] = name;
  extra["label"] = std::move(label);
  auto value = form.values.find(name);
  extra["value"] = value == form.values.end() ? "" : value->second;
  for (const auto& error : form.errors)
    if (error.field == name) extra["error"] = error_sentence(error);
  return extra;
}

View date_form_field(const FormState& form, const std::string& name, std::string label, View extra) {
  auto view = form_field(form, name, std::move(label), std::move(extra));
  auto names = date_part_names(name);
  auto submitted = [&form](const std::string& part) { return form.values.find(part); };
  if (submitted(names.day) != form.values.end() || submitted(names.month) != form.values.end() ||
      submitted(names.year) != form.values.end()) {
    auto text = [&](const std::string& part) { return submitted(part) == form.values.end() ? "" : submitted(part)->second; };
    view["day"] = text(names.day);
    view["month"] = text(names.month);
    view["year"] = text(names.year);
  } else {
    auto parts = date_parts_of(view.at("value").text());
    view["day"] = parts.day;
    view["month"] = parts.month;
    view["year"] = parts.year;
  }
  return view;
}

View with_blank_option(View options, std::string blank) {
  bool chosen = std::any_of(options.begin(), options.end(), [](const View& option) {
    const View* selected = option.find("selected");
    return selected && selected->truthy();
  });
  auto with_blank = View::list({{{"value", ""}, {"text", std::move(blank)}, {"selected", !chosen}}});
  for (auto& option : options) with_blank.push_back(std::move(option));
  return with_blank;
}

std::int64_t take_submitted_version(FieldInput& values) {
  auto found = values.find("version");
  if (found == values.end()) return -1;
  std::int64_t version = -1;
  auto [end, error] = std::from_chars(found->second.data(), found->second.data() + found->second.size(), version);
  if (error != std::errc{} || end != found->second.data() + found->second.size()) version = -1;
  values.erase(found);
  return version;
}

std::string next_page_href(const Request& request, const std::string& cursor) {
  boost::urls::url href;
  href.set_path(request.path);
  for (const auto& [name, value] : request.query)
    if (name != "cursor") href.params().append({name, value});
  href.params().append({"cursor", cursor});
  return std::string{href.buffer()};
}

void add_pagination(View& view, const Request& request, const std::optional<std::string>& next_cursor) {
  if (next_cursor) view["pagination"] = {{"next", next_page_href(request, *next_cursor)}};
}

std::int64_t id_param(const Request& request, const std::string& name) {
  auto found = request.path_params.find(name);
  std::int64_t id = 0;
  if (found != request.path_params.end()) {
    const auto& text = found->second;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (error == std::errc{} && end == text.data() + text.size() && id > 0) return id;
  }
  throw NotFound("no such record");
}

store::PageRequest page_request(const Request& request, int default_limit) {
  store::PageRequest page{request.query_param("cursor"), default_limit};
  if (auto limit = request.query_param("limit")) {
    FieldInput input{{"limit", *limit}};
    FieldReader reader{input};
    page.limit = static_cast<int>(reader.integer("limit", Need::optional, 1, 200).value_or(default_limit));
    reader.throw_if_failed();
  }
  return page;
}

}  // namespace resettle::web
