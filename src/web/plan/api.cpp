// JSON API for a person's needs, plan, pre-release checklist and outcomes under
// /api/v1/people/{id}/ (described in openapi.json).
#include "web/api_support.hpp"
#include "web/people/views.hpp"
#include "web/routes.hpp"
#include "web/plan/views.hpp"

namespace resettle::web {

namespace {

std::string person_path(std::int64_t person_id) { return "/api/v1/people/" + std::to_string(person_id); }

FieldInput plain_body(const Request& request, std::initializer_list<std::string_view> names) {
  FieldInput allowed;
  for (auto name : names) allowed[std::string{name}] = "";
  return fields_from_json(parse_body(request), allowed);
}

Response list_needs(WebContext& context, Request& request, const Caller& caller) {
  auto history = services::needs_history(context.store, context.clock, caller.staff, id_param(request, "id"));
  auto items = nlohmann::json::array();
  for (const auto& assessment : history.assessments) items.push_back(needs_assessment_json(assessment));
  return json_response(200, {{"items", items}, {"next_cursor", nullptr}});
}

Response record_needs(WebContext& context, Request& request, const Caller& caller) {
  auto id = id_param(request, "id");
  auto fields = pathway_body_fields(parse_body(request), {"kind", "assessed_on", "assessed_by"}, "pathways",
                                    {"need_level", "strengths", "own_words", "source"});
  auto recorded = services::record_needs_assessment(context.store, context.clock, caller.staff, id, fields);
  auto body = needs_assessment_json(recorded.assessment);
  body["changes"] = pathway_changes_json(recorded.changes);
  body["prefilled_from"] = recorded.previous ? nlohmann::json(recorded.previous->id) : nlohmann::json();
  auto response = json_response(201, body);
  response.headers["Location"] = person_path(id) + "/needs-assessments";
  return response;
}

Response plan_response(WebContext& context, const Caller& caller, std::int64_t person_id, int status) {
  auto view = services::view_plan(context.store, context.clock, context.bank_holidays, caller.staff, person_id);
  return record_response(status, plan_json(view), view.plan.version);
}

Response get_plan(WebContext& context, Request& request, const Caller& caller) {
  return plan_response(context, caller, id_param(request, "id"), 200);
}

Response add_objective(WebContext& context, Request& request, const Caller& caller) {
  auto id = id_param(request, "id");
  auto fields = plain_body(request, {"pathway", "goal", "status"});
  services::add_objective(context.store, context.clock, caller.staff, id, fields, if_match_version(request));
  return plan_response(context, caller, id, 201);
}

Response add_action(WebContext& context, Request& request, const Caller& caller) {
  auto id = id_param(request, "id");
  auto fields = plain_body(request, {"description", "owner_kind", "owner_name", "due_date"});
  services::add_action(context.store, context.clock, caller.staff, id, id_param(request, "oid"), fields,
                       if_match_version(request));
  return plan_response(context, caller, id, 201);
}

Response change_action(WebContext& context, Request& request, const Caller& caller) {
  auto version = if_match_version(request);
  if (!version) return precondition_required();
  auto id = id_param(request, "id");
  auto fields = plain_body(request, {"status", "reason"});
  services::change_action_status(context.store, context.clock, caller.staff, id, id_param(request, "aid"), fields, version);
  return plan_response(context, caller, id, 200);
}

Response record_review(WebContext& context, Request& request, const Caller& caller) {
  auto id = id_param(request, "id");
  auto fields = plain_body(request, {"kind", "held_on", "notes"});
  services::record_review(context.store, context.clock, caller.staff, id, fields, if_match_version(request));
  return plan_response(context, caller, id, 201);
}

Response record_agreement(WebContext& context, Request& request, const Caller& caller) {
  auto id = id_param(request, "id");
  auto fields = plain_body(request, {"agreed_on", "in_their_words"});
  services::record_agreement(context.store, context.clock, caller.staff, id, fields, if_match_version(request));
  return plan_response(context, caller, id, 201);
}

Response checklist_response(WebContext& context, const Caller& caller, std::int64_t person_id) {
  auto view = services::view_checklist(context.store, context.clock, context.bank_holidays, caller.staff, person_id);
  nlohmann::json body{{"person_id", person_id},
                      {"release_date", view.release_date ? nlohmann::json(to_iso(*view.release_date)) : nlohmann::json()},
                      {"window_opens", view.window_opens ? nlohmann::json(to_iso(*view.window_opens)) : nlohmann::json()},
                      {"checklist", view.checklist ? checklist_json(view) : nlohmann::json()}};
  if (!view.checklist) return json_response(200, body);
  return record_response(200, body, view.checklist->version);
}

Response get_checklist(WebContext& context, Request& request, const Caller& caller) {
  return checklist_response(context, caller, id_param(request, "id"));
}

Response generate_checklist(WebContext& context, Request& request, const Caller& caller) {
  auto id = id_param(request, "id");
  services::generate_pre_release_checklist(context.store, context.clock, caller.staff, id);
  return checklist_response(context, caller, id);
}

ChecklistItemKind kind_param(const Request& request) {
  auto found = request.path_params.find("kind");
  auto kind = found == request.path_params.end() ? std::nullopt : parse_code(checklist_item_kinds(), found->second);
  if (!kind) throw NotFound("the checklist has no such item");
  return *kind;
}

Response update_checklist_item(WebContext& context, Request& request, const Caller& caller) {
  auto version = if_match_version(request);
  if (!version) return precondition_required();
  auto id = id_param(request, "id");
  auto fields = plain_body(request, {"status", "reason", "completed_on"});
  services::update_checklist_item(context.store, context.clock, caller.staff, id, kind_param(request), fields, version);
  return checklist_response(context, caller, id);
}

Response get_outcomes(WebContext& context, Request& request, const Caller& caller) {
  auto view = services::view_outcomes(context.store, context.clock, caller.staff, id_param(request, "id"));
  return json_response(200, outcomes_json(view));
}

Response record_outcomes(WebContext& context, Request& request, const Caller& caller) {
  auto id = id_param(request, "id");
  auto fields = pathway_body_fields(parse_body(request), {"milestone", "recorded_on"}, "outcomes", {"level", "detail"});
  auto snapshot = services::record_outcome_snapshot(context.store, context.clock, caller.staff, id, fields);
  auto response = json_response(201, outcome_snapshot_json(snapshot));
  response.headers["Location"] = person_path(id) + "/outcomes";
  return response;
}

}  // namespace

void add_plan_api(Router& router, WebContext& context) {
  auto route = [&](std::string_view method, std::string_view pattern,
                   Response (*handler)(WebContext&, Request&, const Caller&)) {
    router.add(method, pattern, api(context, [&context, handler](Request& r, const Caller& c) { return handler(context, r, c); }));
  };
  route("GET", "/api/v1/people/{id}/needs-assessments", list_needs);
  route("POST", "/api/v1/people/{id}/needs-assessments", record_needs);
  route("GET", "/api/v1/people/{id}/plan", get_plan);
  route("POST", "/api/v1/people/{id}/plan/objectives", add_objective);
  route("POST", "/api/v1/people/{id}/plan/objectives/{oid}/actions", add_action);
  route("PATCH", "/api/v1/people/{id}/plan/actions/{aid}", change_action);
  route("POST", "/api/v1/people/{id}/plan/reviews", record_review);
  route("POST", "/api/v1/people/{id}/plan/agreement", record_agreement);
  route("GET", "/api/v1/people/{id}/checklist", get_checklist);
  route("POST", "/api/v1/people/{id}/checklist", generate_checklist);
  route("PATCH", "/api/v1/people/{id}/checklist/items/{kind}", update_checklist_item);
  route("GET", "/api/v1/people/{id}/outcomes", get_outcomes);
  route("POST", "/api/v1/people/{id}/outcomes", record_outcomes);
}

}  // namespace resettle::web
