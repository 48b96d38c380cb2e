#pragma once
// Recall: the officer's consideration (why: risk, compliance or both; what was tried), the
// recommendation, the manager's decision, and the type of recall the law gives.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "domain/release_dates/booking.hpp"
#include "domain/code_list.hpp"
#include "domain/date.hpp"
#include "domain/field_input.hpp"
#include "domain/people/person.hpp"
#include "domain/people/risk_levels.hpp"
#include "domain/staff/role.hpp"

namespace resettle {

// --- Codes ------------------------------------------------------------------------------------
// Stored and sent in JSON: the codes of every table below may only be added to; labels may change.

// Why a recall is being considered. Required, so recall for risk and for non-compliance can be told apart.
enum class RecallTrigger { risk_increased, compliance_broken_down, both };
std::span<const Coded<RecallTrigger>> recall_triggers();

// What was tried before considering recall.
enum class RecallAlternative { warning, more_frequent_contact, added_conditions, referral, approved_premises, testing };
std::span<const Coded<RecallAlternative>> recall_alternatives();

// The officer's recommendation and the manager's decision take the same two values.
enum class RecallOutcome { recall, no_recall };
std::span<const Coded<RecallOutcome>> recall_outcomes();

enum class RecallStatus { considering, recommended, decided };
std::span<const Coded<RecallStatus>> recall_statuses();

// Which rule gave the recall type, in the order they are tried (the first that applies decides).
enum class RecallTypeRule {
  indeterminate_sentence,
  extended_sentence,
  special_custodial_sentence,
  charged_with_new_offence,
  power_to_detain_referral,
  terrorist_or_national_security_offence,
  foreign_power_threat,
  mappa_category_4,
  mappa_level_2_or_3,
  adult_fixed_term_56,         // adult standard sentence, recalled from 2026-03-31
  fixed_term_14_under_a_year,  // before 2026-03-31, or a youth: sentence under 12 months
  fixed_term_28_a_year_or_more,  // before 2026-03-31, or a youth: sentence of 12 months or more
};
std::span<const Coded<RecallTypeRule>> recall_type_rules();

// The recall exclusions a manager confirms with a decision (domain.md's list; SOPC and MAPPA level
// come from the sentence and the risk profile). Their codes are those of the rules they decide.
enum class RecallExclusion {
  charged_with_new_offence,
  power_to_detain_referral,
  terrorist_or_national_security_offence,
  foreign_power_threat,
  mappa_category_4,
};
std::span<const Coded<RecallExclusion>> recall_exclusions();

// --- Who does what -----------------------------------------------------------------------------

// The community offender manager or a manager starts a consideration and recommends; a manager decides.
bool may_consider_recall(Role role);
bool may_decide_recall(Role role);

// --- The recall type --------------------------------------------------------------------------

// The facts the recall type turns on, gathered by the caller from the booking and the risk profile.
struct RecallTypeFacts {
  SentenceKind sentence_kind = SentenceKind::standard;
  bool adult = true;                     // 18 or over on the day of recall
  bool sentence_under_12_months = false;  // decides 14 or 28 days where 56 does not apply
  // The recall exclusions of domain.md (SOPC is read from sentence_kind).
  bool charged_with_new_offence = false;
  bool power_to_detain_referral = false;
  bool terrorist_or_national_security_offence = false;
  bool foreign_power_threat = false;
  bool mappa_category_4 = false;
  MappaLevel mappa_level = MappaLevel::none;
  // The day the law is judged by: the return to custody where known (as release_rules.hpp judges
  // fixed_term_recall_56), otherwise the day of the decision.
  Date recalled_on{};
};

struct RecallTypeResult {
  RecallType type = RecallType::standard;
  RecallTypeRule rule = RecallTypeRule::indeterminate_sentence;
  std::string reason;  // the rule in plain English, for the practitioner
  bool operator==(const RecallTypeResult&) const = default;
};

// The recall type the law gives and the rule that decided it: the sentence kind first, then the
// exclusions in domain.md's order, then the length in days by date and age. Throws ValidationFailed
// on "sentence_kind" for a sentence with no licence to recall from (DTO, default term, committal for
// breach of top-up supervision).
RecallTypeResult recall_type(const RecallTypeFacts& facts);

// Reads `exclusions` (codes of recall_exclusions() separated by commas, optional) and returns
// `facts` with each one named set. Throws ValidationFailed on "exclusions" naming an unknown code.
RecallTypeFacts read_recall_exclusions(const FieldInput& input, RecallTypeFacts facts);

// --- The consideration and its decision --------------------------------------------------------

struct RecallConsideration {
  std::int64_t id = 0;
  std::int64_t person_id = 0;
  std::int64_t version = 0;
  RecallStatus status = RecallStatus::considering;
  std::int64_t started_by = 0;
  Date started_on{};  // the day it was stored: set by whoever stores it
  RecallTrigger trigger = RecallTrigger::risk_increased;
  std::string risk_change;                       // what changed in risk
  std::vector<std::string> conditions_breached;  // licence condition codes
  std::vector<RecallAlternative> alternatives_tried;
  // The officer's recommendation.
  std::optional<RecallOutcome> recommendation;
  std::string recommendation_reasons;
  std::int64_t recommended_by = 0;
  std::optional<Date> recommended_on;
  // The manager's decision.
  std::optional<RecallOutcome> decision;
  std::string decision_rationale;
  std::int64_t decided_by = 0;
  std::optional<Date> decided_on;
  std::optional<RecallTypeResult> recall_type;  // set when the decision is to recall
  // The return to custody, once a recalled person is back in prison.
  std::optional<Date> returned_on;
  std::string returned_to;  // the prison's code

  bool operator==(const RecallConsideration&) const = default;
};

// Reads trigger (required), risk_change (required when risk is part of the trigger),
// conditions_breached (codes separated by commas, each one of `licence_conditions`; at least one
// when compliance is part of the trigger) and alternatives_tried (codes separated by commas,
// optional; repeats dropped). Returns a consideration in status considering, started by `officer_id`.
// Throws ValidationFailed naming every bad field.
RecallConsideration read_recall_consideration(const FieldInput& input, std::span<const std::string> licence_conditions,
                                              std::int64_t officer_id);

// Records the officer's recommendation (recommendation: recall or no_recall; recommendation_reasons:
// required). Throws Conflict unless the consideration is in status considering, then
// ValidationFailed naming every bad field.
RecallConsideration recommend_recall(RecallConsideration consideration, const FieldInput& input,
                                     std::int64_t officer_id, Date today);

// Records the manager's decision (decision: recall or no_recall; rationale: required) and, for a
// recall, its type from `facts`. Throws Conflict unless the consideration is recommended, then
// Forbidden when `manager_id` made the recommendation (the decision is a second pair of eyes), then
// ValidationFailed naming every bad field, then what recall_type throws.
RecallConsideration decide_recall(RecallConsideration consideration, const FieldInput& input,
                                  std::int64_t manager_id, Date today, const RecallTypeFacts& facts);

// Records that a recalled person is back in custody: returned_on (a date, not after today and not
// before the decision) and prison_code (required: the caller checks it names a prison). Throws
// Conflict unless the decision was to recall and no return is recorded yet, then ValidationFailed
// naming every bad field.
RecallConsideration record_return_to_custody(RecallConsideration consideration, const FieldInput& input, Date today);

// The recall the person's sentence serves once they are back: the type decided, the licence revoked
// on the day of the decision, and the return. Only for a consideration with a recorded return.
Recall served_recall(const RecallConsideration& consideration);

// The person as the return leaves them: in custody at that prison. Their PDU stays, as does their
// community offender manager, who leads a recalled case.
Person returned_person(Person person, const std::string& prison_code);

}  // namespace resettle
