// The person's own plan, appointments and officer (see own_view.hpp).
#include "services/person_view/own_view.hpp"

#include <algorithm>
#include <iterator>
#include <map>

#include "domain/errors.hpp"
#include "domain/person_view/officer_change.hpp"
#include "domain/uk_time.hpp"

namespace resettle::services {

namespace {

// The person acts for themselves: no member of staff is the actor.
NewEvent own_event(const PersonSignedIn& signed_in, std::string kind, std::string entity, std::int64_t entity_id,
                   std::string summary, nlohmann::json data = nlohmann::json::object()) {
  return {std::nullopt, signed_in.person.id, std::move(kind), std::move(entity), entity_id, std::move(summary), "",
          std::move(data)};
}

Plan own_plan_in(store::Transaction& tx, const PersonSignedIn& signed_in) {
  auto plan = tx.plans().for_person(signed_in.person.id);
  if (!plan) throw NotFound("the person has no plan yet");
  return *plan;
}

const Objective& objective_on(const Plan& plan, std::int64_t objective_id) {
  auto found = std::ranges::find_if(plan.objectives, [&](const Objective& o) { return o.id == objective_id; });
  if (found == plan.objectives.end()) throw NotFound("objective " + std::to_string(objective_id) + " is not on this plan");
  return *found;
}

// Bumps the plan's version, checked against the one the person read; a response or an agreement is
// never a material change, so the plan's last material change stays as it was.
void touch_plan(store::Transaction& tx, Plan& plan, std::optional<std::int64_t> expected_version) {
  tx.plans().touch(plan, expected_version.value_or(plan.version));
  plan.version = expected_version.value_or(plan.version) + 1;
}

std::string code_of(PlanResponseKind kind) { return std::string{entry_for(plan_response_kinds(), kind).code}; }

class Names {
 public:
  explicit Names(store::Transaction& tx) : tx_(tx) {}
  std::string office(const std::string& code) {
    if (!offices_.contains(code)) {
      auto pdu = tx_.places().find_pdu(code);
      offices_[code] = pdu ? pdu->name : "";
    }
    return offices_[code];
  }
  std::string officer(std::int64_t staff_id) {
    if (!officers_.contains(staff_id)) {
      auto staff = tx_.staff().find(staff_id);
      officers_[staff_id] = staff ? staff->display_name : "";
    }
    return officers_[staff_id];
  }

 private:
  store::Transaction& tx_;
  std::map<std::string, std::string> offices_;
  std::map<std::int64_t, std::string> officers_;
};

OwnAppointment own_appointment_in(Names& names, const Appointment& appointment,
                                  const std::vector<AbsenceNotice>& notices, Timestamp now) {
  OwnAppointment own{appointment, names.office(appointment.office_code), names.officer(appointment.with_staff_id), {},
                     may_send_absence_notice(appointment, now)};
  std::ranges::copy_if(notices, std::back_inserter(own.notices),
                       [&](const AbsenceNotice& notice) { return notice.appointment_id == appointment.id; });
  return own;
}

Appointment their_appointment(store::Transaction& tx, const PersonSignedIn& signed_in, std::int64_t appointment_id) {
  auto appointment = tx.appointments().find(appointment_id);
  if (!appointment || appointment->person_id != signed_in.person.id)
    throw NotFound("appointment " + std::to_string(appointment_id));
  return *appointment;
}

std::optional<OwnOfficerContact> contact_of(store::Transaction& tx, const Allocation& allocation, Date today) {
  auto staff = tx.staff().find(allocation.staff_id);
  if (!staff) return std::nullopt;
  OwnOfficerContact contact{staff->display_name, staff->email, "", {}, false};
  // Probation officers work from an office; a prison offender manager from their prison.
  if (auto pdu = tx.places().find_pdu(staff->pdu_code))
    contact.office = pdu->name;
  else if (auto prison = tx.places().find_prison(staff->prison_code))
    contact.office = prison->name;
  if (is_away(*staff, today)) {
    contact.away = true;
    contact.away_until = staff->away_until;
  }
  return contact;
}

}  // namespace

OwnPlan own_plan(store::Store& store, const PersonSignedIn& signed_in) {
  auto tx = store.begin_write();
  OwnPlan own;
  own.plan = tx->plans().for_person(signed_in.person.id);
  own.agreement_current = own.plan && agreement_is_current(*own.plan);
  record_own_view(*tx, signed_in, "their plan");
  tx->commit();
  return own;
}

Plan respond_to_objective(store::Store& store, const Clock& clock, const PersonSignedIn& signed_in,
                          std::int64_t objective_id, const FieldInput& input,
                          std::optional<std::int64_t> expected_version) {
  auto tx = store.begin_write();
  auto plan = own_plan_in(*tx, signed_in);
  const auto& objective = objective_on(plan, objective_id);
  auto response = read_plan_response(input);
  response.objective_id = objective_id;
  response.responded_at = clock.now_seconds();
  response.id = tx->plans().add_response(plan.id, response);
  auto label = std::string{entry_for(plan_response_kinds(), response.kind).label};
  tx->journal().append(own_event(signed_in, "plan.response_given", "plan_response", response.id,
                                 "On \"" + objective.goal + "\", the person said: " + label +
                                     (response.comment.empty() ? "" : " (" + response.comment + ")"),
                                 {{"objective_id", objective_id}, {"response", code_of(response.kind)}}));
  plan.responses.push_back(response);
  touch_plan(*tx, plan, expected_version);
  tx->commit();
  return plan;
}

Plan agree_to_own_plan(store::Store& store, const Clock& clock, const PersonSignedIn& signed_in,
                       const FieldInput& input, std::optional<std::int64_t> expected_version) {
  auto tx = store.begin_write();
  auto plan = own_plan_in(*tx, signed_in);
  auto agreement = read_own_agreement(input, clock.today());
  tx->plans().add_agreement(plan.id, agreement);
  plan.agreement = agreement;
  tx->journal().append(own_event(signed_in, "plan.agreed", "plan", plan.id,
                                 "The person agreed their plan on " + to_iso(agreement.agreed_on) + ", on their own pages",
                                 {{"by", "person"}}));
  touch_plan(*tx, plan, expected_version);
  tx->commit();
  return plan;
}

OwnAppointments own_appointments(store::Store& store, const Clock& clock, const PersonSignedIn& signed_in) {
  auto now = clock.now_seconds();
  auto today = uk_local(now).on;
  auto tx = store.begin_write();
  Names names{*tx};
  auto notices = tx->appointments().absence_notices(signed_in.person.id);
  OwnAppointments own;
  for (const auto& appointment : tx->appointments().for_person(signed_in.person.id, add_days(today, -own_appointments_days),
                                                                add_days(today, own_appointments_days))) {
    bool started = from_uk_local({appointment.on, appointment.starts_at}) <= now;
    (started ? own.past : own.upcoming).push_back(own_appointment_in(names, appointment, notices, now));
  }
  std::ranges::reverse(own.past);
  record_own_view(*tx, signed_in, "their appointments");
  tx->commit();
  return own;
}

OwnAppointment own_appointment(store::Store& store, const Clock& clock, const PersonSignedIn& signed_in,
                               std::int64_t appointment_id) {
  auto tx = store.begin_write();
  auto appointment = their_appointment(*tx, signed_in, appointment_id);
  Names names{*tx};
  auto own = own_appointment_in(names, appointment, tx->appointments().absence_notices(signed_in.person.id),
                                clock.now_seconds());
  record_own_view(*tx, signed_in, "an appointment");
  tx->commit();
  return own;
}

AbsenceNotice tell_cannot_come(store::Store& store, const Clock& clock, const PersonSignedIn& signed_in,
                               std::int64_t appointment_id, const FieldInput& input) {
  auto tx = store.begin_write();
  auto appointment = their_appointment(*tx, signed_in, appointment_id);
  auto notice = read_absence_notice(input, appointment, clock.now_seconds());
  notice.id = tx->appointments().add_absence_notice(notice);
  tx->journal().append(own_event(signed_in, "appointment.cannot_come", "absence_notice", notice.id,
                                 "The person said they cannot come to the appointment on " + to_iso(appointment.on) +
                                     ": " + notice.reason,
                                 {{"appointment_id", appointment.id}}));
  tx->commit();
  return notice;
}

OwnOfficer own_officer(store::Store& store, const Clock& clock, const PersonSignedIn& signed_in) {
  auto today = clock.today();
  auto tx = store.begin_write();
  auto current = tx->allocations().current_for_person(signed_in.person.id);
  auto has_lead = [&](Role role) {
    return std::ranges::any_of(current, [&](const Allocation& a) { return a.role == role && a.kind == AllocationKind::lead; });
  };
  OwnOfficer own;
  own.role = has_lead(Role::com) || !has_lead(Role::pom) ? Role::com : Role::pom;
  for (const auto& allocation : current) {
    if (allocation.role != own.role) continue;
    auto& slot = allocation.kind == AllocationKind::lead ? own.lead : own.deputy;
    if (!slot) slot = contact_of(*tx, allocation, today);
  }
  own.changed_on = recent_officer_change(tx->allocations().history_for_person(signed_in.person.id), own.role, today);
  record_own_view(*tx, signed_in, "who their officer is");
  tx->commit();
  return own;
}

}  // namespace resettle::services
