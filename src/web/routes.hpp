#pragma once
// Each capability's routes: one verb per capability adds its pages and its API to the router.
#include "domain/insight/insight.hpp"
#include "web/http/router.hpp"
#include "web/web_context.hpp"

namespace resettle::web {

void add_sign_in_routes(Router& router, WebContext& context);
void add_people_routes(Router& router, WebContext& context);
void add_plan_routes(Router& router, WebContext& context);
void add_referrals_routes(Router& router, WebContext& context);  // with the service directory
void add_transfers_routes(Router& router, WebContext& context);
void add_responsibility_routes(Router& router, WebContext& context);
void add_allocation_routes(Router& router, WebContext& context);
void add_limited_access_routes(Router& router, WebContext& context);
void add_staff_routes(Router& router, WebContext& context);
void add_licence_routes(Router& router, WebContext& context);
void add_release_routes(Router& router, WebContext& context);  // the release and its release day record
void add_accounts_routes(Router& router, WebContext& context);  // own account, admins' account pages
void add_audit_routes(Router& router, WebContext& context);  // the access log for administrators
void add_supervision_routes(Router& router, WebContext& context);  // appointments, outcomes, messages after release
void add_recall_routes(Router& router, WebContext& context);  // considerations, decisions, the report and the letter
void add_person_view_routes(Router& router, WebContext& context);  // the person's own view, and inviting them to it
void add_mappa_routes(Router& router, WebContext& context);  // MAPPA, information sharing and their worklist
void add_insight_routes(Router& router, WebContext& context);  // measures by scope and period; a person's equality facts
void add_release_dates_routes(Router& router, WebContext& context);  // a person's booking; release date changes

// The parts of a capability held in files of their own; only its add_<capability>_routes calls them.
void add_person_forms(Router& router, WebContext& context);
void add_people_api(Router& router, WebContext& context);
void add_plan_api(Router& router, WebContext& context);
void add_referrals_api(Router& router, WebContext& context);
void add_transfers_api(Router& router, WebContext& context);
void add_licence_api(Router& router, WebContext& context);
void add_release_day_routes(Router& router, WebContext& context);  // part of responsibility
void add_calculations_api(Router& router, WebContext& context);    // part of responsibility
void add_release_api(Router& router, WebContext& context);
void add_supervision_api(Router& router, WebContext& context);
void add_contact_plan_routes(Router& router, WebContext& context);  // part of supervision: pages and API
void add_calendar_routes(Router& router, WebContext& context);  // part of supervision: calendar files and feeds
void add_recall_api(Router& router, WebContext& context);
void add_invitation_routes(Router& router, WebContext& context);  // part of person_view: staff invite the person
void add_mappa_api(Router& router, WebContext& context);
void add_information_sharing_routes(Router& router, WebContext& context);  // part of mappa: pages
void add_iom_routes(Router& router, WebContext& context);  // part of mappa: IOM pages, API and the police shared view
void add_insight_api(Router& router, WebContext& context, const DisclosureRules& rules);
void add_quality_sampling_routes(Router& router, WebContext& context);  // the month's sample, reviews, themes
void add_release_dates_api(Router& router, WebContext& context);
void add_release_dates_pages(Router& router, WebContext& context);

}  // namespace resettle::web
