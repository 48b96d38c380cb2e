// The release day as JSON (see views.hpp).
#include "web/release/views.hpp"

namespace resettle::web {

namespace {
nlohmann::json record_json(const ReleaseDayRecord& record, const std::string& released_from) {
  const auto& arrangements = record.arrangements;
  auto provisions = nlohmann::json::object();
  for (const auto& [provision, recorded] : arrangements.provisions)
    provisions[std::string{entry_for(release_provisions(), provision).code}] = {
        {"status", entry_for(provision_statuses(), recorded.status).code}, {"detail", recorded.detail}};
  return {{"id", record.id},
          {"version", record.version},
          {"released_on", to_iso(record.release.released_on)},
          {"released_at", record.release.released_at},
          {"prison_code", record.release.prison_code},
          {"released_from", released_from},
          {"tonight", arrangements.tonight ? nlohmann::json(entry_for(first_night_accommodations(), *arrangements.tonight).code)
                                           : nlohmann::json(nullptr)},
          {"address", arrangements.address},
          {"provisions", provisions},
          {"medication_days", arrangements.medication_days ? nlohmann::json(*arrangements.medication_days) : nlohmann::json(nullptr)}};
}
}  // namespace

nlohmann::json release_day_json(const services::ReleaseDayView& view) {
  const auto& summary = view.summary;
  auto gaps = nlohmann::json::array();
  for (const auto& gap : summary.release_day ? summary.gaps : view.form_gaps) gaps.push_back({{"field", gap.field}, {"text", gap.text}});
  auto actions = nlohmann::json::array();
  for (const auto& item : summary.post_release_actions)
    actions.push_back({{"kind", entry_for(checklist_item_kinds(), item.kind).code},
                       {"label", entry_for(checklist_item_kinds(), item.kind).label},
                       {"due", to_iso(item.due)}});
  auto form = nlohmann::json::object();
  for (const auto& [field, value] : view.form) form[field] = value;
  return {{"person_id", view.person.id},
          {"released", summary.release_day.has_value()},
          {"release_day", summary.release_day ? record_json(*summary.release_day, summary.released_from) : nlohmann::json(nullptr)},
          {"gaps", gaps},
          {"post_release_actions", actions},
          {"form", form}};
}

}  // namespace resettle::web
