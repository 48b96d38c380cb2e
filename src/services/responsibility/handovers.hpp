#pragma once
// The three-way handover meeting (person, POM, COM) and how each case's handover is going, with
// the "overdue handovers" worklist the manager view reuses.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/responsibility/handover_meeting.hpp"
#include "services/clock.hpp"
#include "services/responsibility/responsibility.hpp"
#include "store/store.hpp"

namespace resettle::services {

struct HandoverProgress {
  std::optional<CaseDates> dates;
  bool com_allocated = false;
  std::optional<HandoverMeeting> meeting;  // the one that counts (newest not cancelled)
  std::vector<HandoverMeeting> meetings;   // every one, newest first
  std::vector<HandoverFlag> flags;
  bool may_schedule = false;  // a meeting could be scheduled now (not whether the date will do)
};
// For someone this member of staff may see (checked and audited): NotFound otherwise.
HandoverProgress handover_progress_of(store::Store& store, const Clock& clock, const StaffMember& actor,
                                      std::int64_t person_id);

// The handover meeting page: the person, read and audited once as "handover meeting", the meeting
// that counts (empty when none is scheduled or held) and whether it is open: still scheduled, to be
// recorded as held or cancelled. Throws NotFound for a person the caller may not see.
struct HandoverMeetingRecord {
  Person person;
  std::optional<HandoverMeeting> meeting;
  bool open = false;
};
HandoverMeetingRecord handover_meeting_of(store::Store& store, const StaffMember& actor, std::int64_t person_id);

// The form to schedule the handover meeting: the person, read and audited once, and their handover
// date (empty when they have none). Throws NotFound for a person the caller may not see.
struct MeetingToSchedule {
  Person person;
  std::optional<Date> handover_date;
};
MeetingToSchedule meeting_to_schedule(store::Store& store, const StaffMember& actor, std::int64_t person_id);

// Fields scheduled_on and notes; the person's current POM and COM are recorded with it. Returns the
// meeting as stored. Throws Forbidden for a role that may not arrange meetings, NotFound for a person
// the caller may not see, ValidationFailed naming each bad field, Conflict for someone not in
// custody, with no handover to prepare or no COM yet, or with a meeting that already counts.
HandoverMeeting schedule_handover_meeting(store::Store& store, const Clock& clock, const StaffMember& actor,
                                          std::int64_t person_id, const FieldInput& input);
// A case has at most one meeting that counts (scheduled or held), so the next two act on it;
// Conflict when there is none or it is no longer scheduled, StaleVersion when it moved on.
// Fields held_on, person_attended (yes|no) and notes.
HandoverMeeting record_handover_meeting_held(store::Store& store, const Clock& clock, const StaffMember& actor,
                                             std::int64_t person_id, const FieldInput& input,
                                             std::int64_t expected_version);
// Field reason.
HandoverMeeting cancel_handover_meeting(store::Store& store, const Clock& clock, const StaffMember& actor,
                                        std::int64_t person_id, const FieldInput& input, std::int64_t expected_version);

struct OverdueHandover {
  store::WorklistEntry entry;
  std::vector<HandoverFlag> flags;  // what is missing: see handover_progress
};
// Cases whose handover date has passed without a COM or a held meeting, among the people this
// member of staff may see, narrowed to one prison or PDU if given; longest overdue first.
store::Page<OverdueHandover> overdue_handovers(store::Store& store, const StaffMember& actor, Date today,
                                              const WorklistRequest& request);

}  // namespace resettle::services
