#pragma once
// One mapping from the domain's failures (domain/errors.hpp) to what the web layer answers: each
// failure's HTTP status and problem+json for the API, and its error page or a form's error summary
// for pages. page() and api() (web_context.hpp) answer every failure a handler lets through with
// it; a route handler runs a form's change through errors_from and catches nothing itself.
#include <exception>
#include <string>
#include <string_view>
#include <vector>

#include "domain/errors.hpp"

namespace resettle::web {

// How the API and the pages answer one failure.
struct FailureAnswer {
  int api_status = 500;
  std::string title;               // problem+json
  std::string detail;
  std::vector<FieldError> errors;  // problem+json's field-level list
  // Pages send no If-Match: a stale write is a conflict to them (409), not a failed precondition.
  int page_status = 500;
  std::string heading;  // the error page
  std::string message;
};

// The answer to `failure`: ValidationFailed 422, NotFound 404, Forbidden 403, StaleVersion 412 (409
// on pages), Conflict 409, a JSON body that does not parse 400. Rethrows any other failure, which
// the server answers with a 500.
FailureAnswer answer_to(std::exception_ptr failure);

// A field error as a sentence of an error summary: "date_of_birth" + "is required" ->
// "Date of birth is required"; a message that is already a sentence passes unchanged.
std::string error_sentence(const FieldError& error);

// Runs a form's change and returns what the form shows back in its error summary: nothing when it
// succeeded, a ValidationFailed's fields, or, for a form that names `conflict_field`, a Conflict's
// reason against that field. Any other failure goes on to page(), which answers with an error page.
template <typename Change>
std::vector<FieldError> errors_from(Change&& change, std::string_view conflict_field = {}) {
  try {
    change();
    return {};
  } catch (const ValidationFailed& failed) {
    return failed.errors();
  } catch (const Conflict& conflict) {
    if (conflict_field.empty()) throw;
    return {{std::string{conflict_field}, conflict.what()}};
  }
}

}  // namespace resettle::web
