// Checking prison numbers, CRNs and other national identifiers (see identifiers.hpp).
#include "domain/identifiers.hpp"

#include <cctype>

namespace resettle {

namespace {
// pattern: 'A' for an upper-case letter, '9' for a digit, anything else literally.
bool matches(std::string_view text, std::string_view pattern) {
  if (text.size() != pattern.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    bool ok = pattern[i] == 'A' ? (c >= 'A' && c <= 'Z') : pattern[i] == '9' ? std::isdigit(c) != 0 : c == pattern[i];
    if (!ok) return false;
  }
  return true;
}
}  // namespace

std::string normalise_identifier(std::string_view text) {
  auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  auto last = text.find_last_not_of(" \t");
  std::string result{text.substr(first, last - first + 1)};
  for (char& c : result) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return result;
}

bool is_prison_number(std::string_view text) { return matches(text, "A9999AA"); }
bool is_crn(std::string_view text) { return matches(text, "A999999"); }
bool is_pnc_number(std::string_view text) { return matches(text, "9999/9999999A"); }

}  // namespace resettle
