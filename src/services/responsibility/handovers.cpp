// The handover meeting and handover progress use cases (see handovers.hpp).
#include "services/responsibility/handovers.hpp"

#include <algorithm>

#include "domain/staff/access.hpp"
#include "domain/people/custody.hpp"
#include "domain/errors.hpp"
#include "services/audit.hpp"
#include "services/people/case_records.hpp"

namespace resettle::services {

namespace {

std::optional<std::int64_t> current_staff(const std::vector<Allocation>& current, Role role) {
  for (const auto& allocation : current)
    if (allocation.role == role && allocation.kind == AllocationKind::lead) return allocation.staff_id;
  return std::nullopt;
}

bool com_allocated(store::Transaction& tx, std::int64_t person_id) {
  auto current = tx.allocations().current_for_person(person_id);
  return std::any_of(current.begin(), current.end(), [](const Allocation& a) { return a.role == Role::com; });
}

template <typename Someone>
HandoverFacts facts_of(store::Transaction& tx, const Someone& person, const CaseDates& dates,
                       const std::vector<HandoverMeeting>& meetings) {
  return {dates, held_in_custody(person.stage), com_allocated(tx, person.id), current_meeting(meetings)};
}

void require_editor(const StaffMember& actor) {
  if (!role_may(actor.role, CaseAction::edit_person)) throw Forbidden("your role cannot arrange handover meetings");
}

// The meeting that counts for someone this member of staff may see (checked and audited).
HandoverMeeting require_current_meeting(store::Transaction& tx, const StaffMember& actor, std::int64_t person_id) {
  auto person = require_visible_person(tx, actor, person_id, "handover meeting");
  tx.access_log().record(actor.id, person_id, "handover meeting", true);
  auto meeting = current_meeting(tx.handover_meetings().for_person(person_id));
  if (!meeting) throw Conflict("No handover meeting is scheduled for " + person.full_name() + ": schedule one first");
  return *meeting;
}

void journal(store::Transaction& tx, const StaffMember& actor, const HandoverMeeting& meeting, std::string kind,
             std::string summary, std::string reason) {
  tx.journal().append({actor.id, meeting.person_id, std::move(kind), "handover_meeting", meeting.id, std::move(summary),
                       std::move(reason),
                       {{"status", entry_for(meeting_statuses(), meeting.status).code},
                        {"scheduled_on", to_iso(meeting.scheduled_on)},
                        {"held_on", to_iso(meeting.held_on)}}});
}

// Applies a change to a stored meeting in one transaction, with its journal Event.
template <typename Change>
HandoverMeeting change_meeting(store::Store& store, const StaffMember& actor, std::int64_t person_id,
                               std::int64_t expected_version, Change change) {
  require_editor(actor);
  auto tx = store.begin_write();
  auto meeting = require_current_meeting(*tx, actor, person_id);
  auto changed = change(*tx, meeting);
  changed.recorded_by = actor.id;
  tx->handover_meetings().update(changed, expected_version);
  changed.version = expected_version + 1;
  bool held = changed.status == MeetingStatus::held;
  journal(*tx, actor, changed, held ? "handover_meeting.held" : "handover_meeting.cancelled",
          held ? "Handover meeting held on " + to_iso(changed.held_on) +
                     (changed.person_attended.value_or(false) ? ", with the person" : ", without the person")
               : "Handover meeting of " + to_iso(changed.scheduled_on) + " cancelled",
          changed.notes);
  tx->commit();
  return changed;
}

}  // namespace

MeetingToSchedule meeting_to_schedule(store::Store& store, const StaffMember& actor, std::int64_t person_id) {
  MeetingToSchedule form{view_person(store, actor, person_id, "handover meeting form").person, std::nullopt};
  if (auto dates = store.begin_read()->case_dates().find(person_id)) form.handover_date = dates->handover_date;
  return form;
}

HandoverProgress handover_progress_of(store::Store& store, const Clock& clock, const StaffMember& actor,
                                      std::int64_t person_id) {
  auto record = view_person(store, actor, person_id, "handover");
  auto tx = store.begin_read();
  HandoverProgress progress;
  progress.dates = tx->case_dates().find(person_id);
  progress.meetings = tx->handover_meetings().for_person(person_id);
  progress.com_allocated = com_allocated(*tx, person_id);
  progress.meeting = current_meeting(progress.meetings);
  if (progress.dates) {
    progress.flags = handover_progress(facts_of(*tx, record.person, *progress.dates, progress.meetings), clock.today());
    progress.may_schedule = needs_handover_meeting(*progress.dates) && progress.com_allocated && !progress.meeting &&
                            held_in_custody(record.person.stage) && role_may(actor.role, CaseAction::edit_person);
  }
  return progress;
}

HandoverMeetingRecord handover_meeting_of(store::Store& store, const StaffMember& actor, std::int64_t person_id) {
  HandoverMeetingRecord record{view_person(store, actor, person_id, "handover meeting").person, {}, false};
  record.meeting = current_meeting(store.begin_read()->handover_meetings().for_person(person_id));
  record.open = record.meeting && record.meeting->status == MeetingStatus::scheduled;
  return record;
}

HandoverMeeting schedule_handover_meeting(store::Store& store, const Clock& clock, const StaffMember& actor,
                                          std::int64_t person_id, const FieldInput& input) {
  require_editor(actor);
  auto tx = store.begin_write();
  auto person = require_visible_person(*tx, actor, person_id, "handover meeting");
  tx->access_log().record(actor.id, person_id, "handover meeting", true);
  if (!held_in_custody(person.stage)) throw Conflict(person.full_name() + " is not in custody: there is no handover left to prepare");
  CaseDates none;  // nothing worked out yet: no handover to prepare
  none.person_id = person_id;
  auto dates = tx->case_dates().find(person_id).value_or(none);
  auto meetings = tx->handover_meetings().for_person(person_id);
  auto meeting = schedule_meeting(input, dates, com_allocated(*tx, person_id), meetings, clock.today());
  auto current = tx->allocations().current_for_person(person_id);
  meeting.pom_staff_id = current_staff(current, Role::pom);
  meeting.com_staff_id = current_staff(current, Role::com);
  meeting.recorded_by = actor.id;
  meeting.id = tx->handover_meetings().insert(meeting);
  meeting.version = 1;
  journal(*tx, actor, meeting, "handover_meeting.scheduled",
          "Three-way handover meeting scheduled for " + to_long_date(meeting.scheduled_on) +
              (meeting.late_reason.empty() ? "" : ", after the handover date: " + meeting.late_reason),
          meeting.notes);
  tx->commit();
  return meeting;
}

HandoverMeeting record_handover_meeting_held(store::Store& store, const Clock& clock, const StaffMember& actor,
                                             std::int64_t person_id, const FieldInput& input,
                                             std::int64_t expected_version) {
  return change_meeting(store, actor, person_id, expected_version, [&](store::Transaction& tx, const HandoverMeeting& meeting) {
    auto dates = tx.case_dates().find(person_id);
    return record_meeting_held(meeting, input, dates ? dates->handover_date : std::nullopt, clock.today());
  });
}

HandoverMeeting cancel_handover_meeting(store::Store& store, const Clock&, const StaffMember& actor,
                                        std::int64_t person_id, const FieldInput& input, std::int64_t expected_version) {
  return change_meeting(store, actor, person_id, expected_version,
                        [&](store::Transaction&, const HandoverMeeting& meeting) { return cancel_meeting(meeting, input); });
}

store::Page<OverdueHandover> overdue_handovers(store::Store& store, const StaffMember& actor, Date today,
                                              const WorklistRequest& request) {
  auto scope = worklist_scope(actor, request);
  auto tx = store.begin_read();
  auto entries = tx->case_dates().overdue_handovers(today, scope);
  store::Page<OverdueHandover> overdue{{}, std::move(entries.next_cursor)};
  for (auto& entry : entries.items) {
    auto meetings = tx->handover_meetings().for_person(entry.person.id);
    auto flags = handover_progress(facts_of(*tx, entry.person, entry.dates, meetings), today);
    overdue.items.push_back({std::move(entry), std::move(flags)});
  }
  std::vector<std::int64_t> people;
  for (const auto& item : overdue.items) people.push_back(item.entry.person.id);
  audit_list(store, actor, "worklist: overdue handovers", people);
  return overdue;
}

}  // namespace resettle::services
