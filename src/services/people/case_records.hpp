#pragma once
// Use cases on a person's record: add, change, read (audited), list and the timeline.
// Each runs in one transaction with its journal Event.
#include <optional>
#include <vector>

#include "domain/field_input.hpp"
#include "domain/release_dates/stored_booking.hpp"
#include "services/clock.hpp"
#include "store/store.hpp"

namespace resettle::services {

// Everything the person overview needs, read in one transaction.
struct PersonRecord {
  Person person;
  std::vector<Sentence> sentences;  // newest first, in the booking or not
  StoredBooking booking;
  std::vector<Allocation> current_allocations;
  std::optional<Prison> prison;
  std::optional<ProbationDeliveryUnit> pdu;
  RiskProfile risk_profile;
  std::optional<Event> risk_profile_set;  // who last changed the risk profile, and when
  bool limited_access = false;  // the case has an exclusion or restriction list
};

// Adds a person and journals it; returns them with their id and version 1, and works out their case
// dates. Throws Forbidden for a role that may not add people, ValidationFailed naming each bad field
// (and an unknown prison_code or pdu_code).
Person add_person(store::Store& store, const Clock& clock, const StaffMember& actor, const FieldInput& input);
// Changes the fields in `input` (absent fields keep their stored values), journals the change and
// works the case dates out again; returns the person as stored (unchanged, with no write or event,
// when nothing changed at expected_version). Throws Forbidden for a role that may not edit,
// NotFound for someone the caller may not see, ValidationFailed naming each bad field, StaleVersion
// if the record moved on from expected_version.
Person update_person(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t person_id,
                     const FieldInput& input, std::int64_t expected_version);
// Audited read: every attempt, allowed or not, is written to the access log as `what`. Returns the
// record with sentences newest first and the current allocations; prison and pdu are empty when
// the person has none (or the code is unknown). Throws NotFound for no such person and for someone
// the caller may not see (out of their scope, or on a limited-access list), alike.
PersonRecord view_person(store::Store& store, const StaffMember& actor, std::int64_t person_id, const std::string& what);
// A page of the people the caller may see that match `filter` (its scope is replaced by the
// caller's), in id order; empty when none match. Throws Forbidden for a role that may not view cases.
store::Page<Person> list_people(store::Store& store, const StaffMember& actor, store::PersonFilter filter,
                                const store::PageRequest& page);
// Everyone in this member of staff's unit and on their caseload that they may see, as a list page
// shows them, in id order; empty when none match. `search` is as
// PersonFilter::search. Throws Forbidden for a role that may not view cases.
store::Page<PersonSummary> unit_caseload(store::Store& store, const StaffMember& actor, const std::string& search,
                                         const store::PageRequest& page);
// The people allocated to this member of staff now, less the limited-access cases they may not see,
// in id order; empty when they hold none. `search` is as PersonFilter::search. Throws Forbidden for
// a role that may not view cases.
store::Page<PersonSummary> caseload(store::Store& store, const StaffMember& actor, const std::string& search,
                                    const store::PageRequest& page);
struct Timeline {
  Person person;
  store::Page<Event> events;  // newest first
};
// The person (an audited read, as view_person, which gives its NotFound) and a page of their
// journal, newest first; the page is empty when nothing is journalled past its cursor.
Timeline person_timeline(store::Store& store, const StaffMember& actor, std::int64_t person_id,
                         const store::PageRequest& page);

// Recording or changing a sentence works the case dates out again in the same transaction and
// journals it. Both throw Forbidden for a role that may not record sentences, NotFound for a person
// (or sentence) the caller may not see, ValidationFailed naming each bad field; update_sentence
// throws StaleVersion if the sentence moved on, and returns it unchanged when nothing changed.
Sentence record_sentence(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t person_id,
                         const FieldInput& input);
Sentence update_sentence(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t sentence_id,
                         const FieldInput& input, std::int64_t expected_version);
// An audited read of one sentence. Throws NotFound for no such sentence and for one whose person the
// caller may not see, alike.
Sentence find_sentence(store::Store& store, const StaffMember& actor, std::int64_t sentence_id);
// Every key date that is supplied or can be worked out for a sentence, each with the rule that made
// it (a supplied date always wins): those of the person's whole booking for a sentence in it, else
// of the sentence on its own, under the law in force today. Empty when nothing is known.
BookingKeyDates sentence_key_dates(store::Store& store, const Sentence& sentence, Date today);

struct Places {
  std::vector<Prison> prisons;
  std::vector<ProbationDeliveryUnit> pdus;
};
Places list_places(store::Store& store);  // every prison and every PDU, each by name

// ValidationFailed naming prison_code / pdu_code when either is given but unknown.
void require_known_places(store::Transaction& tx, const std::string& prison_code, const std::string& pdu_code);

// The person, if this member of staff may see them, checked inside the caller's transaction (for
// use cases that already hold one; view_person audits in a transaction of its own). Someone they
// may not see is "not found", so lists, links and guesses reveal nothing about who is on Resettle.
std::optional<Person> visible_person(store::Transaction& tx, const StaffMember& actor, std::int64_t person_id);

// visible_person, or NotFound with the refusal audited: a refused attempt on a person who exists
// goes to the access log as `what` and commits the caller's transaction at once, so the record of
// it is kept; call it before the use case writes anything. (Allowed writes are in the journal;
// allowed reads are logged by the reads themselves.)
Person require_visible_person(store::Transaction& tx, const StaffMember& actor, std::int64_t person_id,
                              const std::string& what);

// Whether this member of staff holds a current allocation (lead or deputy, any role) for the person.
bool allocated_to(store::Transaction& tx, std::int64_t person_id, std::int64_t staff_id);

// The people this member of staff may see, as a list filter.
std::optional<store::UnitScope> scope_for(const StaffMember& staff);

}  // namespace resettle::services
