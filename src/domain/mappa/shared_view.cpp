// What each risk partner's shared view shows, and who is named on a case (see shared_view.hpp).
#include "domain/mappa/shared_view.hpp"

#include <algorithm>

namespace resettle {

SharedParts shared_parts(Role role) {
  switch (role) {
    case Role::police: return {{Agency::police}, false, false, true, true};
    case Role::social_care: return {{Agency::childrens_social_care, Agency::adult_social_care}, false, false, false, false};
    case Role::mappa_coordinator: return {{}, true, true, false, false};
    default: return {};
  }
}

bool shows_agency(const SharedParts& parts, Agency agency) { return std::ranges::find(parts.agencies, agency) != parts.agencies.end(); }
bool shows_action(const SharedParts& parts, const MappaAction& action) {
  return parts.all_actions || shows_agency(parts, action.owner_agency);
}

bool shows_appointment(const SharedParts& parts, const Appointment& appointment, std::int64_t viewer_id) {
  return parts.appointments || appointment.joint_with == viewer_id;
}

bool named_on_shared_case(const StaffMember& staff, std::span<const IomCoworker> coworkers,
                          std::span<const MappaMeeting> meetings, MappaLevel level) {
  if (!staff.active || !is_risk_partner(staff.role)) return false;
  if (named_on_case(coworkers, staff.id)) return true;
  if (level == MappaLevel::none) return false;
  return std::ranges::any_of(meetings, [&](const MappaMeeting& meeting) {
    return std::ranges::any_of(meeting.attendees, [&](const Attendee& attendee) { return attendee.staff_id == staff.id; });
  });
}

}  // namespace resettle
