// POST /api/v1/calculations: the release dates, responsibility and day of release of facts or a
// booking sent in the request, stored nowhere; the same calculation as `resettle dates`.
#include "services/release_dates/key_dates_batch.hpp"
#include "web/api_support.hpp"
#include "web/routes.hpp"

namespace resettle::web {

void add_calculations_api(Router& router, WebContext& context) {
  router.add("POST", "/api/v1/calculations", api(context, [&](Request& request, const Caller&) {
               return json_response(200, services::calculation(parse_body(request), context.bank_holidays));
             }));
}

}  // namespace resettle::web
