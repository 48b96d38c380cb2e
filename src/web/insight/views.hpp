#pragma once
// How insight is shown: the JSON of a report, the CSV of each table, the page's tables and bar charts,
// and the JSON of a person's equality facts. Hidden (suppressed) counts are never written anywhere.
#include <string>

#include <nlohmann/json.hpp>

#include "services/insight/insight.hpp"
#include "web/http/view.hpp"

namespace resettle::web {

// What a hidden count is written as in tables and CSV (the statistical convention: "confidential").
inline constexpr std::string_view hidden_mark = "[c]";

nlohmann::json insight_json(const services::InsightReport& report);
// One row per group then "All": group code, group, people, met, share (%), difference from the rest
// (percentage points), flagged; hidden counts written as hidden_mark.
std::string measure_csv(const Segmentation& segmentation);
// One row per band then "All": band code, band, people.
std::string lateness_csv(const LatenessDistribution& distribution);

// The page's view of one measure: caption, definition, table, chart and the CSV link; says so instead
// when every count is hidden. `query` is the report's query string, for the CSV link.
View measure_view(const Segmentation& segmentation, const std::string& query);
View lateness_view(const LatenessDistribution& distribution, const std::string& query);

nlohmann::json equality_facts_json(const services::PersonEqualityFacts& record);

}  // namespace resettle::web
