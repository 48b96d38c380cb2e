// Appointments as iCalendar: the output is read back with libical and checked field by field, and its
// times are turned into instants through the time zone it sends, as a reader's calendar does.
#include "domain/supervision/calendar.hpp"

#include <gtest/gtest.h>
#include <libical/ical.h>

#include <memory>
#include <set>

namespace resettle {
namespace {

using namespace std::chrono;

struct FreeComponent {
  void operator()(icalcomponent* component) const { icalcomponent_free(component); }
};
using Parsed = std::unique_ptr<icalcomponent, FreeComponent>;

Parsed parse(const std::string& text) {
  Parsed calendar{icalparser_parse_string(text.c_str())};
  if (!calendar) ADD_FAILURE() << "libical could not read:\n" << text;
  return calendar;
}

// 12:34:56 UTC on 1 December 2026.
const Timestamp stamped = sys_days{2026y / December / 1d} + 12h + 34min + 56s;

CalendarEntry entry(std::int64_t id, Date on, int start_minutes, int end_minutes) {
  return {id, 1, on, ClockTime{start_minutes}, ClockTime{end_minutes}, "Supervision with Sam Smith", "Leeds"};
}

std::vector<icalcomponent*> children(icalcomponent* parent, icalcomponent_kind kind) {
  std::vector<icalcomponent*> found;
  for (auto* child = icalcomponent_get_first_component(parent, kind); child;
       child = icalcomponent_get_next_component(parent, kind))
    found.push_back(child);
  return found;
}

std::string text_property(icalcomponent* component, icalproperty_kind kind) {
  auto* property = icalcomponent_get_first_property(component, kind);
  return property ? icalproperty_get_value_as_string(property) : "";
}

std::string tzid_of(icalcomponent* event, icalproperty_kind kind) {
  auto* property = icalcomponent_get_first_property(event, kind);
  auto* tzid = property ? icalproperty_get_first_parameter(property, ICAL_TZID_PARAMETER) : nullptr;
  return tzid ? icalparameter_get_tzid(tzid) : "";
}

// The instant an event's DTSTART names, by the VTIMEZONE sent with it (not the machine's zone data).
Timestamp instant_of(icalcomponent* calendar, icalcomponent* event) {
  auto* sent_zone = icalcomponent_get_first_component(calendar, ICAL_VTIMEZONE_COMPONENT);
  std::unique_ptr<icaltimezone, void (*)(icaltimezone*)> zone{icaltimezone_new(),
                                                              [](icaltimezone* z) { icaltimezone_free(z, 1); }};
  EXPECT_TRUE(icaltimezone_set_component(zone.get(), icalcomponent_new_clone(sent_zone)));
  auto start = icalcomponent_get_dtstart(event);
  return Timestamp{seconds{icaltime_as_timet_with_zone(start, zone.get())}};
}

TEST(CalendarTest, ASingleAppointmentIsPublishedWithItsCalendarHeader) {
  auto calendar = parse(calendar_ics({entry(7, 2027y / February / 5d, 600, 660)}, CalendarKind::single, "", stamped));
  ASSERT_TRUE(calendar);
  EXPECT_EQ(icalcomponent_isa(calendar.get()), ICAL_VCALENDAR_COMPONENT);
  EXPECT_EQ(text_property(calendar.get(), ICAL_VERSION_PROPERTY), "2.0");
  EXPECT_EQ(text_property(calendar.get(), ICAL_PRODID_PROPERTY), "-//Resettle//Appointments//EN");
  EXPECT_EQ(icalcomponent_get_method(calendar.get()), ICAL_METHOD_PUBLISH);
  EXPECT_EQ(children(calendar.get(), ICAL_VEVENT_COMPONENT).size(), 1u);
  EXPECT_EQ(icalcomponent_get_first_property(calendar.get(), ICAL_REFRESHINTERVAL_PROPERTY), nullptr);
}

TEST(CalendarTest, AFeedHasNoMethodButAsksToBeRefreshedAndIsNamed) {
  auto text = calendar_ics({}, CalendarKind::feed, "Your probation appointments", stamped);
  auto calendar = parse(text);
  ASSERT_TRUE(calendar);
  EXPECT_EQ(icalcomponent_get_first_property(calendar.get(), ICAL_METHOD_PROPERTY), nullptr);
  EXPECT_EQ(text_property(calendar.get(), ICAL_NAME_PROPERTY), "Your probation appointments");
  EXPECT_NE(text.find("X-WR-CALNAME:Your probation appointments"), std::string::npos);
  EXPECT_NE(text.find("X-PUBLISHED-TTL:PT1H"), std::string::npos);
  auto* refresh = icalcomponent_get_first_property(calendar.get(), ICAL_REFRESHINTERVAL_PROPERTY);
  ASSERT_NE(refresh, nullptr);
  EXPECT_EQ(icaldurationtype_as_int(icalproperty_get_refreshinterval(refresh)), 3600);
  EXPECT_TRUE(children(calendar.get(), ICAL_VEVENT_COMPONENT).empty());
}

TEST(CalendarTest, TheEventCarriesTheAppointmentsIdentityVersionAndWords) {
  auto booked = entry(42, 2027y / February / 5d, 600, 660);
  booked.version = 3;
  booked.summary = "Supervision with Sam Smith; room 2, first floor";
  booked.location = "Leeds, West Yorkshire";
  auto calendar = parse(calendar_ics({booked}, CalendarKind::single, "", stamped));
  ASSERT_TRUE(calendar);
  auto* event = children(calendar.get(), ICAL_VEVENT_COMPONENT).at(0);
  EXPECT_STREQ(icalcomponent_get_uid(event), "appointment-42@resettle");
  EXPECT_EQ(calendar_uid(42), "appointment-42@resettle");
  EXPECT_EQ(icalcomponent_get_sequence(event), 2);
  EXPECT_EQ(icalcomponent_get_status(event), ICAL_STATUS_CONFIRMED);
  EXPECT_STREQ(icalcomponent_get_summary(event), "Supervision with Sam Smith; room 2, first floor");
  EXPECT_STREQ(icalcomponent_get_location(event), "Leeds, West Yorkshire");
  auto stamp = icalcomponent_get_dtstamp(event);
  EXPECT_TRUE(icaltime_is_utc(stamp));
  EXPECT_EQ(icaltime_as_timet(stamp), stamped.time_since_epoch().count());
}

TEST(CalendarTest, ACancelledAppointmentStaysAsCancelledWithAHigherSequence) {
  auto cancelled = entry(42, 2027y / February / 5d, 600, 660);
  cancelled.version = 4;
  cancelled.cancelled = true;
  for (auto kind : {CalendarKind::single, CalendarKind::feed}) {
    auto calendar = parse(calendar_ics({entry(41, 2027y / February / 5d, 540, 570), cancelled}, kind, "", stamped));
    ASSERT_TRUE(calendar);
    auto events = children(calendar.get(), ICAL_VEVENT_COMPONENT);
    ASSERT_EQ(events.size(), 2u) << "kept, so the reader's calendar drops it";
    EXPECT_EQ(icalcomponent_get_status(events[0]), ICAL_STATUS_CONFIRMED);
    EXPECT_EQ(icalcomponent_get_status(events[1]), ICAL_STATUS_CANCELLED);
    EXPECT_STREQ(icalcomponent_get_uid(events[1]), "appointment-42@resettle");
    EXPECT_EQ(icalcomponent_get_sequence(events[1]), 3);
  }
}

TEST(CalendarTest, AnEventWithoutALocationHasNone) {
  auto booked = entry(1, 2027y / February / 5d, 600, 660);
  booked.location.clear();
  auto calendar = parse(calendar_ics({booked}, CalendarKind::single, "", stamped));
  ASSERT_TRUE(calendar);
  auto* event = children(calendar.get(), ICAL_VEVENT_COMPONENT).at(0);
  EXPECT_EQ(icalcomponent_get_first_property(event, ICAL_LOCATION_PROPERTY), nullptr);
}

TEST(CalendarTest, TheTimeZoneHasBothObservancesOfTheUkRule) {
  auto calendar = parse(calendar_ics({}, CalendarKind::feed, "", stamped));
  ASSERT_TRUE(calendar);
  auto zones = children(calendar.get(), ICAL_VTIMEZONE_COMPONENT);
  ASSERT_EQ(zones.size(), 1u);
  EXPECT_EQ(text_property(zones[0], ICAL_TZID_PROPERTY), "Europe/London");
  auto summer = children(zones[0], ICAL_XDAYLIGHT_COMPONENT);
  auto winter = children(zones[0], ICAL_XSTANDARD_COMPONENT);
  ASSERT_EQ(summer.size(), 1u);
  ASSERT_EQ(winter.size(), 1u);
  EXPECT_EQ(text_property(summer[0], ICAL_TZNAME_PROPERTY), "BST");
  EXPECT_EQ(icalproperty_get_tzoffsetfrom(icalcomponent_get_first_property(summer[0], ICAL_TZOFFSETFROM_PROPERTY)), 0);
  EXPECT_EQ(icalproperty_get_tzoffsetto(icalcomponent_get_first_property(summer[0], ICAL_TZOFFSETTO_PROPERTY)), 3600);
  EXPECT_EQ(text_property(summer[0], ICAL_RRULE_PROPERTY), "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3");
  EXPECT_EQ(text_property(winter[0], ICAL_TZNAME_PROPERTY), "GMT");
  EXPECT_EQ(icalproperty_get_tzoffsetfrom(icalcomponent_get_first_property(winter[0], ICAL_TZOFFSETFROM_PROPERTY)), 3600);
  EXPECT_EQ(icalproperty_get_tzoffsetto(icalcomponent_get_first_property(winter[0], ICAL_TZOFFSETTO_PROPERTY)), 0);
  EXPECT_EQ(text_property(winter[0], ICAL_RRULE_PROPERTY), "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10");
}

// 10:00 on the clock is 09:00 UTC in summer and 10:00 UTC in winter; the local time is what is sent.
TEST(CalendarTest, TimesAreWallClockTimesInLondonOnEitherSideOfAClockChange) {
  auto summer_day = 2027y / July / 14d;
  auto winter_day = 2027y / January / 13d;
  auto calendar = parse(calendar_ics({entry(1, summer_day, 600, 630), entry(2, winter_day, 600, 630)},
                                     CalendarKind::feed, "", stamped));
  ASSERT_TRUE(calendar);
  auto events = children(calendar.get(), ICAL_VEVENT_COMPONENT);
  ASSERT_EQ(events.size(), 2u);
  for (auto* event : events) {
    EXPECT_EQ(tzid_of(event, ICAL_DTSTART_PROPERTY), "Europe/London");
    EXPECT_EQ(tzid_of(event, ICAL_DTEND_PROPERTY), "Europe/London");
    auto start = icalcomponent_get_dtstart(event);
    auto end = icalcomponent_get_dtend(event);
    EXPECT_EQ(start.hour, 10);
    EXPECT_EQ(start.minute, 0);
    EXPECT_EQ(end.hour, 10);
    EXPECT_EQ(end.minute, 30);
  }
  EXPECT_EQ(instant_of(calendar.get(), events[0]), sys_days{summer_day} + 9h);
  EXPECT_EQ(instant_of(calendar.get(), events[1]), sys_days{winter_day} + 10h);
  // The same as the domain's own rule says.
  EXPECT_EQ(instant_of(calendar.get(), events[0]), from_uk_local({summer_day, ClockTime{600}}));
  EXPECT_EQ(instant_of(calendar.get(), events[1]), from_uk_local({winter_day, ClockTime{600}}));
}

// The days the clocks change: 09:00 after they go forward on 28 March 2027 is BST, and 09:00 after they
// go back on 31 October 2027 is GMT.
TEST(CalendarTest, TheDaysOfTheClockChangesFollowTheRule) {
  auto spring = 2027y / March / 28d;
  auto autumn = 2027y / October / 31d;
  auto calendar = parse(calendar_ics({entry(1, spring, 540, 600), entry(2, autumn, 540, 600)}, CalendarKind::feed, "",
                                     stamped));
  ASSERT_TRUE(calendar);
  auto events = children(calendar.get(), ICAL_VEVENT_COMPONENT);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(instant_of(calendar.get(), events[0]), sys_days{spring} + 8h);
  EXPECT_EQ(instant_of(calendar.get(), events[1]), sys_days{autumn} + 9h);
}

TEST(CalendarTest, TextIsEscapedSoItCannotAddProperties) {
  auto booked = entry(1, 2027y / February / 5d, 600, 660);
  booked.summary = "Supervision\r\nDESCRIPTION:injected";
  auto text = calendar_ics({booked}, CalendarKind::single, "", stamped);
  EXPECT_EQ(text.find("\nDESCRIPTION:"), std::string::npos);
  auto calendar = parse(text);
  ASSERT_TRUE(calendar);
  auto* event = children(calendar.get(), ICAL_VEVENT_COMPONENT).at(0);
  EXPECT_EQ(icalcomponent_get_first_property(event, ICAL_DESCRIPTION_PROPERTY), nullptr);
}

TEST(CalendarTest, TheOfficerSeesWhomTheyMeet) {
  EXPECT_EQ(officer_summary(AppointmentType::supervision, "Sam Smith"), "Supervision with Sam Smith");
  EXPECT_EQ(officer_summary(AppointmentType::drug_test, "Sam Smith"), "Drug test with Sam Smith");
}

TEST(CalendarTest, ThePersonSeesWhomTheyMeetInTheirLanguage) {
  EXPECT_EQ(person_summary(AppointmentType::supervision, "Alex Jones", Language::en),
            "Supervision appointment with Alex Jones");
  EXPECT_EQ(person_summary(AppointmentType::supervision, "Alex Jones", Language::cy),
            "Apwyntiad goruchwylio gydag Alex Jones");
  EXPECT_EQ(person_summary(AppointmentType::home_visit, "Rhian Evans", Language::cy), "Ymweliad cartref gyda Rhian Evans");
  EXPECT_EQ(person_summary(AppointmentType::induction, "", Language::cy), "Apwyntiad sefydlu");
  EXPECT_EQ(person_calendar_name(Language::en), "Your probation appointments");
  EXPECT_EQ(person_calendar_name(Language::cy), "Eich apwyntiadau prawf");
}

// Every type has words in both languages, different from each other's.
TEST(CalendarTest, EveryTypeHasWordsForThePersonInBothLanguages) {
  for (auto language : {Language::en, Language::cy}) {
    std::set<std::string> seen;
    for (const auto& type : appointment_types()) {
      auto words = person_summary(type.value, "", language);
      EXPECT_FALSE(words.empty()) << type.code;
      EXPECT_TRUE(seen.insert(words).second) << type.code;
    }
  }
  EXPECT_NE(person_summary(AppointmentType::drug_test, "", Language::en),
            person_summary(AppointmentType::drug_test, "", Language::cy));
}

}  // namespace
}  // namespace resettle
