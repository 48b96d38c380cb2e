#pragma once
// Building blocks every JSON API route uses: JSON responses, ETags and If-Match.
#include <cstdint>
#include <optional>

#include <nlohmann/json.hpp>

#include "store/store.hpp"
#include "web/http/http.hpp"
#include "web/web_context.hpp"

namespace resettle::web {

Response json_response(int status, const nlohmann::json& body);
// A record with its version as a strong ETag.
Response record_response(int status, const nlohmann::json& body, std::int64_t version);

// The version a client last saw, from If-Match; empty when the header is missing (or "*", which
// would skip the check), -1 when it matches no version (weak or malformed: a stale write).
std::optional<std::int64_t> if_match_version(const Request& request);
Response precondition_required();  // 428 for an update sent without If-Match

nlohmann::json parse_body(const Request& request);  // throws nlohmann::json::parse_error (400)

// A cursor-paginated list: its items, the next cursor and a link to the next page.
template <typename T>
nlohmann::json page_json(const store::Page<T>& page, nlohmann::json (*to_json)(const T&), const Request& request) {
  auto items = nlohmann::json::array();
  for (const auto& item : page.items) items.push_back(to_json(item));
  nlohmann::json body{{"items", items}, {"next_cursor", nullptr}};
  if (page.next_cursor) {
    body["next_cursor"] = *page.next_cursor;
    body["links"] = {{"next", next_page_href(request, *page.next_cursor)}};
  }
  return body;
}

}  // namespace resettle::web
