#pragma once
// One co-produced plan per person, kept from custody through handover to the end of licence:
// objectives per pathway in the person's own words, small actions with an owner and a due date,
// reviews, and the person's agreement.
#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/code_list.hpp"
#include "domain/date.hpp"
#include "domain/field_input.hpp"
#include "domain/plan/needs_assessment.hpp"
#include "domain/plan/pathway.hpp"
#include "domain/plan/plan_response.hpp"

namespace resettle {

enum class ObjectiveStatus { active, achieved, no_longer_needed };
std::span<const Coded<ObjectiveStatus>> objective_statuses();

enum class ActionOwnerKind { person, practitioner, agency };
std::span<const Coded<ActionOwnerKind>> action_owner_kinds();

enum class ActionStatus { not_started, in_progress, done, cancelled };
std::span<const Coded<ActionStatus>> action_statuses();

enum class ReviewKind { scheduled, transfer, release, other };
std::span<const Coded<ReviewKind>> review_kinds();

struct Action {
  std::int64_t id = 0;
  std::string description;
  ActionOwnerKind owner_kind = ActionOwnerKind::person;
  std::string owner_name;  // the practitioner or agency; may be empty when the person owns it
  Date due{};
  ActionStatus status = ActionStatus::not_started;
  std::string status_reason;  // why it last moved, when a reason was needed

  bool operator==(const Action&) const = default;
};

struct Objective {
  std::int64_t id = 0;
  Pathway pathway = Pathway::accommodation;
  std::string goal;  // in the person's own words
  ObjectiveStatus status = ObjectiveStatus::active;
  std::vector<Action> actions;

  bool operator==(const Objective&) const = default;
};

struct Review {
  ReviewKind kind = ReviewKind::scheduled;
  Date held_on{};
  std::string notes;
};

struct Agreement {
  Date agreed_on{};
  std::string in_their_words;  // what the person said when agreeing
};

struct Plan {
  std::int64_t id = 0;
  std::int64_t person_id = 0;
  std::int64_t version = 0;
  Offer offer = Offer::core;
  Date started_on{};
  Date last_material_change_on{};  // see is_material_change
  std::vector<Objective> objectives;
  std::vector<Review> reviews;       // in the order they were held
  std::optional<Agreement> agreement;  // the latest
  std::vector<PlanResponse> responses;  // the person's own, in the order given (plan_response.hpp)
};

// --- Action status ---------------------------------------------------------------------------
// Moving forward (starting, finishing) needs nothing. Cancelling, and any move back (reopening
// a done or cancelled action, or un-starting one), needs a reason so the plan's story stays
// honest. A done action cannot become cancelled, nor a cancelled one done: reopen it first.
// Staying in the same status is always allowed (a form sent twice changes nothing).
enum class StatusMove { allowed, needs_reason, not_allowed };
StatusMove action_status_move(ActionStatus from, ActionStatus to);
// Applies the move: throws Conflict when it is not allowed, ValidationFailed naming "reason"
// when a reason is needed and blank.
void change_action_status(Action& action, ActionStatus to, std::string_view reason);

bool is_open(const Action& action);  // not started or in progress
// Open, on an active objective, and due before today (due today is not yet overdue).
bool is_overdue(const Action& action, Date today);

struct OverdueAction {
  Pathway pathway = Pathway::accommodation;
  Action action;
  int days_overdue = 0;
};
// Overdue actions of the plan's active objectives, most overdue first.
std::vector<OverdueAction> overdue_actions(const Plan& plan, Date today);

// --- Reviews ---------------------------------------------------------------------------------
// In custody a review every 6 months; one when the pre-release window opens (12 weeks before
// release) and then every 4 weeks; one at release; on licence every 3 months.
constexpr std::chrono::months custody_review_interval{6};
constexpr int pre_release_review_interval_days = 28;
constexpr std::chrono::months licence_review_interval{3};

// Counted from the last review held (or the plan's start when none). Depends only on the plan
// and the release date, so every page shows the same date.
Date next_review_due(const Plan& plan, std::optional<Date> release_date);
bool review_overdue(const Plan& plan, std::optional<Date> release_date, Date today);

// --- Agreement -------------------------------------------------------------------------------
// Material: what the person agreed to changed. Objectives or actions added or removed; a goal or
// pathway changed; an action's description, owner or due date changed; an action cancelled or an
// objective dropped as no longer needed, or either reinstated. Progress (starting or finishing an
// action, achieving an objective) and reviews are not.
bool is_material_change(const Plan& before, const Plan& after);
// Sets after.last_material_change_on = today when the change is material.
void note_change(const Plan& before, Plan& after, Date today);
// Agreed on or after the last material change (agreeing at the meeting that made it counts).
bool agreement_is_current(const Plan& plan);

// --- Readers (throw ValidationFailed naming each bad field) ------------------------------------
Objective read_objective(const FieldInput& input);            // pathway, goal, status
Action read_action(const FieldInput& input);                  // description, owner_kind, owner_name, due_date
struct StatusChange {
  ActionStatus to = ActionStatus::not_started;
  std::string reason;
};
StatusChange read_status_change(const FieldInput& input);     // status, reason
Review read_review(const FieldInput& input, Date today);      // kind, held_on, notes
Agreement read_agreement(const FieldInput& input, Date today);  // agreed_on, in_their_words
FieldInput objective_fields(const Objective& objective);
FieldInput action_fields(const Action& action);

}  // namespace resettle
