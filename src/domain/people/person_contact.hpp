#pragma once
// How to reach the person after release and when they cannot come: their chosen channel and
// language for messages (outbox.hpp) and the hours they work, which bookings warn about.
#include <cstdint>
#include <string>

#include "domain/release_dates/booking_warnings.hpp"
#include "domain/field_input.hpp"
#include "domain/messages/outbox.hpp"

namespace resettle {

struct PersonContact {
  std::int64_t version = 0;  // 0 until first recorded; then for If-Match
  ContactDetails details;
  WorkingWeek work;
};

// Reads work.monday ... work.sunday, each empty or "HH:MM-HH:MM" (the start before the end, within
// the day). Throws ValidationFailed naming each bad day's field.
WorkingWeek read_working_week(const FieldInput& input);
// The fields read_working_week reads, from a pattern: "work.monday" -> "09:00-17:00".
FieldInput working_week_fields(const WorkingWeek& work);

// Reads the contact details (read_contact_details) and the working pattern together, every bad
// field of both named in one ValidationFailed.
PersonContact read_person_contact(const FieldInput& input);

}  // namespace resettle
