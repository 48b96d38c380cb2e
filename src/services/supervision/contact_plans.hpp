#pragma once
// How often each person is seen: their contact plan (set by the community offender manager or a
// manager, superseding the one before, which is kept), when the next contact is due under it, and the
// worklist of people whose contact is overdue or whose plan is due for review. A contact that counts
// is an appointment whose standing outcome is attended.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/supervision/contact_plan.hpp"
#include "services/clock.hpp"
#include "services/responsibility/responsibility.hpp"
#include "store/store.hpp"

namespace resettle::services {

// What the person's contact plan page shows.
struct PersonContactPlan {
  Person person;
  std::vector<ContactPlan> plans;  // the one in force first, then those it superseded, newest first; empty when none
  std::int64_t version = 0;        // how many plans the person has had: the version a new plan names
  std::optional<Date> last_attended;    // the last contact that counted, whenever it was
  std::optional<ContactStatus> status;  // under the plan in force, today; empty without a plan
  std::map<std::int64_t, std::string> decided_by;  // staff names by id, for every plan
  bool may_change = false;  // this member of staff may set a new plan (may_book_appointments)
};
// Audited read; NotFound for a person this member of staff may not see.
PersonContactPlan contact_plan_of(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t person_id);

// Sets a new plan from read_contact_plan's fields (starts_on, stages[N].every_days and for_weeks,
// reason, review_on), decided by the actor now, superseding the plan in force, in one transaction with
// the journal entry. `expected_version` is how many plans the caller saw (0: none). Throws Forbidden
// unless may_book_appointments; NotFound for a person this member of staff may not see;
// ValidationFailed naming each bad field; StaleVersion when another plan was set since.
ContactPlan set_contact_plan(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t person_id,
                             const FieldInput& input, std::int64_t expected_version);

// One person on the contact worklist, with where they stand today.
struct ContactWorklistItem {
  store::ContactWorklistRow row;
  ContactStatus status;
};
inline std::int64_t person_id_of(const ContactWorklistItem& item) { return item.row.person.id; }  // for audited
// "Contact overdue and reviews due": the people this member of staff may see (narrowed to a prison or
// PDU if asked) whose contact is overdue under their plan in force or whose plan's review is due,
// longest since a contact first, a page at a time; the list is audited as one read naming everyone on
// it. Empty when nobody is. Throws Forbidden for a role without worklists, ValidationFailed on a bad
// cursor or limit.
store::Page<ContactWorklistItem> contact_worklist(store::Store& store, const Clock& clock, const StaffMember& actor,
                                                  const WorklistRequest& request);
// The same page read without auditing it, for a page that audits what it shows itself (a kept page
// audits each time it is shown: worklist_page.hpp).
store::Page<ContactWorklistItem> read_contact_worklist(store::Store& store, const Clock& clock, const StaffMember& actor,
                                                       const WorklistRequest& request);
// The day contacts fall due by: the local one in England and Wales, as for appointments.
Date contact_today(const Clock& clock);

}  // namespace resettle::services
