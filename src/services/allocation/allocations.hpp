#pragma once
// Allocating practitioners to a person. One current lead and at most one deputy per role: a new
// one ends the previous one the same day, so the history shows every change of practitioner.
// Managers choose from ranked recommendations (continuity first) with one action.
#include <string>
#include <vector>

#include "domain/allocation/allocation.hpp"
#include "domain/allocation/allocation_recommendation.hpp"
#include "domain/staff/staff.hpp"
#include "services/clock.hpp"
#include "store/store.hpp"

namespace resettle::services {

// Makes `staff_id` the lead (or deputy) in `role` from `from`, ending who held it before, and
// journals it; returns the new allocation. Throws Forbidden unless the actor manages allocations,
// NotFound for a person they may not see, ValidationFailed (staff_id, role) for someone inactive,
// unknown, of another role, closed out of the case, or already its lead when named deputy.
Allocation allocate(store::Store& store, const StaffMember& actor, std::int64_t person_id, std::int64_t staff_id,
                    Role role, Date from, const std::string& reason, AllocationKind kind = AllocationKind::lead);

// The same inside a caller's transaction, so a use case that moves a case can allocate with it.
Allocation allocate(store::Transaction& tx, const StaffMember& actor, const Person& person, const StaffMember& staff,
                    Role role, Date from, const std::string& reason, AllocationKind kind);

// What a manager sees when choosing who holds a case in a role.
struct AllocationChoice {
  Person person;
  Role role = Role::pom;
  AllocationKind kind = AllocationKind::lead;
  std::optional<Allocation> current;     // who holds it now, if anyone
  std::optional<Allocation> lead;        // for a deputy: the lead they stand beside
  std::vector<AllocationRecommendation> ranked;  // best first; the current holder is left out
};

// The choice for a role: who holds it now and the other practitioners who could, ranked. Throws
// Forbidden unless the actor manages allocations, NotFound for a person they may not see (audited).
AllocationChoice allocation_choice(store::Store& store, const Clock& clock, const StaffMember& actor,
                                   std::int64_t person_id, Role role, AllocationKind kind);

// Takes one of the recommendations: the journalled reason is the recommendation's reasons and the
// manager's note, so anyone can later see why this practitioner was chosen. Throws as allocate does,
// and ValidationFailed (staff_id) for someone not among the ranked recommendations.
Allocation allocate_recommended(store::Store& store, const Clock& clock, const StaffMember& actor,
                                std::int64_t person_id, std::int64_t staff_id, Role role, AllocationKind kind,
                                const std::string& note);

// Roles a case is allocated in, and whether a role can be read from its code: ValidationFailed
// naming `field` for any other code (an empty kind is a lead).
Role allocation_role(const std::string& code, const std::string& field);
AllocationKind allocation_kind(const std::string& code, const std::string& field);
std::string_view allocation_kind_code(AllocationKind kind);

// Workload of everyone holding cases in the manager's prison and PDU, grouped by team.
struct PractitionerWorkload {
  StaffMember staff;
  Workload workload;
  WorkloadBand band = WorkloadBand::has_room;
};
struct TeamWorkload {
  std::string team_code;  // empty: staff not yet in a team
  std::string team_name;
  std::vector<PractitionerWorkload> practitioners;
};
// Teams by team code (staff not yet in a team first), practitioners by name within each; empty when
// no one based there holds cases. Throws Forbidden unless the actor manages allocations.
std::vector<TeamWorkload> unit_workload(store::Store& store, const StaffMember& actor);

// Whether the actor manages allocations: a manager, or an administrator. require_manager throws
// Forbidden unless they do.
bool may_allocate(const StaffMember& actor);
void require_manager(const StaffMember& actor);

// Cases with no current lead in `role`: custody cases in the manager's prison for custody roles
// (sentenced only, for a POM),
// licence and post-sentence supervision cases in their PDU for a COM (administrators: everywhere),
// in id order, less the cases closed to the manager. Throws Forbidden unless the actor manages
// allocations.
store::Page<Person> unallocated_cases(store::Store& store, const StaffMember& actor, Role role,
                                      const store::PageRequest& page);

// Who to contact in each role today: the lead, or the deputy while the lead is away; at most one per
// current lead, in the order of `current`.
struct RoleContact {
  Allocation contact;
  bool deputy_covering = false;
  std::optional<Date> lead_away_until;
};
std::vector<RoleContact> contacts_today(store::Store& store, const std::vector<Allocation>& current, Date today);

}  // namespace resettle::services
