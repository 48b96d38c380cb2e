#pragma once
// How quality sampling is shown: the JSON of a sample, a review and the themes, and the themes' CSV.
#include <string>

#include <nlohmann/json.hpp>

#include "services/insight/quality_sample.hpp"

namespace resettle::web {

// The unit and month as a query string ("scope=team&code=LDS1&month=2026-11"), for links that keep them.
std::string sampled_query(const services::SampledUnit& sampled);

nlohmann::json quality_review_json(const QualityReview& review);
nlohmann::json quality_sample_json(const services::QualitySample& sample);
nlohmann::json quality_review_case_json(const services::QualityReviewCase& review);
nlohmann::json quality_themes_json(const services::QualityThemes& themes);
// One row per question: question code, question, met, not met, not applicable, reviewed, notes (one a line,
// not-met ones first).
std::string quality_themes_csv(const QualitySummary& summary);

}  // namespace resettle::web
