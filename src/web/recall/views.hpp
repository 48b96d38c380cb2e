#pragma once
// The JSON shapes of recall: a consideration with its recommendation, decision and recall type.
#include <nlohmann/json.hpp>

#include "services/recall/recalls.hpp"

namespace resettle::web {

nlohmann::json recall_json(const RecallConsideration& recall);
nlohmann::json person_recalls_json(const services::PersonRecalls& page);

}  // namespace resettle::web
