#pragma once
// Release is an event, not an edit of the stage: on the day a person walks out of the gate they go on
// licence in the community, the prison-side practitioners' allocations end that day (kept on the
// record, so continuity still counts them), and the COM leads. This file holds the rules of the event
// itself; what is in place on the day is the release day record (release_day_record.hpp).
#include <string>

#include "domain/allocation/allocation.hpp"
#include "domain/date.hpp"
#include "domain/field_input.hpp"
#include "domain/people/person.hpp"
#include "domain/staff/role.hpp"

namespace resettle {

struct ReleaseEvent {
  Date released_on{};
  std::string released_at;  // "HH:MM", the 24-hour clock time at the gate
  std::string prison_code;  // the prison they were released from

  bool operator==(const ReleaseEvent&) const = default;
};

// The pre-release team and the COM record the release (a manager may stand in); anyone else who
// may see the person reads it.
bool may_record_release(Role role);

// Reads released_on (today or earlier), released_at (HH:MM) and prison_code, all required, into
// `reader`: the caller reports every bad field together with the rest of its form.
ReleaseEvent read_release_event(FieldReader& reader, Date today);

// Only someone serving a sentence in custody is released on licence: Conflict otherwise (someone on
// remand leaves custody without a licence; someone already in the community was released before).
// A prison_code other than the prison they are in is a ValidationFailed on "prison_code".
void require_releasable(const Person& person, const ReleaseEvent& release);

// Changing someone's details cannot put them on licence: that is the release, recorded on its own
// page with what it brings. ValidationFailed on "stage", pointing to the release day page, when
// `after` is on licence and `before` was not.
void refuse_release_by_edit(const Person& before, const Person& after);

// The person as the release leaves them: on licence, in no prison, with their PDU.
Person released_person(Person person);

// Whether an allocation is prison-side work that ends on the day of release: the prison offender
// manager and the key worker, leads and deputies alike.
bool ends_at_release(const Allocation& allocation);

}  // namespace resettle
