// The JSON API of licences and the licence conditions catalogue. Every update of a licence needs
// If-Match with its ETag (428 without), and answers with the licence as it now stands.
#include "services/licence/licences.hpp"
#include "web/api_support.hpp"
#include "web/licence/views.hpp"
#include "web/people/views.hpp"
#include "web/responsibility/views.hpp"
#include "web/routes.hpp"

namespace resettle::web {

namespace {

// A body's plain members, and the members of its objects `inputs` and `reasons` as
// "inputs.<name>" and "reasons.<key>" (the fields the licence readers take).
FieldInput licence_body(const Request& request, FieldInput allowed) {
  auto body = parse_body(request);
  FieldInput nested;
  for (const char* object : {"inputs", "reasons"}) {
    if (!body.is_object() || !body.contains(object)) continue;
    const auto& members = body[object];
    if (!members.is_object()) throw ValidationFailed(object, "must be an object of text values");
    for (const auto& [name, value] : members.items()) {
      if (!value.is_string() && !value.is_null())
        throw ValidationFailed(std::string{object} + "." + name, "must be text");
      nested[std::string{object} + "." + name] = value.is_null() ? "" : value.get<std::string>();
    }
    body.erase(object);
  }
  auto fields = fields_from_json(body, allowed);
  fields.merge(nested);
  return fields;
}

const FieldInput condition_fields{{"kind", ""},   {"code", ""},
                                  {"purpose", ""}, {"reason", ""},
                                  {"bespoke_wording", ""}, {"bespoke_explanation_en", ""},
                                  {"bespoke_explanation_cy", ""}};
const FieldInput submit_fields{{"senior_probation_officer_discussed", ""}, {"victim_liaison_officer_consulted", ""}};
const FieldInput decision_fields{{"decision", ""}, {"return_reason", ""}};
const FieldInput activate_fields{{"released_on", ""}};
const FieldInput understanding_fields{{"understood", ""}, {"notes", ""}};
const FieldInput induction_fields{{"on", ""}, {"starts_at", ""}, {"ends_at", ""}, {"office_code", ""}, {"notes", ""}};

int key_param(const Request& request) {
  auto key = id_param(request, "key");
  if (key > 1'000'000) throw NotFound("no such condition");
  return static_cast<int>(key);
}

Response licence_response(WebContext& context, const Caller& caller, std::int64_t licence_id, int status) {
  auto record = services::find_licence(context.store, caller.staff, licence_id);
  const auto& catalogue = context.licence_conditions.version(record.licence.policy_version);
  return record_response(status, licence_json(record.licence, catalogue, record.changes), record.licence.version);
}

// An update: 428 without If-Match, else `change` with the version and the licence after it.
template <typename Change>
Response update(WebContext& context, Request& request, const Caller& caller, Change change) {
  auto version = if_match_version(request);
  if (!version) return precondition_required();
  auto id = id_param(request, "id");
  change(id, *version);
  return licence_response(context, caller, id, 200);
}

nlohmann::json due_json(const services::LicenceWorklistRow& due) {
  return {{"person_id", due.row.person.id},
          {"name", due.row.person.full_name()},
          {"prison_code", due.row.prison_code},
          {"pdu_code", due.row.pdu_code},
          {"release_date", due.row.date ? nlohmann::json(to_iso(*due.row.date)) : nlohmann::json(nullptr)},
          {"status", due.status ? nlohmann::json(entry_for(licence_statuses(), *due.status).code) : nlohmann::json(nullptr)},
          {"warning", entry_for(licence_warnings(), due.warning).code}};
}

// A person on the worklist of licences still to go through, by the date they were due out.
nlohmann::json released_json(const store::WorklistRow& row) {
  return {{"person_id", row.person.id},
          {"name", row.person.full_name()},
          {"pdu_code", row.pdu_code},
          {"release_date", row.date ? nlohmann::json(to_iso(*row.date)) : nlohmann::json(nullptr)}};
}

}  // namespace

void add_licence_api(Router& router, WebContext& context) {
  auto route = [&](std::string_view method, std::string_view pattern, CallerHandler handler) {
    router.add(method, pattern, api(context, std::move(handler)));
  };
  auto& store = context.store;
  const auto& clock = context.clock;
  const auto& catalogues = context.licence_conditions;

  route("GET", "/api/v1/licence-conditions", [&](Request&, const Caller&) {
    auto versions = nlohmann::json::array();
    for (const auto& catalogue : catalogues.versions()) versions.push_back(catalogue_summary_json(catalogue));
    return json_response(200, {{"items", versions}, {"in_force", catalogues.in_force_on(clock.today()).version}});
  });
  route("GET", "/api/v1/licence-conditions/{version}", [&](Request& request, const Caller&) {
    return json_response(200, catalogue_json(catalogues.version(request.path_params.at("version"))));
  });
  route("GET", "/api/v1/people/{id}/licences", [&](Request& request, const Caller& caller) {
    auto overview = services::licence_overview(store, clock, context.bank_holidays, caller.staff, id_param(request, "id"));
    return json_response(200, licence_overview_json(overview, catalogues));
  });
  route("POST", "/api/v1/people/{id}/licences", [&](Request& request, const Caller& caller) {
    auto licence = services::start_licence(store, clock, catalogues, caller.staff, id_param(request, "id"));
    return licence_response(context, caller, licence.id, 201);
  });
  route("GET", "/api/v1/licences/{id}", [&](Request& request, const Caller& caller) {
    return licence_response(context, caller, id_param(request, "id"), 200);
  });
  route("POST", "/api/v1/licences/{id}/conditions", [&](Request& request, const Caller& caller) {
    return update(context, request, caller, [&](std::int64_t id, std::int64_t version) {
      services::add_licence_condition(store, clock, catalogues, caller.staff, id, licence_body(request, condition_fields), version);
    });
  });
  route("PUT", "/api/v1/licences/{id}/conditions/{key}", [&](Request& request, const Caller& caller) {
    return update(context, request, caller, [&](std::int64_t id, std::int64_t version) {
      services::change_licence_condition(store, clock, catalogues, caller.staff, id, key_param(request),
                                         licence_body(request, condition_fields), version);
    });
  });
  route("POST", "/api/v1/licences/{id}/conditions/{key}/remove", [&](Request& request, const Caller& caller) {
    return update(context, request, caller, [&](std::int64_t id, std::int64_t version) {
      services::remove_licence_condition(store, clock, caller.staff, id, key_param(request), version);
    });
  });
  route("POST", "/api/v1/licences/{id}/conditions/{key}/understanding", [&](Request& request, const Caller& caller) {
    return update(context, request, caller, [&](std::int64_t id, std::int64_t version) {
      services::record_condition_understanding(store, clock, caller.staff, id, key_param(request),
                                               licence_body(request, understanding_fields), version);
    });
  });
  route("POST", "/api/v1/licences/{id}/submit", [&](Request& request, const Caller& caller) {
    return update(context, request, caller, [&](std::int64_t id, std::int64_t version) {
      services::submit_licence(store, clock, caller.staff, id, licence_body(request, submit_fields), version);
    });
  });
  route("POST", "/api/v1/licences/{id}/decision", [&](Request& request, const Caller& caller) {
    return update(context, request, caller, [&](std::int64_t id, std::int64_t version) {
      services::decide_licence(store, clock, caller.staff, id, licence_body(request, decision_fields), version);
    });
  });
  route("POST", "/api/v1/licences/{id}/activate", [&](Request& request, const Caller& caller) {
    return update(context, request, caller, [&](std::int64_t id, std::int64_t version) {
      services::activate_licence(store, clock, caller.staff, id, licence_body(request, activate_fields), version);
    });
  });
  route("POST", "/api/v1/licences/{id}/acknowledgement", [&](Request& request, const Caller& caller) {
    return update(context, request, caller, [&](std::int64_t id, std::int64_t version) {
      services::record_acknowledgement(store, clock, caller.staff, id, version);
    });
  });
  route("GET", "/api/v1/people/{id}/induction", [&](Request& request, const Caller& caller) {
    auto view = services::induction_of(store, context.bank_holidays, caller.staff, id_param(request, "id"), clock.today());
    return json_response(200, induction_view_json(view));
  });
  // A first booking needs no If-Match; changing a booked induction names its version.
  route("PUT", "/api/v1/people/{id}/induction", [&](Request& request, const Caller& caller) {
    auto person_id = id_param(request, "id");
    auto version = if_match_version(request);
    auto induction = services::book_induction(store, clock, context.bank_holidays, caller.staff, person_id,
                                              fields_from_json(parse_body(request), induction_fields), version);
    auto view = services::induction_of(store, context.bank_holidays, caller.staff, person_id, clock.today());
    return record_response(version ? 200 : 201, induction_view_json(view), induction.version);
  });
  route("GET", "/api/v1/worklists/licences-to-explain", [&](Request& request, const Caller& caller) {
    auto page = services::worklist_rows(store, caller.staff, services::DatedWorklist::licences_to_explain, clock.today(), 0,
                                        worklist_request(request));
    return json_response(200, page_json(page, &released_json, request));
  });
  route("GET", "/api/v1/worklists/licences", [&](Request& request, const Caller& caller) {
    auto page = services::licences_due(store, context.bank_holidays, caller.staff, clock.today(), worklist_request(request));
    return json_response(200, page_json(page, &due_json, request));
  });
  route("POST", "/api/v1/licences/{id}/variations", [&](Request& request, const Caller& caller) {
    auto variation = services::start_variation(store, clock, caller.staff, id_param(request, "id"));
    return licence_response(context, caller, variation.id, 201);
  });
}

}  // namespace resettle::web
