#pragma once
// MAPPA use cases: the category and level (which also set the risk profile's MAPPA level), referral
// to a level 2 or 3 panel, meetings and the risk management plan's actions, each change in one
// transaction with its journal event on the person's timeline; the person's MAPPA record with the
// next meeting due; and the MAPPA worklist of a prison or PDU.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "domain/licence/licence.hpp"
#include "domain/mappa/mappa.hpp"
#include "domain/plan/plan.hpp"
#include "services/clock.hpp"
#include "services/kept_worklist.hpp"
#include "services/responsibility/responsibility.hpp"
#include "store/store.hpp"

namespace resettle::services {

// What actions that need a licence condition may link to (read_mappa_action's ActionLinks), as pages
// name them: the person's latest licence, whose conditions they name by key, and their plan's objectives.
struct LinkTargets {
  std::optional<Licence> licence;     // empty while the person has none
  std::vector<Objective> objectives;  // empty when they have no plan
  ActionLinks links() const;
};
LinkTargets link_targets_of(store::Transaction& tx, std::int64_t person_id);

// What the person's MAPPA page and the API show.
struct PersonMappa {
  Person person;
  std::vector<MappaDecision> decisions;  // newest first: the first is the current category and level
  std::vector<MappaReferral> referrals;  // newest first
  std::vector<MappaMeeting> meetings;    // latest meeting date first
  std::vector<MappaAction> actions;      // soonest due first
  std::optional<MeetingDue> next_meeting;  // next_meeting_due today; empty below level 2
  Date today{};
  std::map<std::int64_t, std::string> staff_names;  // who recorded each decision, referral and meeting
  bool may_change = false;                          // this member of staff: may_manage_risk_together
  LinkTargets link_targets;                         // what the actions link to
  std::vector<StaffMember> attendee_accounts;       // who may be named by account; empty unless may_change
};
// The display names of these staff, by id, read in one query; an unknown id is left out. Empty when
// `ids` is. For the pages of MAPPA and information sharing that name who recorded what.
std::map<std::int64_t, std::string> staff_names_of(store::Transaction& tx, const std::vector<std::int64_t>& ids);

// The release date the next meeting counts from: the case's, while the person is in custody; empty
// otherwise or when it is not known.
std::optional<Date> release_while_in_custody(store::Transaction& tx, const Person& person);

// The serving risk partners' accounts (is_risk_partner), by role, then name: those that may be named
// at a meeting (may_attend_by_account) or as a case's co-worker (require_coworker_account).
std::vector<StaffMember> risk_partner_accounts_of(store::Transaction& tx);

// Audited read. Every list is empty when nothing is recorded. Throws NotFound for a person this
// member of staff may not see (partners included).
PersonMappa mappa_of(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t person_id);

// Records a category and level (read_mappa_decision's fields), sets the risk profile's MAPPA level to
// it, and journals "mappa.decided". Returns the decision with its id. Throws, in this order: Forbidden
// unless may_manage_risk_together; NotFound for a person this member of staff may not see;
// ValidationFailed naming every bad field (nothing saved).
MappaDecision record_mappa_decision(store::Store& store, const Clock& clock, const StaffMember& actor,
                                    std::int64_t person_id, const FieldInput& input);

// Records a referral to a level 2 or 3 panel (read_mappa_referral's fields) and journals
// "mappa.referred". Returns it with its id. Throws as record_mappa_decision.
MappaReferral refer_to_mappa_panel(store::Store& store, const Clock& clock, const StaffMember& actor,
                                   std::int64_t person_id, const FieldInput& input);

// Records a meeting, planned or held (read_mappa_meeting's fields), and journals
// "mappa.meeting_recorded". Returns it with its id and version 1. Throws as record_mappa_decision.
MappaMeeting record_mappa_meeting(store::Store& store, const Clock& clock, const StaffMember& actor,
                                  std::int64_t person_id, const FieldInput& input);

// One meeting with its person and the actions it set, soonest due first.
struct MappaMeetingRecord {
  MappaMeeting meeting;
  Person person;
  std::vector<MappaAction> actions;
  Date today{};
  std::string recorded_by_name;
  bool may_change = false;
  LinkTargets link_targets;  // what the actions link to, and a new one may
  std::vector<StaffMember> attendee_accounts;  // who may be named by account; empty unless may_change
};
// Audited read. Throws NotFound for no such meeting and for one whose person is not visible, alike.
MappaMeetingRecord find_mappa_meeting(store::Store& store, const Clock& clock, const StaffMember& actor,
                                      std::int64_t meeting_id);

// Marks a planned meeting held (mark_meeting_held's fields: attendees, notes) at expected_version and
// journals "mappa.meeting_held". Returns it as stored. Throws, in this order: Forbidden unless
// may_manage_risk_together; NotFound as find_mappa_meeting; Conflict when already held;
// ValidationFailed ("meeting_on" for a meeting in the future); StaleVersion. Nothing saved on a throw.
MappaMeeting mark_mappa_meeting_held(store::Store& store, const Clock& clock, const StaffMember& actor,
                                     std::int64_t meeting_id, const FieldInput& input, std::int64_t expected_version);

// Adds an action of the risk management plan to a meeting (read_mappa_action's fields) and journals
// "mappa.action_added". Returns it with its id and version 1. Throws, in this order: Forbidden unless
// may_manage_risk_together; NotFound as find_mappa_meeting; ValidationFailed naming every bad field
// ("owner_agency" for an action without an owner). Nothing saved on a throw.
MappaAction add_mappa_action(store::Store& store, const StaffMember& actor, std::int64_t meeting_id,
                             const FieldInput& input);

// One action with its person, for its page.
struct MappaActionRecord {
  MappaAction action;
  Person person;
  bool overdue = false;  // today
  bool may_change = false;
  LinkTargets link_targets;  // what the action links to
};
// Audited read. Throws NotFound for no such action and for one whose person is not visible, alike.
MappaActionRecord find_mappa_action(store::Store& store, const Clock& clock, const StaffMember& actor,
                                    std::int64_t action_id);

// Changes an action's status (status) at expected_version and journals "mappa.action_changed".
// Returns it as stored. Throws, in this order: Forbidden unless may_manage_risk_together; NotFound as
// find_mappa_action; ValidationFailed on "status"; StaleVersion. Nothing saved on a throw.
MappaAction change_mappa_action(store::Store& store, const StaffMember& actor, std::int64_t action_id,
                                const FieldInput& input, std::int64_t expected_version);

// One case on the MAPPA worklist and why it is there today.
struct MappaWorklistItem {
  store::MappaWorklistRow row;
  std::optional<MeetingDue> meeting_due;  // due within meeting_due_soon_days, or overdue
  bool meeting_overdue = false;
};
inline std::int64_t person_id_of(const MappaWorklistItem& item) { return item.row.person.id; }  // for audited
// The MAPPA worklist: the cases this member of staff may see (narrowed to a prison or PDU if asked)
// with a MAPPA meeting due within 4 weeks or overdue, an action overdue, or an information sharing
// request past its due date; in person id order, a page at a time. The list is audited as one read
// naming everyone on it. Empty when nobody is. Throws Forbidden for a role without worklists,
// ValidationFailed on a bad cursor or limit.
store::Page<MappaWorklistItem> mappa_worklist(store::Store& store, const Clock& clock, const StaffMember& actor,
                                             const WorklistRequest& request);
// The same page read without auditing it.
store::Page<MappaWorklistItem> read_mappa_worklist(store::Store& store, const Clock& clock, const StaffMember& actor,
                                                  const WorklistRequest& request);
// The MAPPA worklist's pages a server keeps between requests (kept_worklist.hpp).
using MappaWorklistMemo = WorklistMemo<store::Page<MappaWorklistItem>>;
// mappa_worklist's page kept in `memo` while the counters of the caller's units stand still
// (kept_worklist); audited at every call, kept or not.
std::shared_ptr<const store::Page<MappaWorklistItem>> kept_mappa_worklist(store::Store& store, MappaWorklistMemo& memo,
                                                                          const Clock& clock, const StaffMember& actor,
                                                                          const WorklistRequest& request);

}  // namespace resettle::services
