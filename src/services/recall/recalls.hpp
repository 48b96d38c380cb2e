#pragma once
// Recall: the officer's consideration (why, what changed, the licence conditions breached and the
// alternatives tried), their recommendation and the manager's decision with the recall type the law
// gives, each in one transaction with its journal event; and what is written from them: the recall
// report for the recall team and the letter to the person explaining a decision not to recall.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/language.hpp"
#include "domain/licence/licence.hpp"
#include "domain/licence/licence_conditions.hpp"
#include "domain/recall/recall.hpp"
#include "services/clock.hpp"
#include "store/store.hpp"

namespace resettle::services {

// What the person's recall page shows.
struct PersonRecalls {
  Person person;
  std::vector<RecallConsideration> recalls;  // newest first
  bool may_start = false;                    // this member of staff, now: the person is on licence
};
// Audited read of the person's recall considerations, newest first (empty when none). Throws NotFound
// for a person this member of staff may not see.
PersonRecalls recalls_of(store::Store& store, const StaffMember& actor, std::int64_t person_id);

// What the consideration form offers: the conditions of the person's active licence.
struct RecallChoices {
  Person person;
  std::vector<RenderedCondition> conditions;  // in licence order, one per code; empty with no active licence
};
// Audited read. Throws, in this order: Forbidden unless may_consider_recall; NotFound for a person
// this member of staff may not see; Conflict unless the person is on licence.
RecallChoices recall_choices(store::Store& store, const ConditionCatalogues& catalogues, const StaffMember& actor,
                             std::int64_t person_id);

// Starts a consideration today from read_recall_consideration's fields (trigger, risk_change,
// conditions_breached among the active licence's condition codes, alternatives_tried) and journals
// "recall.started" in the same transaction. Returns it with its id and version 1. Throws, in this
// order: Forbidden unless may_consider_recall; NotFound for a person this member of staff may not
// see; Conflict unless the person is on licence; ValidationFailed naming every bad field (nothing saved).
RecallConsideration start_recall(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t person_id,
                                 const FieldInput& input);

// Records the officer's recommendation (recommendation, recommendation_reasons) at
// expected_version and journals "recall.recommended". Returns the consideration as stored. Throws, in
// this order: Forbidden unless may_consider_recall; NotFound for no such consideration or one whose
// person is not visible; what recommend_recall throws (Conflict, ValidationFailed); StaleVersion
// when it moved on from expected_version. Nothing is saved when it throws.
RecallConsideration recommend(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t recall_id,
                              const FieldInput& input, std::int64_t expected_version);

// Records the manager's decision (decision, rationale, and for a recall the exclusions that apply,
// read_recall_exclusions) at expected_version and journals "recall.decided". The recall type comes
// from the person's current sentence (its kind, whether it was under 12 months), their age today,
// their MAPPA level and the exclusions, judged on today. Returns the consideration as stored. Throws,
// in this order: Forbidden unless may_decide_recall; NotFound as recommend; Conflict unless it is
// recommended, or, for a recall, when the person has no sentence recorded; Forbidden when this
// manager made the recommendation; ValidationFailed naming every bad field; StaleVersion as recommend.
// Nothing is saved when it throws.
RecallConsideration decide(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t recall_id,
                           const FieldInput& input, std::int64_t expected_version);

// Records that the recalled person is back in custody (record_return_to_custody's fields: returned_on,
// prison_code) at expected_version, in one transaction: the consideration keeps the return; the
// person's current sentence serves the recall (served_recall), which gives the post-recall release
// date; the person is in custody at that prison (returned_person); their appointments from the day of
// return onwards are cancelled, "Back in custody on recall", with their reminders withheld and nothing
// sent to them (cancel_from); the case's dates are worked out again; and "recall.returned" is
// journalled with the post-recall release date. Throws, in this order: Forbidden unless
// may_consider_recall; NotFound as recommend; Conflict unless the decision was to recall and no return
// is recorded; ValidationFailed naming every bad field (an unknown prison on prison_code); StaleVersion
// as recommend. Nothing is saved when it throws.
RecallConsideration record_return(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t recall_id,
                                  const FieldInput& input, std::int64_t expected_version);

// One consideration with what its page, the API and the recall report show.
struct RecallRecord {
  RecallConsideration recall;
  Person person;
  std::optional<Sentence> sentence;        // the current one (newest); empty when none is recorded
  std::vector<RenderedCondition> breached;  // each breached code as the active licence words it (the code alone if gone)
  std::map<std::int64_t, std::string> staff_names;  // who started, recommended and decided, by id
  bool may_recommend = false;  // this member of staff, now
  bool may_decide = false;     // a manager other than the recommender, while it waits for a decision
  bool may_record_return = false;  // this member of staff, while a recall waits for the return to custody
  std::vector<Prison> prisons;     // to return to, when may_record_return
  std::string returned_to_name;    // the prison's name, once returned
};
// Audited read. Throws NotFound for no such consideration and for one whose person is not visible, alike.
RecallRecord find_recall(store::Store& store, const ConditionCatalogues& catalogues, const StaffMember& actor,
                         std::int64_t recall_id);

// The words of the letter explaining a decision not to recall, in one language.
struct NoRecallLetterLabels {
  std::string title;
  std::string date;
  std::string dear;            // followed by the person's name
  std::string decided;         // what was decided, in plain words
  std::string reasons;         // the heading of the manager's reasons
  std::string next;            // the heading of what happens next
  std::string next_steps;
  std::string questions;       // who to ask, followed by the officer's name
  std::string signed_for;      // above the manager's name
};
NoRecallLetterLabels no_recall_letter_labels(Language language);  // from the message catalogue

struct NoRecallLetter {
  Language language = Language::en;
  NoRecallLetterLabels labels;
  std::int64_t recall_id = 0;
  std::int64_t person_id = 0;
  std::string person_name;
  std::string crn;
  std::string dated;  // the day of the decision, written out in the letter's language
  std::string rationale;
  std::string officer_name;  // who recommended
  std::string manager_name;  // who decided
};
// Audited read. Throws NotFound as find_recall; Conflict unless a manager decided not to recall.
NoRecallLetter no_recall_letter(store::Store& store, const StaffMember& actor, std::int64_t recall_id, Language language);

}  // namespace resettle::services
