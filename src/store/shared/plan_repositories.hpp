#pragma once
// The needs, plan, checklist and outcome repositories of both stores, written once as repositories.hpp
// describes.
#include <cstdint>
#include <optional>
#include <vector>

#include "store/plan_repositories.hpp"
#include "store/shared/database.hpp"

namespace resettle::store::shared {

template <Database Db>
class NeedsAssessments final : public NeedsAssessmentRepository {
 public:
  explicit NeedsAssessments(Db& db) : db_(db) {}
  std::int64_t insert(const NeedsAssessment& assessment) override;
  std::vector<NeedsAssessment> for_person(std::int64_t person_id) override;
  // Every assessment of these people, by person id, then newest first: one read for them all.
  std::vector<NeedsAssessment> for_people(const std::vector<std::int64_t>& person_ids);

 private:
  Db& db_;
};

template <Database Db>
class Plans final : public PlanRepository {
 public:
  explicit Plans(Db& db) : db_(db) {}
  std::int64_t insert(const Plan& plan) override;
  std::optional<Plan> for_person(std::int64_t person_id) override;
  std::int64_t add_objective(std::int64_t plan_id, const Objective& objective) override;
  std::int64_t add_action(std::int64_t objective_id, const Action& action) override;
  void update_action(const Action& action) override;
  void add_review(std::int64_t plan_id, const Review& review) override;
  void add_agreement(std::int64_t plan_id, const Agreement& agreement) override;
  std::int64_t add_response(std::int64_t plan_id, const PlanResponse& response) override;
  void touch(const Plan& plan, std::int64_t expected_version) override;

 private:
  void read_parts(Plan& plan);
  Db& db_;
};

template <Database Db>
class Checklists final : public ChecklistRepository {
 public:
  explicit Checklists(Db& db) : db_(db) {}
  std::int64_t insert(const PreReleaseChecklist& checklist) override;
  std::optional<PreReleaseChecklist> for_person(std::int64_t person_id) override;
  void update(const PreReleaseChecklist& checklist, std::int64_t expected_version) override;

 private:
  void write_items(const PreReleaseChecklist& checklist);
  Db& db_;
};

template <Database Db>
class OutcomeSnapshots final : public OutcomeSnapshotRepository {
 public:
  explicit OutcomeSnapshots(Db& db) : db_(db) {}
  std::int64_t insert(const OutcomeSnapshot& snapshot) override;
  std::vector<OutcomeSnapshot> for_person(std::int64_t person_id) override;
  // Every snapshot of these people, by person id, then in the order recorded: one read for them all.
  std::vector<OutcomeSnapshot> for_people(const std::vector<std::int64_t>& person_ids);

 private:
  Db& db_;
};

}  // namespace resettle::store::shared
