#pragma once
// Well-formed UTF-8 (RFC 3629), read one sequence at a time: the one reading of it that the field
// checks (field_input) and the web layer's request decoding share.
#include <cstddef>
#include <string_view>

namespace resettle {

// A code point and the number of bytes that encode it.
struct Utf8Sequence {
  char32_t code_point = 0;
  std::size_t length = 0;  // 0: no well-formed sequence
};

// The well-formed UTF-8 sequence `bytes` starts with: never an overlong form, a surrogate
// (U+D800-U+DFFF), a code point past U+10FFFF or a sequence cut short. Length 0 when `bytes` is empty
// or starts with none (a stray continuation byte, a lead byte no sequence may begin with).
Utf8Sequence first_utf8_sequence(std::string_view bytes);

}  // namespace resettle
