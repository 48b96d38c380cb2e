// A person's booking under /api/v1 (described in openapi.json): read and recorded whole, with every
// key date worked out from it; and the release date changes the nightly refresh found.
#include "domain/release_dates/booking_json.hpp"
#include "services/release_dates/bookings.hpp"
#include "web/api_support.hpp"
#include "web/routes.hpp"

namespace resettle::web {

namespace {
nlohmann::json booking_view_json(const services::BookingView& view) {
  auto json = booking_json(view.recorded);
  auto person = std::to_string(view.person.id);
  json["person_id"] = view.person.id;
  json["version"] = view.booking.version;
  json["key_dates"] = key_dates_json(view.calculation);
  json["effective_sentence_length"] = effective_sentence_length_json(view.calculation);
  json["links"] = {{"self", "/api/v1/people/" + person + "/booking"}, {"person", "/api/v1/people/" + person}};
  return json;
}

nlohmann::json key_date_json(const std::optional<KeyDate>& date) {
  if (!date) return nullptr;
  const auto& rule = entry_for(key_date_rules(), date->rule);
  return {{"date", to_iso(date->date)}, {"rule_code", rule.code}, {"rule", rule.label}};
}

nlohmann::json change_json(const store::KeyDateChangeEntry& entry) {
  const auto& change = entry.change;
  return {{"id", change.id},
          {"person_id", change.person_id},
          {"person_name", entry.person_name},
          {"key_date", entry_for(key_date_kinds(), change.kind).code},
          {"from", key_date_json(change.before)},
          {"to", key_date_json(change.after)},
          {"found_on", to_iso(change.found_on)}};
}

Response get_booking(WebContext& context, Request& request, const Caller& caller) {
  auto view = services::view_booking(context.store, caller.staff, id_param(request, "id"), context.clock.today());
  return record_response(200, booking_view_json(view), view.booking.version);
}

Response put_booking(WebContext& context, Request& request, const Caller& caller) {
  auto version = if_match_version(request);
  if (!version) return precondition_required();
  auto view = services::record_booking(context.store, context.clock, caller.staff, id_param(request, "id"),
                                       parse_body(request), *version);
  return record_response(200, booking_view_json(view), view.booking.version);
}

// Takes one sentence out of the booking (kept on record), at the booking's version in If-Match.
Response take_out(WebContext& context, Request& request, const Caller& caller) {
  auto version = if_match_version(request);
  if (!version) return precondition_required();
  auto view = services::take_out_sentence(context.store, context.clock, caller.staff, id_param(request, "id"),
                                          std::to_string(id_param(request, "sentence")), *version);
  return record_response(200, booking_view_json(view), view.booking.version);
}

// Withdraws one movement of the custody history (kept on record), at the booking's version in If-Match.
Response withdraw_movement(WebContext& context, Request& request, const Caller& caller) {
  auto version = if_match_version(request);
  if (!version) return precondition_required();
  auto view = services::withdraw_booked_movement(context.store, context.clock, caller.staff, id_param(request, "id"),
                                                 static_cast<std::size_t>(id_param(request, "number") - 1), *version);
  return record_response(200, booking_view_json(view), view.booking.version);
}

Response list_changes(WebContext& context, Request&, const Caller& caller) {
  auto items = nlohmann::json::array();
  for (const auto& entry : services::release_date_changes(context.store, caller.staff)) items.push_back(change_json(entry));
  return json_response(200, {{"items", std::move(items)}});
}

// {"change_ids": [1, 2]}: each becomes seen by the caller.
Response mark_seen(WebContext& context, Request& request, const Caller& caller) {
  auto body = parse_body(request);
  std::vector<std::int64_t> ids;
  const auto* given = body.is_object() && body.contains("change_ids") ? &body["change_ids"] : nullptr;
  if (given && !given->is_array()) throw ValidationFailed("change_ids", "must be a list of change ids");
  if (given)
    for (std::size_t i = 0; i < given->size(); ++i) {
      if (!(*given)[i].is_number_integer()) throw ValidationFailed("change_ids[" + std::to_string(i) + "]", "must be a change id");
      ids.push_back((*given)[i].get<std::int64_t>());
    }
  services::mark_release_date_changes_seen(context.store, caller.staff, ids);
  return json_response(200, {{"seen", ids.size()}});
}
}  // namespace

void add_release_dates_api(Router& router, WebContext& context) {
  auto route = [&](std::string_view method, std::string_view pattern,
                   Response (*handler)(WebContext&, Request&, const Caller&)) {
    router.add(method, pattern, api(context, [&context, handler](Request& r, const Caller& c) { return handler(context, r, c); }));
  };
  route("GET", "/api/v1/people/{id}/booking", get_booking);
  route("PUT", "/api/v1/people/{id}/booking", put_booking);
  route("POST", "/api/v1/people/{id}/booking/sentences/{sentence}/take-out", take_out);
  route("POST", "/api/v1/people/{id}/booking/movements/{number}/withdraw", withdraw_movement);
  route("GET", "/api/v1/release-date-changes", list_changes);
  route("POST", "/api/v1/release-date-changes/seen", mark_seen);
}

}  // namespace resettle::web
