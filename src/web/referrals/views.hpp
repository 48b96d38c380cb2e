#pragma once
// Shared by the referral pages and API: a referral as JSON, and the request fields it accepts.
#include <nlohmann/json.hpp>

#include "services/referrals/referrals.hpp"

namespace resettle::web {

nlohmann::json referral_json(const services::ReferralRecord& record);
// Every field a new referral may carry (see read_referral), for fields_from_json.
const FieldInput& referral_request_fields();
// A service listing as JSON: HSDS fields of the service plus availability and eligibility notes.
nlohmann::json service_listing_json(const Directory& directory, const services::ServiceListing& listing);

}  // namespace resettle::web
