#pragma once
// A list page rendered once for the list's kept data (services::ListMemo, MadeFromList) and sent as it
// is while the data stays kept.
#include <functional>
#include <string>

#include "services/list_memo.hpp"
#include "web/caller.hpp"
#include "web/http/http.hpp"

namespace resettle::web {

// The page `render` makes from a kept list, made once for each caller and request: the key holds what
// the bytes show besides the list's data and its memo's key (the caller's name, a change to which moves
// no list counter; their session's CSRF token, in the sign-out form; the path and query, in the links and
// form values) and `shown_besides` (anything else the page shows that is read at every request). Staff
// pages have one language. Throws what `render` throws.
Response kept_page(services::MadeFromList& made, const Caller& caller, const Request& request,
                   const std::string& shown_besides, const std::function<std::string()>& render);

}  // namespace resettle::web
