// The one mapping from domain failures to HTTP answers (see failures.hpp).
#include "web/failures.hpp"

#include <algorithm>
#include <cctype>

#include <nlohmann/json.hpp>

namespace resettle::web {

FailureAnswer answer_to(std::exception_ptr failure) {
  try {
    std::rethrow_exception(failure);
  } catch (const ValidationFailed& e) {
    // On a page, bad input a form did not show back came in a link, such as a query parameter.
    std::string sentences;
    for (const auto& error : e.errors()) sentences += (sentences.empty() ? "" : " ") + error_sentence(error) + ".";
    return {422, "Some fields need correcting", "The request has fields that are missing or not valid.", e.errors(),
            422, "There is a problem with this link", sentences};
  } catch (const NotFound& e) {
    return {404, "Not found", e.what(), {}, 404, "Page not found", "If you typed the web address, check it is correct."};
  } catch (const Forbidden& e) {
    return {403, "Forbidden", e.what(), {}, 403, "You cannot do this", e.what()};
  } catch (const StaleVersion& e) {
    return {412, "Precondition failed", std::string{e.what()} + ": fetch it again, reapply your change and send it with the new ETag",
            {}, 409, "Someone else changed this record",
            "Go back and reload the page to see their change, then make yours again."};
  } catch (const Conflict& e) {
    return {409, "Conflict", e.what(), {}, 409, "This change is not possible", e.what()};
  } catch (const nlohmann::json::parse_error&) {
    return {400, "Bad request", "The body is not valid JSON.", {}, 400, "Bad request", "The body is not valid JSON."};
  }
}

std::string error_sentence(const FieldError& error) {
  if (!error.message.empty() && std::isupper(static_cast<unsigned char>(error.message.front()))) return error.message;
  std::string name = error.field;
  std::replace(name.begin(), name.end(), '_', ' ');
  std::replace(name.begin(), name.end(), '.', ' ');
  if (!name.empty()) name.front() = static_cast<char>(std::toupper(static_cast<unsigned char>(name.front())));
  return name + " " + error.message;
}

}  // namespace resettle::web
