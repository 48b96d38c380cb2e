#pragma once
// Referrals from a person's plan to a service in the directory. Staff who may see the person
// make and follow referrals; partner-agency staff see the referrals sent to their organisation
// (the organisation whose name is on their account) and make the provider's moves on them.
// Each use case runs in one transaction and puts a dated step on the person's timeline.
#include <optional>
#include <string>
#include <vector>

#include "domain/referral.hpp"
#include "services/clock.hpp"
#include "services/service_directory.hpp"
#include "store/store.hpp"

namespace resettle::services {

struct ReferralRecord {
  Referral referral;
  ServiceListing service;
  std::string person_name;                 // from the details shared with the service
  std::vector<ReferralStatus> next_moves;  // the moves this member of staff may make now
  std::optional<bool> referred_late;       // Duty to Refer: fewer than 56 days before release
  // The receiving organisation has no partner account on Resettle: the referrer sends it by email
  // or phone and records its answers and steps on its behalf, saying who told them.
  bool recorded_for_partner = false;
};

// A draft from the fields of read_referral (person_id comes from the path), its details
// pre-filled from the person's record. A Duty to Refer without planned_release_date takes the
// release date worked out from the person's latest sentence.
ReferralRecord create_referral(store::Store& store, const Clock& clock, const StaffMember& actor,
                               std::int64_t person_id, FieldInput input);
// Fields consent_given and consent_scope; only while the referral is a draft.
ReferralRecord record_referral_consent(store::Store& store, const Clock& clock, const StaffMember& actor,
                                       std::int64_t referral_id, const FieldInput& input);
// Fields to (a status code), date (default today) and reason. Conflict for a move the state
// machine does not allow, Forbidden for a move that belongs to the other side.
ReferralRecord move_referral(store::Store& store, const Clock& clock, const StaffMember& actor,
                             std::int64_t referral_id, const FieldInput& input);
ReferralRecord view_referral(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t referral_id);
std::vector<ReferralRecord> person_referrals(store::Store& store, const Clock& clock, const StaffMember& actor,
                                             std::int64_t person_id);
// A partner's inbox: sent referrals to their organisation; empty for anyone else.
std::vector<ReferralRecord> organisation_referrals(store::Store& store, const Clock& clock, const StaffMember& actor);

}  // namespace resettle::services
