#pragma once
// The licence, release day, day-of-release decision and recall repositories of both stores, written
// once as repositories.hpp describes.
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <vector>

#include "store/licence_repositories.hpp"
#include "store/recall_repositories.hpp"
#include "store/release_day_repositories.hpp"
#include "store/release_repositories.hpp"
#include "store/shared/database.hpp"

namespace resettle::store::shared {

// In licences.cpp.
template <Database Db>
class Licences final : public LicenceRepository {
 public:
  explicit Licences(Db& db) : db_(db) {}
  std::int64_t insert(const Licence& licence) override;
  std::optional<Licence> find(std::int64_t id) override;
  void update(const Licence& licence, std::int64_t expected_version) override;
  std::vector<Licence> for_person(std::int64_t person_id) override;
  std::map<std::int64_t, LicenceStatus> latest_statuses(const std::vector<std::int64_t>& person_ids) override;
  std::int64_t add_response(const ConditionResponse& response) override;
  std::vector<ConditionResponse> responses(std::int64_t licence_id) override;

 private:
  Db& db_;
};

// In releases.cpp.
template <Database Db>
class ReleaseDays final : public ReleaseDayRepository {
 public:
  explicit ReleaseDays(Db& db) : db_(db) {}
  std::int64_t insert(const ReleaseDayRecord& record) override;
  std::optional<ReleaseDayRecord> latest_for_person(std::int64_t person_id) override;
  // The latest release of each of these people who has one, in person id order: one read for them all.
  std::vector<ReleaseDayRecord> latest_for_people(const std::vector<std::int64_t>& person_ids);
  void update(const ReleaseDayRecord& record, std::int64_t expected_version) override;

 private:
  Db& db_;
};

// In release_day_repositories.cpp.
template <Database Db>
class ReleaseDayDecisions final : public ReleaseDayDecisionRepository {
 public:
  explicit ReleaseDayDecisions(Db& db) : db_(db) {}
  std::int64_t insert(const ReleaseDayDecision& decision) override;
  std::vector<ReleaseDayDecision> for_person(std::int64_t person_id) override;
  std::vector<ReleaseDayDecision> newest_for(std::span<const std::int64_t> person_ids) override;

 private:
  Db& db_;
};

// In recalls.cpp.
template <Database Db>
class Recalls final : public RecallRepository {
 public:
  explicit Recalls(Db& db) : db_(db) {}
  std::int64_t insert(const RecallConsideration& consideration) override;
  std::optional<RecallConsideration> find(std::int64_t id) override;
  void update(const RecallConsideration& consideration, std::int64_t expected_version) override;
  std::vector<RecallConsideration> for_person(std::int64_t person_id) override;

 private:
  Db& db_;
};

}  // namespace resettle::store::shared
