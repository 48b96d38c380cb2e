#pragma once
// Risk levels shared by the offer (needs_assessment.hpp) and responsibility (risk_profile.hpp).
#include <span>

#include "domain/code_list.hpp"

namespace resettle {

enum class RoshLevel { low, medium, high, very_high };  // risk of serious harm, ordered
std::span<const Coded<RoshLevel>> rosh_levels();
enum class MappaLevel { none, level_1, level_2, level_3 };  // 0 to 3
std::span<const Coded<MappaLevel>> mappa_levels();

}  // namespace resettle
