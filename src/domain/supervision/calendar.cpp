// Appointments as iCalendar, built with libical (see calendar.hpp).
#include "domain/supervision/calendar.hpp"

#include <libical/ical.h>

#include <array>
#include <cstdlib>
#include <memory>
#include <stdexcept>

#include "domain/catalogue.hpp"

namespace resettle {

namespace {

struct FreeComponent {
  void operator()(icalcomponent* component) const { icalcomponent_free(component); }
};
using Component = std::unique_ptr<icalcomponent, FreeComponent>;

constexpr std::string_view product_id = "-//Resettle//Appointments//EN";

// What the person's calendar calls each type (by AppointmentType, in order), for the catalogue.
constexpr std::array<std::string_view, 6> person_type_words{
    for_translation("Induction appointment"), for_translation("Supervision appointment"),
    for_translation("Home visit"),            for_translation("Programme session"),
    for_translation("Partner appointment"),   for_translation("Drug test"),
};

icaltimetype wall_clock(Date on, ClockTime at) {
  auto time = icaltime_null_time();
  time.year = static_cast<int>(on.year());
  time.month = static_cast<int>(static_cast<unsigned>(on.month()));
  time.day = static_cast<int>(static_cast<unsigned>(on.day()));
  time.hour = at.minutes / 60;
  time.minute = at.minutes % 60;
  return time;
}

// A property at a wall-clock time in Europe/London: DTSTART;TZID=Europe/London:20270205T100000.
icalproperty* in_uk_time(icalproperty* property) {
  icalproperty_add_parameter(property, icalparameter_new_tzid(std::string{uk_time_zone}.c_str()));
  return property;
}

// One observance of the zone since 1996, when the UK took the EU's rule (uk_time.hpp): the change at
// `onset` (local time before it) on the last Sunday of `month`, every year.
icalcomponent* observance(icalcomponent* kind, const char* name, int from_seconds, int to_seconds, Date first,
                          ClockTime onset, int month) {
  icalcomponent_add_property(kind, icalproperty_new_tzname(name));
  icalcomponent_add_property(kind, icalproperty_new_tzoffsetfrom(from_seconds));
  icalcomponent_add_property(kind, icalproperty_new_tzoffsetto(to_seconds));
  icalcomponent_add_property(kind, icalproperty_new_dtstart(wall_clock(first, onset)));
  auto rule = "FREQ=YEARLY;BYMONTH=" + std::to_string(month) + ";BYDAY=-1SU";
  icalcomponent_add_property(kind, icalproperty_new_rrule(icalrecurrencetype_from_string(rule.c_str())));
  return kind;
}

icalcomponent* uk_time_zone_component() {
  using namespace std::chrono;
  auto* zone = icalcomponent_new_vtimezone();
  icalcomponent_add_property(zone, icalproperty_new_tzid(std::string{uk_time_zone}.c_str()));
  constexpr int hour = 3600;
  icalcomponent_add_component(zone, observance(icalcomponent_new_xdaylight(), "BST", 0, hour,
                                               Date{1996y, March, 31d}, ClockTime{60}, 3));
  icalcomponent_add_component(zone, observance(icalcomponent_new_xstandard(), "GMT", hour, 0,
                                               Date{1996y, October, 27d}, ClockTime{120}, 10));
  return zone;
}

icalcomponent* event(const CalendarEntry& entry, icaltimetype stamp) {
  auto* event = icalcomponent_new_vevent();
  icalcomponent_add_property(event, icalproperty_new_uid(calendar_uid(entry.appointment_id).c_str()));
  icalcomponent_add_property(event, icalproperty_new_dtstamp(stamp));
  icalcomponent_add_property(event, in_uk_time(icalproperty_new_dtstart(wall_clock(entry.on, entry.starts_at))));
  icalcomponent_add_property(event, in_uk_time(icalproperty_new_dtend(wall_clock(entry.on, entry.ends_at))));
  // RFC 5545 counts revisions from 0; a booking's first version is 1.
  icalcomponent_add_property(event, icalproperty_new_sequence(static_cast<int>(entry.version - 1)));
  icalcomponent_add_property(event, icalproperty_new_status(entry.cancelled ? ICAL_STATUS_CANCELLED : ICAL_STATUS_CONFIRMED));
  icalcomponent_add_property(event, icalproperty_new_summary(entry.summary.c_str()));
  if (!entry.location.empty()) icalcomponent_add_property(event, icalproperty_new_location(entry.location.c_str()));
  return event;
}

icalproperty* extension(const char* name, const std::string& value) {
  auto* property = icalproperty_new_x(value.c_str());
  icalproperty_set_x_name(property, name);
  return property;
}

std::string text_of(icalcomponent* calendar) {
  std::unique_ptr<char, decltype(&std::free)> text{icalcomponent_as_ical_string_r(calendar), &std::free};
  if (!text) throw std::runtime_error("libical could not write the calendar");
  return text.get();
}

bool starts_with_vowel(std::string_view name) {
  return !name.empty() && std::string_view{"AEIOUaeiou"}.find(name.front()) != std::string_view::npos;
}

}  // namespace

std::string calendar_uid(std::int64_t appointment_id) {
  return "appointment-" + std::to_string(appointment_id) + "@resettle";
}

std::string calendar_ics(const std::vector<CalendarEntry>& entries, CalendarKind kind, std::string_view name,
                         Timestamp stamped_at) {
  Component calendar{icalcomponent_new_vcalendar()};
  icalcomponent_add_property(calendar.get(), icalproperty_new_prodid(std::string{product_id}.c_str()));
  icalcomponent_add_property(calendar.get(), icalproperty_new_version("2.0"));
  icalcomponent_add_property(calendar.get(), icalproperty_new_calscale("GREGORIAN"));
  if (kind == CalendarKind::single) icalcomponent_add_property(calendar.get(), icalproperty_new_method(ICAL_METHOD_PUBLISH));
  if (!name.empty()) {
    // RFC 7986 names it; older calendars read the X-WR- property.
    icalcomponent_add_property(calendar.get(), icalproperty_new_name(std::string{name}.c_str()));
    icalcomponent_add_property(calendar.get(), extension("X-WR-CALNAME", std::string{name}));
  }
  if (kind == CalendarKind::feed) {
    // Ask subscribers to look again every hour, so a new booking reaches them the same day.
    auto hourly = icaldurationtype_from_int(3600);
    icalcomponent_add_property(calendar.get(), icalproperty_new_refreshinterval(hourly));
    icalcomponent_add_property(calendar.get(), extension("X-PUBLISHED-TTL", "PT1H"));
  }
  icalcomponent_add_component(calendar.get(), uk_time_zone_component());
  auto stamp = icaltime_from_timet_with_zone(stamped_at.time_since_epoch().count(), 0, icaltimezone_get_utc_timezone());
  for (const auto& entry : entries) icalcomponent_add_component(calendar.get(), event(entry, stamp));
  return text_of(calendar.get());
}

std::string officer_summary(AppointmentType type, std::string_view person_name) {
  return std::string{entry_for(appointment_types(), type).label} + " with " + std::string{person_name};
}

std::string person_summary(AppointmentType type, std::string_view officer_name, Language language) {
  auto what = translated(person_type_words.at(static_cast<std::size_t>(type)), language);
  if (officer_name.empty()) return what;
  if (language == Language::cy)
    return what + (starts_with_vowel(officer_name) ? " gydag " : " gyda ") + std::string{officer_name};
  return what + " with " + std::string{officer_name};
}

std::string person_calendar_name(Language language) {
  return translated("Your probation appointments", language);
}

}  // namespace resettle
