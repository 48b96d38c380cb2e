// MAPPA rules: reading decisions, referrals, meetings and actions, and when the next meeting is due
// (see mappa.hpp).
#include "domain/mappa/mappa.hpp"

#include <algorithm>
#include <array>
#include <limits>

namespace resettle {

namespace {
constexpr std::array<Coded<MappaCategory>, 4> category_table{{
    {MappaCategory::category_1, "1", "Category 1: registered sexual offender"},
    {MappaCategory::category_2, "2", "Category 2: violent offender"},
    {MappaCategory::category_3, "3", "Category 3: other dangerous offender"},
    {MappaCategory::category_4, "4", "Category 4: terrorist or terrorism-connected offender"},
}};
constexpr std::array<Coded<MappaLevel>, 3> decision_level_table{{
    {MappaLevel::level_1, "1", "Level 1: ordinary agency management"},
    {MappaLevel::level_2, "2", "Level 2: multi-agency panel"},
    {MappaLevel::level_3, "3", "Level 3: senior multi-agency panel"},
}};
constexpr std::array<Coded<MappaMeetingKind>, 3> meeting_kind_table{{
    {MappaMeetingKind::first, "first", "First meeting"},
    {MappaMeetingKind::review, "review", "Review"},
    {MappaMeetingKind::pre_release, "pre_release", "Pre-release meeting"},
}};
constexpr std::array<Coded<MappaMeetingStatus>, 2> meeting_status_table{{
    {MappaMeetingStatus::planned, "planned", "Planned"},
    {MappaMeetingStatus::held, "held", "Held"},
}};
constexpr std::array<Coded<MappaActionStatus>, 3> action_status_table{{
    {MappaActionStatus::open, "open", "Open"},
    {MappaActionStatus::done, "done", "Done"},
    {MappaActionStatus::cancelled, "cancelled", "Cancelled"},
}};
constexpr std::array<Coded<MeetingDueReason>, 3> due_reason_table{{
    {MeetingDueReason::first_meeting, "first_meeting", "First meeting"},
    {MeetingDueReason::review, "review", "Review"},
    {MeetingDueReason::pre_release, "pre_release", "Pre-release meeting"},
}};

// The account an attendee row names (its staff_id), which must be one of `accounts` and may attend by
// account; empty when the row names none.
std::optional<std::int64_t> read_attendee_account(FieldReader& reader, int number, std::span<const StaffMember> accounts) {
  auto field = attendee_field(number, "staff_id");
  auto id = reader.integer(field, Need::optional, 1, std::numeric_limits<std::int64_t>::max());
  if (!id) return std::nullopt;
  auto account = std::ranges::find(accounts, *id, &StaffMember::id);
  if (account == accounts.end() || !may_attend_by_account(*account)) {
    reader.fail(field, "must be the account of a serving police officer, social care worker or MAPPA coordinator");
    return std::nullopt;
  }
  return *id;
}

// The numbered attendee rows that are filled in, each needing an agency and a name (which an account
// gives when the row names one).
std::vector<Attendee> read_attendees(FieldReader& reader, std::span<const StaffMember> accounts) {
  std::vector<Attendee> attendees;
  for (int number = 1; number <= max_attendees; ++number) {
    auto agency_field = attendee_field(number, "agency"), name_field = attendee_field(number, "name");
    auto account_field = attendee_field(number, "staff_id");
    if (!reader.has(agency_field) && !reader.has(name_field) && !reader.has(account_field)) continue;
    auto agency = reader.code(agency_field, Need::required, agencies());
    auto staff_id = read_attendee_account(reader, number, accounts);
    bool named_by_account = staff_id || reader.failed(account_field);
    auto name = reader.text(name_field, named_by_account ? Need::optional : Need::required, 200);
    if (staff_id && name.empty()) name = std::ranges::find(accounts, *staff_id, &StaffMember::id)->display_name;
    if (agency && !name.empty()) attendees.push_back({*agency, name, staff_id});
  }
  return attendees;
}

void require_attended(FieldReader& reader, const std::vector<Attendee>& attendees) {
  if (attendees.empty() && !reader.failed(attendee_field(1, "name")) && !reader.failed(attendee_field(1, "agency")) &&
      !reader.failed(attendee_field(1, "staff_id")))
    reader.fail(attendee_field(1, "name"), "name at least one person who attended a held meeting");
}

void require_not_future(FieldReader& reader, Date meeting_on, Date today) {
  if (meeting_on > today) reader.fail("meeting_on", "is in the future: a meeting cannot be marked held before it happens");
}
}  // namespace

std::span<const Coded<MappaCategory>> mappa_categories() { return category_table; }
std::span<const Coded<MappaLevel>> mappa_decision_levels() { return decision_level_table; }
std::span<const Coded<MappaMeetingKind>> mappa_meeting_kinds() { return meeting_kind_table; }
std::span<const Coded<MappaMeetingStatus>> mappa_meeting_statuses() { return meeting_status_table; }
std::span<const Coded<MappaActionStatus>> mappa_action_statuses() { return action_status_table; }
std::span<const Coded<MeetingDueReason>> meeting_due_reasons() { return due_reason_table; }

bool may_manage_risk_together(Role role) { return !is_partner_agency(role); }
bool may_attend_by_account(const StaffMember& staff) { return staff.active && is_risk_partner(staff.role); }

std::string attendee_field(int number, std::string_view part) {
  return "attendee_" + std::to_string(number) + "_" + std::string{part};
}

MappaDecision read_mappa_decision(const FieldInput& input, Date today, std::int64_t recorded_by) {
  FieldReader reader(input);
  MappaDecision decision;
  decision.recorded_by = recorded_by;
  if (!reader.has("category"))
    reader.fail("category", "is needed with a MAPPA level: choose category 1, 2, 3 or 4");
  else if (auto category = reader.code("category", Need::required, mappa_categories()))
    decision.category = *category;
  if (auto level = reader.code("level", Need::required, mappa_decision_levels())) decision.level = *level;
  if (auto on = reader.past_date("decided_on", Need::required, today)) decision.decided_on = *on;
  decision.decided_by = reader.text("decided_by", Need::required, 200);
  decision.reason = reader.text("reason", Need::optional, 4000);
  reader.throw_if_failed();
  return decision;
}

MappaReferral read_mappa_referral(const FieldInput& input, Date today, std::int64_t referred_by) {
  FieldReader reader(input);
  MappaReferral referral;
  referral.referred_by = referred_by;
  auto level = reader.code("level", Need::required, mappa_decision_levels());
  if (level == MappaLevel::level_1) reader.fail("level", "must be 2 or 3: only levels 2 and 3 have a panel");
  if (level) referral.level = *level;
  referral.reason = reader.text("reason", Need::required, 4000);
  if (auto on = reader.past_date("referred_on", Need::required, today)) referral.referred_on = *on;
  reader.throw_if_failed();
  return referral;
}

MappaMeeting read_mappa_meeting(const FieldInput& input, Date today, std::int64_t recorded_by,
                                std::span<const StaffMember> accounts) {
  FieldReader reader(input);
  MappaMeeting meeting;
  meeting.recorded_by = recorded_by;
  if (auto kind = reader.code("kind", Need::required, mappa_meeting_kinds())) meeting.kind = *kind;
  auto on = reader.date("meeting_on", Need::required);
  if (on) meeting.meeting_on = *on;
  meeting.attendees = read_attendees(reader, accounts);
  meeting.notes = reader.text("notes", Need::optional, 4000);
  if (reader.boolean("held")) {
    meeting.status = MappaMeetingStatus::held;
    if (on) require_not_future(reader, *on, today);
    require_attended(reader, meeting.attendees);
  }
  reader.throw_if_failed();
  return meeting;
}

MappaMeeting mark_meeting_held(MappaMeeting meeting, const FieldInput& input, Date today,
                               std::span<const StaffMember> accounts) {
  if (meeting.status == MappaMeetingStatus::held) throw Conflict("this meeting is already recorded as held");
  FieldReader reader(input);
  require_not_future(reader, meeting.meeting_on, today);
  auto attendees = read_attendees(reader, accounts);
  if (!attendees.empty()) meeting.attendees = std::move(attendees);
  require_attended(reader, meeting.attendees);
  if (reader.has("notes")) meeting.notes = reader.text("notes", Need::optional, 4000);
  reader.throw_if_failed();
  meeting.status = MappaMeetingStatus::held;
  return meeting;
}

namespace {

// The licence condition or plan objective the action names, if any, checked against what the person has.
void read_action_link(FieldReader& reader, MappaAction& action, const ActionLinks& links) {
  constexpr auto most = std::numeric_limits<std::int64_t>::max();
  auto key = reader.integer("condition_key", Need::optional, 1, std::numeric_limits<int>::max());
  auto objective = reader.integer("objective_id", Need::optional, 1, most);
  if (key) {
    if (!links.has_licence)
      reader.fail("condition_key", "names no condition: there is no licence yet, so link the plan's objective instead");
    else if (std::ranges::find(links.condition_keys, static_cast<int>(*key)) == links.condition_keys.end())
      reader.fail("condition_key", "must be one of the conditions of the person's licence");
    else
      action.condition_key = static_cast<int>(*key);
  }
  if (objective) {
    if (key)
      reader.fail("objective_id", "link the licence condition or the plan's objective, not both");
    else if (links.has_licence)
      reader.fail("objective_id", "the person has a licence: link its condition instead of the plan's objective");
    else if (std::ranges::find(links.objective_ids, *objective) == links.objective_ids.end())
      reader.fail("objective_id", "must be one of the objectives of the person's plan");
    else
      action.objective_id = *objective;
  }
}

}  // namespace

MappaAction read_mappa_action(const FieldInput& input, const ActionLinks& links) {
  FieldReader reader(input);
  MappaAction action;
  action.description = reader.text("description", Need::required, 4000);
  if (!reader.has("owner_agency"))
    reader.fail("owner_agency", "is needed: every action has an owner, which may be another agency");
  else if (auto agency = reader.code("owner_agency", Need::required, agencies()))
    action.owner_agency = *agency;
  action.owner_name = reader.text("owner_name", Need::optional, 200);
  if (auto due = reader.date("due_on", Need::required)) action.due_on = *due;
  read_action_link(reader, action, links);
  reader.throw_if_failed();
  return action;
}

MappaAction change_action_status(MappaAction action, const FieldInput& input) {
  FieldReader reader(input);
  auto status = reader.code("status", Need::required, mappa_action_statuses());
  reader.throw_if_failed();
  action.status = *status;
  return action;
}

bool action_overdue(const MappaAction& action, Date today) {
  return action.status == MappaActionStatus::open && action.due_on < today;
}

std::optional<MeetingDue> next_meeting_due(const NextMeetingFacts& facts) {
  if (facts.level != MappaLevel::level_2 && facts.level != MappaLevel::level_3) return std::nullopt;
  auto interval = facts.level == MappaLevel::level_3 ? level_3_review_days : level_2_review_days;
  MeetingDue due = facts.last_held ? MeetingDue{add_days(*facts.last_held, interval), MeetingDueReason::review}
                                   : MeetingDue{add_days(facts.level_set_on, first_meeting_within_days),
                                                MeetingDueReason::first_meeting};
  if (facts.release_date) {
    auto window_opens = add_months(*facts.release_date, -pre_release_months);
    bool held_in_window = facts.last_held && *facts.last_held >= window_opens;
    if (!held_in_window && window_opens <= due.due) due = {window_opens, MeetingDueReason::pre_release};
  }
  return due;
}

NextMeetingFacts meeting_facts(const std::vector<MappaDecision>& decisions, const std::vector<MappaMeeting>& meetings,
                               std::optional<Date> release_date) {
  NextMeetingFacts facts;
  if (!decisions.empty()) {
    facts.level = decisions.front().level;
    facts.level_set_on = decisions.front().decided_on;
  }
  for (const auto& meeting : meetings)
    if (meeting.status == MappaMeetingStatus::held && (!facts.last_held || meeting.meeting_on > *facts.last_held))
      facts.last_held = meeting.meeting_on;
  facts.release_date = release_date;
  return facts;
}

}  // namespace resettle
