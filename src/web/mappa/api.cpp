// The JSON API of MAPPA and information sharing: the person's MAPPA record, a category and level, a
// panel referral, meetings (marked held at the version last seen, If-Match) and their actions, the
// MAPPA worklist; and the person's information sharing records and their answers.
#include "services/mappa/information_sharing.hpp"
#include "services/mappa/mappa.hpp"
#include "web/api_support.hpp"
#include "web/mappa/views.hpp"
#include "web/people/views.hpp"
#include "web/responsibility/views.hpp"
#include "web/routes.hpp"

namespace resettle::web {

namespace {

const FieldInput decision_fields{{"category", ""}, {"level", ""}, {"decided_on", ""}, {"decided_by", ""}, {"reason", ""}};
const FieldInput referral_fields{{"level", ""}, {"reason", ""}, {"referred_on", ""}};
const FieldInput meeting_fields{{"kind", ""}, {"meeting_on", ""}, {"held", ""}, {"notes", ""}};
const FieldInput held_fields{{"notes", ""}};
const FieldInput action_fields{{"description", ""}, {"owner_agency", ""}, {"owner_name", ""}, {"due_on", ""},
                               {"condition_key", ""}, {"objective_id", ""}};
const FieldInput status_fields{{"status", ""}};
const FieldInput sharing_fields{{"kind", ""},        {"agency", ""},  {"subject", ""}, {"lawful_basis", ""},
                                {"approved_by", ""}, {"sent_on", ""}, {"due_by", ""}};
const FieldInput answer_fields{{"answer", ""}, {"answered_on", ""}, {"lawful_basis", ""}, {"approved_by", ""}};

FieldInput body_fields(const Request& request, const FieldInput& allowed) {
  return fields_from_json(parse_body(request), allowed);
}

}  // namespace

void add_mappa_api(Router& router, WebContext& context) {
  auto route = [&](std::string_view method, std::string_view pattern, CallerHandler handler) {
    router.add(method, pattern, api(context, std::move(handler)));
  };
  auto& store = context.store;
  const auto& clock = context.clock;

  route("GET", "/api/v1/people/{id}/mappa", [&](Request& request, const Caller& caller) {
    return json_response(200, person_mappa_json(services::mappa_of(store, clock, caller.staff, id_param(request, "id"))));
  });
  route("POST", "/api/v1/people/{id}/mappa/decisions", [&](Request& request, const Caller& caller) {
    auto decision = services::record_mappa_decision(store, clock, caller.staff, id_param(request, "id"),
                                                    body_fields(request, decision_fields));
    return json_response(201, mappa_decision_json(decision));
  });
  route("POST", "/api/v1/people/{id}/mappa/referrals", [&](Request& request, const Caller& caller) {
    auto referral = services::refer_to_mappa_panel(store, clock, caller.staff, id_param(request, "id"),
                                                   body_fields(request, referral_fields));
    return json_response(201, mappa_referral_json(referral));
  });
  route("POST", "/api/v1/people/{id}/mappa/meetings", [&](Request& request, const Caller& caller) {
    auto meeting = services::record_mappa_meeting(store, clock, caller.staff, id_param(request, "id"),
                                                  mappa_body_fields(request, meeting_fields));
    return record_response(201, mappa_meeting_json(meeting), meeting.version);
  });
  route("GET", "/api/v1/mappa/meetings/{id}", [&](Request& request, const Caller& caller) {
    auto record = services::find_mappa_meeting(store, clock, caller.staff, id_param(request, "id"));
    return record_response(200, mappa_meeting_record_json(record), record.meeting.version);
  });
  route("POST", "/api/v1/mappa/meetings/{id}/held", [&](Request& request, const Caller& caller) {
    auto version = if_match_version(request);
    if (!version) return precondition_required();
    auto meeting = services::mark_mappa_meeting_held(store, clock, caller.staff, id_param(request, "id"),
                                                     mappa_body_fields(request, held_fields), *version);
    return record_response(200, mappa_meeting_json(meeting), meeting.version);
  });
  route("POST", "/api/v1/mappa/meetings/{id}/actions", [&](Request& request, const Caller& caller) {
    auto action = services::add_mappa_action(store, caller.staff, id_param(request, "id"), body_fields(request, action_fields));
    return record_response(201, mappa_action_json(action, clock.today()), action.version);
  });
  route("POST", "/api/v1/mappa/actions/{id}/status", [&](Request& request, const Caller& caller) {
    auto version = if_match_version(request);
    if (!version) return precondition_required();
    auto action = services::change_mappa_action(store, caller.staff, id_param(request, "id"),
                                                body_fields(request, status_fields), *version);
    return record_response(200, mappa_action_json(action, clock.today()), action.version);
  });
  route("GET", "/api/v1/worklists/mappa", [&](Request& request, const Caller& caller) {
    auto page = services::mappa_worklist(store, clock, caller.staff, worklist_request(request));
    return json_response(200, page_json(page, mappa_worklist_item_json, request));
  });

  route("GET", "/api/v1/people/{id}/information-sharing", [&](Request& request, const Caller& caller) {
    return json_response(200, person_sharing_json(services::sharing_of(store, clock, caller.staff, id_param(request, "id"))));
  });
  route("POST", "/api/v1/people/{id}/information-sharing", [&](Request& request, const Caller& caller) {
    auto record = services::record_sharing(store, clock, caller.staff, id_param(request, "id"),
                                           body_fields(request, sharing_fields));
    return record_response(201, sharing_record_json(record, clock.today()), record.version);
  });
  route("GET", "/api/v1/information-sharing/{id}", [&](Request& request, const Caller& caller) {
    auto view = services::find_sharing(store, clock, caller.staff, id_param(request, "id"));
    return record_response(200, sharing_record_json(view.record, clock.today()), view.record.version);
  });
  route("POST", "/api/v1/information-sharing/{id}/answer", [&](Request& request, const Caller& caller) {
    auto version = if_match_version(request);
    if (!version) return precondition_required();
    auto record = services::answer_sharing(store, clock, caller.staff, id_param(request, "id"),
                                           body_fields(request, answer_fields), *version);
    return record_response(200, sharing_record_json(record, clock.today()), record.version);
  });
}

}  // namespace resettle::web
