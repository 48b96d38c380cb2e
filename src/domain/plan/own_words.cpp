// The person's own words on their pages (see own_words.hpp).
#include "domain/plan/own_words.hpp"

#include "domain/catalogue.hpp"

namespace resettle {

std::size_t characters_in(std::string_view text) {
  std::size_t count = 0;
  for (unsigned char byte : text)
    if ((byte & 0xC0U) != 0x80U) ++count;  // every byte but a continuation byte starts a character
  return count;
}

std::string read_own_words(const FieldInput& input, std::string_view field, Need need, const OwnWordsMessages& messages) {
  // Each character takes at most 4 bytes: the reader checks what the characters are, we count them.
  FieldReader reader{input};
  auto text = reader.text(field, need, own_words_limit * 4);
  if (reader.failed(field) && !reader.has(field)) throw ValidationFailed(std::string{field}, std::string{messages.missing});
  // More than 4 bytes a character is always too long; fewer is too long when the characters are.
  if (characters_in(reader.failed(field) ? input.find(field)->second : text) > own_words_limit)
    throw ValidationFailed(std::string{field}, std::string{messages.too_long});
  if (reader.failed(field))
    throw ValidationFailed(std::string{field},
                           std::string{for_translation("Some of what you typed cannot be saved. Type it again without "
                                                       "special symbols.")});
  return text;
}

}  // namespace resettle
