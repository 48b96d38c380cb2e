#pragma once
// A booking in the JSON of `resettle dates` and POST /api/v1/calculations (README.md, "Release dates
// of a booking"), read into the calculation's request, with every bad field named by its path
// (`sentences[2].consecutive_to`), and the answer's key dates written back with their rules.
#include <nlohmann/json.hpp>

#include "domain/release_dates/release_dates.hpp"

namespace resettle {

// Whether a JSON object is a whole booking (it has "sentences") rather than one sentence's fields.
bool is_booking_json(const nlohmann::json& object);

// Reads `today`, `as_at` (default today), `person`, `sentences`, `adjustments`, `movements`,
// `calculate_ersed` and `supplied`, then checks the booking (check_booking). Fields it does not
// know are errors, except in `person`, whose other fields belong to the caller (`ignored_person_fields`).
// Throws ValidationFailed listing every bad field path.
CalculationRequest read_calculation_request(const nlohmann::json& object);

// A person's booking as recorded through the API: `sentences`, `adjustments`, `movements`,
// `person.sex_offender_register` as in a calculation and `person.liable_to_removal` (a calculation's
// `calculate_ersed`) (what a GET answers with beside them, such as
// `version` and `key_dates`, may be sent back and is ignored), checked as check_booking does against `today`. `law` switches are for
// calculations only; a default term's `fine_amount` (pence) is recorded. Throws ValidationFailed listing every bad field path.
Booking read_booking_json(const nlohmann::json& object, Date today);
// {"person": {"sex_offender_register", "liable_to_removal"}, "sentences": [...], "adjustments": [...], "movements": [...]} in
// the shape read_booking_json reads.
nlohmann::json booking_json(const Booking& booking);

// {"conditional_release_date": {"date", "source", "rule_code", "rule", "explanation"} | null, ...}
nlohmann::json key_dates_json(const BookingKeyDates& result);
nlohmann::json effective_sentence_length_json(const BookingKeyDates& result);

}  // namespace resettle
