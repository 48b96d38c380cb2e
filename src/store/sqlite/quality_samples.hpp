#pragma once
// SQLite implementation of the quality review repository.
#include "store/quality_sample_repositories.hpp"
#include "store/sqlite/database.hpp"

namespace resettle::store::sqlite {

class SqliteQualityReviews final : public QualityReviewRepository {
 public:
  explicit SqliteQualityReviews(Connection& db) : db_(db) {}
  std::optional<QualityReview> find(const InsightScope& unit, Month month, std::int64_t person_id) override;
  std::vector<QualityReview> for_month(const InsightScope& unit, Month month) override;
  std::int64_t save(const QualityReview& review, std::int64_t expected_version) override;

 private:
  Connection& db_;
};

}  // namespace resettle::store::sqlite
