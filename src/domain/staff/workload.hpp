#pragma once
// Workload: points per case by case type and tier, set against a practitioner's capacity. The
// numbers are data (WorkloadModel), not rules in code, so a region can tune them.
#include <array>
#include <cstdint>
#include <optional>
#include <span>

#include "domain/responsibility/handover.hpp"  // Tier
#include "domain/people/person.hpp"    // CaseStage
#include "domain/staff/role.hpp"
#include "domain/staff/staff.hpp"

namespace resettle {

// What kind of work a case is: custody (remand or sentenced), on licence, or post-sentence
// supervision. Ended cases carry no workload.
enum class CaseType { custody, licence, post_sentence_supervision };
std::optional<CaseType> case_type_for(CaseStage stage);

struct WorkloadModel {
  // Points per case: [case type][tier A, B, C, D, not yet tiered]. Higher tiers take more time.
  std::array<std::array<int, 5>, 3> points_per_case;
  // Key work is a weekly session whatever the tier, so a key worker's case is one point.
  int key_work_points = 1;
  // A full-time practitioner's capacity in points, by role.
  int full_time_pom = 0;
  int full_time_com = 0;
  int full_time_pre_release = 0;
  int full_time_key_worker = 0;
};

// The model this service uses unless configured otherwise (see docs/decisions.md).
const WorkloadModel& default_workload_model();

// The current lead cases of one practitioner, counted by the role they hold on the case (a POM may
// also be someone's key worker), the case's stage and its tier.
struct CaseloadCount {
  Role role = Role::pom;
  CaseStage stage = CaseStage::in_custody;
  std::optional<Tier> tier;
  int cases = 0;
};

// Key workers, POMs, COMs and pre-release staff hold cases; managers, partners and admins do not.
bool holds_caseload(Role role);

int case_points(const WorkloadModel& model, Role role, CaseStage stage, std::optional<Tier> tier);
int caseload_points(const WorkloadModel& model, std::span<const CaseloadCount> caseload);
// Capacity of this member of staff: the role's full-time capacity scaled by their contracted share.
// Roles that hold no caseload have none.
int capacity_points(const WorkloadModel& model, const StaffMember& staff);

struct Workload {
  int points = 0;
  int capacity = 0;
  int cases = 0;
  // Whole percent of capacity used; nullopt when there is no capacity to measure against.
  std::optional<int> percent() const;
};

Workload workload_of(const WorkloadModel& model, const StaffMember& staff, std::span<const CaseloadCount> caseload);

}  // namespace resettle
