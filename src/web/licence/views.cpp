// The JSON shapes of licences and the licence conditions catalogue.
#include "web/licence/views.hpp"

#include "domain/licence/licence_approval.hpp"

namespace resettle::web {

namespace {

nlohmann::json bilingual_json(const Bilingual& text) { return {{"en", text.en}, {"cy", text.cy}}; }

nlohmann::json date_json(const std::optional<Date>& date) {
  return date ? nlohmann::json(to_iso(*date)) : nlohmann::json(nullptr);
}

nlohmann::json definition_json(const ConditionDefinition& definition) {
  auto inputs = nlohmann::json::array();
  for (const auto& input : definition.inputs) {
    nlohmann::json item = {{"name", input.name},
                           {"type", entry_for(condition_input_types(), input.type).code},
                           {"label", input.label},
                           {"required", input.required}};
    if (input.type == ConditionInputType::time_range) item["crosses_midnight"] = input.crosses_midnight;
    if (!input.options.empty()) {
      item["options"] = nlohmann::json::array();
      for (const auto& option : input.options)
        item["options"].push_back({{"code", option.code}, {"label", bilingual_json(option.label)}});
    }
    inputs.push_back(std::move(item));
  }
  nlohmann::json body = {{"code", definition.code},
                         {"kind", entry_for(condition_kinds(), definition.kind).code},
                         {"wording", definition.wording},
                         {"inputs", inputs},
                         {"explanation", bilingual_json(definition.explanation)}};
  if (!definition.category.empty()) body["category"] = definition.category;
  return body;
}

nlohmann::json condition_json(const LicenceCondition& condition, const ConditionCatalogue& catalogue) {
  auto rendered = render(condition, catalogue);
  nlohmann::json body = {{"key", condition.key},
                         {"kind", entry_for(condition_kinds(), condition.kind).code},
                         {"code", condition.code},
                         {"wording", rendered.wording},
                         {"explanation", bilingual_json(rendered.explanation)},
                         {"inputs", condition.values},
                         {"purpose", nullptr},
                         {"reason", condition.reason},
                         {"flagged_for_approval", needs_manager_check(condition)},
                         {"understanding", nullptr}};
  if (!rendered.category.empty()) body["category"] = rendered.category;
  if (condition.purpose) body["purpose"] = entry_for(condition_purposes(), *condition.purpose).code;
  if (const auto& understanding = condition.understanding)
    body["understanding"] = {{"recorded_on", to_iso(understanding->recorded_on)},
                             {"understood", entry_for(understood_answers(), understanding->understood).code},
                             {"notes", understanding->notes}};
  return body;
}

}  // namespace

nlohmann::json catalogue_summary_json(const ConditionCatalogue& catalogue) {
  return {{"version", catalogue.version},
          {"title", catalogue.title},
          {"starts_on", to_iso(catalogue.starts_on)},
          {"based_on", catalogue.based_on.empty() ? nlohmann::json(nullptr) : nlohmann::json(catalogue.based_on)}};
}

nlohmann::json catalogue_json(const ConditionCatalogue& catalogue) {
  auto body = catalogue_summary_json(catalogue);
  body["categories"] = nlohmann::json::array();
  for (const auto& category : catalogue.categories)
    body["categories"].push_back({{"code", category.code}, {"label", bilingual_json(category.label)}});
  for (const auto& [name, list] : {std::pair{"standard", &catalogue.standard}, {"additional", &catalogue.additional}}) {
    body[name] = nlohmann::json::array();
    for (const auto& definition : *list) body[name].push_back(definition_json(definition));
  }
  body["replaced"] = nlohmann::json::array();
  for (const auto& mapping : catalogue.replaced)
    body["replaced"].push_back({{"from", mapping.from}, {"to", mapping.to}, {"inputs", mapping.inputs}});
  return body;
}

nlohmann::json licence_json(const Licence& licence, const ConditionCatalogue& catalogue,
                            const std::vector<ConditionChange>& changes) {
  auto conditions = nlohmann::json::array();
  for (const auto& condition : licence.conditions) conditions.push_back(condition_json(condition, catalogue));
  nlohmann::json body = {{"id", licence.id},
                         {"version", licence.version},
                         {"person_id", licence.person_id},
                         {"number", licence.number},
                         {"policy_version", licence.policy_version},
                         {"status", entry_for(licence_statuses(), licence.status).code},
                         {"drafted_by", licence.drafted_by},
                         {"decided_by", licence.decided_by ? nlohmann::json(*licence.decided_by) : nlohmann::json(nullptr)},
                         {"return_reason", licence.return_reason},
                         {"approved_on", date_json(licence.approved_on)},
                         {"active_from", date_json(licence.active_from)},
                         {"inactive_from", date_json(licence.inactive_from)},
                         {"acknowledged_on", date_json(licence.acknowledged_on)},
                         {"conditions", conditions},
                         {"varies", nullptr},
                         {"variation", nullptr}};
  if (licence.is_variation()) {
    body["varies"] = *licence.varies;
    nlohmann::json reasons = nlohmann::json::object();
    for (const auto& [key, reason] : licence.variation.reasons) reasons[std::to_string(key)] = reason;
    auto changed = nlohmann::json::array();
    for (const auto& change : changes)
      changed.push_back({{"change", entry_for(change_kinds(), change.kind).code}, {"key", change.key}, {"code", change.code}});
    body["variation"] = {{"senior_probation_officer_discussed", licence.variation.senior_probation_officer_discussed},
                         {"victim_liaison_officer_consulted", licence.variation.victim_liaison_officer_consulted},
                         {"reasons", reasons},
                         {"changes", changed}};
  }
  return body;
}

nlohmann::json induction_json(const std::optional<services::BookedInduction>& induction) {
  if (!induction) return nullptr;
  const auto& appointment = induction->appointment;
  return {{"id", appointment.id},
          {"version", appointment.version},
          {"on", to_iso(appointment.on)},
          {"starts_at", to_text(appointment.starts_at)},
          {"ends_at", to_text(appointment.ends_at)},
          {"office_code", appointment.office_code},
          {"office", induction->office_name},
          {"with_staff_id", appointment.with_staff_id},
          {"with", induction->officer_name},
          {"notes", appointment.notes}};
}

nlohmann::json induction_view_json(const services::InductionView& view) {
  nlohmann::json window = nullptr;
  if (view.window) window = {{"first", to_iso(view.window->first)}, {"last", to_iso(view.window->last)}};
  return {{"person_id", view.person.id}, {"induction", induction_json(view.induction)}, {"window", window}};
}

nlohmann::json licence_overview_json(const services::LicenceOverview& overview, const ConditionCatalogues& catalogues) {
  auto licences = nlohmann::json::array();
  for (const auto& licence : overview.licences)
    licences.push_back(licence_json(licence, catalogues.version(licence.policy_version), {}));
  nlohmann::json body = {{"person_id", overview.person.id},
                         {"release_date", date_json(overview.release_date)},
                         {"warning", entry_for(licence_warnings(), overview.warning).code},
                         {"warn_from", nullptr},
                         {"last_day_to_approve", nullptr},
                         {"induction", induction_json(overview.induction)},
                         {"licences", licences}};
  if (overview.deadlines) {
    body["warn_from"] = to_iso(overview.deadlines->warn_from);
    body["last_day_to_approve"] = to_iso(overview.deadlines->last_day_to_approve);
  }
  return body;
}

}  // namespace resettle::web
