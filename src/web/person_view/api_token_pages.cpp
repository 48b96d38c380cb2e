// The person's own API tokens page, in their language: the tokens they have made (with when each
// was last used), making one (shown once, on the page that answers the form) and revoking one.
#include "domain/catalogue.hpp"
#include "domain/uk_time.hpp"
#include "services/person_view/person_accounts.hpp"
#include "web/failures.hpp"
#include "web/person_view/my_pages.hpp"

namespace resettle::web {

namespace {

constexpr std::string_view tokens_path = "/my/api-tokens";

std::string day_of(Timestamp at, Language language) { return long_date(uk_local(at).on, language); }

std::string scope_words(TokenScope scope, Language language) {
  return scope == TokenScope::read ? translated("Read your information", language)
                                   : translated("Read your information and answer for you", language);
}

std::string state_words(const PersonApiToken& token, Timestamp now, Language language) {
  switch (token_state(token, now)) {
    case PersonTokenState::revoked:
      return filled(translated("Revoked on ((date))", language), day_of(*token.revoked_at, language));
    case PersonTokenState::expired:
      return filled(translated("Expired on ((date))", language), day_of(token.expires_at, language));
    case PersonTokenState::current: break;
  }
  return filled(translated("Works until ((date))", language), day_of(token.expires_at, language));
}

View token_view(const PersonApiToken& token, Timestamp now, Language language) {
  auto last_used = token.last_used_at ? day_of(*token.last_used_at, language) : translated("Not used yet", language);
  bool current = token_state(token, now) == PersonTokenState::current;
  return {{"id", token.id},
          {"title", token.label},
          {"rows", View::list({{{"key", translated("What it can do", language)}, {"value", scope_words(token.scope, language)}},
                               {{"key", translated("Made on", language)}, {"value", day_of(token.created_at, language)}},
                               {{"key", translated("Last used", language)}, {"value", std::move(last_used)}},
                               {{"key", translated("Status", language)}, {"value", state_words(token, now, language)}}})},
          {"revoke_action", current ? std::string{tokens_path} + "/" + std::to_string(token.id) + "/revoke" : ""},
          {"revoke_text", translated("Revoke", language)}};
}

// Each field's message in the person's words: the rule's own messages are for the API.
std::vector<FieldError> page_errors(const std::vector<FieldError>& errors, Language language) {
  std::vector<FieldError> shown;
  for (const auto& error : errors) {
    if (error.field == "label")
      shown.push_back({"label", translated("Enter a name for the token, up to 100 characters", language)});
    else if (error.field == "days")
      shown.push_back({"days", translated("Enter a number of days from 1 to 366", language)});
    else
      shown.push_back({"scope-read", translated("Choose what the token can do", language)});
  }
  return shown;
}

View error_of(const std::vector<FieldError>& errors, std::string_view field) {
  for (const auto& error : errors)
    if (error.field == field) return error.message;
  return nullptr;
}

Response tokens_page(WebContext& context, int status, const services::PersonSignedIn& signed_in, const FieldInput& sent,
                     const std::vector<FieldError>& errors, const std::optional<services::IssuedApiToken>& issued) {
  auto language = signed_in.account.language;
  auto now = context.clock.now_seconds();
  auto view = signed_in_view(signed_in, translated("Your API tokens", language), std::string{tokens_path});
  add_errors(view, errors);
  view["heading"] = translated("Your API tokens", language);
  view["back"] = translated("Back", language);
  view["intro"] = translated("An API token lets an app you choose get your information from Resettle. It works only "
                             "for your own information.",
                             language);
  view["warning"] = translated("Keep a token secret, like a password. If someone else may have it, revoke it.", language);
  if (issued)
    view["issued"] = {{"heading", translated("Your new token", language)},
                      {"token", issued->token},
                      {"copy", translated("Copy it now. We will not show it again.", language)}};
  auto tokens = View::list();
  for (const auto& token : services::own_api_tokens(context.store, signed_in))
    tokens.push_back(token_view(token, now, language));
  view["has_tokens"] = !tokens.empty();
  if (tokens.empty()) view["no_tokens"] = translated("You have not made any tokens.", language);
  view["tokens"] = std::move(tokens);
  view["tokens_heading"] = translated("Tokens you have made", language);
  view["new_heading"] = translated("Make a new token", language);
  view["action"] = std::string{tokens_path};
  auto value = [&](const std::string& field, std::string otherwise) {
    return sent.contains(field) ? sent.at(field) : otherwise;
  };
  view["label"] = {{"label", translated("Name", language)},
                   {"hint", translated("So you know which app has it. For example, My phone.", language)},
                   {"value", value("label", "")},
                   {"error", error_of(errors, "label")}};
  view["days"] = {{"label", translated("How many days it works for", language)},
                  {"hint", translated("From 1 to 366 days.", language)},
                  {"value", value("days", std::to_string(default_token_lifetime.count()))},
                  {"error", error_of(errors, "days")}};
  auto scope = value("scope", "read");
  view["scope"] = {
      {"legend", translated("What can it do?", language)},
      {"error", error_of(errors, "scope-read")},
      {"choices", View::list({{{"id", "scope-read"},
                               {"value", "read"},
                               {"text", scope_words(TokenScope::read, language)},
                               {"hint", translated("Your plan, appointments, officer, licence, support and messages.", language)},
                               {"checked", scope != "write"}},
                              {{"id", "scope-write"},
                               {"value", "write"},
                               {"text", scope_words(TokenScope::write, language)},
                               {"hint", translated("As well, it can tell your officer what you think of your plan, that "
                                                   "you cannot come to an appointment, or that you have a question.",
                                                   language)},
                               {"checked", scope == "write"}}})}};
  view["button"] = translated("Make a token", language);
  return render_my_page(context, status, "person_view/api_tokens", view, language);
}

Response make_token(WebContext& context, const Request& request, const services::PersonSignedIn& signed_in) {
  FieldInput sent{{"label", submitted(request, "label")}, {"days", submitted(request, "days")},
                  {"scope", submitted(request, "scope")}};
  std::optional<services::IssuedApiToken> issued;
  auto errors = errors_from([&] { issued = services::issue_own_api_token(context.store, context.clock, signed_in, sent); });
  if (!errors.empty())
    return tokens_page(context, 422, signed_in, sent, page_errors(errors, signed_in.account.language), std::nullopt);
  // Shown on this answer alone: a page that can be reloaded or linked to never holds the token.
  return tokens_page(context, 200, signed_in, {}, {}, issued);
}

}  // namespace

void add_own_api_token_routes(Router& router, WebContext& context) {
  router.get(std::string{tokens_path}, person_page(context, [&](Request&, const services::PersonSignedIn& s) {
               return tokens_page(context, 200, s, {}, {}, std::nullopt);
             }));
  router.post(std::string{tokens_path}, person_page(context, [&](Request& r, const services::PersonSignedIn& s) {
                return make_token(context, r, s);
              }));
  router.post(std::string{tokens_path} + "/{tid}/revoke", person_page(context, [&](Request& r, const services::PersonSignedIn& s) {
                services::revoke_own_api_token(context.store, context.clock, s, id_param(r, "tid"));
                return Response::redirect(std::string{tokens_path});
              }));
}

}  // namespace resettle::web
