// The allocation use cases (see allocations.hpp).
#include "services/allocation/allocations.hpp"

#include <algorithm>
#include <map>

#include "domain/catalogue.hpp"
#include "domain/errors.hpp"
#include "domain/limited_access/limited_access.hpp"
#include "services/audit.hpp"
#include "services/people/case_records.hpp"

namespace resettle::services {

bool may_allocate(const StaffMember& actor) { return actor.role == Role::manager || actor.role == Role::admin; }

void require_manager(const StaffMember& actor) {
  if (!may_allocate(actor)) throw Forbidden("only managers allocate cases");
}

namespace {

std::optional<Allocation> held(const std::vector<Allocation>& current, Role role, AllocationKind kind) {
  for (const auto& allocation : current)
    if (allocation.role == role && allocation.kind == kind) return allocation;
  return std::nullopt;
}

std::map<std::int64_t, Workload> workloads(store::Transaction& tx, const std::vector<StaffMember>& staff) {
  std::vector<std::int64_t> ids;
  for (const auto& member : staff) ids.push_back(member.id);
  std::map<std::int64_t, std::vector<CaseloadCount>> counts;
  for (const auto& entry : tx.allocations().caseloads(ids)) counts[entry.staff_id].push_back(entry.count);
  std::map<std::int64_t, Workload> result;
  for (const auto& member : staff) result[member.id] = workload_of(default_workload_model(), member, counts[member.id]);
  return result;
}

// Everyone who may hold the case: staff where the person is (their prison, or their PDU for a
// COM) and anyone who has worked with them before, wherever they are now.
std::vector<AllocationCandidate> candidates_for(store::Transaction& tx, const Person& person, Role role,
                                                const std::vector<Allocation>& history) {
  auto staff = role == Role::com ? tx.staff().based_in("", person.pdu_code) : tx.staff().based_in(person.prison_code, "");
  std::vector<std::int64_t> known_ids;
  for (const auto& allocation : history)
    if (std::ranges::find(staff, allocation.staff_id, &StaffMember::id) == staff.end())
      known_ids.push_back(allocation.staff_id);
  for (auto& member : tx.staff().find_many(known_ids)) staff.push_back(std::move(member));
  auto loads = workloads(tx, staff);
  std::vector<AllocationCandidate> candidates;
  for (const auto& member : staff) {
    AllocationCandidate candidate{member, loads[member.id], {}};
    for (const auto& allocation : history)
      if (allocation.staff_id == member.id) candidate.with_this_person.push_back(allocation);
    candidates.push_back(std::move(candidate));
  }
  return candidates;
}

AllocationChoice choice_in(store::Transaction& tx, const Clock& clock, const StaffMember& actor, std::int64_t person_id,
                           Role role, AllocationKind kind) {
  require_manager(actor);
  AllocationChoice choice{require_visible_person(tx, actor, person_id, "allocation"), role, kind, {}, {}, {}};
  auto current = tx.allocations().current_for_person(person_id);
  choice.current = held(current, role, kind);
  choice.lead = kind == AllocationKind::deputy ? held(current, role, AllocationKind::lead) : std::nullopt;
  auto history = tx.allocations().history_for_person(person_id);
  auto candidates = candidates_for(tx, choice.person, role, history);
  auto access = tx.limited_access().current_for_person(person_id);
  std::erase_if(candidates, [&](const AllocationCandidate& candidate) {
    return (choice.current && candidate.staff.id == choice.current->staff_id) ||
           (choice.lead && candidate.staff.id == choice.lead->staff_id) ||
           !may_see_limited_case(access, candidate.staff.id);
  });
  auto needed = specialisms_needed(choice.person, tx.risk_profiles().find(person_id));
  choice.ranked = rank_candidates(choice.person, needed, candidates, role, clock.today());
  return choice;
}

}  // namespace

Allocation allocate(store::Transaction& tx, const StaffMember& actor, const Person& person, const StaffMember& staff,
                    Role role, Date from, const std::string& reason, AllocationKind kind) {
  if (!staff.active) throw ValidationFailed("staff_id", staff_text("is not an active member of staff"));
  if (!may_hold_role(staff.role, role))
    throw ValidationFailed("role", staff_text("does not match ((name))'s role", {{"name", staff.display_name}}));
  if (!may_see_limited_case(tx.limited_access().current_for_person(person.id), staff.id))
    throw ValidationFailed("staff_id", staff_text("may not see this case: it has limited access"));
  auto current = tx.allocations().current_for_person(person.id);
  auto other_kind = kind == AllocationKind::lead ? AllocationKind::deputy : AllocationKind::lead;
  auto other = held(current, role, other_kind);
  if (kind == AllocationKind::deputy && other && other->staff_id == staff.id)
    throw ValidationFailed("staff_id", staff_text("is already the lead: a deputy must be someone else"));
  if (auto previous = held(current, role, kind)) tx.allocations().end(previous->id, from);
  if (other && other->staff_id == staff.id) tx.allocations().end(other->id, from);  // a deputy stepping up
  Allocation allocation{0, person.id, staff.id, staff.display_name, role, from, std::nullopt, reason, kind};
  allocation.id = tx.allocations().insert(allocation);
  auto part = std::string{role_label(role)} + (kind == AllocationKind::deputy ? " (deputy)" : "");
  tx.journal().append({actor.id, person.id, "allocation.made", "allocation", allocation.id,
                       staff.display_name + " allocated as " + part, reason,
                       {{"staff_id", staff.id},
                        {"role", role_code(role)},
                        {"kind", allocation_kind_code(kind)},
                        {"from", to_iso(from)}}});
  return allocation;
}

Allocation allocate(store::Store& store, const StaffMember& actor, std::int64_t person_id, std::int64_t staff_id,
                    Role role, Date from, const std::string& reason, AllocationKind kind) {
  require_manager(actor);
  auto tx = store.begin_write();
  auto person = require_visible_person(*tx, actor, person_id, "allocation");
  auto staff = tx->staff().find(staff_id);
  if (!staff) throw ValidationFailed("staff_id", staff_text("is not an active member of staff"));
  auto allocation = allocate(*tx, actor, person, *staff, role, from, reason, kind);
  tx->commit();
  return allocation;
}

AllocationChoice allocation_choice(store::Store& store, const Clock& clock, const StaffMember& actor,
                                   std::int64_t person_id, Role role, AllocationKind kind) {
  auto tx = store.begin_write();  // a refused attempt is audited
  return choice_in(*tx, clock, actor, person_id, role, kind);
}

Allocation allocate_recommended(store::Store& store, const Clock& clock, const StaffMember& actor,
                                std::int64_t person_id, std::int64_t staff_id, Role role, AllocationKind kind,
                                const std::string& note) {
  auto tx = store.begin_write();
  auto choice = choice_in(*tx, clock, actor, person_id, role, kind);
  auto chosen = std::ranges::find(choice.ranked, staff_id, [](const auto& r) { return r.staff.id; });
  if (chosen == choice.ranked.end())
    throw ValidationFailed("staff_id", staff_text("is not one of the practitioners who can take this case"));
  auto allocation = allocate(*tx, actor, choice.person, chosen->staff, role, clock.today(),
                             allocation_reason(*chosen, note), kind);
  tx->commit();
  return allocation;
}

Role allocation_role(const std::string& code, const std::string& field) {
  auto role = parse_role(code);
  if (!role || !holds_caseload(*role))
    throw ValidationFailed(field, staff_text("must be key_worker, pom, com or pre_release"));
  return *role;
}

AllocationKind allocation_kind(const std::string& code, const std::string& field) {
  if (code.empty() || code == "lead") return AllocationKind::lead;
  if (code == "deputy") return AllocationKind::deputy;
  throw ValidationFailed(field, staff_text("must be lead or deputy"));
}

std::string_view allocation_kind_code(AllocationKind kind) { return kind == AllocationKind::lead ? "lead" : "deputy"; }

std::vector<TeamWorkload> unit_workload(store::Store& store, const StaffMember& actor) {
  require_manager(actor);
  auto tx = store.begin_read();
  auto staff = tx->staff().based_in(actor.prison_code, actor.pdu_code);
  std::erase_if(staff, [](const StaffMember& member) { return !holds_caseload(member.role); });
  auto loads = workloads(*tx, staff);
  std::map<std::string, TeamWorkload> teams;
  for (const auto& member : staff) {
    auto& team = teams[member.team_code];
    if (team.team_name.empty()) {
      auto found = member.team_code.empty() ? std::nullopt : tx->places().find_team(member.team_code);
      team.team_code = member.team_code;
      team.team_name = found ? found->name : "Not in a team";
    }
    const auto& workload = loads[member.id];
    team.practitioners.push_back({member, workload, workload_band(workload)});
  }
  std::vector<TeamWorkload> result;
  for (auto& [code, team] : teams) result.push_back(std::move(team));
  return result;
}

store::Page<Person> unallocated_cases(store::Store& store, const StaffMember& actor, Role role,
                                      const store::PageRequest& page) {
  require_manager(actor);
  store::PersonFilter filter;
  filter.without_lead = role;
  bool community = role == Role::com;
  // OMiC gives sentenced prisoners a POM; key work starts on remand.
  filter.stages = community         ? std::vector{CaseStage::on_licence, CaseStage::post_sentence_supervision}
                  : role == Role::pom ? std::vector{CaseStage::in_custody}
                                      : std::vector{CaseStage::remand, CaseStage::in_custody};
  // The manager's own prison for custody roles, their own PDU for a COM: where their staff are.
  filter.within = scope_for(actor);
  filter.seen_by = actor.id;
  if (filter.within)
    filter.within = community ? store::UnitScope{"", actor.pdu_code, std::nullopt}
                              : store::UnitScope{actor.prison_code, "", std::nullopt};
  return audited(store, actor, "unallocated cases", store.begin_read()->people().list(filter, page));
}

std::vector<RoleContact> contacts_today(store::Store& store, const std::vector<Allocation>& current, Date today) {
  std::vector<std::int64_t> ids;
  for (const auto& allocation : current) ids.push_back(allocation.staff_id);
  auto staff = store.begin_read()->staff().find_many(ids);
  std::vector<RoleContact> contacts;
  for (const auto& allocation : current) {
    if (allocation.kind != AllocationKind::lead) continue;
    auto contact = contact_for(allocation.role, current, staff, today);
    if (!contact) continue;
    auto lead = std::ranges::find(staff, allocation.staff_id, &StaffMember::id);
    bool covering = contact->staff_id != allocation.staff_id;
    contacts.push_back({*contact, covering, covering ? lead->away_until : std::nullopt});
  }
  return contacts;
}

}  // namespace resettle::services
