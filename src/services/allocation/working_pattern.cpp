// The working pattern use cases (see working_pattern.hpp).
#include "services/allocation/working_pattern.hpp"

#include "domain/catalogue.hpp"
#include "domain/errors.hpp"

namespace resettle::services {

namespace {

bool team_of(const Team& team, const StaffMember& staff) {
  return (!team.prison_code.empty() && team.prison_code == staff.prison_code) ||
         (!team.pdu_code.empty() && team.pdu_code == staff.pdu_code);
}

bool may_manage(const StaffMember& actor, const StaffMember& staff) {
  if (actor.role == Role::admin) return true;
  if (actor.role != Role::manager) return false;
  return (!actor.prison_code.empty() && staff.prison_code == actor.prison_code) ||
         (!actor.pdu_code.empty() && staff.pdu_code == actor.pdu_code);
}

StaffMember managed_in(store::Transaction& tx, const StaffMember& actor, std::int64_t staff_id) {
  if (actor.role != Role::manager && actor.role != Role::admin)
    throw Forbidden("only managers set how practitioners work");
  auto staff = tx.staff().find(staff_id);
  if (!staff || !may_manage(actor, *staff)) throw NotFound("member of staff " + std::to_string(staff_id) + " not found");
  return *staff;
}

void require_team_of(store::Transaction& tx, const StaffMember& staff, const std::string& team_code) {
  if (team_code.empty()) return;
  auto team = tx.places().find_team(team_code);
  if (!team || !team_of(*team, staff)) throw ValidationFailed("team_code", staff_text("is not a team in ((name))'s prison or PDU", {{"name", staff.display_name}}));
}

}  // namespace

StaffMember managed_staff_member(store::Store& store, const StaffMember& actor, std::int64_t staff_id) {
  auto tx = store.begin_read();
  return managed_in(*tx, actor, staff_id);
}

std::vector<Team> teams_for(store::Store& store, const StaffMember& staff) {
  auto teams = store.begin_read()->places().teams();
  std::erase_if(teams, [&](const Team& team) { return !team_of(team, staff); });
  return teams;
}

StaffMember update_working_pattern(store::Store& store, const StaffMember& actor, std::int64_t staff_id,
                                   const FieldInput& input) {
  auto tx = store.begin_write();
  auto staff = managed_in(*tx, actor, staff_id);
  auto before = working_pattern_fields(staff);
  auto pattern = read_working_pattern(overlay_fields(before, input));
  require_team_of(*tx, staff, pattern.team_code);
  tx->staff().update_working_pattern(staff_id, pattern);
  auto updated = *tx->staff().find(staff_id);
  auto changes = changed_fields(before, working_pattern_fields(updated));
  auto data = nlohmann::json::object();
  for (const auto& change : changes) data[change.field] = {{"from", change.from}, {"to", change.to}};
  tx->journal().append({actor.id, std::nullopt, "staff.working_pattern_changed", "staff", staff_id,
                        "Working pattern of " + staff.display_name + " changed", "", data});
  tx->commit();
  return updated;
}

}  // namespace resettle::services
