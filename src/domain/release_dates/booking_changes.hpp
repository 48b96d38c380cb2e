#pragma once
// Changes to a booking as a whole that a form for one item cannot express: taking a sentence out.
#include <string>

#include "domain/release_dates/booking.hpp"

namespace resettle {

// The booking without the sentence `sentence_id` (it leaves the booking; the store keeps it on record).
// Throws NotFound when no sentence of the booking has that id, and ValidationFailed naming each field
// that still points at it: another sentence consecutive to it (`sentences[2].consecutive_to`) or an
// adjustment that applies to it (`adjustments[0].sentence_ids[1]`). Those must change first, so that
// taking a sentence out never silently changes what the rest of the booking means.
Booking without_sentence(const Booking& booking, const std::string& sentence_id);

}  // namespace resettle
