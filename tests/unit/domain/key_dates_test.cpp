// Unit tests of key dates (domain/key_dates.hpp).
#include "domain/key_dates.hpp"

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

// One computed sentence; "" means the date is not given. LED and SLED follow SED when computed.
struct ComputedRow {
  const char* name;
  ReleaseScheme scheme;
  const char* start;
  int length;
  int remand;
  int tagged_bail;
  int extension;
  const char* crd;
  const char* ped;
  const char* hdced;
  const char* sed;
  const char* tused;
};

void PrintTo(const ComputedRow& row, std::ostream* out) { *out << row.name; }

class ComputedKeyDates : public ::testing::TestWithParam<ComputedRow> {};

TEST_P(ComputedKeyDates, FollowTheReleaseRules) {
  const auto& row = GetParam();
  auto sentence = determinate(row.scheme, row.start, row.length);
  sentence.remand_days = row.remand;
  sentence.tagged_bail_days = row.tagged_bail;
  if (row.extension) sentence.extension_days = row.extension;
  auto dates = compute_key_dates(sentence);
  EXPECT_EQ(text_of(dates.date(KeyDateKind::conditional_release)), row.crd);
  EXPECT_EQ(text_of(dates.date(KeyDateKind::parole_eligibility)), row.ped);
  EXPECT_EQ(text_of(dates.date(KeyDateKind::home_detention_curfew_eligibility)), row.hdced);
  EXPECT_EQ(text_of(dates.date(KeyDateKind::sentence_expiry)), row.sed);
  EXPECT_EQ(text_of(dates.date(KeyDateKind::licence_expiry)), row.sed);
  EXPECT_EQ(text_of(dates.date(KeyDateKind::sentence_and_licence_expiry)), row.sed);
  EXPECT_EQ(text_of(dates.date(KeyDateKind::top_up_supervision_expiry)), row.tused);
  EXPECT_FALSE(dates.has(KeyDateKind::automatic_release));
  EXPECT_FALSE(dates.has(KeyDateKind::tariff));
  for (const auto& kind : key_date_kinds()) {
    if (dates.has(kind.value)) { EXPECT_FALSE(dates[kind.value]->supplied()) << kind.code; }
  }
}

using enum ReleaseScheme;
const ComputedRow computed_rows[] = {
        ComputedRow{"HalfOfALeapYear", standard, "2024-01-01", 366, 0, 0, 0, "2024-07-01", "", "2024-04-01", "2024-12-31", "2025-07-01"},
        ComputedRow{"TwoYearsLessADayOverALeapDayKeepsSupervision", standard, "2023-03-01", 730, 0, 0, 0, "2024-02-28", "", "2023-09-01", "2025-02-27", "2025-02-28"},
        ComputedRow{"ExactlyTwoYearsOverALeapDayHasNoSupervision", standard, "2023-03-01", 731, 0, 0, 0, "2024-02-29", "", "2023-09-02", "2025-02-28", ""},
        ComputedRow{"ExactlyTwoYearsHasNoSupervision", standard, "2024-03-01", 730, 0, 0, 0, "2025-02-28", "", "2024-09-01", "2026-02-28", ""},
        ComputedRow{"OneDayUnderTwoYearsHasSupervision", standard, "2024-03-01", 729, 0, 0, 0, "2025-02-28", "", "2024-09-01", "2026-02-27", "2026-02-28"},
        ComputedRow{"LeapDayStartTwoYears", standard, "2024-02-29", 730, 0, 0, 0, "2025-02-27", "", "2024-08-31", "2026-02-27", ""},
        ComputedRow{"LeapDayStartJustUnderTwoYears", standard, "2024-02-29", 729, 0, 0, 0, "2025-02-27", "", "2024-08-31", "2026-02-26", "2026-02-27"},
        ComputedRow{"OneDayHasNoSupervision", standard, "2024-05-10", 1, 0, 0, 0, "2024-05-10", "", "", "2024-05-10", ""},
        ComputedRow{"TwoDaysReleasedOnTheDay", standard, "2024-05-10", 2, 0, 0, 0, "2024-05-10", "", "", "2024-05-11", "2025-05-10"},
        ComputedRow{"OddLengthRoundsUp", standard, "2024-05-10", 3, 0, 0, 0, "2024-05-11", "", "", "2024-05-12", "2025-05-11"},
        ComputedRow{"UnderTwelveWeeksHasNoCurfew", standard, "2024-05-10", 83, 0, 0, 0, "2024-06-20", "", "", "2024-07-31", "2025-06-20"},
        ComputedRow{"TwelveWeeksCurfewAfter28Days", standard, "2024-05-10", 84, 0, 0, 0, "2024-06-20", "", "2024-06-06", "2024-08-01", "2025-06-20"},
        ComputedRow{"FourYearsHasNoCurfew", standard, "2024-01-01", 1461, 0, 0, 0, "2025-12-31", "", "", "2027-12-31", ""},
        ComputedRow{"JustUnderFourYearsCurfew180DaysBeforeRelease", standard, "2024-01-01", 1460, 0, 0, 0, "2025-12-30", "", "2025-07-03", "2027-12-30", ""},
        ComputedRow{"EighteenMonthsCurfewAtAQuarter", standard, "2024-01-01", 547, 0, 0, 0, "2024-09-30", "", "2024-05-16", "2025-06-30", "2025-09-30"},
        ComputedRow{"FortyPercent", forty_percent, "2024-09-10", 365, 0, 0, 0, "2025-02-02", "", "2024-12-10", "2025-09-09", "2026-02-02"},
        ComputedRow{"FortyPercentShort", forty_percent, "2024-09-10", 5, 0, 0, 0, "2024-09-11", "", "", "2024-09-14", "2025-09-11"},
        ComputedRow{"TwoThirdsHasNoCurfew", two_thirds, "2024-01-01", 1461, 0, 0, 0, "2026-08-31", "", "", "2027-12-31", ""},
        ComputedRow{"TwoThirdsWithTaggedBail", two_thirds, "2024-02-29", 400, 0, 7, 0, "2024-11-14", "", "", "2025-03-27", "2025-11-14"},
        ComputedRow{"Extended", extended, "2024-01-01", 1095, 0, 0, 1460, "2026-12-30", "2025-12-30", "", "2030-12-29", ""},
        ComputedRow{"ExtendedWithRemand", extended, "2023-06-30", 2191, 100, 0, 1826, "2029-03-20", "2027-03-21", "", "2034-03-20", ""},
        ComputedRow{"RemandAndTaggedBailCredit", standard, "2024-01-01", 366, 10, 5, 0, "2024-06-16", "", "2024-03-17", "2024-12-16", "2025-06-16"},
        ComputedRow{"CreditNeverBeforeTheDayOfSentence", standard, "2024-03-31", 10, 30, 0, 0, "2024-03-31", "", "", "2024-03-31", "2025-03-31"},
        ComputedRow{"ReleaseOnALeapDaySupervisionClampsToFebruary28", standard, "2024-01-01", 119, 0, 0, 0, "2024-02-29", "", "2024-01-30", "2024-04-28", "2025-02-28"},
        ComputedRow{"AcrossTheEndOfFebruary", standard, "2023-01-31", 59, 0, 0, 0, "2023-03-01", "", "", "2023-03-30", "2024-03-01"},
        ComputedRow{"AcrossTheEndOfTheYear", standard, "2023-12-31", 62, 0, 0, 0, "2024-01-30", "", "", "2024-03-01", "2025-01-30"},
        ComputedRow{"FortyPercentWithRemand", forty_percent, "2024-01-31", 1000, 20, 0, 0, "2025-02-13", "", "2024-09-16", "2026-10-06", ""},
};
INSTANTIATE_TEST_SUITE_P(Table, ComputedKeyDates, ::testing::ValuesIn(computed_rows), RowName{});

TEST(KeyDates, RulesNameHowEachDateWasWorkedOut) {
  auto dates = compute_key_dates(determinate(standard, "2024-01-01", 366));
  EXPECT_EQ(dates[KeyDateKind::conditional_release]->rule, KeyDateRule::halfway);
  EXPECT_EQ(dates[KeyDateKind::sentence_expiry]->rule, KeyDateRule::sentence_end);
  EXPECT_EQ(dates[KeyDateKind::licence_expiry]->rule, KeyDateRule::licence_to_sentence_end);
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
  EXPECT_EQ(extended_dates[KeyDateKind::sentence_expiry]->rule, KeyDateRule::extended_sentence_end);
}

// Supplied dates are authoritative: they stand as given and computed dates build on them.
struct SuppliedRow {
  const char* name;
  KeyDateKind supplied_kind;
  const char* supplied;
  KeyDateKind checked_kind;
  const char* expected;
  bool expected_supplied;
};

void PrintTo(const SuppliedRow& row, std::ostream* out) { *out << row.name; }

class SuppliedKeyDateRows : public ::testing::TestWithParam<SuppliedRow> {};

TEST_P(SuppliedKeyDateRows, WinOverComputedOnes) {
  const auto& row = GetParam();
  auto sentence = determinate(standard, "2024-01-01", 366);  // computes CRD 2024-07-01, SED 2024-12-31
  supplied_date(sentence.supplied, row.supplied_kind) = day(row.supplied);
  auto dates = compute_key_dates(sentence);
  EXPECT_EQ(text_of(dates.date(row.checked_kind)), row.expected);
  if (dates.has(row.checked_kind)) {
    EXPECT_EQ(dates[row.checked_kind]->supplied(), row.expected_supplied);
  }
}

using enum KeyDateKind;
const SuppliedRow supplied_rows[] = {
        SuppliedRow{"SuppliedCrdStands", conditional_release, "2024-05-05", conditional_release, "2024-05-05", true},
        SuppliedRow{"SupervisionFollowsSuppliedCrd", conditional_release, "2024-05-05", top_up_supervision_expiry, "2025-05-05", false},
        SuppliedRow{"CurfewFollowsSuppliedCrd", conditional_release, "2024-05-05", home_detention_curfew_eligibility, "2024-04-01", false},
        SuppliedRow{"SuppliedArdStopsComputedCrd", automatic_release, "2024-06-20", conditional_release, "", false},
        SuppliedRow{"SupervisionFollowsSuppliedArd", automatic_release, "2024-06-20", top_up_supervision_expiry, "2025-06-20", false},
        SuppliedRow{"SuppliedSledStopsComputedLed", sentence_and_licence_expiry, "2024-11-30", licence_expiry, "", false},
        SuppliedRow{"SuppliedSledStopsComputedSed", sentence_and_licence_expiry, "2024-11-30", sentence_expiry, "", false},
        SuppliedRow{"SuppliedSledStands", sentence_and_licence_expiry, "2024-11-30", sentence_and_licence_expiry, "2024-11-30", true},
        SuppliedRow{"SuppliedLedStands", licence_expiry, "2024-10-31", licence_expiry, "2024-10-31", true},
        SuppliedRow{"SedStillComputedBesideSuppliedLed", licence_expiry, "2024-10-31", sentence_expiry, "2024-12-31", false},
        SuppliedRow{"NoSledWhenLedAndSedDiffer", licence_expiry, "2024-10-31", sentence_and_licence_expiry, "", false},
        SuppliedRow{"SledWhenSuppliedSedMatchesLed", sentence_expiry, "2024-12-31", sentence_and_licence_expiry, "2024-12-31", false},
        SuppliedRow{"SuppliedHdcedStands", home_detention_curfew_eligibility, "2024-02-02", home_detention_curfew_eligibility, "2024-02-02", true},
        SuppliedRow{"SuppliedTusedStands", top_up_supervision_expiry, "2025-01-01", top_up_supervision_expiry, "2025-01-01", true},
        SuppliedRow{"SuppliedPedKeptOnStandardSentence", parole_eligibility, "2024-03-03", parole_eligibility, "2024-03-03", true},
        SuppliedRow{"SuppliedTariffKept", tariff, "2030-01-01", tariff, "2030-01-01", true},
};
INSTANTIATE_TEST_SUITE_P(Table, SuppliedKeyDateRows, ::testing::ValuesIn(supplied_rows), RowName{});

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

TEST(KeyDates, AutomaticReleaseIsTheEarlierOfArdAndCrd) {
  EXPECT_EQ(earlier_release(day("2025-03-01"), day("2025-02-01")), day("2025-02-01"));
  EXPECT_EQ(earlier_release(day("2025-01-01"), day("2025-02-01")), day("2025-01-01"));
  EXPECT_EQ(earlier_release(std::nullopt, day("2025-02-01")), day("2025-02-01"));
  EXPECT_EQ(earlier_release(day("2025-03-01"), std::nullopt), day("2025-03-01"));
  EXPECT_EQ(earlier_release(std::nullopt, std::nullopt), std::nullopt);
}

TEST(KeyDates, EveryKindAndRuleHasItsOwnRowInOrder) {
  auto kinds = key_date_kinds();
  ASSERT_EQ(kinds.size(), 9u);
  for (std::size_t index = 0; index < kinds.size(); ++index)
    EXPECT_EQ(static_cast<std::size_t>(kinds[index].value), index);
  auto rules = key_date_rules();
  for (std::size_t index = 0; index < rules.size(); ++index) {
    EXPECT_EQ(static_cast<std::size_t>(rules[index].value), index);
    EXPECT_FALSE(rules[index].label.empty());
  }
  EXPECT_EQ(rules.back().value, KeyDateRule::home_detention_curfew);
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
