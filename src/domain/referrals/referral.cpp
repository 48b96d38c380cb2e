// The referral state machine and its fields (see referral.hpp).
#include "domain/referrals/referral.hpp"

#include <algorithm>
#include <array>

#include "domain/errors.hpp"

namespace resettle {

namespace {
using enum ReferralStatus;

// Stored and sent in JSON: codes may only be added to, never changed or removed; labels may change.
constexpr std::array<Coded<ReferralKind>, 3> kind_table{{
    {ReferralKind::service, "service", "Referral to a service"},
    {ReferralKind::duty_to_refer, "duty_to_refer", "Duty to Refer (local authority housing)"},
    {ReferralKind::cas3, "cas3", "CAS3 temporary accommodation"},
}};
// Stored and sent in JSON: codes may only be added to, never changed or removed; labels may change.
constexpr std::array<Coded<ReferralStatus>, 9> status_table{{
    {draft, "draft", "Draft"},
    {sent, "sent", "Sent"},
    {accepted, "accepted", "Accepted"},
    {declined, "declined", "Declined"},
    {first_appointment, "first_appointment", "First appointment held"},
    {started, "started", "Started"},
    {completed, "completed", "Completed"},
    {ended_early, "ended_early", "Ended early"},
    {withdrawn, "withdrawn", "Withdrawn"},
}};
// Stored and sent in JSON: codes may only be added to, never changed or removed; labels may change.
constexpr std::array<Coded<DeadlineKind>, 3> deadline_table{{
    {DeadlineKind::initial_assessment, "initial_assessment", "Initial assessment"},
    {DeadlineKind::action_plan, "action_plan", "Action plan"},
    {DeadlineKind::end_of_service_report, "end_of_service_report", "End-of-service report"},
}};

struct Move {
  ReferralStatus from;
  ReferralStatus to;
};
// The whole state machine; everything else is read from this table.
constexpr Move moves[] = {
    {draft, sent},          {draft, withdrawn},
    {sent, accepted},       {sent, declined},
    {sent, withdrawn},      {accepted, first_appointment},
    {accepted, withdrawn},  {first_appointment, started},
    {first_appointment, withdrawn}, {started, completed},
    {started, ended_early}, {started, withdrawn},
};

std::string label_of(ReferralStatus status) { return std::string{entry_for(referral_statuses(), status).label}; }

std::string choices(const std::vector<ReferralStatus>& next) {
  std::string text;
  for (std::size_t index = 0; index < next.size(); ++index) {
    if (index > 0) text += index + 1 == next.size() ? " or " : ", ";
    text += label_of(next[index]);
  }
  return text;
}

bool needs_reason(ReferralStatus to) { return to == declined || to == withdrawn || to == ended_early; }

void read_duty_to_refer(FieldReader& reader, Referral& referral, Date today) {
  DutyToRefer duty;
  duty.local_authority = reader.text("local_authority", Need::required, 200);
  duty.referral_date = reader.date("referral_date", Need::optional).value_or(today);
  if (today < duty.referral_date) reader.fail("referral_date", "must not be in the future");
  duty.homelessness_reason = reader.text("homelessness_reason", Need::required, 2000);
  duty.planned_release_date = reader.date("planned_release_date", Need::optional);
  referral.duty_to_refer = duty;
}

void read_cas3(FieldReader& reader, Referral& referral, Date today) {
  Cas3Request request;
  if (auto nights = reader.integer("nights_requested", Need::required, 1, 100'000)) {
    if (*nights > cas3_maximum_nights)
      reader.fail("nights_requested", "must be 84 nights or fewer: CAS3 offers up to 84 nights");
    request.nights_requested = static_cast<int>(*nights);
  }
  if (auto start = reader.date("start_date", Need::required)) {
    if (*start < today) reader.fail("start_date", "must be today or later");
    request.start_date = *start;
  }
  request.property_area = reader.text("property_area", Need::required, 200);
  referral.cas3 = request;
}

void add_detail(std::vector<SharedDetail>& details, std::string field, std::string label, std::string value) {
  if (!value.empty()) details.push_back({std::move(field), std::move(label), std::move(value)});
}

std::optional<Date> first_date_of(const Referral& referral, std::initializer_list<ReferralStatus> steps) {
  for (auto step : steps)
    if (auto on = referral.date_of(step)) return on;
  return std::nullopt;
}

// A deadline counted from `from`; nullopt when it never started or no longer applies.
std::optional<Deadline> deadline_from(const Referral& referral, DeadlineKind kind, std::optional<Date> from, int working_days,
                                      std::optional<Date> met_on, const BankHolidays& holidays, Date today) {
  if (!from) return std::nullopt;
  bool abandoned = referral.status == declined || referral.status == withdrawn;
  if (!met_on && abandoned) return std::nullopt;
  Deadline deadline{kind, add_working_days(*from, working_days, holidays), met_on, false};
  deadline.overdue = !met_on && deadline.due < today;
  return deadline;
}
}  // namespace

std::span<const Coded<ReferralKind>> referral_kinds() { return kind_table; }
std::span<const Coded<ReferralStatus>> referral_statuses() { return status_table; }
std::span<const Coded<DeadlineKind>> deadline_kinds() { return deadline_table; }

std::vector<ReferralStatus> allowed_next(ReferralStatus from) {
  std::vector<ReferralStatus> next;
  for (const auto& move : moves)
    if (move.from == from) next.push_back(move.to);
  return next;
}

bool is_final(ReferralStatus status) { return allowed_next(status).empty(); }

std::optional<Date> Referral::date_of(ReferralStatus step) const {
  for (const auto& entry : history)
    if (entry.status == step) return entry.on;
  return std::nullopt;
}

std::optional<Date> duty_to_refer_aim_date(const DutyToRefer& duty) {
  if (!duty.planned_release_date) return std::nullopt;
  return add_days(*duty.planned_release_date, -duty_to_refer_aim_days);
}

bool referred_late(const DutyToRefer& duty) {
  auto aim = duty_to_refer_aim_date(duty);
  return aim && *aim < duty.referral_date;
}

Referral read_referral(const FieldInput& input, Date today, const std::string& by) {
  FieldReader reader{input};
  Referral referral;
  referral.person_id = reader.integer("person_id", Need::required, 1, INT64_MAX).value_or(0);
  referral.plan_action_id = reader.integer("plan_action_id", Need::optional, 1, INT64_MAX);
  referral.service_id = reader.text("service_id", Need::required, 100);
  referral.kind = reader.code("kind", Need::required, referral_kinds()).value_or(ReferralKind::service);
  referral.reason_for_referral = reader.text("reason_for_referral", Need::optional, 4000);
  if (reader.boolean("consent_given")) {
    referral.consent = {true, today, by, reader.text("consent_scope", Need::required, 1000)};
  }
  if (!reader.failed("kind") && referral.kind == ReferralKind::duty_to_refer) read_duty_to_refer(reader, referral, today);
  if (!reader.failed("kind") && referral.kind == ReferralKind::cas3) read_cas3(reader, referral, today);
  if (by.empty()) reader.fail("by", "is required: who is making the referral");
  reader.throw_if_failed();
  referral.history.push_back({draft, today, by, ""});
  return referral;
}

std::vector<SharedDetail> prefill_details(const Person& person) {
  std::vector<SharedDetail> details;
  add_detail(details, "given_name", "Given name", person.given_name);
  add_detail(details, "family_name", "Family name", person.family_name);
  add_detail(details, "date_of_birth", "Date of birth", person.date_of_birth.ok() ? to_iso(person.date_of_birth) : "");
  add_detail(details, "prison_number", "Prison number", person.prison_number);
  add_detail(details, "crn", "Case reference number (CRN)", person.crn);
  add_detail(details, "gender", "Gender", std::string{entry_for(genders(), person.gender).label});
  add_detail(details, "preferred_language", "Preferred language", person.preferred_language);
  add_detail(details, "communication_needs", "Communication needs", person.communication_needs);
  add_detail(details, "prison_code", "Current prison", person.prison_code);
  add_detail(details, "pdu_code", "Probation delivery unit", person.pdu_code);
  return details;
}

Referral transition(const Referral& referral, ReferralStatus to, Date on, const std::string& by,
                    const std::string& reason) {
  auto next = allowed_next(referral.status);
  if (std::find(next.begin(), next.end(), to) == next.end()) {
    std::string why = next.empty() ? label_of(referral.status) + " is final: it cannot change again"
                                   : "from " + label_of(referral.status) + " it can only move to " + choices(next);
    throw Conflict("Cannot move this referral from " + label_of(referral.status) + " to " + label_of(to) + ": " + why);
  }
  if (to == sent && !referral.consent.given)
    throw Conflict("Cannot send this referral: the person's consent to share their details is not recorded");
  std::vector<FieldError> errors;
  if (by.empty()) errors.push_back({"by", "is required: who recorded this step"});
  if (needs_reason(to) && reason.empty())
    errors.push_back({"reason", "is required when a referral is " + label_of(to) + ": say why"});
  if (!referral.history.empty() && on < referral.history.back().on) {
    const auto& last = referral.history.back();
    errors.push_back({"date", "must be on or after " + to_iso(last.on) + ", when the referral was " + label_of(last.status)});
  }
  if (!errors.empty()) throw ValidationFailed(std::move(errors));
  Referral moved = referral;
  moved.status = to;
  moved.history.push_back({to, on, by, reason});
  return moved;
}

Referral record_consent(const Referral& referral, Consent consent) {
  if (referral.status != draft)
    throw Conflict("Consent can only be changed while the referral is a draft; this one is " + label_of(referral.status) +
                   ". To stop sharing, withdraw the referral");
  std::vector<FieldError> errors;
  if (consent.recorded_by.empty()) errors.push_back({"recorded_by", "is required"});
  if (consent.given && consent.scope.empty()) errors.push_back({"consent_scope", "is required: what may be shared"});
  if (!errors.empty()) throw ValidationFailed(std::move(errors));
  Referral changed = referral;
  changed.consent = std::move(consent);
  return changed;
}

Referral record_end_of_service_report(const Referral& referral, Date on) {
  auto ended = first_date_of(referral, {completed, ended_early});
  if (!ended || (referral.status != completed && referral.status != ended_early))
    throw Conflict("An end-of-service report needs a referral that is Completed or Ended early; this one is " +
                   label_of(referral.status));
  if (on < *ended)
    throw ValidationFailed({{"date", "must be on or after " + to_iso(*ended) + ", when the service ended"}});
  Referral reported = referral;
  reported.end_of_service_report_on = on;
  return reported;
}

bool may_move(ReferralSide side, ReferralStatus to) {
  switch (to) {
    case sent:
    case withdrawn:
      return side == ReferralSide::referrer;
    case accepted:
    case declined:
      return side == ReferralSide::provider;
    case draft:
      return false;
    default:
      return true;  // progress steps: whoever knows first records them
  }
}

void require_may_move(ReferralSide side, ReferralStatus to) {
  if (!may_move(side, to))
    throw Forbidden(std::string{side == ReferralSide::referrer ? "Only the receiving service" : "Only the referring team"} +
                    " can mark a referral " + label_of(to));
}

bool visible_to_provider(const Referral& referral) { return referral.date_of(sent).has_value(); }

Referral as_shared_with_provider(Referral referral) {
  referral.person_id = 0;
  referral.plan_action_id.reset();
  if (referral.consent.given && referral.status != withdrawn) return referral;
  referral.details.clear();
  referral.reason_for_referral.clear();
  if (referral.duty_to_refer) {
    referral.duty_to_refer->homelessness_reason.clear();
    referral.duty_to_refer->planned_release_date.reset();
  }
  if (referral.cas3) referral.cas3->property_area.clear();
  return referral;
}

std::vector<Deadline> deadlines(const Referral& referral, const BankHolidays& holidays, Date today,
                                const ServiceLevels& levels) {
  std::vector<Deadline> found;
  if (referral.kind != ReferralKind::service) return found;
  auto add = [&](std::optional<Deadline> deadline) {
    if (deadline) found.push_back(*deadline);
  };
  auto first = referral.date_of(first_appointment);
  add(deadline_from(referral, DeadlineKind::initial_assessment, referral.date_of(sent),
                    levels.initial_assessment_working_days, first, holidays, today));
  add(deadline_from(referral, DeadlineKind::action_plan, first, levels.action_plan_working_days,
                    referral.date_of(started), holidays, today));
  add(deadline_from(referral, DeadlineKind::end_of_service_report, first_date_of(referral, {completed, ended_early}),
                    levels.end_of_service_report_working_days, referral.end_of_service_report_on, holidays, today));
  return found;
}

}  // namespace resettle
