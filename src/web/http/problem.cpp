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
  return Response::text(status, body.dump(), "application/problem+json");
}

}  // namespace resettle::web
