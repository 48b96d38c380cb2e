#pragma once
// application/problem+json (RFC 9457) responses for the JSON API, with a field-level errors list.
#include <string>
#include <vector>

#include "domain/errors.hpp"
#include "web/http/http.hpp"

namespace resettle::web {

Response problem(int status, std::string title, std::string detail, const std::vector<FieldError>& errors = {});

}  // namespace resettle::web
