#include "services/allocations.hpp"

#include "domain/errors.hpp"

namespace resettle::services {

Allocation allocate(store::Store& store, const StaffMember& actor, std::int64_t person_id, std::int64_t staff_id,
                    Role role, Date from, const std::string& reason) {
  if (actor.role != Role::manager && actor.role != Role::admin) throw Forbidden("only managers allocate cases");
  auto tx = store.begin_write();
  auto person = tx->people().find(person_id);
  if (!person) throw NotFound("person " + std::to_string(person_id) + " not found");
  auto staff = tx->staff().find(staff_id);
  if (!staff || !staff->active) throw ValidationFailed("staff_id", "is not an active member of staff");
  if (staff->role != role && !(role == Role::key_worker && staff->role == Role::pom))
    throw ValidationFailed("role", std::string{"does not match "} + staff->display_name + "'s role");
  for (const auto& current : tx->allocations().current_for_person(person_id))
    if (current.role == role) tx->allocations().end(current.id, from);
  Allocation allocation{0, person_id, staff_id, staff->display_name, role, from, std::nullopt, reason};
  allocation.id = tx->allocations().insert(allocation);
  tx->journal().append({actor.id, person_id, "allocation.made", "allocation", allocation.id,
                        staff->display_name + " allocated as " + std::string{role_label(role)}, reason,
                        {{"staff_id", staff_id}, {"role", role_code(role)}, {"from", to_iso(from)}}});
  tx->commit();
  return allocation;
}

}  // namespace resettle::services
