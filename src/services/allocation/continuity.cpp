// The continuity use cases (see continuity.hpp).
#include "services/allocation/continuity.hpp"

#include <unordered_map>

#include "services/people/case_records.hpp"

namespace resettle::services {

ContinuityMeasure person_continuity(store::Store& store, const Clock& clock, const StaffMember& actor,
                                    std::int64_t person_id) {
  view_person(store, actor, person_id, "continuity");
  auto history = store.begin_read()->allocations().history_for_person(person_id);
  return continuity_of(history, clock.today());
}

namespace {

// The summary for people already known to be visible to the caller, from one query for all their
// allocation histories (a manager's unit is thousands of people).
ContinuitySummary summarise(store::Transaction& tx, const std::vector<std::int64_t>& person_ids, Date today) {
  std::unordered_map<std::int64_t, std::vector<Allocation>> histories;
  for (auto& allocation : tx.allocations().history_for_people(person_ids))
    histories[allocation.person_id].push_back(std::move(allocation));
  ContinuitySummary summary;
  std::vector<ContinuityMeasure> measures;
  for (auto person_id : person_ids) {
    auto measure = continuity_of(histories[person_id], today);
    summary.cases.push_back({person_id, measure});
    measures.push_back(measure);
  }
  summary.average_changes_per_six_months = average_changes_per_six_months(measures);
  return summary;
}

}  // namespace

ContinuitySummary continuity_for(store::Store& store, const StaffMember& actor, std::span<const std::int64_t> person_ids,
                                 Date today) {
  auto tx = store.begin_read();
  std::vector<std::int64_t> visible;
  for (auto person_id : person_ids)
    if (visible_person(*tx, actor, person_id)) visible.push_back(person_id);
  return summarise(*tx, visible, today);
}

UnitContinuity unit_continuity(store::Store& store, const StaffMember& actor, Date today) {
  UnitContinuity unit;
  std::vector<std::int64_t> ids;
  store::PageRequest page{std::nullopt, 200};
  do {
    auto people = list_people(store, actor, {}, page);
    for (auto& person : people.items) {
      ids.push_back(person.id);
      unit.people.emplace(person.id, std::move(person));
    }
    page.cursor = people.next_cursor;
  } while (page.cursor);
  // list_people has already left out whoever this member of staff may not see.
  unit.summary = summarise(*store.begin_read(), ids, today);
  return unit;
}

}  // namespace resettle::services
