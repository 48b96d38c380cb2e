// JSON API for case transfers, handover meetings, handover progress, the overdue handovers
// worklist and the continuity measure, under /api/v1 (described in openapi.json). Moves on a
// transfer or a meeting need If-Match with the version last read.
#include "web/api_support.hpp"
#include "web/responsibility/views.hpp"
#include "web/people/views.hpp"
#include "web/routes.hpp"
#include "web/transfers/views.hpp"

namespace resettle::web {

namespace {

Response transfer_response(int status, const services::TransferRecord& record) {
  return record_response(status, transfer_json(record), record.transfer.version);
}

Response meeting_response(int status, const HandoverMeeting& meeting) {
  return record_response(status, meeting_json(meeting), meeting.version);
}

Response items(const nlohmann::json& list) { return json_response(200, {{"items", list}, {"next_cursor", nullptr}}); }

Response list_person_transfers(WebContext& context, Request& request, const Caller& caller) {
  auto list = nlohmann::json::array();
  for (const auto& record : services::person_transfers(context.store, context.clock, context.bank_holidays, caller.staff,
                                                       id_param(request, "id")))
    list.push_back(transfer_json(record));
  return items(list);
}

Response create_transfer(WebContext& context, Request& request, const Caller& caller) {
  auto fields = fields_from_json(parse_body(request), transfer_request_fields());
  auto record = services::request_transfer(context.store, context.clock, context.bank_holidays, caller.staff,
                                           id_param(request, "id"), fields);
  auto response = transfer_response(201, record);
  response.headers["Location"] = "/api/v1/transfers/" + std::to_string(record.transfer.id);
  return response;
}

Response list_awaiting(WebContext& context, Request&, const Caller& caller) {
  auto list = nlohmann::json::array();
  for (const auto& record : services::transfers_awaiting(context.store, context.clock, context.bank_holidays, caller.staff))
    list.push_back(transfer_json(record));
  return items(list);
}

Response get_transfer(WebContext& context, Request& request, const Caller& caller) {
  return transfer_response(
      200, services::view_transfer(context.store, context.clock, context.bank_holidays, caller.staff, id_param(request, "tid")));
}

Response acknowledge(WebContext& context, Request& request, const Caller& caller) {
  auto version = if_match_version(request);
  if (!version) return precondition_required();
  auto fields = fields_from_json(parse_body(request), {{"note", ""}});
  return transfer_response(200, services::acknowledge(context.store, context.clock, context.bank_holidays, caller.staff,
                                                      id_param(request, "tid"), fields, *version));
}

Response withdraw(WebContext& context, Request& request, const Caller& caller) {
  auto version = if_match_version(request);
  if (!version) return precondition_required();
  auto fields = fields_from_json(parse_body(request), {{"reason", ""}});
  return transfer_response(200, services::withdraw(context.store, context.clock, context.bank_holidays, caller.staff,
                                                   id_param(request, "tid"), fields, *version));
}

Response get_continuity(WebContext& context, Request& request, const Caller& caller) {
  return json_response(200, continuity_json(services::person_continuity(context.store, context.clock, caller.staff,
                                                                        id_param(request, "id"))));
}

Response get_handover(WebContext& context, Request& request, const Caller& caller) {
  return json_response(200, handover_progress_json(services::handover_progress_of(context.store, context.clock, caller.staff,
                                                                                  id_param(request, "id"))));
}

Response schedule_meeting(WebContext& context, Request& request, const Caller& caller) {
  auto fields = fields_from_json(parse_body(request), {{"scheduled_on", ""}, {"notes", ""}, {"late_reason", ""}});
  auto meeting = services::schedule_handover_meeting(context.store, context.clock, caller.staff, id_param(request, "id"), fields);
  auto response = meeting_response(201, meeting);
  response.headers["Location"] = "/api/v1/people/" + std::to_string(meeting.person_id) + "/handover";
  return response;
}

Response meeting_held(WebContext& context, Request& request, const Caller& caller) {
  auto version = if_match_version(request);
  if (!version) return precondition_required();
  auto fields = fields_from_json(parse_body(request), {{"held_on", ""}, {"person_attended", ""}, {"notes", ""}, {"late_reason", ""}});
  return meeting_response(200, services::record_handover_meeting_held(context.store, context.clock, caller.staff,
                                                                      id_param(request, "id"), fields, *version));
}

Response meeting_cancel(WebContext& context, Request& request, const Caller& caller) {
  auto version = if_match_version(request);
  if (!version) return precondition_required();
  auto fields = fields_from_json(parse_body(request), {{"reason", ""}});
  return meeting_response(200, services::cancel_handover_meeting(context.store, context.clock, caller.staff,
                                                                 id_param(request, "id"), fields, *version));
}

Response overdue(WebContext& context, Request& request, const Caller& caller) {
  auto page = services::overdue_handovers(context.store, caller.staff, context.clock.today(), worklist_request(request));
  return json_response(200, page_json(page, overdue_handover_json, request));
}

}  // namespace

void add_transfers_api(Router& router, WebContext& context) {
  auto route = [&](std::string_view method, std::string_view pattern,
                   Response (*handler)(WebContext&, Request&, const Caller&)) {
    router.add(method, pattern, api(context, [&context, handler](Request& r, const Caller& c) { return handler(context, r, c); }));
  };
  route("GET", "/api/v1/people/{id}/transfers", list_person_transfers);
  route("POST", "/api/v1/people/{id}/transfers", create_transfer);
  route("GET", "/api/v1/transfers", list_awaiting);
  route("GET", "/api/v1/transfers/{tid}", get_transfer);
  route("POST", "/api/v1/transfers/{tid}/acknowledge", acknowledge);
  route("POST", "/api/v1/transfers/{tid}/withdraw", withdraw);
  route("GET", "/api/v1/people/{id}/continuity", get_continuity);
  route("GET", "/api/v1/people/{id}/handover", get_handover);
  route("POST", "/api/v1/people/{id}/handover-meetings", schedule_meeting);
  route("POST", "/api/v1/people/{id}/handover-meeting/held", meeting_held);
  route("POST", "/api/v1/people/{id}/handover-meeting/cancel", meeting_cancel);
  route("GET", "/api/v1/worklists/overdue-handovers", overdue);
}

}  // namespace resettle::web
