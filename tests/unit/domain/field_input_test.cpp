// The field readers every form and JSON body goes through: bad text, dates and numbers are refused
// here, at the edge, naming the field; dates given whole or in the three boxes of a GOV.UK date input.
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

TEST(TrimmedTest, DropsSpacesTabsAndLineBreaksAtEitherEndOnly) {
  EXPECT_EQ(trimmed(" \t\r\n Dydd Llun \r\n"), "Dydd Llun");
  EXPECT_EQ(trimmed("a  b"), "a  b");
  EXPECT_EQ(trimmed("x"), "x");
  EXPECT_EQ(trimmed(" \t\r\n"), "");
  EXPECT_EQ(trimmed(""), "");
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

// Dates given whole or in the three boxes of a GOV.UK date input.

namespace resettle {
using namespace std::chrono;

namespace {
// The date read from `input`'s "born" field, and the one error message if reading failed.
std::pair<std::optional<Date>, std::string> read_born(const FieldInput& input, Need need = Need::optional) {
  FieldReader reader{input};
  auto date = reader.date("born", need);
  try {
    reader.throw_if_failed();
  } catch (const ValidationFailed& failed) {
    EXPECT_EQ(failed.errors().size(), 1u);
    EXPECT_EQ(failed.errors().front().field, "born");
    return {date, failed.errors().front().message};
  }
  return {date, ""};
}
}  // namespace

TEST(FieldReaderDate, ReadsAWholeDateAsIsoOnly) {
  EXPECT_EQ(read_born({{"born", " 1990-12-31 "}}).first, Date{1990y / December / 31});
  EXPECT_EQ(read_born({{"born", "31/12/1990"}}).second, "must be a real date written as YYYY-MM-DD");
}

TEST(FieldReaderDate, ReadsTheThreeBoxesOfADateInput) {
  EXPECT_EQ(read_born({{"born-day", "5"}, {"born-month", "02"}, {"born-year", "2027"}}).first,
            Date{2027y / February / 5});
  // The boxes win over a stale whole date, as when a form's parts overlay a stored record.
  EXPECT_EQ(read_born({{"born", "2000-01-01"}, {"born-day", "5"}, {"born-month", "2"}, {"born-year", "2027"}}).first,
            Date{2027y / February / 5});
  // A whole date typed or pasted into the day box.
  EXPECT_EQ(read_born({{"born-day", "31/12/1990"}, {"born-month", ""}, {"born-year", ""}}).first,
            Date{1990y / December / 31});
  EXPECT_EQ(read_born({{"born-day", "1990-12-31"}}).first, Date{1990y / December / 31});
}

TEST(FieldReaderDate, SaysWhichPartIsMissingOrWrong) {
  EXPECT_EQ(read_born({{"born-day", "5"}, {"born-month", ""}, {"born-year", "2027"}}).second, "must include a month");
  EXPECT_EQ(read_born({{"born-day", ""}, {"born-month", "2"}, {"born-year", ""}}).second, "must include a day and year");
  EXPECT_EQ(read_born({{"born-day", "30"}, {"born-month", "2"}, {"born-year", "2027"}}).second, "must be a real date");
  EXPECT_EQ(read_born({{"born-day", "x"}, {"born-month", "2"}, {"born-year", "2027"}}).second, "must be a real date");
  EXPECT_EQ(read_born({{"born-day", "5"}, {"born-month", "2"}, {"born-year", "27"}}).second,
            "must include a year with 4 digits, like 1990");
}

TEST(FieldReaderDate, EmptyBoxesAreNotGivenAndRequiredOnlyWhenNeeded) {
  FieldInput empty{{"born-day", ""}, {"born-month", ""}, {"born-year", ""}};
  EXPECT_FALSE(read_born(empty).first.has_value());
  EXPECT_EQ(read_born(empty).second, "");
  EXPECT_EQ(read_born(empty, Need::required).second, "is required");
  // Empty boxes clear a stored date rather than keep it.
  auto cleared = empty;
  cleared["born"] = "2000-01-01";
  EXPECT_FALSE(read_born(cleared).first.has_value());
}

TEST(FieldReaderDate, GivesTheBoxesOfAStoredDate) {
  auto parts = date_parts_of("1990-12-31");
  EXPECT_EQ(parts.day, "31");
  EXPECT_EQ(parts.month, "12");
  EXPECT_EQ(parts.year, "1990");
  EXPECT_EQ(date_parts_of("5/2/2027").month, "2");
  EXPECT_EQ(date_parts_of("soon").day, "soon");
  EXPECT_EQ(date_part_names("born").year, "born-year");
}
}  // namespace resettle
