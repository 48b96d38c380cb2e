#pragma once
// Who should work with a person: every eligible practitioner ranked with the reasons shown to the
// manager. Continuity comes first (someone the person already knows, across prison moves and across
// the gate), then workload, then specialism (women, Welsh language, IOM).
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "domain/allocation/allocation.hpp"
#include "domain/people/person.hpp"
#include "domain/people/risk_profile.hpp"
#include "domain/staff/staff.hpp"
#include "domain/staff/workload.hpp"

namespace resettle {

// Workload bands: within a band, specialism decides; the exact percentage only breaks ties.
enum class WorkloadBand { has_room, nearly_full, over_capacity, no_capacity };
constexpr int nearly_full_from_percent = 85;  // above this a new case crowds out existing ones
constexpr int over_capacity_above_percent = 100;
WorkloadBand workload_band(const Workload& workload);

// The part someone plays on a case, as in a sentence: "prison offender manager", "deputy key worker".
std::string part_in_words(Role role, AllocationKind kind);

// Roles a practitioner may hold on a case: POMs also do key work (OMiC lets them).
bool may_hold_role(Role staff_role, Role case_role);

// What the person needs of a practitioner: work with women, Welsh, IOM.
std::vector<Specialism> specialisms_needed(const Person& person, const RiskProfile& risk);

struct AllocationCandidate {
  StaffMember staff;
  Workload workload;
  std::vector<Allocation> with_this_person;  // their allocations to this person, any role or kind
};

struct AllocationRecommendation {
  StaffMember staff;
  Workload workload;
  WorkloadBand band = WorkloadBand::has_room;
  bool knows_person = false;
  bool available = true;  // not away today
  std::vector<Specialism> matching_specialisms;
  std::vector<std::string> reasons;  // in plain words, most important first
};

// Ranks the candidates for `role` (candidates who may not hold the role are left out). `person`
// supplies the name used in reasons and the prison or PDU, to say when continuity crosses a move.
std::vector<AllocationRecommendation> rank_candidates(const Person& person, std::span<const Specialism> needed,
                                                      std::span<const AllocationCandidate> candidates, Role role,
                                                      Date today);

// The reason journalled when a manager takes a recommendation: its reasons, and a note if given.
std::string allocation_reason(const AllocationRecommendation& recommendation, const std::string& note);

// Who the person and partners should contact in `role` today: the lead, or the deputy while the
// lead is away. `staff` holds at least the lead and deputy of that role.
std::optional<Allocation> contact_for(Role role, std::span<const Allocation> current,
                                      std::span<const StaffMember> staff, Date today);

}  // namespace resettle
