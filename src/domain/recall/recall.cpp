// Recall: the consideration, its recommendation and decision, and the recall type (see recall.hpp).
#include "domain/recall/recall.hpp"

#include <algorithm>
#include <array>

#include "domain/errors.hpp"
#include "domain/identifiers.hpp"
#include "domain/release_dates/release_rules.hpp"

namespace resettle {

namespace {
// Stored and sent in JSON: codes may only be added to, never changed or removed; labels may change.
constexpr std::array<Coded<RecallTrigger>, 3> trigger_table{{
    {RecallTrigger::risk_increased, "risk_increased", "Risk has increased"},
    {RecallTrigger::compliance_broken_down, "compliance_broken_down", "Compliance has broken down"},
    {RecallTrigger::both, "both", "Risk has increased and compliance has broken down"},
}};

// Stored and sent in JSON: codes may only be added to, never changed or removed; labels may change.
constexpr std::array<Coded<RecallAlternative>, 6> alternative_table{{
    {RecallAlternative::warning, "warning", "Warning"},
    {RecallAlternative::more_frequent_contact, "more_frequent_contact", "More frequent contact"},
    {RecallAlternative::added_conditions, "added_conditions", "Added licence conditions"},
    {RecallAlternative::referral, "referral", "Referral to a service"},
    {RecallAlternative::approved_premises, "approved_premises", "Approved premises"},
    {RecallAlternative::testing, "testing", "Drug or alcohol testing"},
}};

// Stored and sent in JSON: codes may only be added to, never changed or removed; labels may change.
constexpr std::array<Coded<RecallOutcome>, 2> outcome_table{{
    {RecallOutcome::recall, "recall", "Recall"},
    {RecallOutcome::no_recall, "no_recall", "No recall"},
}};

// Stored and sent in JSON: codes may only be added to, never changed or removed; labels may change.
constexpr std::array<Coded<RecallStatus>, 3> status_table{{
    {RecallStatus::considering, "considering", "Being considered"},
    {RecallStatus::recommended, "recommended", "Recommended: waiting for a manager's decision"},
    {RecallStatus::decided, "decided", "Decided"},
}};

// Stored and sent in JSON: codes may only be added to, never changed or removed; labels may change.
// The labels of the standard-recall rows are the reason a practitioner reads.
constexpr std::array<Coded<RecallTypeRule>, 12> rule_table{{
    {RecallTypeRule::indeterminate_sentence, "indeterminate_sentence",
     "Standard recall: an indeterminate sentence (life or IPP) is recalled until the Parole Board directs release"},
    {RecallTypeRule::extended_sentence, "extended_sentence", "Standard recall: an extended sentence has standard recall only"},
    {RecallTypeRule::special_custodial_sentence, "special_custodial_sentence",
     "Standard recall: a sentence for offenders of particular concern (SOPC) excludes fixed-term recall"},
    {RecallTypeRule::charged_with_new_offence, "charged_with_new_offence",
     "Standard recall: being charged with a new offence excludes fixed-term recall"},
    {RecallTypeRule::power_to_detain_referral, "power_to_detain_referral",
     "Standard recall: a referral to the Parole Board under the power to detain excludes fixed-term recall"},
    {RecallTypeRule::terrorist_or_national_security_offence, "terrorist_or_national_security_offence",
     "Standard recall: a terrorist or national-security offence excludes fixed-term recall"},
    {RecallTypeRule::foreign_power_threat, "foreign_power_threat",
     "Standard recall: a foreign-power threat excludes fixed-term recall"},
    {RecallTypeRule::mappa_category_4, "mappa_category_4", "Standard recall: MAPPA category 4 excludes fixed-term recall"},
    {RecallTypeRule::mappa_level_2_or_3, "mappa_level_2_or_3",
     "Standard recall: management at MAPPA level 2 or 3 excludes fixed-term recall"},
    {RecallTypeRule::adult_fixed_term_56, "adult_fixed_term_56",
     "56-day fixed-term recall: an adult on a standard sentence with no exclusion"},
    {RecallTypeRule::fixed_term_14_under_a_year, "fixed_term_14_under_a_year",
     "14-day fixed-term recall: a standard sentence under 12 months"},
    {RecallTypeRule::fixed_term_28_a_year_or_more, "fixed_term_28_a_year_or_more",
     "28-day fixed-term recall: a standard sentence of 12 months or more"},
}};

// Stored and sent in JSON: codes may only be added to, never changed or removed; labels may change.
constexpr std::array<Coded<RecallExclusion>, 5> exclusion_table{{
    {RecallExclusion::charged_with_new_offence, "charged_with_new_offence", "Charged with a new offence"},
    {RecallExclusion::power_to_detain_referral, "power_to_detain_referral",
     "Referred to the Parole Board under the power to detain"},
    {RecallExclusion::terrorist_or_national_security_offence, "terrorist_or_national_security_offence",
     "A terrorist or national-security offence"},
    {RecallExclusion::foreign_power_threat, "foreign_power_threat", "A foreign-power threat"},
    {RecallExclusion::mappa_category_4, "mappa_category_4", "MAPPA category 4"},
}};

constexpr std::size_t risk_change_max = 4000;
constexpr std::size_t reasons_max = 4000;

RecallTypeResult standard_recall(RecallTypeRule rule) {
  return {RecallType::standard, rule, std::string{entry_for<RecallTypeRule>(rule_table, rule).label}};
}

// The first exclusion that applies, in domain.md's order.
std::optional<RecallTypeRule> exclusion(const RecallTypeFacts& facts) {
  if (facts.charged_with_new_offence) return RecallTypeRule::charged_with_new_offence;
  if (facts.power_to_detain_referral) return RecallTypeRule::power_to_detain_referral;
  if (facts.terrorist_or_national_security_offence) return RecallTypeRule::terrorist_or_national_security_offence;
  if (facts.foreign_power_threat) return RecallTypeRule::foreign_power_threat;
  if (facts.mappa_category_4) return RecallTypeRule::mappa_category_4;
  if (facts.mappa_level == MappaLevel::level_2 || facts.mappa_level == MappaLevel::level_3)
    return RecallTypeRule::mappa_level_2_or_3;
  return std::nullopt;
}

// Sentence kinds with a licence but standard recall only; nullopt for a standard determinate sentence.
std::optional<RecallTypeRule> kind_rule(SentenceKind kind) {
  switch (kind) {
    case SentenceKind::standard: return std::nullopt;
    case SentenceKind::indeterminate: return RecallTypeRule::indeterminate_sentence;
    case SentenceKind::extended_automatic:
    case SentenceKind::extended_discretionary: return RecallTypeRule::extended_sentence;
    case SentenceKind::special_custodial:
    case SentenceKind::special_custodial_under_18: return RecallTypeRule::special_custodial_sentence;
    case SentenceKind::detention_and_training_order:
    case SentenceKind::default_term:
    case SentenceKind::breach_of_top_up_supervision: break;
  }
  throw ValidationFailed("sentence_kind", "has no licence to recall from: " +
                                              std::string{entry_for(sentence_kinds(), kind).label});
}

// A list field: codes separated by commas, spaces around them ignored, repeats dropped.
std::vector<std::string> code_list(FieldReader& reader, std::string_view field) {
  auto text = reader.text(field, Need::optional, 2000);
  std::vector<std::string> codes;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = std::min(text.find(',', start), text.size());
    auto code = text.substr(start, end - start);
    code.erase(0, code.find_first_not_of(' '));
    code.erase(code.find_last_not_of(' ') + 1);
    if (!code.empty() && std::find(codes.begin(), codes.end(), code) == codes.end()) codes.push_back(code);
    start = end + 1;
  }
  return codes;
}

template <typename E>
std::string codes_of(std::span<const Coded<E>> table) {
  std::string joined;
  for (const auto& entry : table) joined += (joined.empty() ? "" : ", ") + std::string{entry.code};
  return joined;
}

void require_status(const RecallConsideration& consideration, RecallStatus expected, std::string_view step) {
  if (consideration.status != expected)
    throw Conflict("a recall can be " + std::string{step} + " only while it is " +
                   std::string{entry_for<RecallStatus>(status_table, expected).code} + "; it is " +
                   std::string{entry_for<RecallStatus>(status_table, consideration.status).code});
}
}  // namespace

std::span<const Coded<RecallTrigger>> recall_triggers() { return trigger_table; }
std::span<const Coded<RecallAlternative>> recall_alternatives() { return alternative_table; }
std::span<const Coded<RecallOutcome>> recall_outcomes() { return outcome_table; }
std::span<const Coded<RecallStatus>> recall_statuses() { return status_table; }
std::span<const Coded<RecallTypeRule>> recall_type_rules() { return rule_table; }
std::span<const Coded<RecallExclusion>> recall_exclusions() { return exclusion_table; }

bool may_consider_recall(Role role) { return role == Role::com || role == Role::manager; }
bool may_decide_recall(Role role) { return role == Role::manager; }

RecallTypeResult recall_type(const RecallTypeFacts& facts) {
  if (auto rule = kind_rule(facts.sentence_kind)) return standard_recall(*rule);
  if (auto rule = exclusion(facts)) return standard_recall(*rule);
  Date fifty_six_from = release_rule(LawMeasure::fixed_term_recall_56).from;
  bool after = facts.recalled_on >= fifty_six_from;
  if (facts.adult && after) {
    return {RecallType::fixed_term_56, RecallTypeRule::adult_fixed_term_56,
            std::string{entry_for<RecallTypeRule>(rule_table, RecallTypeRule::adult_fixed_term_56).label} +
                ", recalled on or after " + to_long_date(fifty_six_from)};
  }
  auto rule = facts.sentence_under_12_months ? RecallTypeRule::fixed_term_14_under_a_year
                                             : RecallTypeRule::fixed_term_28_a_year_or_more;
  auto why = after ? std::string{", recalled under 18 (56 days is for adults)"}
                   : ", recalled before " + to_long_date(fifty_six_from);
  return {facts.sentence_under_12_months ? RecallType::fixed_term_14 : RecallType::fixed_term_28, rule,
          std::string{entry_for<RecallTypeRule>(rule_table, rule).label} + why};
}

RecallTypeFacts read_recall_exclusions(const FieldInput& input, RecallTypeFacts facts) {
  FieldReader reader{input};
  for (const auto& code : code_list(reader, "exclusions")) {
    auto exclusion = parse_code<RecallExclusion>(exclusion_table, code);
    if (!exclusion) {
      reader.fail("exclusions", "\"" + code + "\" is not one of: " + codes_of<RecallExclusion>(exclusion_table));
      continue;
    }
    switch (*exclusion) {
      case RecallExclusion::charged_with_new_offence: facts.charged_with_new_offence = true; break;
      case RecallExclusion::power_to_detain_referral: facts.power_to_detain_referral = true; break;
      case RecallExclusion::terrorist_or_national_security_offence: facts.terrorist_or_national_security_offence = true; break;
      case RecallExclusion::foreign_power_threat: facts.foreign_power_threat = true; break;
      case RecallExclusion::mappa_category_4: facts.mappa_category_4 = true; break;
    }
  }
  reader.throw_if_failed();
  return facts;
}

RecallConsideration read_recall_consideration(const FieldInput& input, std::span<const std::string> licence_conditions,
                                              std::int64_t officer_id) {
  FieldReader reader{input};
  RecallConsideration consideration;
  consideration.started_by = officer_id;
  auto trigger = reader.code<RecallTrigger>("trigger", Need::required, trigger_table);
  if (trigger) consideration.trigger = *trigger;
  bool risk = trigger == RecallTrigger::risk_increased || trigger == RecallTrigger::both;
  bool compliance = trigger == RecallTrigger::compliance_broken_down || trigger == RecallTrigger::both;
  consideration.risk_change = reader.text("risk_change", risk ? Need::required : Need::optional, risk_change_max);
  consideration.conditions_breached = code_list(reader, "conditions_breached");
  for (const auto& code : consideration.conditions_breached)
    if (std::find(licence_conditions.begin(), licence_conditions.end(), code) == licence_conditions.end())
      reader.fail("conditions_breached", "\"" + code + "\" is not a condition of this licence");
  if (compliance && consideration.conditions_breached.empty() && !reader.failed("conditions_breached"))
    reader.fail("conditions_breached", "must name at least one licence condition breached");
  for (const auto& code : code_list(reader, "alternatives_tried")) {
    if (auto alternative = parse_code<RecallAlternative>(alternative_table, code))
      consideration.alternatives_tried.push_back(*alternative);
    else
      reader.fail("alternatives_tried", "\"" + code + "\" is not one of: " + codes_of<RecallAlternative>(alternative_table));
  }
  reader.throw_if_failed();
  return consideration;
}

RecallConsideration recommend_recall(RecallConsideration consideration, const FieldInput& input,
                                     std::int64_t officer_id, Date today) {
  require_status(consideration, RecallStatus::considering, "recommended");
  FieldReader reader{input};
  auto recommendation = reader.code<RecallOutcome>("recommendation", Need::required, outcome_table);
  auto reasons = reader.text("recommendation_reasons", Need::required, reasons_max);
  reader.throw_if_failed();
  consideration.recommendation = recommendation;
  consideration.recommendation_reasons = reasons;
  consideration.recommended_by = officer_id;
  consideration.recommended_on = today;
  consideration.status = RecallStatus::recommended;
  return consideration;
}

RecallConsideration decide_recall(RecallConsideration consideration, const FieldInput& input,
                                  std::int64_t manager_id, Date today, const RecallTypeFacts& facts) {
  require_status(consideration, RecallStatus::recommended, "decided");
  if (manager_id == consideration.recommended_by)
    throw Forbidden("the officer who recommended a recall may not decide it: another manager decides");
  FieldReader reader{input};
  auto decision = reader.code<RecallOutcome>("decision", Need::required, outcome_table);
  auto rationale = reader.text("rationale", Need::required, reasons_max);
  reader.throw_if_failed();
  if (decision == RecallOutcome::recall) consideration.recall_type = recall_type(facts);
  consideration.decision = decision;
  consideration.decision_rationale = rationale;
  consideration.decided_by = manager_id;
  consideration.decided_on = today;
  consideration.status = RecallStatus::decided;
  return consideration;
}

RecallConsideration record_return_to_custody(RecallConsideration consideration, const FieldInput& input, Date today) {
  if (consideration.decision != RecallOutcome::recall)
    throw Conflict("a return to custody is recorded only for a decision to recall");
  if (consideration.returned_on) throw Conflict("the return to custody is already recorded for this recall");
  FieldReader reader{input};
  auto returned_on = reader.past_date("returned_on", Need::required, today);
  auto prison_code = normalise_identifier(reader.text("prison_code", Need::required, 10));
  if (returned_on && consideration.decided_on && *returned_on < *consideration.decided_on)
    reader.fail("returned_on", "cannot be before the decision to recall on " + to_long_date(*consideration.decided_on));
  reader.throw_if_failed();
  consideration.returned_on = returned_on;
  consideration.returned_to = prison_code;
  return consideration;
}

Recall served_recall(const RecallConsideration& consideration) {
  return {consideration.recall_type ? consideration.recall_type->type : RecallType::standard, consideration.decided_on,
          consideration.returned_on};
}

Person returned_person(Person person, const std::string& prison_code) {
  person.stage = CaseStage::in_custody;
  person.prison_code = prison_code;
  return person;
}

}  // namespace resettle
