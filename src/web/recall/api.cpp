// The JSON API of recall: a person's considerations, starting one, the recommendation and the
// manager's decision and the return to custody (each at the version the client last saw, If-Match).
#include "services/recall/recalls.hpp"
#include "web/api_support.hpp"
#include "web/people/views.hpp"
#include "web/recall/views.hpp"
#include "web/routes.hpp"

namespace resettle::web {

namespace {

const FieldInput consideration_fields{{"trigger", ""}, {"risk_change", ""}, {"conditions_breached", ""}, {"alternatives_tried", ""}};
const FieldInput recommendation_fields{{"recommendation", ""}, {"recommendation_reasons", ""}};
const FieldInput decision_fields{{"decision", ""}, {"rationale", ""}, {"exclusions", ""}};
const FieldInput return_fields{{"returned_on", ""}, {"prison_code", ""}};
const std::string_view list_fields[] = {"conditions_breached", "alternatives_tried", "exclusions"};

// A body whose lists of codes are JSON arrays of text, as the comma-separated fields the rules read.
FieldInput body_fields(const Request& request, const FieldInput& allowed) {
  auto body = parse_body(request);
  if (!body.is_object()) throw ValidationFailed("body", "must be a JSON object");
  for (auto name : list_fields) {
    auto list = body.find(name);
    if (list == body.end() || !list->is_array()) continue;
    std::string joined;
    for (const auto& code : *list) {
      if (!code.is_string()) throw ValidationFailed(std::string{name}, "must be a list of codes");
      joined += (joined.empty() ? "" : ",") + code.get<std::string>();
    }
    *list = joined;
  }
  return fields_from_json(body, allowed);
}

}  // namespace

void add_recall_api(Router& router, WebContext& context) {
  auto route = [&](std::string_view method, std::string_view pattern, CallerHandler handler) {
    router.add(method, pattern, api(context, std::move(handler)));
  };
  auto& store = context.store;
  const auto& clock = context.clock;
  // A change to a consideration names the version the client last saw.
  auto change = [&](auto step, const FieldInput& allowed) {
    return [&store, &clock, step, allowed](Request& request, const Caller& caller) {
      auto version = if_match_version(request);
      if (!version) return precondition_required();
      auto recall = step(store, clock, caller.staff, id_param(request, "id"), body_fields(request, allowed), *version);
      return record_response(200, recall_json(recall), recall.version);
    };
  };

  route("GET", "/api/v1/people/{id}/recalls", [&](Request& request, const Caller& caller) {
    return json_response(200, person_recalls_json(services::recalls_of(store, caller.staff, id_param(request, "id"))));
  });
  route("POST", "/api/v1/people/{id}/recalls", [&](Request& request, const Caller& caller) {
    auto recall = services::start_recall(store, clock, caller.staff, id_param(request, "id"), body_fields(request, consideration_fields));
    return record_response(201, recall_json(recall), recall.version);
  });
  route("GET", "/api/v1/recalls/{id}", [&](Request& request, const Caller& caller) {
    auto record = services::find_recall(store, context.licence_conditions, caller.staff, id_param(request, "id"));
    return record_response(200, recall_json(record.recall), record.recall.version);
  });
  route("POST", "/api/v1/recalls/{id}/recommendation", change(&services::recommend, recommendation_fields));
  route("POST", "/api/v1/recalls/{id}/decision", change(&services::decide, decision_fields));
  route("POST", "/api/v1/recalls/{id}/return-to-custody", change(&services::record_return, return_fields));
}

}  // namespace resettle::web
