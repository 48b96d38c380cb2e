#pragma once
// The repository of quality sampling (migration 39): managers' reviews of the cases in a unit's monthly
// sample. The sample itself is not stored: it is drawn again from the cases each time (draw_sample).
#include <cstdint>
#include <optional>
#include <vector>

#include "domain/insight/quality_sample.hpp"

namespace resettle::store {

class QualityReviewRepository {
 public:
  virtual ~QualityReviewRepository() = default;
  // The review of the person in the unit's sample for the month, or empty when not reviewed yet.
  virtual std::optional<QualityReview> find(const InsightScope& unit, Month month, std::int64_t person_id) = 0;
  // Every review for the unit and month, in person id order; empty when none.
  virtual std::vector<QualityReview> for_month(const InsightScope& unit, Month month) = 0;
  // Writes the review (a new one when expected_version is 0) if the stored version is still
  // expected_version; StaleVersion otherwise (a review stored meanwhile included). Returns the version
  // written. Never deleted: a change is a new version, journalled by the caller.
  virtual std::int64_t save(const QualityReview& review, std::int64_t expected_version) = 0;
};

}  // namespace resettle::store
