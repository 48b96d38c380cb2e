// A person's booking as stored, read as the calculation's booking (see stored_booking.hpp).
#include "domain/release_dates/stored_booking.hpp"

#include <algorithm>
#include <chrono>

namespace resettle {

namespace {
// The single-sentence form's reading of a sentence: an indeterminate one records only its tariff
// (supplied); an extended scheme is the Parole Board kind with a
// custodial and an extension term; any other scheme was chosen on the form, so it stands as the regime.
void read_single_sentence_form(const Sentence& sentence, BookedSentence& booked) {
  if (sentence.type == SentenceType::indeterminate) {
    booked.kind = SentenceKind::indeterminate;
    return;
  }
  bool extended = sentence.release_scheme == ReleaseScheme::extended;
  booked.kind = extended ? SentenceKind::extended_discretionary : SentenceKind::standard;
  if (!extended) booked.release_scheme = sentence.release_scheme;
  (extended ? booked.custodial_term : booked.term).days = sentence.length_days.value_or(0);
  if (extended) booked.extension_term.days = sentence.extension_days.value_or(0);
}

// Remand and tagged-bail days recorded on the sentence itself are adjustments to it.
void add_credit_on_sentence(const Sentence& sentence, std::vector<Adjustment>& adjustments) {
  for (auto [type, days] : {std::pair{AdjustmentType::remand, sentence.remand_days},
                            std::pair{AdjustmentType::tagged_bail, sentence.tagged_bail_days}}) {
    if (days <= 0) continue;
    Adjustment adjustment;
    adjustment.type = type;
    adjustment.days = days;
    adjustment.sentence_ids = {booking_id(sentence.id)};
    adjustments.push_back(std::move(adjustment));
  }
}
}  // namespace

StoredBooking booking_of_one(const Sentence& sentence) {
  StoredBooking booking;
  booking.person_id = sentence.person_id;
  booking.sentences.push_back(sentence);
  return booking;
}

std::string booking_id(std::int64_t sentence_id) { return std::to_string(sentence_id); }

BookedSentence booked_sentence(const Sentence& sentence) {
  BookedSentence booked;
  booked.id = booking_id(sentence.id);
  booked.sentenced_on = sentence.start_date;
  booked.recall = sentence.recall_served;
  if (!sentence.facts) {
    read_single_sentence_form(sentence, booked);
    return booked;
  }
  const auto& facts = *sentence.facts;
  booked.kind = facts.kind;
  booked.offence = facts.offence;
  booked.term = facts.term;
  booked.custodial_term = facts.custodial_term;
  booked.extension_term = facts.extension_term;
  if (facts.consecutive_to) booked.consecutive_to = booking_id(*facts.consecutive_to);
  booked.release_scheme = facts.release_scheme;
  booked.fine_amount_pence = facts.fine_amount_pence;
  return booked;
}

bool calculable(const Sentence& sentence) {
  if (sentence.facts) return true;
  return sentence.type == SentenceType::determinate && sentence.start_date && sentence.length_days &&
         *sentence.length_days > 0;
}

namespace {
Booking booking_of(const StoredBooking& stored, bool calculable_only) {
  Booking booking;
  for (auto sentence = stored.sentences.rbegin(); sentence != stored.sentences.rend(); ++sentence) {
    if (calculable_only && !calculable(*sentence)) continue;
    booking.sentences.push_back(booked_sentence(*sentence));
    add_credit_on_sentence(*sentence, booking.adjustments);
  }
  for (const auto& adjustment : stored.adjustments) booking.adjustments.push_back(adjustment.adjustment);
  booking.movements = stored.movements;
  booking.person.sex_offender_register = stored.sex_offender_register;
  booking.calculate_ersed = stored.liable_to_removal;
  return booking;
}
}  // namespace

Booking recorded_booking(const StoredBooking& booking) { return booking_of(booking, false); }

CalculationRequest calculation_request(const StoredBooking& booking, std::optional<Date> date_of_birth, Date as_at) {
  CalculationRequest request;
  request.as_at = as_at;
  if (const auto* current = booking.current()) request.supplied = current->supplied;
  request.booking = booking_of(booking, true);
  request.booking.person.date_of_birth = date_of_birth;
  return request;
}

BookingKeyDates calculate_stored_booking(const StoredBooking& booking, std::optional<Date> date_of_birth, Date as_at) {
  auto request = calculation_request(booking, date_of_birth, as_at);
  BookingKeyDates supplied_only;
  supplied_only.dates = supplied_key_dates(request.supplied);
  if (request.booking.sentences.empty()) return supplied_only;
  try {
    return calculate_release_dates(request);
  } catch (const ValidationFailed&) {
    // A booking recorded whole was checked when recorded; one of single-sentence forms the law
    // cannot calculate (CannotCalculate) shows what was supplied.
    return supplied_only;
  }
}

std::vector<KeyDateChange> key_date_changes(std::int64_t person_id, const KeyDates& before, const KeyDates& after,
                                            Date found_on) {
  std::vector<KeyDateChange> changes;
  for (const auto& kind : key_date_kinds())
    if (before[kind.value] != after[kind.value])
      changes.push_back({0, person_id, kind.value, before[kind.value], after[kind.value], found_on});
  return changes;
}

}  // namespace resettle
