// The rules of the three-way handover meeting (see handover_meeting.hpp).
#include "domain/responsibility/handover_meeting.hpp"

#include <algorithm>
#include <array>

#include "domain/errors.hpp"

namespace resettle {

namespace {
using enum MeetingStatus;

// Stored and sent in JSON: codes may only be added to, never changed or removed; labels may change.
constexpr std::array<Coded<MeetingStatus>, 3> status_table{{
    {scheduled, "scheduled", "Scheduled"},
    {held, "held", "Held"},
    {cancelled, "cancelled", "Cancelled"},
}};
// Stored and sent in JSON: codes may only be added to, never changed or removed; labels may change.
constexpr std::array<Coded<HandoverFlag>, 4> flag_table{{
    {HandoverFlag::com_not_allocated, "com_not_allocated", "No community offender manager allocated by the start date"},
    {HandoverFlag::meeting_not_scheduled, "meeting_not_scheduled",
     "Handover meeting not scheduled, though the start date has passed"},
    {HandoverFlag::meeting_not_recorded, "meeting_not_recorded",
     "Handover meeting date has passed but it is not recorded as held"},
    {HandoverFlag::handover_overdue, "handover_overdue",
     "Handover overdue: the handover date has passed without a community offender manager or a held meeting"},
}};

constexpr std::size_t notes_limit = 4000;

// A meeting on or after the handover date still counts, but says why it is late.
void read_late_reason(FieldReader& reader, HandoverMeeting& meeting, Date on, std::optional<Date> handover_date) {
  auto reason = reader.text("late_reason", Need::optional, notes_limit);
  if (!reason.empty()) meeting.late_reason = reason;
  if (handover_date && !(on < *handover_date) && meeting.late_reason.empty())
    reader.fail("late_reason", "Say why the meeting is on or after the handover date, " + to_long_date(*handover_date));
}

void require_scheduled(const HandoverMeeting& meeting, std::string_view move) {
  if (meeting.status != scheduled)
    throw Conflict("Cannot " + std::string{move} + " this meeting: it is already " +
                   std::string{entry_for(meeting_statuses(), meeting.status).label} + ", and that is final");
}
}  // namespace

std::span<const Coded<MeetingStatus>> meeting_statuses() { return status_table; }
std::span<const Coded<HandoverFlag>> handover_flags() { return flag_table; }

std::optional<HandoverMeeting> current_meeting(std::span<const HandoverMeeting> meetings) {
  std::optional<HandoverMeeting> newest;
  for (const auto& meeting : meetings)
    if (meeting.status != cancelled && (!newest || newest->id < meeting.id)) newest = meeting;
  return newest;
}

bool needs_handover_meeting(const CaseDates& dates) {
  return dates.handover_date && dates.com_allocated_date && dates.reason != HandoverReason::short_sentence;
}

HandoverMeeting schedule_meeting(const FieldInput& input, const CaseDates& dates, bool com_allocated,
                                 std::span<const HandoverMeeting> meetings, Date today) {
  if (!needs_handover_meeting(dates))
    throw Conflict("This case has no handover from a prison offender manager to a community offender manager to prepare");
  if (!com_allocated)
    throw Conflict("Allocate a community offender manager before scheduling the handover meeting: they must be at it");
  if (auto current = current_meeting(meetings))
    throw Conflict(current->status == scheduled
                       ? "A handover meeting is already scheduled for " + to_iso(current->scheduled_on) +
                             ": record it as held or cancel it first"
                       : "The handover meeting has already been held");
  FieldReader reader{input};
  HandoverMeeting meeting;
  if (auto on = reader.date("scheduled_on", Need::required)) {
    if (*on < today) reader.fail("scheduled_on", "must be today or later");
    else read_late_reason(reader, meeting, *on, dates.handover_date);
    meeting.scheduled_on = *on;
  }
  meeting.notes = reader.text("notes", Need::optional, notes_limit);
  reader.throw_if_failed();
  meeting.person_id = dates.person_id;
  return meeting;
}

HandoverMeeting record_meeting_held(const HandoverMeeting& meeting, const FieldInput& input,
                                    std::optional<Date> handover_date, Date today) {
  require_scheduled(meeting, "record as held");
  FieldReader reader{input};
  HandoverMeeting done = meeting;
  done.held_on = reader.past_date("held_on", Need::required, today);
  if (done.held_on && !reader.failed("held_on")) read_late_reason(reader, done, *done.held_on, handover_date);
  auto attended = reader.text("person_attended", Need::required, 3);
  if (!attended.empty() && attended != "yes" && attended != "no") reader.fail("person_attended", "must be yes or no");
  done.notes = reader.text("notes", Need::optional, notes_limit);
  reader.throw_if_failed();
  done.person_attended = attended == "yes";
  done.status = held;
  return done;
}

HandoverMeeting cancel_meeting(const HandoverMeeting& meeting, const FieldInput& input) {
  require_scheduled(meeting, "cancel");
  FieldReader reader{input};
  HandoverMeeting done = meeting;
  done.notes = reader.text("reason", Need::required, notes_limit);
  reader.throw_if_failed();
  done.status = cancelled;
  return done;
}

std::vector<HandoverFlag> handover_progress(const HandoverFacts& facts, Date today) {
  std::vector<HandoverFlag> flags;
  const auto& dates = facts.dates;
  if (!facts.in_custody || !needs_handover_meeting(dates)) return flags;
  const auto& meeting = facts.meeting;
  bool held_meeting = meeting && meeting->status == held;
  if (!(today < *dates.com_allocated_date) && !facts.com_allocated) flags.push_back(HandoverFlag::com_not_allocated);
  if (*dates.com_allocated_date < today && !meeting) flags.push_back(HandoverFlag::meeting_not_scheduled);
  if (meeting && meeting->status == scheduled && meeting->scheduled_on < today)
    flags.push_back(HandoverFlag::meeting_not_recorded);
  if (*dates.handover_date < today && (!facts.com_allocated || !held_meeting)) flags.push_back(HandoverFlag::handover_overdue);
  return flags;
}

}  // namespace resettle
