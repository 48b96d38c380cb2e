// Recall: the consideration and its reasons, the recommendation and the manager's decision in turn,
// and the recall type by sentence kind, exclusion, age and the 56-day commencement.
#include "domain/recall/recall.hpp"

#include <gtest/gtest.h>

#include <functional>

#include "code_table_checks.hpp"
#include "refusal.hpp"
#include "domain/errors.hpp"

using namespace resettle;
using namespace std::chrono;

namespace {

constexpr Date before_56{2026y / March / 30};
constexpr Date from_56{2026y / March / 31};
constexpr Date today{2026y / December / 1};
const std::vector<std::string> conditions{"keep_in_touch", "live_at_address", "no_contact"};
constexpr std::int64_t officer = 7, manager = 9;

using test_support::failed_fields;

RecallTypeFacts adult_standard(Date on = today) {
  RecallTypeFacts facts;
  facts.recalled_on = on;
  return facts;
}

RecallConsideration considered(FieldInput input = {{"trigger", "both"}, {"risk_change", "New partner with children"},
                                                   {"conditions_breached", "keep_in_touch"}}) {
  return read_recall_consideration(input, conditions, officer);
}

RecallConsideration recommended() {
  return recommend_recall(considered(), {{"recommendation", "recall"}, {"recommendation_reasons", "Missed three"}}, officer,
                          today);
}

}  // namespace

TEST(Recall, CodeTablesAreComplete) {
  code_checks::expect_complete_code_table(recall_triggers(), 3);
  code_checks::expect_complete_code_table(recall_alternatives(), 6);
  code_checks::expect_complete_code_table(recall_outcomes(), 2);
  code_checks::expect_complete_code_table(recall_statuses(), 3);
  code_checks::expect_complete_code_table(recall_type_rules(), 12);
  code_checks::expect_complete_code_table(recall_exclusions(), 5);
}

TEST(Recall, TheExclusionsAManagerTicksEachSetTheirFactAndDecideTheRule) {
  for (const auto& exclusion : recall_exclusions()) {
    auto facts = read_recall_exclusions({{"exclusions", std::string{exclusion.code}}}, adult_standard());
    auto result = recall_type(facts);
    EXPECT_EQ(result.type, RecallType::standard) << exclusion.code;
    EXPECT_EQ(entry_for(recall_type_rules(), result.rule).code, exclusion.code) << "each exclusion's code is its rule's";
  }
  EXPECT_EQ(recall_type(read_recall_exclusions({}, adult_standard())).rule, RecallTypeRule::adult_fixed_term_56) << "none ticked";
  EXPECT_EQ(failed_fields([] { read_recall_exclusions({{"exclusions", "charged_with_new_offence, luck"}}, adult_standard()); }),
            std::vector<std::string>{"exclusions"});
}

// --- The recall type ----------------------------------------------------------------------------

TEST(RecallType, AnAdultStandardSentenceWithNoExclusionGets56DaysFrom31March2026) {
  auto result = recall_type(adult_standard(from_56));
  EXPECT_EQ(result.type, RecallType::fixed_term_56);
  EXPECT_EQ(result.rule, RecallTypeRule::adult_fixed_term_56);
  EXPECT_NE(result.reason.find("56-day"), std::string::npos) << result.reason;
  EXPECT_NE(result.reason.find("31 March 2026"), std::string::npos) << result.reason;
  auto short_sentence = adult_standard(from_56);
  short_sentence.sentence_under_12_months = true;
  EXPECT_EQ(recall_type(short_sentence).type, RecallType::fixed_term_56) << "56 days whatever the length";
}

TEST(RecallType, TheDayBefore31March2026Gives14Or28DaysByLength) {
  auto facts = adult_standard(before_56);
  auto long_sentence = recall_type(facts);
  EXPECT_EQ(long_sentence.type, RecallType::fixed_term_28);
  EXPECT_EQ(long_sentence.rule, RecallTypeRule::fixed_term_28_a_year_or_more);
  EXPECT_NE(long_sentence.reason.find("before 31 March 2026"), std::string::npos) << long_sentence.reason;
  facts.sentence_under_12_months = true;
  auto short_sentence = recall_type(facts);
  EXPECT_EQ(short_sentence.type, RecallType::fixed_term_14);
  EXPECT_EQ(short_sentence.rule, RecallTypeRule::fixed_term_14_under_a_year);
  EXPECT_EQ(recall_type(adult_standard(Date{2020y / January / 1})).type, RecallType::fixed_term_28);
}

TEST(RecallType, AYouthKeeps14Or28DaysAfter31March2026) {
  for (auto on : {before_56, from_56, today}) {
    auto facts = adult_standard(on);
    facts.adult = false;
    EXPECT_EQ(recall_type(facts).type, RecallType::fixed_term_28) << to_iso(on);
    facts.sentence_under_12_months = true;
    auto result = recall_type(facts);
    EXPECT_EQ(result.type, RecallType::fixed_term_14) << to_iso(on);
    EXPECT_EQ(result.reason.find("under 18") != std::string::npos, on >= from_56) << result.reason;
  }
}

TEST(RecallType, ExtendedIndeterminateAndSopcSentencesHaveStandardRecallOnly) {
  const std::pair<SentenceKind, RecallTypeRule> kinds[] = {
      {SentenceKind::indeterminate, RecallTypeRule::indeterminate_sentence},
      {SentenceKind::extended_automatic, RecallTypeRule::extended_sentence},
      {SentenceKind::extended_discretionary, RecallTypeRule::extended_sentence},
      {SentenceKind::special_custodial, RecallTypeRule::special_custodial_sentence},
      {SentenceKind::special_custodial_under_18, RecallTypeRule::special_custodial_sentence},
  };
  for (auto on : {before_56, from_56})
    for (auto [kind, rule] : kinds) {
      auto facts = adult_standard(on);
      facts.sentence_kind = kind;
      auto result = recall_type(facts);
      EXPECT_EQ(result.type, RecallType::standard) << entry_for(sentence_kinds(), kind).code;
      EXPECT_EQ(result.rule, rule) << entry_for(sentence_kinds(), kind).code;
      EXPECT_TRUE(result.reason.starts_with("Standard recall")) << result.reason;
    }
}

TEST(RecallType, SentencesWithNoLicenceCannotBeRecalled) {
  for (auto kind : {SentenceKind::detention_and_training_order, SentenceKind::default_term,
                    SentenceKind::breach_of_top_up_supervision}) {
    auto facts = adult_standard();
    facts.sentence_kind = kind;
    EXPECT_EQ(failed_fields([&] { recall_type(facts); }), std::vector<std::string>{"sentence_kind"});
  }
}

TEST(RecallType, EveryExclusionGivesStandardRecallOnEitherSideOf31March2026AndAtAnyAge) {
  const std::pair<std::function<void(RecallTypeFacts&)>, RecallTypeRule> exclusions[] = {
      {[](auto& f) { f.charged_with_new_offence = true; }, RecallTypeRule::charged_with_new_offence},
      {[](auto& f) { f.power_to_detain_referral = true; }, RecallTypeRule::power_to_detain_referral},
      {[](auto& f) { f.terrorist_or_national_security_offence = true; }, RecallTypeRule::terrorist_or_national_security_offence},
      {[](auto& f) { f.foreign_power_threat = true; }, RecallTypeRule::foreign_power_threat},
      {[](auto& f) { f.mappa_category_4 = true; }, RecallTypeRule::mappa_category_4},
      {[](auto& f) { f.mappa_level = MappaLevel::level_2; }, RecallTypeRule::mappa_level_2_or_3},
      {[](auto& f) { f.mappa_level = MappaLevel::level_3; }, RecallTypeRule::mappa_level_2_or_3},
  };
  for (auto on : {before_56, from_56})
    for (bool adult : {true, false})
      for (const auto& [set, rule] : exclusions) {
        auto facts = adult_standard(on);
        facts.adult = adult;
        facts.sentence_under_12_months = true;
        set(facts);
        auto result = recall_type(facts);
        EXPECT_EQ(result.type, RecallType::standard) << entry_for(recall_type_rules(), rule).code;
        EXPECT_EQ(result.rule, rule);
        EXPECT_EQ(result.reason, entry_for(recall_type_rules(), rule).label);
      }
}

TEST(RecallType, MappaLevel1OrNoneIsNoExclusion) {
  for (auto level : {MappaLevel::none, MappaLevel::level_1}) {
    auto facts = adult_standard();
    facts.mappa_level = level;
    EXPECT_EQ(recall_type(facts).type, RecallType::fixed_term_56);
  }
}

TEST(RecallType, TheSentenceKindDecidesBeforeAnExclusionAndExclusionsGoInDomainOrder) {
  auto facts = adult_standard();
  facts.sentence_kind = SentenceKind::extended_automatic;
  facts.charged_with_new_offence = true;
  EXPECT_EQ(recall_type(facts).rule, RecallTypeRule::extended_sentence);
  facts.sentence_kind = SentenceKind::standard;
  facts.mappa_level = MappaLevel::level_3;
  EXPECT_EQ(recall_type(facts).rule, RecallTypeRule::charged_with_new_offence);
}

// --- The consideration ------------------------------------------------------------------------

TEST(RecallConsideration, RecordsWhyWhatChangedWhatWasBreachedAndWhatWasTried) {
  auto consideration = considered({{"trigger", "both"},
                                   {"risk_change", "Contact with the victim"},
                                   {"conditions_breached", " no_contact, keep_in_touch,no_contact "},
                                   {"alternatives_tried", "warning, testing, warning"}});
  EXPECT_EQ(consideration.status, RecallStatus::considering);
  EXPECT_EQ(consideration.started_by, officer);
  EXPECT_EQ(consideration.trigger, RecallTrigger::both);
  EXPECT_EQ(consideration.risk_change, "Contact with the victim");
  EXPECT_EQ(consideration.conditions_breached, (std::vector<std::string>{"no_contact", "keep_in_touch"}));
  EXPECT_EQ(consideration.alternatives_tried, (std::vector{RecallAlternative::warning, RecallAlternative::testing}));
  EXPECT_FALSE(consideration.recommendation);
}

TEST(RecallConsideration, TheTriggerIsRequiredAndDecidesWhatElseIs) {
  auto read = [](FieldInput input) { return failed_fields([&] { read_recall_consideration(input, conditions, officer); }); };
  EXPECT_EQ(read({}), std::vector<std::string>{"trigger"});
  EXPECT_EQ(read({{"trigger", "bored"}}), std::vector<std::string>{"trigger"});
  EXPECT_EQ(read({{"trigger", "risk_increased"}}), std::vector<std::string>{"risk_change"});
  EXPECT_EQ(read({{"trigger", "compliance_broken_down"}}), std::vector<std::string>{"conditions_breached"});
  EXPECT_EQ(read({{"trigger", "both"}}), (std::vector<std::string>{"risk_change", "conditions_breached"}));
  EXPECT_TRUE(read({{"trigger", "risk_increased"}, {"risk_change", "Drinking again"}}).empty());
  EXPECT_TRUE(read({{"trigger", "compliance_broken_down"}, {"conditions_breached", "keep_in_touch"}}).empty());
  EXPECT_EQ(read({{"trigger", "risk_increased"}, {"risk_change", std::string(4001, 'x')}}),
            std::vector<std::string>{"risk_change"});
}

TEST(RecallConsideration, UnknownConditionsAndAlternativesAreNamed) {
  auto read = [](FieldInput input) { return failed_fields([&] { read_recall_consideration(input, conditions, officer); }); };
  EXPECT_EQ(read({{"trigger", "compliance_broken_down"}, {"conditions_breached", "keep_in_touch, fly_to_mars"}}),
            std::vector<std::string>{"conditions_breached"});
  EXPECT_EQ(read({{"trigger", "compliance_broken_down"}, {"conditions_breached", " , "}}),
            std::vector<std::string>{"conditions_breached"});
  EXPECT_EQ(read({{"trigger", "risk_increased"}, {"risk_change", "x"}, {"alternatives_tried", "warning, hope"}}),
            std::vector<std::string>{"alternatives_tried"});
  for (const auto& alternative : recall_alternatives())
    EXPECT_TRUE(read({{"trigger", "risk_increased"}, {"risk_change", "x"}, {"alternatives_tried", std::string{alternative.code}}})
                    .empty());
}

// --- Recommendation and decision, in turn -----------------------------------------------------

TEST(RecallConsideration, TheOfficerRecommendsWithReasons) {
  auto consideration = recommended();
  EXPECT_EQ(consideration.status, RecallStatus::recommended);
  EXPECT_EQ(consideration.recommendation, RecallOutcome::recall);
  EXPECT_EQ(consideration.recommendation_reasons, "Missed three");
  EXPECT_EQ(consideration.recommended_by, officer);
  EXPECT_EQ(consideration.recommended_on, today);
  auto recommend = [](FieldInput input) { return failed_fields([&] { recommend_recall(considered(), input, officer, today); }); };
  EXPECT_EQ(recommend({}), (std::vector<std::string>{"recommendation", "recommendation_reasons"}));
  EXPECT_EQ(recommend({{"recommendation", "maybe"}, {"recommendation_reasons", "x"}}),
            std::vector<std::string>{"recommendation"});
}

TEST(RecallConsideration, AManagerDecidesWithARationaleAndTheRecallTypeIsRecorded) {
  auto decided = decide_recall(recommended(), {{"decision", "recall"}, {"rationale", "Risk cannot be managed"}}, manager,
                               today, adult_standard(today));
  EXPECT_EQ(decided.status, RecallStatus::decided);
  EXPECT_EQ(decided.decision, RecallOutcome::recall);
  EXPECT_EQ(decided.decision_rationale, "Risk cannot be managed");
  EXPECT_EQ(decided.decided_by, manager);
  EXPECT_EQ(decided.decided_on, today);
  ASSERT_TRUE(decided.recall_type);
  EXPECT_EQ(decided.recall_type->type, RecallType::fixed_term_56);

  auto not_recalled = decide_recall(recommended(), {{"decision", "no_recall"}, {"rationale", "Try approved premises"}},
                                    manager, today, adult_standard(today));
  EXPECT_EQ(not_recalled.decision, RecallOutcome::no_recall);
  EXPECT_FALSE(not_recalled.recall_type) << "no recall, no type";
}

TEST(RecallConsideration, ADecisionWithoutARationaleNamesTheField) {
  auto decide = [](FieldInput input) {
    return failed_fields([&] { decide_recall(recommended(), input, manager, today, adult_standard()); });
  };
  EXPECT_EQ(decide({{"decision", "recall"}}), std::vector<std::string>{"rationale"});
  EXPECT_EQ(decide({{"decision", "recall"}, {"rationale", "   "}}), std::vector<std::string>{"rationale"});
  EXPECT_EQ(decide({}), (std::vector<std::string>{"decision", "rationale"}));
  EXPECT_EQ(decide({{"decision", "perhaps"}, {"rationale", "x"}}), std::vector<std::string>{"decision"});
}

TEST(RecallConsideration, TheOfficerWhoRecommendedMayNotDecide) {
  EXPECT_THROW(decide_recall(recommended(), {{"decision", "recall"}, {"rationale", "x"}}, officer, today, adult_standard()),
               Forbidden);
}

TEST(RecallConsideration, MovesOutOfTurnAreConflicts) {
  FieldInput decision{{"decision", "recall"}, {"rationale", "x"}};
  FieldInput recommendation{{"recommendation", "recall"}, {"recommendation_reasons", "x"}};
  EXPECT_THROW(decide_recall(considered(), decision, manager, today, adult_standard()), Conflict) << "not yet recommended";
  EXPECT_THROW(recommend_recall(recommended(), recommendation, officer, today), Conflict) << "recommended twice";
  auto decided = decide_recall(recommended(), decision, manager, today, adult_standard());
  EXPECT_THROW(recommend_recall(decided, recommendation, officer, today), Conflict);
  EXPECT_THROW(decide_recall(decided, decision, manager, today, adult_standard()), Conflict) << "decided twice";
  EXPECT_THROW(decide_recall(considered(), {}, officer, today, adult_standard()), Conflict) << "turn checked first";
}

TEST(RecallConsideration, ADecisionToRecallASentenceWithNoLicenceIsRefusedAndNothingChanges) {
  auto facts = adult_standard();
  facts.sentence_kind = SentenceKind::default_term;
  EXPECT_EQ(failed_fields([&] { decide_recall(recommended(), {{"decision", "recall"}, {"rationale", "x"}}, manager, today, facts); }),
            std::vector<std::string>{"sentence_kind"});
  EXPECT_NO_THROW(decide_recall(recommended(), {{"decision", "no_recall"}, {"rationale", "x"}}, manager, today, facts));
}

namespace {
constexpr Date decided_on{2026y / November / 20};

RecallConsideration recalled() {
  return decide_recall(recommended(), {{"decision", "recall"}, {"rationale", "Risk cannot be managed"}}, manager, decided_on,
                       adult_standard(decided_on));
}
}  // namespace

TEST(ReturnToCustody, RecordsTheDayAndThePrisonAndGivesTheRecallTheSentenceServes) {
  auto returned = record_return_to_custody(recalled(), {{"returned_on", "2026-11-23"}, {"prison_code", " lei "}}, today);
  EXPECT_EQ(returned.returned_on, (Date{2026y / November / 23}));
  EXPECT_EQ(returned.returned_to, "LEI");
  auto served = served_recall(returned);
  EXPECT_EQ(served.type, RecallType::fixed_term_56);
  EXPECT_EQ(served.revoked_on, decided_on);
  EXPECT_EQ(served.returned_on, returned.returned_on);
}

TEST(ReturnToCustody, TheDayIsRequiredNotAfterTodayAndNotBeforeTheDecision) {
  auto fields = [](FieldInput input) { return failed_fields([&] { record_return_to_custody(recalled(), input, today); }); };
  EXPECT_EQ(fields({}), (std::vector<std::string>{"returned_on", "prison_code"}));
  EXPECT_EQ(fields({{"returned_on", "2026-12-02"}, {"prison_code", "LEI"}}), std::vector<std::string>{"returned_on"});
  EXPECT_EQ(fields({{"returned_on", "2026-11-19"}, {"prison_code", "LEI"}}), std::vector<std::string>{"returned_on"});
  EXPECT_EQ(fields({{"returned_on", "23/11/2026"}, {"prison_code", "LEI"}}), std::vector<std::string>{"returned_on"});
  EXPECT_NO_THROW(record_return_to_custody(recalled(), {{"returned_on", "2026-11-20"}, {"prison_code", "LEI"}}, today));
  EXPECT_NO_THROW(record_return_to_custody(recalled(), {{"returned_on", "2026-12-01"}, {"prison_code", "LEI"}}, today));
}

TEST(ReturnToCustody, OnlyForADecisionToRecallAndOnlyOnce) {
  FieldInput input{{"returned_on", "2026-11-23"}, {"prison_code", "LEI"}};
  EXPECT_THROW(record_return_to_custody(recommended(), input, today), Conflict) << "not decided";
  auto not_recalled = decide_recall(recommended(), {{"decision", "no_recall"}, {"rationale", "x"}}, manager, decided_on,
                                    adult_standard(decided_on));
  EXPECT_THROW(record_return_to_custody(not_recalled, input, today), Conflict);
  auto returned = record_return_to_custody(recalled(), input, today);
  EXPECT_THROW(record_return_to_custody(returned, input, today), Conflict) << "returned twice";
  EXPECT_THROW(record_return_to_custody(recommended(), {}, today), Conflict) << "turn checked before the fields";
}

TEST(ReturnToCustody, ThePersonIsInCustodyAtThatPrisonAndKeepsTheirProbationUnit) {
  Person person;
  person.stage = CaseStage::on_licence;
  person.pdu_code = "LDS";
  auto returned = returned_person(person, "LEI");
  EXPECT_EQ(returned.stage, CaseStage::in_custody);
  EXPECT_EQ(returned.prison_code, "LEI");
  EXPECT_EQ(returned.pdu_code, "LDS");
}
