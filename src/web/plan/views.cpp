// Needs, plans, checklists and outcomes as JSON (see views.hpp).
#include "web/plan/views.hpp"

#include <algorithm>

#include "domain/catalogue.hpp"
#include "domain/errors.hpp"
#include "domain/staff_catalogue.hpp"
#include "services/clock.hpp"

namespace resettle::web {

namespace {

template <typename E>
std::string code_of(std::span<const Coded<E>> list, E value) {
  return std::string{entry_for(list, value).code};
}

nlohmann::json optional_date(const std::optional<Date>& date) {
  return date ? nlohmann::json(to_iso(*date)) : nlohmann::json();
}

// One member's value as field text, or an error naming it.
std::optional<std::string> field_text(const nlohmann::json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_null()) return std::string{};
  if (value.is_number_integer()) return std::to_string(value.get<long long>());
  if (value.is_array() && std::all_of(value.begin(), value.end(), [](const auto& v) { return v.is_string(); })) {
    std::string lines;
    for (const auto& line : value) lines += (lines.empty() ? "" : "\n") + line.get<std::string>();
    return lines;
  }
  return std::nullopt;
}

bool listed(std::initializer_list<std::string_view> names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

FieldInput pathway_body_fields(const nlohmann::json& body, std::initializer_list<std::string_view> top,
                               std::string_view group, std::initializer_list<std::string_view> per_pathway) {
  static const std::initializer_list<std::string_view> read_only{"id", "version", "person_id", "links"};
  if (!body.is_object()) throw ValidationFailed("body", "must be a JSON object");
  FieldInput fields;
  std::vector<FieldError> errors;
  auto take = [&](const std::string& name, const nlohmann::json& value) {
    if (auto text = field_text(value)) fields[name] = *text;
    else errors.push_back({name, "must be text, a whole number or a list of text"});
  };
  for (const auto& [name, value] : body.items()) {
    if (listed(read_only, name)) continue;
    if (name != group) {
      if (listed(top, name)) take(name, value);
      else errors.push_back({name, "is not a field of this record"});
      continue;
    }
    if (!value.is_object()) {
      errors.push_back({name, "must be an object with one member per pathway"});
      continue;
    }
    for (const auto& [code, entry] : value.items()) {
      auto pathway = parse_pathway(code);
      if (!pathway) {
        errors.push_back({std::string{group} + "." + code, "is not a pathway"});
        continue;
      }
      if (!entry.is_object()) {
        errors.push_back({std::string{group} + "." + code, "must be an object"});
        continue;
      }
      for (const auto& [member, member_value] : entry.items()) {
        auto field = pathway_field(*pathway, member);
        if (listed(per_pathway, member)) take(field, member_value);
        else errors.push_back({field, "is not a field of a pathway"});
      }
    }
  }
  if (!errors.empty()) throw ValidationFailed(errors);
  return fields;
}

nlohmann::json needs_assessment_json(const NeedsAssessment& assessment) {
  auto pathways_json = nlohmann::json::object();
  for (const auto& [pathway, entry] : assessment.pathways) {
    pathways_json[std::string{pathway_code(pathway)}] = {{"need_level", code_of(need_levels(), entry.need_level)},
                                                         {"strengths", entry.strengths},
                                                         {"own_words", entry.own_words},
                                                         {"source", code_of(assessment_sources(), entry.source)}};
  }
  return {{"id", assessment.id},
          {"person_id", assessment.person_id},
          {"kind", code_of(assessment_kinds(), assessment.kind)},
          {"assessed_on", to_iso(assessment.assessed_on)},
          {"assessed_by", assessment.assessed_by},
          {"pathways", pathways_json}};
}

nlohmann::json pathway_changes_json(const std::vector<PathwayChange>& changes) {
  auto json = nlohmann::json::array();
  for (const auto& change : changes) {
    auto need = [](const std::optional<NeedLevel>& level) {
      return level ? nlohmann::json(code_of(need_levels(), *level)) : nlohmann::json();
    };
    json.push_back({{"pathway", pathway_code(change.pathway)},
                    {"changed_fields", change.changed_fields()},
                    {"need_before", need(change.need_before)},
                    {"need_after", need(change.need_after)},
                    {"strengths_added", change.strengths_added},
                    {"strengths_removed", change.strengths_removed}});
  }
  return json;
}

nlohmann::json plan_json(const services::PlanView& view) {
  const auto& plan = view.plan;
  auto objectives = nlohmann::json::array();
  for (const auto& objective : plan.objectives) {
    auto actions = nlohmann::json::array();
    for (const auto& action : objective.actions) {
      actions.push_back({{"id", action.id},
                         {"description", action.description},
                         {"owner_kind", code_of(action_owner_kinds(), action.owner_kind)},
                         {"owner_name", action.owner_name},
                         {"due_date", to_iso(action.due)},
                         {"status", code_of(action_statuses(), action.status)},
                         {"status_reason", action.status_reason},
                         {"overdue", view.action_overdue(action.id)}});
    }
    objectives.push_back({{"id", objective.id},
                          {"pathway", pathway_code(objective.pathway)},
                          {"goal", objective.goal},
                          {"status", code_of(objective_statuses(), objective.status)},
                          {"actions", actions}});
  }
  auto reviews = nlohmann::json::array();
  for (const auto& review : plan.reviews)
    reviews.push_back({{"kind", code_of(review_kinds(), review.kind)}, {"held_on", to_iso(review.held_on)}, {"notes", review.notes}});
  auto responses = nlohmann::json::array();
  for (const auto& response : plan.responses)
    responses.push_back({{"objective_id", response.objective_id},
                         {"response", entry_for(plan_response_kinds(), response.kind).code},
                         {"comment", response.comment},
                         {"responded_at", services::to_iso_timestamp(response.responded_at)}});
  nlohmann::json agreement;
  if (plan.agreement)
    agreement = {{"agreed_on", to_iso(plan.agreement->agreed_on)}, {"in_their_words", plan.agreement->in_their_words}};
  return {{"id", plan.id},
          {"person_id", plan.person_id},
          {"version", plan.version},
          {"offer", code_of(offers(), view.offer.offer)},
          {"offer_reason", view.offer.reason},
          {"started_on", to_iso(plan.started_on)},
          {"last_material_change_on", to_iso(plan.last_material_change_on)},
          {"release_date", optional_date(view.release_date)},
          {"next_review_due", to_iso(view.next_review_due)},
          {"review_overdue", view.review_overdue},
          {"agreement", agreement},
          {"agreement_current", view.agreement_current},
          {"overdue_actions", view.overdue.size()},
          {"objectives", objectives},
          {"reviews", reviews},
          {"responses", responses},
          {"links", {{"self", "/api/v1/people/" + std::to_string(plan.person_id) + "/plan"}}}};
}

nlohmann::json checklist_json(const services::ChecklistView& view) {
  const auto& checklist = *view.checklist;
  auto items = nlohmann::json::array();
  for (const auto& item : checklist.items) {
    items.push_back({{"kind", code_of(checklist_item_kinds(), item.kind)},
                     {"label", entry_for(checklist_item_kinds(), item.kind).label},
                     {"due_date", to_iso(item.due)},
                     {"status", code_of(checklist_statuses(), item.status)},
                     {"reason", item.reason},
                     {"completed_on", optional_date(item.completed_on)},
                     {"overdue", view.item_overdue(item.kind)}});
  }
  const auto& summary = view.summary;
  return {{"id", checklist.id},
          {"version", checklist.version},
          {"release_date", to_iso(checklist.release_date)},
          {"generated_on", to_iso(checklist.generated_on)},
          {"closed_on", optional_date(checklist.closed_on)},
          {"summary", {{"to_do", summary.to_do}, {"done", summary.done}, {"not_needed", summary.not_needed},
                       {"overdue", summary.overdue}, {"post_release", summary.post_release}}},
          {"items", items}};
}

nlohmann::json outcome_snapshot_json(const OutcomeSnapshot& snapshot) {
  auto outcomes = nlohmann::json::object();
  for (const auto& [pathway, outcome] : snapshot.outcomes)
    outcomes[std::string{pathway_code(pathway)}] = {{"level", code_of(outcome_levels(), outcome.level)}, {"detail", outcome.detail}};
  return {{"id", snapshot.id},
          {"milestone", code_of(milestones(), snapshot.milestone)},
          {"recorded_on", to_iso(snapshot.recorded_on)},
          {"outcomes", outcomes}};
}

nlohmann::json outcomes_json(const services::OutcomesView& view) {
  auto snapshots = nlohmann::json::array();
  for (const auto& snapshot : view.snapshots) snapshots.push_back(outcome_snapshot_json(snapshot));
  auto distance = nlohmann::json::array();
  for (const auto& moved : view.distance) {
    distance.push_back({{"pathway", pathway_code(moved.pathway)},
                        {"from", code_of(milestones(), moved.from)},
                        {"to", code_of(milestones(), moved.to)},
                        {"from_level", code_of(outcome_levels(), moved.from_level)},
                        {"to_level", code_of(outcome_levels(), moved.to_level)},
                        {"direction", code_of(directions(), moved.direction)},
                        {"steps", moved.steps}});
  }
  auto due = nlohmann::json::array();
  for (const auto& snapshot : view.due)
    due.push_back({{"milestone", code_of(milestones(), snapshot.milestone)}, {"due_date", to_iso(snapshot.due)}});
  return {{"snapshots", snapshots}, {"distance_travelled", distance}, {"due", due}};
}

View plan_alerts_cell(const services::PlanAlerts& alerts) {
  int overdue = alerts.overdue_actions + alerts.overdue_checklist_items;
  if (overdue == 0) return staff_text("None");
  auto actions = staff_text_plural("((count)) plan action", "((count)) plan actions", alerts.overdue_actions);
  auto items = staff_text_plural("((count)) checklist item", "((count)) checklist items", alerts.overdue_checklist_items);
  auto detail = alerts.overdue_checklist_items == 0 ? actions
                : alerts.overdue_actions == 0      ? items
                                                   : staff_text("((actions)), ((items))", {{"actions", actions}, {"items", items}});
  return {{"text", detail + " "}, {"tag", {{"text", staff_text("Overdue")}, {"colour", "red"}}}};
}

}  // namespace resettle::web
