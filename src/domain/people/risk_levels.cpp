// The ROSH and MAPPA level codes (see risk_levels.hpp).
#include "domain/people/risk_levels.hpp"

#include <array>

namespace resettle {

namespace {
// Stored and sent in JSON: codes may only be added to, never changed or removed; labels may change.
constexpr std::array<Coded<RoshLevel>, 4> rosh_table{{
    {RoshLevel::low, "low", "Low"},
    {RoshLevel::medium, "medium", "Medium"},
    {RoshLevel::high, "high", "High"},
    {RoshLevel::very_high, "very_high", "Very high"},
}};
// Stored and sent in JSON: codes may only be added to, never changed or removed; labels may change.
constexpr std::array<Coded<MappaLevel>, 4> mappa_table{{
    {MappaLevel::none, "0", "Not managed under MAPPA"},
    {MappaLevel::level_1, "1", "MAPPA level 1"},
    {MappaLevel::level_2, "2", "MAPPA level 2"},
    {MappaLevel::level_3, "3", "MAPPA level 3"},
}};
}  // namespace

std::span<const Coded<RoshLevel>> rosh_levels() { return rosh_table; }
std::span<const Coded<MappaLevel>> mappa_levels() { return mappa_table; }

}  // namespace resettle
