#pragma once
// MAPPA (multi-agency public protection arrangements): the category and level a case is managed at,
// referral to a level 2 or 3 panel, the panel's meetings with who attended and the risk management
// plan's actions, and when the next meeting is due.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "domain/mappa/agency.hpp"
#include "domain/code_list.hpp"
#include "domain/date.hpp"
#include "domain/field_input.hpp"
#include "domain/people/risk_levels.hpp"
#include "domain/staff/staff.hpp"

namespace resettle {

// --- Codes ------------------------------------------------------------------------------------
// Stored and sent in JSON: the codes of every table below may only be added to; labels may change.

// Why the person is a MAPPA offender. Codes "1" to "4".
enum class MappaCategory { category_1, category_2, category_3, category_4 };
std::span<const Coded<MappaCategory>> mappa_categories();

// The levels a decision sets: "1" to "3" of mappa_levels() (a decision never sets "0").
std::span<const Coded<MappaLevel>> mappa_decision_levels();

enum class MappaMeetingKind { first, review, pre_release };
std::span<const Coded<MappaMeetingKind>> mappa_meeting_kinds();

enum class MappaMeetingStatus { planned, held };
std::span<const Coded<MappaMeetingStatus>> mappa_meeting_statuses();

enum class MappaActionStatus { open, done, cancelled };
std::span<const Coded<MappaActionStatus>> mappa_action_statuses();

// Why a meeting is due: the one rule of next_meeting_due that gave the date.
enum class MeetingDueReason { first_meeting, review, pre_release };
std::span<const Coded<MeetingDueReason>> meeting_due_reasons();

// --- Who does what -----------------------------------------------------------------------------

// Practitioners on the case record and change MAPPA and information sharing; partner agencies do not
// (police co-workers see their part through the shared view of services/mappa/iom.hpp).
bool may_manage_risk_together(Role role);

// Who may be named at a meeting by their account rather than in words: a serving worker of a partner
// agency that manages risk with probation (is_risk_partner).
bool may_attend_by_account(const StaffMember& staff);

// --- The category and level -------------------------------------------------------------------

struct MappaDecision {
  std::int64_t id = 0;
  std::int64_t person_id = 0;
  MappaCategory category = MappaCategory::category_1;
  MappaLevel level = MappaLevel::level_1;
  Date decided_on{};
  std::string decided_by;  // who decided, in words: "Level 2 panel, chair J Smith"
  std::string reason;
  std::int64_t recorded_by = 0;
  bool operator==(const MappaDecision&) const = default;
};

// Reads category (required: a level without one is refused on "category"), level (1 to 3),
// decided_on (today or earlier) and decided_by (required), reason (optional). Throws ValidationFailed
// naming every bad field.
MappaDecision read_mappa_decision(const FieldInput& input, Date today, std::int64_t recorded_by);

// --- Referral to a panel ----------------------------------------------------------------------

struct MappaReferral {
  std::int64_t id = 0;
  std::int64_t person_id = 0;
  MappaLevel level = MappaLevel::level_2;  // the level asked for: 2 or 3
  std::string reason;
  Date referred_on{};
  std::int64_t referred_by = 0;
  bool operator==(const MappaReferral&) const = default;
};

// Reads level (2 or 3: only those have a panel), reason (required) and referred_on (today or
// earlier). Throws ValidationFailed naming every bad field.
MappaReferral read_mappa_referral(const FieldInput& input, Date today, std::int64_t referred_by);

// --- Meetings ---------------------------------------------------------------------------------

struct Attendee {
  Agency agency = Agency::probation;
  std::string name;
  // The attendee's account, when they are a partner agency worker with one: being named at a meeting
  // of the case opens its shared view to them (domain/mappa/shared_view.hpp). Others are named in words.
  std::optional<std::int64_t> staff_id;
  bool operator==(const Attendee&) const = default;
};

// Attendees come as numbered fields, attendee_1_agency, attendee_1_name and attendee_1_staff_id up to
// attendee_<max_attendees>_...: a form has that many rows, and the API's list is written into them.
constexpr int max_attendees = 12;
std::string attendee_field(int number, std::string_view part);  // "attendee_3_name"

struct MappaMeeting {
  std::int64_t id = 0;
  std::int64_t person_id = 0;
  std::int64_t version = 0;
  MappaMeetingKind kind = MappaMeetingKind::review;
  Date meeting_on{};
  MappaMeetingStatus status = MappaMeetingStatus::planned;
  std::vector<Attendee> attendees;  // in the order given
  std::string notes;
  std::int64_t recorded_by = 0;
  bool operator==(const MappaMeeting&) const = default;
};

// Reads kind, meeting_on (required), held (a boolean), the attendees and notes (optional). An attendee
// row has an agency and a name, or an agency and an account (staff_id: one of `accounts`, the active
// accounts that may be named at a meeting, see may_attend_by_account), whose name it takes when none is
// given. A held meeting names at least one attendee and is not in the future ("meeting_on"). Throws
// ValidationFailed naming every bad field.
MappaMeeting read_mappa_meeting(const FieldInput& input, Date today, std::int64_t recorded_by,
                                std::span<const StaffMember> accounts = {});

// Marks a planned meeting held, with its attendees (read as read_mappa_meeting does, replacing any
// planned ones when some are given) and notes. Throws Conflict when it is already held, then
// ValidationFailed: "meeting_on" when the meeting is in the future, the attendees' fields, or
// "attendee_1_name" when nobody attended.
MappaMeeting mark_meeting_held(MappaMeeting meeting, const FieldInput& input, Date today,
                               std::span<const StaffMember> accounts = {});

// --- The risk management plan's actions ----------------------------------------------------------

struct MappaAction {
  std::int64_t id = 0;
  std::int64_t meeting_id = 0;
  std::int64_t person_id = 0;
  std::int64_t version = 0;
  std::string description;
  Agency owner_agency = Agency::probation;  // the owner may be another agency
  std::string owner_name;                   // optional: the agency alone can own it
  Date due_on{};
  MappaActionStatus status = MappaActionStatus::open;
  // An action that needs a licence condition names it by its key (kept by every version of the
  // person's licence) or, while there is no licence yet, the plan's objective: never both.
  std::optional<int> condition_key;
  std::optional<std::int64_t> objective_id;
  bool operator==(const MappaAction&) const = default;
};

// What an action that needs a licence condition may name: a condition of the person's latest licence,
// when they have one (drafted or in force: the conditions are what the panel wants in it), else an
// objective of their plan.
struct ActionLinks {
  bool has_licence = false;
  std::vector<int> condition_keys;        // the latest licence's conditions
  std::vector<std::int64_t> objective_ids;  // the plan's objectives; empty when there is no plan
};

// Reads description (required), owner_agency (required: an action without an owner is refused),
// owner_name (optional), due_on (required) and, for an action that needs a licence condition, either
// condition_key (one of `links`' conditions) or, only while there is no licence, objective_id (one of
// the plan's objectives). The action starts open. Throws ValidationFailed naming every bad field.
MappaAction read_mappa_action(const FieldInput& input, const ActionLinks& links);

// Changes the action's status (status: open, done or cancelled). Throws ValidationFailed on "status".
MappaAction change_action_status(MappaAction action, const FieldInput& input);

// An open action whose due date has passed.
bool action_overdue(const MappaAction& action, Date today);

// --- When the next meeting is due -----------------------------------------------------------------

// The rule's intervals (domain.md states none; chosen here, see docs/decisions.md).
constexpr int first_meeting_within_days = 28;   // after the level is set
constexpr int level_3_review_days = 8 * 7;      // level 3: every 8 weeks
constexpr int level_2_review_days = 16 * 7;     // level 2: every 16 weeks
constexpr int pre_release_months = 6;           // a meeting in the 6 months before release
constexpr int meeting_due_soon_days = 28;       // the worklist shows meetings due within 4 weeks

struct NextMeetingFacts {
  MappaLevel level = MappaLevel::none;
  Date level_set_on{};
  std::optional<Date> last_held;     // the latest meeting held
  std::optional<Date> release_date;  // while in custody; empty once released or when unknown
};

struct MeetingDue {
  Date due{};
  MeetingDueReason reason = MeetingDueReason::review;
  bool operator==(const MeetingDue&) const = default;
};

// Level 2 and 3 cases only (empty otherwise): the first meeting within 4 weeks of the level being
// set; then a review 16 weeks (level 2) or 8 weeks (level 3) after the last meeting held; and, before
// a known release, a pre-release meeting from 6 months before it unless one was held in that window.
// The earliest applies; on the same day, pre-release is named.
std::optional<MeetingDue> next_meeting_due(const NextMeetingFacts& facts);

// The facts from what is recorded: the latest decision's level and date (decisions newest first),
// the latest meeting held, and the release date while in custody.
NextMeetingFacts meeting_facts(const std::vector<MappaDecision>& decisions, const std::vector<MappaMeeting>& meetings,
                               std::optional<Date> release_date);

}  // namespace resettle
