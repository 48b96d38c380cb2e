// Unit tests of responsibility and handover (domain/handover.hpp).
#include "domain/handover.hpp"

#include <gtest/gtest.h>

#include <string>

using namespace resettle;

namespace {

Date day(const char* text) { return parse_iso_date(text).value(); }
std::string text_of(const std::optional<Date>& date) { return date ? to_iso(*date) : ""; }

// An adult serving a determinate sentence since 2024-01-01, seen on 2025-06-01.
ResponsibilityFacts base_facts() {
  ResponsibilityFacts facts;
  facts.today = day("2025-06-01");
  facts.date_of_birth = day("1990-01-01");
  facts.sentence_start_date = day("2024-01-01");
  return facts;
}

struct Row {
  const char* name;
  void (*adjust)(ResponsibilityFacts&);
  Responsibility responsibility;
  const char* com_allocated;  // "" = not given
  const char* handover;
  HandoverReason reason;
  const char* release_used;
};

void PrintTo(const Row& row, std::ostream* out) { *out << row.name; }

struct RowName {
  std::string operator()(const ::testing::TestParamInfo<Row>& info) const { return info.param.name; }
};

class ResponsibilityRows : public ::testing::TestWithParam<Row> {};

TEST_P(ResponsibilityRows, DecideWhoLeads) {
  const auto& row = GetParam();
  auto facts = base_facts();
  row.adjust(facts);
  auto decision = decide_responsibility(facts);
  EXPECT_EQ(entry_for(responsibilities(), decision.responsibility).code,
            entry_for(responsibilities(), row.responsibility).code);
  EXPECT_EQ(text_of(decision.com_allocated_date), row.com_allocated);
  EXPECT_EQ(text_of(decision.handover_date), row.handover);
  EXPECT_EQ(entry_for(handover_reasons(), decision.reason).code, entry_for(handover_reasons(), row.reason).code);
  EXPECT_EQ(text_of(decision.release_date_used), row.release_used);
}

using enum Responsibility;
using enum HandoverReason;
using Facts = ResponsibilityFacts;
const Row rows[] = {
    // Determinate: handover 8 months and 14 days before release.
    {"DeterminateBeforeHandover", [](Facts& f) { f.conditional_release_date = day("2026-06-01"); },
     pom, "2025-09-17", "2025-09-17", determinate, "2026-06-01"},
    {"DeterminateDayBeforeHandover", [](Facts& f) { f.conditional_release_date = day("2026-06-01"); f.today = day("2025-09-16"); },
     pom, "2025-09-17", "2025-09-17", determinate, "2026-06-01"},
    {"DeterminateOnHandoverDay", [](Facts& f) { f.conditional_release_date = day("2026-06-01"); f.today = day("2025-09-17"); },
     com, "2025-09-17", "2025-09-17", determinate, "2026-06-01"},
    {"DeterminateMonthEndClamps", [](Facts& f) { f.conditional_release_date = day("2026-10-31"); },
     pom, "2026-02-14", "2026-02-14", determinate, "2026-10-31"},
    {"DeterminateMonthEndClampsToLeapDay", [](Facts& f) { f.conditional_release_date = day("2028-10-31"); },
     pom, "2028-02-15", "2028-02-15", determinate, "2028-10-31"},
    {"EarlierOfArdAndCrdIsUsed", [](Facts& f) { f.conditional_release_date = day("2026-10-31"); f.automatic_release_date = day("2026-06-01"); },
     pom, "2025-09-17", "2025-09-17", determinate, "2026-06-01"},
    {"ArdAloneIsUsed", [](Facts& f) { f.automatic_release_date = day("2026-06-01"); },
     pom, "2025-09-17", "2025-09-17", determinate, "2026-06-01"},
    {"PedHandover12MonthsBefore", [](Facts& f) { f.parole_eligibility_date = day("2026-06-01"); f.conditional_release_date = day("2027-01-01"); },
     com, "2025-06-01", "2025-06-01", parole_eligible, "2026-06-01"},
    {"PedOnLeapDay", [](Facts& f) { f.parole_eligibility_date = day("2028-02-29"); },
     pom, "2027-02-28", "2027-02-28", parole_eligible, "2028-02-29"},
    {"PedDayAfterHandover", [](Facts& f) { f.parole_eligibility_date = day("2026-05-31"); },
     com, "2025-05-31", "2025-05-31", parole_eligible, "2026-05-31"},
    {"PedDayBeforeHandover", [](Facts& f) { f.parole_eligibility_date = day("2026-06-02"); },
     pom, "2025-06-02", "2025-06-02", parole_eligible, "2026-06-02"},
    // Release within 10 months of sentence: COM from the start.
    {"ReleaseExactlyTenMonthsAfterStart", [](Facts& f) { f.conditional_release_date = day("2024-11-01"); },
     com, "2024-01-01", "2024-01-01", short_sentence, "2024-11-01"},
    {"ReleaseTenMonthsAndADayAfterStart", [](Facts& f) { f.conditional_release_date = day("2024-11-02"); f.today = day("2024-02-16"); },
     pom, "2024-02-17", "2024-02-17", determinate, "2024-11-02"},
    {"ShortSentenceMonthEndStart", [](Facts& f) { f.sentence_start_date = day("2024-03-31"); f.conditional_release_date = day("2025-01-31"); },
     com, "2024-03-31", "2024-03-31", short_sentence, "2025-01-31"},
    {"ShortSentenceStartingLater", [](Facts& f) { f.sentence_start_date = day("2025-07-01"); f.conditional_release_date = day("2025-12-01"); },
     pom, "2025-07-01", "2025-07-01", short_sentence, "2025-12-01"},
    {"ShortSentenceWithPed", [](Facts& f) { f.parole_eligibility_date = day("2024-06-01"); },
     com, "2024-01-01", "2024-01-01", short_sentence, "2024-06-01"},
    {"UnknownStartSkipsShortSentenceRule", [](Facts& f) { f.sentence_start_date.reset(); f.conditional_release_date = day("2025-09-01"); },
     com, "2024-12-18", "2024-12-18", determinate, "2025-09-01"},
    // Early allocation: 15 months, before every other date rule.
    {"EarlyAllocation", [](Facts& f) { f.early_allocation = true; f.conditional_release_date = day("2026-06-01"); },
     com, "2025-03-01", "2025-03-01", early_allocation, "2026-06-01"},
    {"EarlyAllocationBeatsShortSentence", [](Facts& f) { f.early_allocation = true; f.conditional_release_date = day("2024-11-01"); f.today = day("2024-01-02"); },
     com, "2023-08-01", "2023-08-01", early_allocation, "2024-11-01"},
    {"EarlyAllocationIndeterminate", [](Facts& f) { f.early_allocation = true; f.sentence_type = SentenceType::indeterminate; f.tariff_date = day("2027-09-30"); },
     pom, "2026-06-30", "2026-06-30", early_allocation, "2027-09-30"},
    // Indeterminate: tariff if ahead, else next hearing if ahead; handover 12 months before.
    {"IndeterminateTariffAYearAhead", [](Facts& f) { f.sentence_type = SentenceType::indeterminate; f.tariff_date = day("2026-06-01"); },
     com, "2025-06-01", "2025-06-01", indeterminate, "2026-06-01"},
    {"IndeterminateTariffAYearAndADayAhead", [](Facts& f) { f.sentence_type = SentenceType::indeterminate; f.tariff_date = day("2026-06-02"); },
     pom, "2025-06-02", "2025-06-02", indeterminate, "2026-06-02"},
    {"IndeterminateOpenConditionsStartOnArrival", [](Facts& f) {
       f.sentence_type = SentenceType::indeterminate; f.tariff_date = day("2026-12-01"); f.open_prison_arrival_date = day("2025-01-01"); },
     pom_with_com, "2025-01-01", "2025-12-01", indeterminate, "2026-12-01"},
    {"IndeterminateArrivalInOpenAfterHandoverIgnored", [](Facts& f) {
       f.sentence_type = SentenceType::indeterminate; f.tariff_date = day("2026-12-01"); f.open_prison_arrival_date = day("2026-01-01"); },
     pom, "2025-12-01", "2025-12-01", indeterminate, "2026-12-01"},
    {"IndeterminateArrivesInOpenToday", [](Facts& f) {
       f.sentence_type = SentenceType::indeterminate; f.tariff_date = day("2026-12-01"); f.open_prison_arrival_date = day("2025-06-01"); },
     pom_with_com, "2025-06-01", "2025-12-01", indeterminate, "2026-12-01"},
    {"DeterminateOpenConditionsIgnored", [](Facts& f) { f.conditional_release_date = day("2026-06-01"); f.open_prison_arrival_date = day("2025-01-01"); },
     pom, "2025-09-17", "2025-09-17", determinate, "2026-06-01"},
    {"IndeterminateTariffTodayUsesHearing", [](Facts& f) {
       f.sentence_type = SentenceType::indeterminate; f.tariff_date = day("2025-06-01"); f.target_hearing_date = day("2026-01-15"); },
     com, "2025-01-15", "2025-01-15", indeterminate, "2026-01-15"},
    {"IndeterminateHearingJustUnderAYear", [](Facts& f) {
       f.sentence_type = SentenceType::indeterminate; f.tariff_date = day("2020-01-01"); f.target_hearing_date = day("2026-05-31"); },
     com, "2025-05-31", "2025-05-31", indeterminate, "2026-05-31"},
    {"IndeterminateNoFutureDate", [](Facts& f) {
       f.sentence_type = SentenceType::indeterminate; f.tariff_date = day("2020-01-01"); f.target_hearing_date = day("2025-06-01"); },
     pom, "", "", no_release_date, ""},
    {"IndeterminateNothingKnown", [](Facts& f) { f.sentence_type = SentenceType::indeterminate; },
     pom, "", "", no_release_date, ""},
    // Past tariff with the next hearing 12 months or more away.
    {"HearingExactlyAYearAway", [](Facts& f) {
       f.sentence_type = SentenceType::indeterminate; f.tariff_date = day("2020-01-01"); f.target_hearing_date = day("2026-06-01"); },
     pom_with_com, "", "", parole_hearing_far_off, "2026-06-01"},
    {"HearingFarOffUnknownTariff", [](Facts& f) { f.sentence_type = SentenceType::indeterminate; f.target_hearing_date = day("2027-03-01"); },
     pom_with_com, "", "", parole_hearing_far_off, "2027-03-01"},
    {"HearingFarOffMappa2Refused", [](Facts& f) {
       f.sentence_type = SentenceType::indeterminate; f.tariff_date = day("2020-01-01"); f.target_hearing_date = day("2026-06-01"); f.mappa_level = 2; },
     com, "", "", parole_refused_high_mappa, "2026-06-01"},
    {"HearingFarOffMappa3Refused", [](Facts& f) {
       f.sentence_type = SentenceType::indeterminate; f.target_hearing_date = day("2027-01-01"); f.mappa_level = 3; },
     com, "", "", parole_refused_high_mappa, "2027-01-01"},
    {"HearingFarOffMappa1", [](Facts& f) {
       f.sentence_type = SentenceType::indeterminate; f.target_hearing_date = day("2027-01-01"); f.mappa_level = 1; },
     pom_with_com, "", "", parole_hearing_far_off, "2027-01-01"},
    {"HearingFarOffMappa3ReleasedLastTime", [](Facts& f) {
       f.sentence_type = SentenceType::indeterminate; f.target_hearing_date = day("2027-01-01"); f.mappa_level = 3; f.last_parole_outcome_release = true; },
     pom_with_com, "", "", parole_hearing_far_off, "2027-01-01"},
    {"HearingFarOffButTariffAhead", [](Facts& f) {
       f.sentence_type = SentenceType::indeterminate; f.tariff_date = day("2027-06-01"); f.target_hearing_date = day("2027-01-01"); },
     pom, "2026-06-01", "2026-06-01", indeterminate, "2027-06-01"},
    // Rules that need no dates.
    {"NoReleaseDate", [](Facts&) {}, pom, "", "", no_release_date, ""},
    {"Recall", [](Facts& f) { f.recall = true; f.conditional_release_date = day("2026-06-01"); },
     com, "", "", recall, "2026-06-01"},
    {"RecallWithoutDates", [](Facts& f) { f.recall = true; }, com, "", "", recall, ""},
    {"Immigration", [](Facts& f) { f.legal_status = LegalStatus::immigration_detainee; },
     com, "", "", immigration, ""},
    {"ManualPrisonBeatsRecall", [](Facts& f) { f.recall = true; f.manual_responsibility = ManualResponsibility::prison; },
     pom, "", "", manual_prison, ""},
    {"ManualProbation", [](Facts& f) { f.manual_responsibility = ManualResponsibility::probation; f.conditional_release_date = day("2030-01-01"); },
     com, "", "", manual_probation, "2030-01-01"},
    {"ManualPrisonBeatsImmigration", [](Facts& f) { f.legal_status = LegalStatus::immigration_detainee; f.manual_responsibility = ManualResponsibility::prison; },
     pom, "", "", manual_prison, ""},
    // Outside the rules.
    {"Remand", [](Facts& f) { f.legal_status = LegalStatus::remand; f.conditional_release_date = day("2026-06-01"); },
     none, "", "", not_sentenced, "2026-06-01"},
    {"Civil", [](Facts& f) { f.legal_status = LegalStatus::civil; f.manual_responsibility = ManualResponsibility::probation; },
     none, "", "", not_sentenced, ""},
    {"SeventeenTheDayBefore18", [](Facts& f) { f.date_of_birth = day("2007-06-02"); }, none, "", "", under_18, ""},
    {"Eighteen", [](Facts& f) { f.date_of_birth = day("2007-06-01"); }, pom, "", "", no_release_date, ""},
    {"LeapDayBirthdayNotYet18On28February", [](Facts& f) { f.date_of_birth = day("2008-02-29"); f.today = day("2026-02-28"); },
     none, "", "", under_18, ""},
    {"LeapDayBirthday18On1March", [](Facts& f) { f.date_of_birth = day("2008-02-29"); f.today = day("2026-03-01"); },
     pom, "", "", no_release_date, ""},
    {"AgeUnknown", [](Facts& f) { f.date_of_birth.reset(); }, none, "", "", age_unknown, ""},
    {"ImmigrationUnder18", [](Facts& f) { f.legal_status = LegalStatus::immigration_detainee; f.date_of_birth = day("2010-01-01"); },
     none, "", "", under_18, ""},
};
INSTANTIATE_TEST_SUITE_P(Table, ResponsibilityRows, ::testing::ValuesIn(rows), RowName{});

struct PomTypeRow {
  std::optional<Tier> tier;
  PomType expected;
};
class PomTypeRows : public ::testing::TestWithParam<PomTypeRow> {};
TEST_P(PomTypeRows, FollowTheTier) {
  auto facts = base_facts();
  facts.tier = GetParam().tier;
  EXPECT_EQ(decide_responsibility(facts).pom_type, GetParam().expected);
}
INSTANTIATE_TEST_SUITE_P(Table, PomTypeRows,
                         ::testing::Values(PomTypeRow{Tier::a, PomType::probation}, PomTypeRow{Tier::b, PomType::probation},
                                           PomTypeRow{Tier::c, PomType::prison}, PomTypeRow{Tier::d, PomType::prison},
                                           PomTypeRow{std::nullopt, PomType::prison}));

TEST(Responsibility, BirthdaysAtAge) {
  EXPECT_EQ(birthday_at_age(day("2007-06-01"), 18), day("2025-06-01"));
  EXPECT_EQ(birthday_at_age(day("2008-02-29"), 18), day("2026-03-01"));
  EXPECT_EQ(birthday_at_age(day("2008-02-29"), 16), day("2024-02-29"));
  EXPECT_EQ(birthday_at_age(day("2007-12-31"), 18), day("2025-12-31"));
}

TEST(Responsibility, SentenceFactsComeFromTheSentenceAndItsKeyDates) {
  Sentence sentence;
  sentence.start_date = day("2024-01-01");
  sentence.length_days = 1000;
  sentence.recall = true;
  sentence.target_hearing_date = day("2026-01-01");
  sentence.last_parole_outcome_release = true;
  sentence.supplied.parole_eligibility_date = day("2025-05-05");
  auto dates = compute_key_dates(sentence);
  ResponsibilityFacts facts;
  add_sentence_facts(facts, sentence, dates);
  EXPECT_EQ(facts.sentence_start_date, day("2024-01-01"));
  EXPECT_EQ(facts.conditional_release_date, dates.date(KeyDateKind::conditional_release));
  EXPECT_EQ(facts.parole_eligibility_date, day("2025-05-05"));
  EXPECT_TRUE(facts.recall);
  EXPECT_TRUE(facts.last_parole_outcome_release);
  EXPECT_EQ(facts.target_hearing_date, day("2026-01-01"));
}

TEST(Responsibility, EveryCodeListHasOneRowPerValueInOrder) {
  auto check = [](auto list, std::size_t size) {
    ASSERT_EQ(list.size(), size);
    for (std::size_t index = 0; index < list.size(); ++index) {
      EXPECT_EQ(static_cast<std::size_t>(list[index].value), index);
      EXPECT_FALSE(list[index].label.empty());
    }
  };
  check(responsibilities(), 4);
  check(pom_types(), 2);
  check(tiers(), 4);
  check(manual_responsibilities(), 2);
  check(handover_reasons(), 15);
  EXPECT_EQ(parse_code(tiers(), "B"), Tier::b);
  EXPECT_EQ(parse_code(responsibilities(), "pom_with_com"), Responsibility::pom_with_com);
}

}  // namespace
