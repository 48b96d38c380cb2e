#pragma once
// Appointments as iCalendar (RFC 5545), for the calendars people already use: one appointment as a
// file to add, or a feed a calendar subscribes to. Times are wall-clock times in Europe/London, sent
// with that zone's rules (GMT and BST) so that a calendar anywhere shows them right on either side of
// a clock change. The words each reader sees are chosen here too: an officer sees whom they meet, the
// person sees whom they meet in their own language; neither sees notes, offence or risk.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "domain/supervision/appointment.hpp"
#include "domain/clock_time.hpp"
#include "domain/date.hpp"
#include "domain/language.hpp"
#include "domain/uk_time.hpp"

namespace resettle {

// The zone every appointment's times are in (the TZID of the calendars).
inline constexpr std::string_view uk_time_zone = "Europe/London";

// One appointment as a calendar shows it: plain values, its words already chosen for the reader.
struct CalendarEntry {
  std::int64_t appointment_id = 0;
  std::int64_t version = 1;  // the appointment's: a later one replaces the earlier in the reader's calendar
  Date on{};
  ClockTime starts_at{};
  ClockTime ends_at{};
  std::string summary;
  std::string location;
  bool cancelled = false;  // kept in a feed as cancelled, so the reader's calendar drops it
};

// A single appointment to add (METHOD:PUBLISH), or a feed a calendar subscribes to and refreshes.
enum class CalendarKind { single, feed };

// The calendar as iCalendar text: the Europe/London zone with both its observances, then one event
// per entry (UID appointment-<id>@resettle, SEQUENCE from the version, STATUS:CONFIRMED or CANCELLED), each
// stamped at `stamped_at`. `name` names a feed in the reader's calendar list.
std::string calendar_ics(const std::vector<CalendarEntry>& entries, CalendarKind kind, std::string_view name,
                         Timestamp stamped_at);

// The UID of an appointment's event: the same in every calendar it is sent in, so that a calendar
// holding it from a file and a feed holds it once.
std::string calendar_uid(std::int64_t appointment_id);

// What the officer's calendar calls an appointment: "Supervision with Sam Smith".
std::string officer_summary(AppointmentType type, std::string_view person_name);
// What the person's calendar calls it, in their language: "Supervision appointment with Alex Jones",
// "Apwyntiad goruchwylio gydag Alex Jones".
std::string person_summary(AppointmentType type, std::string_view officer_name, Language language);
// The name of the person's feed in their calendar list.
std::string person_calendar_name(Language language);

}  // namespace resettle
