// The resettlement plan's rules: objectives, actions, reviews, agreement (see plan.hpp).
#include "domain/plan/plan.hpp"

#include <algorithm>
#include <array>

#include "domain/plan/pre_release_checklist.hpp"

namespace resettle {

namespace {
// Stored and sent in JSON: codes may only be added to, never changed or removed; labels may change.
constexpr std::array<Coded<ObjectiveStatus>, 3> objective_status_table{{
    {ObjectiveStatus::active, "active", "Working on it"},
    {ObjectiveStatus::achieved, "achieved", "Achieved"},
    {ObjectiveStatus::no_longer_needed, "no_longer_needed", "No longer needed"},
}};
// Stored and sent in JSON: codes may only be added to, never changed or removed; labels may change.
constexpr std::array<Coded<ActionOwnerKind>, 3> owner_kind_table{{
    {ActionOwnerKind::person, "person", "The person"},
    {ActionOwnerKind::practitioner, "practitioner", "A practitioner"},
    {ActionOwnerKind::agency, "agency", "Another agency"},
}};
// Stored and sent in JSON: codes may only be added to, never changed or removed; labels may change.
constexpr std::array<Coded<ActionStatus>, 4> action_status_table{{
    {ActionStatus::not_started, "not_started", "Not started"},
    {ActionStatus::in_progress, "in_progress", "In progress"},
    {ActionStatus::done, "done", "Done"},
    {ActionStatus::cancelled, "cancelled", "Cancelled"},
}};
// Stored and sent in JSON: codes may only be added to, never changed or removed; labels may change.
constexpr std::array<Coded<ReviewKind>, 4> review_kind_table{{
    {ReviewKind::scheduled, "scheduled", "Scheduled review"},
    {ReviewKind::transfer, "transfer", "Review at transfer"},
    {ReviewKind::release, "release", "Review at release"},
    {ReviewKind::other, "other", "Other review"},
}};

using enum StatusMove;
// Rows: from; columns: to, both in ActionStatus order (not started, in progress, done, cancelled).
constexpr std::array<std::array<StatusMove, 4>, 4> status_moves{{
    {allowed, allowed, allowed, needs_reason},
    {needs_reason, allowed, allowed, needs_reason},
    {needs_reason, needs_reason, allowed, not_allowed},
    {needs_reason, needs_reason, not_allowed, allowed},
}};

constexpr std::size_t max_goal_length = 1000;
constexpr std::size_t max_description_length = 500;
constexpr std::size_t max_notes_length = 4000;

// What the person agreed to: progress (an action done, an objective achieved) is not part of it,
// but whether each still stands is.
bool same_terms(const Action& a, const Action& b) {
  return a.id == b.id && a.description == b.description && a.owner_kind == b.owner_kind &&
         a.owner_name == b.owner_name && a.due == b.due &&
         (a.status == ActionStatus::cancelled) == (b.status == ActionStatus::cancelled);
}

bool same_terms(const Objective& a, const Objective& b) {
  return a.id == b.id && a.pathway == b.pathway && a.goal == b.goal &&
         (a.status == ObjectiveStatus::no_longer_needed) == (b.status == ObjectiveStatus::no_longer_needed) &&
         std::equal(a.actions.begin(), a.actions.end(), b.actions.begin(), b.actions.end(),
                    [](const Action& x, const Action& y) { return same_terms(x, y); });
}

}  // namespace

std::span<const Coded<ObjectiveStatus>> objective_statuses() { return objective_status_table; }
std::span<const Coded<ActionOwnerKind>> action_owner_kinds() { return owner_kind_table; }
std::span<const Coded<ActionStatus>> action_statuses() { return action_status_table; }
std::span<const Coded<ReviewKind>> review_kinds() { return review_kind_table; }

StatusMove action_status_move(ActionStatus from, ActionStatus to) {
  return status_moves[static_cast<std::size_t>(from)][static_cast<std::size_t>(to)];
}

void change_action_status(Action& action, ActionStatus to, std::string_view reason) {
  auto move = action_status_move(action.status, to);
  if (move == not_allowed)
    throw Conflict("An action that is " + std::string{entry_for(action_statuses(), action.status).label} +
                   " cannot become " + std::string{entry_for(action_statuses(), to).label} + ": reopen it first");
  if (action.status == to) return;
  auto given = reason.find_first_not_of(" \t\r\n") != std::string_view::npos;
  if (move == needs_reason && !given)
    throw ValidationFailed(std::vector<FieldError>{
        {"reason", "is required to move an action from " +
                       std::string{entry_for(action_statuses(), action.status).label} + " to " +
                       std::string{entry_for(action_statuses(), to).label}}});
  action.status = to;
  action.status_reason = move == needs_reason ? std::string{reason} : std::string{};
}

bool is_open(const Action& action) {
  return action.status == ActionStatus::not_started || action.status == ActionStatus::in_progress;
}

bool is_overdue(const Action& action, Date today) { return is_open(action) && action.due < today; }

std::vector<OverdueAction> overdue_actions(const Plan& plan, Date today) {
  std::vector<OverdueAction> overdue;
  for (const auto& objective : plan.objectives) {
    if (objective.status != ObjectiveStatus::active) continue;
    for (const auto& action : objective.actions)
      if (is_overdue(action, today)) overdue.push_back({objective.pathway, action, days_between(action.due, today)});
  }
  std::stable_sort(overdue.begin(), overdue.end(),
                   [](const OverdueAction& a, const OverdueAction& b) { return a.days_overdue > b.days_overdue; });
  return overdue;
}

Date next_review_due(const Plan& plan, std::optional<Date> release_date) {
  auto last = plan.started_on;
  for (const auto& review : plan.reviews) last = std::max(last, review.held_on);
  if (!release_date) return add_months(last, custody_review_interval.count());
  if (last >= *release_date) return add_months(last, licence_review_interval.count());
  auto window_opens = checklist_window_opens(*release_date);
  auto next = last < window_opens ? std::min(add_months(last, custody_review_interval.count()), window_opens)
                                  : add_days(last, pre_release_review_interval_days);
  return std::min(next, *release_date);  // a review at release, whatever the cadence says
}

bool review_overdue(const Plan& plan, std::optional<Date> release_date, Date today) {
  return next_review_due(plan, release_date) < today;
}

bool is_material_change(const Plan& before, const Plan& after) {
  return !std::equal(before.objectives.begin(), before.objectives.end(), after.objectives.begin(),
                     after.objectives.end(), [](const Objective& a, const Objective& b) { return same_terms(a, b); });
}

void note_change(const Plan& before, Plan& after, Date today) {
  if (is_material_change(before, after)) after.last_material_change_on = today;
}

bool agreement_is_current(const Plan& plan) {
  return plan.agreement && plan.agreement->agreed_on >= plan.last_material_change_on;
}

Objective read_objective(const FieldInput& input) {
  FieldReader reader{input};
  Objective objective;
  objective.pathway = reader.code("pathway", Need::required, pathways()).value_or(Pathway::accommodation);
  objective.goal = reader.text("goal", Need::required, max_goal_length);
  objective.status = reader.code("status", Need::optional, objective_statuses()).value_or(ObjectiveStatus::active);
  reader.throw_if_failed();
  return objective;
}

Action read_action(const FieldInput& input) {
  FieldReader reader{input};
  Action action;
  action.description = reader.text("description", Need::required, max_description_length);
  action.owner_kind = reader.code("owner_kind", Need::required, action_owner_kinds()).value_or(ActionOwnerKind::person);
  // The person is named by the plan itself; anyone else must be named so they can be chased.
  auto owner_need = action.owner_kind == ActionOwnerKind::person ? Need::optional : Need::required;
  action.owner_name = reader.text("owner_name", owner_need, 200);
  action.due = reader.date("due_date", Need::required).value_or(Date{});
  reader.throw_if_failed();
  return action;
}

StatusChange read_status_change(const FieldInput& input) {
  FieldReader reader{input};
  StatusChange change;
  change.to = reader.code("status", Need::required, action_statuses()).value_or(ActionStatus::not_started);
  change.reason = reader.text("reason", Need::optional, 500);
  reader.throw_if_failed();
  return change;
}

Review read_review(const FieldInput& input, Date today) {
  FieldReader reader{input};
  Review review;
  review.kind = reader.code("kind", Need::required, review_kinds()).value_or(ReviewKind::scheduled);
  review.held_on = reader.past_date("held_on", Need::required, today).value_or(Date{});
  auto notes_need = review.kind == ReviewKind::other ? Need::required : Need::optional;  // say what it was
  review.notes = reader.text("notes", notes_need, max_notes_length);
  reader.throw_if_failed();
  return review;
}

Agreement read_agreement(const FieldInput& input, Date today) {
  FieldReader reader{input};
  Agreement agreement;
  agreement.agreed_on = reader.past_date("agreed_on", Need::required, today).value_or(Date{});
  agreement.in_their_words = reader.text("in_their_words", Need::optional, max_notes_length);
  reader.throw_if_failed();
  return agreement;
}

FieldInput objective_fields(const Objective& objective) {
  return {
      {"pathway", std::string{pathway_code(objective.pathway)}},
      {"goal", objective.goal},
      {"status", std::string{entry_for(objective_statuses(), objective.status).code}},
  };
}

FieldInput action_fields(const Action& action) {
  return {
      {"description", action.description},
      {"owner_kind", std::string{entry_for(action_owner_kinds(), action.owner_kind).code}},
      {"owner_name", action.owner_name},
      {"due_date", to_iso(action.due)},
  };
}

}  // namespace resettle
