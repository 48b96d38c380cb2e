#pragma once
// The OMiC three-way handover meeting (the person, their POM and their COM) held before the COM
// takes over, and the rule that says how a case's handover is going. State machine:
//   scheduled -> held | cancelled      (both final; after a cancellation a new one is scheduled)
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "domain/people/case_assessment.hpp"
#include "domain/code_list.hpp"
#include "domain/field_input.hpp"

namespace resettle {

enum class MeetingStatus { scheduled, held, cancelled };
std::span<const Coded<MeetingStatus>> meeting_statuses();

struct HandoverMeeting {
  std::int64_t id = 0;
  std::int64_t version = 0;
  std::int64_t person_id = 0;
  MeetingStatus status = MeetingStatus::scheduled;
  Date scheduled_on{};
  std::optional<Date> held_on;
  std::optional<std::int64_t> pom_staff_id;  // who was allocated when it was scheduled
  std::optional<std::int64_t> com_staff_id;
  std::optional<bool> person_attended;  // known once held
  std::string notes;                    // what was agreed; for a cancelled meeting, why it was cancelled
  std::string late_reason;              // why it is on or after the handover date (late is better than never)
  std::int64_t recorded_by = 0;

  friend bool operator==(const HandoverMeeting&, const HandoverMeeting&) = default;
};

// The meeting that counts for a case: the newest one not cancelled. `meetings` in any order.
std::optional<HandoverMeeting> current_meeting(std::span<const HandoverMeeting> meetings);

// Whether the case has a handover from a POM to a COM to prepare: it has a handover date and the
// COM was not responsible from the start.
bool needs_handover_meeting(const CaseDates& dates);

// Schedules a meeting from the fields scheduled_on (today or later), notes and late_reason, which is
// required when the meeting falls on or after the handover date. Throws Conflict when the case has no handover to prepare, has no COM allocated, or
// already has a meeting scheduled or held; ValidationFailed naming the bad field otherwise.
HandoverMeeting schedule_meeting(const FieldInput& input, const CaseDates& dates, bool com_allocated,
                                 std::span<const HandoverMeeting> meetings, Date today);
// From the fields held_on (today or earlier), person_attended (yes or no), notes and late_reason
// (required when it was held on or after the handover date and no reason was given when scheduled).
HandoverMeeting record_meeting_held(const HandoverMeeting& meeting, const FieldInput& input,
                                    std::optional<Date> handover_date, Date today);
// From the field reason (required).
HandoverMeeting cancel_meeting(const HandoverMeeting& meeting, const FieldInput& input);

// What needs attention in a case's handover, in the order it arises.
enum class HandoverFlag {
  com_not_allocated,      // the start date has come and no COM is allocated
  meeting_not_scheduled,  // the start date has passed and no meeting is scheduled or held
  meeting_not_recorded,   // the meeting's date has passed but it is not recorded as held (or cancelled)
  handover_overdue,       // the handover date has passed without a COM or without a held meeting
};
std::span<const Coded<HandoverFlag>> handover_flags();

struct HandoverFacts {
  CaseDates dates;
  bool in_custody = false;  // once released the COM leads on licence: there is no handover left to do
  bool com_allocated = false;
  std::optional<HandoverMeeting> meeting;  // current_meeting of the case
};
std::vector<HandoverFlag> handover_progress(const HandoverFacts& facts, Date today);

}  // namespace resettle
