// Insight's JSON, CSV, tables and bar charts (see views.hpp).
#include "web/insight/views.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include "domain/catalogue.hpp"
#include "domain/csv.hpp"
#include "domain/staff_catalogue.hpp"

namespace resettle::web {

namespace {

std::string percent(double share) { return std::to_string(static_cast<int>(std::lround(share * 100))); }

int rounded_points(double difference) { return static_cast<int>(std::lround(difference * 100)); }

// The difference in percentage points, signed: "+12", "-3", "0" (the CSV's).
std::string points(double difference) {
  auto rounded = rounded_points(difference);
  return (rounded > 0 ? "+" : "") + std::to_string(rounded);
}

// The difference as a page says it: "+12 points", "+1 point".
std::string points_text(double difference) {
  return staff_text_plural("((points)) point", "((points)) points", std::abs(rounded_points(difference)),
                           {{"points", points(difference)}});
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

// A shown count, linked to the list of the cases behind it (`cases_href`, the row's group added) when
// there are any; a hidden one as hidden_mark, with no link.
View count_cell(bool hidden, int count, const std::string& cases_href) {
  if (hidden) return {{"text", std::string{hidden_mark}}, {"numeric", true}};
  if (count == 0) return {{"text", "0"}, {"numeric", true}};
  return {{"text", std::to_string(count)}, {"href", cases_href}, {"numeric", true}};
}

// `cases_href` is the drill-down's link for the measure, without the group.
View table_row(const SegmentRow& row, bool total, const std::string& cases_href) {
  auto hidden = std::string{hidden_mark};
  auto group_href = cases_href + "&group=" + (total ? std::string{"total"} : row.group.code);
  auto cells = View::list();
  cells.push_back(count_cell(row.hidden, row.people, group_href));
  cells.push_back(count_cell(row.hidden, row.met, group_href + "&met=yes"));
  cells.push_back({{"text", row.share ? percent(*row.share) + "%" : (row.hidden ? hidden : "")}, {"numeric", true}});
  auto difference = View::object({{"text", row.difference ? points_text(*row.difference) : ""}, {"numeric", true}});
  if (row.flagged) difference = {{"tag", {{"text", points_text(*row.difference)}, {"colour", "orange"}}}, {"numeric", true}};
  cells.push_back(difference);
  return {{"row_header", {{"text", total ? std::string{staff_text("All")} : row.group.label}}}, {"cells", cells}};
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
    auto value = row.share ? percent(*row.share) + "%" : std::string{staff_text("hidden (small numbers)")};
    auto width = row.share ? static_cast<int>(std::lround(*row.share * bar_width)) : 0;
    bars.push_back({{"label", row.group.label}, {"value", value}, {"label_y", y + 14}, {"bar_y", y + 20},
                    {"text_y", y + 34}, {"width", width}, {"value_x", width + 6}});
    described += (described.empty() ? "" : "; ") + staff_text("((group)): ((share))", {{"group", row.group.label}, {"share", value}});
    y += row_height;
  }
  return {{"id", id}, {"title", title}, {"description", described}, {"height", std::max(y, 1)}, {"width", bar_width + 200},
          {"bars", bars}};
}

// A share measure split by a characteristic; `measure` is its code.
nlohmann::json share_json(std::string_view measure, std::string_view title, std::string_view definition,
                          const Segmentation& segmentation) {
  auto rows = nlohmann::json::array();
  for (const auto& row : segmentation.rows) rows.push_back(row_json(row));
  return {{"measure", measure},
          {"title", title},
          {"definition", definition},
          {"all_suppressed", segmentation.all_hidden()},
          {"total", row_json(segmentation.total)},
          {"rows", rows}};
}

// A share measure's table, chart and CSV link; `code` is its code, in the CSV link and the chart's id.
View share_view(const std::string& code, const std::string& title, std::string_view definition,
                const Segmentation& segmentation, const std::string& query) {
  auto rows = View::list();
  auto cases_href = "/insight/cases?" + query + "&measure=" + code;
  for (const auto& row : segmentation.rows) rows.push_back(table_row(row, false, cases_href));
  rows.push_back(table_row(segmentation.total, true, cases_href));
  return {{"id", code},
          {"title", title},
          {"definition", std::string{definition}},
          {"all_hidden", segmentation.all_hidden()},
          {"table", {{"caption", title},
                     {"head", {{{"text", std::string{entry_for(characteristics(), segmentation.characteristic).label}}},
                               {{"text", staff_text("People")}, {"numeric", true}},
                               {{"text", staff_text("Met")}, {"numeric", true}},
                               {{"text", staff_text("Share")}, {"numeric", true}},
                               {{"text", staff_text("Against everyone else")}, {"numeric", true}}}},
                     {"rows", rows}}},
          {"chart", chart("chart-" + code, staff_text("((title)), share by group", {{"title", title}}), segmentation.rows)},
          {"csv_href", "/insight/csv/" + code + "?" + query}};
}

nlohmann::json days_json(const LatenessDistribution& distribution) {
  auto buckets = nlohmann::json::array();
  for (const auto& bucket : distribution.buckets)
    buckets.push_back({{"band", bucket.code}, {"label", bucket.label}, {"suppressed", bucket.hidden},
                       {"people", count_or_null(bucket.hidden, bucket.people)}});
  return {{"total", count_or_null(distribution.total_hidden, distribution.total)}, {"buckets", buckets}};
}

// One decimal place, as the rate is small (most people see one officer or two).
std::string one_decimal(double rate) {
  auto tenths = static_cast<long>(std::lround(rate * 10));
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10);
}

nlohmann::json change_rate_json(const ChangeRateRow& row) {
  return {{"group", row.group.code},
          {"label", row.group.label},
          {"unknown", row.group.unknown},
          {"suppressed", row.hidden},
          {"people", count_or_null(row.hidden, row.people)},
          {"changes", count_or_null(row.hidden, row.changes)},
          {"per_six_months", row.per_six_months ? nlohmann::json(*row.per_six_months) : nlohmann::json(nullptr)}};
}

std::vector<std::string> change_rate_cells(const ChangeRateRow& row) {
  auto hidden = std::string{hidden_mark};
  return {row.hidden ? hidden : std::to_string(row.people), row.hidden ? hidden : std::to_string(row.changes),
          row.per_six_months ? one_decimal(*row.per_six_months) : (row.hidden ? hidden : "")};
}

std::string_view against_code(AgainstRange against) {
  switch (against) {
    case AgainstRange::below: return "below";
    case AgainstRange::above: return "above";
    case AgainstRange::within: break;
  }
  return "within";
}

nlohmann::json unit_json(const UnitShare& unit, bool by_rate) {
  nlohmann::json row{{"kind", entry_for(scope_kinds(), unit.unit.kind).code},
                     {"code", unit.unit.code},
                     {"name", unit.name},
                     {"suppressed", unit.hidden},
                     {"people", count_or_null(unit.hidden, unit.people)},
                     {"against_range", against_code(unit.against)}};
  if (by_rate) {
    row["changes"] = count_or_null(unit.hidden, unit.changes);
    row["per_six_months"] = unit.per_six_months ? nlohmann::json(*unit.per_six_months) : nlohmann::json(nullptr);
  } else {
    row["met"] = count_or_null(unit.hidden, unit.met);
    row["share"] = unit.share ? nlohmann::json(*unit.share) : nlohmann::json(nullptr);
  }
  return row;
}

View numeric_cells(const std::vector<std::string>& texts) {
  auto cells = View::list();
  for (const auto& text : texts) cells.push_back({{"text", text}, {"numeric", true}});
  return cells;
}

nlohmann::json units_json(const services::InsightReport& report) {
  auto rows = nlohmann::json::array();
  for (const auto& unit : report.units.units) rows.push_back(unit_json(unit, report.units.by_rate));
  auto quartiles = nlohmann::json(nullptr);
  if (const auto& q = report.units.quartiles) quartiles = {{"lower", q->lower}, {"median", q->median}, {"upper", q->upper}};
  return {{"measure", report.compared.code},
          {"compared_on", report.units.by_rate ? "changes_per_six_months" : "share"},
          {"quartiles", quartiles},
          {"rows", rows}};
}

nlohmann::json reach_json(const ReachTable& table) {
  auto rows = nlohmann::json::array();
  for (const auto& row : table.rows) {
    nlohmann::json people;
    for (const auto& stage : referral_stages())
      people[std::string{stage.code}] = count_or_null(row.hidden, row.people[static_cast<std::size_t>(stage.value)]);
    rows.push_back({{"code", row.code}, {"label", row.label}, {"suppressed", row.hidden}, {"people", people}});
  }
  return {{"all_suppressed", table.all_hidden()}, {"rows", rows}};
}

}  // namespace

nlohmann::json insight_json(const services::InsightReport& report) {
  auto measures = nlohmann::json::array();
  for (const auto& segmentation : report.measures) {
    const auto& measure = entry_for(resettle::measures(), segmentation.measure);
    measures.push_back(share_json(measure.code, measure.label, definition_of(segmentation.measure), segmentation));
  }
  auto progress = nlohmann::json::array();
  for (const auto& split : report.progress) {
    const auto& measure = entry_for(progress_measures(), split.measure);
    progress.push_back(share_json(measure.code, measure.label, definition_of(split.measure), split.split));
  }
  auto rates = nlohmann::json::array();
  for (const auto& row : report.officer_changes.rows) rates.push_back(change_rate_json(row));
  return {{"scope", {{"kind", entry_for(scope_kinds(), report.scope.kind).code}, {"code", report.scope.code},
                     {"name", report.scope_name}}},
          {"period", {{"from", to_iso(report.period.from)}, {"to", to_iso(report.period.to)}}},
          {"characteristic", entry_for(characteristics(), report.characteristic).code},
          {"suppression_threshold", report.rules.threshold},
          {"flag_margin", report.rules.margin},
          {"measures", measures},
          {"progress_measures", progress},
          {"handover_lateness", days_json(report.lateness)},
          {"referral_first_contact", days_json(report.first_contact)},
          {"units", units_json(report)},
          {"referrals", {{"group", report.referrals_group.code},
                         {"by_service", reach_json(report.referrals.by_service)},
                         {"by_pathway", reach_json(report.referrals.by_pathway)}}},
          {"worked_out_at", services::to_iso_timestamp(report.worked_out.at)},
          {"changed_since", report.changed_since},
          {"officer_changes", {{"all_suppressed", report.officer_changes.all_hidden()},
                               {"total", change_rate_json(report.officer_changes.total)},
                               {"rows", rates}}}};
}

std::string measure_csv(const Segmentation& segmentation) {
  std::vector<std::vector<std::string>> rows{
      {"group_code", "group", "people", "met", "share_percent", "difference_points", "flagged"}};
  for (const auto& row : segmentation.rows) rows.push_back(csv_row(row));
  rows.push_back(csv_row(segmentation.total));
  return write_csv(rows);
}

std::string days_csv(const LatenessDistribution& distribution) {
  auto hidden = std::string{hidden_mark};
  std::vector<std::vector<std::string>> rows{{"band_code", "band", "people"}};
  for (const auto& bucket : distribution.buckets)
    rows.push_back({bucket.code, bucket.label, bucket.hidden ? hidden : std::to_string(bucket.people)});
  rows.push_back({"total", "All", distribution.total_hidden ? hidden : std::to_string(distribution.total)});
  return write_csv(rows);
}

std::string officer_changes_csv(const ChangeRates& rates) {
  std::vector<std::vector<std::string>> rows{
      {"group_code", "group", "people", "changes", "days_with_lead_officer", "changes_per_six_months"}};
  auto add = [&](const ChangeRateRow& row) {
    auto cells = change_rate_cells(row);
    rows.push_back({row.group.code, row.group.label, cells[0], cells[1],
                    row.hidden ? std::string{hidden_mark} : std::to_string(row.days), cells[2]});
  };
  std::ranges::for_each(rates.rows, add);
  add(rates.total);
  return write_csv(rows);
}

std::string referrals_csv(const ReachTable& table) {
  std::vector<std::vector<std::string>> rows{{"code", "name"}};
  for (const auto& stage : referral_stages()) rows[0].push_back(std::string{stage.code});
  for (const auto& row : table.rows) {
    rows.push_back({row.code, row.label});
    for (auto people : row.people) rows.back().push_back(row.hidden ? std::string{hidden_mark} : std::to_string(people));
  }
  return write_csv(rows);
}

std::string units_csv(const UnitComparison& comparison) {
  auto hidden = std::string{hidden_mark};
  std::vector<std::vector<std::string>> rows{{"kind", "code", "name", "people",
                                              comparison.by_rate ? "changes" : "met",
                                              comparison.by_rate ? "changes_per_six_months" : "share_percent",
                                              "against_range"}};
  for (const auto& unit : comparison.units) {
    auto value = comparison.by_rate ? (unit.per_six_months ? one_decimal(*unit.per_six_months) : "")
                                    : (unit.share ? percent(*unit.share) : "");
    rows.push_back({std::string{entry_for(scope_kinds(), unit.unit.kind).code}, unit.unit.code, unit.name,
                    unit.hidden ? hidden : std::to_string(unit.people),
                    unit.hidden ? hidden : std::to_string(comparison.by_rate ? unit.changes : unit.met),
                    unit.hidden ? hidden : value, std::string{against_code(unit.against)}});
  }
  return write_csv(rows);
}

View units_view(const services::InsightReport& report, const std::string& drill, const std::string& query) {
  auto hidden = std::string{hidden_mark};
  auto by_rate = report.units.by_rate;
  auto rows = View::list();
  for (const auto& unit : report.units.units) {
    auto kind = std::string{entry_for(scope_kinds(), unit.unit.kind).code};
    auto code = boost::urls::encode(unit.unit.code, boost::urls::unreserved_chars);
    // The people behind a unit's counts, for a viewer who may open the unit's own view.
    auto cases_href = "/insight/cases?scope=" + kind + "&code=" + code + "&" + drill + "&measure=" + report.compared.code;
    auto count = [&](int n, const std::string& href) -> View {
      if (unit.may_open) return count_cell(unit.hidden, n, href);
      return {{"text", unit.hidden ? hidden : std::to_string(n)}, {"numeric", true}};
    };
    auto cells = View::list();
    cells.push_back(count(unit.people, cases_href));
    if (by_rate) {
      cells.push_back({{"text", unit.hidden ? hidden : std::to_string(unit.changes)}, {"numeric", true}});
      cells.push_back({{"text", unit.per_six_months ? one_decimal(*unit.per_six_months) : (unit.hidden ? hidden : "")},
                       {"numeric", true}});
    } else {
      cells.push_back(count(unit.met, cases_href + "&met=yes"));
      cells.push_back({{"text", unit.share ? percent(*unit.share) + "%" : (unit.hidden ? hidden : "")}, {"numeric", true}});
    }
    auto against = View::object({{"text", ""}});
    if (unit.against != AgainstRange::within)
      against = {{"tag", {{"text", unit.against == AgainstRange::below ? staff_text("Below the range") : staff_text("Above the range")},
                          {"colour", "orange"}}}};
    cells.push_back(against);
    auto header = View::object({{"text", unit.name}});
    if (unit.may_open)
      header["href"] = "/insight?scope=" + kind + "&code=" + code + "&" + drill;
    rows.push_back({{"row_header", header},
                    {"cells", cells}});
  }
  auto range = std::string{};
  if (const auto& q = report.units.quartiles)
    range = by_rate ? staff_text("The middle half of the units lies between ((lower)) and ((upper)) changes per person per "
                                 "six months.",
                                 {{"lower", one_decimal(q->lower)}, {"upper", one_decimal(q->upper)}})
                    : staff_text("The middle half of the units lies between ((lower))% and ((upper))%.",
                                 {{"lower", percent(q->lower)}, {"upper", percent(q->upper)}});
  return {{"title", report.compared.title},
          {"definition", std::string{report.compared.definition}},
          {"range", range},
          {"any", !report.units.units.empty()},
          {"table", {{"caption", staff_text("Units within ((scope)): ((measure))", {{"scope", report.scope_name}, {"measure", report.compared.title}})},
                     {"head", {{{"text", staff_text("Unit")}},
                               {{"text", staff_text("People")}, {"numeric", true}},
                               {{"text", by_rate ? staff_text("Changes") : staff_text("Met")}, {"numeric", true}},
                               {{"text", by_rate ? staff_text("Per person per six months") : staff_text("Share")},
                                {"numeric", true}},
                               {{"text", staff_text("Against the range")}}}},
                     {"rows", rows}}},
          {"by_rate", by_rate},
          {"csv_href", "/insight/csv/units?" + query}};
}

View measure_view(const Segmentation& segmentation, const std::string& query) {
  const auto& measure = entry_for(measures(), segmentation.measure);
  return share_view(std::string{measure.code}, std::string{measure.label}, definition_of(segmentation.measure),
                    segmentation, query);
}

View progress_view(const ProgressSplit& progress, const std::string& query) {
  const auto& measure = entry_for(progress_measures(), progress.measure);
  return share_view(std::string{measure.code}, std::string{measure.label}, definition_of(progress.measure), progress.split,
                    query);
}

View days_view(const LatenessDistribution& distribution, const std::string& caption, const std::string& table,
               const std::string& query) {
  auto hidden = std::string{hidden_mark};
  auto rows = View::list();
  auto cases_href = "/insight/cases?" + query + "&measure=" + table + "&band=";
  for (const auto& bucket : distribution.buckets)
    rows.push_back({{"row_header", {{"text", bucket.label}}},
                    {"cells", View::list({count_cell(bucket.hidden, bucket.people, cases_href + bucket.code)})}});
  rows.push_back({{"row_header", {{"text", staff_text("All")}}},
                  {"cells", numeric_cells({distribution.total_hidden ? hidden : std::to_string(distribution.total)})}});
  auto all_hidden = distribution.total == 0 || distribution.total_hidden;
  return {{"all_hidden", all_hidden},
          {"table", {{"caption", caption},
                     {"head", {{{"text", staff_text("Days")}}, {{"text", staff_text("People")}, {"numeric", true}}}},
                     {"rows", rows}}},
          {"csv_href", "/insight/csv/" + table + "?" + query}};
}

// A row of the change rates, its people linked to the cases behind them.
View change_rate_row(const ChangeRateRow& row, const std::string& label, const std::string& group_href) {
  auto texts = change_rate_cells(row);
  auto cells = View::list({count_cell(row.hidden, row.people, group_href)});
  for (const auto& text : {texts[1], texts[2]}) cells.push_back({{"text", text}, {"numeric", true}});
  return {{"row_header", {{"text", label}}}, {"cells", cells}};
}

View officer_changes_view(const ChangeRates& rates, const std::string& query) {
  auto rows = View::list();
  auto cases_href = "/insight/cases?" + query + "&measure=officer_changes&group=";
  for (const auto& row : rates.rows) rows.push_back(change_rate_row(row, row.group.label, cases_href + row.group.code));
  rows.push_back(change_rate_row(rates.total, staff_text("All"), cases_href + "total"));
  return {{"all_hidden", rates.all_hidden()},
          {"table", {{"caption", staff_text("Changes of lead officer per person per six months")},
                     {"head", {{{"text", std::string{entry_for(characteristics(), rates.characteristic).label}}},
                               {{"text", staff_text("People")}, {"numeric", true}},
                               {{"text", staff_text("Changes")}, {"numeric", true}},
                               {{"text", staff_text("Per person per six months")}, {"numeric", true}}}},
                     {"rows", rows}}},
          {"csv_href", "/insight/csv/officer_changes?" + query}};
}

View referrals_view(const ReachTable& table, const std::string& code, const std::string& caption,
                    const std::string& row_heading, const std::string& query) {
  auto rows = View::list();
  auto cases_href = "/insight/cases?" + query + "&measure=" + code + "&row=";
  for (const auto& row : table.rows) {
    auto cells = View::list();
    auto row_href = cases_href + boost::urls::encode(row.code, boost::urls::unreserved_chars) + "&stage=";
    for (const auto& stage : referral_stages())
      cells.push_back(count_cell(row.hidden, row.people[static_cast<std::size_t>(stage.value)],
                                 row_href + std::string{stage.code}));
    rows.push_back({{"row_header", {{"text", row.label}}}, {"cells", cells}});
  }
  auto head = View::list({{{"text", row_heading}}});
  for (const auto& stage : referral_stages()) head.push_back({{"text", std::string{stage.label}}, {"numeric", true}});
  return {{"id", code},
          {"all_hidden", table.all_hidden()},
          {"table", {{"caption", caption}, {"head", head}, {"rows", rows}}},
          {"csv_href", "/insight/csv/" + code + "?" + query}};
}

nlohmann::json insight_cases_json(const services::InsightCaseList& list) {
  auto people = nlohmann::json::array();
  for (const auto& person : list.people)
    people.push_back({{"id", person.id}, {"name", person.full_name()}, {"prison_number", person.prison_number},
                      {"crn", person.crn}});
  return {{"scope", {{"kind", entry_for(scope_kinds(), list.scope.kind).code}, {"code", list.scope.code},
                     {"name", list.scope_name}}},
          {"period", {{"from", to_iso(list.period.from)}, {"to", to_iso(list.period.to)}}},
          {"characteristic", entry_for(characteristics(), list.characteristic).code},
          {"measure", list.measure.code},
          {"group", list.group.code},
          {"only_met", list.only_met},
          {"suppressed", list.hidden},
          {"people_counted", count_or_null(list.hidden, list.counted)},
          {"not_named", list.not_named},
          {"not_listed", list.not_listed},
          {"people", people}};
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
