#pragma once
// What a licence's status (LicenceStatus in licence.hpp) says about where it stands.
#include "domain/licence/licence.hpp"

namespace resettle {

// Approved by a manager, whether waiting to come into force, in force or since ended: no longer a
// draft, so it is printed without the "not yet approved" notice and warns of no deadline.
constexpr bool is_approved(LicenceStatus status) {
  return status == LicenceStatus::approved || status == LicenceStatus::active || status == LicenceStatus::inactive;
}

}  // namespace resettle
