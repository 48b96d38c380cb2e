// The JSON API of supervision: appointments (booked one at a time or as a series, moved, with warnings
// to confirm, or cancelled), their outcomes, the officer's diary, the person's contact details and their messages.
#include "services/supervision/appointments.hpp"
#include "services/messages/messages.hpp"
#include "web/api_support.hpp"
#include "web/http/problem.hpp"
#include "web/people/views.hpp"
#include "web/routes.hpp"
#include "web/supervision/views.hpp"

namespace resettle::web {

namespace {

const FieldInput booking_fields{{"type", ""},   {"on", ""},     {"starts_at", ""}, {"ends_at", ""},   {"office_code", ""},
                                {"notes", ""}, {"repeat", ""}, {"until", ""},     {"exceptions", ""}, {"confirm_warnings", ""},
                                {"joint_with", ""}};
const FieldInput move_fields{{"on", ""}, {"starts_at", ""}, {"ends_at", ""}, {"office_code", ""}, {"confirm_warnings", ""}};
const FieldInput outcome_fields{{"outcome", ""}, {"reason", ""}};
const FieldInput cancellation_fields{{"reason", ""}};
const FieldInput contact_fields{{"channel", ""},     {"language", ""},      {"mobile", ""},        {"email", ""},
                                {"work.monday", ""}, {"work.tuesday", ""},  {"work.wednesday", ""}, {"work.thursday", ""},
                                {"work.friday", ""}, {"work.saturday", ""}, {"work.sunday", ""}};

// A JSON body's `work` object ({"monday": "09:00-17:00"}) as the work.<day> fields the reader takes.
FieldInput contact_body(const Request& request) {
  auto body = parse_body(request);
  FieldInput work;
  if (body.is_object() && body.contains("work")) {
    if (!body["work"].is_object()) throw ValidationFailed("work", "must be an object of days and hours");
    for (const auto& [day, hours] : body["work"].items()) {
      if (!hours.is_string()) throw ValidationFailed("work." + day, "must be text like 09:00-17:00");
      work["work." + day] = hours.get<std::string>();
    }
    body.erase("work");
  }
  auto fields = fields_from_json(body, contact_fields);
  for (auto& [name, value] : work) {
    if (!contact_fields.contains(name)) throw ValidationFailed(name, "is not a day of the week");
    fields[name] = value;
  }
  return fields;
}

nlohmann::json warnings_json(const std::vector<BookingWarning>& warnings) {
  auto items = nlohmann::json::array();
  for (const auto& warning : warnings) items.push_back(warning_json(warning));
  return items;
}

Response booked_response(const services::Booking& booking) {
  auto booked = nlohmann::json::array();
  for (const auto& appointment : booking.booked) booked.push_back(appointment_json(appointment));
  return json_response(201, {{"appointments", booked}, {"warnings", warnings_json(booking.warnings)}});
}

// Warnings not yet confirmed: 409 naming each, so the client can show them and send confirm_warnings.
Response unconfirmed(const std::vector<BookingWarning>& warnings, const std::string& what) {
  std::vector<FieldError> errors;
  for (const auto& warning : warnings) errors.push_back({"confirm_warnings", warning.message});
  return problem(409, "The " + what + " has warnings",
                 "Nothing was written: check the warnings and send the " + what + " again with confirm_warnings true",
                 errors);
}

// Whether the body confirms the warnings, taken out of the fields the service reads.
bool take_confirmation(FieldInput& fields) {
  bool confirmed = fields["confirm_warnings"] == "true";
  fields.erase("confirm_warnings");
  return confirmed;
}

}  // namespace

void add_supervision_api(Router& router, WebContext& context) {
  auto route = [&](std::string_view method, std::string_view pattern, CallerHandler handler) {
    router.add(method, pattern, api(context, std::move(handler)));
  };
  auto& store = context.store;
  const auto& clock = context.clock;
  const auto& holidays = context.bank_holidays;

  route("GET", "/api/v1/people/{id}/appointments", [&](Request& request, const Caller& caller) {
    return json_response(200, person_appointments_json(services::appointments_of(store, clock, holidays, caller.staff,
                                                                                  id_param(request, "id"))));
  });
  route("POST", "/api/v1/people/{id}/appointments", [&](Request& request, const Caller& caller) {
    auto fields = fields_from_json(parse_body(request), booking_fields);
    bool confirmed = take_confirmation(fields);
    auto booking = services::book_appointments(store, clock, holidays, caller.staff, id_param(request, "id"), fields, confirmed);
    return booking.booked.empty() ? unconfirmed(booking.warnings, "booking") : booked_response(booking);
  });
  route("GET", "/api/v1/appointments/{id}", [&](Request& request, const Caller& caller) {
    auto record = services::find_appointment(store, clock, caller.staff, id_param(request, "id"));
    return record_response(200, appointment_record_json(record), record.appointment.version);
  });
  route("PATCH", "/api/v1/appointments/{id}", [&](Request& request, const Caller& caller) {
    auto version = if_match_version(request);
    if (!version) return precondition_required();
    auto fields = fields_from_json(parse_body(request), move_fields);
    bool confirmed = take_confirmation(fields);
    auto move = services::move_appointment(store, clock, holidays, caller.staff, id_param(request, "id"), fields, *version,
                                           confirmed);
    if (!move.moved) return unconfirmed(move.warnings, "change");
    auto body = appointment_json(*move.moved);
    body["warnings"] = warnings_json(move.warnings);
    return record_response(200, body, move.moved->version);
  });
  route("POST", "/api/v1/appointments/{id}/cancellation", [&](Request& request, const Caller& caller) {
    auto version = if_match_version(request);
    if (!version) return precondition_required();
    auto cancelled = services::cancel_appointment(store, clock, caller.staff, id_param(request, "id"),
                                                  fields_from_json(parse_body(request), cancellation_fields), *version);
    return record_response(200, appointment_json(cancelled), cancelled.version);
  });
  route("POST", "/api/v1/appointments/{id}/outcome", [&](Request& request, const Caller& caller) {
    auto recorded = services::record_outcome(store, clock, holidays, caller.staff, id_param(request, "id"),
                                             fields_from_json(parse_body(request), outcome_fields));
    auto body = outcome_json(recorded.decision);
    body["failures_in_12_months"] = recorded.failures_in_12_months;
    body["enforcement"] = entry_for(enforcement_steps(), recorded.step).code;
    body["warning_message_id"] = recorded.warning_message_id ? nlohmann::json(*recorded.warning_message_id) : nlohmann::json(nullptr);
    return json_response(201, body);
  });
  route("GET", "/api/v1/diary", [&](Request& request, const Caller& caller) {
    auto from = clock.today();
    if (auto given = request.query_param("from")) {
      auto parsed = parse_iso_date(*given);
      if (!parsed) throw ValidationFailed("from", "must be a date written as YYYY-MM-DD");
      from = *parsed;
    }
    auto items = nlohmann::json::array();
    for (const auto& entry : services::diary_of(store, caller.staff, from, 14)) items.push_back(diary_entry_json(entry));
    return json_response(200, {{"from", to_iso(from)}, {"to", to_iso(add_days(from, 13))}, {"items", items}});
  });
  route("GET", "/api/v1/people/{id}/contact", [&](Request& request, const Caller& caller) {
    auto record = services::contact_of(store, caller.staff, id_param(request, "id"));
    return record_response(200, contact_json(record.contact), record.contact.version);
  });
  // The first record needs no If-Match; changing one names its version.
  route("PUT", "/api/v1/people/{id}/contact", [&](Request& request, const Caller& caller) {
    auto version = if_match_version(request);
    auto contact = services::update_contact(store, caller.staff, id_param(request, "id"), contact_body(request), version.value_or(0));
    return record_response(version ? 200 : 201, contact_json(contact), contact.version);
  });
  route("GET", "/api/v1/people/{id}/messages", [&](Request& request, const Caller& caller) {
    auto page = services::outbox_messages(store, caller.staff, id_param(request, "id"), page_request(request, 50));
    return json_response(200, page_json(page, &message_json, request));
  });
  route("GET", "/api/v1/outbox", [&](Request& request, const Caller& caller) {
    auto page = services::outbox_messages(store, caller.staff, 0, page_request(request, 50));
    return json_response(200, page_json(page, &message_json, request));
  });
}

}  // namespace resettle::web
