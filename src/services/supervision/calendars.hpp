#pragma once
// Appointments in the calendars people already use: one appointment as an iCalendar file, and private
// feeds a calendar subscribes to, of an officer's diary and of a person's appointments. A feed's
// address holds a random token (shown once, when made; only its SHA-256 is kept), needs no sign-in,
// and stops working when revoked. Making and revoking feeds is journalled; the token never is.
#include <cstdint>
#include <optional>
#include <string>

#include "domain/language.hpp"
#include "domain/staff/staff.hpp"
#include "services/clock.hpp"
#include "store/store.hpp"

namespace resettle::services {

// Whose words a calendar file is in: the officer's (whom they meet) or the person's (whom they meet,
// in the language of their contact details).
enum class CalendarReader { officer, person };

// The appointment as an iCalendar file (METHOD:PUBLISH) for `reader`. Audited read as find_appointment:
// NotFound for no such appointment and for one whose person this member of staff may not see.
std::string appointment_calendar(store::Store& store, const Clock& clock, const StaffMember& actor,
                                 std::int64_t appointment_id, CalendarReader reader);

// One of the person's own appointments as an iCalendar file in `language`, for their own pages: NotFound
// for an appointment that is not theirs. Journalled as a view of their record.
std::string own_appointment_calendar(store::Store& store, const Clock& clock, std::int64_t person_id,
                                     std::int64_t appointment_id, Language language);

// A feed just made, with its token: the only time the token is known.
struct IssuedFeed {
  store::CalendarFeed feed;
  std::string token;  // 32 random bytes, base64url without padding: 43 characters
};

// A new feed of the member of staff's own diary. Their current feed, if any, is revoked in the same
// transaction, which journals both.
IssuedFeed create_diary_feed(store::Store& store, const Clock& clock, const StaffMember& actor);
// A new feed of the person's appointments, as create_diary_feed does for a diary; on the person's
// timeline. Forbidden unless may_book_appointments; NotFound for a person this member of staff may not see.
IssuedFeed create_person_feed(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t person_id);

// Revokes the feed, journalled, and returns it as revoked. A diary's feed only by its own officer, a
// person's feed only by someone who may book their appointments (Forbidden otherwise). NotFound for no
// such feed, another officer's diary feed and a person this member of staff may not see; Conflict when
// it was already revoked.
store::CalendarFeed revoke_feed(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t feed_id);

// The member of staff's current diary feed; nullopt when they have none.
std::optional<store::CalendarFeed> diary_feed(store::Store& store, const StaffMember& actor);

// How far back and ahead a feed reaches.
inline constexpr int feed_days_back = 30;
inline constexpr int feed_days_ahead = 365;

// The calendar a feed's token names, from 30 days ago to a year ahead (local dates in England and
// Wales): an officer's diary with each person's name (a read of those people audited as theirs), or
// the person's appointments in their language. NotFound, the same for each, for a token that is not a
// current feed's, and for a diary of an officer no longer active.
std::string feed_calendar(store::Store& store, const Clock& clock, const std::string& token);

}  // namespace resettle::services
