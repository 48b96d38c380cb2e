// Who has seen a person's record: the access log for administrators, as a page, a CSV export and
// a JSON API resource.
#include "domain/catalogue.hpp"
#include "services/audit.hpp"
#include "web/api_support.hpp"
#include "web/routes.hpp"

namespace resettle::web {

namespace {

std::string access_log_href(std::int64_t person_id) { return person_href(person_id) + "/access-log"; }

std::string when(const std::string& at) {
  auto date = parse_iso_date(std::string_view{at}.substr(0, 10));
  return staff_text("((date)) at ((time)) UTC", {{"date", date ? to_long_date(*date) : at.substr(0, 10)}, {"time", at.substr(11, 5)}});
}

// Staff by name; the person's own reads through their account say so.
std::string who_read(const store::AccessRecord& read) {
  return read.person_account_id ? staff_text("The person, through their own account") : read.staff_name;
}

std::string what_was_read(const store::AccessRecord& read) {
  return read.in_list ? staff_text("Shown in a list: ((what))", {{"what", read.what}}) : read.what;
}

Response access_log_page(WebContext& context, Request& request, const Caller& caller) {
  auto person_id = id_param(request, "id");
  auto history = services::access_history(context.store, caller.staff, person_id, page_request(request, 50));
  auto view = page_view(caller, staff_text("Who has seen ((name))", {{"name", history.person.full_name()}}), "");
  view["person"] = {{"name", history.person.full_name()}, {"href", person_href(person_id)}};
  auto rows = View::list();
  for (const auto& read : history.reads.items)
    rows.push_back({{"cells",
                     {{{"text", when(read.at)}, {"header", true}},
                      {{"text", who_read(read)}},
                      {{"text", what_was_read(read)}},
                      {{"text", read.allowed ? staff_text("Allowed") : staff_text("Refused")}},
                      {{"text", read.address.empty() ? staff_text("Not recorded") : read.address}},
                      {{"text", read.token.empty() ? staff_text("Not recorded") : read.token}}}}});
  view["reads"] = {{"caption", staff_text("Reads, newest first")},
                   {"head", {{{"text", staff_text("When")}}, {{"text", staff_text("Who")}}, {{"text", staff_text("What")}}, {{"text", staff_text("Outcome")}},
                             {{"text", staff_text("From")}}, {{"text", staff_text("Session or token")}}}},
                   {"rows", rows}};
  view["has_reads"] = !rows.empty();
  view["csv_href"] = access_log_href(person_id) + ".csv";
  add_pagination(view, request, history.reads.next_cursor);
  return render_page(context, 200, "audit/access_log", view);
}

Response access_log_csv(WebContext& context, Request& request, const Caller& caller) {
  auto person_id = id_param(request, "id");
  auto response = Response::text(200, services::access_history_csv(context.store, caller.staff, person_id),
                                 "text/csv; charset=utf-8");
  response.headers["Content-Disposition"] =
      "attachment; filename=\"access-log-person-" + std::to_string(person_id) + ".csv\"";
  return response;
}

nlohmann::json read_json(const store::AccessRecord& read) {
  auto or_null = [](std::int64_t id) { return id ? nlohmann::json(id) : nlohmann::json(nullptr); };
  return {{"id", read.id},          {"at", read.at},           {"staff_id", or_null(read.staff_id)},
          {"staff_name", read.staff_id ? nlohmann::json(read.staff_name) : nlohmann::json(nullptr)},
          {"person_account_id", or_null(read.person_account_id)},
          {"what", read.what}, {"allowed", read.allowed},
          {"in_list", read.in_list}, {"address", read.address}, {"token", read.token}};
}

Response access_log_json(WebContext& context, Request& request, const Caller& caller) {
  auto history = services::access_history(context.store, caller.staff, id_param(request, "id"), page_request(request, 50));
  return json_response(200, page_json(history.reads, read_json, request));
}

}  // namespace

void add_audit_routes(Router& router, WebContext& context) {
  router.get("/people/{id}/access-log", page(context, [&](Request& r, const Caller& c) { return access_log_page(context, r, c); }));
  router.get("/people/{id}/access-log.csv", page(context, [&](Request& r, const Caller& c) { return access_log_csv(context, r, c); }));
  router.get("/api/v1/people/{id}/access-log", api(context, [&](Request& r, const Caller& c) { return access_log_json(context, r, c); }));
}

}  // namespace resettle::web
