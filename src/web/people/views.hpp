#pragma once
// The JSON shapes of the API: records out, and request bodies read into FieldInput.
#include <nlohmann/json.hpp>

#include "domain/event.hpp"
#include "domain/field_input.hpp"
#include "domain/release_dates/key_dates.hpp"
#include "domain/people/person.hpp"
#include "domain/people/risk_profile.hpp"
#include "domain/release_dates/sentence.hpp"

namespace resettle::web {

nlohmann::json person_json(const Person& person);
// A sentence as recorded, with `key_dates`: every key date supplied or worked out.
nlohmann::json sentence_json(const Sentence& sentence, const KeyDates& key_dates);
// One member per key date kind ("conditional_release_date", ...): null when not known, else its
// date, source (supplied or computed), the rule in plain words and the rule's code.
nlohmann::json key_dates_json(const KeyDates& dates);
nlohmann::json event_json(const Event& event);
nlohmann::json risk_profile_json(const RiskProfile& profile);

// A JSON object's members as text fields. Read-only members (id, version, links) are ignored, so
// a record fetched with GET can be sent back. Any other member not in `allowed`, or whose value is an
// object or array, is reported as a bad field; so is a body that is not an object.
FieldInput fields_from_json(const nlohmann::json& body, const FieldInput& allowed);

}  // namespace resettle::web
