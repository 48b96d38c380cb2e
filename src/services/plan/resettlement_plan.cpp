// The needs, plan, checklist and outcome use cases (see resettlement_plan.hpp).
#include "services/plan/resettlement_plan.hpp"

#include <algorithm>

#include "domain/staff/access.hpp"
#include "domain/errors.hpp"
#include "domain/release_dates/key_dates.hpp"
#include "domain/staff/role.hpp"
#include "services/release/release_day.hpp"
#include "services/release_dates/bookings.hpp"

namespace resettle::services {

namespace {

// Visible first, so a person the actor may not see stays "not found" whatever their role.
PersonRecord require_writer(store::Store& store, const StaffMember& actor, std::int64_t person_id,
                            const std::string& what, PlanPart part) {
  auto record = view_person(store, actor, person_id, what);
  if (!role_may_change(actor.role, part))
    throw Forbidden(std::string{role_label(actor.role)} + "s cannot " + std::string{entry_for(plan_parts(), part).label});
  return record;
}

void journal(store::Transaction& tx, const StaffMember& actor, std::int64_t person_id, std::string kind,
             std::string entity, std::int64_t entity_id, std::string summary, nlohmann::json data = nlohmann::json::object()) {
  tx.journal().append({actor.id, person_id, std::move(kind), std::move(entity), entity_id, std::move(summary), "",
                       std::move(data)});
}

void require_version(std::int64_t stored, std::optional<std::int64_t> expected, std::string_view what) {
  if (expected && *expected != stored)
    throw StaleVersion(std::string{what} + " has changed since it was read");
}

OfferChoice offer_for(store::Transaction& tx, std::int64_t person_id) {
  auto profile = tx.risk_profiles().find(person_id);
  return choose_offer({profile.rosh.value_or(RoshLevel::low), profile.tier.value_or(Tier::d), profile.mappa});
}

Plan plan_in(store::Transaction& tx, const StaffMember& actor, std::int64_t person_id, Date today) {
  if (auto plan = tx.plans().for_person(person_id)) return *plan;
  Plan plan;
  plan.person_id = person_id;
  plan.offer = offer_for(tx, person_id).offer;
  plan.started_on = today;
  plan.last_material_change_on = today;
  plan.id = tx.plans().insert(plan);
  journal(tx, actor, person_id, "plan.started", "plan", plan.id,
          "Resettlement plan started (" + std::string{entry_for(offers(), plan.offer).label} + ")");
  return *tx.plans().for_person(person_id);
}

struct PlanChange {
  std::string kind;
  std::string entity;
  std::int64_t entity_id = 0;
  std::string summary;
  nlohmann::json data = nlohmann::json::object();
};

// The shape of every change to the plan: one transaction, the version checked and bumped, the
// material-change date kept for the agreement, and one journal Event.
template <typename Change>
Plan change_plan(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t person_id,
                 std::optional<std::int64_t> expected_version, PlanPart part, Change change) {
  require_writer(store, actor, person_id, "plan", part);
  auto today = clock.today();
  auto tx = store.begin_write();
  auto before = plan_in(*tx, actor, person_id, today);
  require_version(before.version, expected_version, "the plan");
  auto after = before;
  PlanChange made = change(*tx, after, today);
  note_change(before, after, today);
  after.offer = offer_for(*tx, person_id).offer;
  tx->plans().touch(after, before.version);
  after.version = before.version + 1;
  journal(*tx, actor, person_id, std::move(made.kind), std::move(made.entity), made.entity_id, std::move(made.summary),
          std::move(made.data));
  tx->commit();
  return after;
}

Action* find_action(Plan& plan, std::int64_t action_id, Pathway* pathway) {
  for (auto& objective : plan.objectives)
    for (auto& action : objective.actions)
      if (action.id == action_id) {
        *pathway = objective.pathway;
        return &action;
      }
  throw NotFound("action " + std::to_string(action_id) + " is not on this plan");
}

std::string label_of(Pathway pathway) { return std::string{pathway_label(pathway)}; }

nlohmann::json changes_json(const std::vector<PathwayChange>& changes) {
  auto fields = nlohmann::json::array();
  for (const auto& change : changes)
    for (const auto& field : change.changed_fields()) fields.push_back(field);
  return fields;
}

}  // namespace

std::optional<Date> planned_release_date(const PersonRecord& record, Date today) {
  return automatic_release(booking_key_dates(record.person, record.booking, today).dates);
}

// --- Needs -----------------------------------------------------------------------------------

NeedsRecorded record_needs_assessment(store::Store& store, const Clock& clock, const StaffMember& actor,
                                      std::int64_t person_id, const FieldInput& input) {
  require_writer(store, actor, person_id, "needs", PlanPart::needs);
  auto tx = store.begin_write();
  auto history = tx->needs_assessments().for_person(person_id);
  NeedsRecorded recorded;
  auto fields = input;
  if (!history.empty()) {
    recorded.previous = history.front();
    auto carried = needs_assessment_fields(history.front());
    for (auto name : {"kind", "assessed_on", "assessed_by"}) carried.erase(name);  // new with every assessment
    fields = overlay_fields(std::move(carried), input);
  }
  recorded.assessment = read_needs_assessment(fields, clock.today());
  recorded.assessment.person_id = person_id;
  recorded.assessment.id = tx->needs_assessments().insert(recorded.assessment);
  recorded.assessment.version = 1;
  if (recorded.previous) recorded.changes = what_changed(*recorded.previous, recorded.assessment);
  auto kind_label = std::string{entry_for(assessment_kinds(), recorded.assessment.kind).label};
  auto summary = recorded.previous ? kind_label + " recorded: " + std::to_string(recorded.changes.size()) +
                                         " pathway(s) changed since the last"
                                   : kind_label + " recorded";
  journal(*tx, actor, person_id, "needs.assessed", "needs_assessment", recorded.assessment.id, summary,
          {{"changed_fields", changes_json(recorded.changes)}});
  tx->commit();
  return recorded;
}

NeedsHistory needs_history(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t person_id) {
  NeedsHistory history{view_person(store, actor, person_id, "needs"), {}, {}, {}, std::nullopt, false};
  auto tx = store.begin_read();
  history.assessments = tx->needs_assessments().for_person(person_id);
  auto today = clock.today();
  if (history.assessments.size() > 1)
    history.latest_changes = what_changed(history.assessments[1], history.assessments[0]);
  if (!history.assessments.empty()) {
    history.next_form = needs_assessment_fields(
        prefill_from(history.assessments.front(), AssessmentKind::resettlement_assessment, today, ""));
  } else if (!history.record.sentences.empty() && history.record.sentences.front().start_date) {
    auto arrived = *history.record.sentences.front().start_date;
    history.screening_due = reception_screening_due(arrived);
    history.screening_overdue = reception_screening_overdue(arrived, today);
  }
  return history;
}

// --- The plan --------------------------------------------------------------------------------

bool PlanView::action_overdue(std::int64_t action_id) const {
  return std::ranges::any_of(overdue, [&](const OverdueAction& late) { return late.action.id == action_id; });
}

PlanView view_plan(store::Store& store, const Clock& clock, const BankHolidays& holidays, const StaffMember& actor,
                   std::int64_t person_id) {
  PlanView view{view_person(store, actor, person_id, "plan"), {}, {}, std::nullopt, std::nullopt, {}, false, false, {}, {}};
  auto today = clock.today();
  if (auto stored = store.begin_read()->plans().for_person(person_id)) {
    view.plan = *stored;
  } else {
    auto tx = store.begin_write();  // the plan is started on first use
    view.plan = plan_in(*tx, actor, person_id, today);
    tx->commit();
  }
  auto tx = store.begin_read();
  view.offer = offer_for(*tx, person_id);
  view.release_date = release_worked_to(*tx, view.record, clock.today());
  view.day_of_release = day_they_leave(*tx, view.record, holidays, clock.today());
  view.next_review_due = next_review_due(view.plan, view.release_date);
  view.review_overdue = review_overdue(view.plan, view.release_date, today);
  view.agreement_current = agreement_is_current(view.plan);
  view.overdue = overdue_actions(view.plan, today);
  for (auto& action : tx->mappa().actions_for(person_id))
    if (action.objective_id) view.mappa_actions[*action.objective_id].push_back(std::move(action));
  return view;
}

Plan add_objective(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t person_id,
                   const FieldInput& input, std::optional<std::int64_t> expected_version) {
  auto objective = read_objective(input);
  return change_plan(store, clock, actor, person_id, expected_version, PlanPart::objectives,
                     [&](store::Transaction& tx, Plan& plan, Date) {
    objective.id = tx.plans().add_objective(plan.id, objective);
    plan.objectives.push_back(objective);
    return PlanChange{"plan.objective_added", "plan_objective", objective.id,
                      "Objective added (" + label_of(objective.pathway) + "): " + objective.goal};
  });
}

Plan add_action(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t person_id,
                std::int64_t objective_id, const FieldInput& input, std::optional<std::int64_t> expected_version) {
  auto action = read_action(input);
  return change_plan(store, clock, actor, person_id, expected_version, PlanPart::actions,
                     [&](store::Transaction& tx, Plan& plan, Date) {
    auto objective = std::find_if(plan.objectives.begin(), plan.objectives.end(),
                                  [&](const Objective& o) { return o.id == objective_id; });
    if (objective == plan.objectives.end())
      throw NotFound("objective " + std::to_string(objective_id) + " is not on this plan");
    action.id = tx.plans().add_action(objective_id, action);
    objective->actions.push_back(action);
    return PlanChange{"plan.action_added", "plan_action", action.id,
                      "Action added (" + label_of(objective->pathway) + "): " + action.description + ", due " +
                          to_iso(action.due)};
  });
}

Plan change_action_status(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t person_id,
                          std::int64_t action_id, const FieldInput& input,
                          std::optional<std::int64_t> expected_version) {
  auto change = read_status_change(input);
  return change_plan(store, clock, actor, person_id, expected_version, PlanPart::actions,
                     [&](store::Transaction& tx, Plan& plan, Date) {
    Pathway pathway{};
    auto* action = find_action(plan, action_id, &pathway);
    auto from = action->status;
    resettle::change_action_status(*action, change.to, change.reason);
    tx.plans().update_action(*action);
    auto from_label = std::string{entry_for(action_statuses(), from).label};
    auto to_label = std::string{entry_for(action_statuses(), change.to).label};
    return PlanChange{"plan.action_status_changed", "plan_action", action_id,
                      "Action \"" + action->description + "\" moved from " + from_label + " to " + to_label,
                      {{"status", {{"from", entry_for(action_statuses(), from).code},
                                   {"to", entry_for(action_statuses(), change.to).code}}},
                       {"reason", change.reason}}};
  });
}

Plan record_review(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t person_id,
                   const FieldInput& input, std::optional<std::int64_t> expected_version) {
  auto review = read_review(input, clock.today());
  return change_plan(store, clock, actor, person_id, expected_version, PlanPart::reviews_and_agreement,
                     [&](store::Transaction& tx, Plan& plan, Date) {
    tx.plans().add_review(plan.id, review);
    plan.reviews.push_back(review);
    std::stable_sort(plan.reviews.begin(), plan.reviews.end(),
                     [](const Review& a, const Review& b) { return a.held_on < b.held_on; });
    return PlanChange{"plan.reviewed", "plan", plan.id,
                      std::string{entry_for(review_kinds(), review.kind).label} + " held on " +
                          to_long_date(review.held_on)};
  });
}

Plan record_agreement(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t person_id,
                      const FieldInput& input, std::optional<std::int64_t> expected_version) {
  auto agreement = read_agreement(input, clock.today());
  return change_plan(store, clock, actor, person_id, expected_version, PlanPart::reviews_and_agreement,
                     [&](store::Transaction& tx, Plan& plan, Date) {
    tx.plans().add_agreement(plan.id, agreement);
    plan.agreement = agreement;
    return PlanChange{"plan.agreed", "plan", plan.id, "The person agreed their plan on " + to_iso(agreement.agreed_on)};
  });
}

// --- Pre-release checklist --------------------------------------------------------------------

bool ChecklistView::item_overdue(ChecklistItemKind kind) const { return std::ranges::find(overdue, kind) != overdue.end(); }

ChecklistView view_checklist(store::Store& store, const Clock& clock, const BankHolidays& holidays,
                             const StaffMember& actor, std::int64_t person_id) {
  ChecklistView view;
  view.record = view_person(store, actor, person_id, "checklist");
  auto today = clock.today();
  auto tx = store.begin_read();
  view.release_date = release_worked_to(*tx, view.record, clock.today());
  view.day_of_release = day_they_leave(*tx, view.record, holidays, clock.today());
  view.checklist = tx->checklists().for_person(person_id);
  bool closed = view.checklist && view.checklist->closed_on;  // at release: what is left comes after it
  if (view.release_date) {
    view.window_opens = checklist_window_opens(*view.release_date);
    view.window_open = !closed && checklist_window_is_open(*view.release_date, today);
  }
  if (!view.checklist) return view;
  view.summary = summarise(*view.checklist, today);
  if (closed) return view;
  for (const auto& item : view.checklist->items)
    if (is_overdue(item, today)) view.overdue.push_back(item.kind);
  return view;
}

std::optional<PreReleaseChecklist> move_checklist(store::Transaction& tx, const StaffMember& actor, std::int64_t person_id,
                                                  Date release) {
  auto checklist = tx.checklists().for_person(person_id);
  if (!checklist || checklist->release_date == release) return checklist;
  auto version = checklist->version;
  auto moved_from = checklist->release_date;
  reschedule(*checklist, release);
  tx.checklists().update(*checklist, version);
  checklist->version = version + 1;
  journal(tx, actor, person_id, "checklist.rescheduled", "pre_release_checklist", checklist->id,
          "Pre-release checklist moved to the new release date " + to_iso(release),
          {{"release_date", {{"from", to_iso(moved_from)}, {"to", to_iso(release)}}}});
  return checklist;
}

PreReleaseChecklist generate_pre_release_checklist(store::Store& store, const Clock& clock, const StaffMember& actor,
                                                   std::int64_t person_id) {
  auto record = require_writer(store, actor, person_id, "checklist", PlanPart::checklist);
  auto tx = store.begin_write();
  auto release = release_worked_to(*tx, record, clock.today());
  if (!release) throw Conflict("There is no release date yet: record a sentence with its dates first");
  auto today = clock.today();
  if (!checklist_window_is_open(*release, today))
    throw Conflict("The pre-release window runs from " + to_iso(checklist_window_opens(*release)) + " to the release date, " +
                   to_iso(*release));
  auto checklist = move_checklist(*tx, actor, person_id, *release);
  if (!checklist) {
    auto needs = tx->needs_assessments().for_person(person_id);
    checklist = generate_checklist(*release, needs.empty() ? std::nullopt : std::optional{needs.front()}, today);
    checklist->person_id = person_id;
    checklist->id = tx->checklists().insert(*checklist);
    checklist->version = 1;
    journal(*tx, actor, person_id, "checklist.generated", "pre_release_checklist", checklist->id,
            "Pre-release checklist generated for release on " + to_iso(*release));
  }
  tx->commit();
  return *checklist;
}

PreReleaseChecklist update_checklist_item(store::Store& store, const Clock& clock, const StaffMember& actor,
                                          std::int64_t person_id, ChecklistItemKind kind, const FieldInput& input,
                                          std::optional<std::int64_t> expected_version) {
  require_writer(store, actor, person_id, "checklist", PlanPart::checklist);
  auto update = read_checklist_item_update(input, clock.today());
  auto tx = store.begin_write();
  auto checklist = tx->checklists().for_person(person_id);
  if (!checklist) throw NotFound("there is no pre-release checklist for this person yet");
  require_version(checklist->version, expected_version, "the checklist");
  auto item = std::find_if(checklist->items.begin(), checklist->items.end(),
                           [&](const ChecklistItem& i) { return i.kind == kind; });
  if (item == checklist->items.end()) throw NotFound("the checklist has no such item");
  apply_update(*item, update);
  auto version = checklist->version;
  tx->checklists().update(*checklist, version);
  checklist->version = version + 1;
  journal(*tx, actor, person_id, "checklist.item_updated", "pre_release_checklist", checklist->id,
          std::string{entry_for(checklist_item_kinds(), kind).label} + ": " +
              std::string{entry_for(checklist_statuses(), update.status).label},
          {{"item", entry_for(checklist_item_kinds(), kind).code},
           {"status", entry_for(checklist_statuses(), update.status).code},
           {"reason", update.reason}});
  tx->commit();
  return *checklist;
}

// --- Outcomes ----------------------------------------------------------------------------------

OutcomesView view_outcomes(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t person_id) {
  OutcomesView view{view_person(store, actor, person_id, "outcomes"), {}, {}, {}};
  auto tx = store.begin_read();
  view.snapshots = tx->outcome_snapshots().for_person(person_id);
  view.distance = distance_travelled(view.snapshots);
  const auto& sentences = view.record.sentences;
  if (!sentences.empty() && sentences.front().start_date)
    view.due = snapshots_due(clock.today(), *sentences.front().start_date, planned_release_date(view.record, clock.today()),
                             view.snapshots);
  return view;
}

OutcomeSnapshot record_outcome_snapshot(store::Store& store, const Clock& clock, const StaffMember& actor,
                                        std::int64_t person_id, const FieldInput& input) {
  require_writer(store, actor, person_id, "outcomes", PlanPart::outcomes);
  auto snapshot = read_outcome_snapshot(input, clock.today());
  snapshot.person_id = person_id;
  auto tx = store.begin_write();
  snapshot.id = tx->outcome_snapshots().insert(snapshot);
  journal(*tx, actor, person_id, "outcomes.recorded", "outcome_snapshot", snapshot.id,
          "Outcomes recorded: " + std::string{entry_for(milestones(), snapshot.milestone).label},
          outcome_snapshot_fields(snapshot));
  tx->commit();
  return snapshot;
}

PlanAlerts plan_alerts(store::Transaction& tx, std::int64_t person_id, Date today) {
  PlanAlerts alerts;
  if (auto plan = tx.plans().for_person(person_id))
    alerts.overdue_actions = static_cast<int>(overdue_actions(*plan, today).size());
  if (auto checklist = tx.checklists().for_person(person_id))
    alerts.overdue_checklist_items = summarise(*checklist, today).overdue;
  return alerts;
}

PlanToDo plan_to_do(store::Store& store, const PersonRecord& record, Date today) {
  auto tx = store.begin_read();
  PlanToDo to_do{plan_alerts(*tx, record.person.id, today), std::nullopt, false};
  const auto& sentences = record.sentences;
  if (!sentences.empty() && sentences.front().start_date && tx->needs_assessments().for_person(record.person.id).empty()) {
    to_do.screening_due = reception_screening_due(*sentences.front().start_date);
    to_do.screening_overdue = reception_screening_overdue(*sentences.front().start_date, today);
  }
  return to_do;
}

std::vector<ActionChoice> open_plan_actions(store::Store& store, const PersonRecord& record) {
  std::vector<ActionChoice> choices;
  auto plan = store.begin_read()->plans().for_person(record.person.id);
  if (!plan) return choices;
  for (const auto& objective : plan->objectives)
    for (const auto& action : objective.actions)
      if (action.status != ActionStatus::done && action.status != ActionStatus::cancelled)
        choices.push_back({action.id, label_of(objective.pathway) + ": " + action.description});
  return choices;
}

namespace {
// `person` gives the PersonSummary of each item, so a list of rows is read where it is.
template <typename Item, typename Person>
std::vector<PlanAlerts> plan_alerts_of(store::Store& store, std::span<const Item> items, Person person, Date today) {
  std::vector<PlanAlerts> alerts(items.size());
  auto with_either = std::ranges::find_if(items, [&](const Item& item) { return person(item).has_plan_or_checklist; });
  if (with_either == items.end()) return alerts;  // nobody to read, so no transaction either
  auto tx = store.begin_read();
  for (std::size_t i = 0; i < items.size(); ++i) {
    const PersonSummary& summary = person(items[i]);
    if (summary.has_plan_or_checklist) alerts[i] = plan_alerts(*tx, summary.id, today);
  }
  return alerts;
}
}  // namespace

std::vector<PlanAlerts> plan_alerts_for(store::Store& store, std::span<const PersonSummary> people, Date today) {
  return plan_alerts_of(store, people, [](const PersonSummary& summary) -> const PersonSummary& { return summary; },
                        today);
}

std::vector<PlanAlerts> plan_alerts_for(store::Store& store, std::span<const store::WorklistRow> rows, Date today) {
  return plan_alerts_of(store, rows, [](const store::WorklistRow& row) -> const PersonSummary& { return row.person; },
                        today);
}

}  // namespace resettle::services
