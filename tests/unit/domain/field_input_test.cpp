// The field readers every form and JSON body goes through: bad text, dates and numbers are refused
// here, at the edge, naming the field.
#include "domain/field_input.hpp"

#include <gtest/gtest.h>

namespace resettle {
namespace {

// The message the reader gives for `value` in a text field, or "" when it is accepted.
std::string text_problem(const std::string& value) {
  FieldInput input{{"given_name", value}};
  FieldReader reader{input};
  reader.text("given_name", Need::required, 200);
  try {
    reader.throw_if_failed();
  } catch (const ValidationFailed& failed) {
    EXPECT_EQ(failed.errors().front().field, "given_name");
    return failed.errors().front().message;
  }
  return "";
}

std::string date_problem(const std::string& value) {
  FieldInput input{{"date_of_birth", value}};
  FieldReader reader{input};
  reader.date("date_of_birth", Need::required);
  try {
    reader.throw_if_failed();
  } catch (const ValidationFailed& failed) {
    EXPECT_EQ(failed.errors().front().field, "date_of_birth");
    return failed.errors().front().message;
  }
  return "";
}

TEST(FieldReaderTest, TextInAnyScriptIsAccepted) {
  for (const char* name : {"Ann", "Zoë Ó Briain", "Siân ap Dafydd", "Łukasz", "Алексей", "محمد", "王芳", "e\u0301", "😀",
                           "two\nlines\twith a tab"})
    EXPECT_EQ(text_problem(name), "") << name;
}

TEST(FieldReaderTest, TextThatIsNotUtf8IsRefused) {
  for (std::string bad : {"\xff", "Ann\xfe", "\xc0\xaf" /* overlong '/' */, "\xed\xa0\x80" /* a surrogate */,
                          "\xf4\x90\x80\x80" /* past U+10FFFF */, "\xe2\x82" /* cut short */, "\x80"})
    EXPECT_EQ(text_problem(bad), "must be valid UTF-8 text") << bad;
}

TEST(FieldReaderTest, ControlCharactersAreRefused) {
  EXPECT_EQ(text_problem(std::string{"Ann\0Smith", 9}), "must not contain control characters");
  EXPECT_EQ(text_problem("A\x07" "B"), "must not contain control characters");
  EXPECT_EQ(text_problem("A\x1b[31mB"), "must not contain control characters");
  EXPECT_EQ(text_problem("A\u0085B"), "must not contain control characters");  // C1 next line
}

TEST(FieldReaderTest, TextDirectionControlsAreRefused) {
  for (const char* spoof : {"Ann\u202Etxt.exe", "\u202Aa", "\u202Ba", "\u202Ca", "\u202Da", "\u2066x\u2069", "\u2067x",
                            "\u2068x", "a\u200Eb", "a\u200Fb", "a\u061Cb"})
    EXPECT_EQ(text_problem(spoof), "must not contain text-direction control characters") << spoof;
}

TEST(FieldReaderTest, DatesFrom1900To2200AreAccepted) {
  EXPECT_EQ(date_problem("1900-01-01"), "");
  EXPECT_EQ(date_problem("2200-12-31"), "");
  EXPECT_EQ(date_problem("2024-02-29"), "");
}

TEST(FieldReaderTest, DatesOutside1900To2200AreRefused) {
  EXPECT_EQ(date_problem("1899-12-31"), "must be between 1900 and 2200");
  EXPECT_EQ(date_problem("2201-01-01"), "must be between 1900 and 2200");
  EXPECT_EQ(date_problem("0001-01-01"), "must be between 1900 and 2200");
  EXPECT_EQ(date_problem("9999-12-31"), "must be between 1900 and 2200");
  EXPECT_EQ(date_problem("2023-02-29"), "must be a real date written as YYYY-MM-DD");
}

TEST(FieldReaderTest, NumbersOutOfRangeOrNotWholeAreRefused) {
  FieldInput input{{"a", "9223372036854775808"}, {"b", "-1"}, {"c", "1e3"}, {"d", "12abc"}, {"e", "7"}};
  FieldReader reader{input};
  reader.integer("a", Need::required, 0, 100);
  reader.integer("b", Need::required, 0, 100);
  reader.integer("c", Need::required, 0, 100);
  reader.integer("d", Need::required, 0, 100);
  EXPECT_EQ(reader.integer("e", Need::required, 0, 100), 7);
  try {
    reader.throw_if_failed();
    FAIL() << "expected ValidationFailed";
  } catch (const ValidationFailed& failed) {
    ASSERT_EQ(failed.errors().size(), 4u);
    EXPECT_EQ(failed.errors()[0].field, "a");
    EXPECT_EQ(failed.errors()[0].message, "must be a whole number");  // too big to be one
    EXPECT_EQ(failed.errors()[1].message, "must be between 0 and 100");
    EXPECT_EQ(failed.errors()[2].message, "must be a whole number");
    EXPECT_EQ(failed.errors()[3].message, "must be a whole number");
  }
}

}  // namespace
}  // namespace resettle
