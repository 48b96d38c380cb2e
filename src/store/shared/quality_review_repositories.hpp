#pragma once
// The quality reviews of sampled cases, written once for both stores as repositories.hpp describes.
#include <cstdint>
#include <optional>
#include <vector>

#include "store/quality_sample_repositories.hpp"
#include "store/shared/database.hpp"

namespace resettle::store::shared {

template <Database Db>
class QualityReviews final : public QualityReviewRepository {
 public:
  explicit QualityReviews(Db& db) : db_(db) {}
  std::optional<QualityReview> find(const InsightScope& unit, Month month, std::int64_t person_id) override;
  std::vector<QualityReview> for_month(const InsightScope& unit, Month month) override;
  std::int64_t save(const QualityReview& review, std::int64_t expected_version) override;

 private:
  Db& db_;
};

}  // namespace resettle::store::shared
