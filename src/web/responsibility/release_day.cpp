// The day of release: the page that decides it and its JSON API (POST /api/v1/people/{id}/day-of-release).
#include "domain/catalogue.hpp"
#include "services/release/release_day.hpp"
#include "web/api_support.hpp"
#include "web/failures.hpp"
#include "web/people/views.hpp"
#include "web/responsibility/views.hpp"
#include "web/routes.hpp"

namespace resettle::web {

namespace {

std::string release_day_href(std::int64_t person_id) { return person_href(person_id) + "/day-of-release"; }

// The days the rules allow, as radios: the presumed day for everyone who may decide, and the second
// day for a manager, who approves it.
View day_choices(const services::ReleaseDay& release_day, const FormState& form) {
  const auto& adjustment = release_day.adjustment;
  auto chosen = form.values.contains("decided_date") ? form.values.at("decided_date") : "";
  auto items = View::list();
  auto add = [&](const std::optional<Date>& day, std::string hint) {
    if (!day) return;
    items.push_back({{"value", to_iso(*day)}, {"text", to_long_date(*day)}, {"hint", std::move(hint)},
                     {"checked", chosen == to_iso(*day)}});
  };
  add(adjustment.presumed_date, "The policy's earlier day: 1 working day before the due date (2 for children)");
  add(adjustment.com_request_date, "A second day, as the community offender manager asked: you approve it");
  return form_field(form, "decided_date", staff_text("Day of release"),
                    {{"legend", staff_text("Which day do they leave?")}, {"items", std::move(items)}});
}

View history_rows(const std::vector<ReleaseDayDecision>& history) {
  auto rows = View::list();
  for (const auto& decision : history) {
    auto who = decision.requested_by_name.empty()
                   ? decision.decided_by_name
                   : staff_text("((name)), at the request of ((requester))",
                                {{"name", decision.decided_by_name}, {"requester", decision.requested_by_name}});
    rows.push_back({{"cells", {{{"text", to_long_date(decision.decided_date)}},
                               {{"text", std::string{entry_for(release_day_choices(), decision.choice).label}}},
                               {{"text", who}},
                               {{"text", to_long_date(parse_iso_date(std::string_view{decision.decided_at}.substr(0, 10)))}}}}});
  }
  return {{"caption", staff_text("Decisions, newest first")},
          {"head", {{{"text", staff_text("Day of release")}}, {{"text", staff_text("Choice")}}, {{"text", staff_text("Decided by")}}, {{"text", staff_text("On")}}}},
          {"rows", std::move(rows)}};
}

Response decide_page(WebContext& context, const Caller& caller, std::int64_t person_id, const FormState& form) {
  auto shown = services::release_day_to_decide(context.store, context.bank_holidays, caller.staff, person_id, context.clock.today());
  auto view = page_view(caller, staff_text("Day of release"), "");
  add_errors(view, form);
  view["person"] = {{"name", shown.person.full_name()}, {"href", person_href(person_id)}};
  view["action"] = release_day_href(person_id);
  view["approves"] = shown.approves;
  if (const auto& release_day = shown.release_day) {
    const auto& adjustment = release_day->adjustment;
    view["day"] = to_long_date(release_day->day);
    view["due_date"] = to_long_date(adjustment.due_date);
    view["flag_label"] = entry_for(release_day_flags(), adjustment.flag).label;
    view["decided"] = release_day->decision.has_value();
    view["may_decide"] = shown.may_decide;
    view["fields"] = {{"decided_date", day_choices(*release_day, form)}};
    view["has_history"] = !release_day->history.empty();
    view["history"] = history_rows(release_day->history);
  }
  return render_page(context, form.errors.empty() ? 200 : 422, "responsibility/release_day", view);
}

Response decide(WebContext& context, Request& request, const Caller& caller) {
  auto person_id = id_param(request, "id");
  auto form = submitted_form(request);
  form.errors = errors_from([&] {
    services::record_release_day_decision(context.store, context.clock, context.bank_holidays, caller.staff, person_id,
                                          form.values);
  }, "decided_date");
  if (form.errors.empty()) return Response::redirect(person_href(person_id));
  return decide_page(context, caller, person_id, form);
}

Response decide_api(WebContext& context, Request& request, const Caller& caller) {
  auto fields = fields_from_json(parse_body(request), {{"decided_date", ""}});
  auto decision = services::record_release_day_decision(context.store, context.clock, context.bank_holidays, caller.staff,
                                                        id_param(request, "id"), fields);
  return json_response(201, release_day_decision_json(decision));
}

}  // namespace

void add_release_day_routes(Router& router, WebContext& context) {
  router.get("/people/{id}/day-of-release", page(context, [&](Request& r, const Caller& c) {
               return decide_page(context, c, id_param(r, "id"), {});
             }));
  router.post("/people/{id}/day-of-release", page(context, [&](Request& r, const Caller& c) { return decide(context, r, c); }));
  router.add("POST", "/api/v1/people/{id}/day-of-release",
             api(context, [&](Request& r, const Caller& c) { return decide_api(context, r, c); }));
}

}  // namespace resettle::web
