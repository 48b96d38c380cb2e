#include "domain/release_dates/booking.hpp"

#include <gtest/gtest.h>

using namespace resettle;

namespace {

Date day(const char* text) { return parse_iso_date(text).value(); }

template <typename E>
void expect_one_row_per_value_in_order(std::span<const Coded<E>> table) {
  for (std::size_t index = 0; index < table.size(); ++index) {
    EXPECT_EQ(static_cast<std::size_t>(table[index].value), index) << table[index].code;
    EXPECT_FALSE(table[index].label.empty()) << table[index].code;
  }
}

TEST(Booking, EveryCodeTableHasOneRowPerValueInOrder) {
  expect_one_row_per_value_in_order(sentence_kinds());
  expect_one_row_per_value_in_order(offence_exclusions());
  expect_one_row_per_value_in_order(progression_exclusions());
  expect_one_row_per_value_in_order(recall_types());
  expect_one_row_per_value_in_order(law_measures());
  expect_one_row_per_value_in_order(adjustment_types());
  expect_one_row_per_value_in_order(movement_directions());
  EXPECT_EQ(sentence_kinds().back().value, SentenceKind::indeterminate);
  EXPECT_EQ(law_measures().size(), law_measure_count);
  EXPECT_EQ(offence_exclusions().size(), OffenceExclusions{}.size());
  EXPECT_EQ(progression_exclusions().size(), ProgressionExclusions{}.size());
}

// Years, then months, then weeks, then days, from the day before the sentence.
struct TermRow {
  const char* start;
  Term term;
  const char* end;
  int days;
};
TEST(Booking, TermsBecomeDaysAsTheLawCountsThem) {
  const TermRow rows[] = {
      {"2026-02-06", {2, 0, 0, 0}, "2028-02-05", 730},
      {"2024-02-29", {1, 0, 0, 0}, "2025-02-28", 366},   // from 28 February, the day before
      {"2024-03-31", {0, 1, 0, 0}, "2024-04-30", 31},    // 30 March + 1 month
      {"2023-01-31", {0, 1, 0, 0}, "2023-02-28", 29},    // clamped to the month's end
      {"2024-01-01", {0, 6, 2, 3}, "2024-07-17", 199},   // months, then weeks and days
      {"2024-05-10", {0, 0, 0, 1}, "2024-05-10", 1},
      {"2023-03-01", {1, 11, 0, 0}, "2025-01-28", 700},   // from 28 February: months keep the 28th
      {"2024-03-01", {1, 1, 0, 0}, "2025-03-28", 393},    // 29 February + 1 year is 28 February; + 1 month, 28 March
      {"2024-11-15", {0, 14, 0, 0}, "2026-01-14", 426},   // months into the year after next
      {"2023-01-30", {0, 1, 0, 0}, "2023-02-28", 30},     // 29 January + 1 month: February cuts it
      {"2024-01-30", {0, 1, 0, 0}, "2024-02-29", 31},     // ... unless it is a leap year's
  };
  for (const auto& row : rows) {
    EXPECT_EQ(to_iso(term_end(day(row.start), row.term)), row.end) << row.start;
    EXPECT_EQ(term_days(day(row.start), row.term), row.days) << row.start;
  }
}

TEST(Booking, LawSwitchesAreOnUnlessSwitchedOff) {
  LawSwitches law;
  EXPECT_TRUE(law.on(LawMeasure::sds40));
  law.switch_off(LawMeasure::sds40);
  EXPECT_FALSE(law.on(LawMeasure::sds40));
  EXPECT_TRUE(law.on(LawMeasure::progression_model));
}

}  // namespace
