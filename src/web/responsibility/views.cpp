// Who leads a case and worklist rows as JSON (see views.hpp).
#include "web/responsibility/views.hpp"

#include "web/web_context.hpp"

namespace resettle::web {

namespace {
nlohmann::json date_or_null(const std::optional<Date>& date) {
  return date ? nlohmann::json(to_iso(*date)) : nlohmann::json();
}

nlohmann::json staff_or_null(const std::optional<std::int64_t>& id, const std::string& name) {
  return id ? nlohmann::json{{"id", *id}, {"name", name}} : nlohmann::json();
}

}  // namespace

nlohmann::json release_day_decision_json(const ReleaseDayDecision& decision) {
  return {{"id", decision.id},
          {"release_date", to_iso(decision.release_date)},
          {"decided_date", to_iso(decision.decided_date)},
          {"choice", entry_for(release_day_choices(), decision.choice).code},
          {"choice_label", entry_for(release_day_choices(), decision.choice).label},
          {"decided_by", staff_or_null(decision.decided_by, decision.decided_by_name)},
          {"decided_at", decision.decided_at},
          {"requested_by", staff_or_null(decision.requested_by, decision.requested_by_name)}};
}

namespace {
nlohmann::json release_day_json(const services::ReleaseDay& release_day) {
  const auto& adjustment = release_day.adjustment;
  const auto& decision = release_day.decision;
  return {{"flag", entry_for(release_day_flags(), adjustment.flag).code},
          {"flag_label", entry_for(release_day_flags(), adjustment.flag).label},
          {"due_date", to_iso(adjustment.due_date)},
          {"proposed_date", date_or_null(adjustment.proposed_date)},
          {"presumed_date", date_or_null(adjustment.presumed_date)},
          {"bank_holidays_known", adjustment.bank_holidays_known},
          {"day_of_release", to_iso(release_day.day)},
          {"decided_date", decision ? nlohmann::json(to_iso(decision->decided_date)) : nlohmann::json()},
          {"decision", decision ? release_day_decision_json(*decision) : nlohmann::json()}};
}

nlohmann::json decision_json(Responsibility responsibility, HandoverReason reason, PomType pom_type,
                             const std::optional<Date>& com_allocated, const std::optional<Date>& handover,
                             const std::optional<Date>& release) {
  return {{"responsibility", entry_for(responsibilities(), responsibility).code},
          {"responsibility_label", entry_for(responsibilities(), responsibility).label},
          {"reason", entry_for(handover_reasons(), reason).code},
          {"reason_label", entry_for(handover_reasons(), reason).label},
          {"pom_type", entry_for(pom_types(), pom_type).code},
          {"pom_type_label", entry_for(pom_types(), pom_type).label},
          {"com_allocated_date", date_or_null(com_allocated)},
          {"handover_date", date_or_null(handover)},
          {"release_date", date_or_null(release)}};
}
}  // namespace

nlohmann::json responsibility_json(const services::CaseResponsibility& responsibility) {
  const auto& decision = responsibility.assessment.responsibility;
  auto json = decision_json(decision.responsibility, decision.reason, decision.pom_type, decision.com_allocated_date,
                            decision.handover_date, responsibility.assessment.release_date);
  json["release_day"] = responsibility.release_day ? release_day_json(*responsibility.release_day) : nlohmann::json();
  return json;
}

nlohmann::json worklist_entry_json(const store::WorklistEntry& entry) {
  const auto& dates = entry.dates;
  auto json = decision_json(dates.responsibility, dates.reason, dates.pom_type, dates.com_allocated_date,
                            dates.handover_date, dates.release_date);
  json["person"] = {{"id", entry.person.id},
                    {"name", entry.person.full_name()},
                    {"prison_number", entry.person.prison_number},
                    {"crn", entry.person.crn},
                    {"prison_code", entry.prison_code},
                    {"pdu_code", entry.pdu_code},
                    {"href", person_href(entry.person.id)}};
  return json;
}

services::WorklistRequest worklist_request(const Request& request) {
  return {request.query_param("prison_code").value_or(""), request.query_param("pdu_code").value_or(""),
          page_request(request, 50)};
}

}  // namespace resettle::web
