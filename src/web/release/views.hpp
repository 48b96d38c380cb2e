#pragma once
// The release day as JSON for the API (see openapi.json, ReleaseDay).
#include <nlohmann/json.hpp>

#include "services/release/releases.hpp"

namespace resettle::web {

// { person_id, released, release_day: null | { id, version, released_on, released_at, prison_code,
//   released_from, tonight, address, provisions: { <code>: { status, detail } }, medication_days },
//   gaps: [ { field, text } ], post_release_actions: [ { kind, label, due } ], form: { field: text } }
nlohmann::json release_day_json(const services::ReleaseDayView& view);

}  // namespace resettle::web
