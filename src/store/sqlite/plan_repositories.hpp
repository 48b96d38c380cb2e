#pragma once
// SQLite implementations of the needs, plan, checklist and outcome repositories.
#include "store/plan_repositories.hpp"
#include "store/sqlite/database.hpp"

namespace resettle::store::sqlite {

class SqliteNeedsAssessments final : public NeedsAssessmentRepository {
 public:
  explicit SqliteNeedsAssessments(Connection& db) : db_(db) {}
  std::int64_t insert(const NeedsAssessment& assessment) override;
  std::vector<NeedsAssessment> for_person(std::int64_t person_id) override;
  // Every assessment of these people, by person id, then newest first: one read for them all.
  std::vector<NeedsAssessment> for_people(const std::vector<std::int64_t>& person_ids);

 private:
  Connection& db_;
};

class SqlitePlans final : public PlanRepository {
 public:
  explicit SqlitePlans(Connection& db) : db_(db) {}
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
  Connection& db_;
};

class SqliteChecklists final : public ChecklistRepository {
 public:
  explicit SqliteChecklists(Connection& db) : db_(db) {}
  std::int64_t insert(const PreReleaseChecklist& checklist) override;
  std::optional<PreReleaseChecklist> for_person(std::int64_t person_id) override;
  void update(const PreReleaseChecklist& checklist, std::int64_t expected_version) override;

 private:
  void write_items(const PreReleaseChecklist& checklist);
  Connection& db_;
};

class SqliteOutcomeSnapshots final : public OutcomeSnapshotRepository {
 public:
  explicit SqliteOutcomeSnapshots(Connection& db) : db_(db) {}
  std::int64_t insert(const OutcomeSnapshot& snapshot) override;
  std::vector<OutcomeSnapshot> for_person(std::int64_t person_id) override;
  // Every snapshot of these people, by person id, then in the order recorded: one read for them all.
  std::vector<OutcomeSnapshot> for_people(const std::vector<std::int64_t>& person_ids);

 private:
  Connection& db_;
};

}  // namespace resettle::store::sqlite
