#pragma once
// Changing a booked appointment: moving it to another day, time or office, or cancelling it. Both are
// for those who book (may_book_appointments), and only while the appointment is still to come. A
// cancelled appointment stays on the record. A recall's return to custody cancels every appointment
// from the day of return onwards. Messages still waiting to tell the person when to come are withheld.
#include <cstdint>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/supervision/appointment.hpp"
#include "domain/messages/outbox.hpp"
#include "domain/uk_time.hpp"

namespace resettle {

// Why `appointment` can no longer be moved or cancelled: it is the induction (changed from the
// induction page, inside its window), it is cancelled, an outcome has been recorded for it
// (`has_outcome`), or it has started (`now` is at or after its start, local time). nullopt when it can.
std::optional<std::string> why_unchangeable(const Appointment& appointment, bool has_outcome, LocalDateTime now);
// Throws Conflict with why_unchangeable's reason, if any.
void require_changeable(const Appointment& appointment, bool has_outcome, LocalDateTime now);

// The reason for cancelling, required, 500 characters at most. It is for staff only: the person is
// told that the appointment is cancelled, never why. ValidationFailed on "reason".
std::string read_cancellation_reason(const FieldInput& input);

// `booked` moved as `input` says: on, starts_at, ends_at and office_code, each kept from the booking
// when not given, read and checked as read_appointment reads a booking (today or later, the end after
// the start, one of `offices`). Its id, person, version, type, officer, notes and series are kept.
// Throws ValidationFailed naming each bad field, and on "on" when it would be where and when it is.
Appointment read_move(const FieldInput& input, const Appointment& booked, Date today,
                      std::span<const std::string> offices);

// Why a return to custody cancels appointments (the staff's reason: the person is not messaged).
inline constexpr std::string_view back_in_custody_reason = "Back in custody on recall";

// The appointments a return to custody on `returned_on` cancels: those on that day or after it that
// are not cancelled already and have no outcome recorded (their ids in `decided`), in the given order.
std::vector<Appointment> cancelled_by_return(std::span<const Appointment> appointments,
                                             const std::set<std::int64_t>& decided, Date returned_on);

// Of an appointment's messages (those keyed idempotency_prefix("appointment", id)), the ones that no
// longer hold once it is moved or cancelled, withheld as appointment_cancelled: those still queued that
// tell the person when to come (its reminders, and a notice that it moved). Nothing else is withheld:
// a message already sent or withheld, or a warning.
std::vector<OutboxMessage> withheld_on_change(std::span<const OutboxMessage> messages);

}  // namespace resettle
