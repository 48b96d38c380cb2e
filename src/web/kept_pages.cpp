// A list page rendered once for its kept data (see kept_pages.hpp).
#include "web/kept_pages.hpp"

namespace resettle::web {

Response kept_page(services::MadeFromList& made, const Caller& caller, const Request& request,
                   const std::string& shown_besides, const std::function<std::string()>& render) {
  auto shown_to = caller.csrf_token + '\n' + caller.staff.display_name + '\n' + request.target + '\n' + shown_besides;
  return Response::text(200, *made.get(shown_to, render), "text/html; charset=utf-8");
}

}  // namespace resettle::web
