#pragma once
// A referral from a plan action to a service in the directory, and its state machine:
//   draft -> sent -> accepted | declined
//   accepted -> first_appointment -> started -> completed | ended_early
//   withdrawn from draft, sent, accepted, first_appointment or started.
// Declined, completed, ended_early and withdrawn are final. Every step is dated and kept.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "domain/bank_holidays.hpp"
#include "domain/code_list.hpp"
#include "domain/date.hpp"
#include "domain/field_input.hpp"
#include "domain/people/person.hpp"

namespace resettle {

enum class ReferralKind { service, duty_to_refer, cas3 };
std::span<const Coded<ReferralKind>> referral_kinds();

enum class ReferralStatus { draft, sent, accepted, declined, first_appointment, started, completed, ended_early, withdrawn };
std::span<const Coded<ReferralStatus>> referral_statuses();

bool is_final(ReferralStatus status);
std::vector<ReferralStatus> allowed_next(ReferralStatus from);

struct ReferralStep {
  ReferralStatus status = ReferralStatus::draft;
  Date on{};
  std::string by;      // who recorded the step
  std::string reason;  // required when declined, withdrawn or ended early
  friend bool operator==(const ReferralStep&, const ReferralStep&) = default;
};

// The person's agreement to share their details with the service: no consent, no sending.
struct Consent {
  bool given = false;
  Date recorded_on{};
  std::string recorded_by;
  std::string scope;  // what may be shared, in the words agreed with the person
  friend bool operator==(const Consent&, const Consent&) = default;
};

// A detail copied from the person's record onto the form so they need not tell it again.
struct SharedDetail {
  std::string field;  // person field name, e.g. "date_of_birth"
  std::string label;
  std::string value;
  friend bool operator==(const SharedDetail&, const SharedDetail&) = default;
};

// Homelessness Reduction Act 2017: refer someone at risk of homelessness to a local authority.
inline constexpr int duty_to_refer_aim_days = 56;
struct DutyToRefer {
  std::string local_authority;
  Date referral_date{};
  std::string homelessness_reason;  // why they are at risk, in plain words
  std::optional<Date> planned_release_date;
  friend bool operator==(const DutyToRefer&, const DutyToRefer&) = default;
};
std::optional<Date> duty_to_refer_aim_date(const DutyToRefer& duty);  // release - 56 days
// Referred fewer than 56 days before the planned release (or after it).
bool referred_late(const DutyToRefer& duty);

// Community Accommodation Service Tier 3: temporary accommodation for up to 84 nights.
inline constexpr int cas3_maximum_nights = 84;
struct Cas3Request {
  int nights_requested = 0;
  Date start_date{};
  std::string property_area;
  Date end_date() const { return add_days(start_date, nights_requested); }  // the morning of leaving
  friend bool operator==(const Cas3Request&, const Cas3Request&) = default;
};

struct Referral {
  std::int64_t id = 0;
  std::int64_t version = 0;
  std::int64_t person_id = 0;
  std::optional<std::int64_t> plan_action_id;
  std::string service_id;  // HSDS service id
  // The directory id of the organisation it was sent to: the service's at the time of sending (empty
  // before). Partner access follows it, so a later directory import never moves a referral.
  std::string organisation_id;
  ReferralKind kind = ReferralKind::service;
  ReferralStatus status = ReferralStatus::draft;
  std::vector<ReferralStep> history;  // oldest first; the last step is the current status
  Consent consent;
  std::string reason_for_referral;  // what the person wants help with
  std::vector<SharedDetail> details;
  std::optional<DutyToRefer> duty_to_refer;  // set when kind is duty_to_refer
  std::optional<Cas3Request> cas3;           // set when kind is cas3
  std::optional<Date> end_of_service_report_on;

  std::optional<Date> date_of(ReferralStatus step) const;  // when the referral reached it, if it did
  friend bool operator==(const Referral&, const Referral&) = default;
};

// Reads a new draft from the fields person_id, plan_action_id, service_id, kind,
// reason_for_referral, consent_given, consent_scope and the kind's own fields:
// local_authority, referral_date, homelessness_reason, planned_release_date /
// nights_requested, start_date, property_area. Throws ValidationFailed naming every bad field.
Referral read_referral(const FieldInput& input, Date today, const std::string& by);

// The details a form starts with, from the person's record; empty ones are left out.
std::vector<SharedDetail> prefill_details(const Person& person);

// Moves the referral on one step. Throws Conflict (409) when the move is not allowed from the
// current status, naming both and what is allowed, or when sending without consent; throws
// ValidationFailed (422) for a missing "by", a missing "reason" where one is needed, or a
// "date" before the last step.
Referral transition(const Referral& referral, ReferralStatus to, Date on, const std::string& by,
                    const std::string& reason);
// Consent can be recorded or changed only while the referral is a draft.
Referral record_consent(const Referral& referral, Consent consent);
// The provider's end-of-service report, once the referral has completed or ended early.
Referral record_end_of_service_report(const Referral& referral, Date on);

// Who may make each move: the referring side sends and withdraws; the receiving service
// accepts and declines; either records progress (first appointment, started, completed,
// ended early). Partners see a referral only once it has been sent to them.
enum class ReferralSide { referrer, provider };
bool may_move(ReferralSide side, ReferralStatus to);
void require_may_move(ReferralSide side, ReferralStatus to);  // throws Forbidden
bool visible_to_provider(const Referral& referral);

// What a provider may read of a referral sent to them: only what the person agreed to share. The
// shared details, what they want help with and the kind's own particulars go with the consent;
// once the referring side withdraws the referral (how sharing is stopped after sending) they are
// gone, leaving the service, the steps and the dates. Internal references to the person's record
// (the person and plan action ids) are never shared.
Referral as_shared_with_provider(Referral referral);

// Service levels for commissioned services, as data so a contract can change them.
struct ServiceLevels {
  int initial_assessment_working_days = 10;  // from sending to the first appointment
  int action_plan_working_days = 5;          // from the first appointment to starting work
  int end_of_service_report_working_days = 5;  // from completion or early end to the report
};

enum class DeadlineKind { initial_assessment, action_plan, end_of_service_report };
std::span<const Coded<DeadlineKind>> deadline_kinds();

struct Deadline {
  DeadlineKind kind = DeadlineKind::initial_assessment;
  Date due{};
  std::optional<Date> met_on;
  bool overdue = false;  // not met and today is past the due date
  friend bool operator==(const Deadline&, const Deadline&) = default;
};

// The deadlines that apply so far to a service referral (other kinds have their own
// processes), in order. One that was never met because the referral was declined or
// withdrawn is left out: it no longer applies.
std::vector<Deadline> deadlines(const Referral& referral, const BankHolidays& holidays, Date today,
                                const ServiceLevels& levels = {});

}  // namespace resettle
