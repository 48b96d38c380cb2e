// Contact plans: the person's plan page (the plan in words, what is due, the plans before it, and the
// form to set a new one) and its JSON API, and the contact worklist's table and API.
#include "domain/catalogue.hpp"
#include "domain/staff_catalogue.hpp"
#include "services/supervision/contact_plans.hpp"
#include "web/api_support.hpp"
#include "web/failures.hpp"
#include "web/people/views.hpp"
#include "web/responsibility/views.hpp"
#include "web/routes.hpp"
#include "web/supervision/views.hpp"

namespace resettle::web {

namespace {

std::string contact_plan_href(std::int64_t person_id) { return person_href(person_id) + "/contact-plan"; }

std::string stage_field(int stage, std::string_view name) {
  return "stages[" + std::to_string(stage) + "]." + std::string{name};
}

// A stage field's label on the form: "Stage 2: for how many weeks".
std::string stage_label(int stage, std::string_view name) {
  auto number = std::to_string(stage + 1);
  return name == "every_days" ? staff_text("Stage ((stage)): every how many days", {{"stage", number}})
                              : staff_text("Stage ((stage)): for how many weeks", {{"stage", number}});
}

// Error messages as sentences that name the field as the form labels it.
FieldError labelled(FieldError error) {
  std::string label;
  for (int stage = 0; stage < contact_stages_at_most; ++stage)
    for (auto name : {"every_days", "for_weeks"})
      if (error.field == stage_field(stage, name)) label = stage_label(stage, name);
  if (error.field == "starts_on") label = staff_text("The start date");
  if (error.field == "review_on") label = staff_text("The review date");
  if (error.field == "reason") label = staff_text("The reason");
  if (!label.empty()) error.message = label + " " + error.message;
  return error;
}

std::string overdue_text(const ContactStatus& status) {
  if (!status.overdue) return staff_text("No");
  return staff_text_plural("Yes, by ((count)) day", "Yes, by ((count)) days", status.days_overdue);
}

std::string review_text(const ContactPlan& plan, const ContactStatus& status) {
  auto date = to_long_date(plan.review_on);
  return status.review_due ? staff_text("((date)) (review due)", {{"date", date}}) : date;
}

std::string decided_text(const services::PersonContactPlan& page, const ContactPlan& plan) {
  auto name = page.decided_by.find(plan.decided_by);
  return staff_text("((name)) on ((date))", {{"name", name == page.decided_by.end() ? staff_text("Unknown") : name->second},
                                            {"date", to_long_date(parse_iso_date(std::string_view{plan.decided_at}.substr(0, 10)))}});
}

View plan_summary(const services::PersonContactPlan& page) {
  const auto& plan = page.plans.front();
  const auto& status = *page.status;
  auto rows = View::list();
  rows.push_back({{"key", staff_text("How often")}, {"value", describe(plan.stages)}});
  rows.push_back({{"key", staff_text("From")}, {"value", to_long_date(plan.starts_on)}});
  rows.push_back({{"key", staff_text("Next contact due")}, {"value", to_long_date(status.next_due)}});
  rows.push_back({{"key", staff_text("Overdue")}, {"value", overdue_text(status)}});
  rows.push_back({{"key", staff_text("Last attended appointment")},
                  {"value", page.last_attended ? to_long_date(*page.last_attended) : staff_text("None yet")}});
  rows.push_back({{"key", staff_text("Review by")}, {"value", review_text(plan, status)}});
  rows.push_back({{"key", staff_text("Why")}, {"value", plan.reason}});
  rows.push_back({{"key", staff_text("Set by")}, {"value", decided_text(page, plan)}});
  return {{"rows", rows}};
}

View history_table(const services::PersonContactPlan& page) {
  auto rows = View::list();
  for (std::size_t i = 1; i < page.plans.size(); ++i) {
    const auto& plan = page.plans[i];
    rows.push_back({{"texts", {describe(plan.stages), to_long_date(plan.starts_on), to_long_date(plan.review_on), plan.reason,
                               decided_text(page, plan)}}});
  }
  return {{"caption", staff_text("Earlier plans, newest first")},
          {"head", {{{"text", staff_text("How often")}}, {{"text", staff_text("From")}}, {{"text", staff_text("Review by")}}, {{"text", staff_text("Why")}}, {{"text", staff_text("Set by")}}}},
          {"rows", rows}};
}

View plan_fields(const FormState& form) {
  auto fields = View::list();
  fields.push_back({{"date_input", date_form_field(form, "starts_on", staff_text("Plan starts on"),
                                                   {{"hint", staff_text("Usually the day of release or of the induction.")}})}});
  for (int stage = 0; stage < contact_stages_at_most; ++stage) {
    fields.push_back({{"text_input", form_field(form, stage_field(stage, "every_days"), stage_label(stage, "every_days"),
                                                {{"hint", staff_text("7 is weekly, 14 fortnightly")}, {"width", "govuk-input--width-3"}})}});
    fields.push_back({{"text_input", form_field(form, stage_field(stage, "for_weeks"), stage_label(stage, "for_weeks"),
                                                {{"hint", staff_text("Leave empty on the last stage: it lasts until the plan is reviewed")},
                                                 {"width", "govuk-input--width-3"}})}});
  }
  fields.push_back({{"textarea", form_field(form, "reason", staff_text("Why this frequency"),
                                            {{"hint", staff_text("Risk, need, or the person's progress")}, {"rows", 3}})}});
  fields.push_back({{"date_input", date_form_field(form, "review_on", staff_text("Review by"))}});
  return fields;
}

Response contact_plan_page(WebContext& context, const Caller& caller, std::int64_t person_id, const FormState& form) {
  auto page = services::contact_plan_of(context.store, context.clock, caller.staff, person_id);
  auto view = page_view(caller, staff_text("Contact plan"), "");
  add_errors(view, form);
  view["person"] = {{"name", page.person.full_name()}, {"href", person_href(person_id)}};
  view["appointments_href"] = person_href(person_id) + "/appointments";
  if (!page.plans.empty()) view["plan"] = plan_summary(page);
  if (page.plans.size() > 1) view["history"] = history_table(page);
  if (page.may_change)
    view["form"] = {{"action", contact_plan_href(person_id)},
                    {"version", page.version},
                    {"heading", page.plans.empty() ? staff_text("Set a contact plan") : staff_text("Set a new contact plan")},
                    {"fields", plan_fields(form)}};
  return render_page(context, form.errors.empty() ? 200 : 422, "supervision/contact_plan", view);
}

Response save_contact_plan(WebContext& context, Request& request, const Caller& caller) {
  auto person_id = id_param(request, "id");
  auto form = submitted_form(request);
  auto version = take_submitted_version(form.values);
  form.errors = errors_from([&] {
    services::set_contact_plan(context.store, context.clock, caller.staff, person_id, form.values, version);
  });
  if (form.errors.empty()) return Response::redirect(contact_plan_href(person_id));
  std::ranges::transform(form.errors, form.errors.begin(), labelled);
  return contact_plan_page(context, caller, person_id, form);
}

// A JSON plan's stages ([{"every_days": 7, "for_weeks": 4}, {"every_days": 14}]) as the form's
// stages[N].every_days and stages[N].for_weeks fields the reader takes; the other fields as sent.
FieldInput contact_plan_body(const Request& request) {
  static const FieldInput plan_fields{{"starts_on", ""}, {"reason", ""}, {"review_on", ""}};
  static const FieldInput stage_fields{{"every_days", ""}, {"for_weeks", ""}};
  auto body = parse_body(request);
  FieldInput stages;
  if (body.is_object() && body.contains("stages")) {
    if (!body["stages"].is_array()) throw ValidationFailed("stages", staff_text("must be a list of stages"));
    for (std::size_t i = 0; i < body["stages"].size(); ++i) {
      auto stage = stage_field(static_cast<int>(i), "every_days");
      if (!body["stages"][i].is_object()) throw ValidationFailed(stage, staff_text("must be a stage: { every_days, for_weeks }"));
      for (auto& [name, value] : fields_from_json(body["stages"][i], stage_fields))
        stages[stage_field(static_cast<int>(i), name)] = value;
    }
    body.erase("stages");
  }
  auto fields = fields_from_json(body, plan_fields);
  fields.merge(stages);
  return fields;
}

}  // namespace

View contact_worklist_table(const std::vector<services::ContactWorklistItem>& items, const services::PlaceNames& places) {
  auto rows = View::list_with_room(items.size());
  for (const auto& item : items) {
    const auto& row = item.row;
    const auto& code = row.prison_code.empty() ? row.pdu_code : row.prison_code;
    auto place = places.find(code);
    rows.push_back(linked_row(row.person.full_name(), contact_plan_href(row.person.id),
                              {row.person.prison_number.empty() ? row.person.crn : row.person.prison_number,
                               place == places.end() ? code : place->second, to_long_date(item.status.next_due),
                               item.status.overdue ? std::to_string(item.status.days_overdue) : staff_text("Not overdue")},
                              review_text(row.plan, item.status)));
  }
  bool empty = items.empty();
  return {{"caption", staff_text("Contact overdue and reviews due")},
          {"head", {{{"text", staff_text("Name")}}, {{"text", staff_text("Number")}}, {{"text", staff_text("Prison or PDU")}}, {{"text", staff_text("Next contact due")}},
                    {{"text", staff_text("Days overdue")}}, {{"text", staff_text("Review by")}}}},
          {"rows", std::move(rows)},
          {"empty", empty}};
}

void add_contact_plan_routes(Router& router, WebContext& context) {
  router.get("/people/{id}/contact-plan", page(context, [&](Request& r, const Caller& c) {
               return contact_plan_page(context, c, id_param(r, "id"), {});
             }));
  router.post("/people/{id}/contact-plan", page(context, [&](Request& r, const Caller& c) {
                return save_contact_plan(context, r, c);
              }));
  auto route = [&](std::string_view method, std::string_view pattern, CallerHandler handler) {
    router.add(method, pattern, api(context, std::move(handler)));
  };
  route("GET", "/api/v1/people/{id}/contact-plan", [&](Request& request, const Caller& caller) {
    auto page = services::contact_plan_of(context.store, context.clock, caller.staff, id_param(request, "id"));
    return record_response(200, person_contact_plan_json(page), page.version);
  });
  // The first plan needs no If-Match; a new plan names the version it supersedes.
  route("PUT", "/api/v1/people/{id}/contact-plan", [&](Request& request, const Caller& caller) {
    auto id = id_param(request, "id");
    auto version = if_match_version(request);
    services::set_contact_plan(context.store, context.clock, caller.staff, id, contact_plan_body(request), version.value_or(0));
    auto page = services::contact_plan_of(context.store, context.clock, caller.staff, id);
    return record_response(version ? 200 : 201, person_contact_plan_json(page), page.version);
  });
  route("GET", "/api/v1/worklists/contact", [&](Request& request, const Caller& caller) {
    auto page = services::contact_worklist(context.store, context.clock, caller.staff, worklist_request(request));
    return json_response(200, page_json(page, contact_worklist_item_json, request));
  });
}

}  // namespace resettle::web
