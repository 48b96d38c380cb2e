#pragma once
// JSON views of needs assessments, the plan, the pre-release checklist and outcomes, and request
// bodies with per-pathway members read into FieldInput ("accommodation.need_level").
#include <nlohmann/json.hpp>

#include "services/plan/resettlement_plan.hpp"
#include "web/http/view.hpp"

namespace resettle::web {

nlohmann::json needs_assessment_json(const NeedsAssessment& assessment);
nlohmann::json pathway_changes_json(const std::vector<PathwayChange>& changes);
nlohmann::json plan_json(const services::PlanView& view);
nlohmann::json checklist_json(const services::ChecklistView& view);  // of a view with a checklist
nlohmann::json outcome_snapshot_json(const OutcomeSnapshot& snapshot);
nlohmann::json outcomes_json(const services::OutcomesView& view);
// A table cell for a caseload: overdue plan actions and checklist items, tagged red when any.
View plan_alerts_cell(const services::PlanAlerts& alerts);

// `top` names the body's plain members; `group` ("pathways" or "outcomes") holds one object per
// pathway code whose members are in `per_pathway`. Lists of text become one entry per line.
// Anything else is reported as a bad field, e.g. "pathways.housing" or "accommodation.colour".
FieldInput pathway_body_fields(const nlohmann::json& body, std::initializer_list<std::string_view> top,
                               std::string_view group, std::initializer_list<std::string_view> per_pathway);

}  // namespace resettle::web
