// The continuity measure from an allocation history (see continuity.hpp).
#include "domain/allocation/continuity.hpp"

#include <algorithm>

namespace resettle {

ContinuityMeasure continuity_of(std::span<const Allocation> history, Date today) {
  std::vector<const Allocation*> leads;
  for (const auto& allocation : history)
    if (allocation.kind == AllocationKind::lead && !(today < allocation.from)) leads.push_back(&allocation);
  // Oldest first; allocations made on the same day follow the order they were made in (id).
  std::sort(leads.begin(), leads.end(), [](const Allocation* a, const Allocation* b) {
    return a->from != b->from ? a->from < b->from : a->id < b->id;
  });
  ContinuityMeasure measure;
  if (leads.empty()) return measure;
  std::map<Role, std::int64_t> last_lead;
  for (const auto* lead : leads) {
    auto previous = last_lead.find(lead->role);
    if (previous == last_lead.end()) {
      measure.changes_by_role[lead->role] = 0;
    } else if (previous->second != lead->staff_id) {
      ++measure.changes_by_role[lead->role];
      ++measure.lead_changes;
    }
    last_lead[lead->role] = lead->staff_id;
  }
  measure.days_known = days_between(leads.front()->from, today);
  auto period = std::max(measure.days_known, continuity_period_days);
  measure.changes_per_six_months = measure.lead_changes * static_cast<double>(continuity_period_days) / period;
  return measure;
}

double average_changes_per_six_months(std::span<const ContinuityMeasure> measures) {
  double total = 0.0;
  int counted = 0;
  for (const auto& measure : measures) {
    if (measure.changes_by_role.empty()) continue;
    total += measure.changes_per_six_months;
    ++counted;
  }
  return counted == 0 ? 0.0 : total / counted;
}

}  // namespace resettle
