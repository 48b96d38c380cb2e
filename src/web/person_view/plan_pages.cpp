// "My plan" on the person's own view: their objectives in their own words, the actions under each
// with who does them, and their say: agree, disagree or comment on each objective (one page each),
// and agree with the whole plan (the plan's agreement, as staff would record it at a meeting).
#include <algorithm>
#include <array>

#include "domain/catalogue.hpp"
#include "domain/errors.hpp"
#include "services/person_view/own_view.hpp"
#include "web/failures.hpp"
#include "web/person_view/my_pages.hpp"

namespace resettle::web {

namespace {

// The plan's words in the person's language; the tables' own labels are for staff.
constexpr std::array<Coded<Pathway>, 7> pathway_words{{
    {Pathway::accommodation, "accommodation", for_translation("Somewhere to live")},
    {Pathway::education_training_employment, "education_training_employment", for_translation("Learning and work")},
    {Pathway::health, "health", for_translation("Your health")},
    {Pathway::drugs_alcohol, "drugs_alcohol", for_translation("Drugs and alcohol")},
    {Pathway::finance_benefits_debt, "finance_benefits_debt", for_translation("Money, benefits and debt")},
    {Pathway::children_families_relationships, "children_families_relationships",
     for_translation("Family and friends")},
    {Pathway::attitudes_thinking_behaviour, "attitudes_thinking_behaviour", for_translation("How you think and act")},
}};
constexpr std::array<Coded<ActionStatus>, 4> action_status_words{{
    {ActionStatus::not_started, "not_started", for_translation("Not started")},
    {ActionStatus::in_progress, "in_progress", for_translation("Started")},
    {ActionStatus::done, "done", for_translation("Done")},
    {ActionStatus::cancelled, "cancelled", for_translation("Stopped")},
}};
constexpr std::array<Coded<ObjectiveStatus>, 3> objective_status_words{{
    {ObjectiveStatus::active, "active", for_translation("Working on it")},
    {ObjectiveStatus::achieved, "achieved", for_translation("Done")},
    {ObjectiveStatus::no_longer_needed, "no_longer_needed", for_translation("No longer needed")},
}};
constexpr std::array<Coded<PlanResponseKind>, 3> response_words{{
    {PlanResponseKind::agree, "agree", for_translation("I agree")},
    {PlanResponseKind::disagree, "disagree", for_translation("I do not agree")},
    {PlanResponseKind::comment, "comment", for_translation("I want to say something about it")},
}};

template <typename E, std::size_t N>
std::string words(const std::array<Coded<E>, N>& table, E value, Language language) {
  return translated(entry_for(std::span<const Coded<E>>{table}, value).label, language);
}

std::string who_does(const Action& action, Language language) {
  if (action.owner_kind == ActionOwnerKind::person) return translated("You", language);
  if (!action.owner_name.empty()) return action.owner_name;
  return action.owner_kind == ActionOwnerKind::practitioner ? translated("Your officer", language)
                                                            : translated("A support service", language);
}

std::optional<PlanResponse> latest_response(const Plan& plan, std::int64_t objective_id) {
  auto found = std::ranges::find_if(plan.responses.rbegin(), plan.responses.rend(),
                                    [&](const PlanResponse& r) { return r.objective_id == objective_id; });
  if (found == plan.responses.rend()) return std::nullopt;
  return *found;
}

View objective_view(const Plan& plan, const Objective& objective, Language language) {
  auto actions = View::list();
  for (const auto& action : objective.actions)
    actions.push_back({{"description", action.description},
                       {"who", who_does(action, language)},
                       {"due", long_date(action.due, language)},
                       {"status", words(action_status_words, action.status, language)}});
  View view{{"id", objective.id},
            {"pathway", pathway_name(objective.pathway, language)},
            {"goal", objective.goal},
            {"status", words(objective_status_words, objective.status, language)},
            {"actions", std::move(actions)},
            {"respond_href", "/my/plan/objectives/" + std::to_string(objective.id)},
            {"respond_text", translated("Tell us what you think", language)}};
  if (auto response = latest_response(plan, objective.id))
    view["response"] = {{"label", translated("What you said", language)},
                        {"kind", words(response_words, response->kind, language)},
                        {"comment", response->comment}};
  return view;
}

View plan_labels(Language language) {
  return {{"goal_label", translated("Your goal", language)},
          {"actions_label", translated("What will be done", language)},
          {"who_label", translated("Who does it", language)},
          {"due_label", translated("By", language)},
          {"status_label", translated("Progress", language)}};
}

std::string agreement_text(const services::OwnPlan& own, Language language) {
  if (!own.plan->agreement) return translated("You have not said you agree with your plan yet.", language);
  auto when = long_date(own.plan->agreement->agreed_on, language);
  return own.agreement_current
             ? filled(translated("You agreed with your plan on ((date)).", language), when)
             : filled(translated("You agreed with your plan on ((date)). It has changed since then.", language), when);
}

Response plan_page(WebContext& context, const Request& request, const services::PersonSignedIn& signed_in) {
  auto language = signed_in.account.language;
  auto own = services::own_plan(context.store, signed_in);
  auto view = signed_in_view(signed_in, translated("My plan", language), "/my/plan");
  view["heading"] = translated("My plan", language);
  view["back"] = translated("Back", language);
  if (request.query_param("sent")) view["sent"] = translated("Thank you. Your officer will see what you said.", language);
  if (!own.plan || own.plan->objectives.empty()) {
    view["no_plan"] = translated("You do not have a plan yet. Your officer will write it with you.", language);
    return render_my_page(context, 200, "person_view/plan", view, language);
  }
  view["intro"] = translated("Your plan is what you and your officer will do to help you settle back in. It uses "
                             "your own words.",
                             language);
  auto objectives = View::list();
  for (const auto& objective : own.plan->objectives) objectives.push_back(objective_view(*own.plan, objective, language));
  view["objectives"] = std::move(objectives);
  view["labels"] = plan_labels(language);
  view["agreement_heading"] = translated("Do you agree with your plan?", language);
  view["agreement"] = agreement_text(own, language);
  if (!own.agreement_current) {
    view["agree_href"] = "/my/plan/agree";
    view["agree_text"] = translated("Say you agree with your plan", language);
  }
  return render_my_page(context, 200, "person_view/plan", view, language);
}

// The error message of each field, already in the person's language.
std::vector<FieldError> translated_errors(std::vector<FieldError> errors, Language language) {
  for (auto& error : errors) error.message = translated(error.message, language);
  return errors;
}

// The plan's version the form was read at: missing or tampered with can only be stale.
std::int64_t version_sent(const Request& request) {
  FieldInput version{{"version", submitted(request, "version")}};
  return take_submitted_version(version);
}

FieldInput fields_sent(const Request& request, std::initializer_list<std::string_view> names) {
  FieldInput input;
  for (auto name : names) input.emplace(std::string{name}, submitted(request, name));
  return input;
}

Response objective_form(WebContext& context, int status, const services::PersonSignedIn& signed_in,
                        std::int64_t objective_id, const FieldInput& sent, const std::vector<FieldError>& errors) {
  auto language = signed_in.account.language;
  auto own = services::own_plan(context.store, signed_in);
  if (!own.plan) throw NotFound("no plan");
  auto objective = std::ranges::find_if(own.plan->objectives, [&](const Objective& o) { return o.id == objective_id; });
  if (objective == own.plan->objectives.end()) throw NotFound("objective not on their plan");
  auto path = "/my/plan/objectives/" + std::to_string(objective_id);
  auto view = signed_in_view(signed_in, translated("Tell us what you think", language), path);
  add_errors(view, errors);
  auto error_of = [&](std::string_view field) -> View {
    for (const auto& error : errors)
      if (error.field == field) return error.message;
    return nullptr;
  };
  auto chosen = sent.contains("response") ? sent.at("response") : "";
  auto choices = View::list();
  for (const auto& entry : response_words)
    choices.push_back({{"value", entry.code},
                       {"id", entry.value == PlanResponseKind::agree ? "response" : "response-" + std::string{entry.code}},
                       {"text", translated(entry.label, language)},
                       {"checked", entry.code == chosen}});
  view["heading"] = translated("Tell us what you think", language);
  view["back"] = translated("Back", language);
  view["back_href"] = "/my/plan";
  view["objective"] = objective_view(*own.plan, *objective, language);
  view["labels"] = plan_labels(language);
  view["action"] = path;
  view["version"] = own.plan->version;
  view["response_field"] = {{"legend", translated("What do you think about this goal?", language)},
                      {"choices", std::move(choices)},
                      {"error", error_of("response")}};
  view["comment_field"] = {{"label", translated("Your comment", language)},
                     {"hint", translated("Say it in your own words. You can write up to 500 characters. You must "
                                         "write something if you want to say something about it.",
                                         language)},
                     {"value", sent.contains("comment") ? sent.at("comment") : ""},
                     {"error", error_of("comment")}};
  view["button"] = translated("Send to my officer", language);
  return render_my_page(context, status, "person_view/plan_objective", view, language);
}

Response respond(WebContext& context, const Request& request, const services::PersonSignedIn& signed_in) {
  auto objective_id = id_param(request, "oid");
  auto input = fields_sent(request, {"response", "comment"});
  auto errors = errors_from([&] {
    services::respond_to_objective(context.store, context.clock, signed_in, objective_id, input, version_sent(request));
  });
  if (!errors.empty())
    return objective_form(context, 422, signed_in, objective_id, input,
                          translated_errors(std::move(errors), signed_in.account.language));
  return Response::redirect("/my/plan?sent=1");
}

Response agree_form(WebContext& context, int status, const services::PersonSignedIn& signed_in, const std::string& words,
                    const std::vector<FieldError>& errors) {
  auto language = signed_in.account.language;
  auto own = services::own_plan(context.store, signed_in);
  if (!own.plan) throw NotFound("no plan");
  auto view = signed_in_view(signed_in, translated("Say you agree with your plan", language), "/my/plan/agree");
  add_errors(view, errors);
  view["heading"] = translated("Say you agree with your plan", language);
  view["back"] = translated("Back", language);
  view["back_href"] = "/my/plan";
  view["intro"] = translated("This tells your officer you agree with your whole plan as it is now.", language);
  view["action"] = "/my/plan/agree";
  view["version"] = own.plan->version;
  view["words"] = {{"label", translated("Anything you want to say (optional)", language)},
                   {"hint", translated("You can write up to 500 characters.", language)},
                   {"value", words},
                   {"error", errors.empty() ? View{} : View{errors.front().message}}};
  view["button"] = translated("I agree with my plan", language);
  return render_my_page(context, status, "person_view/plan_agree", view, language);
}

Response agree(WebContext& context, const Request& request, const services::PersonSignedIn& signed_in) {
  auto input = fields_sent(request, {"in_their_words"});
  auto errors = errors_from(
      [&] { services::agree_to_own_plan(context.store, context.clock, signed_in, input, version_sent(request)); });
  if (!errors.empty())
    return agree_form(context, 422, signed_in, input.at("in_their_words"),
                      translated_errors(std::move(errors), signed_in.account.language));
  return Response::redirect("/my/plan?sent=1");
}

}  // namespace

std::string pathway_name(Pathway pathway, Language language) { return words(pathway_words, pathway, language); }

void add_own_plan_routes(Router& router, WebContext& context) {
  router.get("/my/plan", person_page(context, [&](Request& r, const services::PersonSignedIn& s) {
               return plan_page(context, r, s);
             }));
  router.get("/my/plan/objectives/{oid}", person_page(context, [&](Request& r, const services::PersonSignedIn& s) {
               return objective_form(context, 200, s, id_param(r, "oid"), {}, {});
             }));
  router.post("/my/plan/objectives/{oid}", person_page(context, [&](Request& r, const services::PersonSignedIn& s) {
                return respond(context, r, s);
              }));
  router.get("/my/plan/agree", person_page(context, [&](Request&, const services::PersonSignedIn& s) {
               return agree_form(context, 200, s, "", {});
             }));
  router.post("/my/plan/agree", person_page(context, [&](Request& r, const services::PersonSignedIn& s) {
                return agree(context, r, s);
              }));
}

}  // namespace resettle::web
