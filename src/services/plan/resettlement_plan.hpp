#pragma once
// Use cases on a person's needs, their one resettlement plan, the pre-release checklist and
// outcome snapshots. Staff who may see the person may read; roles that may edit the person may
// write. Every write runs in one transaction with its journal Event on the person's timeline.
// Unless a function says otherwise: reads are audited and throw NotFound for a person the caller
// may not see; writes also throw Forbidden for a role that may not change a plan and
// ValidationFailed naming each bad field.
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <vector>

#include "domain/bank_holidays.hpp"
#include "domain/plan/needs_assessment.hpp"
#include "domain/plan/outcome_snapshot.hpp"
#include "domain/plan/plan.hpp"
#include "domain/plan/pre_release_checklist.hpp"
#include "domain/mappa/mappa.hpp"
#include "services/people/case_records.hpp"

namespace resettle::services {

// The calculated release date: the earlier of the CRD and ARD of the person's whole booking, under the
// law in force `today` (as the booking page shows it, so the two agree while a measure is yet to
// commence); empty with no sentence or neither date. The plan and checklist work to release_worked_to
// (release_day.hpp).
std::optional<Date> planned_release_date(const PersonRecord& record, Date today);

// --- Needs -----------------------------------------------------------------------------------

struct NeedsRecorded {
  NeedsAssessment assessment;
  std::optional<NeedsAssessment> previous;
  std::vector<PathwayChange> changes;  // empty for the first assessment
};
// Fields not sent are carried over from the last assessment, so no one retells their story. Returns
// the assessment as stored, the one before it and what changed between them.
NeedsRecorded record_needs_assessment(store::Store& store, const Clock& clock, const StaffMember& actor,
                                      std::int64_t person_id, const FieldInput& input);

struct NeedsHistory {
  PersonRecord record;
  std::vector<NeedsAssessment> assessments;  // newest first
  std::vector<PathwayChange> latest_changes;  // the newest against the one before it
  FieldInput next_form;                       // the next assessment, prefilled from the newest
  std::optional<Date> screening_due;          // while no assessment is recorded: 72 hours from the sentence date
  bool screening_overdue = false;
};
NeedsHistory needs_history(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t person_id);

// --- The plan --------------------------------------------------------------------------------

struct PlanView {
  PersonRecord record;
  Plan plan;
  OfferChoice offer;
  std::optional<Date> release_date;    // the date the plan works to (release_worked_to)
  std::optional<Date> day_of_release;  // the day they leave, as pages show it: never a weekend or holiday
  Date next_review_due{};
  bool review_overdue = false;
  bool agreement_current = false;
  std::vector<OverdueAction> overdue;  // most overdue first
  // The MAPPA actions that need each objective (made before there was a licence), by objective id.
  std::map<std::int64_t, std::vector<MappaAction>> mappa_actions;

  bool action_overdue(std::int64_t action_id) const;
};
// The person's one plan, started on first use and never replaced.
PlanView view_plan(store::Store& store, const Clock& clock, const BankHolidays& holidays, const StaffMember& actor,
                   std::int64_t person_id);

// Each change checks expected_version (when given) against the plan's and returns the plan after it:
// StaleVersion when the plan has moved on, NotFound for an objective or action not on this plan,
// Conflict for a status change the action's status does not allow.
Plan add_objective(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t person_id,
                   const FieldInput& input, std::optional<std::int64_t> expected_version);
Plan add_action(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t person_id,
                std::int64_t objective_id, const FieldInput& input, std::optional<std::int64_t> expected_version);
Plan change_action_status(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t person_id,
                          std::int64_t action_id, const FieldInput& input,
                          std::optional<std::int64_t> expected_version);
Plan record_review(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t person_id,
                   const FieldInput& input, std::optional<std::int64_t> expected_version);
Plan record_agreement(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t person_id,
                      const FieldInput& input, std::optional<std::int64_t> expected_version);

// --- Pre-release checklist --------------------------------------------------------------------

struct ChecklistView {
  PersonRecord record;
  std::optional<Date> release_date;    // the date the checklist works to (release_worked_to)
  std::optional<Date> day_of_release;  // the day they leave, as pages show it: never a weekend or holiday
  std::optional<Date> window_opens;    // when the 12-week pre-release window opens; with a release date
  bool window_open = false;            // today is in the window, so the checklist may be generated
  std::optional<PreReleaseChecklist> checklist;
  ChecklistSummary summary;
  std::vector<ChecklistItemKind> overdue;  // items to do and past their due date

  bool item_overdue(ChecklistItemKind kind) const;
};
ChecklistView view_checklist(store::Store& store, const Clock& clock, const BankHolidays& holidays,
                             const StaffMember& actor, std::int64_t person_id);
// Generates the checklist once the 12-week window has opened, or moves its due dates when the
// release date has moved since; returns it as stored. Conflict without a release date or outside
// the window.
PreReleaseChecklist generate_pre_release_checklist(store::Store& store, const Clock& clock, const StaffMember& actor,
                                                   std::int64_t person_id);
// Inside the caller's write: moves the person's checklist, if there is one, to a new release date
// (due dates follow, progress stays) and journals the move. Returns the checklist as it now is;
// empty when there is none.
std::optional<PreReleaseChecklist> move_checklist(store::Transaction& tx, const StaffMember& actor, std::int64_t person_id,
                                                  Date release);
// NotFound when there is no checklist yet; StaleVersion when expected_version is given and old.
PreReleaseChecklist update_checklist_item(store::Store& store, const Clock& clock, const StaffMember& actor,
                                          std::int64_t person_id, ChecklistItemKind kind, const FieldInput& input,
                                          std::optional<std::int64_t> expected_version);

// --- Outcomes ----------------------------------------------------------------------------------

struct OutcomesView {
  PersonRecord record;
  std::vector<OutcomeSnapshot> snapshots;  // in the order recorded
  std::vector<DistanceTravelled> distance;
  std::vector<DueSnapshot> due;
};
OutcomesView view_outcomes(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t person_id);
// Returns the snapshot as stored.
OutcomeSnapshot record_outcome_snapshot(store::Store& store, const Clock& clock, const StaffMember& actor,
                                        std::int64_t person_id, const FieldInput& input);

// --- For lists ---------------------------------------------------------------------------------

struct PlanAlerts {
  int overdue_actions = 0;
  int overdue_checklist_items = 0;
};
// Read inside the caller's transaction, for a caseload row: no audit entry, no plan started.
PlanAlerts plan_alerts(store::Transaction& tx, std::int64_t person_id, Date today);

// What needs doing soon in the plan of someone already read with view_person (so not audited
// again): overdue actions and checklist items, and a reception screening not yet recorded.
struct PlanToDo {
  PlanAlerts alerts;
  std::optional<Date> screening_due;  // set while no needs assessment is recorded
  bool screening_overdue = false;
};
PlanToDo plan_to_do(store::Store& store, const PersonRecord& record, Date today);

// The actions of the plan of someone already read with view_person, not done or cancelled, for a
// referral to say which it serves: "Accommodation: Send the Duty to Refer". Empty with no plan.
struct ActionChoice {
  std::int64_t id = 0;
  std::string text;
};
std::vector<ActionChoice> open_plan_actions(store::Store& store, const PersonRecord& record);
// One entry per person, in the same order, read in one transaction. Only people with a plan or a
// checklist are read: on a long list, most have neither.
std::vector<PlanAlerts> plan_alerts_for(store::Store& store, std::span<const PersonSummary> people, Date today);
// The same for the people of a worklist's rows.
std::vector<PlanAlerts> plan_alerts_for(store::Store& store, std::span<const store::WorklistRow> rows, Date today);

}  // namespace resettle::services
