#pragma once
// The licence a person is released on: the standard conditions of the policy version it was made
// under, additional conditions each justified by a risk or need on the plan, bespoke wording
// flagged for approval; its status from draft to active and inactive; the working-day warnings
// before release; and variations after release with what changed between versions.
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "domain/bank_holidays.hpp"
#include "domain/code_list.hpp"
#include "domain/date.hpp"
#include "domain/field_input.hpp"
#include "domain/licence/licence_conditions.hpp"
#include "domain/staff/role.hpp"

namespace resettle {

// Stored and sent in JSON: codes may only be added to.
enum class LicenceStatus { draft, submitted, returned, approved, active, inactive };
std::span<const Coded<LicenceStatus>> licence_statuses();

// What an additional condition protects against or helps with: a risk, or a need on one of the
// plan's pathways. Stored and sent in JSON: codes may only be added to.
enum class ConditionPurpose {
  risk_to_known_adult,
  risk_to_children,
  risk_to_public,
  risk_of_reoffending,
  need_accommodation,
  need_education_training_employment,
  need_health,
  need_drugs_alcohol,
  need_finance_benefits_debt,
  need_children_families_relationships,
  need_attitudes_thinking_behaviour,
};
std::span<const Coded<ConditionPurpose>> condition_purposes();

// Stored and sent in JSON: codes may only be added to.
enum class Understood { yes, partly, no };
std::span<const Coded<Understood>> understood_answers();

// What the person said when the condition was gone through with them.
struct Understanding {
  Date recorded_on{};
  Understood understood = Understood::yes;
  std::string notes;
  bool operator==(const Understanding&) const = default;
};

struct LicenceCondition {
  int key = 0;  // the same condition keeps its key in every later version of the licence
  ConditionKind kind = ConditionKind::standard;
  std::string code;  // the catalogue's code; "bespoke" for bespoke wording
  ConditionValues values;
  // Additional and bespoke conditions: why it is necessary and proportionate.
  std::optional<ConditionPurpose> purpose;
  std::string reason;
  // Bespoke conditions only: the wording and its plain explanation, written by the COM.
  std::string bespoke_wording;
  Bilingual bespoke_explanation;
  std::optional<Understanding> understanding;  // empty until gone through with the person

  // The same condition with the same wording: what a variation counts as unchanged.
  bool same_terms(const LicenceCondition& other) const;
};

// A variation's account of itself: the reason for each change, and who was consulted.
struct VariationRecord {
  std::map<int, std::string> reasons;  // by condition key: added, changed or removed
  bool senior_probation_officer_discussed = false;
  bool victim_liaison_officer_consulted = false;
  bool operator==(const VariationRecord&) const = default;
};

struct Licence {
  std::int64_t id = 0;
  std::int64_t person_id = 0;
  std::int64_t version = 0;  // the record's version for If-Match
  int number = 1;            // 1 for the licence at release, then one more for each variation
  std::string policy_version;  // the catalogue version it was made under, kept for its life
  LicenceStatus status = LicenceStatus::draft;
  std::vector<LicenceCondition> conditions;  // standard first, then as the COM added them
  std::int64_t drafted_by = 0;               // staff id of the COM who drafted it
  std::optional<std::int64_t> decided_by;    // the manager who last approved or returned it
  std::string return_reason;
  std::optional<Date> approved_on;
  std::optional<Date> active_from;
  std::optional<Date> inactive_from;
  std::optional<std::int64_t> varies;  // the licence this one varies, for a variation
  VariationRecord variation;
  // The day the person acknowledged this version, at induction or after a variation, once every
  // condition had been gone through with them.
  std::optional<Date> acknowledged_on;

  bool is_variation() const { return varies.has_value(); }
  int next_key() const;
};

// The COM (or a manager standing in) drafts and varies the licence and goes through it with the
// person; a manager who did not draft it approves or returns it; anyone else who may see the
// person reads it.
bool may_draft_licence(Role role);
bool may_decide_licence(Role role);

// --- Drafting ----------------------------------------------------------------------------------

// A new draft with every standard condition of the catalogue.
Licence draft_licence(std::int64_t person_id, const ConditionCatalogue& catalogue, std::int64_t drafted_by);

// Whether conditions may be changed: in draft or returned (an approved licence before release
// goes back to draft when changed; see edit_licence).
bool is_editable(LicenceStatus status);

// Reads an additional or bespoke condition from a form or JSON body: kind, code (additional),
// purpose, reason, bespoke_wording, bespoke_explanation_en, bespoke_explanation_cy, and the
// condition's inputs as "inputs.<name>". Throws ValidationFailed naming each bad field; an
// unknown code is an error on "code".
LicenceCondition read_condition(const FieldInput& input, const ConditionCatalogue& catalogue);

// Applies a change of conditions: throws Conflict when the licence cannot be changed now (an
// approved licence goes back to draft; submitted, active and inactive ones cannot change).
// A standard condition cannot be removed (ValidationFailed on "key").
void add_condition(Licence& licence, LicenceCondition condition);
void replace_condition(Licence& licence, int key, LicenceCondition condition);
void remove_condition(Licence& licence, int key);

// Bespoke conditions, which a manager must look at before approving.
std::vector<const LicenceCondition*> flagged_for_approval(const Licence& licence);

// --- Texts ---------------------------------------------------------------------------------------

struct RenderedCondition {
  int key = 0;
  ConditionKind kind = ConditionKind::standard;
  std::string code;
  std::string category;  // additional conditions only
  std::string wording;
  Bilingual explanation;
};
RenderedCondition render(const LicenceCondition& condition, const ConditionCatalogue& catalogue);

// --- Status ------------------------------------------------------------------------------------

// Moves, each throwing Conflict when the licence is not in a state that allows it:
// submit: draft or returned -> submitted; a variation needs a reason for every change
//   (ValidationFailed on "reasons.<key>") and at least one change.
// approve: submitted -> approved, by a manager who did not draft it (ValidationFailed on
//   "decision" otherwise). A variation is active from the day it is approved.
// return_licence: submitted -> returned, with a reason (ValidationFailed on "return_reason").
// activate: approved -> active on the day of release.
// deactivate: active -> inactive, when replaced by a variation or when the licence ends.
void submit(Licence& licence, const Licence* varied);
void approve(Licence& licence, std::int64_t manager_id, Date today);
void return_licence(Licence& licence, std::int64_t manager_id, std::string_view reason);
void activate(Licence& licence, Date release_date);
void deactivate(Licence& licence, Date on);

// The moves open on a licence now, for a member of staff who may (or may not) draft and decide
// licences: what the pages offer. Each matches the rule its move enforces.
struct LicenceActions {
  bool change_conditions = false;     // add, change or remove additional and bespoke conditions
  bool submit = false;                // send it to a manager
  bool decide = false;                // approve or return it
  bool activate = false;              // the licence at release (not a variation) on the day of release
  bool vary = false;                  // start a variation
  bool record_understanding = false;  // go through a condition with the person
  bool acknowledge = false;           // the person's acknowledgement, once every condition is gone through
  bool operator==(const LicenceActions&) const = default;
};
LicenceActions licence_actions(const Licence& licence, bool may_draft, bool may_decide);

// --- Working-day warnings before release -------------------------------------------------------

constexpr int licence_warning_working_days = 5;   // no approved licence this close to release
constexpr int licence_approval_working_days = 2;  // the last day to approve

enum class LicenceWarning { none, not_approved, approval_overdue };
std::span<const Coded<LicenceWarning>> licence_warnings();

struct LicenceDeadlines {
  Date warn_from{};          // 5 working days before release
  Date last_day_to_approve{};  // 2 working days before release
};
LicenceDeadlines licence_deadlines(Date release_date, const BankHolidays& holidays);

// No warning once a licence is approved or active; otherwise not_approved from the warning day,
// approval_overdue after the last day to approve (up to release).
LicenceWarning licence_warning(std::optional<LicenceStatus> status, Date release_date, Date today,
                               const BankHolidays& holidays);

// --- Variations --------------------------------------------------------------------------------

// A draft variation of an active licence: its conditions, a new number, the same policy version.
// Throws Conflict when the licence is not active.
Licence draft_variation(const Licence& active, std::int64_t drafted_by);

// Reads the variation's consultation record: senior_probation_officer_discussed,
// victim_liaison_officer_consulted (yes/no, both required) and reasons.<key> for each change.
VariationRecord read_variation_record(const FieldInput& input);

enum class ChangeKind { added, changed, removed };
std::span<const Coded<ChangeKind>> change_kinds();
struct ConditionChange {
  ChangeKind kind = ChangeKind::added;
  int key = 0;
  std::string code;
};
// What changed from one version to the next, by key, in key order; unchanged conditions are left out.
std::vector<ConditionChange> changes_between(const Licence& before, const Licence& after);

// A variation starts with the conditions of the licence it varies, understanding included:
// unchanged conditions keep what the person said, and added or changed ones (replace_condition
// with new terms) have none until they are gone through with the person again.

// Records what the person said about one condition, on an approved or active licence (Conflict
// otherwise; NotFound for an unknown key). Read from understood, notes (ValidationFailed naming each).
Understanding read_understanding(const FieldInput& input, Date today);
void record_understanding(Licence& licence, int key, Understanding understanding);
// Conditions not yet gone through with the person.
std::vector<int> not_yet_explained(const Licence& licence);

// The person's acknowledgement of the licence, on `today`: only of an approved or active licence
// whose every condition has been gone through (Conflict naming those still to go through), once.
void acknowledge(Licence& licence, Date today);
// Every condition gone through and the licence acknowledged: off the COM's worklist.
bool is_explained(const Licence& licence);
// Ready for the person's acknowledgement: approved or active, every condition gone through, not yet acknowledged.
bool awaits_acknowledgement(const Licence& licence);

}  // namespace resettle
