// The licence: drafting, status moves, working-day warnings and variations.
#include "domain/licence/licence.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "domain/errors.hpp"
#include "domain/licence/licence_approval.hpp"
#include "domain/licence/licence_status.hpp"
#include "domain/staff_catalogue.hpp"

namespace resettle {

namespace {
constexpr Coded<LicenceStatus> status_table[] = {
    {LicenceStatus::draft, "draft", "Draft"},
    {LicenceStatus::submitted, "submitted", "Waiting for approval"},
    {LicenceStatus::returned, "returned", "Returned to the COM"},
    {LicenceStatus::approved, "approved", "Approved"},
    {LicenceStatus::active, "active", "Active"},
    {LicenceStatus::inactive, "inactive", "Inactive"},
};

constexpr Coded<ConditionPurpose> purpose_table[] = {
    {ConditionPurpose::risk_to_known_adult, "risk_to_known_adult", "Risk of serious harm to a known adult"},
    {ConditionPurpose::risk_to_children, "risk_to_children", "Risk of serious harm to children"},
    {ConditionPurpose::risk_to_public, "risk_to_public", "Risk of serious harm to the public"},
    {ConditionPurpose::risk_of_reoffending, "risk_of_reoffending", "Risk of reoffending"},
    {ConditionPurpose::need_accommodation, "need_accommodation", "Need: accommodation"},
    {ConditionPurpose::need_education_training_employment, "need_education_training_employment",
     "Need: education, training and employment"},
    {ConditionPurpose::need_health, "need_health", "Need: health"},
    {ConditionPurpose::need_drugs_alcohol, "need_drugs_alcohol", "Need: drugs and alcohol"},
    {ConditionPurpose::need_finance_benefits_debt, "need_finance_benefits_debt", "Need: finance, benefits and debt"},
    {ConditionPurpose::need_children_families_relationships, "need_children_families_relationships",
     "Need: children, families and relationships"},
    {ConditionPurpose::need_attitudes_thinking_behaviour, "need_attitudes_thinking_behaviour",
     "Need: attitudes, thinking and behaviour"},
};

constexpr Coded<Understood> understood_table[] = {
    {Understood::yes, "yes", "Yes"},
    {Understood::partly, "partly", "Partly"},
    {Understood::no, "no", "No"},
};

constexpr Coded<LicenceWarning> warning_table[] = {
    {LicenceWarning::none, "none", "No warning"},
    {LicenceWarning::not_approved, "not_approved", "No approved licence and release is 5 working days away or less"},
    {LicenceWarning::approval_overdue, "approval_overdue", "The last day to approve the licence has passed"},
};

constexpr Coded<ChangeKind> change_table[] = {
    {ChangeKind::added, "added", "Added"},
    {ChangeKind::changed, "changed", "Changed"},
    {ChangeKind::removed, "removed", "Removed"},
};

constexpr std::string_view bespoke_code = "bespoke";
constexpr std::string_view inputs_prefix = "inputs.";

std::string status_label(LicenceStatus status) { return std::string{entry_for(licence_statuses(), status).label}; }

// `refusal` (a staff_label whose one ((status)) is the licence's) unless the licence is in an `allowed` status.
void require_status(const Licence& licence, std::initializer_list<LicenceStatus> allowed, std::string_view refusal) {
  if (std::find(allowed.begin(), allowed.end(), licence.status) == allowed.end())
    throw Conflict(fill_placeholders(staff_text_of(refusal), [&](std::string_view name) {
      if (name != "status") throw std::logic_error("a licence's refusal names only its ((status))");
      return status_label(licence.status);
    }));
}

// Before a change of conditions: an approved licence goes back to draft for approval again.
void open_for_change(Licence& licence) {
  if (licence.status == LicenceStatus::approved) {
    licence.status = LicenceStatus::draft;
    licence.approved_on.reset();
    return;
  }
  if (!is_editable(licence.status))
    throw Conflict(staff_text("A licence that is ((status)) cannot have its conditions changed",
                              {{"status", status_label(licence.status)}}));
}

std::vector<LicenceCondition>::iterator find_key(Licence& licence, int key) {
  auto found = std::find_if(licence.conditions.begin(), licence.conditions.end(),
                            [&](const auto& condition) { return condition.key == key; });
  if (found == licence.conditions.end()) throw NotFound("no condition " + std::to_string(key) + " on this licence");
  return found;
}

// What a variation's submitter is asked for a change that has no reason yet.
std::string reason_wanted(ChangeKind kind) {
  switch (kind) {
    case ChangeKind::added: return staff_text("Give the reason this condition was added");
    case ChangeKind::changed: return staff_text("Give the reason this condition was changed");
    case ChangeKind::removed: return staff_text("Give the reason this condition was removed");
  }
  throw std::logic_error("no reason wanted for this change");
}

const LicenceCondition* with_key(const Licence& licence, int key) {
  for (const auto& condition : licence.conditions)
    if (condition.key == key) return &condition;
  return nullptr;
}

// The condition's inputs from fields named "inputs.<name>".
FieldInput inputs_of(const FieldInput& input) {
  FieldInput inputs;
  for (auto at = input.lower_bound(inputs_prefix); at != input.end() && at->first.starts_with(inputs_prefix); ++at)
    inputs.emplace(at->first.substr(inputs_prefix.size()), at->second);
  return inputs;
}
}  // namespace

std::span<const Coded<LicenceStatus>> licence_statuses() { return status_table; }
std::span<const Coded<ConditionPurpose>> condition_purposes() { return purpose_table; }
std::span<const Coded<Understood>> understood_answers() { return understood_table; }
std::span<const Coded<LicenceWarning>> licence_warnings() { return warning_table; }
std::span<const Coded<ChangeKind>> change_kinds() { return change_table; }

bool may_draft_licence(Role role) { return role == Role::com || role == Role::manager; }
bool may_decide_licence(Role role) { return role == Role::manager; }

bool LicenceCondition::same_terms(const LicenceCondition& other) const {
  return kind == other.kind && code == other.code && values == other.values &&
         bespoke_wording == other.bespoke_wording && bespoke_explanation == other.bespoke_explanation;
}

int Licence::next_key() const {
  int highest = 0;
  for (const auto& condition : conditions) highest = std::max(highest, condition.key);
  return highest + 1;
}

Licence draft_licence(std::int64_t person_id, const ConditionCatalogue& catalogue, std::int64_t drafted_by) {
  Licence licence;
  licence.person_id = person_id;
  licence.policy_version = catalogue.version;
  licence.drafted_by = drafted_by;
  for (const auto& standard : catalogue.standard) {
    LicenceCondition condition;
    condition.key = licence.next_key();
    condition.code = standard.code;
    licence.conditions.push_back(std::move(condition));
  }
  return licence;
}

bool is_editable(LicenceStatus status) {
  return status == LicenceStatus::draft || status == LicenceStatus::returned;
}

LicenceCondition read_condition(const FieldInput& input, const ConditionCatalogue& catalogue) {
  FieldReader reader{input};
  LicenceCondition condition;
  static constexpr Coded<ConditionKind> choosable[] = {
      {ConditionKind::additional, "additional", "Additional"},
      {ConditionKind::bespoke, "bespoke", "Bespoke"},
  };
  condition.kind = reader.code<ConditionKind>("kind", Need::optional, choosable).value_or(ConditionKind::additional);
  condition.purpose = reader.code<ConditionPurpose>("purpose", Need::required, condition_purposes());
  condition.reason = reader.text("reason", Need::required, 2000);
  std::vector<FieldError> errors;
  if (condition.kind == ConditionKind::bespoke) {
    condition.code = bespoke_code;
    condition.bespoke_wording = reader.text("bespoke_wording", Need::required, 2000);
    condition.bespoke_explanation = {reader.text("bespoke_explanation_en", Need::required, 2000),
                                     reader.text("bespoke_explanation_cy", Need::required, 2000)};
    if (!condition.bespoke_explanation.en.empty() && condition.bespoke_explanation.en == condition.bespoke_explanation.cy)
      reader.fail("bespoke_explanation_cy", "must be in Welsh, not the English text");
  } else {
    condition.code = reader.text("code", Need::required, 100);
    const ConditionDefinition* definition = catalogue.find(condition.code);
    if (!condition.code.empty() && (definition == nullptr || definition->kind != ConditionKind::additional)) {
      reader.fail("code", "is not an additional condition of the " + catalogue.version + " policy");
    } else if (definition) {
      try {
        condition.values = read_condition_values(*definition, inputs_of(input), inputs_prefix);
      } catch (const ValidationFailed& failed) {
        errors = failed.errors();
      }
    }
  }
  try {
    reader.throw_if_failed();
  } catch (const ValidationFailed& failed) {
    errors.insert(errors.begin(), failed.errors().begin(), failed.errors().end());
  }
  if (!errors.empty()) throw ValidationFailed(std::move(errors));
  return condition;
}

void add_condition(Licence& licence, LicenceCondition condition) {
  open_for_change(licence);
  condition.key = licence.next_key();
  condition.understanding.reset();
  licence.conditions.push_back(std::move(condition));
}

void replace_condition(Licence& licence, int key, LicenceCondition condition) {
  auto found = find_key(licence, key);
  if (found->kind == ConditionKind::standard) throw ValidationFailed("key", "A standard condition cannot be changed");
  open_for_change(licence);
  condition.key = key;
  // The person's understanding stands while the terms are the same.
  condition.understanding = condition.same_terms(*found) ? found->understanding : std::nullopt;
  *found = std::move(condition);
}

void remove_condition(Licence& licence, int key) {
  auto found = find_key(licence, key);
  if (found->kind == ConditionKind::standard) throw ValidationFailed("key", "A standard condition cannot be removed");
  open_for_change(licence);
  licence.conditions.erase(found);
}

std::vector<const LicenceCondition*> flagged_for_approval(const Licence& licence) {
  std::vector<const LicenceCondition*> flagged;
  for (const auto& condition : licence.conditions)
    if (needs_manager_check(condition)) flagged.push_back(&condition);
  return flagged;
}

RenderedCondition render(const LicenceCondition& condition, const ConditionCatalogue& catalogue) {
  RenderedCondition rendered{condition.key, condition.kind, condition.code, {}, {}, {}};
  if (condition.kind == ConditionKind::bespoke) {
    rendered.wording = condition.bespoke_wording;
    rendered.explanation = condition.bespoke_explanation;
    return rendered;
  }
  const ConditionDefinition* definition = catalogue.find(condition.code);
  if (definition == nullptr)
    throw NotFound("no condition " + condition.code + " in the " + catalogue.version + " policy");
  rendered.category = definition->category;
  rendered.wording = render_wording(*definition, condition.values);
  rendered.explanation = {render_explanation(*definition, condition.values, Language::en),
                          render_explanation(*definition, condition.values, Language::cy)};
  return rendered;
}

void submit(Licence& licence, const Licence* varied) {
  require_status(licence, {LicenceStatus::draft, LicenceStatus::returned},
                 staff_label("A licence that is ((status)) cannot be submitted"));
  if (varied) {
    auto changes = changes_between(*varied, licence);
    if (changes.empty()) throw ValidationFailed("conditions", "A variation must add, change or remove a condition");
    std::vector<FieldError> missing;
    for (const auto& change : changes) {
      auto reason = licence.variation.reasons.find(change.key);
      if (reason == licence.variation.reasons.end() || reason->second.empty())
        missing.push_back({"reasons." + std::to_string(change.key), reason_wanted(change.kind)});
    }
    if (!missing.empty()) throw ValidationFailed(std::move(missing));
  }
  licence.status = LicenceStatus::submitted;
}

void approve(Licence& licence, std::int64_t manager_id, Date today) {
  require_status(licence, {LicenceStatus::submitted},
                 staff_label("A licence that is ((status)) cannot be approved"));
  if (manager_id == licence.drafted_by)
    throw ValidationFailed("decision", "You drafted this licence, so another manager must approve it");
  licence.decided_by = manager_id;
  licence.return_reason.clear();
  licence.approved_on = today;
  licence.status = LicenceStatus::approved;
  if (licence.is_variation()) activate(licence, today);
}

void return_licence(Licence& licence, std::int64_t manager_id, std::string_view reason) {
  require_status(licence, {LicenceStatus::submitted},
                 staff_label("A licence that is ((status)) cannot be returned"));
  if (reason.find_first_not_of(" \t\r\n") == std::string_view::npos)
    throw ValidationFailed("return_reason", "Say why the licence is returned, so the COM can put it right");
  licence.decided_by = manager_id;
  licence.return_reason = std::string{reason};
  licence.status = LicenceStatus::returned;
}

void activate(Licence& licence, Date release_date) {
  require_status(licence, {LicenceStatus::approved},
                 staff_label("A licence that is ((status)) cannot be made active"));
  licence.status = LicenceStatus::active;
  licence.active_from = release_date;
}

void deactivate(Licence& licence, Date on) {
  require_status(licence, {LicenceStatus::active},
                 staff_label("A licence that is ((status)) cannot be ended"));
  licence.status = LicenceStatus::inactive;
  licence.inactive_from = on;
}

LicenceActions licence_actions(const Licence& licence, bool may_draft, bool may_decide) {
  auto status = licence.status;
  bool approved = status == LicenceStatus::approved;
  return {.change_conditions = may_draft && (is_editable(status) || approved),
          .submit = may_draft && is_editable(status),
          .decide = may_decide && status == LicenceStatus::submitted,
          .activate = may_draft && approved && !licence.is_variation(),
          .vary = may_draft && status == LicenceStatus::active,
          .record_understanding = may_draft && (approved || status == LicenceStatus::active),
          .acknowledge = may_draft && awaits_acknowledgement(licence)};
}

LicenceDeadlines licence_deadlines(Date release_date, const BankHolidays& holidays) {
  return {add_working_days(release_date, -licence_warning_working_days, holidays),
          add_working_days(release_date, -licence_approval_working_days, holidays)};
}

LicenceWarning licence_warning(std::optional<LicenceStatus> status, Date release_date, Date today,
                               const BankHolidays& holidays) {
  if (status && is_approved(*status)) return LicenceWarning::none;
  auto deadlines = licence_deadlines(release_date, holidays);
  if (deadlines.last_day_to_approve < today) return LicenceWarning::approval_overdue;
  if (!(today < deadlines.warn_from)) return LicenceWarning::not_approved;
  return LicenceWarning::none;
}

Licence draft_variation(const Licence& active, std::int64_t drafted_by) {
  if (active.status != LicenceStatus::active)
    throw Conflict(staff_text("Only an active licence can be varied; this one is ((status))", {{"status", status_label(active.status)}}));
  Licence variation;
  variation.person_id = active.person_id;
  variation.number = active.number + 1;
  variation.policy_version = active.policy_version;
  variation.conditions = active.conditions;
  variation.drafted_by = drafted_by;
  variation.varies = active.id;
  return variation;
}

VariationRecord read_variation_record(const FieldInput& input) {
  FieldReader reader{input};
  static constexpr Coded<bool> yes_no[] = {{true, "yes", "Yes"}, {false, "no", "No"}};
  VariationRecord record;
  record.senior_probation_officer_discussed =
      reader.code<bool>("senior_probation_officer_discussed", Need::required, yes_no).value_or(false);
  record.victim_liaison_officer_consulted =
      reader.code<bool>("victim_liaison_officer_consulted", Need::required, yes_no).value_or(false);
  constexpr std::string_view prefix = "reasons.";
  for (auto at = input.lower_bound(prefix); at != input.end() && at->first.starts_with(prefix); ++at) {
    auto key_text = at->first.substr(prefix.size());
    bool digits = !key_text.empty() && key_text.size() < 9 &&
                  std::all_of(key_text.begin(), key_text.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!digits) {
      reader.fail(at->first, "must be reasons.<condition number>");
      continue;
    }
    auto reason = reader.text(at->first, Need::optional, 2000);
    if (!reason.empty()) record.reasons[std::stoi(key_text)] = reason;
  }
  reader.throw_if_failed();
  return record;
}

std::vector<ConditionChange> changes_between(const Licence& before, const Licence& after) {
  std::set<int> keys;
  for (const auto* licence : {&before, &after})
    for (const auto& condition : licence->conditions) keys.insert(condition.key);
  std::vector<ConditionChange> changes;
  for (int key : keys) {
    const LicenceCondition* old_condition = with_key(before, key);
    const LicenceCondition* new_condition = with_key(after, key);
    if (old_condition == nullptr)
      changes.push_back({ChangeKind::added, key, new_condition->code});
    else if (new_condition == nullptr)
      changes.push_back({ChangeKind::removed, key, old_condition->code});
    else if (!old_condition->same_terms(*new_condition))
      changes.push_back({ChangeKind::changed, key, new_condition->code});
  }
  return changes;
}

Understanding read_understanding(const FieldInput& input, Date today) {
  FieldReader reader{input};
  Understanding understanding;
  understanding.recorded_on = today;
  understanding.understood = reader.code<Understood>("understood", Need::required, understood_answers()).value_or(Understood::no);
  understanding.notes = reader.text("notes", Need::optional, 2000);
  if (understanding.understood != Understood::yes && understanding.notes.empty())
    reader.fail("notes", "Say what the person did not understand and what happens next");
  reader.throw_if_failed();
  return understanding;
}

void record_understanding(Licence& licence, int key, Understanding understanding) {
  require_status(licence, {LicenceStatus::approved, LicenceStatus::active},
                 staff_label("A licence that is ((status)) cannot be gone through with the person"));
  find_key(licence, key)->understanding = std::move(understanding);
}

std::vector<int> not_yet_explained(const Licence& licence) {
  std::vector<int> keys;
  for (const auto& condition : licence.conditions)
    if (!condition.understanding) keys.push_back(condition.key);
  return keys;
}

void acknowledge(Licence& licence, Date today) {
  require_status(licence, {LicenceStatus::approved, LicenceStatus::active},
                 staff_label("A licence that is ((status)) cannot be acknowledged"));
  if (licence.acknowledged_on)
    throw Conflict(staff_text("The person acknowledged this licence on ((date))", {{"date", to_long_date(*licence.acknowledged_on)}}));
  auto missing = not_yet_explained(licence);
  if (!missing.empty()) {
    std::string keys;
    for (auto key : missing) keys += (keys.empty() ? "" : ", ") + std::to_string(key);
    throw Conflict(staff_text_plural(
        "Go through every condition with the person before they acknowledge the licence: still to go through condition ((keys))",
        "Go through every condition with the person before they acknowledge the licence: still to go through conditions ((keys))",
        static_cast<long>(missing.size()), {{"keys", keys}}));
  }
  licence.acknowledged_on = today;
}

bool is_explained(const Licence& licence) { return licence.acknowledged_on && not_yet_explained(licence).empty(); }

bool awaits_acknowledgement(const Licence& licence) {
  bool in_force_or_due = licence.status == LicenceStatus::approved || licence.status == LicenceStatus::active;
  return in_force_or_due && !licence.acknowledged_on && not_yet_explained(licence).empty();
}

}  // namespace resettle
