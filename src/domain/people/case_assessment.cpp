// One case on one day: key dates, who leads and the dates worklists need (see case_assessment.hpp).
#include "domain/people/case_assessment.hpp"

namespace resettle {

namespace {
ResponsibilityFacts facts_for(const Person& person, const RiskProfile& profile, Date today) {
  ResponsibilityFacts facts;
  facts.today = today;
  if (person.date_of_birth.ok()) facts.date_of_birth = person.date_of_birth;
  facts.early_allocation = profile.early_allocation;
  facts.mappa_level = static_cast<int>(profile.mappa);
  facts.tier = profile.tier;
  facts.open_prison_arrival_date = profile.open_prison_arrival_date;
  facts.womens_estate = person.gender == Gender::female;
  facts.category_t_date = profile.category_t_date;
  facts.parole_review_completed = profile.parole_review_completed;
  facts.further_indeterminate_sentence = profile.further_indeterminate_sentence;
  facts.manual_responsibility = profile.manual_responsibility;
  return facts;
}
}  // namespace

CaseAssessment assess_case(const Person& person, const StoredBooking& booking, const RiskProfile& profile, Date today) {
  CaseAssessment assessment;
  auto facts = facts_for(person, profile, today);
  const auto* sentence = booking.current();
  if (!sentence) {
    // Without a sentence the rules see someone not yet sentenced: no calculation.
    facts.legal_status = LegalStatus::remand;
    assessment.responsibility = decide_responsibility(facts);
    return assessment;
  }
  std::optional<Date> date_of_birth;
  if (person.date_of_birth.ok()) date_of_birth = person.date_of_birth;
  assessment.calculation = calculate_stored_booking(booking, date_of_birth, today);
  const auto& dates = assessment.calculation.dates;
  add_sentence_facts(facts, *sentence, dates);
  assessment.responsibility = decide_responsibility(facts);
  assessment.release_date = automatic_release(dates);
  return assessment;
}

CaseDates case_dates_of(std::int64_t person_id, const CaseAssessment& assessment, Date today) {
  const auto& decision = assessment.responsibility;
  return {person_id,           decision.responsibility, decision.reason,         decision.pom_type,
          decision.com_allocated_date, decision.handover_date, assessment.release_date, today};
}

}  // namespace resettle
