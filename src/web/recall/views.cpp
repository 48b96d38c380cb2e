// The JSON shapes of recall (see views.hpp).
#include "web/recall/views.hpp"

namespace resettle::web {

namespace {
template <typename E>
nlohmann::json code_or_null(std::span<const Coded<E>> list, const std::optional<E>& value) {
  return value ? nlohmann::json(entry_for(list, *value).code) : nlohmann::json(nullptr);
}
nlohmann::json date_or_null(const std::optional<Date>& date) { return date ? nlohmann::json(to_iso(*date)) : nlohmann::json(nullptr); }
nlohmann::json staff_or_null(std::int64_t staff_id) { return staff_id ? nlohmann::json(staff_id) : nlohmann::json(nullptr); }

nlohmann::json recall_type_json(const std::optional<RecallTypeResult>& type) {
  if (!type) return nullptr;
  return {{"type", entry_for(recall_types(), type->type).code},
          {"rule", entry_for(recall_type_rules(), type->rule).code},
          {"reason", type->reason}};
}
}  // namespace

nlohmann::json recall_json(const RecallConsideration& recall) {
  auto alternatives = nlohmann::json::array();
  for (auto alternative : recall.alternatives_tried) alternatives.push_back(entry_for(recall_alternatives(), alternative).code);
  return {{"id", recall.id},
          {"version", recall.version},
          {"person_id", recall.person_id},
          {"status", entry_for(recall_statuses(), recall.status).code},
          {"started_by", recall.started_by},
          {"started_on", to_iso(recall.started_on)},
          {"trigger", entry_for(recall_triggers(), recall.trigger).code},
          {"risk_change", recall.risk_change},
          {"conditions_breached", recall.conditions_breached},
          {"alternatives_tried", alternatives},
          {"recommendation", code_or_null(recall_outcomes(), recall.recommendation)},
          {"recommendation_reasons", recall.recommendation_reasons},
          {"recommended_by", staff_or_null(recall.recommended_by)},
          {"recommended_on", date_or_null(recall.recommended_on)},
          {"decision", code_or_null(recall_outcomes(), recall.decision)},
          {"rationale", recall.decision_rationale},
          {"decided_by", staff_or_null(recall.decided_by)},
          {"decided_on", date_or_null(recall.decided_on)},
          {"recall_type", recall_type_json(recall.recall_type)},
          {"returned_on", date_or_null(recall.returned_on)},
          {"returned_to", recall.returned_to.empty() ? nlohmann::json(nullptr) : nlohmann::json(recall.returned_to)}};
}

nlohmann::json person_recalls_json(const services::PersonRecalls& page) {
  auto recalls = nlohmann::json::array();
  for (const auto& recall : page.recalls) recalls.push_back(recall_json(recall));
  return {{"person_id", page.person.id}, {"recalls", recalls}, {"may_start", page.may_start}};
}

}  // namespace resettle::web
