#pragma once
// The day of release of a person's current release: what the rules propose (release_day.hpp), the
// decision that stands (release_day_decision.hpp), and so the one day every page and list shows.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "domain/bank_holidays.hpp"
#include "domain/release/release_day_decision.hpp"
#include "services/people/case_records.hpp"
#include "services/clock.hpp"
#include "store/store.hpp"

namespace resettle::services {

struct ReleaseDay {
  ReleaseDayAdjustment adjustment;             // for the person's facts (child, sentence type, time served)
  std::optional<ReleaseDayDecision> decision;  // the decision that stands for this release, if any
  std::vector<ReleaseDayDecision> history;     // every decision for the person, newest first
  Date day{};                                  // the day they leave: decided, else the due date
};

// For a record already read (and audited) with view_person, inside the caller's transaction, the
// release date under the law in force `today` (planned_release_date); empty without a release date. `approver` names a manager who would approve a second day, so that the
// adjustment names that day too; a standing second day names its own approver.
std::optional<ReleaseDay> release_day_of(store::Transaction& tx, const PersonRecord& record, const BankHolidays& holidays,
                                         Date today, const std::string& approver = "");

// Whether this member of staff may decide the day now: their role may (may_decide_release_day) and
// the rules propose an earlier day to choose.
bool may_decide_now(const ReleaseDay& release_day, const StaffMember& actor);

// What the page that decides a person's day of release shows this member of staff.
struct ReleaseDayToDecide {
  Person person;
  // Asked with a manager as approver, so that it names the second day they may approve; empty
  // without a release date.
  std::optional<ReleaseDay> release_day;
  bool may_decide = false;  // may_decide_now; false without a release date
  bool approves = false;    // a manager, who approves a second day
};
// Audited read of the person (as "day of release"); NotFound for someone this member of staff may not see.
ReleaseDayToDecide release_day_to_decide(store::Store& store, const BankHolidays& holidays, const StaffMember& actor,
                                         std::int64_t person_id, Date today);

// The release date the plan and the pre-release checklist work to: the decided day when a decision
// stands, else the date calculated under the law in force `today` (pages show that as its due date).
// Empty without a release date.
std::optional<Date> release_worked_to(store::Transaction& tx, const PersonRecord& record, Date today);

// The day they leave, as every page shows the release date: the decided day when a decision stands,
// else the due date (never a weekend, Christmas Day or bank holiday). Empty without a release date.
std::optional<Date> day_they_leave(store::Transaction& tx, const PersonRecord& record, const BankHolidays& holidays,
                                   Date today);

// Records the day of release from the field decided_date (see decide_release_day), in one
// transaction with its journal entry; the pre-release checklist, if there is one, moves to the new
// day. A second day is the request of the person's allocated COM, recorded by the manager who
// approves it. Returns the decision as stored (the standing one, unchanged, when it already says
// the same). Throws Forbidden for a role that may not decide, NotFound for a person the caller may
// not see, ValidationFailed on decided_date (no release date, a day the rules do not allow, a second
// day without a manager or without an allocated COM).
ReleaseDayDecision record_release_day_decision(store::Store& store, const Clock& clock, const BankHolidays& holidays,
                                               const StaffMember& actor, std::int64_t person_id, const FieldInput& input);

// The day each of these releases happens, in the same order: the decided day where a decision stands
// for that calculated release date, else its due date; empty where the release date is. One read for the lot.
struct CalculatedRelease {
  std::int64_t person_id = 0;
  std::optional<Date> release_date;
};
std::vector<std::optional<Date>> days_of_release(store::Store& store, const BankHolidays& holidays,
                                                 std::span<const CalculatedRelease> releases);
// Worklist rows dated by their calculated release date, redated to the day each release happens.
void show_days_of_release(store::Store& store, const BankHolidays& holidays, std::vector<store::WorklistRow>& rows);

}  // namespace resettle::services
