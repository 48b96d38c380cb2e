#pragma once
// The seven resettlement pathways: the shared headings for needs, plan objectives, the
// pre-release checklist and outcome snapshots.
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "domain/code_list.hpp"

namespace resettle {

enum class Pathway {
  accommodation,
  education_training_employment,
  health,  // physical and mental
  drugs_alcohol,
  finance_benefits_debt,  // including ID documents and a bank account
  children_families_relationships,
  attitudes_thinking_behaviour,
};

std::span<const Coded<Pathway>> pathways();  // in the order pages show them
std::string_view pathway_code(Pathway pathway);
std::string_view pathway_label(Pathway pathway);
std::optional<Pathway> parse_pathway(std::string_view code);

// Name of a per-pathway form field, e.g. pathway_field(Pathway::accommodation, "need_level")
// gives "accommodation.need_level", so errors point at the exact box on a page.
std::string pathway_field(Pathway pathway, std::string_view name);

}  // namespace resettle
