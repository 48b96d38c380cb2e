#pragma once
// Referrals from a person's plan to a service in the directory. Staff who may see the person
// make and follow referrals; partner-agency staff see the referrals sent to their organisation
// (by the directory id on their account, as it was when each was sent), only what the person's
// consent covers, and make the provider's moves on them. Every partner read is audited.
// Each use case runs in one transaction and puts a dated step on the person's timeline.
#include <optional>
#include <string>
#include <vector>

#include "domain/referrals/referral.hpp"
#include "services/clock.hpp"
#include "services/plan/resettlement_plan.hpp"
#include "services/referrals/service_directory.hpp"
#include "store/store.hpp"

namespace resettle::services {

struct ReferralRecord {
  Referral referral;
  ServiceListing service;
  std::string person_name;                 // from the details shared with the service
  std::vector<ReferralStatus> next_moves;  // the moves this member of staff may make now
  std::optional<bool> referred_late;       // Duty to Refer: fewer than 56 days before release
  // The receiving organisation has no partner account on Resettle: the referrer sends it by email
  // or phone and records its answers and steps on its behalf, saying who told them. Never for
  // partner staff, like the two below: only the referring side opens the person's record from a
  // referral and is asked for the person's consent to share, while the referral is a draft without it.
  bool recorded_for_partner = false;
  bool may_open_person = false;
  bool needs_consent = false;
};

// A service in the directory as a worker choosing support reads it today, and whether this member
// of staff may refer someone to it (anyone but partner agencies, who receive referrals).
struct ServiceToReferTo {
  Directory record;  // the service (record.services.front()) with its organisation and locations
  ServiceListing listing;
  bool may_refer = false;
};
// The directory is shared reference data: nothing is audited. Throws NotFound for a service not in it.
ServiceToReferTo service_to_refer_to(store::Store& store, const Clock& clock, const StaffMember& actor,
                                     const std::string& service_id);

// The directory searched for support (fields as search_services), for no one in particular or for a
// person: then their record, read and audited as "find support", gives the facts and the area
// (their probation delivery unit's) that filter and rank what is found, as search_services_for.
struct SupportSearch {
  ServiceSearch search;
  struct ForPerson {
    Person person;
    std::string area;  // their probation delivery unit's name; empty without one
    int left_out = 0;  // services on this page that their known facts rule out
  };
  std::optional<ForPerson> for_person;
};
// Results are empty when nothing matches. Throws NotFound for a person the caller may not see (before
// any search), ValidationFailed naming each bad field of the query.
SupportSearch search_support(store::Store& store, const Clock& clock, const StaffMember& actor,
                             std::optional<std::int64_t> person_id, FieldInput query);

// What the form for referring a person to a service starts with: the person (read and audited as
// "referral form"), the service's name, the details that would be shared, the open actions of their
// plan to link it to (empty with no plan) and the kind of referral the service takes by default
// (a referral_kinds code: a Duty to Refer, CAS3, or a service referral).
struct NewReferral {
  Person person;
  std::string service_name;
  std::vector<SharedDetail> details;  // prefill_details
  std::vector<ActionChoice> plan_actions;
  std::string default_kind;
};
// Throws NotFound for a person the caller may not see, then for a service not in the directory.
NewReferral new_referral_for(store::Store& store, const StaffMember& actor, std::int64_t person_id,
                             const std::string& service_id);

// A draft from the fields of read_referral (person_id comes from the path), its details
// pre-filled from the person's record. A Duty to Refer without planned_release_date takes the
// release date worked out from the person's latest sentence. Returns the draft with its id and
// version 1. Throws Forbidden for partner staff, NotFound for a person the caller may not see,
// ValidationFailed naming each bad field (and a service_id not in the directory).
ReferralRecord create_referral(store::Store& store, const Clock& clock, const StaffMember& actor,
                               std::int64_t person_id, FieldInput input);
// Fields consent_given and consent_scope (required when consent is given); only while the
// referral is a draft. Returns the referral as stored. Throws Forbidden for partner staff, NotFound
// for a referral the caller may not see, ValidationFailed for a bad field, Conflict past the draft.
ReferralRecord record_referral_consent(store::Store& store, const Clock& clock, const StaffMember& actor,
                                       std::int64_t referral_id, const FieldInput& input);
// Fields to (a status code), date (default today, never in the future) and reason. Returns the
// referral as moved. Throws ValidationFailed for a bad field, NotFound for a referral the caller may
// not see, Conflict for a move the state machine does not allow, Forbidden for a move that belongs
// to the other side.
ReferralRecord move_referral(store::Store& store, const Clock& clock, const StaffMember& actor,
                             std::int64_t referral_id, const FieldInput& input);
// An audited read. Throws NotFound for no such referral and for one the caller may not see, alike
// (partners see only referrals sent to their organisation). A partner's read also goes on the
// person's timeline (referral.read_by_partner).
ReferralRecord view_referral(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t referral_id);
// The person, read and audited once as "referrals", and their referrals, newest first (empty when
// there are none). Throws Forbidden for partner staff, NotFound for a person the caller may not see.
struct PersonReferrals {
  Person person;
  std::vector<ReferralRecord> referrals;
};
PersonReferrals person_referrals(store::Store& store, const Clock& clock, const StaffMember& actor,
                                 std::int64_t person_id);
// A partner's inbox: the referrals sent to their organisation, newest first, less the cases closed
// to them; empty for anyone else. The people shown are logged as one access-log row.
std::vector<ReferralRecord> organisation_referrals(store::Store& store, const Clock& clock, const StaffMember& actor);

}  // namespace resettle::services
