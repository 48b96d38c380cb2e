// Who leads a case and worklist rows as JSON (see views.hpp).
#include "web/responsibility/views.hpp"

#include "web/web_context.hpp"

namespace resettle::web {

namespace {
nlohmann::json date_or_null(const std::optional<Date>& date) {
  return date ? nlohmann::json(to_iso(*date)) : nlohmann::json();
}

nlohmann::json release_day_json(const ReleaseDayAdjustment& adjustment) {
  return {{"flag", entry_for(release_day_flags(), adjustment.flag).code},
          {"flag_label", entry_for(release_day_flags(), adjustment.flag).label},
          {"due_date", to_iso(adjustment.due_date)},
          {"proposed_date", date_or_null(adjustment.proposed_date)},
          {"bank_holidays_known", adjustment.bank_holidays_known}};
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
