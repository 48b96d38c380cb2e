// Integrated offender management: the cohort, the police co-worker and the shared view (see iom.hpp).
#include "services/mappa/iom.hpp"

#include <algorithm>

#include "domain/limited_access/limited_access.hpp"
#include "services/audit.hpp"
#include "services/mappa/mappa.hpp"
#include "services/people/case_records.hpp"
#include "store/iom_repositories.hpp"

namespace resettle::services {

namespace {

std::optional<Allocation> lead_com(const std::vector<Allocation>& current) {
  auto com = std::ranges::find_if(current, [](const Allocation& a) { return a.role == Role::com && a.kind == AllocationKind::lead; });
  if (com == current.end()) return std::nullopt;
  return *com;
}

bool com_of_case(store::Transaction& tx, std::int64_t person_id, std::int64_t staff_id) {
  auto com = lead_com(tx.allocations().current_for_person(person_id));
  return com && com->staff_id == staff_id;
}

// Checked after the person is found visible, so a case the actor may not see stays "not found".
void require_may_manage(store::Transaction& tx, const StaffMember& actor, std::int64_t person_id) {
  if (!may_manage_iom(actor.role, com_of_case(tx, person_id, actor.id)))
    throw Forbidden("only the case's community offender manager or a manager manages IOM");
}

std::string cohort_label(IomCohort cohort) { return std::string{entry_for(iom_cohorts(), cohort).code}; }

std::string name_of(store::Transaction& tx, std::int64_t staff_id) {
  auto staff = tx.staff().find(staff_id);
  return staff ? staff->display_name : "someone no longer on Resettle";
}

// The shared view is the risk partners' alone: practitioners open the case itself, and partner agencies
// answering referrals have no view of it. Refused before any look-up, so it tells nothing about the case.
void require_risk_partner(const StaffMember& actor) {
  if (!is_risk_partner(actor.role))
    throw Forbidden("the shared view is for police officers, social care workers and MAPPA coordinators named on the case");
}

// Contacts are the IOM police officer's to record.
void require_police(const StaffMember& actor) {
  if (actor.role != Role::police) throw Forbidden("contacts are recorded by the police officer named on the case");
}

bool named_now(store::Transaction& tx, const StaffMember& actor, std::int64_t person_id) {
  return named_on_shared_case(actor, tx.iom().coworkers_for(person_id), tx.mappa().meetings_for(person_id),
                              tx.risk_profiles().find(person_id).mappa) &&
         may_see_limited_case(tx.limited_access().current_for_person(person_id), actor.id);
}

// The person, when this member of staff is named on the case now and not excluded from it; otherwise
// the refusal goes to the access log (committed at once, as require_visible_person does) and the case is
// "not found", as any case outside a role's reach is.
Person require_named_case(store::Transaction& tx, const StaffMember& actor, std::int64_t person_id, const std::string& what) {
  auto person = tx.people().find(person_id);
  if (person && named_now(tx, actor, person_id)) return *person;
  if (person) {
    tx.access_log().record(actor.id, person_id, what, false);
    tx.commit();
  }
  throw NotFound("person " + std::to_string(person_id) + " not found");
}

// The parts of the case the role's shared view shows to `viewer_id` beyond its summary, read into `view`.
void read_shared_parts(store::Transaction& tx, const BankHolidays& holidays, std::int64_t viewer_id, SharedCase& view) {
  auto person_id = view.person.id;
  const auto& parts = view.parts;
  for (auto& action : tx.mappa().actions_for(person_id))
    if (shows_action(parts, action)) view.actions.push_back(std::move(action));
  if (parts.meetings) {
    auto decisions = tx.mappa().decisions_for(person_id);
    view.meetings = tx.mappa().meetings_for(person_id);
    view.next_meeting = next_meeting_due(meeting_facts(decisions, view.meetings, release_while_in_custody(tx, view.person)));
    if (!decisions.empty()) view.decision = decisions.front();
  }
  for (auto& appointment : tx.appointments().for_person(person_id, add_days(view.today, -shared_appointments_days),
                                                        add_days(view.today, shared_appointments_days)))
    if (!appointment.cancelled() && shows_appointment(parts, appointment, viewer_id)) view.appointments.push_back(std::move(appointment));
  if (parts.appointments) {
    auto standing = standing_outcomes(tx.appointment_outcomes().for_person(person_id, add_months(view.today, -13)));
    for (const auto& decision : standing) view.outcomes[decision.appointment_id] = decision;
    view.failures_in_12_months = unacceptable_failures(standing, view.today, holidays);
  }
  for (auto& record : tx.information_sharing().for_person(person_id))
    if (shows_agency(parts, record.agency)) view.information_shared.push_back(std::move(record));
  if (parts.contacts) {
    view.contacts = tx.iom().contacts_for(person_id);
    std::vector<std::int64_t> ids;
    for (const auto& contact : view.contacts) ids.push_back(contact.recorded_by);
    view.staff_names = staff_names_of(tx, ids);
  }
}

}  // namespace

PersonIom iom_of(store::Store& store, const StaffMember& actor, std::int64_t person_id) {
  auto record = view_person(store, actor, person_id, "iom");
  auto tx = store.begin_read();
  auto& iom = tx->iom();
  PersonIom page{record.person, iom.cohorts_for(person_id), iom.coworkers_for(person_id), iom.contacts_for(person_id),
                 lead_com(record.current_allocations), {}, {}, false, actor.role == Role::manager};
  page.may_manage = may_manage_iom(actor.role, page.com && page.com->staff_id == actor.id);
  std::vector<std::int64_t> ids;
  for (const auto& flag : page.cohorts) ids.insert(ids.end(), {flag.set_by, flag.ended_by});
  for (const auto& coworker : page.coworkers) ids.insert(ids.end(), {coworker.staff_id, coworker.added_by, coworker.ended_by});
  for (const auto& contact : page.contacts) ids.push_back(contact.recorded_by);
  page.staff_names = staff_names_of(*tx, ids);
  if (page.may_manage) page.coworker_accounts = risk_partner_accounts_of(*tx);
  return page;
}

IomCohortFlag set_iom_cohort(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t person_id,
                             const FieldInput& input) {
  auto tx = store.begin_write();
  require_visible_person(*tx, actor, person_id, "iom");
  require_may_manage(*tx, actor, person_id);
  auto open = open_cohort(tx->iom().cohorts_for(person_id));
  auto flag = read_iom_cohort(input, clock.today(), actor.id, open);
  flag.person_id = person_id;
  if (open) tx->iom().update_cohort(moved_on(*open, flag), open->version);
  flag.id = tx->iom().insert_cohort(flag);
  flag.version = 1;
  tx->journal().append({actor.id, person_id, "iom.cohort_set", "iom_cohort", flag.id,
                        "Integrated offender management: " + cohort_label(flag.cohort) + " cohort from " +
                            to_long_date(flag.starts_on),
                        "",
                        {{"cohort", cohort_label(flag.cohort)},
                         {"starts_on", to_iso(flag.starts_on)},
                         {"cohort_before", open ? nlohmann::json(cohort_label(open->cohort)) : nlohmann::json()}}});
  tx->commit();
  return flag;
}

IomCohortFlag end_iom_cohort(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t person_id,
                             const FieldInput& input, std::int64_t expected_version) {
  auto tx = store.begin_write();
  require_visible_person(*tx, actor, person_id, "iom");
  require_may_manage(*tx, actor, person_id);
  auto open = open_cohort(tx->iom().cohorts_for(person_id));
  if (!open) throw Conflict("this case is in no IOM cohort");
  auto ended = ended_cohort(*open, input, clock.today(), actor.id);
  tx->iom().update_cohort(ended, expected_version);
  ++ended.version;
  tx->journal().append({actor.id, person_id, "iom.cohort_ended", "iom_cohort", ended.id,
                        "Left integrated offender management (" + cohort_label(ended.cohort) + " cohort) on " +
                            to_long_date(*ended.ends_on),
                        "", {{"cohort", cohort_label(ended.cohort)}, {"ends_on", to_iso(*ended.ends_on)}}});
  tx->commit();
  return ended;
}

IomCoworker add_iom_coworker(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t person_id,
                             const FieldInput& input) {
  auto tx = store.begin_write();
  require_visible_person(*tx, actor, person_id, "iom");
  require_may_manage(*tx, actor, person_id);
  auto coworker = read_iom_coworker(input, clock.today(), actor.id);
  auto worker = tx->staff().find(coworker.staff_id);
  require_coworker_account(coworker, worker, tx->iom().coworkers_for(person_id));
  coworker.person_id = person_id;
  coworker.id = tx->iom().insert_coworker(coworker);
  coworker.version = 1;
  tx->journal().append({actor.id, person_id, "iom.coworker_added", "iom_coworker", coworker.id,
                        worker->display_name + " (" + std::string{role_label(worker->role)} + ") named as co-worker from " +
                            to_long_date(coworker.from),
                        "",
                        {{"staff_id", coworker.staff_id}, {"role", std::string{role_code(worker->role)}}, {"from", to_iso(coworker.from)}}});
  tx->commit();
  return coworker;
}

IomCoworker end_iom_coworker(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t coworker_id,
                             const FieldInput& input, std::int64_t expected_version) {
  auto tx = store.begin_write();
  auto coworker = tx->iom().find_coworker(coworker_id);
  if (!coworker) throw NotFound("IOM co-worker " + std::to_string(coworker_id) + " not found");
  require_visible_person(*tx, actor, coworker->person_id, "iom");
  require_may_manage(*tx, actor, coworker->person_id);
  auto ended = ended_coworker(*coworker, input, clock.today(), actor.id);
  tx->iom().update_coworker(ended, expected_version);
  ++ended.version;
  tx->journal().append({actor.id, ended.person_id, "iom.coworker_ended", "iom_coworker", ended.id,
                        name_of(*tx, ended.staff_id) + " no longer co-worker from " + to_long_date(*ended.to), "",
                        {{"staff_id", ended.staff_id}, {"to", to_iso(*ended.to)}}});
  tx->commit();
  return ended;
}

std::vector<Person> named_iom_cases(store::Store& store, const StaffMember& actor) {
  std::vector<Person> people;
  if (!actor.active || !is_risk_partner(actor.role)) return people;
  {
    auto tx = store.begin_read();
    auto candidates = tx->iom().named_cases(actor.id);
    std::ranges::copy(tx->mappa().attended_cases(actor.id), std::back_inserter(candidates));
    std::ranges::sort(candidates);
    auto [first, last] = std::ranges::unique(candidates);
    candidates.erase(first, last);
    for (auto person_id : candidates)
      if (auto person = tx->people().find(person_id); person && named_now(*tx, actor, person_id))
        people.push_back(std::move(*person));
  }
  std::vector<std::int64_t> ids;
  for (const auto& person : people) ids.push_back(person.id);
  audit_list(store, actor, "shared cases", ids);
  return people;
}

SharedCase shared_case_of(store::Store& store, const Clock& clock, const BankHolidays& holidays, const StaffMember& actor,
                          std::int64_t person_id) {
  require_risk_partner(actor);
  auto tx = store.begin_audit_write();
  SharedCase view;
  view.person = require_named_case(*tx, actor, person_id, "shared view");
  view.parts = shared_parts(actor.role);
  view.today = clock.today();
  view.cohort = open_cohort(tx->iom().cohorts_for(person_id));
  if (auto com = lead_com(tx->allocations().current_for_person(person_id))) view.com_name = name_of(*tx, com->staff_id);
  view.mappa_level = tx->risk_profiles().find(person_id).mappa;
  read_shared_parts(*tx, holidays, actor.id, view);
  tx->access_log().record(actor.id, person_id, "shared view", true);
  tx->commit();
  return view;
}

IomContact record_iom_contact(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t person_id,
                              const FieldInput& input) {
  require_police(actor);
  auto tx = store.begin_write();
  require_named_case(*tx, actor, person_id, "iom contact");
  auto contact = read_iom_contact(input, clock.today(), actor.id);
  contact.person_id = person_id;
  if (contact.appointment_id) require_part_of_visit(contact, tx->appointments().find(*contact.appointment_id));
  contact.id = tx->iom().insert_contact(contact);
  tx->journal().append({actor.id, person_id, "iom.contact_recorded", "iom_contact", contact.id,
                        (contact.appointment_id ? "IOM police account of the joint home visit on " : "IOM police contact on ") +
                            to_long_date(contact.contact_on),
                        "",
                        {{"contact_on", to_iso(contact.contact_on)},
                         {"appointment_id", contact.appointment_id ? nlohmann::json(*contact.appointment_id) : nlohmann::json()}}});
  tx->commit();
  return contact;
}

}  // namespace resettle::services
