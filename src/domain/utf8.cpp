// Reading well-formed UTF-8 (see utf8.hpp).
#include "domain/utf8.hpp"

namespace resettle {

// By the lead byte, after the Unicode Standard's table of well-formed byte sequences: the range the
// second byte must fall in is what rules out overlong forms (after E0 and F0), surrogates (after ED)
// and code points past U+10FFFF (after F4); C0, C1 and F5-FF lead nothing.
Utf8Sequence first_utf8_sequence(std::string_view bytes) {
  if (bytes.empty()) return {};
  auto byte = [&](std::size_t i) { return static_cast<unsigned char>(bytes[i]); };
  auto lead = byte(0);
  if (lead < 0x80) return {lead, 1};
  std::size_t length = 0;
  unsigned char low = 0x80, high = 0xBF;  // where the second byte may lie
  if (lead >= 0xC2 && lead <= 0xDF) length = 2;
  else if (lead == 0xE0) length = 3, low = 0xA0;
  else if (lead == 0xED) length = 3, high = 0x9F;
  else if (lead >= 0xE1 && lead <= 0xEF) length = 3;
  else if (lead == 0xF0) length = 4, low = 0x90;
  else if (lead == 0xF4) length = 4, high = 0x8F;
  else if (lead >= 0xF1 && lead <= 0xF3) length = 4;
  else return {};
  if (bytes.size() < length || byte(1) < low || byte(1) > high) return {};
  char32_t point = lead & (0x7F >> length);  // the lead's bits after its length marker
  for (std::size_t i = 1; i < length; ++i) {
    if (byte(i) < 0x80 || byte(i) > 0xBF) return {};
    point = (point << 6) | (byte(i) & 0x3F);
  }
  return {point, length};
}

}  // namespace resettle
