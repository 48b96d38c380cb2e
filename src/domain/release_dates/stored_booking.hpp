#pragma once
// A person's booking as it is stored: the sentences in it (each a recorded Sentence) and the typed
// adjustments, read as the booking the whole-booking calculation takes (release_dates.hpp). A sentence
// is named in the booking by its row id; one recorded by the single-sentence form (no facts) is read
// the way that form meant it: its days as a term, its remand and tagged-bail days as adjustments to it,
// its scheme as the regime.
#include <chrono>
#include <cstdint>
#include <optional>
#include <vector>

#include "domain/release_dates/booking.hpp"
#include "domain/release_dates/release_dates.hpp"

namespace resettle {

struct StoredAdjustment {
  std::int64_t id = 0;
  std::int64_t person_id = 0;
  Adjustment adjustment;  // its sentence_ids are the ids of the sentences it applies to, as text
  friend bool operator==(const StoredAdjustment&, const StoredAdjustment&) = default;
};

struct StoredBooking {
  std::int64_t person_id = 0;
  std::int64_t version = 0;         // 0 until the booking is first recorded as a whole
  std::vector<Sentence> sentences;  // in the booking, newest first
  std::vector<StoredAdjustment> adjustments;
  std::vector<Movement> movements;     // the custody history, in date order
  bool sex_offender_register = false;  // the person is on the sex offenders register
  bool liable_to_removal = false;      // a foreign national liable to removal: the calculation gives an ERSED
  // The newest sentence: its legal status, type and parole facts describe the case; null when none.
  const Sentence* current() const { return sentences.empty() ? nullptr : &sentences.front(); }
};

// A booking that holds this one sentence and nothing else.
StoredBooking booking_of_one(const Sentence& sentence);

// The id a sentence has in its booking.
std::string booking_id(std::int64_t sentence_id);

// One recorded sentence as the booking holds it (see above for one without facts).
BookedSentence booked_sentence(const Sentence& sentence);

// Whether the calculation can use a recorded sentence: one recorded through the booking always; one
// from the single-sentence form when it is determinate with a start date and a length.
bool calculable(const Sentence& sentence);

// Every sentence of the booking oldest first, as the API shows it, with every adjustment: the stored
// ones, then the credit recorded on single-sentence forms (to the sentence that records it); the
// movements and the sex offenders register flag as stored.
Booking recorded_booking(const StoredBooking& booking);

// Every measure of release_rules.hpp in force, as the law will stand: for a sentence read without a
// day (compute_key_dates).
inline constexpr Date all_law_known{std::chrono::year{9999}, std::chrono::December, std::chrono::day{31}};

// The booking of the calculable sentences, oldest first, with every adjustment (the stored ones, then
// the credit recorded on single-sentence forms), under the law in force on `as_at`: the day the case
// is worked out, so a commencement moves the dates on the day it passes (the nightly refresh). The
// newest sentence's supplied dates stand.
CalculationRequest calculation_request(const StoredBooking& booking, std::optional<Date> date_of_birth, Date as_at);

// Every key date of the booking under the law in force on `as_at`, each with its rule and the working
// behind it. Only the supplied dates when no sentence is calculable, or when the law gives no
// calculation for the booking.
BookingKeyDates calculate_stored_booking(const StoredBooking& booking, std::optional<Date> date_of_birth, Date as_at);

// A key date that changed when the booking was worked out again (the law or the rules changed, not the
// facts: a change of facts is journalled when it is recorded).
struct KeyDateChange {
  std::int64_t id = 0;
  std::int64_t person_id = 0;
  KeyDateKind kind = KeyDateKind::conditional_release;
  std::optional<KeyDate> before;  // absent: the date is new
  std::optional<KeyDate> after;   // absent: the date no longer applies
  Date found_on{};
  friend bool operator==(const KeyDateChange&, const KeyDateChange&) = default;
};

// Each kind whose date or rule differs between the two, in KeyDateKind order; empty when none does.
std::vector<KeyDateChange> key_date_changes(std::int64_t person_id, const KeyDates& before, const KeyDates& after,
                                            Date found_on);

}  // namespace resettle
