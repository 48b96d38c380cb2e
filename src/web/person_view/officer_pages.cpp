// "My officer" on the person's own view: who their lead officer is, how to reach them and where, the
// deputy who covers when they are away, and a notice for a few weeks after the officer changes.
#include "domain/catalogue.hpp"
#include "services/person_view/own_view.hpp"
#include "web/person_view/my_pages.hpp"

namespace resettle::web {

namespace {

View contact_view(const services::OwnOfficerContact& contact, Language language) {
  View view{{"name", contact.name}, {"email", contact.email}, {"office", contact.office}};
  if (contact.away)
    view["away"] = contact.away_until
                       ? filled(translated("Away until ((date)).", language), long_date(*contact.away_until, language))
                       : translated("Away at the moment.", language);
  return view;
}

Response officer_page(WebContext& context, const services::PersonSignedIn& signed_in) {
  auto language = signed_in.account.language;
  auto own = services::own_officer(context.store, context.clock, signed_in);
  auto view = signed_in_view(signed_in, translated("My officer", language), "/my/officer");
  view["heading"] = translated("My officer", language);
  view["back"] = translated("Back", language);
  view["labels"] = {{"name", translated("Name", language)},
                    {"email", translated("Email", language)},
                    {"office", translated("Office", language)}};
  view["lead_heading"] = own.role == Role::com ? translated("Your probation officer", language)
                                               : translated("Your prison offender manager", language);
  if (own.lead) {
    view["lead"] = contact_view(*own.lead, language);
    if (own.changed_on)
      view["changed"] = fill_placeholders(translated("Your officer changed on ((date)). ((name)) is your officer now.", language),
                                          [&](std::string_view name) {
                                            return name == "date" ? long_date(*own.changed_on, language) : own.lead->name;
                                          });
  } else {
    view["no_lead"] = translated("You do not have an officer yet. Ask staff at your prison.", language);
  }
  if (own.deputy) {
    view["deputy_heading"] = translated("When your officer is away", language);
    view["deputy_intro"] = translated("Contact this person when your officer is away:", language);
    view["deputy"] = contact_view(*own.deputy, language);
  }
  view["contact_hint"] = translated("Email your officer or phone your office. In an emergency, call 999.", language);
  return render_my_page(context, 200, "person_view/officer", view, language);
}

}  // namespace

void add_own_officer_routes(Router& router, WebContext& context) {
  router.get("/my/officer", person_page(context, [&](Request&, const services::PersonSignedIn& s) {
               return officer_page(context, s);
             }));
}

}  // namespace resettle::web
