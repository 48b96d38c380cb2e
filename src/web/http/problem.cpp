// application/problem+json responses (see problem.hpp).
#include "web/http/problem.hpp"

#include <nlohmann/json.hpp>

namespace resettle::web {

Response problem(int status, std::string title, std::string detail, const std::vector<FieldError>& errors) {
  nlohmann::json body{{"type", "about:blank"}, {"title", std::move(title)}, {"status", status}, {"detail", std::move(detail)}};
  if (!errors.empty()) {
    auto& list = body["errors"] = nlohmann::json::array();
    for (const auto& error : errors) list.push_back({{"field", error.field}, {"message", error.message}});
  }
  // A detail may quote what the client sent (an id in the path), which need not be UTF-8: bytes that
  // are not become U+FFFD rather than a failure to answer.
  return Response::text(status, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                        "application/problem+json");
}

}  // namespace resettle::web
