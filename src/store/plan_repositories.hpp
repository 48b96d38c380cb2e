#pragma once
// Repositories for needs assessments, the one resettlement plan per person, the pre-release
// checklist and outcome snapshots. Nothing here is ever deleted: corrections are new records.
#include <cstdint>
#include <optional>
#include <vector>

#include "domain/plan/needs_assessment.hpp"
#include "domain/plan/outcome_snapshot.hpp"
#include "domain/plan/plan.hpp"
#include "domain/plan/pre_release_checklist.hpp"

namespace resettle::store {

class NeedsAssessmentRepository {
 public:
  virtual ~NeedsAssessmentRepository() = default;
  virtual std::int64_t insert(const NeedsAssessment& assessment) = 0;  // with every pathway entry
  virtual std::vector<NeedsAssessment> for_person(std::int64_t person_id) = 0;  // newest first
};

// The plan's parts are added one at a time; every change bumps the plan's version through
// touch(), which throws StaleVersion when the plan moved on since the caller read it.
class PlanRepository {
 public:
  virtual ~PlanRepository() = default;
  virtual std::int64_t insert(const Plan& plan) = 0;  // the empty plan; version becomes 1
  virtual std::optional<Plan> for_person(std::int64_t person_id) = 0;
  virtual std::int64_t add_objective(std::int64_t plan_id, const Objective& objective) = 0;
  virtual std::int64_t add_action(std::int64_t objective_id, const Action& action) = 0;
  virtual void update_action(const Action& action) = 0;
  virtual void add_review(std::int64_t plan_id, const Review& review) = 0;
  virtual void add_agreement(std::int64_t plan_id, const Agreement& agreement) = 0;
  // The person's response to one of the plan's objectives; for_person reads them back in the order given.
  virtual std::int64_t add_response(std::int64_t plan_id, const PlanResponse& response) = 0;
  virtual void touch(const Plan& plan, std::int64_t expected_version) = 0;  // last_material_change_on too
};

class ChecklistRepository {
 public:
  virtual ~ChecklistRepository() = default;
  virtual std::int64_t insert(const PreReleaseChecklist& checklist) = 0;  // with its items; version 1
  virtual std::optional<PreReleaseChecklist> for_person(std::int64_t person_id) = 0;
  // Writes the release date, when it was closed and every item; throws StaleVersion if the checklist
  // moved on.
  virtual void update(const PreReleaseChecklist& checklist, std::int64_t expected_version) = 0;
};

class OutcomeSnapshotRepository {
 public:
  virtual ~OutcomeSnapshotRepository() = default;
  virtual std::int64_t insert(const OutcomeSnapshot& snapshot) = 0;
  virtual std::vector<OutcomeSnapshot> for_person(std::int64_t person_id) = 0;  // in the order recorded
};

}  // namespace resettle::store
