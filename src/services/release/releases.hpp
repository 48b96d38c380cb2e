#pragma once
// Release use cases: recording the release (an event, not an edit of the stage) with its release day
// record, changing that record afterwards, and reading both. Each write runs in one transaction with
// its journal Events. Unless a function says otherwise, each throws NotFound for a person the caller
// may not see (audited), Forbidden for a role that may not record releases (may_record_release), and
// ValidationFailed naming each bad field.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/release/release_day_record.hpp"
#include "services/people/case_records.hpp"
#include "services/clock.hpp"
#include "store/store.hpp"

namespace resettle::services {

// A person's latest release as the person page and the release page show it.
struct ReleaseSummary {
  std::optional<ReleaseDayRecord> release_day;  // empty before release
  std::string released_from;                    // the prison's name
  std::vector<ReleaseDayGap> gaps;              // of the record; empty before release
  std::vector<ChecklistItem> post_release_actions;  // what the checklist still had to do at release
};
// For a person already read (and audited) with view_person.
ReleaseSummary release_summary(store::Store& store, std::int64_t person_id);

struct ReleaseDayView {
  Person person;
  ReleaseSummary summary;
  // Before release: the form prefilled from the pre-release checklist, with the gaps it has so far;
  // after: the record's arrangements, to change.
  FieldInput form;
  std::vector<ReleaseDayGap> form_gaps;
  bool releasable = false;  // serving a sentence in custody, so the release can be recorded
  bool may_record = false;  // this member of staff may record the release and change the record
};
// Audited read of the person's release day.
ReleaseDayView view_release_day(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t person_id);

// Records the release from the fields of read_release_day_record; fields not given are prefilled from
// the pre-release checklist (prefilled_arrangements). In one transaction: the person goes on licence
// and leaves the prison; their POM and key worker allocations end on the day of release (kept on the
// record); the checklist is closed (what was in place on the day is marked done, the rest stays as
// post-release actions); an approved licence becomes active from the day of release; the release day
// record and the first-night outcome snapshot it gives are stored; and the timeline says "Released".
// Returns the release day as it stands after the release, read in the same transaction: prison staff
// who recorded it no longer see the person once released. Conflict unless the person is serving a
// sentence in custody.
ReleaseDayView record_release(store::Store& store, const Clock& clock, const StaffMember& actor,
                                std::int64_t person_id, const FieldInput& input);

// Changes the arrangements of the person's latest release (fields not given keep their stored
// values); the release itself never changes. What is now in place marks the checklist's post-release
// actions done, and a changed first-night picture records the snapshot again (the later recording
// counts). Returns the record as stored (unchanged when nothing changed). Conflict when no release is
// recorded; StaleVersion when the record moved on from expected_version.
ReleaseDayRecord update_release_day(store::Store& store, const Clock& clock, const StaffMember& actor,
                                    std::int64_t person_id, const FieldInput& input, std::int64_t expected_version);

}  // namespace resettle::services
