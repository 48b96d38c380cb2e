#pragma once
// The JSON shapes of licences and the licence conditions catalogue.
#include <nlohmann/json.hpp>
#include <vector>

#include "domain/licence/licence.hpp"
#include "services/licence/licences.hpp"

namespace resettle::web {

nlohmann::json catalogue_summary_json(const ConditionCatalogue& catalogue);
nlohmann::json catalogue_json(const ConditionCatalogue& catalogue);
// A licence with each condition rendered from the catalogue version it was made under.
nlohmann::json licence_json(const Licence& licence, const ConditionCatalogue& catalogue,
                            const std::vector<ConditionChange>& changes);
// A booked induction (null for none) and the window it must fall in.
nlohmann::json induction_json(const std::optional<services::BookedInduction>& induction);
nlohmann::json induction_view_json(const services::InductionView& view);
nlohmann::json licence_overview_json(const services::LicenceOverview& overview, const ConditionCatalogues& catalogues);

}  // namespace resettle::web
