// JSON API for people and sentences under /api/v1 (described in openapi.json).
#include "domain/release_dates/booking_json.hpp"
#include "services/people/case_records.hpp"
#include "services/responsibility/responsibility.hpp"
#include "web/people/views.hpp"
#include "web/routes.hpp"
#include "web/api_support.hpp"
#include "web/http/problem.hpp"

namespace resettle::web {

namespace {

Response list_people(WebContext& context, Request& request, const Caller& caller) {
  store::PersonFilter filter;
  filter.search = request.query_param("q").value_or("");
  auto page = services::list_people(context.store, caller.staff, filter, page_request(request, 50));
  return json_response(200, page_json(page, person_json, request));
}

// One person as the API answers for them alone (not in lists): with the current sentence's key dates.
nlohmann::json person_with_key_dates(WebContext& context, const Caller& caller, std::int64_t person_id, const char* what) {
  auto record = services::view_person(context.store, caller.staff, person_id, what);
  auto json = person_json(record.person);
  auto responsibility = services::case_responsibility(context.store, record, context.clock.today(), context.bank_holidays);
  json["key_dates"] = resettle::key_dates_json(responsibility.assessment.calculation);
  return json;
}

Response create_person(WebContext& context, Request& request, const Caller& caller) {
  auto fields = fields_from_json(parse_body(request), person_fields(Person{}));
  auto person = services::add_person(context.store, context.clock, caller.staff, fields);
  auto response = record_response(201, person_with_key_dates(context, caller, person.id, "api"), person.version);
  response.headers["Location"] = "/api/v1/people/" + std::to_string(person.id);
  return response;
}

Response get_person(WebContext& context, Request& request, const Caller& caller) {
  auto id = id_param(request, "id");
  auto json = person_with_key_dates(context, caller, id, "api");
  auto version = json["version"].get<std::int64_t>();
  return record_response(200, std::move(json), version);
}

Response update_person(WebContext& context, Request& request, const Caller& caller) {
  auto version = if_match_version(request);
  if (!version) return precondition_required();
  auto fields = fields_from_json(parse_body(request), person_fields(Person{}));
  auto person = services::update_person(context.store, context.clock, caller.staff, id_param(request, "id"), fields, *version);
  return record_response(200, person_with_key_dates(context, caller, person.id, "api"), person.version);
}

// A sentence with every key date under the law in force today.
nlohmann::json sentence_with_key_dates(WebContext& context, const Sentence& sentence) {
  return sentence_json(sentence, services::sentence_key_dates(context.store, sentence, context.clock.today()));
}

Response list_sentences(WebContext& context, Request& request, const Caller& caller) {
  auto record = services::view_person(context.store, caller.staff, id_param(request, "id"), "api sentences");
  auto items = nlohmann::json::array();
  for (const auto& sentence : record.sentences) items.push_back(sentence_with_key_dates(context, sentence));
  return json_response(200, {{"items", items}, {"next_cursor", nullptr}});
}

Response create_sentence(WebContext& context, Request& request, const Caller& caller) {
  auto fields = fields_from_json(parse_body(request), sentence_fields(Sentence{}));
  auto sentence = services::record_sentence(context.store, context.clock, caller.staff, id_param(request, "id"), fields);
  auto response = record_response(201, sentence_with_key_dates(context, sentence), sentence.version);
  response.headers["Location"] = "/api/v1/sentences/" + std::to_string(sentence.id);
  return response;
}

Response get_sentence(WebContext& context, Request& request, const Caller& caller) {
  auto sentence = services::find_sentence(context.store, caller.staff, id_param(request, "id"));
  return record_response(200, sentence_with_key_dates(context, sentence), sentence.version);
}

Response update_sentence(WebContext& context, Request& request, const Caller& caller) {
  auto version = if_match_version(request);
  if (!version) return precondition_required();
  auto fields = fields_from_json(parse_body(request), sentence_fields(Sentence{}));
  auto sentence = services::update_sentence(context.store, context.clock, caller.staff, id_param(request, "id"), fields, *version);
  return record_response(200, sentence_with_key_dates(context, sentence), sentence.version);
}

Response timeline(WebContext& context, Request& request, const Caller& caller) {
  auto id = id_param(request, "id");
  auto timeline = services::person_timeline(context.store, caller.staff, id, page_request(request, 50));
  return json_response(200, page_json(timeline.events, event_json, request));
}

}  // namespace

void add_people_api(Router& router, WebContext& context) {
  auto route = [&](std::string_view method, std::string_view pattern,
                   Response (*handler)(WebContext&, Request&, const Caller&)) {
    router.add(method, pattern, api(context, [&context, handler](Request& r, const Caller& c) { return handler(context, r, c); }));
  };
  route("GET", "/api/v1/people", list_people);
  route("POST", "/api/v1/people", create_person);
  route("GET", "/api/v1/people/{id}", get_person);
  route("PATCH", "/api/v1/people/{id}", update_person);
  route("GET", "/api/v1/people/{id}/sentences", list_sentences);
  route("POST", "/api/v1/people/{id}/sentences", create_sentence);
  route("GET", "/api/v1/people/{id}/timeline", timeline);
  route("GET", "/api/v1/sentences/{id}", get_sentence);
  route("PATCH", "/api/v1/sentences/{id}", update_sentence);
}

}  // namespace resettle::web
