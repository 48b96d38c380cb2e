// JSON responses, ETags and If-Match for the API routes (see api_support.hpp).
#include "web/api_support.hpp"

#include "web/http/problem.hpp"

namespace resettle::web {

Response json_response(int status, const nlohmann::json& body) {
  return Response::text(status, body.dump(), "application/json");
}

Response record_response(int status, const nlohmann::json& body, std::int64_t version) {
  auto response = json_response(status, body);
  response.headers["ETag"] = "\"" + std::to_string(version) + "\"";
  return response;
}

std::optional<std::int64_t> if_match_version(const Request& request) {
  auto header = request.header("If-Match");
  if (!header || *header == "*") return std::nullopt;
  std::string_view value = *header;
  if (value.size() < 2 || value.front() != '"' || value.back() != '"') return -1;
  try {
    return std::stoll(std::string{value.substr(1, value.size() - 2)});
  } catch (const std::exception&) {
    return -1;
  }
}

Response precondition_required() {
  return problem(428, "Precondition required", "Send If-Match with the ETag from your last GET of this record.");
}

nlohmann::json parse_body(const Request& request) { return nlohmann::json::parse(request.body); }

}  // namespace resettle::web
