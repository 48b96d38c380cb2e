// JSON responses, ETags and If-Match for the API routes (see api_support.hpp).
#include "web/api_support.hpp"

#include <charconv>

#include "web/http/problem.hpp"

namespace resettle::web {

Response json_response(int status, const nlohmann::json& body) {
  // Stored text is checked as UTF-8 when written; anything older or quoted from a request that is not
  // shows as U+FFFD rather than failing the answer.
  return Response::text(status, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), "application/json");
}

Response record_response(int status, const nlohmann::json& body, std::int64_t version) {
  auto response = json_response(status, body);
  response.headers["ETag"] = "\"" + std::to_string(version) + "\"";
  return response;
}

std::optional<std::int64_t> if_match_version(const Request& request) {
  auto header = request.header("If-Match");
  if (!header || *header == "*") return std::nullopt;
  // Exactly one strong ETag as we send them, "<digits>": anything else (a list, a weak tag, a sign,
  // trailing junk) matches no version.
  std::string_view value = *header;
  if (value.size() < 3 || value.front() != '"' || value.back() != '"') return -1;
  auto digits = value.substr(1, value.size() - 2);
  std::int64_t version = -1;
  auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), version);
  if (error != std::errc{} || end != digits.data() + digits.size() || digits.front() == '-') return -1;
  return version;
}

Response precondition_required() {
  return problem(428, "Precondition required", "Send If-Match with the ETag from your last GET of this record.");
}

nlohmann::json parse_body(const Request& request) { return nlohmann::json::parse(request.body); }

}  // namespace resettle::web
