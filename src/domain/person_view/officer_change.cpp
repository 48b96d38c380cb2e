// When the person's officer changed (see officer_change.hpp).
#include "domain/person_view/officer_change.hpp"

#include <algorithm>

namespace resettle {

std::optional<Date> recent_officer_change(std::span<const Allocation> history, Role role, Date today) {
  auto lead_in_role = [&](const Allocation& a) { return a.role == role && a.kind == AllocationKind::lead; };
  auto current = std::ranges::find_if(history, [&](const Allocation& a) { return lead_in_role(a) && !a.to; });
  if (current == history.end() || add_days(current->from, officer_change_notice_days) < today) return std::nullopt;
  bool took_over = std::ranges::any_of(history, [&](const Allocation& a) {
    return lead_in_role(a) && a.to && a.staff_id != current->staff_id && a.from <= current->from;
  });
  if (!took_over) return std::nullopt;
  return current->from;
}

}  // namespace resettle
