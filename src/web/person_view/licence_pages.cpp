// My licence: each of the person's licence conditions in plain words, in their language, and on a
// page of its own for each, "I understand" or "I have a question". Their answers reach the officer
// on the licence page (src/web/licence/pages.cpp).
#include "domain/catalogue.hpp"
#include "services/person_view/person_pages.hpp"
#include "web/person_view/my_pages.hpp"

namespace resettle::web {

namespace {

std::string condition_href(int key) { return "/my/licence/conditions/" + std::to_string(key); }

// What the person last told us about the condition, as they read it back.
std::string standing_text(const ConditionStanding& standing, Language language) {
  if (!standing.open_questions.empty())
    return translated("You asked a question. Your probation officer will answer it.", language);
  if (standing.understood_at) return translated("You told us you understand this.", language);
  return {};
}

Response licence_page(WebContext& context, const Request& request, const services::PersonSignedIn& signed_in) {
  auto language = signed_in.account.language;
  auto licence = services::my_licence(context.store, context.licence_conditions, signed_in);
  auto view = signed_in_view(signed_in, translated("Your licence conditions", language), "/my/licence");
  view["heading"] = translated("Your licence conditions", language);
  view["back"] = translated("Back", language);
  if (!licence.has_licence) {
    view["no_licence"] = translated("You do not have a licence on Resettle yet. Your probation officer will go through "
                                    "it with you before you leave prison.",
                                    language);
  } else {
    view["intro"] = translated("These are the rules you must keep to while you are on licence. Tell us if you "
                               "understand each one, or ask a question.",
                               language);
    auto conditions = View::list();
    for (const auto& condition : licence.conditions)
      conditions.push_back({{"key", condition.key},
                            {"number", condition.number},
                            {"explanation", condition.explanation},
                            {"standing", standing_text(condition.standing, language)},
                            {"href", condition_href(condition.key)},
                            {"link", translated("Tell us if you understand this", language)},
                            {"link_hidden", filled(translated("(condition ((number)))", language),
                                                   std::to_string(condition.number))}});
    view["has_conditions"] = !licence.conditions.empty();
    view["conditions"] = conditions;
  }
  if (auto sent = request.query_param("sent"))
    view["sent"] = translated("Thank you. Your probation officer can see what you told us.", language);
  return render_my_page(context, 200, "person_view/licence", view, language);
}

Response condition_page(WebContext& context, const services::PersonSignedIn& signed_in, int key, int status,
                        const FieldInput& values, const std::vector<FieldError>& errors) {
  auto language = signed_in.account.language;
  auto condition = services::my_condition(context.store, context.licence_conditions, signed_in, key);
  auto title = filled(translated("Condition ((number))", language), std::to_string(condition.number));
  auto view = signed_in_view(signed_in, title, condition_href(key));
  view["caption"] = translated("Your licence conditions", language);
  view["heading"] = title;
  view["back"] = translated("Back", language);
  view["explanation"] = condition.explanation;
  view["action"] = condition_href(key);
  view["legend"] = translated("Do you understand this condition?", language);
  auto chosen = values.contains("response") ? values.at("response") : "";
  view["understood"] = {{"label", translated("I understand", language)}, {"checked", chosen == "understood"}};
  view["question"] = {{"label", translated("I have a question", language)}, {"checked", chosen == "question"}};
  view["question_label"] = translated("Your question, if you have one", language);
  view["question_hint"] = translated("Up to 500 characters. Your probation officer will answer it when you next "
                                     "talk.",
                                     language);
  view["question_value"] = values.contains("question") ? values.at("question") : "";
  view["button"] = translated("Send", language);
  auto asked = View::list();
  for (const auto& question : condition.standing.open_questions) asked.push_back({{"text", question.question}});
  if (!asked.empty()) {
    view["asked_heading"] = translated("Your questions", language);
    view["asked"] = asked;
  }
  if (!errors.empty()) {
    auto listed = View::list();
    for (const auto& error : errors) {
      listed.push_back({{"field", error.field}, {"message", error.message}});
      view[error.field + "_error"] = error.message;
    }
    view["has_errors"] = true;
    view["errors"] = listed;
  }
  return render_my_page(context, status, "person_view/condition", view, language);
}

Response respond(WebContext& context, Request& request, const services::PersonSignedIn& signed_in) {
  auto key = condition_key_param(request);
  FieldInput values{{"response", submitted(request, "response")}, {"question", submitted(request, "question")}};
  try {
    services::respond_to_condition(context.store, context.clock, context.licence_conditions, signed_in, key, values);
  } catch (const ValidationFailed& failed) {
    return condition_page(context, signed_in, key, 422, values, failed.errors());
  }
  return Response::redirect("/my/licence?sent=" + std::to_string(key) + "#condition-" + std::to_string(key));
}

}  // namespace

int condition_key_param(const Request& request) {
  auto key = id_param(request, "key");
  if (key > 1'000'000) throw NotFound("no such condition");
  return static_cast<int>(key);
}

void add_my_licence_routes(Router& router, WebContext& context) {
  router.get("/my/licence", person_page(context, [&](Request& r, const services::PersonSignedIn& s) {
               return licence_page(context, r, s);
             }));
  router.get("/my/licence/conditions/{key}", person_page(context, [&](Request& r, const services::PersonSignedIn& s) {
               return condition_page(context, s, condition_key_param(r), 200, {}, {});
             }));
  router.post("/my/licence/conditions/{key}", person_page(context, [&](Request& r, const services::PersonSignedIn& s) {
                return respond(context, r, s);
              }));
}

}  // namespace resettle::web
