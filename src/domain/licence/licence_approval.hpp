#pragma once
// Which licence conditions (LicenceCondition in licence.hpp) a manager looks at before approving.
#include "domain/licence/licence.hpp"

namespace resettle {

// Bespoke wording, written for this person rather than taken from the catalogue, is flagged for
// the approving manager to check (flagged_for_approval lists a licence's).
constexpr bool needs_manager_check(const LicenceCondition& condition) { return condition.kind == ConditionKind::bespoke; }

}  // namespace resettle
