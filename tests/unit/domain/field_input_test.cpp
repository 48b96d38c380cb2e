// The field reader: dates given whole or in the three boxes of a GOV.UK date input.
#include "domain/field_input.hpp"

#include <gtest/gtest.h>

using namespace resettle;
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
