#pragma once
// The person page in one call: the record and everything the page shows about the case, read by
// the services that own each part, with what this member of staff may do from it.
#include <cstdint>
#include <vector>

#include "domain/bank_holidays.hpp"
#include "services/allocation/allocations.hpp"
#include "services/people/case_records.hpp"
#include "services/clock.hpp"
#include "services/allocation/continuity.hpp"
#include "services/responsibility/handovers.hpp"
#include "services/licence/licences.hpp"
#include "services/release/releases.hpp"
#include "services/plan/resettlement_plan.hpp"
#include "services/responsibility/responsibility.hpp"
#include "services/transfers/transfers.hpp"
#include "store/store.hpp"

namespace resettle::services {

struct PersonOverview {
  PersonRecord record;
  CaseResponsibility responsibility;
  std::vector<RoleContact> contacts;  // who to contact today for each current allocation
  ContinuityMeasure continuity;
  HandoverProgress handover;
  std::vector<TransferRecord> transfers;  // newest first
  ReleaseSummary release;
  PlanToDo plan;
  LicenceOverview licence;
  bool may_manage_access = false;       // the limited-access list (may_manage_limited_access)
  bool may_see_access_history = false;  // who read the record
  bool may_allocate = false;
  bool in_custody = false;              // held_in_custody: the prison roles may be allocated too
  bool may_decide_release_day = false;  // may_decide_now; false without a release date
  bool may_see_equality_facts = false;  // may_see_equality_facts: their offender managers and managers
};

// Each part is an audited read as its own service makes it (the record as "overview"), in the order
// the page shows them. Throws NotFound for no such person or someone this member of staff may not see.
PersonOverview person_overview(store::Store& store, const Clock& clock, const BankHolidays& holidays,
                               const StaffMember& actor, std::int64_t person_id);

}  // namespace resettle::services
