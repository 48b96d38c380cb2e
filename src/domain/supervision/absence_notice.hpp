#pragma once
// "I can't make it": the person tells their officer, from their own pages, that they cannot come to
// an appointment, and why. It goes to the officer as something to act on; the appointment stays as
// booked until the officer moves or cancels it, so nothing changes behind anyone's back. Notices are
// kept, never changed or removed.
#include <cstdint>
#include <string>

#include "domain/supervision/appointment.hpp"
#include "domain/field_input.hpp"
#include "domain/uk_time.hpp"

namespace resettle {

struct AbsenceNotice {
  std::int64_t id = 0;
  std::int64_t appointment_id = 0;
  std::int64_t person_id = 0;
  std::string reason;  // in their words
  Timestamp sent_at{};
  bool operator==(const AbsenceNotice&) const = default;
};

// Whether the person may still say they cannot come: the appointment is not cancelled and has not
// started yet (its start is in local time in England and Wales).
bool may_send_absence_notice(const Appointment& appointment, Timestamp now);

// Reads "reason" (read_own_words: required, at most own_words_limit characters). Throws Conflict when
// may_send_absence_notice says no, and ValidationFailed naming "reason" otherwise.
AbsenceNotice read_absence_notice(const FieldInput& input, const Appointment& appointment, Timestamp now);

}  // namespace resettle
