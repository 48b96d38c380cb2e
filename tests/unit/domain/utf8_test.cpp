// Well-formed UTF-8, one sequence at a time: what the field checks accept as text and what the web
// layer keeps of a request's path and query (the rest becomes U+FFFD there).
#include "domain/utf8.hpp"

#include <gtest/gtest.h>

#include <string>

namespace resettle {
namespace {

void expect_sequence(std::string_view bytes, char32_t code_point, std::size_t length) {
  auto sequence = first_utf8_sequence(bytes);
  EXPECT_EQ(sequence.length, length) << bytes;
  EXPECT_EQ(sequence.code_point, code_point) << bytes;
}

void expect_none(std::string_view bytes) { EXPECT_EQ(first_utf8_sequence(bytes).length, 0u) << bytes; }

TEST(Utf8Test, ReadsOneSequenceOfEachLength) {
  expect_sequence("A", U'A', 1);
  expect_sequence("\xC3\xA2", U'\u00E2', 2);      // â
  expect_sequence("\xE2\x82\xAC", U'\u20AC', 3);  // €
  expect_sequence("\xF0\x9F\x98\x80", U'\U0001F600', 4);
}

TEST(Utf8Test, ReadsOnlyTheFirstSequence) {
  expect_sequence("Si\xC3\xA2n", U'S', 1);
  expect_sequence("\xC3\xA2n", U'\u00E2', 2);
  expect_sequence("\xE2\x82\xAC\xFF", U'\u20AC', 3);  // what follows is not read
}

TEST(Utf8Test, ReadsTheEdgesOfEachLength) {
  expect_sequence(std::string_view{"\0", 1}, U'\0', 1);
  expect_sequence("\x7F", U'\x7F', 1);
  expect_sequence("\xC2\x80", U'\u0080', 2);
  expect_sequence("\xDF\xBF", U'\u07FF', 2);
  expect_sequence("\xE0\xA0\x80", U'\u0800', 3);
  expect_sequence("\xED\x9F\xBF", U'\uD7FF', 3);  // just below the surrogates
  expect_sequence("\xEE\x80\x80", U'\uE000', 3);  // just above them
  expect_sequence("\xEF\xBF\xBF", U'\uFFFF', 3);
  expect_sequence("\xF0\x90\x80\x80", U'\U00010000', 4);
  expect_sequence("\xF4\x8F\xBF\xBF", U'\U0010FFFF', 4);
}

TEST(Utf8Test, RefusesOverlongForms) {
  for (std::string_view overlong : {"\xC0\xAF", "\xC1\xBF", "\xC0\x80", "\xE0\x80\xAF", "\xE0\x9F\xBF",
                                    "\xF0\x80\x80\xAF", "\xF0\x8F\xBF\xBF"})
    expect_none(overlong);
}

TEST(Utf8Test, RefusesSurrogates) {
  for (std::string_view surrogate : {"\xED\xA0\x80", "\xED\xAF\xBF", "\xED\xB0\x80", "\xED\xBF\xBF",
                                     "\xED\xA0\xBD\xED\xB8\x80" /* a pair, as CESU-8 writes U+1F600 */})
    expect_none(surrogate);
}

TEST(Utf8Test, RefusesCodePointsAboveTheLast) {
  for (std::string_view beyond : {"\xF4\x90\x80\x80", "\xF4\xBF\xBF\xBF", "\xF5\x80\x80\x80", "\xF7\xBF\xBF\xBF",
                                  "\xF8\x88\x80\x80\x80", "\xFC\x84\x80\x80\x80\x80", "\xFE", "\xFF"})
    expect_none(beyond);
}

TEST(Utf8Test, RefusesSequencesCutShort) {
  for (std::string_view cut : {"\xC3", "\xE2\x82", "\xE2", "\xF0\x9F\x98", "\xF0\x9F", "\xF0",
                               "\xC3" "A", "\xE2\x82" "A", "\xF0\x9F\x98" "A", "\xE2\xC3\xA2"})
    expect_none(cut);
}

TEST(Utf8Test, RefusesAContinuationByteWithoutALead) {
  for (std::string_view stray : {"\x80", "\xBF", "\x80" "A"}) expect_none(stray);
}

TEST(Utf8Test, FindsNothingInNothing) { expect_none(""); }

}  // namespace
}  // namespace resettle
