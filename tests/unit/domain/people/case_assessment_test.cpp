// Unit tests of one case on one day (domain/people/case_assessment.hpp).
#include "domain/people/case_assessment.hpp"

#include <gtest/gtest.h>

using namespace resettle;

namespace {

Date day(const char* text) { return parse_iso_date(text).value(); }

Person adult() {
  Person person;
  person.id = 7;
  person.given_name = "Jordan";
  person.family_name = "Hughes";
  person.date_of_birth = day("1990-05-17");
  return person;
}

// Two years from 2026-01-10: CRD at the halfway point, 2027-01-09.
Sentence two_years() {
  Sentence sentence;
  sentence.type = SentenceType::determinate;
  sentence.start_date = day("2026-01-10");
  sentence.length_days = 730;
  return sentence;
}

TEST(CaseAssessment, NoSentenceMeansNoOneIsResponsibleYet) {
  auto assessment = assess_case(adult(), StoredBooking{}, RiskProfile{}, day("2026-03-15"));
  EXPECT_EQ(assessment.responsibility.responsibility, Responsibility::none);
  EXPECT_EQ(assessment.responsibility.reason, HandoverReason::not_sentenced);
  EXPECT_FALSE(assessment.release_date);
}

TEST(CaseAssessment, DeterminateSentenceHandsOverEightMonthsAndTwoWeeksBeforeRelease) {
  auto sentence = two_years();
  auto assessment = assess_case(adult(), booking_of_one(sentence), RiskProfile{}, day("2026-03-15"));
  EXPECT_EQ(assessment.release_date, day("2027-01-09"));
  EXPECT_EQ(assessment.responsibility.handover_date, day("2026-04-25"));
  EXPECT_EQ(assessment.responsibility.com_allocated_date, day("2026-04-25"));
  EXPECT_EQ(assessment.responsibility.responsibility, Responsibility::pom);
  EXPECT_EQ(assessment.calculation.dates.date(KeyDateKind::conditional_release), day("2027-01-09"));
}

TEST(CaseAssessment, TheRiskProfileFeedsTheRules) {
  auto sentence = two_years();
  RiskProfile profile;
  profile.early_allocation = true;
  profile.tier = Tier::a;
  auto early = assess_case(adult(), booking_of_one(sentence), profile, day("2026-03-15"));
  EXPECT_EQ(early.responsibility.handover_date, day("2025-10-09"));  // release - 15 months
  EXPECT_EQ(early.responsibility.reason, HandoverReason::early_allocation);
  EXPECT_EQ(early.responsibility.pom_type, PomType::prison);  // the COM is responsible now, whatever the tier

  profile.manual_responsibility = ManualResponsibility::probation;
  auto manual = assess_case(adult(), booking_of_one(sentence), profile, day("2026-03-15"));
  EXPECT_EQ(manual.responsibility.responsibility, Responsibility::com);
  EXPECT_EQ(manual.responsibility.reason, HandoverReason::manual_probation);
}

TEST(CaseAssessment, AChildIsOutsideTheAdultRules) {
  auto child = adult();
  child.date_of_birth = day("2010-01-01");
  auto sentence = two_years();
  auto assessment = assess_case(child, booking_of_one(sentence), RiskProfile{}, day("2026-03-15"));
  EXPECT_EQ(assessment.responsibility.responsibility, Responsibility::none);
  EXPECT_EQ(assessment.responsibility.reason, HandoverReason::under_18);
}

TEST(CaseAssessment, CaseDatesKeepWhatWorklistsNeed) {
  auto sentence = two_years();
  auto assessment = assess_case(adult(), booking_of_one(sentence), RiskProfile{}, day("2026-03-15"));
  auto dates = case_dates_of(7, assessment, day("2026-03-15"));
  EXPECT_EQ(dates.person_id, 7);
  EXPECT_EQ(dates.handover_date, day("2026-04-25"));
  EXPECT_EQ(dates.release_date, day("2027-01-09"));
  EXPECT_EQ(dates.responsibility, Responsibility::pom);
  EXPECT_EQ(dates.worked_out_on, day("2026-03-15"));
}

TEST(RiskProfile, ReadsEveryFieldAndNamesEachBadOne) {
  auto profile = read_risk_profile({{"rosh", "high"}, {"tier", "B"}, {"mappa_level", "2"}, {"iom", "true"},
                                    {"early_allocation", "yes"}, {"open_prison_arrival_date", "2026-02-01"}});
  EXPECT_EQ(profile.rosh, RoshLevel::high);
  EXPECT_EQ(profile.tier, Tier::b);
  EXPECT_EQ(profile.mappa, MappaLevel::level_2);
  EXPECT_TRUE(profile.iom);
  EXPECT_TRUE(profile.early_allocation);
  EXPECT_EQ(profile.open_prison_arrival_date, day("2026-02-01"));
  EXPECT_EQ(read_risk_profile(risk_profile_fields(profile)).tier, Tier::b);  // round trip

  try {
    read_risk_profile({{"tier", "E"}, {"mappa_level", "5"}, {"manual_responsibility", "probation"},
                       {"open_prison_arrival_date", "2026-02-30"}});
    FAIL() << "expected ValidationFailed";
  } catch (const ValidationFailed& failed) {
    std::vector<std::string> fields;
    for (const auto& error : failed.errors()) fields.push_back(error.field);
    EXPECT_EQ(fields, (std::vector<std::string>{"tier", "mappa_level", "open_prison_arrival_date",
                                                "manual_responsibility_reason"}));
  }
}

TEST(CaseAssessment, TheOmicReviewFactsFeedTheRules) {
  Sentence life;
  life.type = SentenceType::indeterminate;
  life.start_date = day("2010-01-10");
  life.supplied.tariff_date = day("2020-01-10");
  life.target_hearing_date = day("2027-06-01");
  RiskProfile profile;
  profile.mappa = MappaLevel::level_2;
  EXPECT_EQ(assess_case(adult(), booking_of_one(life), profile, day("2026-03-15")).responsibility.reason, HandoverReason::indeterminate);
  profile.parole_review_completed = true;
  EXPECT_EQ(assess_case(adult(), booking_of_one(life), profile, day("2026-03-15")).responsibility.reason,
            HandoverReason::parole_refused_high_mappa);
  profile.further_indeterminate_sentence = true;
  EXPECT_EQ(assess_case(adult(), booking_of_one(life), profile, day("2026-03-15")).responsibility.reason,
            HandoverReason::further_indeterminate);
}

TEST(CaseAssessment, WomenEnterOpenConditionsWithCategoryT) {
  Sentence life;
  life.type = SentenceType::indeterminate;
  life.start_date = day("2010-01-10");
  life.supplied.tariff_date = day("2027-12-01");  // handover 2026-12-01
  RiskProfile profile;
  profile.open_prison_arrival_date = day("2026-02-01");
  profile.category_t_date = day("2026-03-01");
  auto woman = adult();
  woman.gender = Gender::female;
  EXPECT_EQ(assess_case(woman, booking_of_one(life), profile, day("2026-03-15")).responsibility.com_allocated_date, day("2026-03-01"));
  auto man = adult();
  man.gender = Gender::male;
  EXPECT_EQ(assess_case(man, booking_of_one(life), profile, day("2026-03-15")).responsibility.com_allocated_date, day("2026-02-01"));
}

}  // namespace
