// Demo needs, plans and checklists (see plan_demo_data.hpp).
#include "services/plan/plan_demo_data.hpp"

#include "services/plan/resettlement_plan.hpp"

namespace resettle::services {

namespace {

FieldInput demo_screening(Date today) {
  FieldInput input{{"kind", "reception_screening"}, {"assessed_on", to_iso(add_days(today, -2))},
                   {"assessed_by", "Kim Walsh"}};
  for (const auto& pathway : pathways()) {
    input[pathway_field(pathway.value, "need_level")] = "low";
    input[pathway_field(pathway.value, "source")] = "self_report";
  }
  input["accommodation.need_level"] = "high";
  input["accommodation.own_words"] = "I lost my flat when I came in";
  input["accommodation.strengths"] = "Sister lives nearby\nWants to stay in Leeds";
  input["finance_benefits_debt.need_level"] = "medium";
  input["finance_benefits_debt.own_words"] = "I have no ID and no bank card";
  return input;
}

}  // namespace

void add_plan_demo(store::Store& store, const Clock& clock, const StaffMember& practitioner) {
  auto today = clock.today();
  auto people = caseload(store, practitioner, "", store::PageRequest{std::nullopt, 200});
  int planned = 0;
  for (const auto& person : people.items) {
    auto record = view_person(store, practitioner, person.id, "demo");
    auto release = planned_release_date(record, today);
    if (!release || *release < today) continue;
    record_needs_assessment(store, clock, practitioner, person.id, demo_screening(today));
    auto plan = add_objective(store, clock, practitioner, person.id,
                              {{"pathway", "accommodation"}, {"goal", "A place of my own near my sister"}}, std::nullopt);
    auto objective_id = plan.objectives.back().id;
    add_action(store, clock, practitioner, person.id, objective_id,
               {{"description", "Fill in the housing application"}, {"owner_kind", "person"},
                {"due_date", to_iso(add_days(today, 14))}},
               std::nullopt);
    add_action(store, clock, practitioner, person.id, objective_id,
               {{"description", "Send the Duty to Refer"}, {"owner_kind", "practitioner"},
                {"owner_name", practitioner.display_name}, {"due_date", to_iso(add_days(today, -3))}},
               std::nullopt);
    if (checklist_window_is_open(*release, today)) generate_pre_release_checklist(store, clock, practitioner, person.id);
    if (++planned == 3) return;
  }
}

}  // namespace resettle::services
