#pragma once
// Route groups of the web application; each adds its routes to the router.
#include "web/router.hpp"
#include "web/web_context.hpp"

namespace resettle::web {

void add_sign_in_pages(Router& router, WebContext& context);
void add_people_pages(Router& router, WebContext& context);
void add_person_forms(Router& router, WebContext& context);
void add_people_api(Router& router, WebContext& context);
void add_referral_pages(Router& router, WebContext& context);
void add_directory_api(Router& router, WebContext& context);
void add_plan_api(Router& router, WebContext& context);
void add_plan_pages(Router& router, WebContext& context);
void add_responsibility_routes(Router& router, WebContext& context);
void add_allocation_routes(Router& router, WebContext& context);
void add_staff_pages(Router& router, WebContext& context);
void add_limited_access_routes(Router& router, WebContext& context);
void add_transfer_pages(Router& router, WebContext& context);
void add_transfer_api(Router& router, WebContext& context);
void add_audit_routes(Router& router, WebContext& context);

}  // namespace resettle::web
