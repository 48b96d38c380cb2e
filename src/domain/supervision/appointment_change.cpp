// Moving and cancelling appointments (see appointment_change.hpp).
#include "domain/supervision/appointment_change.hpp"

#include <algorithm>
#include <array>

#include "domain/errors.hpp"

namespace resettle {

namespace {
constexpr std::array<MessageKind, 4> when_to_come{MessageKind::booking_reminder, MessageKind::day_before_reminder,
                                                  MessageKind::morning_reminder, MessageKind::appointment_moved};
}  // namespace

std::optional<std::string> why_unchangeable(const Appointment& appointment, bool has_outcome, LocalDateTime now) {
  if (appointment.type == AppointmentType::induction)
    return "the induction is changed from the induction page, where its window is checked";
  if (appointment.cancelled()) return "the appointment was cancelled on " + appointment.cancellation->at.substr(0, 10);
  if (has_outcome) return "what happened at the appointment has been recorded: it cannot be changed now";
  if (LocalDateTime{appointment.on, appointment.starts_at} <= now)
    return "the appointment has already started: record what happened instead";
  return std::nullopt;
}

void require_changeable(const Appointment& appointment, bool has_outcome, LocalDateTime now) {
  if (auto why = why_unchangeable(appointment, has_outcome, now)) throw Conflict(*why);
}

std::string read_cancellation_reason(const FieldInput& input) {
  FieldReader reader{input};
  auto reason = reader.text("reason", Need::required, 500);
  reader.throw_if_failed();
  return reason;
}

Appointment read_move(const FieldInput& input, const Appointment& booked, Date today,
                      std::span<const std::string> offices) {
  FieldInput merged{{"on", to_iso(booked.on)},
                    {"starts_at", to_text(booked.starts_at)},
                    {"ends_at", to_text(booked.ends_at)},
                    {"office_code", booked.office_code}};
  for (const auto& [name, value] : input) merged[name] = value;
  merged.erase("notes");  // the notes stay as booked: moving changes when and where only
  auto read = read_appointment(merged, booked.type, today, offices);
  auto moved = booked;
  moved.on = read.on;
  moved.starts_at = read.starts_at;
  moved.ends_at = read.ends_at;
  moved.office_code = read.office_code;
  if (moved == booked) throw ValidationFailed("on", "is when and where it is booked already: change the day, a time or the office");
  return moved;
}

std::vector<Appointment> cancelled_by_return(std::span<const Appointment> appointments,
                                             const std::set<std::int64_t>& decided, Date returned_on) {
  std::vector<Appointment> cancelled;
  for (const auto& appointment : appointments)
    if (appointment.on >= returned_on && !appointment.cancelled() && !decided.contains(appointment.id))
      cancelled.push_back(appointment);
  return cancelled;
}

std::vector<OutboxMessage> withheld_on_change(std::span<const OutboxMessage> messages) {
  std::vector<OutboxMessage> withheld;
  for (const auto& message : messages)
    if (message.status == MessageStatus::queued && std::ranges::find(when_to_come, message.kind) != when_to_come.end())
      withheld.push_back(withhold(message, WithheldReason::appointment_cancelled));
  return withheld;
}

}  // namespace resettle
