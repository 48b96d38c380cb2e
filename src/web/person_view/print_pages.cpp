// The person's own pages printed by a practitioner, for someone in custody who has no phone: what
// happens next, their licence conditions in plain words and the support near them, in English or
// Welsh (?lang=cy), on the person's layout with no staff navigation. Only what the person's own
// pages show is on it: nothing staff-only.
#include "domain/catalogue.hpp"
#include "services/person_view/person_pages.hpp"
#include "web/person_view/my_pages.hpp"

namespace resettle::web {

namespace {

Language chosen_language(const Request& request) {
  if (auto asked = request.query_param("lang"))
    if (auto language = parse_code(languages(), *asked)) return *language;
  return Language::en;
}

View licence_section(const services::LicenceForPerson& licence, Language language) {
  View section{{"heading", translated("Your licence conditions", language)}};
  if (!licence.has_licence) {
    section["no_licence"] = translated("You do not have a licence on Resettle yet. Your probation officer will go "
                                       "through it with you before you leave prison.",
                                       language);
    return section;
  }
  section["intro"] = translated("These are the rules you must keep to while you are on licence. Ask your probation "
                                "officer about any you do not understand.",
                                language);
  auto conditions = View::list();
  for (const auto& condition : licence.conditions) conditions.push_back({{"explanation", condition.explanation}});
  section["conditions"] = conditions;
  return section;
}

Response print_page(WebContext& context, const Request& request, const Caller& caller) {
  auto person_id = id_param(request, "id");
  auto language = chosen_language(request);
  auto pages = services::pages_for_print(context.store, context.clock, context.bank_holidays, context.licence_conditions,
                                         caller.staff, person_id, language);
  View next;
  add_what_happens_next(next, pages.next, language);
  View support = support_view(pages.support, language);
  View view{{"page_title", filled(translated("Your next steps, printed for ((name))", language), pages.person.full_name())},
            {"printed_for", filled(translated("Printed for ((name))", language), pages.person.full_name())},
            {"next", next},
            {"licence", licence_section(pages.licence, language)},
            {"support", support}};
  auto other = language == Language::en ? Language::cy : Language::en;
  view["switch_href"] = "/people/" + std::to_string(person_id) + "/print-for-person?lang=" +
                        std::string{entry_for(languages(), other).code};
  return render_my_page(context, 200, "person_view/print", view, language);
}

}  // namespace

void add_print_for_person_routes(Router& router, WebContext& context) {
  router.get("/people/{id}/print-for-person",
             page(context, [&](Request& r, const Caller& c) { return print_page(context, r, c); }));
}

}  // namespace resettle::web
