// The JSON API of the release and its release day record. Recording the release is a POST; a change
// to the record afterwards needs If-Match with its ETag (428 without).
#include "services/release/releases.hpp"
#include "web/api_support.hpp"
#include "web/people/views.hpp"
#include "web/release/views.hpp"
#include "web/routes.hpp"

namespace resettle::web {

namespace {

// Every field a release day body may carry: the release, tonight, and each provision with its detail.
FieldInput release_fields(bool with_release) {
  FieldInput allowed{{"tonight", ""}, {"address", ""}, {"medication_days", ""}};
  if (with_release) allowed.insert({{"released_on", ""}, {"released_at", ""}, {"prison_code", ""}});
  for (const auto& provision : release_provisions()) {
    allowed[std::string{provision.code}] = "";
    allowed[std::string{provision.code} + "_detail"] = "";
  }
  return allowed;
}

// The release day as it now stands, with the record's version as its ETag once there is a record.
Response release_day_response(WebContext& context, const Caller& caller, std::int64_t person_id, int status) {
  auto view = services::view_release_day(context.store, context.clock, caller.staff, person_id);
  auto body = release_day_json(view);
  if (const auto& record = view.summary.release_day) return record_response(status, body, record->version);
  return json_response(status, body);
}

}  // namespace

void add_release_api(Router& router, WebContext& context) {
  auto route = [&](std::string_view method, std::string_view pattern, CallerHandler handler) {
    router.add(method, pattern, api(context, std::move(handler)));
  };
  route("GET", "/api/v1/people/{id}/release-day", [&](Request& request, const Caller& caller) {
    return release_day_response(context, caller, id_param(request, "id"), 200);
  });
  route("POST", "/api/v1/people/{id}/release", [&](Request& request, const Caller& caller) {
    // Answered from the release's own transaction: prison staff no longer see the person once released.
    auto view = services::record_release(context.store, context.clock, caller.staff, id_param(request, "id"),
                                         fields_from_json(parse_body(request), release_fields(true)));
    return record_response(201, release_day_json(view), view.summary.release_day->version);
  });
  route("PATCH", "/api/v1/people/{id}/release-day", [&](Request& request, const Caller& caller) {
    auto version = if_match_version(request);
    if (!version) return precondition_required();
    auto person_id = id_param(request, "id");
    services::update_release_day(context.store, context.clock, caller.staff, person_id,
                                 fields_from_json(parse_body(request), release_fields(false)), *version);
    return release_day_response(context, caller, person_id, 200);
  });
}

}  // namespace resettle::web
