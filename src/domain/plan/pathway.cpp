// The seven resettlement pathways' codes and labels (see pathway.hpp).
#include "domain/plan/pathway.hpp"

#include <array>

namespace resettle {

namespace {
// Stored and sent in JSON: codes may only be added to, never changed or removed; labels may change.
constexpr std::array<Coded<Pathway>, 7> pathway_table{{
    {Pathway::accommodation, "accommodation", "Accommodation"},
    {Pathway::education_training_employment, "education_training_employment", "Education, training and employment"},
    {Pathway::health, "health", "Health (physical and mental)"},
    {Pathway::drugs_alcohol, "drugs_alcohol", "Drugs and alcohol"},
    {Pathway::finance_benefits_debt, "finance_benefits_debt", "Finance, benefits and debt"},
    {Pathway::children_families_relationships, "children_families_relationships",
     "Children, families and relationships"},
    {Pathway::attitudes_thinking_behaviour, "attitudes_thinking_behaviour", "Attitudes, thinking and behaviour"},
}};
}  // namespace

std::span<const Coded<Pathway>> pathways() { return pathway_table; }
std::string_view pathway_code(Pathway pathway) { return entry_for(pathways(), pathway).code; }
std::string_view pathway_label(Pathway pathway) { return entry_for(pathways(), pathway).label; }
std::optional<Pathway> parse_pathway(std::string_view code) { return parse_code(pathways(), code); }

std::string pathway_field(Pathway pathway, std::string_view name) {
  return std::string{pathway_code(pathway)} + "." + std::string{name};
}

}  // namespace resettle
