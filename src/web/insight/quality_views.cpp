// Quality sampling's JSON and CSV (see quality_views.hpp).
#include "web/insight/quality_views.hpp"

#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include "domain/csv.hpp"

namespace resettle::web {

namespace {

nlohmann::json unit_json(const services::SampledUnit& sampled) {
  return {{"scope", entry_for(scope_kinds(), sampled.unit.kind).code},
          {"code", sampled.unit.code},
          {"name", sampled.name},
          {"month", to_iso(sampled.month)}};
}

std::string joined_notes(const std::vector<std::string>& notes) {
  std::string joined;
  for (const auto& note : notes) joined += (joined.empty() ? "" : "\n") + note;
  return joined;
}

}  // namespace

std::string sampled_query(const services::SampledUnit& sampled) {
  return "scope=" + std::string{entry_for(scope_kinds(), sampled.unit.kind).code} +
         "&code=" + boost::urls::encode(sampled.unit.code, boost::urls::unreserved_chars) + "&month=" + to_iso(sampled.month);
}

nlohmann::json quality_review_json(const QualityReview& review) {
  auto answers = nlohmann::json::object();
  for (const auto& [question, answer] : review.answers)
    answers[std::string{entry_for(quality_questions(), question).code}] = {
        {"finding", entry_for(findings(), answer.finding).code}, {"note", answer.note}};
  return {{"version", review.version},
          {"reviewed_by", review.reviewed_by},
          {"reviewed_on", to_iso(review.reviewed_on)},
          {"answers", answers}};
}

nlohmann::json quality_sample_json(const services::QualitySample& sample) {
  auto cases = nlohmann::json::array();
  for (const auto& c : sample.cases)
    cases.push_back({{"person_id", c.person_id},
                     {"name", c.person ? nlohmann::json(c.person->full_name()) : nlohmann::json(nullptr)},
                     {"restricted", !c.person},
                     {"review", c.review ? quality_review_json(*c.review) : nlohmann::json(nullptr)}});
  auto json = unit_json(sample.sampled);
  json["size"] = sample.size;
  json["eligible"] = sample.eligible;
  json["cases"] = cases;
  return json;
}

nlohmann::json quality_review_case_json(const services::QualityReviewCase& review) {
  auto record = nlohmann::json::object();
  for (const auto& [question, says] : review.record)
    record[std::string{entry_for(quality_questions(), question).code}] = {{"met", says.met}, {"says", says.says}};
  auto json = unit_json(review.sampled);
  json["person_id"] = review.person.id;
  json["name"] = review.person.full_name();
  json["record"] = record;
  json["review"] = review.review ? quality_review_json(*review.review) : nlohmann::json(nullptr);
  return json;
}

nlohmann::json quality_themes_json(const services::QualityThemes& themes) {
  auto questions = nlohmann::json::array();
  for (const auto& theme : themes.summary.themes)
    questions.push_back({{"question", entry_for(quality_questions(), theme.question).code},
                         {"label", entry_for(quality_questions(), theme.question).label},
                         {"met", theme.met},
                         {"not_met", theme.not_met},
                         {"not_applicable", theme.not_applicable},
                         {"notes", theme.notes}});
  auto json = unit_json(themes.sampled);
  json["sampled"] = themes.summary.sampled;
  json["reviewed"] = themes.summary.reviewed;
  json["questions"] = questions;
  return json;
}

std::string quality_themes_csv(const QualitySummary& summary) {
  std::vector<std::vector<std::string>> rows{{"question_code", "question", "met", "not_met", "not_applicable", "reviewed", "notes"}};
  for (const auto& theme : summary.themes)
    rows.push_back({std::string{entry_for(quality_questions(), theme.question).code},
                    std::string{entry_for(quality_questions(), theme.question).label}, std::to_string(theme.met),
                    std::to_string(theme.not_met), std::to_string(theme.not_applicable), std::to_string(summary.reviewed),
                    joined_notes(theme.notes)});
  return write_csv(rows);
}

}  // namespace resettle::web
