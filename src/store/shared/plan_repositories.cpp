// The needs, plan, checklist and outcome repositories of both stores (see plan_repositories.hpp).
#include "store/shared/plan_repositories.hpp"

#include <algorithm>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "domain/errors.hpp"
#include "store/postgresql/sql.hpp"
#include "store/sqlite/sql.hpp"

namespace resettle::store::shared {

namespace {

template <typename E>
std::string_view code_of(std::span<const Coded<E>> list, E value) {
  return entry_for(list, value).code;
}

// A stored code always parses (the application wrote it); the fallback only guards a hand edit.
template <typename E>
E parse_stored(std::span<const Coded<E>> list, const std::string& code) {
  return parse_code(list, code).value_or(list.front().value);
}

template <typename Row>
Date stored_date(const Row& row, int column) { return row.date(column).value_or(Date{}); }

// Every id of a person in the JSON array bound to the one parameter.
template <typename Db>
std::string people_in_parameter() {
  return "(SELECT value FROM " + Sql<Db>::json_integer_table("?", "people") + ")";
}

}  // namespace

// --- Needs assessments -------------------------------------------------------------------------

template <Database Db>
std::int64_t NeedsAssessments<Db>::insert(const NeedsAssessment& assessment) {
  auto id = inserted_id(
      db_.prepare("INSERT INTO needs_assessment (person_id, kind, assessed_on, assessed_by) VALUES (?, ?, ?, ?) "
                  "RETURNING id")
          .bind(assessment.person_id, code_of(assessment_kinds(), assessment.kind), assessment.assessed_on,
                assessment.assessed_by));
  auto& row = db_.prepare(
      "INSERT INTO needs_pathway (assessment_id, pathway, need_level, strengths, own_words, source) "
      "VALUES (?, ?, ?, ?, ?, ?)");
  for (const auto& [pathway, entry] : assessment.pathways) {
    row.bind(id, pathway_code(pathway), code_of(need_levels(), entry.need_level),
             nlohmann::json(entry.strengths).dump(), entry.own_words, code_of(assessment_sources(), entry.source))
        .run();
  }
  return id;
}

template <Database Db>
std::vector<NeedsAssessment> NeedsAssessments<Db>::for_person(std::int64_t person_id) { return for_people({person_id}); }

template <Database Db>
std::vector<NeedsAssessment> NeedsAssessments<Db>::for_people(const std::vector<std::int64_t>& person_ids) {
  auto people = nlohmann::json(person_ids).dump();
  static const std::string header_sql =
      "SELECT id, kind, assessed_on, assessed_by, person_id FROM needs_assessment WHERE person_id IN " +
      people_in_parameter<Db>() + " ORDER BY person_id, id DESC";
  auto& header = db_.prepare(header_sql);
  header.bind(people);
  std::vector<NeedsAssessment> assessments;
  std::unordered_map<std::int64_t, std::size_t> by_id;
  while (header.step()) {
    NeedsAssessment assessment;
    assessment.id = header.integer(0);
    assessment.person_id = header.integer(4);
    assessment.version = 1;  // assessments are never changed, only followed by new ones
    assessment.kind = parse_stored(assessment_kinds(), header.text(1));
    assessment.assessed_on = stored_date(header, 2);
    assessment.assessed_by = header.text(3);
    by_id[assessment.id] = assessments.size();
    assessments.push_back(std::move(assessment));
  }
  static const std::string rows_sql =
      "SELECT n.assessment_id, n.pathway, n.need_level, n.strengths, n.own_words, n.source FROM needs_pathway n "
      "JOIN needs_assessment a ON a.id = n.assessment_id WHERE a.person_id IN " + people_in_parameter<Db>();
  auto& rows = db_.prepare(rows_sql);
  rows.bind(people);
  while (rows.step()) {
    auto pathway = parse_pathway(rows.text(1));
    if (!pathway) continue;
    assessments[by_id.at(rows.integer(0))].pathways[*pathway] = {
        parse_stored(need_levels(), rows.text(2)), nlohmann::json::parse(rows.text(3)).template get<std::vector<std::string>>(),
        rows.text(4), parse_stored(assessment_sources(), rows.text(5))};
  }
  return assessments;
}

// --- The plan ----------------------------------------------------------------------------------

template <Database Db>
std::int64_t Plans<Db>::insert(const Plan& plan) {
  return inserted_id(
      db_.prepare("INSERT INTO plan (person_id, offer, started_on, last_material_change_on) VALUES (?, ?, ?, ?) "
                  "RETURNING id")
          .bind(plan.person_id, code_of(offers(), plan.offer), plan.started_on, plan.last_material_change_on));
}

template <Database Db>
std::optional<Plan> Plans<Db>::for_person(std::int64_t person_id) {
  auto& statement = db_.prepare(
      "SELECT id, version, offer, started_on, last_material_change_on FROM plan WHERE person_id = ?");
  statement.bind(person_id);
  if (!statement.step()) return std::nullopt;
  Plan plan;
  plan.id = statement.integer(0);
  plan.person_id = person_id;
  plan.version = statement.integer(1);
  plan.offer = parse_stored(offers(), statement.text(2));
  plan.started_on = stored_date(statement, 3);
  plan.last_material_change_on = stored_date(statement, 4);
  read_parts(plan);
  return plan;
}

template <Database Db>
void Plans<Db>::read_parts(Plan& plan) {
  auto& objectives = db_.prepare("SELECT id, pathway, goal, status FROM plan_objective WHERE plan_id = ? ORDER BY id");
  objectives.bind(plan.id);
  while (objectives.step()) {
    plan.objectives.push_back({objectives.integer(0), parse_pathway(objectives.text(1)).value_or(Pathway::accommodation),
                               objectives.text(2), parse_stored(objective_statuses(), objectives.text(3)), {}});
  }
  auto& actions = db_.prepare(
      "SELECT id, description, owner_kind, owner_name, due, status, status_reason FROM plan_action "
      "WHERE objective_id = ? ORDER BY id");
  for (auto& objective : plan.objectives) {
    actions.bind(objective.id);
    while (actions.step()) {
      objective.actions.push_back({actions.integer(0), actions.text(1), parse_stored(action_owner_kinds(), actions.text(2)),
                                   actions.text(3), stored_date(actions, 4),
                                   parse_stored(action_statuses(), actions.text(5)), actions.text(6)});
    }
  }
  auto& reviews = db_.prepare("SELECT kind, held_on, notes FROM plan_review WHERE plan_id = ? ORDER BY held_on, id");
  reviews.bind(plan.id);
  while (reviews.step())
    plan.reviews.push_back({parse_stored(review_kinds(), reviews.text(0)), stored_date(reviews, 1), reviews.text(2)});
  auto& agreement = db_.prepare(
      "SELECT agreed_on, in_their_words FROM plan_agreement WHERE plan_id = ? ORDER BY id DESC LIMIT 1");
  agreement.bind(plan.id);
  if (agreement.step()) plan.agreement = Agreement{stored_date(agreement, 0), agreement.text(1)};
  auto& responses = db_.prepare(
      "SELECT id, objective_id, kind, comment, responded_at FROM plan_response WHERE plan_id = ? ORDER BY id");
  responses.bind(plan.id);
  while (responses.step())
    plan.responses.push_back({responses.integer(0), responses.integer(1),
                              parse_stored(plan_response_kinds(), responses.text(2)), responses.text(3),
                              Timestamp{std::chrono::seconds{responses.integer(4)}}});
}

template <Database Db>
std::int64_t Plans<Db>::add_objective(std::int64_t plan_id, const Objective& objective) {
  return inserted_id(
      db_.prepare("INSERT INTO plan_objective (plan_id, pathway, goal, status) VALUES (?, ?, ?, ?) RETURNING id")
          .bind(plan_id, pathway_code(objective.pathway), objective.goal,
                code_of(objective_statuses(), objective.status)));
}

template <Database Db>
std::int64_t Plans<Db>::add_action(std::int64_t objective_id, const Action& action) {
  return inserted_id(
      db_.prepare(
             "INSERT INTO plan_action (objective_id, description, owner_kind, owner_name, due, status, status_reason) "
             "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id")
          .bind(objective_id, action.description, code_of(action_owner_kinds(), action.owner_kind), action.owner_name,
                action.due, code_of(action_statuses(), action.status), action.status_reason));
}

template <Database Db>
void Plans<Db>::update_action(const Action& action) {
  db_.prepare(
         "UPDATE plan_action SET description = ?, owner_kind = ?, owner_name = ?, due = ?, status = ?, "
         "status_reason = ? WHERE id = ?")
      .bind(action.description, code_of(action_owner_kinds(), action.owner_kind), action.owner_name, action.due,
            code_of(action_statuses(), action.status), action.status_reason, action.id)
      .run();
}

template <Database Db>
void Plans<Db>::add_review(std::int64_t plan_id, const Review& review) {
  db_.prepare("INSERT INTO plan_review (plan_id, kind, held_on, notes) VALUES (?, ?, ?, ?)")
      .bind(plan_id, code_of(review_kinds(), review.kind), review.held_on, review.notes)
      .run();
}

template <Database Db>
void Plans<Db>::add_agreement(std::int64_t plan_id, const Agreement& agreement) {
  db_.prepare("INSERT INTO plan_agreement (plan_id, agreed_on, in_their_words) VALUES (?, ?, ?)")
      .bind(plan_id, agreement.agreed_on, agreement.in_their_words)
      .run();
}

template <Database Db>
std::int64_t Plans<Db>::add_response(std::int64_t plan_id, const PlanResponse& response) {
  return inserted_id(
      db_.prepare("INSERT INTO plan_response (plan_id, objective_id, kind, comment, responded_at) "
                  "VALUES (?, ?, ?, ?, ?) RETURNING id")
          .bind(plan_id, response.objective_id, code_of(plan_response_kinds(), response.kind), response.comment,
                static_cast<std::int64_t>(response.responded_at.time_since_epoch().count())));
}

template <Database Db>
void Plans<Db>::touch(const Plan& plan, std::int64_t expected_version) {
  static const std::string touch_sql =
      "UPDATE plan SET version = version + 1, offer = ?, last_material_change_on = ?, updated_at = " +
      std::string{Sql<Db>::now} + " WHERE id = ? AND version = ?";
  auto& statement = db_.prepare(touch_sql);
  statement.bind(code_of(offers(), plan.offer), plan.last_material_change_on, plan.id, expected_version);
  statement.run();
  require_changed(statement, "plan", plan.id);
}

// --- The pre-release checklist -------------------------------------------------------------------

template <Database Db>
std::int64_t Checklists<Db>::insert(const PreReleaseChecklist& checklist) {
  auto stored = checklist;
  stored.id = inserted_id(
      db_.prepare("INSERT INTO pre_release_checklist (person_id, release_date, generated_on) VALUES (?, ?, ?) "
                  "RETURNING id")
          .bind(checklist.person_id, checklist.release_date, checklist.generated_on));
  write_items(stored);
  return stored.id;
}

template <Database Db>
void Checklists<Db>::write_items(const PreReleaseChecklist& checklist) {
  auto& statement = db_.prepare(
      "INSERT INTO checklist_item (checklist_id, kind, due, status, reason, completed_on) VALUES (?, ?, ?, ?, ?, ?) "
      "ON CONFLICT (checklist_id, kind) DO UPDATE SET due = excluded.due, status = excluded.status, "
      "reason = excluded.reason, completed_on = excluded.completed_on");
  for (const auto& item : checklist.items) {
    statement.bind(checklist.id, code_of(checklist_item_kinds(), item.kind), item.due,
                   code_of(checklist_statuses(), item.status), item.reason, item.completed_on)
        .run();
  }
}

template <Database Db>
std::optional<PreReleaseChecklist> Checklists<Db>::for_person(std::int64_t person_id) {
  auto& statement = db_.prepare(
      "SELECT id, version, release_date, generated_on, closed_on FROM pre_release_checklist WHERE person_id = ?");
  statement.bind(person_id);
  if (!statement.step()) return std::nullopt;
  PreReleaseChecklist checklist;
  checklist.id = statement.integer(0);
  checklist.person_id = person_id;
  checklist.version = statement.integer(1);
  checklist.release_date = stored_date(statement, 2);
  checklist.generated_on = stored_date(statement, 3);
  checklist.closed_on = statement.date(4);
  auto& items = db_.prepare("SELECT kind, due, status, reason, completed_on FROM checklist_item WHERE checklist_id = ?");
  items.bind(checklist.id);
  while (items.step()) {
    checklist.items.push_back({parse_stored(checklist_item_kinds(), items.text(0)), stored_date(items, 1),
                               parse_stored(checklist_statuses(), items.text(2)), items.text(3), items.date(4)});
  }
  std::sort(checklist.items.begin(), checklist.items.end(),
            [](const ChecklistItem& a, const ChecklistItem& b) { return a.kind < b.kind; });
  return checklist;
}

template <Database Db>
void Checklists<Db>::update(const PreReleaseChecklist& checklist, std::int64_t expected_version) {
  static const std::string update_sql =
      "UPDATE pre_release_checklist SET version = version + 1, release_date = ?, generated_on = ?, closed_on = ?, "
      "updated_at = " + std::string{Sql<Db>::now} + " WHERE id = ? AND version = ?";
  auto& statement = db_.prepare(update_sql);
  statement.bind(checklist.release_date, checklist.generated_on, checklist.closed_on, checklist.id, expected_version);
  statement.run();
  require_changed(statement, "checklist", checklist.id);
  write_items(checklist);
}

// --- Outcome snapshots ---------------------------------------------------------------------------

template <Database Db>
std::int64_t OutcomeSnapshots<Db>::insert(const OutcomeSnapshot& snapshot) {
  auto id = inserted_id(
      db_.prepare("INSERT INTO outcome_snapshot (person_id, milestone, recorded_on) VALUES (?, ?, ?) RETURNING id")
          .bind(snapshot.person_id, code_of(milestones(), snapshot.milestone), snapshot.recorded_on));
  auto& row = db_.prepare("INSERT INTO outcome_pathway (snapshot_id, pathway, level, detail) VALUES (?, ?, ?, ?)");
  for (const auto& [pathway, outcome] : snapshot.outcomes)
    row.bind(id, pathway_code(pathway), code_of(outcome_levels(), outcome.level), outcome.detail).run();
  return id;
}

template <Database Db>
std::vector<OutcomeSnapshot> OutcomeSnapshots<Db>::for_person(std::int64_t person_id) { return for_people({person_id}); }

template <Database Db>
std::vector<OutcomeSnapshot> OutcomeSnapshots<Db>::for_people(const std::vector<std::int64_t>& person_ids) {
  auto people = nlohmann::json(person_ids).dump();
  static const std::string header_sql =
      "SELECT id, milestone, recorded_on, person_id FROM outcome_snapshot WHERE person_id IN " +
      people_in_parameter<Db>() + " ORDER BY person_id, id";
  auto& header = db_.prepare(header_sql);
  header.bind(people);
  std::vector<OutcomeSnapshot> snapshots;
  std::unordered_map<std::int64_t, std::size_t> by_id;
  while (header.step()) {
    by_id[header.integer(0)] = snapshots.size();
    snapshots.push_back({header.integer(0), header.integer(3), parse_stored(milestones(), header.text(1)),
                         stored_date(header, 2), {}});
  }
  static const std::string rows_sql =
      "SELECT o.snapshot_id, o.pathway, o.level, o.detail FROM outcome_pathway o "
      "JOIN outcome_snapshot s ON s.id = o.snapshot_id WHERE s.person_id IN " + people_in_parameter<Db>();
  auto& rows = db_.prepare(rows_sql);
  rows.bind(people);
  while (rows.step()) {
    if (auto pathway = parse_pathway(rows.text(1)))
      snapshots[by_id.at(rows.integer(0))].outcomes[*pathway] = {parse_stored(outcome_levels(), rows.text(2)), rows.text(3)};
  }
  return snapshots;
}

template class NeedsAssessments<sqlite::Connection>;
template class NeedsAssessments<postgresql::Connection>;
template class Plans<sqlite::Connection>;
template class Plans<postgresql::Connection>;
template class Checklists<sqlite::Connection>;
template class Checklists<postgresql::Connection>;
template class OutcomeSnapshots<sqlite::Connection>;
template class OutcomeSnapshots<postgresql::Connection>;

}  // namespace resettle::store::shared
