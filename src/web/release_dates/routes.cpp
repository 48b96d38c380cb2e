// A person's booking and the release date changes: pages and JSON API.
#include "web/routes.hpp"

namespace resettle::web {

void add_release_dates_routes(Router& router, WebContext& context) {
  add_release_dates_pages(router, context);
  add_release_dates_api(router, context);
}

}  // namespace resettle::web
