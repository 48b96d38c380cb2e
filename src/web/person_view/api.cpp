// The person's own data as JSON, under /api/v1/my: what happens next, their plan (with their say on
// it), appointments (with "I can't make it"), officer, licence conditions (with "I understand" or a
// question), support near them and their messages. Only a person's own API token opens these routes,
// and it opens nothing else: a staff token or a session is refused here, and a person's token is
// unknown to every staff route. Each handler is one call to the service the /my pages use, so every
// view and change is journalled as theirs are. Codes, not words, go out: an app words them itself.
#include "domain/catalogue.hpp"
#include "services/person_view/own_view.hpp"
#include "web/api_support.hpp"
#include "web/http/problem.hpp"
#include "web/people/views.hpp"
#include "web/person_view/my_pages.hpp"

namespace resettle::web {

namespace {

// Bearer tokens from the person's token page only; the token's scope decides whether it may change data.
Handler own_api(WebContext& context, PersonHandler handler) {
  return [&context, handler = std::move(handler)](Request& request) -> Response {
    auto token = bearer_token(request);
    auto caller = token ? services::person_for_api_token(context.store, context.clock, *token) : std::nullopt;
    if (!caller) {
      auto response = problem(401, "Unauthorised", "Send a bearer token made on your own account's API tokens page.");
      response.headers["WWW-Authenticate"] = "Bearer";
      return response;
    }
    if (!token_allows(caller->scope, is_unsafe(request)))
      return problem(403, "Forbidden", "This API token may only read. Make a token that may also answer to do this.");
    store::OriginScope origin{own_origin(request, "person api token", *token)};
    try {
      return handler(request, caller->signed_in);
    } catch (...) {
      return problem_answer(std::current_exception());
    }
  };
}

std::string code_of(auto table, auto value) { return std::string{entry_for(table, value).code}; }

nlohmann::json text_or_null(const std::string& text) { return text.empty() ? nlohmann::json(nullptr) : nlohmann::json(text); }

// The body's members named in `fields`, as text; no body at all is an empty object.
FieldInput body_fields(const Request& request, std::initializer_list<const char*> fields) {
  FieldInput allowed;
  for (const auto* field : fields) allowed[field] = "";
  return fields_from_json(request.body.empty() ? nlohmann::json::object() : parse_body(request), allowed);
}

// --- What happens next ---------------------------------------------------------------------------

nlohmann::json next_json(const services::WhatHappensNext& next) {
  nlohmann::json body{{"first_name", next.first_name}, {"release", nullptr}, {"next_appointment", nullptr},
                      {"contact", nullptr}};
  if (next.release_date)
    body["release"] = {{"date", to_iso(*next.release_date)},
                       {"released", next.released},
                       {"may_be_earlier", next.release_may_be_earlier}};
  if (next.next_appointment) {
    const auto& appointment = *next.next_appointment;
    body["next_appointment"] = {{"id", appointment.id},
                                {"type", code_of(appointment_types(), appointment.type)},
                                {"on", to_iso(appointment.on)},
                                {"starts_at", to_text(appointment.starts_at)},
                                {"ends_at", to_text(appointment.ends_at)},
                                {"office", next.next_appointment_office},
                                {"notes", appointment.notes}};
  }
  if (!next.officer_name.empty())
    body["contact"] = {{"officer_name", next.officer_name}, {"office", text_or_null(next.officer_office)}};
  return body;
}

// --- My plan -------------------------------------------------------------------------------------

nlohmann::json objective_json(const Plan& plan, const Objective& objective) {
  auto actions = nlohmann::json::array();
  for (const auto& action : objective.actions)
    actions.push_back({{"id", action.id},
                       {"description", action.description},
                       {"owner_kind", code_of(action_owner_kinds(), action.owner_kind)},
                       {"owner_name", text_or_null(action.owner_name)},
                       {"due", to_iso(action.due)},
                       {"status", code_of(action_statuses(), action.status)}});
  auto responses = nlohmann::json::array();
  for (const auto& response : plan.responses)
    if (response.objective_id == objective.id)
      responses.push_back({{"id", response.id},
                           {"response", code_of(plan_response_kinds(), response.kind)},
                           {"comment", response.comment},
                           {"at", services::to_iso_timestamp(response.responded_at)}});
  return {{"id", objective.id},
          {"pathway", code_of(pathways(), objective.pathway)},
          {"goal", objective.goal},
          {"status", code_of(objective_statuses(), objective.status)},
          {"actions", std::move(actions)},
          {"responses", std::move(responses)}};
}

// The plan with its version as the ETag, for If-Match on the person's responses.
Response own_plan_response(int status, const Plan& plan, bool agreement_current) {
  auto objectives = nlohmann::json::array();
  for (const auto& objective : plan.objectives) objectives.push_back(objective_json(plan, objective));
  nlohmann::json agreement = nullptr;
  if (plan.agreement)
    agreement = {{"agreed_on", to_iso(plan.agreement->agreed_on)},
                 {"in_their_words", plan.agreement->in_their_words},
                 {"current", agreement_current}};
  return record_response(status,
                         {{"plan", {{"id", plan.id},
                                    {"version", plan.version},
                                    {"started_on", to_iso(plan.started_on)},
                                    {"objectives", std::move(objectives)},
                                    {"agreement", std::move(agreement)}}}},
                         plan.version);
}

Response plan(WebContext& context, const services::PersonSignedIn& signed_in) {
  auto own = services::own_plan(context.store, signed_in);
  if (!own.plan) return json_response(200, {{"plan", nullptr}});
  return own_plan_response(200, *own.plan, own.agreement_current);
}

Response respond(WebContext& context, const Request& request, const services::PersonSignedIn& signed_in) {
  auto input = body_fields(request, {"response", "comment"});
  auto plan = services::respond_to_objective(context.store, context.clock, signed_in, id_param(request, "oid"), input,
                                             if_match_version(request));
  return own_plan_response(201, plan, agreement_is_current(plan));
}

Response agree(WebContext& context, const Request& request, const services::PersonSignedIn& signed_in) {
  auto input = body_fields(request, {"in_their_words"});
  auto plan = services::agree_to_own_plan(context.store, context.clock, signed_in, input, if_match_version(request));
  return own_plan_response(201, plan, agreement_is_current(plan));
}

// --- My appointments ------------------------------------------------------------------------------

nlohmann::json notice_json(const AbsenceNotice& notice) {
  return {{"id", notice.id},
          {"appointment_id", notice.appointment_id},
          {"reason", notice.reason},
          {"sent_at", services::to_iso_timestamp(notice.sent_at)}};
}

// What the person's page shows of an appointment: never the reason staff gave for cancelling it.
nlohmann::json own_appointment_json(const services::OwnAppointment& own) {
  const auto& appointment = own.appointment;
  auto notices = nlohmann::json::array();
  for (const auto& notice : own.notices) notices.push_back(notice_json(notice));
  return {{"id", appointment.id},
          {"type", code_of(appointment_types(), appointment.type)},
          {"on", to_iso(appointment.on)},
          {"starts_at", to_text(appointment.starts_at)},
          {"ends_at", to_text(appointment.ends_at)},
          {"office", own.office_name},
          {"officer_name", text_or_null(own.officer_name)},
          {"notes", appointment.notes},
          {"cancelled", appointment.cancelled()},
          {"may_say_cannot_come", own.may_send_notice},
          {"cannot_come_notices", std::move(notices)}};
}

Response appointments(WebContext& context, const services::PersonSignedIn& signed_in) {
  auto own = services::own_appointments(context.store, context.clock, signed_in);
  auto list = [](const std::vector<services::OwnAppointment>& appointments) {
    auto items = nlohmann::json::array();
    for (const auto& appointment : appointments) items.push_back(own_appointment_json(appointment));
    return items;
  };
  return json_response(200, {{"upcoming", list(own.upcoming)}, {"past", list(own.past)}});
}

Response cannot_come(WebContext& context, const Request& request, const services::PersonSignedIn& signed_in) {
  auto input = body_fields(request, {"reason"});
  auto notice = services::tell_cannot_come(context.store, context.clock, signed_in, id_param(request, "aid"), input);
  return json_response(201, notice_json(notice));
}

// --- My officer ------------------------------------------------------------------------------------

nlohmann::json officer_contact_json(const std::optional<services::OwnOfficerContact>& contact) {
  if (!contact) return nullptr;
  return {{"name", contact->name},
          {"email", text_or_null(contact->email)},
          {"office", text_or_null(contact->office)},
          {"away", contact->away},
          {"away_until", contact->away_until ? nlohmann::json(to_iso(*contact->away_until)) : nlohmann::json(nullptr)}};
}

Response officer(WebContext& context, const services::PersonSignedIn& signed_in) {
  auto own = services::own_officer(context.store, context.clock, signed_in);
  return json_response(200, {{"role", code_of(roles(), own.role)},
                             {"officer", officer_contact_json(own.lead)},
                             {"deputy", officer_contact_json(own.deputy)},
                             {"changed_on", own.changed_on ? nlohmann::json(to_iso(*own.changed_on)) : nlohmann::json(nullptr)}});
}

// --- My licence ------------------------------------------------------------------------------------

nlohmann::json condition_json(const services::ConditionForPerson& condition) {
  auto questions = nlohmann::json::array();
  for (const auto& question : condition.standing.open_questions)
    questions.push_back({{"question", question.question}, {"at", services::to_iso_timestamp(question.at)}});
  const auto& understood = condition.standing.understood_at;
  return {{"key", condition.key},
          {"number", condition.number},
          {"explanation", condition.explanation},
          {"understood_at", understood ? nlohmann::json(services::to_iso_timestamp(*understood)) : nlohmann::json(nullptr)},
          {"open_questions", std::move(questions)}};
}

Response licence(WebContext& context, const services::PersonSignedIn& signed_in) {
  auto own = services::my_licence(context.store, context.licence_conditions, signed_in);
  if (!own.has_licence) return json_response(200, {{"licence", nullptr}});
  auto conditions = nlohmann::json::array();
  for (const auto& condition : own.conditions) conditions.push_back(condition_json(condition));
  return json_response(200, {{"licence", {{"id", own.licence_id},
                                          {"language", code_of(languages(), signed_in.account.language)},
                                          {"conditions", std::move(conditions)}}}});
}

Response answer_condition(WebContext& context, const Request& request, const services::PersonSignedIn& signed_in) {
  auto key = condition_key_param(request);
  auto input = body_fields(request, {"response", "question"});
  services::respond_to_condition(context.store, context.clock, context.licence_conditions, signed_in, key, input);
  return json_response(201, condition_json(services::my_condition(context.store, context.licence_conditions, signed_in, key)));
}

// --- Support near me and messages -------------------------------------------------------------------

Response support(WebContext& context, const services::PersonSignedIn& signed_in) {
  auto near = services::support_near_me(context.store, context.clock, signed_in);
  auto needs = nlohmann::json::array();
  for (auto need : near.needs) needs.push_back(code_of(pathways(), need));
  auto services_json = nlohmann::json::array();
  for (const auto& service : near.services) {
    auto helps_with = nlohmann::json::array();
    for (auto pathway : service.pathways) helps_with.push_back(code_of(pathways(), pathway));
    services_json.push_back({{"name", service.name},
                             {"organisation", service.organisation},
                             {"description", service.description},
                             {"phone", text_or_null(service.phone)},
                             {"email", text_or_null(service.email)},
                             {"website", text_or_null(service.website)},
                             {"addresses", service.addresses},
                             {"pathways", std::move(helps_with)}});
  }
  return json_response(200, {{"area", text_or_null(near.area)}, {"needs", std::move(needs)}, {"services", std::move(services_json)}});
}

Response messages(WebContext& context, const services::PersonSignedIn& signed_in) {
  auto items = nlohmann::json::array();
  for (const auto& message : services::my_messages(context.store, signed_in))
    items.push_back({{"kind", code_of(message_kinds(), message.kind)},
                     {"channel", code_of(message_channels(), message.channel)},
                     {"status", code_of(message_statuses(), message.status)},
                     {"sent_at", message.sent_at ? nlohmann::json(services::to_iso_timestamp(*message.sent_at))
                                                 : nlohmann::json(nullptr)},
                     {"due_at", services::to_iso_timestamp(message.due_at)},
                     {"text", text_or_null(message.text)}});
  return json_response(200, {{"items", std::move(items)}});
}

}  // namespace

void add_own_api(Router& router, WebContext& context) {
  using Signed = const services::PersonSignedIn&;
  router.get("/api/v1/my", own_api(context, [&](Request&, Signed s) {
               return json_response(200, next_json(services::what_happens_next(context.store, context.clock,
                                                                                context.bank_holidays, s)));
             }));
  router.get("/api/v1/my/plan", own_api(context, [&](Request&, Signed s) { return plan(context, s); }));
  router.post("/api/v1/my/plan/objectives/{oid}/responses",
              own_api(context, [&](Request& r, Signed s) { return respond(context, r, s); }));
  router.post("/api/v1/my/plan/agreement", own_api(context, [&](Request& r, Signed s) { return agree(context, r, s); }));
  router.get("/api/v1/my/appointments", own_api(context, [&](Request&, Signed s) { return appointments(context, s); }));
  router.post("/api/v1/my/appointments/{aid}/cannot-come",
              own_api(context, [&](Request& r, Signed s) { return cannot_come(context, r, s); }));
  router.get("/api/v1/my/officer", own_api(context, [&](Request&, Signed s) { return officer(context, s); }));
  router.get("/api/v1/my/licence", own_api(context, [&](Request&, Signed s) { return licence(context, s); }));
  router.post("/api/v1/my/licence/conditions/{key}/responses",
              own_api(context, [&](Request& r, Signed s) { return answer_condition(context, r, s); }));
  router.get("/api/v1/my/support", own_api(context, [&](Request&, Signed s) { return support(context, s); }));
  router.get("/api/v1/my/messages", own_api(context, [&](Request&, Signed s) { return messages(context, s); }));
}

}  // namespace resettle::web
