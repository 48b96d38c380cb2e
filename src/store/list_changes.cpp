// The units lists are counted under, and the counters of a transaction (see list_changes.hpp).
#include "store/list_changes.hpp"

#include <stdexcept>

namespace resettle::store {

std::string prison_lists(const std::string& prison_code) { return "prison:" + prison_code; }
std::string pdu_lists(const std::string& pdu_code) { return "pdu:" + pdu_code; }
std::string caseload_lists(std::int64_t staff_id) { return "staff:" + std::to_string(staff_id); }
std::string diary_lists(std::int64_t staff_id) { return "diary:" + std::to_string(staff_id); }

std::vector<std::string> lists_within(const UnitScope& scope) {
  std::vector<std::string> units;
  if (scope.staff_id) units.push_back(caseload_lists(*scope.staff_id));
  if (!scope.prison_code.empty()) units.push_back(prison_lists(scope.prison_code));
  if (!scope.pdu_code.empty()) units.push_back(pdu_lists(scope.pdu_code));
  return units;
}

ListChangeCounters& list_changes(Transaction& tx) {
  auto* backend = dynamic_cast<HasListChangeCounters*>(&tx);
  if (!backend) throw std::logic_error("this store keeps no list change counters");
  return backend->list_change_counters();
}

}  // namespace resettle::store
