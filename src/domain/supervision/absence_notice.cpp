// "I can't make it" (see absence_notice.hpp).
#include "domain/supervision/absence_notice.hpp"

#include "domain/catalogue.hpp"
#include "domain/plan/own_words.hpp"

namespace resettle {

bool may_send_absence_notice(const Appointment& appointment, Timestamp now) {
  return !appointment.cancelled() && now < from_uk_local({appointment.on, appointment.starts_at});
}

AbsenceNotice read_absence_notice(const FieldInput& input, const Appointment& appointment, Timestamp now) {
  if (!may_send_absence_notice(appointment, now))
    throw Conflict("the appointment has started, has passed or is cancelled");
  AbsenceNotice notice;
  notice.appointment_id = appointment.id;
  notice.person_id = appointment.person_id;
  notice.reason = read_own_words(input, "reason", Need::required,
                                 {for_translation("Tell us why you cannot come"),
                                  for_translation("Why you cannot come must be 500 characters or fewer")});
  notice.sent_at = now;
  return notice;
}

}  // namespace resettle
