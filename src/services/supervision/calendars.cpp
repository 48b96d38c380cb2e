// Calendar files and private calendar feeds of appointments (see calendars.hpp).
#include "services/supervision/calendars.hpp"

#include <map>
#include <set>
#include <stdexcept>

#include "domain/supervision/appointment.hpp"
#include "domain/supervision/calendar.hpp"
#include "domain/errors.hpp"
#include "domain/uk_time.hpp"
#include "services/supervision/appointments.hpp"
#include "services/audit.hpp"
#include "services/people/case_records.hpp"
#include "services/accounts/passwords.hpp"

namespace resettle::services {

namespace {

// The offices appointments are at, names by code (an unknown code stands for itself).
class Offices {
 public:
  explicit Offices(store::Transaction& tx) {
    for (auto& office : tx.places().pdus()) names_.emplace(office.code, std::move(office.name));
  }
  std::string name(const std::string& code) const {
    auto found = names_.find(code);
    return found == names_.end() ? code : found->second;
  }

 private:
  std::map<std::string, std::string> names_;
};

CalendarEntry entry_of(const Appointment& appointment, std::string summary, std::string location) {
  return {appointment.id,      appointment.version, appointment.on,         appointment.starts_at,
          appointment.ends_at, std::move(summary),  std::move(location), appointment.cancelled()};
}

Language language_of(store::Transaction& tx, std::int64_t person_id) {
  return tx.person_contacts().find(person_id).details.language;
}

// Makes the owner's new feed, revoking the `current` one, journalled, and commits the caller's transaction.
IssuedFeed issue_feed(store::Transaction& tx, const Clock& clock, const StaffMember& actor, store::CalendarFeed feed,
                      const std::optional<store::CalendarFeed>& current, const std::string& whose) {
  feed.created_by = actor.id;
  feed.created_at = clock.now_iso();
  nlohmann::json data = {{"owner", feed.staff_id ? "staff" : "person"}};
  if (current) {
    tx.calendar_feeds().revoke(current->id, actor.id, feed.created_at);
    data["revoked_feed_id"] = current->id;
  }
  IssuedFeed issued{feed, random_url_token()};
  issued.feed.id = tx.calendar_feeds().insert(sha256_hex(issued.token), feed);
  tx.journal().append({actor.id, feed.person_id, "calendar_feed.created", "calendar_feed", issued.feed.id,
                       "Calendar feed of " + whose + " made" + (current ? ", replacing the one before" : ""), "", data});
  tx.commit();
  return issued;
}

std::string diary_calendar(store::Transaction& tx, const StaffMember& officer, Date from, Date to, Timestamp now,
                           std::set<std::int64_t>& people) {
  Offices offices{tx};
  std::vector<CalendarEntry> entries;
  for (const auto& entry : diary_entries(tx, officer, from, to)) {
    people.insert(entry.appointment.person_id);
    entries.push_back(entry_of(entry.appointment,
                               officer_summary(entry.appointment.type, entry.given_name + " " + entry.family_name),
                               offices.name(entry.appointment.office_code)));
  }
  return calendar_ics(entries, CalendarKind::feed, "Resettle diary: " + officer.display_name, now);
}

std::string person_calendar(store::Transaction& tx, std::int64_t person_id, Date from, Date to, Timestamp now) {
  auto language = language_of(tx, person_id);
  Offices offices{tx};
  auto appointments = tx.appointments().for_person(person_id, from, to);
  std::vector<std::int64_t> officer_ids;
  for (const auto& appointment : appointments) officer_ids.push_back(appointment.with_staff_id);
  std::map<std::int64_t, std::string> officers;
  for (auto& officer : tx.staff().find_many(officer_ids)) officers.emplace(officer.id, std::move(officer.display_name));
  std::vector<CalendarEntry> entries;
  for (const auto& appointment : appointments)
    entries.push_back(entry_of(appointment, person_summary(appointment.type, officers[appointment.with_staff_id], language),
                               offices.name(appointment.office_code)));
  return calendar_ics(entries, CalendarKind::feed, person_calendar_name(language), now);
}

}  // namespace

std::string appointment_calendar(store::Store& store, const Clock& clock, const StaffMember& actor,
                                 std::int64_t appointment_id, CalendarReader reader) {
  auto record = find_appointment(store, clock, actor, appointment_id);
  const auto& appointment = record.appointment;
  auto summary = officer_summary(appointment.type, record.person.full_name());
  if (reader == CalendarReader::person)
    summary = person_summary(appointment.type, record.officer_name, language_of(*store.begin_read(), record.person.id));
  return calendar_ics({entry_of(appointment, summary, record.office_name)}, CalendarKind::single, "", clock.now_seconds());
}

std::string own_appointment_calendar(store::Store& store, const Clock& clock, std::int64_t person_id,
                                     std::int64_t appointment_id, Language language) {
  auto tx = store.begin_write();
  auto appointment = tx->appointments().find(appointment_id);
  if (!appointment || appointment->person_id != person_id) throw NotFound("appointment " + std::to_string(appointment_id));
  auto officer = tx->staff().find(appointment->with_staff_id);
  auto summary = person_summary(appointment->type, officer ? officer->display_name : "", language);
  auto ics = calendar_ics({entry_of(*appointment, summary, Offices{*tx}.name(appointment->office_code))},
                          CalendarKind::single, "", clock.now_seconds());
  tx->journal().append({std::nullopt, person_id, "person_account.viewed", "appointment", appointment_id,
                        "Saved an appointment to their calendar", "", nlohmann::json::object()});
  tx->commit();
  return ics;
}

IssuedFeed create_diary_feed(store::Store& store, const Clock& clock, const StaffMember& actor) {
  auto tx = store.begin_write();
  store::CalendarFeed feed;
  feed.staff_id = actor.id;
  return issue_feed(*tx, clock, actor, feed, tx->calendar_feeds().current_for_staff(actor.id), "the diary");
}

IssuedFeed create_person_feed(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t person_id) {
  if (!may_book_appointments(actor.role))
    throw Forbidden("only the community offender manager or a manager gives the person a calendar feed");
  auto tx = store.begin_write();
  require_visible_person(*tx, actor, person_id, "calendar feed");
  store::CalendarFeed feed;
  feed.person_id = person_id;
  return issue_feed(*tx, clock, actor, feed, tx->calendar_feeds().current_for_person(person_id), "the appointments");
}

store::CalendarFeed revoke_feed(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t feed_id) {
  auto tx = store.begin_write();
  auto feed = tx->calendar_feeds().find(feed_id);
  // Another officer's diary feed is "not found", as a person they may not see is.
  if (!feed || (feed->staff_id && *feed->staff_id != actor.id))
    throw NotFound("calendar feed " + std::to_string(feed_id) + " not found");
  if (feed->person_id) {
    if (!may_book_appointments(actor.role))
      throw Forbidden("only the community offender manager or a manager revokes the person's calendar feed");
    require_visible_person(*tx, actor, *feed->person_id, "calendar feed");
  }
  if (!feed->current()) throw Conflict("this calendar feed was already revoked on " + feed->revoked_at.substr(0, 10));
  feed->revoked_by = actor.id;
  feed->revoked_at = clock.now_iso();
  tx->calendar_feeds().revoke(feed->id, actor.id, feed->revoked_at);
  tx->journal().append({actor.id, feed->person_id, "calendar_feed.revoked", "calendar_feed", feed->id,
                        std::string{"Calendar feed of "} + (feed->staff_id ? "the diary" : "the appointments") + " revoked",
                        "", {{"owner", feed->staff_id ? "staff" : "person"}}});
  tx->commit();
  return *feed;
}

std::optional<store::CalendarFeed> diary_feed(store::Store& store, const StaffMember& actor) {
  return store.begin_read()->calendar_feeds().current_for_staff(actor.id);
}

std::string feed_calendar(store::Store& store, const Clock& clock, const std::string& token) {
  auto now = clock.now_seconds();
  auto today = uk_local(now).on;
  auto from = add_days(today, -feed_days_back);
  auto to = add_days(today, feed_days_ahead);
  auto tx = store.begin_read();
  auto feed = tx->calendar_feeds().find_current(sha256_hex(token));
  if (feed && feed->person_id) return person_calendar(*tx, *feed->person_id, from, to, now);
  auto officer = feed ? tx->staff().find(*feed->staff_id) : std::nullopt;
  if (!officer || !officer->active) throw NotFound("no such calendar");
  std::set<std::int64_t> people;
  auto calendar = diary_calendar(*tx, *officer, from, to, now, people);
  tx.reset();
  audit_list(store, *officer, "calendar feed", {people.begin(), people.end()});
  return calendar;
}

}  // namespace resettle::services
