// Unit tests of needs assessments (domain/plan/needs_assessment.hpp).
#include "domain/plan/needs_assessment.hpp"

#include <gtest/gtest.h>

#include "code_table_checks.hpp"

using namespace resettle;
using namespace std::chrono;

namespace {
PathwayAssessment entry(NeedLevel level, std::vector<std::string> strengths = {}, std::string words = {},
                        AssessmentSource source = AssessmentSource::practitioner) {
  return {level, std::move(strengths), std::move(words), source};
}

NeedsAssessment assessment_with(std::map<Pathway, PathwayAssessment> entries) {
  NeedsAssessment assessment;
  assessment.id = 7;
  assessment.person_id = 42;
  assessment.version = 3;
  assessment.kind = AssessmentKind::reception_screening;
  assessment.assessed_on = 2025y / March / 3;
  assessment.assessed_by = "Sam Okafor";
  assessment.pathways = std::move(entries);
  return assessment;
}

// A complete, valid form for every pathway.
FieldInput full_form() {
  FieldInput form{{"kind", "resettlement_assessment"}, {"assessed_on", "2025-04-01"}, {"assessed_by", "Sam Okafor"}};
  for (const auto& p : pathways()) {
    form[pathway_field(p.value, "need_level")] = "low";
    form[pathway_field(p.value, "source")] = "self_report";
  }
  return form;
}

std::vector<std::string> error_fields(const ValidationFailed& failure) {
  std::vector<std::string> fields;
  for (const auto& error : failure.errors()) fields.push_back(error.field);
  return fields;
}

std::string message_for(const ValidationFailed& failure, std::string_view field) {
  for (const auto& error : failure.errors())
    if (error.field == field) return error.message;
  return "<no error for " + std::string{field} + ">";
}
}  // namespace

TEST(NeedsAssessment, CodeTablesAreCompleteAndRoundTrip) {
  code_checks::expect_complete_code_table(need_levels(), 4);
  code_checks::expect_complete_code_table(assessment_sources(), 4);
  code_checks::expect_complete_code_table(assessment_kinds(), 2);
  code_checks::expect_complete_code_table(rosh_levels(), 4);
  code_checks::expect_complete_code_table(mappa_levels(), 4);
  code_checks::expect_complete_code_table(offers(), 2);
}

TEST(NeedsAssessment, NeedLevelsAreOrderedFromNoNeedToHigh) {
  EXPECT_LT(NeedLevel::no_need, NeedLevel::low);
  EXPECT_LT(NeedLevel::low, NeedLevel::medium);
  EXPECT_LT(NeedLevel::medium, NeedLevel::high);
  EXPECT_EQ(parse_code(mappa_levels(), "2"), MappaLevel::level_2);
}

TEST(ReceptionScreening, DueExactly72HoursAfterArrival) {
  struct Case {
    sys_seconds arrived, due;
  };
  const Case cases[] = {
      {sys_days{2024y / February / 27} + 10h, sys_days{2024y / March / 1} + 10h},  // across a leap day
      {sys_days{2023y / February / 27} + 10h, sys_days{2023y / March / 2} + 10h},
      {sys_days{2024y / December / 30} + 23h + 59min + 59s, sys_days{2025y / January / 2} + 23h + 59min + 59s},
      {sys_days{2025y / March / 29} + 12h, sys_days{2025y / April / 1} + 12h},  // clocks go forward: still 72 h in UTC
      {sys_days{2025y / October / 25} + 0h, sys_days{2025y / October / 28} + 0h},
  };
  for (const auto& c : cases) EXPECT_EQ(reception_screening_due(c.arrived), c.due);
}

TEST(ReceptionScreening, DueDateIsTheDayTheWindowEnds) {
  struct Case {
    Date arrival, due;
  };
  const Case cases[] = {
      {2024y / February / 28, 2024y / March / 2},
      {2023y / February / 28, 2023y / March / 3},
      {2024y / February / 27, 2024y / March / 1},
      {2024y / December / 31, 2025y / January / 3},
      {2025y / January / 31, 2025y / February / 3},
  };
  for (const auto& c : cases) EXPECT_EQ(reception_screening_due(c.arrival), c.due) << to_iso(c.arrival);
}

TEST(ReceptionScreening, OverdueOnlyFromTheDayAfterTheDueDate) {
  Date arrival = 2024y / February / 28;
  EXPECT_FALSE(reception_screening_overdue(arrival, 2024y / February / 28));
  EXPECT_FALSE(reception_screening_overdue(arrival, 2024y / March / 2));
  EXPECT_TRUE(reception_screening_overdue(arrival, 2024y / March / 3));
}

TEST(NeedsAssessment, PrefillCarriesEveryPathwayForward) {
  auto last = assessment_with({{Pathway::accommodation, entry(NeedLevel::high, {"Sister nearby"}, "I need a flat")},
                               {Pathway::health, entry(NeedLevel::no_need)}});
  auto next = prefill_from(last, AssessmentKind::resettlement_assessment, 2025y / May / 1, "Jo Lee");
  EXPECT_EQ(next.id, 0);
  EXPECT_EQ(next.version, 0);
  EXPECT_EQ(next.person_id, 42);
  EXPECT_EQ(next.kind, AssessmentKind::resettlement_assessment);
  EXPECT_EQ(next.assessed_on, Date{2025y / May / 1});
  EXPECT_EQ(next.assessed_by, "Jo Lee");
  EXPECT_EQ(next.pathways, last.pathways);
  EXPECT_TRUE(what_changed(last, next).empty());
}

TEST(NeedsAssessment, WhatChangedReportsEachKindOfChange) {
  auto before = assessment_with({
      {Pathway::accommodation, entry(NeedLevel::high, {"Sister nearby"}, "Nowhere to go")},
      {Pathway::education_training_employment, entry(NeedLevel::low)},
      {Pathway::health, entry(NeedLevel::medium, {"Sees GP", "Walks daily"})},
      {Pathway::drugs_alcohol, entry(NeedLevel::medium, {}, "", AssessmentSource::self_report)},
      {Pathway::finance_benefits_debt, entry(NeedLevel::high, {"Budgets well"})},
  });
  auto after = before;
  after.pathways[Pathway::accommodation].need_level = NeedLevel::medium;
  after.pathways[Pathway::education_training_employment].need_level = NeedLevel::high;
  after.pathways[Pathway::health].strengths = {"Walks daily", "Joined gym"};
  after.pathways[Pathway::drugs_alcohol].source = AssessmentSource::agency;
  after.pathways.erase(Pathway::finance_benefits_debt);
  after.pathways[Pathway::children_families_relationships] = entry(NeedLevel::low, {"Calls daughter weekly"});

  auto changes = what_changed(before, after);
  ASSERT_EQ(changes.size(), 6u);

  EXPECT_EQ(changes[0].pathway, Pathway::accommodation);
  EXPECT_EQ(changes[0].need_move(), NeedMove::lowered);
  EXPECT_EQ(changes[0].need_before, NeedLevel::high);
  EXPECT_EQ(changes[0].need_after, NeedLevel::medium);
  EXPECT_EQ(changes[0].changed_fields(), std::vector<std::string>{"accommodation.need_level"});

  EXPECT_EQ(changes[1].pathway, Pathway::education_training_employment);
  EXPECT_EQ(changes[1].need_move(), NeedMove::raised);

  EXPECT_EQ(changes[2].pathway, Pathway::health);
  EXPECT_EQ(changes[2].need_move(), NeedMove::unchanged);
  EXPECT_EQ(changes[2].strengths_added, std::vector<std::string>{"Joined gym"});
  EXPECT_EQ(changes[2].strengths_removed, std::vector<std::string>{"Sees GP"});
  EXPECT_EQ(changes[2].changed_fields(), std::vector<std::string>{"health.strengths"});

  EXPECT_EQ(changes[3].pathway, Pathway::drugs_alcohol);
  EXPECT_TRUE(changes[3].source_changed);
  EXPECT_EQ(changes[3].changed_fields(), std::vector<std::string>{"drugs_alcohol.source"});

  EXPECT_EQ(changes[4].pathway, Pathway::finance_benefits_debt);
  EXPECT_TRUE(changes[4].no_longer_assessed);
  EXPECT_EQ(changes[4].strengths_removed, std::vector<std::string>{"Budgets well"});

  EXPECT_EQ(changes[5].pathway, Pathway::children_families_relationships);
  EXPECT_TRUE(changes[5].newly_assessed);
  EXPECT_EQ(changes[5].strengths_added, std::vector<std::string>{"Calls daughter weekly"});
  EXPECT_EQ(changes[5].changed_fields().size(), 4u);
}

TEST(NeedsAssessment, WhatChangedNoticesTheirWordsAndNothingElse) {
  auto before = assessment_with({{Pathway::accommodation, entry(NeedLevel::high, {}, "Nowhere to go")}});
  auto after = before;
  after.pathways[Pathway::accommodation].own_words = "My mum says I can stay";
  auto changes = what_changed(before, after);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_TRUE(changes[0].own_words_changed);
  EXPECT_FALSE(changes[0].source_changed);
  EXPECT_EQ(changes[0].changed_fields(), std::vector<std::string>{"accommodation.own_words"});
  // The same strengths in another order are not a change.
  before.pathways[Pathway::accommodation].strengths = {"A", "B"};
  after = before;
  after.pathways[Pathway::accommodation].strengths = {"B", "A"};
  EXPECT_TRUE(what_changed(before, after).empty());
}

TEST(NeedsAssessment, ReadsOnePathwayWithStrengthsOnePerLine) {
  FieldInput form{{"accommodation.need_level", "high"},
                  {"accommodation.source", "self_report"},
                  {"accommodation.strengths", "Sister nearby\r\n\n  Has a job offer  \nSister nearby\n"},
                  {"accommodation.own_words", "  I just want my own place  "}};
  auto read = read_pathway_assessment(form, Pathway::accommodation);
  EXPECT_EQ(read.need_level, NeedLevel::high);
  EXPECT_EQ(read.source, AssessmentSource::self_report);
  EXPECT_EQ(read.strengths, (std::vector<std::string>{"Sister nearby", "Has a job offer"}));
  EXPECT_EQ(read.own_words, "I just want my own place");
}

TEST(NeedsAssessment, PathwayErrorsNameTheField) {
  struct Case {
    FieldInput form;
    std::string field;
    std::string message;
  };
  const Case cases[] = {
      {{{"accommodation.source", "oasys"}}, "accommodation.need_level", "Select a need level for accommodation"},
      {{{"accommodation.need_level", "severe"}, {"accommodation.source", "oasys"}},
       "accommodation.need_level",
       "must be one of: no_need, low, medium, high"},
      {{{"accommodation.need_level", "low"}},
       "accommodation.source",
       "Select where the information about accommodation came from"},
      {{{"accommodation.need_level", "low"}, {"accommodation.source", "gossip"}},
       "accommodation.source",
       "must be one of: self_report, practitioner, oasys, agency"},
      {{{"accommodation.need_level", "low"}, {"accommodation.source", "oasys"}, {"accommodation.own_words", std::string(4001, 'x')}},
       "accommodation.own_words",
       "must be 4000 characters or fewer"},
  };
  for (const auto& c : cases) {
    try {
      read_pathway_assessment(c.form, Pathway::accommodation);
      ADD_FAILURE() << "expected an error for " << c.field;
    } catch (const ValidationFailed& failure) {
      EXPECT_EQ(error_fields(failure), std::vector<std::string>{c.field});
      EXPECT_EQ(message_for(failure, c.field), c.message);
    }
  }
}

TEST(NeedsAssessment, ReadsAWholeAssessmentAndWritesItBack) {
  auto form = full_form();
  form["health.need_level"] = "high";
  form["health.strengths"] = "Keeps appointments\nSupportive partner";
  form["health.own_words"] = "I want my back sorted";
  auto read = read_needs_assessment(form, 2025y / April / 1);
  EXPECT_EQ(read.kind, AssessmentKind::resettlement_assessment);
  EXPECT_EQ(read.assessed_on, Date{2025y / April / 1});
  EXPECT_EQ(read.pathways.size(), 7u);
  EXPECT_EQ(read.pathways[Pathway::health].need_level, NeedLevel::high);
  EXPECT_EQ(read.pathways[Pathway::health].strengths.size(), 2u);

  auto written = needs_assessment_fields(read);
  auto again = read_needs_assessment(written, 2025y / April / 1);
  EXPECT_EQ(again.pathways, read.pathways);
  EXPECT_EQ(written["health.strengths"], "Keeps appointments\nSupportive partner");
}

TEST(NeedsAssessment, CollectsEveryBadFieldAcrossPathways) {
  auto form = full_form();
  form.erase("assessed_by");
  form["kind"] = "full";
  form["assessed_on"] = "2025-04-02";
  form.erase("drugs_alcohol.need_level");
  form["attitudes_thinking_behaviour.source"] = "rumour";
  try {
    read_needs_assessment(form, 2025y / April / 1);
    FAIL() << "expected ValidationFailed";
  } catch (const ValidationFailed& failure) {
    EXPECT_EQ(error_fields(failure), (std::vector<std::string>{"kind", "assessed_on", "assessed_by",
                                                               "drugs_alcohol.need_level",
                                                               "attitudes_thinking_behaviour.source"}));
    EXPECT_EQ(message_for(failure, "assessed_on"), "must be today or in the past");
  }
}

// "Not yet asked" is a valid answer at reception: the pathway is left out, and the checklist treats
// it as needed. A full assessment must cover every pathway, and says which one it is missing.
TEST(NeedsAssessment, AReceptionScreeningMayLeavePathwaysNotYetAsked) {
  auto form = full_form();
  form["kind"] = "reception_screening";
  for (auto field : {"drugs_alcohol.need_level", "drugs_alcohol.source", "health.need_level", "health.source"})
    form[field] = "";
  auto read = read_needs_assessment(form, 2025y / April / 1);
  EXPECT_EQ(read.pathways.size(), 5u);
  EXPECT_FALSE(read.pathways.contains(Pathway::drugs_alcohol));

  form["kind"] = "resettlement_assessment";
  try {
    read_needs_assessment(form, 2025y / April / 1);
    FAIL() << "expected ValidationFailed";
  } catch (const ValidationFailed& failure) {
    EXPECT_EQ(message_for(failure, "drugs_alcohol.need_level"), "Select a need level for drugs and alcohol");
  }
  // Half an answer at reception is still an error: a level needs its source.
  form["kind"] = "reception_screening";
  form["health.need_level"] = "high";
  EXPECT_THROW(read_needs_assessment(form, 2025y / April / 1), ValidationFailed);
}

TEST(Offer, SpecialisedOnAnyTriggerWithTheReasonsNamed) {
  struct Case {
    RiskFacts risk;
    Offer offer;
    std::string reason;
  };
  const Case cases[] = {
      {{RoshLevel::medium, Tier::c, MappaLevel::level_1}, Offer::core,
       "Risk of serious harm below high, not MAPPA level 2 or 3, and tier C or D"},
      {{RoshLevel::high, Tier::c, MappaLevel::none}, Offer::specialised, "Risk of serious harm: High"},
      {{RoshLevel::very_high, Tier::d, MappaLevel::none}, Offer::specialised, "Risk of serious harm: Very high"},
      {{RoshLevel::low, Tier::d, MappaLevel::level_2}, Offer::specialised, "MAPPA level 2"},
      {{RoshLevel::low, Tier::d, MappaLevel::level_3}, Offer::specialised, "MAPPA level 3"},
      {{RoshLevel::low, Tier::b, MappaLevel::none}, Offer::specialised, "Tier B"},
      {{RoshLevel::low, Tier::a, MappaLevel::none}, Offer::specialised, "Tier A"},
      {{RoshLevel::high, Tier::a, MappaLevel::level_3}, Offer::specialised,
       "Risk of serious harm: High; MAPPA level 3; Tier A"},
  };
  for (const auto& c : cases) {
    auto choice = choose_offer(c.risk);
    EXPECT_EQ(choice.offer, c.offer) << c.reason;
    EXPECT_EQ(choice.reason, c.reason);
  }
}

TEST(Offer, EveryCombinationFollowsTheThresholds) {
  for (const auto& rosh : rosh_levels())
    for (const auto& tier : tiers())
      for (const auto& mappa : mappa_levels()) {
        bool specialised = rosh.code == "high" || rosh.code == "very_high" || mappa.code == "2" ||
                           mappa.code == "3" || tier.value == Tier::a || tier.value == Tier::b;
        auto offer = choose_offer({rosh.value, tier.value, mappa.value}).offer;
        EXPECT_EQ(offer, specialised ? Offer::specialised : Offer::core) << rosh.code << tier.code << mappa.code;
      }
}
