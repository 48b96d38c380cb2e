// JSON API for the service directory (HSDS-style reads) and referrals, under /api/v1
// (described in openapi.json). /services and /services/{id} answer the same as the HSDS API does.
#include "services/referrals/referrals.hpp"
#include "web/api_support.hpp"
#include "web/people/views.hpp"
#include "web/routes.hpp"
#include "web/referrals/views.hpp"

namespace resettle::web {

namespace {

FieldInput query_fields(const Request& request, std::initializer_list<std::string_view> names) {
  FieldInput fields;
  for (auto name : names)
    if (auto value = request.query_param(name)) fields[std::string{name}] = *value;
  return fields;
}

Response list_services(WebContext& context, Request& request, const Caller&) {
  auto found = services::search_services(context.store, context.clock,
                                         query_fields(request, {"pathway", "area", "q", "cursor", "limit"}));
  auto items = nlohmann::json::array();
  for (const auto& listing : found.results) items.push_back(service_listing_json(found.directory, listing));
  nlohmann::json body{{"items", items}, {"next_cursor", nullptr}};
  if (found.next_cursor) {
    body["next_cursor"] = *found.next_cursor;
    body["links"] = {{"next", next_page_href(request, *found.next_cursor)}};
  }
  return json_response(200, body);
}

Response get_service(WebContext& context, Request& request, const Caller& caller) {
  auto found = services::service_to_refer_to(context.store, context.clock, caller.staff, request.path_params.at("id"));
  return json_response(200, service_listing_json(found.record, found.listing));
}

Response record_response(int status, const services::ReferralRecord& record) {
  auto response = json_response(status, referral_json(record));
  response.headers["ETag"] = "\"" + std::to_string(record.referral.version) + "\"";
  return response;
}

Response list_referrals(WebContext& context, Request& request, const Caller& caller) {
  auto items = nlohmann::json::array();
  for (const auto& record : services::person_referrals(context.store, context.clock, caller.staff, id_param(request, "id")).referrals)
    items.push_back(referral_json(record));
  return json_response(200, {{"items", items}, {"next_cursor", nullptr}});
}

Response create_referral(WebContext& context, Request& request, const Caller& caller) {
  auto fields = fields_from_json(nlohmann::json::parse(request.body), referral_request_fields());
  auto record = services::create_referral(context.store, context.clock, caller.staff, id_param(request, "id"), fields);
  auto response = record_response(201, record);
  response.headers["Location"] = "/api/v1/referrals/" + std::to_string(record.referral.id);
  return response;
}

Response get_referral(WebContext& context, Request& request, const Caller& caller) {
  return record_response(200, services::view_referral(context.store, context.clock, caller.staff, id_param(request, "rid")));
}

Response record_consent(WebContext& context, Request& request, const Caller& caller) {
  auto fields = fields_from_json(nlohmann::json::parse(request.body), {{"consent_given", ""}, {"consent_scope", ""}});
  return record_response(
      200, services::record_referral_consent(context.store, context.clock, caller.staff, id_param(request, "rid"), fields));
}

Response move(WebContext& context, Request& request, const Caller& caller) {
  auto fields = fields_from_json(nlohmann::json::parse(request.body), {{"to", ""}, {"date", ""}, {"reason", ""}, {"told_by", ""}, {"sent_by", ""}});
  return record_response(200, services::move_referral(context.store, context.clock, caller.staff, id_param(request, "rid"), fields));
}

Response partner_referrals(WebContext& context, Request&, const Caller& caller) {
  auto items = nlohmann::json::array();
  for (const auto& record : services::organisation_referrals(context.store, context.clock, caller.staff))
    items.push_back(referral_json(record));
  return json_response(200, {{"items", items}, {"next_cursor", nullptr}});
}

}  // namespace

void add_referrals_api(Router& router, WebContext& context) {
  auto route = [&](std::string_view method, std::string_view pattern,
                   Response (*handler)(WebContext&, Request&, const Caller&)) {
    router.add(method, pattern, api(context, [&context, handler](Request& r, const Caller& c) { return handler(context, r, c); }));
  };
  route("GET", "/api/v1/services", list_services);
  route("GET", "/api/v1/services/{id}", get_service);
  route("GET", "/services", list_services);
  route("GET", "/services/{id}", get_service);
  route("GET", "/api/v1/people/{id}/referrals", list_referrals);
  route("POST", "/api/v1/people/{id}/referrals", create_referral);
  route("GET", "/api/v1/referrals", partner_referrals);
  route("GET", "/api/v1/referrals/{rid}", get_referral);
  route("POST", "/api/v1/referrals/{rid}/consent", record_consent);
  route("POST", "/api/v1/referrals/{rid}/transitions", move);
}

}  // namespace resettle::web
