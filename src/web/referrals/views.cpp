// Referrals and service listings as JSON (see views.hpp).
#include "web/referrals/views.hpp"

#include "domain/referrals/hsds.hpp"

namespace resettle::web {

namespace {

nlohmann::json optional_date(const std::optional<Date>& date) {
  return date ? nlohmann::json(to_iso(*date)) : nlohmann::json(nullptr);
}

std::string_view status_code(ReferralStatus status) { return entry_for(referral_statuses(), status).code; }

}  // namespace

const FieldInput& referral_request_fields() {
  static const FieldInput fields{{"service_id", ""},          {"kind", ""},          {"plan_action_id", ""},
                                 {"reason_for_referral", ""}, {"consent_given", ""}, {"consent_scope", ""},
                                 {"local_authority", ""},     {"referral_date", ""}, {"homelessness_reason", ""},
                                 {"planned_release_date", ""}, {"nights_requested", ""}, {"start_date", ""},
                                 {"property_area", ""}};
  return fields;
}

nlohmann::json referral_json(const services::ReferralRecord& record) {
  const auto& r = record.referral;
  auto history = nlohmann::json::array();
  for (const auto& step : r.history)
    history.push_back({{"status", status_code(step.status)}, {"date", to_iso(step.on)}, {"by", step.by}, {"reason", step.reason}});
  auto details = nlohmann::json::array();
  for (const auto& detail : r.details) details.push_back({{"field", detail.field}, {"label", detail.label}, {"value", detail.value}});
  auto next = nlohmann::json::array();
  for (auto status : record.next_moves) next.push_back(status_code(status));
  nlohmann::json json{
      {"id", r.id},
      {"version", r.version},
      {"person_id", r.person_id != 0 ? nlohmann::json(r.person_id) : nlohmann::json(nullptr)},  // null for partners
      {"plan_action_id", r.plan_action_id ? nlohmann::json(*r.plan_action_id) : nlohmann::json(nullptr)},
      {"service_id", r.service_id},
      {"service_name", record.service.service.name},
      {"organisation_name", record.service.organisation_name},
      {"kind", entry_for(referral_kinds(), r.kind).code},
      {"status", status_code(r.status)},
      {"consent",
       {{"given", r.consent.given},
        {"recorded_on", r.consent.given ? nlohmann::json(to_iso(r.consent.recorded_on)) : nlohmann::json(nullptr)},
        {"recorded_by", r.consent.recorded_by},
        {"scope", r.consent.scope}}},
      {"reason_for_referral", r.reason_for_referral},
      {"details", details},
      {"history", history},
      {"next_moves", next},
      {"links", {{"self", "/api/v1/referrals/" + std::to_string(r.id)}, {"service", "/api/v1/services/" + r.service_id}}}};
  if (r.duty_to_refer) {
    const auto& duty = *r.duty_to_refer;
    json["duty_to_refer"] = {{"local_authority", duty.local_authority},
                             {"referral_date", to_iso(duty.referral_date)},
                             {"homelessness_reason", duty.homelessness_reason},
                             {"planned_release_date", optional_date(duty.planned_release_date)},
                             {"aim_date", optional_date(duty_to_refer_aim_date(duty))},
                             {"referred_late", record.referred_late ? nlohmann::json(*record.referred_late) : nlohmann::json(nullptr)}};
  }
  if (r.cas3)
    json["cas3"] = {{"nights_requested", r.cas3->nights_requested},
                    {"start_date", to_iso(r.cas3->start_date)},
                    {"end_date", to_iso(r.cas3->end_date())},
                    {"property_area", r.cas3->property_area}};
  return json;
}

nlohmann::json service_listing_json(const Directory& directory, const services::ServiceListing& listing) {
  auto json = hsds_service_json(directory, listing.service);
  json["availability_summary"] = listing.availability;
  json["eligibility_notes"] = listing.eligibility_notes;
  return json;
}

}  // namespace resettle::web
