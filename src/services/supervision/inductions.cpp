// Booking the induction (see inductions.hpp).
#include "services/supervision/inductions.hpp"

#include <algorithm>

#include "domain/catalogue.hpp"
#include "domain/errors.hpp"
#include "services/supervision/appointments.hpp"
#include "services/people/case_records.hpp"
#include "services/release/release_day.hpp"

namespace resettle::services {

namespace {

std::string booking_summary(const Appointment& induction, const std::string& office_name) {
  return "Induction booked for " + to_long_date(induction.on) + ", " + to_text(induction.starts_at) + " to " +
         to_text(induction.ends_at) + ", at " + office_name;
}

}  // namespace

std::optional<BookedInduction> booked_induction(store::Transaction& tx, std::int64_t person_id) {
  auto appointment = tx.appointments().latest(person_id, AppointmentType::induction);
  if (!appointment) return std::nullopt;
  BookedInduction booked{*appointment, "", appointment->office_code};
  if (auto officer = tx.staff().find(appointment->with_staff_id)) booked.officer_name = officer->display_name;
  if (auto office = tx.places().find_pdu(appointment->office_code)) booked.office_name = office->name;
  return booked;
}

InductionView induction_of(store::Store& store, const BankHolidays& holidays, const StaffMember& actor,
                           std::int64_t person_id, Date today) {
  auto record = view_person(store, actor, person_id, "induction");
  auto tx = store.begin_read();
  InductionView view{record.person, booked_induction(*tx, person_id), std::nullopt, tx->places().pdus(), false};
  if (auto release_day = release_day_of(*tx, record, holidays, today)) view.window = induction_window(release_day->day, holidays);
  view.may_book = may_book_appointments(actor.role) && record.person.stage == CaseStage::in_custody;
  return view;
}

Appointment book_induction(store::Store& store, const Clock& clock, const BankHolidays& holidays,
                           const StaffMember& actor, std::int64_t person_id, const FieldInput& input,
                           std::optional<std::int64_t> expected_version) {
  if (!may_book_appointments(actor.role))
    throw Forbidden("only the community offender manager or a manager books the induction");
  auto record = view_person(store, actor, person_id, "induction");
  if (record.person.stage != CaseStage::in_custody)
    throw Conflict(record.person.full_name() + " is not in custody: the induction is booked before release; "
                   "book a supervision appointment instead");
  auto tx = store.begin_write();
  auto induction = read_appointment(input, AppointmentType::induction, clock.today(), office_codes(*tx));
  auto release_day = release_day_of(*tx, record, holidays, clock.today());
  if (!release_day) throw ValidationFailed("on", staff_text("There is no release date yet: record the sentence first"));
  require_in_induction_window(induction, release_day->day, holidays);
  induction.person_id = person_id;
  induction.with_staff_id = officer_for(record, actor);
  induction.booked_by = actor.id;
  auto booked = tx->appointments().latest(person_id, AppointmentType::induction);
  std::string kind = "induction.booked";
  if (booked && !expected_version)
    throw Conflict("An induction is already booked for " + to_long_date(booked->on) + ": change that booking instead");
  if (booked) {
    if (booked->version != *expected_version)
      throw StaleVersion("the induction booking has changed since it was read");
    induction.id = booked->id;
    tx->appointments().update(induction, *expected_version);
    induction.version = *expected_version + 1;
    kind = "induction.changed";
  } else {
    induction.id = tx->appointments().insert(induction);
    induction.version = 1;
  }
  auto office = tx->places().find_pdu(induction.office_code);
  tx->journal().append({actor.id, person_id, kind, "appointment", induction.id,
                        booking_summary(induction, office ? office->name : induction.office_code), "",
                        {{"on", to_iso(induction.on)},
                         {"starts_at", to_text(induction.starts_at)},
                         {"ends_at", to_text(induction.ends_at)},
                         {"office_code", induction.office_code},
                         {"with_staff_id", induction.with_staff_id}}});
  tx->commit();
  return induction;
}

}  // namespace resettle::services
