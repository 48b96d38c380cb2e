// Workload points and bands (see workload.hpp).
#include "domain/staff/workload.hpp"

namespace resettle {

std::optional<CaseType> case_type_for(CaseStage stage) {
  switch (stage) {
    case CaseStage::remand:
    case CaseStage::in_custody: return CaseType::custody;
    case CaseStage::on_licence: return CaseType::licence;
    case CaseStage::post_sentence_supervision: return CaseType::post_sentence_supervision;
    case CaseStage::ended: return std::nullopt;
  }
  return std::nullopt;
}

const WorkloadModel& default_workload_model() {
  static const WorkloadModel model{
      {{
          {8, 6, 4, 2, 4},    // custody
          {12, 9, 6, 3, 6},   // licence: the most intensive period, right after release
          {8, 6, 4, 2, 4},    // post-sentence supervision
      }},
      1,
      240,  // POM: about 60 custody cases of tier C
      180,  // COM: about 30 licence cases of tier C
      200,  // pre-release
      9,    // key worker: about 9 cases (OMiC)
  };
  return model;
}

bool holds_caseload(Role role) {
  return role == Role::key_worker || role == Role::pom || role == Role::com || role == Role::pre_release;
}

int case_points(const WorkloadModel& model, Role role, CaseStage stage, std::optional<Tier> tier) {
  auto type = case_type_for(stage);
  if (!type) return 0;
  if (role == Role::key_worker) return model.key_work_points;
  auto column = tier ? static_cast<std::size_t>(*tier) : 4;
  return model.points_per_case[static_cast<std::size_t>(*type)][column];
}

int caseload_points(const WorkloadModel& model, std::span<const CaseloadCount> caseload) {
  int points = 0;
  for (const auto& count : caseload) points += count.cases * case_points(model, count.role, count.stage, count.tier);
  return points;
}

int capacity_points(const WorkloadModel& model, const StaffMember& staff) {
  int full_time = 0;
  switch (staff.role) {
    case Role::pom: full_time = model.full_time_pom; break;
    case Role::com: full_time = model.full_time_com; break;
    case Role::pre_release: full_time = model.full_time_pre_release; break;
    case Role::key_worker: full_time = model.full_time_key_worker; break;
    default: return 0;
  }
  return full_time * staff.capacity_percent / 100;
}

std::optional<int> Workload::percent() const {
  if (capacity <= 0) return std::nullopt;
  return (points * 100 + capacity / 2) / capacity;
}

Workload workload_of(const WorkloadModel& model, const StaffMember& staff, std::span<const CaseloadCount> caseload) {
  Workload workload{caseload_points(model, caseload), capacity_points(model, staff), 0};
  for (const auto& count : caseload) workload.cases += count.cases;
  return workload;
}

}  // namespace resettle
