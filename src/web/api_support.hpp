#pragma once
// Building blocks every JSON API route uses: JSON responses, ETags and If-Match.
#include <cstdint>
#include <optional>

#include <nlohmann/json.hpp>

#include "web/http.hpp"

namespace resettle::web {

Response json_response(int status, const nlohmann::json& body);
// A record with its version as a strong ETag.
Response record_response(int status, const nlohmann::json& body, std::int64_t version);

// The version a client last saw, from If-Match; empty when the header is missing (or "*", which
// would skip the check), -1 when it matches no version (weak or malformed: a stale write).
std::optional<std::int64_t> if_match_version(const Request& request);
Response precondition_required();  // 428 for an update sent without If-Match

nlohmann::json parse_body(const Request& request);  // throws nlohmann::json::parse_error (400)

}  // namespace resettle::web
