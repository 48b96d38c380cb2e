#pragma once
// A person's booking as practitioners record and correct it: its sentences (kind, offence facts, terms,
// chains, recalls) and typed adjustments, read and written whole with one version, and the key dates
// worked out from it. The nightly refresh's changes to those dates are shown to the person's officers
// until each marks them seen.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/release_dates/booking_form.hpp"
#include "services/clock.hpp"
#include "store/store.hpp"

namespace resettle::services {

// Every key date of the person's whole booking under the law in force on `as_at` (today, as the case
// dates are worked out), with its rule and the working behind it.
BookingKeyDates booking_key_dates(const Person& person, const StoredBooking& booking, Date as_at);

struct BookingView {
  Person person;
  StoredBooking booking;
  Booking recorded;             // the booking as the API shows it (recorded_booking)
  BookingKeyDates calculation;  // every key date with its rule and the working behind it
};

// An audited read of the person's booking. Throws NotFound for no such person and for one the caller
// may not see, alike. A person with no sentence has an empty booking at version 0.
BookingView view_booking(store::Store& store, const StaffMember& actor, std::int64_t person_id, Date today);

// Records the whole booking (read_booking_json: `sentences`, `adjustments`, `movements` and
// `person.sex_offender_register`) in one transaction:
// a sentence whose id is one of the booking's is changed, any other id adds a sentence (its id in the
// answer is the one stored), a sentence of the booking left out leaves it (kept on record); the
// adjustments and movements replace those recorded (the old ones are withdrawn, kept). Journals one
// "booking.recorded" event naming each changed field path with its old and new value, and works the
// case dates out again. Returns the booking as stored, unchanged (with no write or event) when
// nothing changed at expected_version. Throws Forbidden for a role that may not record sentences,
// NotFound as view_booking, ValidationFailed naming each bad field path (nothing is stored),
// StaleVersion when the booking moved on from expected_version (0 before it was first recorded).
BookingView record_booking(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t person_id,
                           const nlohmann::json& body, std::int64_t expected_version);

// One sentence of the booking from its page's form (read_sentence_form): added when sentence_id is
// empty, else that sentence of the booking changed (its release scheme, not on the form, is kept); or
// one adjustment (read_adjustment_form): added when index is empty, else the one at that place in the
// booking's list replaced. Recorded as record_booking records the whole booking, with the errors of
// the item named by its form's fields. NotFound also for a sentence or adjustment not in the booking.
BookingView record_booked_sentence(store::Store& store, const Clock& clock, const StaffMember& actor,
                                   std::int64_t person_id, const std::optional<std::string>& sentence_id,
                                   const FieldInput& form, std::int64_t expected_version);
BookingView record_booked_adjustment(store::Store& store, const Clock& clock, const StaffMember& actor,
                                     std::int64_t person_id, std::optional<std::size_t> index, const FieldInput& form,
                                     std::int64_t expected_version);

// One movement of the custody history from its page's form (read_movement_form): added when index is
// empty, else the one at that place in the booking's list replaced; either way it takes its place in
// date order (after the others of the same day). Or a fact about the person: the sex offenders
// register, liability to removal (read_person_fact_form). Recorded as record_booking records the whole booking, with the errors of the
// movement named by its form's fields. NotFound also for a movement not in the booking.
BookingView record_booked_movement(store::Store& store, const Clock& clock, const StaffMember& actor,
                                   std::int64_t person_id, std::optional<std::size_t> index, const FieldInput& form,
                                   std::int64_t expected_version);
BookingView record_person_fact(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t person_id,
                               PersonFact fact, const FieldInput& form, std::int64_t expected_version);

// Withdraws the movement at `index` of the custody history: it stays on record, withdrawn, and no longer
// counts towards the key dates. Recorded as record_booking records the whole booking. NotFound for a
// movement not in the booking.
BookingView withdraw_booked_movement(store::Store& store, const Clock& clock, const StaffMember& actor,
                                     std::int64_t person_id, std::size_t index, std::int64_t expected_version);

// Takes a sentence out of the booking (without_sentence): it is kept on record, no longer in the booking.
// Recorded as record_booking records the whole booking. Throws ValidationFailed naming each sentence
// consecutive to it and each adjustment applying to it (nothing changes), NotFound for a sentence not
// in the booking, and as record_booking otherwise.
BookingView take_out_sentence(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t person_id,
                              const std::string& sentence_id, std::int64_t expected_version);

// The key dates the nightly refresh changed for people allocated to this member of staff (as POM,
// COM or any role, lead or deputy), that they have not marked seen, newest first; empty when none.
std::vector<store::KeyDateChangeEntry> release_date_changes(store::Store& store, const StaffMember& actor);

// Marks these changes seen by this member of staff (again: no change), journalled on each person's
// timeline, in one transaction. Throws ValidationFailed naming `change_ids[i]` for no such change and
// for one about a person they may not see, alike, and `change_ids` for none; then nothing is marked.
void mark_release_date_changes_seen(store::Store& store, const StaffMember& actor,
                                    const std::vector<std::int64_t>& change_ids);

}  // namespace resettle::services
