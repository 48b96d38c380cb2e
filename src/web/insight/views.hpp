#pragma once
// How insight is shown: the JSON of a report, the CSV of each table, the page's tables and bar charts,
// and the JSON of a person's equality facts. Hidden (suppressed) counts are never written anywhere.
#include <string>

#include <nlohmann/json.hpp>

#include "services/insight/insight.hpp"
#include "web/http/router.hpp"
#include "web/http/view.hpp"
#include "web/web_context.hpp"

namespace resettle::web {

// What a hidden count is written as in tables and CSV (the statistical convention: "confidential").
inline constexpr std::string_view hidden_mark = "[c]";

// This server's kept insight figures, shared by the pages, the CSV and the API; made on first use with
// RESETTLE_INSIGHT_ALLOWED_AGE (a bad value throws).
services::InsightMemo& insight_memo();

nlohmann::json insight_json(const services::InsightReport& report);
// One row per group then "All": group code, group, people, met, share (%), difference from the rest
// (percentage points), flagged; hidden counts written as hidden_mark.
std::string measure_csv(const Segmentation& segmentation);
// One row per band then "All": band code, band, people.
std::string days_csv(const LatenessDistribution& distribution);
// One row per group then "All": group code, group, people, changes, days with a lead officer, changes
// per person per six months (to one decimal place); hidden counts written as hidden_mark.
std::string officer_changes_csv(const ChangeRates& rates);

// The page's view of one measure: caption, definition, table, chart and the CSV link; says so instead
// when every count is hidden. `query` is the report's query string, for the CSV link.
View measure_view(const Segmentation& segmentation, const std::string& query);
View progress_view(const ProgressSplit& progress, const std::string& query);
// A distribution's table and CSV link; `table` names it in the CSV link (/insight/csv/<table>).
View days_view(const LatenessDistribution& distribution, const std::string& caption, const std::string& table,
               const std::string& query);
View officer_changes_view(const ChangeRates& rates, const std::string& query);
// One row per service or pathway: its code, its name, then the people at each of referral_stages(); hidden
// counts written as hidden_mark.
std::string referrals_csv(const ReachTable& table);
// A referral table (`code`: referrals_by_service or referrals_by_pathway, in its CSV and drill-down links),
// each shown count linked to the people behind it; says so when every row is hidden.
View referrals_view(const ReachTable& table, const std::string& code, const std::string& caption,
                    const std::string& row_heading, const std::string& query);
// One row per unit: kind, code, name, people, then met and share (%), or changes and changes per person per
// six months when compared on the officer change rate, against the interquartile range (below, within,
// above); hidden counts written as hidden_mark.
std::string units_csv(const UnitComparison& comparison);
// The units within the scope on the compared measure, each the viewer may open named with a link to its own
// view (`drill` is the query after scope and code, period and choices kept), those outside the range tagged.
View units_view(const services::InsightReport& report, const std::string& drill, const std::string& query);

// A setting of the server's insight from the environment variable `name`: a whole number from `min`,
// or `fallback` when it is not set. Set by whoever runs the server, never by a viewer; a bad value stops
// the start (std::runtime_error naming the variable) rather than quietly using another.
int whole_number_setting(const char* name, int min, int fallback);

// The cases behind a number: who they are (those the viewer may see), how many were counted, how many are
// not named; a hidden number gives "suppressed": true, people_counted null and no one.
nlohmann::json insight_cases_json(const services::InsightCaseList& list);

nlohmann::json equality_facts_json(const services::PersonEqualityFacts& record);

}  // namespace resettle::web
