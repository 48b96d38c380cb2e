// Support near me: the directory's services in the person's area for the needs on their record,
// each with what it offers and how to reach it, in the person's language (the services' own words
// stay as the directory has them).
#include <array>

#include "domain/catalogue.hpp"
#include "services/person_view/person_pages.hpp"
#include "web/person_view/my_pages.hpp"

namespace resettle::web {

namespace {

View row(std::string key, std::string value) { return {{"key", std::move(key)}, {"value", std::move(value)}}; }

}  // namespace

View support_view(const services::SupportNearPerson& support, Language language) {
  View view{{"heading", translated("Support near you", language)}};
  if (!support.area.empty()) view["area"] = filled(translated("Services in ((area)) that can help you.", language), support.area);
  auto needs = View::list();
  for (auto pathway : support.needs) needs.push_back({{"text", pathway_name(pathway, language)}});
  if (support.needs.empty()) {
    view["no_needs"] = translated("Your record does not say what you need help with yet. Ask your probation officer.",
                                  language);
    return view;
  }
  view["needs_heading"] = translated("What you told us you need help with", language);
  view["needs"] = needs;
  auto services = View::list();
  int number = 0;
  for (const auto& service : support.services) {
    auto rows = View::list();
    if (!service.description.empty()) rows.push_back(row(translated("What it offers", language), service.description));
    std::string helps;
    for (auto pathway : service.pathways) helps += (helps.empty() ? "" : ", ") + pathway_name(pathway, language);
    if (!helps.empty()) rows.push_back(row(translated("Helps with", language), helps));
    if (!service.phone.empty()) rows.push_back(row(translated("Phone", language), service.phone));
    if (!service.email.empty()) rows.push_back(row(translated("Email", language), service.email));
    if (!service.website.empty()) rows.push_back(row(translated("Website", language), service.website));
    for (const auto& address : service.addresses) rows.push_back(row(translated("Address", language), address));
    services.push_back({{"id", "service-" + std::to_string(++number)},
                        {"name", service.name},
                        {"organisation", service.organisation == service.name ? "" : service.organisation},
                        {"rows", rows}});
  }
  view["services"] = services;
  view["has_services"] = !support.services.empty();
  if (support.services.empty())
    view["no_services"] = translated("We have not found a service near you yet. Ask your probation officer.", language);
  return view;
}

namespace {

Response support_page(WebContext& context, const services::PersonSignedIn& signed_in) {
  auto language = signed_in.account.language;
  auto support = services::support_near_me(context.store, context.clock, signed_in);
  auto view = signed_in_view(signed_in, translated("Support near you", language), "/my/support");
  view["back"] = translated("Back", language);
  view["support"] = support_view(support, language);
  return render_my_page(context, 200, "person_view/support", view, language);
}

}  // namespace

void add_my_support_routes(Router& router, WebContext& context) {
  router.get("/my/support", person_page(context, [&](Request&, const services::PersonSignedIn& s) {
               return support_page(context, s);
             }));
}

}  // namespace resettle::web
