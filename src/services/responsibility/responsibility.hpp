#pragma once
// Who leads a case and when that changes (OMiC), worked out from the sentence and risk profile,
// kept up to date in the store, and the worklists built from it.
#include <optional>
#include <vector>

#include "domain/bank_holidays.hpp"
#include "domain/people/case_assessment.hpp"
#include "services/people/case_records.hpp"
#include "services/clock.hpp"
#include "services/release/release_day.hpp"
#include "store/store.hpp"

namespace resettle::services {

// Works out and stores one person's case dates and the key dates of their booking, inside the
// caller's transaction: called by every use case that changes a sentence, a booking, a risk profile or
// a person. Returns the key dates (empty for no such person).
KeyDates refresh_case_dates(store::Transaction& tx, std::int64_t person_id, Date today);

struct CaseResponsibility {
  CaseAssessment assessment;
  std::optional<ReleaseDay> release_day;  // while in custody, with the decision that stands; empty without a release date
};
// For a record already read (and its access checked and audited) with view_person.
CaseResponsibility case_responsibility(store::Store& store, const PersonRecord& record, Date today,
                                       const BankHolidays& holidays);

RiskProfile update_risk_profile(store::Store& store, const Clock& clock, const StaffMember& actor,
                                std::int64_t person_id, const FieldInput& input, std::int64_t expected_version);

// Worklists over the people this member of staff may see, narrowed to one prison or PDU if given,
// in date order, a page at a time.
inline constexpr int release_worklist_weeks = 12;
struct WorklistRequest {
  std::string prison_code;
  std::string pdu_code;
  store::PageRequest page{std::nullopt, 50};
};
store::Page<store::WorklistEntry> handovers_due(store::Store& store, const StaffMember& actor, Date today, int weeks,
                                                const WorklistRequest& request);
store::Page<store::WorklistEntry> releases_due(store::Store& store, const StaffMember& actor, Date today,
                                               const WorklistRequest& request);
store::Page<store::WorklistEntry> without_com(store::Store& store, const StaffMember& actor, Date today,
                                              const WorklistRequest& request);
// One of those lists as its page shows it (store::WorklistRow, cheaper to read than whole entries):
// the same cases, order and pages. `weeks` is the handovers' only.
using store::DatedWorklist;
store::Page<store::WorklistRow> worklist_rows(store::Store& store, const StaffMember& actor, DatedWorklist list,
                                              Date today, int weeks, const WorklistRequest& request);
// The same page read without auditing it, for a page that audits what it shows itself (a kept page
// audits each time it is shown: worklist_page.hpp).
store::Page<store::WorklistRow> read_worklist_rows(store::Store& store, const StaffMember& actor, DatedWorklist list,
                                                   Date today, int weeks, const WorklistRequest& request);
// The scope of a worklist, for lists built in other use cases (overdue handovers).
store::WorklistScope worklist_scope(const StaffMember& actor, const WorklistRequest& request);

// Works out every person's case dates and key dates again (the rules depend on today, e.g. a tariff
// passing, and on the release rules as deployed). Each key date that changed from the one last worked
// out is kept for the "release date changed" worklist and journalled by the system with its old and
// new value and rule; people never worked out before are worked out without a change. Returns how
// many people were worked out.
int refresh_all_case_dates(store::Store& store, Date today);

}  // namespace resettle::services
