#pragma once
// The practical things a person needs on the day they leave custody, generated from their needs
// when the pre-release window opens (12 weeks before release), each due a set number of days
// before the release date.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "domain/code_list.hpp"
#include "domain/date.hpp"
#include "domain/field_input.hpp"
#include "domain/plan/needs_assessment.hpp"
#include "domain/plan/pathway.hpp"

namespace resettle {

constexpr int pre_release_window_days = 84;  // 12 weeks
Date checklist_window_opens(Date release_date);
// From the day the window opens up to and including the release date.
bool checklist_window_is_open(Date release_date, Date today);

enum class ChecklistItemKind {
  first_night_accommodation,
  duty_to_refer,
  id_documents,
  bank_account,
  benefits_claim,
  gp_registration,
  medication_on_release,
  treatment_continuity,
  ete_referral,
};
std::span<const Coded<ChecklistItemKind>> checklist_item_kinds();

// When an item is due and which needs make it apply: it applies when any of `pathways` has at
// least `from_level` need or has not been assessed (unknown counts as needed). An empty
// `pathways` means the item always applies.
struct ChecklistItemRule {
  ChecklistItemKind kind;
  int days_before_release;
  std::span<const Pathway> pathways;
  NeedLevel from_level;
};
std::span<const ChecklistItemRule> checklist_item_rules();  // one per kind, in kind order
const ChecklistItemRule& rule_for(ChecklistItemKind kind);

enum class ChecklistStatus { to_do, done, not_needed };
std::span<const Coded<ChecklistStatus>> checklist_statuses();

struct ChecklistItem {
  ChecklistItemKind kind = ChecklistItemKind::first_night_accommodation;
  Date due{};
  ChecklistStatus status = ChecklistStatus::to_do;
  std::string reason;                 // why it is not needed
  std::optional<Date> completed_on;  // when it was done

  bool operator==(const ChecklistItem&) const = default;
};

struct PreReleaseChecklist {
  std::int64_t id = 0;
  std::int64_t person_id = 0;
  std::int64_t version = 0;
  Date release_date{};
  Date generated_on{};
  std::vector<ChecklistItem> items;  // one per kind, in kind order
  // Set by the release: what was still to do then stays on as post-release actions.
  std::optional<Date> closed_on;
};

// Every kind appears: those the needs call for as to do, the rest as not needed with the
// reason in plain words, so a practitioner who knows better can reopen them.
PreReleaseChecklist generate_checklist(Date release_date, const std::optional<NeedsAssessment>& latest_needs,
                                       Date today);
// The release date moved (e.g. brought forward from a Friday): new due dates, statuses kept.
void reschedule(PreReleaseChecklist& checklist, Date new_release_date);

bool is_overdue(const ChecklistItem& item, Date today);  // to do and due before today

struct ChecklistSummary {
  int to_do = 0;
  int done = 0;
  int not_needed = 0;
  int overdue = 0;  // counted within to_do, before release
  int post_release = 0;  // after release: what is still to do (post-release actions), counted within to_do
};
ChecklistSummary summarise(const PreReleaseChecklist& checklist, Date today);

// An update from a form: "status", "reason" (required for not needed), "completed_on"
// (done only; defaults to today, never in the future).
struct ChecklistItemUpdate {
  ChecklistStatus status = ChecklistStatus::to_do;
  std::string reason;
  std::optional<Date> completed_on;
};
// What the release left done and not done.
struct ChecklistClosure {
  std::vector<ChecklistItemKind> done;      // done before or on the day
  std::vector<ChecklistItemKind> not_done;  // still to do: post-release actions
};
// Marks done on `on` the items still to do that were in place on the day (the release day record),
// so nothing is asked twice; returns the kinds it marked.
std::vector<ChecklistItemKind> mark_in_place(PreReleaseChecklist& checklist, std::span<const ChecklistItemKind> in_place,
                                             Date on);
// Closes the checklist at release on `released_on`, first marking what was in place on the day.
// Items still to do stay to do, as post-release actions. Closing a closed checklist changes nothing.
ChecklistClosure close_checklist(PreReleaseChecklist& checklist, std::span<const ChecklistItemKind> in_place,
                                 Date released_on);
// The items of a closed checklist still to do, in kind order; empty before release.
std::vector<ChecklistItem> post_release_actions(const PreReleaseChecklist& checklist);

ChecklistItemUpdate read_checklist_item_update(const FieldInput& input, Date today);
void apply_update(ChecklistItem& item, const ChecklistItemUpdate& update);

}  // namespace resettle
