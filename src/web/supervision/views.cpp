// The JSON shapes of supervision (see views.hpp).
#include "web/supervision/views.hpp"

#include "services/clock.hpp"
#include "web/web_context.hpp"

namespace resettle::web {

namespace {
nlohmann::json optional_json(const std::optional<std::int64_t>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}
std::string timestamp_json(Timestamp at) { return services::to_iso_timestamp(at); }
nlohmann::json date_json(const std::optional<Date>& day) { return day ? nlohmann::json(to_iso(*day)) : nlohmann::json(); }

nlohmann::json status_json(const ContactStatus& status) {
  return {{"next_due", to_iso(status.next_due)},
          {"overdue", status.overdue},
          {"days_overdue", status.days_overdue},
          {"review_due", status.review_due}};
}
}  // namespace

nlohmann::json appointment_json(const Appointment& appointment) {
  return {{"id", appointment.id},
          {"version", appointment.version},
          {"person_id", appointment.person_id},
          {"type", entry_for(appointment_types(), appointment.type).code},
          {"on", to_iso(appointment.on)},
          {"starts_at", to_text(appointment.starts_at)},
          {"ends_at", to_text(appointment.ends_at)},
          {"office_code", appointment.office_code},
          {"with_staff_id", appointment.with_staff_id},
          {"joint_with", optional_json(appointment.joint_with)},
          {"notes", appointment.notes},
          {"series_id", optional_json(appointment.series_id)},
          {"cancellation", appointment.cancellation ? nlohmann::json{{"at", appointment.cancellation->at},
                                                                     {"by", appointment.cancellation->by},
                                                                     {"reason", appointment.cancellation->reason}}
                                                    : nlohmann::json(nullptr)}};
}

nlohmann::json outcome_json(const OutcomeDecision& decision) {
  return {{"id", decision.id},
          {"appointment_id", decision.appointment_id},
          {"outcome", entry_for(appointment_outcomes(), decision.outcome).code},
          {"reason", decision.reason},
          {"decided_by", decision.decided_by},
          {"decided_at", decision.decided_at}};
}

nlohmann::json warning_json(const BookingWarning& warning) {
  return {{"kind", entry_for(booking_warning_kinds(), warning.kind).code},
          {"on", to_iso(warning.on)},
          {"message", warning.message}};
}

nlohmann::json person_appointments_json(const services::PersonAppointments& page) {
  auto appointments = nlohmann::json::array();
  for (const auto& appointment : page.appointments) {
    auto item = appointment_json(appointment);
    auto outcome = page.outcomes.find(appointment.id);
    item["outcome"] = outcome == page.outcomes.end() ? nlohmann::json(nullptr) : outcome_json(outcome->second);
    appointments.push_back(std::move(item));
  }
  auto enforcement = nlohmann::json::array();
  for (const auto& action : page.enforcement)
    enforcement.push_back({{"appointment_id", action.appointment_id},
                           {"step", entry_for(enforcement_steps(), action.step).code},
                           {"failures", action.failures},
                           {"decided_by", action.decided_by},
                           {"decided_at", action.decided_at},
                           {"message_id", optional_json(action.message_id)}});
  return {{"person_id", page.person.id},
          {"appointments", appointments},
          {"failures_in_12_months", page.failures_in_12_months},
          {"enforcement", enforcement}};
}

nlohmann::json appointment_record_json(const services::AppointmentRecord& record) {
  auto body = appointment_json(record.appointment);
  auto decisions = nlohmann::json::array();
  for (const auto& decision : record.decisions) decisions.push_back(outcome_json(decision));
  body["outcomes"] = decisions;
  body["office"] = record.office_name;
  body["with"] = record.officer_name;
  return body;
}

nlohmann::json contact_json(const PersonContact& contact) {
  const auto& details = contact.details;
  nlohmann::json work = nlohmann::json::object();
  for (const auto& [field, hours] : working_week_fields(contact.work)) work[field.substr(5)] = hours;  // after "work."
  return {{"version", contact.version},
          {"channel", entry_for(message_channels(), details.channel).code},
          {"language", entry_for(languages(), details.language).code},
          {"mobile", details.mobile},
          {"email", details.email},
          {"opted_out", details.opted_out},
          {"stop_received", details.stop_received},
          {"work", work}};
}

nlohmann::json message_json(const OutboxMessage& message) {
  return {{"id", message.id},
          {"person_id", message.person_id},
          {"kind", entry_for(message_kinds(), message.kind).code},
          {"channel", entry_for(message_channels(), message.channel).code},
          {"language", entry_for(languages(), message.language).code},
          {"to", message.to},
          {"body", message.body},
          {"status", entry_for(message_statuses(), message.status).code},
          {"attempts", message.attempts},
          {"next_attempt_at", timestamp_json(message.next_attempt_at)},
          {"sent_at", message.sent_at ? nlohmann::json(timestamp_json(*message.sent_at)) : nlohmann::json(nullptr)},
          {"last_error", message.last_error},
          {"withheld", message.withheld ? nlohmann::json(entry_for(withheld_reasons(), *message.withheld).code)
                                        : nlohmann::json(nullptr)}};
}

nlohmann::json diary_entry_json(const store::DiaryEntry& entry) {
  auto body = appointment_json(entry.appointment);
  body["name"] = entry.given_name + " " + entry.family_name;
  body["crn"] = entry.crn;
  return body;
}

nlohmann::json contact_plan_json(const ContactPlan& plan) {
  auto stages = nlohmann::json::array();
  for (const auto& stage : plan.stages)
    stages.push_back({{"every_days", stage.every_days},
                      {"for_weeks", stage.for_weeks ? nlohmann::json(*stage.for_weeks) : nlohmann::json()}});
  return {{"id", plan.id},
          {"person_id", plan.person_id},
          {"starts_on", to_iso(plan.starts_on)},
          {"stages", stages},
          {"description", describe(plan.stages)},
          {"reason", plan.reason},
          {"review_on", to_iso(plan.review_on)},
          {"decided_by", plan.decided_by},
          {"decided_at", plan.decided_at}};
}

nlohmann::json person_contact_plan_json(const services::PersonContactPlan& page) {
  auto history = nlohmann::json::array();
  for (std::size_t i = 1; i < page.plans.size(); ++i) history.push_back(contact_plan_json(page.plans[i]));
  return {{"person_id", page.person.id},
          {"version", page.version},
          {"plan", page.plans.empty() ? nlohmann::json() : contact_plan_json(page.plans.front())},
          {"status", page.status ? status_json(*page.status) : nlohmann::json()},
          {"last_attended", date_json(page.last_attended)},
          {"history", history}};
}

nlohmann::json contact_worklist_item_json(const services::ContactWorklistItem& item) {
  const auto& row = item.row;
  return {{"person",
           {{"id", row.person.id},
            {"name", row.person.full_name()},
            {"prison_number", row.person.prison_number},
            {"crn", row.person.crn},
            {"prison_code", row.prison_code},
            {"pdu_code", row.pdu_code},
            {"href", person_href(row.person.id) + "/contact-plan"}}},
          {"plan", contact_plan_json(row.plan)},
          {"last_attended", date_json(row.last_attended)},
          {"status", status_json(item.status)}};
}

}  // namespace resettle::web
