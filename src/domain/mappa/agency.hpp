#pragma once
// The agencies that manage risk together: who attends a MAPPA meeting, who owns a risk management
// action, and whom information is shared with.
#include <span>

#include "domain/code_list.hpp"

namespace resettle {

// Stored and sent in JSON: the codes may only be added to; labels may change.
enum class Agency { probation, prison, police, childrens_social_care, adult_social_care, housing, health, other };
std::span<const Coded<Agency>> agencies();

}  // namespace resettle
