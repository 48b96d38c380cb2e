// Generating and updating the pre-release checklist (see pre_release_checklist.hpp).
#include "domain/plan/pre_release_checklist.hpp"

#include <algorithm>
#include <array>

namespace resettle {

namespace {
// Stored and sent in JSON: codes may only be added to, never changed or removed; labels may change.
constexpr std::array<Coded<ChecklistItemKind>, 9> kind_table{{
    {ChecklistItemKind::first_night_accommodation, "first_night_accommodation", "Somewhere to stay on the first night"},
    {ChecklistItemKind::duty_to_refer, "duty_to_refer", "Duty to Refer sent to the local housing authority"},
    {ChecklistItemKind::id_documents, "id_documents", "ID documents in hand"},
    {ChecklistItemKind::bank_account, "bank_account", "Bank account open"},
    {ChecklistItemKind::benefits_claim, "benefits_claim", "Benefits claim ready to start on release"},
    {ChecklistItemKind::gp_registration, "gp_registration", "Registered with a GP near where they will live"},
    {ChecklistItemKind::medication_on_release, "medication_on_release", "Medication and prescription for release"},
    {ChecklistItemKind::treatment_continuity, "treatment_continuity", "Treatment continues in the community"},
    {ChecklistItemKind::ete_referral, "ete_referral", "Education, training or employment referral"},
}};
// Stored and sent in JSON: codes may only be added to, never changed or removed; labels may change.
constexpr std::array<Coded<ChecklistStatus>, 3> status_table{{
    {ChecklistStatus::to_do, "to_do", "To do"},
    {ChecklistStatus::done, "done", "Done"},
    {ChecklistStatus::not_needed, "not_needed", "Not needed"},
}};

constexpr std::array<Pathway, 0> always{};
constexpr std::array<Pathway, 1> accommodation{Pathway::accommodation};
constexpr std::array<Pathway, 1> finance{Pathway::finance_benefits_debt};
constexpr std::array<Pathway, 2> income{Pathway::finance_benefits_debt, Pathway::education_training_employment};
constexpr std::array<Pathway, 2> health_or_drugs{Pathway::health, Pathway::drugs_alcohol};
constexpr std::array<Pathway, 1> work{Pathway::education_training_employment};

// Days before release: the Duty to Refer aims at 56 days; ID takes as long to obtain and opens
// the way to a bank account and benefits; an address, a bank account, referrals and treatment
// appointments need four weeks' lead; a GP and a ready benefits claim need the address first;
// medication is arranged in the last week, when the release date is firm.
const std::array<ChecklistItemRule, 9> rule_table{{
    {ChecklistItemKind::first_night_accommodation, 28, always, NeedLevel::no_need},
    {ChecklistItemKind::duty_to_refer, 56, accommodation, NeedLevel::low},
    {ChecklistItemKind::id_documents, 56, finance, NeedLevel::low},
    {ChecklistItemKind::bank_account, 28, finance, NeedLevel::low},
    {ChecklistItemKind::benefits_claim, 14, income, NeedLevel::low},
    {ChecklistItemKind::gp_registration, 14, always, NeedLevel::no_need},
    {ChecklistItemKind::medication_on_release, 7, health_or_drugs, NeedLevel::low},
    {ChecklistItemKind::treatment_continuity, 28, health_or_drugs, NeedLevel::medium},
    {ChecklistItemKind::ete_referral, 28, work, NeedLevel::low},
}};

bool applies(const ChecklistItemRule& rule, const std::optional<NeedsAssessment>& needs) {
  if (rule.pathways.empty() || !needs) return true;
  for (auto pathway : rule.pathways) {
    auto entry = needs->pathways.find(pathway);
    if (entry == needs->pathways.end() || entry->second.need_level >= rule.from_level) return true;
  }
  return false;
}

std::string not_needed_reason(const ChecklistItemRule& rule, const NeedsAssessment& needs) {
  std::string names;
  for (auto pathway : rule.pathways) names += (names.empty() ? "" : ", ") + std::string{pathway_label(pathway)};
  return "Needs assessment of " + to_iso(needs.assessed_on) + " shows less than " +
         std::string{entry_for(need_levels(), rule.from_level).label} + " for " + names;
}

Date due_for(ChecklistItemKind kind, Date release_date) { return add_days(release_date, -rule_for(kind).days_before_release); }
}  // namespace

Date checklist_window_opens(Date release_date) { return add_days(release_date, -pre_release_window_days); }
bool checklist_window_is_open(Date release_date, Date today) {
  return today >= checklist_window_opens(release_date) && today <= release_date;
}

std::span<const Coded<ChecklistItemKind>> checklist_item_kinds() { return kind_table; }
std::span<const Coded<ChecklistStatus>> checklist_statuses() { return status_table; }
std::span<const ChecklistItemRule> checklist_item_rules() { return rule_table; }

const ChecklistItemRule& rule_for(ChecklistItemKind kind) {
  for (const auto& rule : rule_table)
    if (rule.kind == kind) return rule;
  return rule_table.front();  // unreachable while every kind has a rule; tests check that
}

PreReleaseChecklist generate_checklist(Date release_date, const std::optional<NeedsAssessment>& latest_needs,
                                       Date today) {
  PreReleaseChecklist checklist;
  checklist.release_date = release_date;
  checklist.generated_on = today;
  if (latest_needs) checklist.person_id = latest_needs->person_id;
  for (const auto& rule : rule_table) {
    ChecklistItem item;
    item.kind = rule.kind;
    item.due = due_for(rule.kind, release_date);
    if (!applies(rule, latest_needs)) {
      item.status = ChecklistStatus::not_needed;
      item.reason = not_needed_reason(rule, *latest_needs);
    }
    checklist.items.push_back(std::move(item));
  }
  return checklist;
}

void reschedule(PreReleaseChecklist& checklist, Date new_release_date) {
  checklist.release_date = new_release_date;
  for (auto& item : checklist.items) item.due = due_for(item.kind, new_release_date);
}

bool is_overdue(const ChecklistItem& item, Date today) { return item.status == ChecklistStatus::to_do && item.due < today; }

ChecklistSummary summarise(const PreReleaseChecklist& checklist, Date today) {
  ChecklistSummary summary;
  for (const auto& item : checklist.items) {
    switch (item.status) {
      case ChecklistStatus::to_do: ++summary.to_do; break;
      case ChecklistStatus::done: ++summary.done; break;
      case ChecklistStatus::not_needed: ++summary.not_needed; break;
    }
    if (item.status != ChecklistStatus::to_do) continue;
    if (checklist.closed_on) ++summary.post_release;
    else if (is_overdue(item, today)) ++summary.overdue;
  }
  return summary;
}

std::vector<ChecklistItemKind> mark_in_place(PreReleaseChecklist& checklist, std::span<const ChecklistItemKind> in_place,
                                             Date on) {
  std::vector<ChecklistItemKind> marked;
  for (auto& item : checklist.items) {
    if (item.status != ChecklistStatus::to_do || std::find(in_place.begin(), in_place.end(), item.kind) == in_place.end())
      continue;
    item.status = ChecklistStatus::done;
    item.completed_on = on;
    marked.push_back(item.kind);
  }
  return marked;
}

ChecklistClosure close_checklist(PreReleaseChecklist& checklist, std::span<const ChecklistItemKind> in_place,
                                 Date released_on) {
  ChecklistClosure closure;
  if (checklist.closed_on) return closure;
  mark_in_place(checklist, in_place, released_on);
  checklist.closed_on = released_on;
  for (const auto& item : checklist.items) {
    if (item.status == ChecklistStatus::done) closure.done.push_back(item.kind);
    if (item.status == ChecklistStatus::to_do) closure.not_done.push_back(item.kind);
  }
  return closure;
}

std::vector<ChecklistItem> post_release_actions(const PreReleaseChecklist& checklist) {
  std::vector<ChecklistItem> actions;
  if (!checklist.closed_on) return actions;
  for (const auto& item : checklist.items)
    if (item.status == ChecklistStatus::to_do) actions.push_back(item);
  return actions;
}

ChecklistItemUpdate read_checklist_item_update(const FieldInput& input, Date today) {
  FieldReader reader{input};
  ChecklistItemUpdate update;
  update.status = reader.code("status", Need::required, checklist_statuses()).value_or(ChecklistStatus::to_do);
  auto reason_need = update.status == ChecklistStatus::not_needed ? Need::required : Need::optional;
  update.reason = reader.text("reason", reason_need, 500);
  if (update.status == ChecklistStatus::done) {
    update.completed_on = reader.past_date("completed_on", Need::optional, today).value_or(today);
  }
  reader.throw_if_failed();
  return update;
}

void apply_update(ChecklistItem& item, const ChecklistItemUpdate& update) {
  item.status = update.status;
  item.reason = update.status == ChecklistStatus::not_needed ? update.reason : std::string{};
  item.completed_on = update.status == ChecklistStatus::done ? update.completed_on : std::nullopt;
}

}  // namespace resettle
