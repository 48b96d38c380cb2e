#pragma once
// What a person types on their own pages (a comment on their plan, why they cannot come): short,
// counted in characters as they see them (a Welsh ŵ is one), with errors they can read in their own
// language. Each message is an English catalogue text (catalogue.hpp) the page translates.
#include <cstddef>
#include <string>
#include <string_view>

#include "domain/field_input.hpp"

namespace resettle {

// Long enough for a few sentences, short enough to read on a phone and for an officer to act on.
inline constexpr std::size_t own_words_limit = 500;

// The characters of valid UTF-8 text (code points).
std::size_t characters_in(std::string_view text);

// What to tell the person for each way their words may be wrong, naming the field in plain words.
struct OwnWordsMessages {
  std::string_view missing;   // blank when required: "Enter your comment"
  std::string_view too_long;  // over own_words_limit: "Your comment must be 500 characters or fewer"
};
// The text typed in `field`, trimmed. Throws ValidationFailed(field, ...) with messages.missing when it
// is required and blank, messages.too_long when longer than own_words_limit characters, and a message
// asking to type it again for characters we cannot keep (control or text-direction characters).
std::string read_own_words(const FieldInput& input, std::string_view field, Need need, const OwnWordsMessages& messages);

}  // namespace resettle
