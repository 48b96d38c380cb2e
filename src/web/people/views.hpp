#pragma once
// The JSON shapes of the API: records out, and request bodies read into FieldInput.
#include <nlohmann/json.hpp>

#include "domain/event.hpp"
#include "domain/field_input.hpp"
#include "domain/release_dates/release_dates.hpp"
#include "domain/people/person.hpp"
#include "domain/people/risk_profile.hpp"
#include "domain/release_dates/sentence.hpp"

namespace resettle::web {

nlohmann::json person_json(const Person& person);
// A sentence as recorded, with `key_dates`: every key date supplied or worked out (key_dates_json of
// booking_json.hpp: with its source, rule and explanation).
nlohmann::json sentence_json(const Sentence& sentence, const BookingKeyDates& key_dates);
nlohmann::json event_json(const Event& event);
nlohmann::json risk_profile_json(const RiskProfile& profile);

// A JSON object's members as text fields. Read-only members (id, version, links) are ignored, so
// a record fetched with GET can be sent back. Any other member not in `allowed`, or whose value is an
// object or array, is reported as a bad field; so is a body that is not an object.
FieldInput fields_from_json(const nlohmann::json& body, const FieldInput& allowed);

}  // namespace resettle::web
