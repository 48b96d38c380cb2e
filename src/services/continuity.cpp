#include "services/continuity.hpp"

#include "services/case_records.hpp"

namespace resettle::services {

ContinuityMeasure person_continuity(store::Store& store, const Clock& clock, const StaffMember& actor,
                                    std::int64_t person_id) {
  view_person(store, actor, person_id, "continuity");
  auto history = store.begin_read()->allocations().history_for_person(person_id);
  return continuity_of(history, clock.today());
}

ContinuitySummary continuity_for(store::Store& store, const StaffMember& actor, std::span<const std::int64_t> person_ids,
                                 Date today) {
  auto tx = store.begin_read();
  ContinuitySummary summary;
  std::vector<ContinuityMeasure> measures;
  for (auto person_id : person_ids) {
    if (!visible_person(*tx, actor, person_id)) continue;
    auto measure = continuity_of(tx->allocations().history_for_person(person_id), today);
    summary.cases.push_back({person_id, measure});
    measures.push_back(measure);
  }
  summary.average_changes_per_six_months = average_changes_per_six_months(measures);
  return summary;
}

}  // namespace resettle::services
