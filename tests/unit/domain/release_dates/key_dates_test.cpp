// Unit tests of key dates (domain/release_dates/key_dates.hpp).
#include "domain/release_dates/key_dates.hpp"

#include <gtest/gtest.h>

#include <string>

using namespace resettle;

namespace {

Date day(const char* text) { return parse_iso_date(text).value(); }
std::string text_of(const std::optional<Date>& date) { return date ? to_iso(*date) : ""; }

// Test names from each table row's name.
struct RowName {
  template <typename Row>
  std::string operator()(const ::testing::TestParamInfo<Row>& info) const { return info.param.name; }
};

Sentence determinate(ReleaseScheme scheme, const char* start, int length) {
  Sentence sentence;
  sentence.release_scheme = scheme;
  sentence.start_date = day(start);
  sentence.length_days = length;
  return sentence;
}

using enum ReleaseScheme;

TEST(KeyDates, RulesNameHowEachDateWasWorkedOut) {
  auto dates = compute_key_dates(determinate(standard, "2024-01-01", 366));
  EXPECT_EQ(dates[KeyDateKind::conditional_release]->rule, KeyDateRule::halfway);
  EXPECT_FALSE(dates.has(KeyDateKind::sentence_expiry));  // SLED replaces SED and LED on the same day
  EXPECT_FALSE(dates.has(KeyDateKind::licence_expiry));
  EXPECT_EQ(dates[KeyDateKind::sentence_and_licence_expiry]->rule, KeyDateRule::licence_and_sentence_together);
  EXPECT_EQ(dates[KeyDateKind::top_up_supervision_expiry]->rule, KeyDateRule::top_up_supervision);
  EXPECT_EQ(dates[KeyDateKind::home_detention_curfew_eligibility]->rule, KeyDateRule::home_detention_curfew);
  EXPECT_EQ(compute_key_dates(determinate(forty_percent, "2024-01-01", 366))[KeyDateKind::conditional_release]->rule,
            KeyDateRule::forty_percent);
  EXPECT_EQ(compute_key_dates(determinate(two_thirds, "2024-01-01", 366))[KeyDateKind::conditional_release]->rule,
            KeyDateRule::two_thirds);
  auto extended_sentence = determinate(extended, "2024-01-01", 366);
  extended_sentence.extension_days = 365;
  auto extended_dates = compute_key_dates(extended_sentence);
  EXPECT_EQ(extended_dates[KeyDateKind::conditional_release]->rule, KeyDateRule::extended_custodial_end);
  EXPECT_EQ(extended_dates[KeyDateKind::parole_eligibility]->rule, KeyDateRule::extended_parole_eligibility);
  EXPECT_EQ(extended_dates[KeyDateKind::sentence_and_licence_expiry]->rule, KeyDateRule::licence_and_sentence_together);
}

TEST(KeyDates, IndeterminateSentencesHaveOnlyWhatWasSupplied) {
  Sentence sentence;
  sentence.type = SentenceType::indeterminate;
  sentence.start_date = day("2015-01-01");
  sentence.length_days = 3650;
  sentence.supplied.tariff_date = day("2029-06-30");
  auto dates = compute_key_dates(sentence);
  EXPECT_EQ(text_of(dates.date(KeyDateKind::tariff)), "2029-06-30");
  EXPECT_TRUE(dates[KeyDateKind::tariff]->supplied());
  for (const auto& kind : key_date_kinds()) {
    if (kind.value != KeyDateKind::tariff) { EXPECT_FALSE(dates.has(kind.value)) << kind.code; }
  }
}

TEST(KeyDates, RecordedCreditNeverBringsADateBeforeTheDayOfSentence) {
  auto sentence = determinate(standard, "2024-03-31", 10);
  sentence.remand_days = 30;
  auto dates = compute_key_dates(sentence);
  EXPECT_EQ(text_of(dates.date(KeyDateKind::conditional_release)), "2024-03-31");
  EXPECT_EQ(text_of(dates.date(KeyDateKind::sentence_and_licence_expiry)), "2024-03-31");
}

TEST(KeyDates, NothingIsComputedWithoutStartOrLength) {
  Sentence no_length;
  no_length.start_date = day("2024-01-01");
  Sentence no_start;
  no_start.length_days = 365;
  no_start.supplied.conditional_release_date = day("2024-07-01");
  for (const auto& sentence : {no_length, no_start}) {
    auto dates = compute_key_dates(sentence);
    for (const auto& kind : key_date_kinds()) {
      if (dates.has(kind.value)) { EXPECT_TRUE(dates[kind.value]->supplied()) << kind.code; }
    }
  }
}

Sentence recalled(ReleaseScheme scheme, RecallType type, const char* returned_on) {
  auto sentence = determinate(scheme, "2025-06-02", 730);
  if (scheme == extended) sentence.extension_days = 365;
  sentence.recall = true;
  sentence.recall_served = Recall{type, day("2026-01-05"), day(returned_on)};
  return sentence;
}

TEST(KeyDates, TheRecallBeingServedGivesThePostRecallReleaseDate) {
  auto fixed = compute_key_dates(recalled(standard, RecallType::fixed_term_56, "2026-11-02"));
  EXPECT_EQ(text_of(fixed.date(KeyDateKind::post_recall_release)), "2026-12-27");  // return + 56 - 1
  EXPECT_EQ(fixed[KeyDateKind::post_recall_release]->rule, KeyDateRule::fixed_term_recall);

  // Returned before the 56-day recall commenced (2026-03-31): the 28 days decided stand.
  auto before_56 = compute_key_dates(recalled(standard, RecallType::fixed_term_28, "2026-02-02"));
  EXPECT_EQ(text_of(before_56.date(KeyDateKind::post_recall_release)), "2026-03-01");

  auto standard_recall = compute_key_dates(recalled(standard, RecallType::standard, "2026-11-02"));
  EXPECT_EQ(standard_recall[KeyDateKind::post_recall_release]->rule, KeyDateRule::standard_recall);
  EXPECT_EQ(standard_recall.date(KeyDateKind::post_recall_release),
            standard_recall.date(KeyDateKind::sentence_and_licence_expiry));

  // An extended sentence has standard recall only, whatever type was given.
  auto extended_recall = compute_key_dates(recalled(extended, RecallType::fixed_term_56, "2026-11-02"));
  EXPECT_EQ(extended_recall[KeyDateKind::post_recall_release]->rule, KeyDateRule::standard_recall);
}

TEST(KeyDates, AFixedTermRecallNeverRunsPastTheEndOfTheSentence) {
  auto late = compute_key_dates(recalled(standard, RecallType::fixed_term_56, "2027-05-20"));
  EXPECT_EQ(late.date(KeyDateKind::post_recall_release), late.date(KeyDateKind::sentence_and_licence_expiry));
}

TEST(KeyDates, NoPostRecallReleaseDateBeforeTheReturnToCustody) {
  auto sentence = recalled(standard, RecallType::fixed_term_56, "2026-11-02");
  sentence.recall_served->returned_on.reset();
  EXPECT_FALSE(compute_key_dates(sentence).has(KeyDateKind::post_recall_release));
  sentence.recall_served.reset();
  EXPECT_FALSE(compute_key_dates(sentence).has(KeyDateKind::post_recall_release));
}

TEST(KeyDates, AutomaticReleaseIsTheEarlierOfArdAndCrd) {
  EXPECT_EQ(earlier_release(day("2025-03-01"), day("2025-02-01")), day("2025-02-01"));
  EXPECT_EQ(earlier_release(day("2025-01-01"), day("2025-02-01")), day("2025-01-01"));
  EXPECT_EQ(earlier_release(std::nullopt, day("2025-02-01")), day("2025-02-01"));
  EXPECT_EQ(earlier_release(day("2025-03-01"), std::nullopt), day("2025-03-01"));
  EXPECT_EQ(earlier_release(std::nullopt, std::nullopt), std::nullopt);
}

TEST(KeyDates, EveryKindAndRuleHasItsOwnRowInOrder) {
  auto kinds = key_date_kinds();
  ASSERT_EQ(kinds.size(), key_date_kind_count);
  EXPECT_EQ(sentence_key_date_kinds().size(), 9u);
  EXPECT_EQ(sentence_key_date_kinds().back().value, KeyDateKind::tariff);
  for (std::size_t index = 0; index < kinds.size(); ++index)
    EXPECT_EQ(static_cast<std::size_t>(kinds[index].value), index);
  auto rules = key_date_rules();
  for (std::size_t index = 0; index < rules.size(); ++index) {
    EXPECT_EQ(static_cast<std::size_t>(rules[index].value), index);
    EXPECT_FALSE(rules[index].label.empty());
  }
  EXPECT_EQ(rules.back().value, KeyDateRule::home_detention_curfew_180_commencement);
}

TEST(KeyDates, SuppliedDateSlotsMatchTheirNames) {
  SuppliedKeyDates supplied;
  supplied_date(supplied, KeyDateKind::top_up_supervision_expiry) = day("2030-01-01");
  EXPECT_EQ(supplied.top_up_supervision_expiry_date, day("2030-01-01"));
  supplied_date(supplied, KeyDateKind::conditional_release) = day("2029-01-01");
  EXPECT_EQ(supplied.conditional_release_date, day("2029-01-01"));
  EXPECT_EQ(supplied_date(std::as_const(supplied), KeyDateKind::tariff), std::nullopt);
}

}  // namespace
