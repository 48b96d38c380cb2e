// MAPPA decisions, referrals, meetings, actions and the worklist (see mappa.hpp).
#include "services/mappa/mappa.hpp"

#include "domain/catalogue.hpp"
#include "services/audit.hpp"
#include "services/people/case_records.hpp"

namespace resettle::services {

namespace {

void require_may_manage(const StaffMember& actor) {
  if (!may_manage_risk_together(actor.role)) throw Forbidden("partner agencies do not record MAPPA");
}

std::string label_of(MappaLevel level) { return std::string{entry_for(mappa_decision_levels(), level).label}; }

// The meeting, checked inside the caller's transaction: NotFound unless its person is visible.
std::pair<MappaMeeting, Person> visible_meeting(store::Transaction& tx, const StaffMember& actor, std::int64_t meeting_id) {
  auto meeting = tx.mappa().find_meeting(meeting_id);
  if (!meeting) throw NotFound("MAPPA meeting " + std::to_string(meeting_id) + " not found");
  auto person = require_visible_person(tx, actor, meeting->person_id, "mappa");
  return {std::move(*meeting), std::move(person)};
}

std::pair<MappaAction, Person> visible_action(store::Transaction& tx, const StaffMember& actor, std::int64_t action_id) {
  auto action = tx.mappa().find_action(action_id);
  if (!action) throw NotFound("MAPPA action " + std::to_string(action_id) + " not found");
  auto person = require_visible_person(tx, actor, action->person_id, "mappa");
  return {std::move(*action), std::move(person)};
}

nlohmann::json attendees_json(const std::vector<Attendee>& attendees) {
  auto json = nlohmann::json::array();
  for (const auto& attendee : attendees)
    json.push_back({{"agency", entry_for(agencies(), attendee.agency).code},
                    {"name", attendee.name},
                    {"staff_id", attendee.staff_id ? nlohmann::json(*attendee.staff_id) : nlohmann::json(nullptr)}});
  return json;
}

}  // namespace

ActionLinks LinkTargets::links() const {
  ActionLinks links;
  links.has_licence = licence.has_value();
  if (licence)
    for (const auto& condition : licence->conditions) links.condition_keys.push_back(condition.key);
  for (const auto& objective : objectives) links.objective_ids.push_back(objective.id);
  return links;
}

LinkTargets link_targets_of(store::Transaction& tx, std::int64_t person_id) {
  LinkTargets targets;
  if (auto licences = tx.licences().for_person(person_id); !licences.empty()) targets.licence = std::move(licences.front());
  if (auto plan = tx.plans().for_person(person_id)) targets.objectives = std::move(plan->objectives);
  return targets;
}

std::map<std::int64_t, std::string> staff_names_of(store::Transaction& tx, const std::vector<std::int64_t>& ids) {
  std::map<std::int64_t, std::string> names;
  if (ids.empty()) return names;
  for (const auto& staff : tx.staff().find_many(ids)) names.emplace(staff.id, staff.display_name);
  return names;
}

std::optional<Date> release_while_in_custody(store::Transaction& tx, const Person& person) {
  if (person.stage != CaseStage::in_custody && person.stage != CaseStage::remand) return std::nullopt;
  auto dates = tx.case_dates().find(person.id);
  return dates ? dates->release_date : std::nullopt;
}

std::vector<StaffMember> risk_partner_accounts_of(store::Transaction& tx) {
  std::vector<StaffMember> accounts;
  for (const auto& role : roles())
    if (is_risk_partner(role.value))
      for (auto& staff : tx.staff().with_role(role.value)) accounts.push_back(std::move(staff));
  return accounts;
}

PersonMappa mappa_of(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t person_id) {
  auto record = view_person(store, actor, person_id, "mappa");
  auto tx = store.begin_read();
  auto& mappa = tx->mappa();
  PersonMappa page{record.person, mappa.decisions_for(person_id), mappa.referrals_for(person_id),
                   mappa.meetings_for(person_id), mappa.actions_for(person_id), std::nullopt, clock.today(), {},
                   may_manage_risk_together(actor.role), {}, {}};
  page.next_meeting = next_meeting_due(meeting_facts(page.decisions, page.meetings, release_while_in_custody(*tx, page.person)));
  std::vector<std::int64_t> ids;
  for (const auto& decision : page.decisions) ids.push_back(decision.recorded_by);
  for (const auto& referral : page.referrals) ids.push_back(referral.referred_by);
  for (const auto& meeting : page.meetings) ids.push_back(meeting.recorded_by);
  page.staff_names = staff_names_of(*tx, ids);
  page.link_targets = link_targets_of(*tx, person_id);
  if (page.may_change) page.attendee_accounts = risk_partner_accounts_of(*tx);
  return page;
}

MappaDecision record_mappa_decision(store::Store& store, const Clock& clock, const StaffMember& actor,
                                    std::int64_t person_id, const FieldInput& input) {
  require_may_manage(actor);
  auto tx = store.begin_write();
  require_visible_person(*tx, actor, person_id, "mappa");
  auto decision = read_mappa_decision(input, clock.today(), actor.id);
  decision.person_id = person_id;
  decision.id = tx->mappa().insert_decision(decision);
  // The risk profile's level is what the handover and recall rules read: it follows the decision.
  auto profile = tx->risk_profiles().find(person_id);
  auto level_before = profile.mappa;
  profile.person_id = person_id;
  profile.mappa = decision.level;
  tx->risk_profiles().save(profile, profile.version);
  tx->journal().append({actor.id, person_id, "mappa.decided", "mappa_decision", decision.id,
                        "MAPPA " + std::string{entry_for(mappa_categories(), decision.category).label} + ", " +
                            label_of(decision.level) + " (decided by " + decision.decided_by + ")",
                        decision.reason,
                        {{"category", entry_for(mappa_categories(), decision.category).code},
                         {"level", entry_for(mappa_decision_levels(), decision.level).code},
                         {"level_before", entry_for(mappa_levels(), level_before).code},
                         {"decided_on", to_iso(decision.decided_on)},
                         {"decided_by", decision.decided_by}}});
  refresh_case_dates(*tx, person_id, clock.today());
  tx->commit();
  return decision;
}

MappaReferral refer_to_mappa_panel(store::Store& store, const Clock& clock, const StaffMember& actor,
                                   std::int64_t person_id, const FieldInput& input) {
  require_may_manage(actor);
  auto tx = store.begin_write();
  require_visible_person(*tx, actor, person_id, "mappa");
  auto referral = read_mappa_referral(input, clock.today(), actor.id);
  referral.person_id = person_id;
  referral.id = tx->mappa().insert_referral(referral);
  tx->journal().append({actor.id, person_id, "mappa.referred", "mappa_referral", referral.id,
                        "Referred to a MAPPA level " + std::string{entry_for(mappa_decision_levels(), referral.level).code} +
                            " panel",
                        referral.reason,
                        {{"level", entry_for(mappa_decision_levels(), referral.level).code},
                         {"referred_on", to_iso(referral.referred_on)}}});
  tx->commit();
  return referral;
}

MappaMeeting record_mappa_meeting(store::Store& store, const Clock& clock, const StaffMember& actor,
                                  std::int64_t person_id, const FieldInput& input) {
  require_may_manage(actor);
  auto tx = store.begin_write();
  require_visible_person(*tx, actor, person_id, "mappa");
  auto meeting = read_mappa_meeting(input, clock.today(), actor.id, risk_partner_accounts_of(*tx));
  meeting.person_id = person_id;
  meeting.id = tx->mappa().insert_meeting(meeting);
  meeting.version = 1;
  tx->journal().append({actor.id, person_id, "mappa.meeting_recorded", "mappa_meeting", meeting.id,
                        std::string{entry_for(mappa_meeting_kinds(), meeting.kind).label} + " " +
                            (meeting.status == MappaMeetingStatus::held ? "held on " : "planned for ") +
                            to_long_date(meeting.meeting_on),
                        "",
                        {{"kind", entry_for(mappa_meeting_kinds(), meeting.kind).code},
                         {"meeting_on", to_iso(meeting.meeting_on)},
                         {"status", entry_for(mappa_meeting_statuses(), meeting.status).code},
                         {"attendees", attendees_json(meeting.attendees)}}});
  tx->commit();
  return meeting;
}

MappaMeetingRecord find_mappa_meeting(store::Store& store, const Clock& clock, const StaffMember& actor,
                                      std::int64_t meeting_id) {
  auto tx = store.begin_audit_write();  // the read is audited
  auto [meeting, person] = visible_meeting(*tx, actor, meeting_id);
  tx->access_log().record(actor.id, person.id, "mappa meeting", true);
  std::vector<MappaAction> actions;
  for (auto& action : tx->mappa().actions_for(person.id))
    if (action.meeting_id == meeting_id) actions.push_back(std::move(action));
  auto recorded_by = staff_names_of(*tx, {meeting.recorded_by})[meeting.recorded_by];
  auto targets = link_targets_of(*tx, person.id);
  bool may_change = may_manage_risk_together(actor.role);
  auto accounts = may_change ? risk_partner_accounts_of(*tx) : std::vector<StaffMember>{};
  tx->commit();
  return {std::move(meeting), std::move(person), std::move(actions), clock.today(), recorded_by,
          may_change, std::move(targets), std::move(accounts)};
}

MappaMeeting mark_mappa_meeting_held(store::Store& store, const Clock& clock, const StaffMember& actor,
                                     std::int64_t meeting_id, const FieldInput& input, std::int64_t expected_version) {
  require_may_manage(actor);
  auto tx = store.begin_write();
  auto [found, person] = visible_meeting(*tx, actor, meeting_id);
  auto meeting = mark_meeting_held(std::move(found), input, clock.today(), risk_partner_accounts_of(*tx));
  tx->mappa().update_meeting(meeting, expected_version);
  ++meeting.version;
  tx->journal().append({actor.id, person.id, "mappa.meeting_held", "mappa_meeting", meeting.id,
                        std::string{entry_for(mappa_meeting_kinds(), meeting.kind).label} + " held on " +
                            to_long_date(meeting.meeting_on),
                        "", {{"attendees", attendees_json(meeting.attendees)}}});
  tx->commit();
  return meeting;
}

MappaAction add_mappa_action(store::Store& store, const StaffMember& actor, std::int64_t meeting_id,
                             const FieldInput& input) {
  require_may_manage(actor);
  auto tx = store.begin_write();
  auto [meeting, person] = visible_meeting(*tx, actor, meeting_id);
  auto action = read_mappa_action(input, link_targets_of(*tx, person.id).links());
  action.meeting_id = meeting_id;
  action.person_id = person.id;
  action.id = tx->mappa().insert_action(action);
  action.version = 1;
  auto owner = std::string{entry_for(agencies(), action.owner_agency).label} +
               (action.owner_name.empty() ? "" : " (" + action.owner_name + ")");
  tx->journal().append({actor.id, person.id, "mappa.action_added", "mappa_action", action.id,
                        "MAPPA action for " + owner + ", due " + to_long_date(action.due_on), action.description,
                        {{"meeting_id", meeting_id},
                         {"owner_agency", entry_for(agencies(), action.owner_agency).code},
                         {"owner_name", action.owner_name},
                         {"due_on", to_iso(action.due_on)},
                         {"condition_key", action.condition_key ? nlohmann::json(*action.condition_key) : nlohmann::json()},
                         {"objective_id", action.objective_id ? nlohmann::json(*action.objective_id) : nlohmann::json()}}});
  tx->commit();
  return action;
}

MappaActionRecord find_mappa_action(store::Store& store, const Clock& clock, const StaffMember& actor,
                                    std::int64_t action_id) {
  auto tx = store.begin_audit_write();  // the read is audited
  auto [action, person] = visible_action(*tx, actor, action_id);
  tx->access_log().record(actor.id, person.id, "mappa action", true);
  auto targets = link_targets_of(*tx, person.id);
  tx->commit();
  auto overdue = action_overdue(action, clock.today());
  return {std::move(action), std::move(person), overdue, may_manage_risk_together(actor.role), std::move(targets)};
}

MappaAction change_mappa_action(store::Store& store, const StaffMember& actor, std::int64_t action_id,
                                const FieldInput& input, std::int64_t expected_version) {
  require_may_manage(actor);
  auto tx = store.begin_write();
  auto [found, person] = visible_action(*tx, actor, action_id);
  auto before = found.status;
  auto action = change_action_status(std::move(found), input);
  tx->mappa().update_action(action, expected_version);
  ++action.version;
  tx->journal().append({actor.id, person.id, "mappa.action_changed", "mappa_action", action.id,
                        "MAPPA action " + std::string{entry_for(mappa_action_statuses(), action.status).label}, "",
                        {{"status", {{"from", entry_for(mappa_action_statuses(), before).code},
                                     {"to", entry_for(mappa_action_statuses(), action.status).code}}}}});
  tx->commit();
  return action;
}

// The store offers the candidates (level 2 or 3, or something overdue); next_meeting_due decides.
// They are read in rounds of the most the store gives at once, not of what the page still needs: a
// unit's candidates whose meeting is not yet due took up to three rounds a page, each reading the
// whole unit again. The page stops at its limit, so its cursor is its last person's id (the MAPPA
// worklist pages on person id) whenever a candidate is left after it.
store::Page<MappaWorklistItem> mappa_worklist(store::Store& store, const Clock& clock, const StaffMember& actor,
                                             const WorklistRequest& request) {
  return audited(store, actor, "worklist: mappa", read_mappa_worklist(store, clock, actor, request));
}

std::shared_ptr<const store::Page<MappaWorklistItem>> kept_mappa_worklist(store::Store& store, MappaWorklistMemo& memo,
                                                                          const Clock& clock, const StaffMember& actor,
                                                                          const WorklistRequest& request) {
  auto page = kept_worklist(store, memo, actor, request, clock.today(),
                            [&] { return read_mappa_worklist(store, clock, actor, request); });
  audit_shown(store, actor, "worklist: mappa", page->items);
  return page;
}

store::Page<MappaWorklistItem> read_mappa_worklist(store::Store& store, const Clock& clock, const StaffMember& actor,
                                                  const WorklistRequest& request) {
  constexpr int candidates_a_round = 200;  // the store's largest page
  auto scope = worklist_scope(actor, request);
  auto today = clock.today();
  auto due_soon = add_days(today, meeting_due_soon_days);
  if (scope.page.limit < 1 || scope.page.limit > candidates_a_round)
    throw ValidationFailed("limit", staff_text("must be between 1 and 200"));
  auto limit = static_cast<std::size_t>(scope.page.limit);
  scope.page.limit = candidates_a_round;
  store::Page<MappaWorklistItem> page;
  auto tx = store.begin_read();
  bool more = false;
  do {
    auto candidates = tx->mappa().worklist(today, scope);
    scope.page.cursor = candidates.next_cursor;
    more = candidates.next_cursor.has_value();
    for (auto& row : candidates.items) {
      if (page.items.size() == limit) {
        more = true;
        break;
      }
      auto due = next_meeting_due(row.facts);
      if (due && due->due > due_soon) due.reset();
      if (due || row.actions_overdue > 0 || row.requests_overdue > 0) {
        bool overdue = due && due->due < today;
        page.items.push_back({std::move(row), due, overdue});
      }
    }
  } while (more && page.items.size() < limit);
  if (more && !page.items.empty()) page.next_cursor = std::to_string(page.items.back().row.person.id);
  return page;
}

}  // namespace resettle::services
