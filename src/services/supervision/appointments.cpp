// Supervision appointments, outcomes and enforcement (see appointments.hpp).
#include "services/supervision/appointments.hpp"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <set>
#include <tuple>

#include "domain/catalogue.hpp"
#include "domain/errors.hpp"
#include "domain/mappa/iom.hpp"
#include "domain/uk_time.hpp"
#include "services/audit.hpp"
#include "services/people/case_records.hpp"
#include "services/messages/messages.hpp"
#include "store/iom_repositories.hpp"
#include "store/list_changes.hpp"

namespace resettle::services {

namespace {

// Appointments are in England and Wales: their days and times are local, not UTC.
LocalDateTime local_now(const Clock& clock) { return uk_local(clock.now_seconds()); }

// The type first, then the appointment (and its series, when one repeats), every bad field named in one error.
struct ReadBooking {
  Appointment first;
  std::optional<AppointmentSeries> series;
};
ReadBooking read_booking(const FieldInput& input, Date today, std::span<const std::string> offices,
                         std::span<const IomCoworker> named) {
  FieldReader reader{input};
  auto type = reader.code("type", Need::required, appointment_types()).value_or(AppointmentType::supervision);
  if (type == AppointmentType::induction)
    reader.fail("type", staff_text("cannot be an induction here: the induction is booked before release, from the licence"));
  std::vector<FieldError> errors;
  try {
    reader.throw_if_failed();
  } catch (const ValidationFailed& failed) {
    errors = failed.errors();
  }
  ReadBooking booking;
  try {
    auto repeat = input.find("repeat");
    if (repeat != input.end() && !repeat->second.empty()) {
      auto series = read_series_booking(input, type, today, offices);
      booking = {series.first, series.series};
    } else {
      booking.first = read_appointment(input, type, today, offices);
    }
  } catch (const ValidationFailed& failed) {
    errors.insert(errors.end(), failed.errors().begin(), failed.errors().end());
  }
  try {
    booking.first.joint_with = read_joint_worker(input, type, named);
  } catch (const ValidationFailed& failed) {
    errors.insert(errors.end(), failed.errors().begin(), failed.errors().end());
  }
  if (!errors.empty()) throw ValidationFailed(std::move(errors));
  return booking;
}

// The co-workers who may be a joint home visit's second worker: any serving risk partner named on the
// case (police, social care, MAPPA coordinator), who then sees that visit in their shared view and diary.
std::vector<IomCoworker> joint_coworkers(store::Transaction& tx, std::int64_t person_id) {
  std::vector<IomCoworker> partners;
  for (auto& coworker : tx.iom().coworkers_for(person_id))
    if (auto staff = tx.staff().find(coworker.staff_id); staff && staff->active && is_risk_partner(staff->role))
      partners.push_back(std::move(coworker));
  return partners;
}

std::optional<Role> role_of(store::Transaction& tx, std::int64_t staff_id) {
  auto staff = tx.staff().find(staff_id);
  return staff ? std::optional{staff->role} : std::nullopt;
}

std::string staff_name(store::Transaction& tx, std::int64_t staff_id) {
  auto staff = tx.staff().find(staff_id);
  return staff ? staff->display_name : "";
}

std::string office_name(store::Transaction& tx, const std::string& code) {
  auto office = tx.places().find_pdu(code);
  return office ? office->name : code;
}

MessageFields message_fields(store::Transaction& tx, const Person& person, const Appointment& appointment) {
  return {person.given_name, appointment.on, appointment.starts_at, office_name(tx, appointment.office_code), "",
          staff_name(tx, appointment.with_staff_id)};
}

// The reminders of a booked appointment: at booking (the first of a booking only), the day before and
// on the morning, none after it has started.
void queue_reminders(store::Transaction& tx, const Person& person, const PersonContact& contact,
                     const Appointment& appointment, bool first, Timestamp booked_at) {
  auto fields = message_fields(tx, person, appointment);
  auto starts = from_uk_local({appointment.on, appointment.starts_at});
  for (auto kind : {MessageKind::booking_reminder, MessageKind::day_before_reminder, MessageKind::morning_reminder}) {
    if (kind == MessageKind::booking_reminder && !first) continue;
    if (auto due = reminder_due(kind, appointment.on, appointment.starts_at, booked_at))
      queue_to_person(tx, person, contact, kind, fields,
                      idempotency_key("appointment", appointment.id, kind, appointment.version), *due, starts);
  }
}

// The queued messages that told the person when to come to `appointment`, withheld in the caller's transaction.
void withhold_messages_of(store::Transaction& tx, const Appointment& appointment) {
  auto queued = tx.outbox().queued_with_prefix(idempotency_prefix("appointment", appointment.id));
  for (const auto& message : withheld_on_change(queued)) tx.outbox().update(message);
}

bool has_outcome(store::Transaction& tx, const Appointment& appointment) {
  return std::ranges::any_of(tx.appointment_outcomes().for_person(appointment.person_id, appointment.on),
                             [&](const auto& decision) { return decision.appointment_id == appointment.id; });
}

// The appointment to move or cancel, as this member of staff saw it at `expected_version`, with its person.
struct Changing {
  Appointment appointment;
  Person person;
};
Changing changing(store::Transaction& tx, const StaffMember& actor, std::int64_t appointment_id,
                  std::int64_t expected_version, LocalDateTime now) {
  auto appointment = tx.appointments().find(appointment_id);
  if (!appointment) throw NotFound("appointment " + std::to_string(appointment_id) + " not found");
  auto person = require_visible_person(tx, actor, appointment->person_id, "appointment");
  if (appointment->version != expected_version) throw StaleVersion("the appointment has changed since it was read");
  require_changeable(*appointment, has_outcome(tx, *appointment), now);
  return {*std::move(appointment), std::move(person)};
}

// Cancelled in the caller's transaction, its messages withheld and journalled; the caller tells the person, or not.
Appointment cancel_in(store::Transaction& tx, const Clock& clock, std::int64_t actor_id, Appointment appointment,
                      std::string reason) {
  appointment.cancellation = Cancellation{clock.now_iso(), actor_id, std::move(reason)};
  tx.appointments().cancel(appointment.id, *appointment.cancellation, appointment.version);
  ++appointment.version;
  withhold_messages_of(tx, appointment);
  tx.journal().append({actor_id, appointment.person_id, "appointment.cancelled", "appointment", appointment.id,
                       std::string{entry_for(appointment_types(), appointment.type).label} + " appointment on " +
                           to_long_date(appointment.on) + " at " + to_text(appointment.starts_at) + " cancelled",
                       appointment.cancellation->reason, {{"on", to_iso(appointment.on)}}});
  return appointment;
}

nlohmann::json when_and_where(const Appointment& appointment) {
  return {{"on", to_iso(appointment.on)},
          {"starts_at", to_text(appointment.starts_at)},
          {"ends_at", to_text(appointment.ends_at)},
          {"office_code", appointment.office_code}};
}

// A joint home visit names its second worker on the person's timeline.
std::string booking_summary(store::Transaction& tx, const std::vector<Appointment>& booked,
                            const std::optional<AppointmentSeries>& series) {
  const auto& first = booked.front();
  auto type = std::string{entry_for(appointment_types(), first.type).label};
  if (first.joint_with) {
    auto role = role_of(tx, *first.joint_with);
    type = "Joint home visit (with " + staff_name(tx, *first.joint_with) + ", " + std::string{joint_worker_agency(role.value_or(Role::police))} + ")";
  }
  if (!series)
    return type + " appointment booked for " + to_long_date(first.on) + " at " + to_text(first.starts_at);
  type[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(type[0])));  // "Weekly supervision ..."
  return std::string{entry_for(repeats(), series->repeat).label} + " " + type + " appointments booked: " +
         std::to_string(booked.size()) + " from " + to_long_date(first.on) + " to " + to_long_date(booked.back().on) +
         " at " + to_text(first.starts_at);
}

nlohmann::json warnings_data(const std::vector<BookingWarning>& warnings) {
  auto data = nlohmann::json::array();
  for (const auto& warning : warnings) data.push_back(warning.message);
  return data;
}

// The decisions on the person's appointments that can still count: those of the last 13 months.
std::vector<OutcomeDecision> standing_decisions(store::Transaction& tx, std::int64_t person_id, Date today) {
  return standing_outcomes(tx.appointment_outcomes().for_person(person_id, add_months(today, -13)));
}

bool stood_as_failure(const std::vector<OutcomeDecision>& standing, std::int64_t appointment_id, Date today,
                      const BankHolidays& holidays) {
  for (const auto& decision : standing)
    if (decision.appointment_id == appointment_id)
      return outcome_on(decision, today, holidays) == AppointmentOutcome::failed_to_comply;
  return false;
}

// The step an unacceptable failure at `appointment` leads to, with `failures` in 12 months counting
// it, taken and recorded in the caller's transaction: the first queues the warning to the person,
// a further one is recorded for a manager's review.
store::EnforcementAction take_enforcement_step(store::Transaction& tx, const Clock& clock, const Person& person,
                                               const Appointment& appointment, int failures, std::int64_t decided_by) {
  store::EnforcementAction action{0, person.id, appointment.id, enforcement_step(failures), failures, decided_by,
                                  clock.now_iso(), std::nullopt};
  if (action.step == EnforcementStep::warning)
    action.message_id = queue_to_person(tx, person, tx.person_contacts().find(person.id), MessageKind::warning,
                                        message_fields(tx, person, appointment),
                                        idempotency_key("appointment", appointment.id, MessageKind::warning),
                                        clock.now_seconds());
  action.id = tx.enforcement().insert(action);
  return action;
}

std::string step_text(EnforcementStep step, int failures) {
  if (step == EnforcementStep::warning) return ". First failure to comply in 12 months: warning sent";
  if (step == EnforcementStep::manager_review)
    return ". " + std::to_string(failures) + " failures to comply in 12 months: for a manager's review";
  return "";
}

// The absences of one person whose evidence window has closed with no step taken yet.
int close_windows_of(store::Transaction& tx, const Clock& clock, const BankHolidays& holidays, std::int64_t person_id,
                     Date today) {
  auto standing = standing_decisions(tx, person_id, today);
  auto actions = tx.enforcement().for_person(person_id);
  auto stepped = [&](std::int64_t appointment_id) {
    return std::ranges::any_of(actions, [&](const auto& action) { return action.appointment_id == appointment_id; });
  };
  int taken = 0;
  for (const auto& decision : standing) {
    bool closed = decision.outcome == AppointmentOutcome::absence_awaiting_evidence &&
                  outcome_on(decision, today, holidays) == AppointmentOutcome::failed_to_comply;
    if (!closed || stepped(decision.appointment_id)) continue;
    auto appointment = tx.appointments().find(decision.appointment_id);
    auto person = tx.people().find(person_id);
    if (!appointment || !person) continue;
    int failures = unacceptable_failures(standing, today, holidays);
    actions.push_back(take_enforcement_step(tx, clock, *person, *appointment, failures, decision.decided_by));
    tx.journal().append({std::nullopt, person_id, "appointment.evidence_window_closed", "appointment", appointment->id,
                         "No evidence of an acceptable absence from the " +
                             std::string{entry_for(appointment_types(), appointment->type).label} + " appointment on " +
                             to_long_date(appointment->on) + " in 5 working days: a failure to comply" +
                             step_text(actions.back().step, failures),
                         "", {{"failures_in_12_months", failures}, {"enforcement", entry_for(enforcement_steps(), actions.back().step).code}}});
    ++taken;
  }
  return taken;
}

std::string outcome_summary(const Appointment& appointment, const RecordedOutcome& recorded) {
  auto summary = "Outcome of the " + std::string{entry_for(appointment_types(), appointment.type).label} +
                 " appointment on " + to_long_date(appointment.on) + ": " +
                 std::string{entry_for(appointment_outcomes(), recorded.decision.outcome).label};
  return summary + step_text(recorded.step, recorded.failures_in_12_months);
}

}  // namespace

std::int64_t officer_for(const PersonRecord& record, const StaffMember& booking) {
  for (const auto& allocation : record.current_allocations)
    if (allocation.role == Role::com && allocation.kind == AllocationKind::lead) return allocation.staff_id;
  return booking.id;
}

std::vector<std::string> office_codes(store::Transaction& tx) {
  std::vector<std::string> codes;
  for (const auto& pdu : tx.places().pdus()) codes.push_back(pdu.code);
  return codes;
}

PersonAppointments appointments_of(store::Store& store, const Clock& clock, const BankHolidays& holidays,
                                   const StaffMember& actor, std::int64_t person_id) {
  auto record = view_person(store, actor, person_id, "appointments");
  auto today = local_now(clock).on;
  auto tx = store.begin_read();
  PersonAppointments page;
  page.person = record.person;
  page.appointments = tx->appointments().for_person(person_id, add_days(today, -appointments_shown_days),
                                                    add_days(today, appointments_shown_days));
  auto standing = standing_decisions(*tx, person_id, today);
  for (const auto& decision : standing) page.outcomes[decision.appointment_id] = decision;
  for (const auto& appointment : page.appointments) {
    page.officer_names.try_emplace(appointment.with_staff_id, staff_name(*tx, appointment.with_staff_id));
    page.office_names.try_emplace(appointment.office_code, office_name(*tx, appointment.office_code));
    if (!appointment.joint_with) continue;
    page.officer_names.try_emplace(*appointment.joint_with, staff_name(*tx, *appointment.joint_with));
    if (auto role = role_of(*tx, *appointment.joint_with)) page.second_worker_roles.try_emplace(*appointment.joint_with, *role);
  }
  page.offices = tx->places().pdus();
  page.enforcement = tx->enforcement().for_person(person_id);
  page.contact = tx->person_contacts().find(person_id);
  page.failures_in_12_months = unacceptable_failures(standing, today, holidays);
  page.may_book = may_book_appointments(actor.role) && record.person.stage == CaseStage::on_licence;
  if (page.may_book)
    for (const auto& coworker : joint_coworkers(*tx, person_id))
      if (auto officer = tx->staff().find(coworker.staff_id); officer && !coworker.to)
        page.joint_workers.push_back(std::move(*officer));
  page.calendar_feed = tx->calendar_feeds().current_for_person(person_id);
  for (auto& notice : tx->appointments().absence_notices(person_id))
    if (std::ranges::any_of(page.appointments, [&](const Appointment& a) { return a.id == notice.appointment_id; }))
      page.absence_notices.push_back(std::move(notice));
  return page;
}

Booking book_appointments(store::Store& store, const Clock& clock, const BankHolidays& holidays, const StaffMember& actor,
                          std::int64_t person_id, const FieldInput& input, bool confirmed) {
  if (!may_book_appointments(actor.role))
    throw Forbidden("only the community offender manager or a manager books appointments");
  auto record = view_person(store, actor, person_id, "appointments");
  if (record.person.stage != CaseStage::on_licence)
    throw Conflict(record.person.full_name() + " is not on licence: appointments are booked after release (the induction before it)");
  auto tx = store.begin_write();
  auto booking = read_booking(input, local_now(clock).on, office_codes(*tx), joint_coworkers(*tx, person_id));
  auto& first = booking.first;
  first.person_id = person_id;
  first.with_staff_id = officer_for(record, actor);
  first.booked_by = actor.id;
  auto days = booking.series ? expand(*booking.series) : std::vector<Date>{first.on};
  auto others = tx->appointments().for_person(person_id, days.front(), days.back());
  auto contact = tx->person_contacts().find(person_id);
  Booking result;
  result.warnings = booking.series ? series_warnings(first, days, others, contact.work, holidays)
                                   : booking_warnings(first, others, contact.work, holidays);
  if (!result.warnings.empty() && !confirmed) return result;  // nothing written: the warnings are for the booker
  if (booking.series) first.series_id = tx->appointments().insert_series(person_id, *booking.series, actor.id);
  auto booked_at = clock.now_seconds();
  for (auto day : days) {
    auto appointment = first;
    appointment.on = day;
    appointment.id = tx->appointments().insert(appointment);
    appointment.version = 1;
    queue_reminders(*tx, record.person, contact, appointment, result.booked.empty(), booked_at);
    result.booked.push_back(std::move(appointment));
  }
  nlohmann::json ids = nlohmann::json::array();
  for (const auto& appointment : result.booked) ids.push_back(appointment.id);
  tx->journal().append({actor.id, person_id, "appointment.booked", "appointment", result.booked.front().id,
                        booking_summary(*tx, result.booked, booking.series), "",
                        {{"appointments", ids},
                         {"warnings_confirmed", warnings_data(result.warnings)},
                         {"joint_with", first.joint_with ? nlohmann::json(*first.joint_with) : nlohmann::json()}}});
  tx->commit();
  return result;
}

Appointment cancel_appointment(store::Store& store, const Clock& clock, const StaffMember& actor,
                               std::int64_t appointment_id, const FieldInput& input, std::int64_t expected_version) {
  if (!may_book_appointments(actor.role))
    throw Forbidden("only the community offender manager or a manager cancels appointments");
  auto tx = store.begin_write();
  auto [booked, person] = changing(*tx, actor, appointment_id, expected_version, local_now(clock));
  auto cancelled = cancel_in(*tx, clock, actor.id, booked, read_cancellation_reason(input));
  queue_to_person(*tx, person, tx->person_contacts().find(person.id), MessageKind::appointment_cancelled,
                  message_fields(*tx, person, cancelled),
                  idempotency_key("appointment", cancelled.id, MessageKind::appointment_cancelled, cancelled.version),
                  clock.now_seconds());
  tx->commit();
  return cancelled;
}

Move move_appointment(store::Store& store, const Clock& clock, const BankHolidays& holidays, const StaffMember& actor,
                      std::int64_t appointment_id, const FieldInput& input, std::int64_t expected_version,
                      bool confirmed) {
  if (!may_book_appointments(actor.role))
    throw Forbidden("only the community offender manager or a manager moves appointments");
  auto now = local_now(clock);
  auto tx = store.begin_write();
  auto [booked, person] = changing(*tx, actor, appointment_id, expected_version, now);
  if (person.stage != CaseStage::on_licence)
    throw Conflict(person.full_name() + " is not on licence: appointments are moved while they are on licence");
  auto moved = read_move(input, booked, now.on, office_codes(*tx));
  auto contact = tx->person_contacts().find(person.id);
  Move result;
  result.warnings = booking_warnings(moved, tx->appointments().for_person(person.id, moved.on, moved.on), contact.work, holidays);
  if (!result.warnings.empty() && !confirmed) return result;  // nothing written: the warnings are for the officer
  tx->appointments().update(moved, expected_version);
  ++moved.version;
  withhold_messages_of(*tx, booked);
  auto fields = message_fields(*tx, person, moved);
  auto moved_at = clock.now_seconds();
  queue_to_person(*tx, person, contact, MessageKind::appointment_moved, fields,
                  idempotency_key("appointment", moved.id, MessageKind::appointment_moved, moved.version), moved_at,
                  from_uk_local({moved.on, moved.starts_at}));
  queue_reminders(*tx, person, contact, moved, false, moved_at);
  tx->journal().append({actor.id, person.id, "appointment.moved", "appointment", moved.id,
                        std::string{entry_for(appointment_types(), moved.type).label} + " appointment on " +
                            to_long_date(booked.on) + " at " + to_text(booked.starts_at) + " moved to " +
                            to_long_date(moved.on) + " at " + to_text(moved.starts_at),
                        "",
                        {{"from", when_and_where(booked)}, {"to", when_and_where(moved)},
                         {"warnings_confirmed", warnings_data(result.warnings)}}});
  tx->commit();
  result.moved = std::move(moved);
  return result;
}

std::vector<Appointment> cancel_from(store::Transaction& tx, const Clock& clock, std::int64_t actor_id,
                                     std::int64_t person_id, Date from, std::string_view reason) {
  constexpr Date last_bookable{std::chrono::year{2200}, std::chrono::December, std::chrono::day{31}};
  std::set<std::int64_t> decided;
  for (const auto& decision : tx.appointment_outcomes().for_person(person_id, from)) decided.insert(decision.appointment_id);
  std::vector<Appointment> cancelled;
  for (auto& appointment : cancelled_by_return(tx.appointments().for_person(person_id, from, last_bookable), decided, from))
    cancelled.push_back(cancel_in(tx, clock, actor_id, std::move(appointment), std::string{reason}));
  return cancelled;
}

RecordedOutcome record_outcome(store::Store& store, const Clock& clock, const BankHolidays& holidays,
                               const StaffMember& actor, std::int64_t appointment_id, const FieldInput& input) {
  if (!may_book_appointments(actor.role))
    throw Forbidden("only the community offender manager or a manager records what happened at an appointment");
  auto tx = store.begin_write();
  auto appointment = tx->appointments().find(appointment_id);
  if (!appointment) throw NotFound("appointment " + std::to_string(appointment_id) + " not found");
  auto person = require_visible_person(*tx, actor, appointment->person_id, "appointment");
  auto now = local_now(clock);
  RecordedOutcome recorded;
  recorded.decision = read_outcome(input, *appointment, now.on, now.at, holidays);
  recorded.decision.decided_by = actor.id;
  recorded.decision.decided_at = clock.now_iso();
  bool was_failure = stood_as_failure(standing_decisions(*tx, person.id, now.on), appointment->id, now.on, holidays);
  recorded.decision.id = tx->appointment_outcomes().insert(person.id, recorded.decision);
  auto standing = standing_decisions(*tx, person.id, now.on);
  recorded.failures_in_12_months = unacceptable_failures(standing, now.on, holidays);
  if (!was_failure && stood_as_failure(standing, appointment->id, now.on, holidays)) {
    auto action = take_enforcement_step(*tx, clock, person, *appointment, recorded.failures_in_12_months, actor.id);
    recorded.step = action.step;
    recorded.warning_message_id = action.message_id;
  }
  tx->journal().append({actor.id, person.id, "appointment.outcome_recorded", "appointment", appointment->id,
                        outcome_summary(*appointment, recorded), recorded.decision.reason,
                        {{"outcome", entry_for(appointment_outcomes(), recorded.decision.outcome).code},
                         {"failures_in_12_months", recorded.failures_in_12_months},
                         {"enforcement", entry_for(enforcement_steps(), recorded.step).code}}});
  tx->commit();
  return recorded;
}

int close_evidence_windows(store::Store& store, const Clock& clock, const BankHolidays& holidays) {
  auto today = local_now(clock).on;
  auto tx = store.begin_write();
  int taken = 0;
  for (auto person_id : tx->appointment_outcomes().people_awaiting_evidence(add_days(today, -31)))
    taken += close_windows_of(*tx, clock, holidays, person_id, today);
  tx->commit();
  return taken;
}

AppointmentRecord find_appointment(store::Store& store, const Clock& clock, const StaffMember& actor,
                                   std::int64_t appointment_id) {
  auto tx = store.begin_audit_write();  // the read is audited
  auto appointment = tx->appointments().find(appointment_id);
  if (!appointment) throw NotFound("appointment " + std::to_string(appointment_id) + " not found");
  AppointmentRecord record{*appointment, require_visible_person(*tx, actor, appointment->person_id, "appointment"), {},
                           staff_name(*tx, appointment->with_staff_id),
                           appointment->joint_with ? staff_name(*tx, *appointment->joint_with) : "",
                           appointment->joint_with ? role_of(*tx, *appointment->joint_with).value_or(Role::police) : Role::police,
                           office_name(*tx, appointment->office_code),
                           may_book_appointments(actor.role) && !appointment->cancelled(), false, {}};
  tx->access_log().record(actor.id, appointment->person_id, "appointment", true);
  for (auto& decision : tx->appointment_outcomes().for_person(appointment->person_id, appointment->on))
    if (decision.appointment_id == appointment_id) record.decisions.push_back(std::move(decision));
  record.may_change = record.may_record_outcome &&
                      !why_unchangeable(record.appointment, !record.decisions.empty(), local_now(clock));
  if (record.may_change) record.offices = tx->places().pdus();
  tx->commit();
  return record;
}

std::vector<store::DiaryEntry> diary_entries(store::Transaction& tx, const StaffMember& officer, Date from, Date to) {
  auto entries = tx.appointments().diary(officer.id, from, to);
  // The shared view's rule: a risk partner reaches a case only while named on it.
  if (is_risk_partner(officer.role))
    std::erase_if(entries, [&](const store::DiaryEntry& entry) {
      return !named_on_case(tx.iom().coworkers_for(entry.appointment.person_id), officer.id);
    });
  return entries;
}

namespace {
// A diary shown is audited as a list naming each person in it once.
void audit_diary(store::Store& store, const StaffMember& actor, const std::vector<store::DiaryEntry>& entries) {
  std::set<std::int64_t> people;
  for (const auto& entry : entries) people.insert(entry.appointment.person_id);
  audit_list(store, actor, "diary", {people.begin(), people.end()});
}
}  // namespace

std::vector<store::DiaryEntry> diary_of(store::Store& store, const StaffMember& actor, Date from, int days) {
  auto entries = diary_entries(*store.begin_read(), actor, from, add_days(from, days - 1));
  audit_diary(store, actor, entries);
  return entries;
}

std::shared_ptr<const std::vector<store::DiaryEntry>> kept_diary(store::Store& store, DiaryMemo& memo,
                                                                 const StaffMember& actor, Date from, int days) {
  auto entries = memo.get(store, DiaryAsked{actor.id, actor.role, from, days}, {store::diary_lists(actor.id)},
                          [&] { return diary_entries(*store.begin_read(), actor, from, add_days(from, days - 1)); });
  audit_diary(store, actor, *entries);
  return entries;
}

CannotComeWorklist cannot_come_worklist(store::Store& store, const StaffMember& actor) {
  CannotComeWorklist list;
  auto tx = store.begin_read();
  list.whole_unit = actor.role == Role::manager;
  auto officers = list.whole_unit ? tx->staff().based_in(actor.prison_code, actor.pdu_code) : std::vector{actor};
  for (const auto& officer : officers) {
    auto notices = tx->appointments().open_absence_notices(officer.id);
    if (list.whole_unit && !notices.empty()) list.officer_names[officer.id] = officer.display_name;
    std::move(notices.begin(), notices.end(), std::back_inserter(list.notices));
  }
  tx.reset();
  std::ranges::sort(list.notices, {}, [](const store::OpenAbsenceNotice& open) {
    const auto& appointment = open.entry.appointment;
    return std::tuple{appointment.on, appointment.starts_at, open.notice.id};
  });
  std::set<std::int64_t> people;
  for (const auto& open : list.notices) people.insert(open.notice.person_id);
  audit_list(store, actor, "cannot come worklist", {people.begin(), people.end()});
  return list;
}

}  // namespace resettle::services
