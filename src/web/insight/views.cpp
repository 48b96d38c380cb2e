// Insight's JSON, CSV, tables and bar charts (see views.hpp).
#include "web/insight/views.hpp"

#include <cmath>

#include "domain/csv.hpp"

namespace resettle::web {

namespace {

std::string percent(double share) { return std::to_string(static_cast<int>(std::lround(share * 100))); }

std::string points(double difference) {
  auto rounded = static_cast<int>(std::lround(difference * 100));
  return (rounded > 0 ? "+" : "") + std::to_string(rounded);
}

nlohmann::json count_or_null(bool hidden, int count) { return hidden ? nlohmann::json(nullptr) : nlohmann::json(count); }

nlohmann::json row_json(const SegmentRow& row) {
  nlohmann::json json{{"group", row.group.code},
                      {"label", row.group.label},
                      {"unknown", row.group.unknown},
                      {"suppressed", row.hidden},
                      {"people", count_or_null(row.hidden, row.people)},
                      {"met", count_or_null(row.hidden, row.met)},
                      {"share", row.share ? nlohmann::json(*row.share) : nlohmann::json(nullptr)},
                      {"difference", row.difference ? nlohmann::json(*row.difference) : nlohmann::json(nullptr)},
                      {"flagged", row.flagged}};
  return json;
}

std::vector<std::string> csv_row(const SegmentRow& row) {
  auto hidden = std::string{hidden_mark};
  return {row.group.code,
          row.group.label,
          row.hidden ? hidden : std::to_string(row.people),
          row.hidden ? hidden : std::to_string(row.met),
          row.hidden ? hidden : (row.share ? percent(*row.share) : ""),
          row.difference ? points(*row.difference) : "",
          row.flagged ? "yes" : "no"};
}

View table_row(const SegmentRow& row, bool total) {
  auto hidden = std::string{hidden_mark};
  auto cells = View::list();
  cells.push_back({{"text", row.hidden ? hidden : std::to_string(row.people)}, {"numeric", true}});
  cells.push_back({{"text", row.hidden ? hidden : std::to_string(row.met)}, {"numeric", true}});
  cells.push_back({{"text", row.share ? percent(*row.share) + "%" : (row.hidden ? hidden : "")}, {"numeric", true}});
  auto difference = View::object({{"text", row.difference ? points(*row.difference) + " points" : ""}, {"numeric", true}});
  if (row.flagged) difference = {{"tag", {{"text", points(*row.difference) + " points"}, {"colour", "orange"}}}, {"numeric", true}};
  cells.push_back(difference);
  return {{"row_header", {{"text", total ? std::string{"All"} : row.group.label}}}, {"cells", cells}};
}

// A horizontal bar chart of the shown shares: each group's name above its bar, the share after it;
// hidden groups are named as hidden, with no bar.
View chart(const std::string& id, const std::string& title, const std::vector<SegmentRow>& rows) {
  constexpr int row_height = 44, bar_width = 400;
  auto bars = View::list();
  std::string described;
  int y = 0;
  for (const auto& row : rows) {
    if (row.people == 0 && !row.hidden) continue;
    auto value = row.share ? percent(*row.share) + "%" : std::string{"hidden (small numbers)"};
    auto width = row.share ? static_cast<int>(std::lround(*row.share * bar_width)) : 0;
    bars.push_back({{"label", row.group.label}, {"value", value}, {"label_y", y + 14}, {"bar_y", y + 20},
                    {"text_y", y + 34}, {"width", width}, {"value_x", width + 6}});
    described += (described.empty() ? "" : "; ") + row.group.label + ": " + value;
    y += row_height;
  }
  return {{"id", id}, {"title", title}, {"description", described}, {"height", std::max(y, 1)}, {"width", bar_width + 200},
          {"bars", bars}};
}

}  // namespace

nlohmann::json insight_json(const services::InsightReport& report) {
  auto measures = nlohmann::json::array();
  for (const auto& segmentation : report.measures) {
    const auto& measure = entry_for(resettle::measures(), segmentation.measure);
    auto rows = nlohmann::json::array();
    for (const auto& row : segmentation.rows) rows.push_back(row_json(row));
    measures.push_back({{"measure", measure.code},
                        {"title", measure.label},
                        {"definition", definition_of(segmentation.measure)},
                        {"all_suppressed", segmentation.all_hidden()},
                        {"total", row_json(segmentation.total)},
                        {"rows", rows}});
  }
  auto buckets = nlohmann::json::array();
  for (const auto& bucket : report.lateness.buckets)
    buckets.push_back({{"band", bucket.code}, {"label", bucket.label}, {"suppressed", bucket.hidden},
                       {"people", count_or_null(bucket.hidden, bucket.people)}});
  return {{"scope", {{"kind", entry_for(scope_kinds(), report.scope.kind).code}, {"code", report.scope.code},
                     {"name", report.scope_name}}},
          {"period", {{"from", to_iso(report.period.from)}, {"to", to_iso(report.period.to)}}},
          {"characteristic", entry_for(characteristics(), report.characteristic).code},
          {"suppression_threshold", report.rules.threshold},
          {"flag_margin", report.rules.margin},
          {"measures", measures},
          {"handover_lateness", {{"total", count_or_null(report.lateness.total_hidden, report.lateness.total)},
                                 {"buckets", buckets}}}};
}

std::string measure_csv(const Segmentation& segmentation) {
  std::vector<std::vector<std::string>> rows{
      {"group_code", "group", "people", "met", "share_percent", "difference_points", "flagged"}};
  for (const auto& row : segmentation.rows) rows.push_back(csv_row(row));
  rows.push_back(csv_row(segmentation.total));
  return write_csv(rows);
}

std::string lateness_csv(const LatenessDistribution& distribution) {
  auto hidden = std::string{hidden_mark};
  std::vector<std::vector<std::string>> rows{{"band_code", "band", "people"}};
  for (const auto& bucket : distribution.buckets)
    rows.push_back({bucket.code, bucket.label, bucket.hidden ? hidden : std::to_string(bucket.people)});
  rows.push_back({"total", "All", distribution.total_hidden ? hidden : std::to_string(distribution.total)});
  return write_csv(rows);
}

View measure_view(const Segmentation& segmentation, const std::string& query) {
  const auto& measure = entry_for(measures(), segmentation.measure);
  auto rows = View::list();
  for (const auto& row : segmentation.rows) rows.push_back(table_row(row, false));
  rows.push_back(table_row(segmentation.total, true));
  auto caption = std::string{measure.label};
  return {{"id", measure.code},
          {"title", caption},
          {"definition", definition_of(segmentation.measure)},
          {"all_hidden", segmentation.all_hidden()},
          {"table", {{"caption", caption},
                     {"head", {{{"text", std::string{entry_for(characteristics(), segmentation.characteristic).label}}},
                               {{"text", "People"}, {"numeric", true}},
                               {{"text", "Met"}, {"numeric", true}},
                               {{"text", "Share"}, {"numeric", true}},
                               {{"text", "Against everyone else"}, {"numeric", true}}}},
                     {"rows", rows}}},
          {"chart", chart("chart-" + std::string{measure.code}, caption + ", share by group", segmentation.rows)},
          {"csv_href", "/insight/csv/" + std::string{measure.code} + "?" + query}};
}

View lateness_view(const LatenessDistribution& distribution, const std::string& query) {
  auto hidden = std::string{hidden_mark};
  auto rows = View::list();
  for (const auto& bucket : distribution.buckets)
    rows.push_back({{"row_header", {{"text", bucket.label}}},
                    {"cells", View::list({{{"text", bucket.hidden ? hidden : std::to_string(bucket.people)}, {"numeric", true}}})}});
  rows.push_back({{"row_header", {{"text", "All"}}},
                  {"cells", View::list({{{"text", distribution.total_hidden ? hidden : std::to_string(distribution.total)},
                                         {"numeric", true}}})}});
  auto all_hidden = distribution.total == 0 || distribution.total_hidden;
  return {{"all_hidden", all_hidden},
          {"table", {{"caption", "How late community offender managers were allocated"},
                     {"head", {{{"text", "Days after the start date"}}, {{"text", "People"}, {"numeric", true}}}},
                     {"rows", rows}}},
          {"csv_href", "/insight/csv/com_lateness?" + query}};
}

nlohmann::json equality_facts_json(const services::PersonEqualityFacts& record) {
  nlohmann::json json{{"person_id", record.person.id}, {"recorded", record.facts.has_value()}};
  if (!record.facts) return json;
  auto answers = nlohmann::json::object();
  for (const auto& [characteristic, code] : record.facts->answers)
    answers[std::string{entry_for(characteristics(), characteristic).code}] = code;
  json["answers"] = answers;
  json["consent_given_on"] = to_iso(record.facts->consent_given_on);
  json["recorded_by"] = record.recorded_by_name;
  return json;
}

}  // namespace resettle::web
