#pragma once
// The licence capability's routes: add_licence_routes adds its pages and its API.
#include "web/router.hpp"
#include "web/web_context.hpp"

namespace resettle::web {

void add_licence_routes(Router& router, WebContext& context);
void add_licence_api(Router& router, WebContext& context);  // called by add_licence_routes

}  // namespace resettle::web
