// Recall considerations, recommendations and decisions, the recall report and the letter (see recalls.hpp).
#include "services/recall/recalls.hpp"

#include <algorithm>

#include "domain/catalogue.hpp"
#include "domain/errors.hpp"
#include "services/supervision/appointments.hpp"
#include "services/licence/licences.hpp"
#include "services/people/case_records.hpp"
#include "services/release_dates/bookings.hpp"
#include "services/responsibility/responsibility.hpp"

namespace resettle::services {

namespace {

void require_may_consider(const StaffMember& actor) {
  if (!may_consider_recall(actor.role))
    throw Forbidden("only the community offender manager or a manager considers a recall");
}

void require_on_licence(const Person& person) {
  if (person.stage != CaseStage::on_licence)
    throw Conflict(person.full_name() + " is not on licence: only someone on licence can be recalled");
}

// The person's active licence, if they have one.
std::optional<Licence> active_licence(store::Transaction& tx, std::int64_t person_id) {
  for (auto& licence : tx.licences().for_person(person_id))
    if (licence.status == LicenceStatus::active) return std::move(licence);
  return std::nullopt;
}

// The licences' conditions, one per code, as the newest licence holding each words them.
std::vector<RenderedCondition> conditions_of(const std::vector<Licence>& licences, const ConditionCatalogues& catalogues) {
  std::vector<RenderedCondition> conditions;
  for (const auto& licence : licences) {
    const auto& catalogue = catalogues.version(licence.policy_version);
    for (const auto& condition : licence.conditions) {
      auto same_code = [&](const RenderedCondition& seen) { return seen.code == condition.code; };
      if (std::ranges::none_of(conditions, same_code)) conditions.push_back(render(condition, catalogue));
    }
  }
  return conditions;
}

// The active licence's conditions: what a new consideration may name as breached.
std::vector<RenderedCondition> licence_conditions(store::Transaction& tx, const ConditionCatalogues& catalogues,
                                                  std::int64_t person_id) {
  auto licence = active_licence(tx, person_id);
  return licence ? conditions_of({*licence}, catalogues) : std::vector<RenderedCondition>{};
}

std::vector<std::string> condition_codes(store::Transaction& tx, std::int64_t person_id) {
  std::vector<std::string> codes;
  if (auto licence = active_licence(tx, person_id))
    for (const auto& condition : licence->conditions) codes.push_back(condition.code);
  return codes;
}

// The consideration, checked inside the caller's transaction: NotFound unless its person is visible.
struct Found {
  RecallConsideration recall;
  Person person;
};
Found find_visible(store::Transaction& tx, const StaffMember& actor, std::int64_t recall_id) {
  auto recall = tx.recalls().find(recall_id);
  if (!recall) throw NotFound("recall " + std::to_string(recall_id) + " not found");
  auto person = require_visible_person(tx, actor, recall->person_id, "recall");
  return {std::move(*recall), std::move(person)};
}

// The sentence kind the recall rules turn on, from how the sentence is recorded.
SentenceKind sentence_kind(const Sentence& sentence) {
  if (sentence.type == SentenceType::indeterminate) return SentenceKind::indeterminate;
  if (sentence.release_scheme == ReleaseScheme::extended) return SentenceKind::extended_discretionary;
  return SentenceKind::standard;
}

// The facts of the recall type, judged on `today`. Conflict when there is no sentence to judge by.
RecallTypeFacts type_facts(store::Transaction& tx, const Person& person, Date today) {
  auto sentences = tx.sentences().for_person(person.id);
  if (sentences.empty())
    throw Conflict(person.full_name() + " has no sentence recorded: record it, so the recall type can be worked out");
  const auto& sentence = sentences.front();
  RecallTypeFacts facts;
  facts.sentence_kind = sentence_kind(sentence);
  facts.adult = age_on(person.date_of_birth, today) >= 18;
  facts.sentence_under_12_months = sentence.length_days && *sentence.length_days < 365;
  facts.mappa_level = tx.risk_profiles().find(person.id).mappa;
  facts.recalled_on = today;
  return facts;
}

// decide_recall with the exclusions read beside it, every bad field named in one error.
RecallConsideration decided(const RecallConsideration& recall, const FieldInput& input, const StaffMember& actor,
                            Date today, const RecallTypeFacts& facts) {
  std::vector<FieldError> errors;
  auto with_exclusions = facts;
  try {
    with_exclusions = read_recall_exclusions(input, facts);
  } catch (const ValidationFailed& failed) {
    errors = failed.errors();
  }
  try {
    auto result = decide_recall(recall, input, actor.id, today, with_exclusions);
    if (errors.empty()) return result;
  } catch (const ValidationFailed& failed) {
    errors.insert(errors.end(), failed.errors().begin(), failed.errors().end());
  }
  throw ValidationFailed(std::move(errors));
}

std::string outcome_label(const std::optional<RecallOutcome>& outcome) {
  return outcome ? std::string{entry_for(recall_outcomes(), *outcome).label} : "";
}

nlohmann::json codes_json(const RecallConsideration& recall) {
  auto alternatives = nlohmann::json::array();
  for (auto alternative : recall.alternatives_tried) alternatives.push_back(entry_for(recall_alternatives(), alternative).code);
  return {{"trigger", entry_for(recall_triggers(), recall.trigger).code},
          {"conditions_breached", recall.conditions_breached},
          {"alternatives_tried", alternatives}};
}

std::string staff_name(store::Transaction& tx, std::int64_t staff_id) {
  auto staff = tx.staff().find(staff_id);
  return staff ? staff->display_name : "";
}

}  // namespace

NoRecallLetterLabels no_recall_letter_labels(Language language) {
  return {translated("Your licence: a decision not to recall you to prison", language),
          translated("Date", language),
          translated("Dear", language),
          translated("Your probation officer asked a manager to consider whether you should be recalled to prison. The "
                     "manager has decided that you will not be recalled.", language),
          // TRANSLATORS: the manager's reasons follow in English; say so.
          translated("Why", language),
          translated("What happens next", language),
          translated("You stay on licence in the community. You must keep to every condition of your licence and keep "
                     "every appointment. If things change, you could still be recalled.", language),
          translated("If you have any questions, ask your probation officer:", language),
          translated("For the Probation Service", language)};
}

PersonRecalls recalls_of(store::Store& store, const StaffMember& actor, std::int64_t person_id) {
  auto record = view_person(store, actor, person_id, "recalls");
  return {record.person, store.begin_read()->recalls().for_person(person_id),
          may_consider_recall(actor.role) && record.person.stage == CaseStage::on_licence};
}

RecallChoices recall_choices(store::Store& store, const ConditionCatalogues& catalogues, const StaffMember& actor,
                             std::int64_t person_id) {
  require_may_consider(actor);
  auto record = view_person(store, actor, person_id, "recalls");
  require_on_licence(record.person);
  return {record.person, licence_conditions(*store.begin_read(), catalogues, person_id)};
}

RecallConsideration start_recall(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t person_id,
                                 const FieldInput& input) {
  require_may_consider(actor);
  auto tx = store.begin_write();
  auto person = require_visible_person(*tx, actor, person_id, "recalls");
  require_on_licence(person);
  auto recall = read_recall_consideration(input, condition_codes(*tx, person_id), actor.id);
  recall.person_id = person_id;
  recall.started_on = clock.today();
  recall.id = tx->recalls().insert(recall);
  recall.version = 1;
  tx->journal().append({actor.id, person_id, "recall.started", "recall", recall.id,
                        "Recall considered: " + std::string{entry_for(recall_triggers(), recall.trigger).label},
                        recall.risk_change, codes_json(recall)});
  tx->commit();
  return recall;
}

RecallConsideration recommend(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t recall_id,
                              const FieldInput& input, std::int64_t expected_version) {
  require_may_consider(actor);
  auto tx = store.begin_write();
  auto found = find_visible(*tx, actor, recall_id);
  auto recall = recommend_recall(std::move(found.recall), input, actor.id, clock.today());
  tx->recalls().update(recall, expected_version);
  ++recall.version;
  tx->journal().append({actor.id, recall.person_id, "recall.recommended", "recall", recall.id,
                        "Recall recommendation: " + outcome_label(recall.recommendation), recall.recommendation_reasons,
                        {{"recommendation", entry_for(recall_outcomes(), *recall.recommendation).code}}});
  tx->commit();
  return recall;
}

RecallConsideration decide(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t recall_id,
                           const FieldInput& input, std::int64_t expected_version) {
  if (!may_decide_recall(actor.role)) throw Forbidden("only a manager decides a recall");
  auto tx = store.begin_write();
  auto found = find_visible(*tx, actor, recall_id);
  auto today = clock.today();
  auto wants_recall = input.find("decision") != input.end() && input.at("decision") == "recall";
  // The facts are needed only for a recall; a decision not to recall stands without a sentence.
  auto facts = wants_recall && found.recall.status == RecallStatus::recommended ? type_facts(*tx, found.person, today)
                                                                                  : RecallTypeFacts{};
  auto recall = decided(found.recall, input, actor, today, facts);
  tx->recalls().update(recall, expected_version);
  ++recall.version;
  auto summary = "Recall decision: " + outcome_label(recall.decision);
  nlohmann::json data{{"decision", entry_for(recall_outcomes(), *recall.decision).code}};
  if (recall.recall_type) {
    summary += " (" + std::string{entry_for(recall_types(), recall.recall_type->type).label} + ")";
    data["recall_type"] = entry_for(recall_types(), recall.recall_type->type).code;
    data["recall_type_rule"] = entry_for(recall_type_rules(), recall.recall_type->rule).code;
    data["exclusions"] = input.contains("exclusions") ? input.at("exclusions") : "";
  }
  tx->journal().append({actor.id, recall.person_id, "recall.decided", "recall", recall.id, summary,
                        recall.decision_rationale, data});
  if (recall.decision == RecallOutcome::recall) revoke_active_licence(*tx, actor, recall.person_id, today);
  tx->commit();
  return recall;
}

RecallConsideration record_return(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t recall_id,
                                  const FieldInput& input, std::int64_t expected_version) {
  require_may_consider(actor);
  auto tx = store.begin_write();
  auto found = find_visible(*tx, actor, recall_id);
  auto today = clock.today();
  auto recall = record_return_to_custody(found.recall, input, today);
  auto prison = tx->places().find_prison(recall.returned_to);
  if (!prison) throw ValidationFailed("prison_code", staff_text("is not a prison on Resettle"));
  auto sentences = tx->sentences().for_person(found.person.id);
  if (sentences.empty()) throw Conflict(found.person.full_name() + " has no sentence recorded to serve the recall");
  auto sentence = sentences.front();
  sentence.recall = true;
  sentence.recall_served = served_recall(recall);
  tx->recalls().update(recall, expected_version);
  ++recall.version;
  tx->sentences().update(sentence, sentence.version);
  // Read once, with the recall served: its version moves on, and its dates give the release after recall.
  auto booking = tx->bookings().find(found.person.id);
  if (sentence.in_booking) tx->bookings().advance(found.person.id, booking.version);
  tx->people().update(returned_person(found.person, prison->code), found.person.version);
  cancel_from(*tx, clock, actor.id, found.person.id, *recall.returned_on, back_in_custody_reason);
  auto release = booking_key_dates(found.person, booking, clock.today()).dates.date(KeyDateKind::post_recall_release);
  nlohmann::json data{{"returned_on", to_iso(*recall.returned_on)},
                      {"prison_code", prison->code},
                      {"sentence_id", sentence.id},
                      {"post_recall_release_date", release ? nlohmann::json(to_iso(*release)) : nlohmann::json()}};
  tx->journal().append({actor.id, recall.person_id, "recall.returned", "recall", recall.id,
                        "Back in custody on recall: " + prison->name + ", " + to_long_date(*recall.returned_on), "",
                        std::move(data)});
  refresh_case_dates(*tx, recall.person_id, today);
  tx->commit();
  return recall;
}

RecallRecord find_recall(store::Store& store, const ConditionCatalogues& catalogues, const StaffMember& actor,
                         std::int64_t recall_id) {
  auto tx = store.begin_audit_write();  // the read is audited
  auto found = find_visible(*tx, actor, recall_id);
  tx->access_log().record(actor.id, found.person.id, "recall", true);
  RecallRecord record{std::move(found.recall), std::move(found.person), std::nullopt, {}, {}, false, false, false, {}, ""};
  const auto& recall = record.recall;
  auto sentences = tx->sentences().for_person(record.person.id);
  if (!sentences.empty()) record.sentence = sentences.front();
  // Every licence, newest first: a decision to recall has revoked the one the conditions were on.
  auto conditions = conditions_of(tx->licences().for_person(record.person.id), catalogues);
  for (const auto& code : recall.conditions_breached) {
    auto same_code = [&](const RenderedCondition& condition) { return condition.code == code; };
    auto found_condition = std::ranges::find_if(conditions, same_code);
    record.breached.push_back(found_condition != conditions.end() ? *found_condition : RenderedCondition{0, {}, code, "", code, {}});
  }
  for (auto id : {recall.started_by, recall.recommended_by, recall.decided_by})
    if (id) record.staff_names.try_emplace(id, staff_name(*tx, id));
  record.may_recommend = may_consider_recall(actor.role) && recall.status == RecallStatus::considering;
  record.may_decide = may_decide_recall(actor.role) && recall.status == RecallStatus::recommended &&
                      recall.recommended_by != actor.id;
  record.may_record_return = may_consider_recall(actor.role) && recall.decision == RecallOutcome::recall &&
                             !recall.returned_on;
  if (record.may_record_return) record.prisons = tx->places().prisons();
  if (recall.returned_on) {
    auto prison = tx->places().find_prison(recall.returned_to);
    record.returned_to_name = prison ? prison->name : recall.returned_to;
  }
  tx->commit();
  return record;
}

NoRecallLetter no_recall_letter(store::Store& store, const StaffMember& actor, std::int64_t recall_id, Language language) {
  auto tx = store.begin_audit_write();  // the read is audited
  auto found = find_visible(*tx, actor, recall_id);
  tx->access_log().record(actor.id, found.person.id, "recall letter", true);
  const auto& recall = found.recall;
  if (recall.decision != RecallOutcome::no_recall)
    throw Conflict("the letter explains a decision not to recall: this consideration has no such decision");
  NoRecallLetter letter{language,
                        no_recall_letter_labels(language),
                        recall.id,
                        found.person.id,
                        found.person.full_name(),
                        found.person.crn,
                        long_date(*recall.decided_on, language),
                        recall.decision_rationale,
                        staff_name(*tx, recall.recommended_by),
                        staff_name(*tx, recall.decided_by)};
  tx->commit();
  return letter;
}

}  // namespace resettle::services
