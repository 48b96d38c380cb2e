// The JSON API of insight: a scope's measures over a period (as the page shows them), and a person's
// equality facts, read and recorded (at the version the client last saw, If-Match; 0 before any).
#include "services/insight/insight.hpp"
#include "web/api_support.hpp"
#include "web/insight/views.hpp"
#include "web/people/views.hpp"
#include "web/routes.hpp"

namespace resettle::web {

namespace {

// Every field read_equality_facts reads; "consent" may come as JSON true.
FieldInput equality_body(const Request& request) {
  auto body = parse_body(request);
  if (!body.is_object()) throw ValidationFailed("body", "must be a JSON object");
  if (auto consent = body.find("consent"); consent != body.end() && consent->is_boolean())
    *consent = consent->get<bool>() ? "yes" : "no";
  FieldInput allowed{{"consent", ""}, {"consent_given_on", ""}};
  for (const auto& entry : characteristics())
    if (is_asked(entry.value)) allowed[std::string{entry.code}] = "";
  return fields_from_json(body, allowed);
}

}  // namespace

void add_insight_api(Router& router, WebContext& context, const DisclosureRules& rules) {
  auto& memo = insight_memo();
  auto& store = context.store;
  const auto& clock = context.clock;
  router.add("GET", "/api/v1/insight", api(context, [&store, &clock, rules, &memo](Request& request, const Caller& caller) {
               FieldInput query;
               for (const auto& [name, value] : request.query) query[name] = value;
               return json_response(200, insight_json(services::insight_report(store, clock, caller.staff, query, rules, memo)));
             }));
  router.add("GET", "/api/v1/insight/cases", api(context, [&store, &clock, rules, &memo](Request& request, const Caller& caller) {
               FieldInput query;
               for (const auto& [name, value] : request.query) query[name] = value;
               return json_response(200, insight_cases_json(services::insight_cases(store, clock, caller.staff, query, rules, memo)));
             }));
  router.add("GET", "/api/v1/people/{id}/equality-facts", api(context, [&store](Request& request, const Caller& caller) {
               auto record = services::equality_facts_of(store, caller.staff, id_param(request, "id"));
               return record_response(200, equality_facts_json(record), record.facts ? record.facts->version : 0);
             }));
  router.add("PUT", "/api/v1/people/{id}/equality-facts", api(context, [&store, &clock](Request& request, const Caller& caller) {
               auto version = if_match_version(request);
               if (!version) return precondition_required();
               auto person_id = id_param(request, "id");
               services::record_equality_facts(store, clock, caller.staff, person_id, equality_body(request), *version);
               auto record = services::equality_facts_of(store, caller.staff, person_id);
               return record_response(200, equality_facts_json(record), record.facts->version);
             }));
}

}  // namespace resettle::web
