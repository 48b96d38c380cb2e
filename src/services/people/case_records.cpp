// The use cases on a person's record (see case_records.hpp).
#include "services/people/case_records.hpp"

#include <algorithm>

#include "domain/catalogue.hpp"
#include "domain/staff/access.hpp"
#include "domain/errors.hpp"
#include "domain/limited_access/limited_access.hpp"
#include "domain/release/release_event.hpp"
#include "services/audit.hpp"
#include "services/people/caseload.hpp"
#include "services/release_dates/bookings.hpp"
#include "services/responsibility/responsibility.hpp"

namespace resettle::services {

namespace {

void require(const StaffMember& actor, CaseAction action) {
  if (!role_may(actor.role, action))
    throw Forbidden(std::string{role_label(actor.role)} + "s cannot do this");
}

nlohmann::json changes_as_json(const std::vector<FieldChange>& changes) {
  auto json = nlohmann::json::object();
  for (const auto& change : changes) json[change.field] = {{"from", change.from}, {"to", change.to}};
  return json;
}

std::string changed_names(const std::vector<FieldChange>& changes) {
  std::string names;
  for (const auto& change : changes) {
    auto name = change.field;
    std::replace(name.begin(), name.end(), '_', ' ');
    names += (names.empty() ? "" : ", ") + name;
  }
  return names;
}

void journal_change(store::Transaction& tx, const StaffMember& actor, std::int64_t person_id, std::string kind,
                    std::string entity, std::int64_t entity_id, std::string summary,
                    const std::vector<FieldChange>& changes) {
  tx.journal().append({actor.id, person_id, std::move(kind), std::move(entity), entity_id, std::move(summary), "",
                       changes_as_json(changes)});
}

// Adding a person puts them in the actor's own prison or PDU (administrators: anywhere).
void require_placeable(const StaffMember& actor, const std::string& prison_code, const std::string& pdu_code) {
  if (may_place_person(actor, prison_code, pdu_code)) return;
  std::string why = "must be your own prison or probation delivery unit: only an administrator can add someone elsewhere";
  throw ValidationFailed(std::vector<FieldError>{{"prison_code", why}, {"pdu_code", why}});
}

// "Change details" never moves a case: a prison or PDU once set changes only by a transfer the
// receiving side acknowledges. A unit may be given to someone who has none, as when adding them.
void require_unmoved(const StaffMember& actor, const Person& before, const Person& after) {
  std::vector<FieldError> errors;
  auto check = [&](const std::string& field, const std::string& from, const std::string& to) {
    if (from == to) return;
    if (!from.empty())
      errors.push_back({field, staff_text("cannot be changed here: ask for a transfer, which the receiving side acknowledges")});
    else if (!may_place_person(actor, field == "prison_code" ? to : "", field == "pdu_code" ? to : ""))
      errors.push_back({field, staff_text("must be your own: only an administrator can place someone elsewhere")});
  };
  check("prison_code", before.prison_code, after.prison_code);
  check("pdu_code", before.pdu_code, after.pdu_code);
  if (!errors.empty()) throw ValidationFailed(errors);
}

}  // namespace

Places list_places(store::Store& store) {
  auto tx = store.begin_read();
  return {tx->places().prisons(), tx->places().pdus()};
}

void require_known_places(store::Transaction& tx, const std::string& prison_code, const std::string& pdu_code) {
  std::vector<FieldError> errors;
  if (!prison_code.empty() && !tx.places().find_prison(prison_code))
    errors.push_back({"prison_code", staff_text("is not a prison on Resettle")});
  if (!pdu_code.empty() && !tx.places().find_pdu(pdu_code))
    errors.push_back({"pdu_code", staff_text("is not a probation delivery unit on Resettle")});
  if (!errors.empty()) throw ValidationFailed(errors);
}

bool allocated_to(store::Transaction& tx, std::int64_t person_id, std::int64_t staff_id) {
  auto current = tx.allocations().current_for_person(person_id);
  return std::any_of(current.begin(), current.end(), [&](const Allocation& a) { return a.staff_id == staff_id; });
}

std::optional<Person> visible_person(store::Transaction& tx, const StaffMember& actor, std::int64_t person_id) {
  auto person = tx.people().find(person_id);
  if (!person || !may_see_person(actor, *person, allocated_to(tx, person_id, actor.id)) ||
      !may_see_limited_case(tx.limited_access().current_for_person(person_id), actor.id))
    return std::nullopt;
  return person;
}

Person require_visible_person(store::Transaction& tx, const StaffMember& actor, std::int64_t person_id,
                              const std::string& what) {
  auto person = visible_person(tx, actor, person_id);
  if (person) return *person;
  if (tx.people().find(person_id)) {
    tx.access_log().record(actor.id, person_id, what, false);
    tx.commit();  // keep the record of a refused attempt
  }
  throw NotFound("person " + std::to_string(person_id) + " not found");
}

std::optional<store::UnitScope> scope_for(const StaffMember& staff) {
  if (staff.role == Role::admin) return std::nullopt;
  return store::UnitScope{staff.prison_code, staff.pdu_code, staff.id};
}

Person add_person(store::Store& store, const Clock& clock, const StaffMember& actor, const FieldInput& input) {
  require(actor, CaseAction::add_person);
  auto person = read_person(input, clock.today());
  auto tx = store.begin_write();
  require_known_places(*tx, person.prison_code, person.pdu_code);
  require_placeable(actor, person.prison_code, person.pdu_code);
  person.id = tx->people().insert(person);
  person.version = 1;
  journal_change(*tx, actor, person.id, "person.added", "person", person.id, person.full_name() + " added to Resettle",
                 changed_fields({}, person_fields(person)));
  refresh_case_dates(*tx, person.id, clock.today());
  tx->commit();
  return person;
}

Person update_person(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t person_id,
                     const FieldInput& input, std::int64_t expected_version) {
  require(actor, CaseAction::edit_person);
  auto tx = store.begin_write();
  auto before = require_visible_person(*tx, actor, person_id, "edit");
  auto after = read_person(overlay_fields(person_fields(before), input), clock.today());
  after.id = person_id;
  require_known_places(*tx, after.prison_code, after.pdu_code);
  require_unmoved(actor, before, after);
  refuse_release_by_edit(before, after);
  auto changes = changed_fields(person_fields(before), person_fields(after));
  if (changes.empty() && before.version == expected_version) return before;
  tx->people().update(after, expected_version);
  after.version = expected_version + 1;
  journal_change(*tx, actor, person_id, "person.updated", "person", person_id,
                 "Details changed: " + changed_names(changes), changes);
  refresh_case_dates(*tx, person_id, clock.today());
  tx->commit();
  return after;
}

PersonRecord view_person(store::Store& store, const StaffMember& actor, std::int64_t person_id,
                         const std::string& what) {
  auto tx = store.begin_audit_write();  // the audit record is the only write
  auto person = require_visible_person(*tx, actor, person_id, what);
  tx->access_log().record(actor.id, person_id, what, true);
  PersonRecord record{person,        tx->sentences().for_person(person_id),
                      tx->bookings().find(person_id),
                      tx->allocations().current_for_person(person_id), std::nullopt, std::nullopt,
                      tx->risk_profiles().find(person_id), tx->journal().latest(person_id, "risk_profile.updated"),
                      !tx->limited_access().current_for_person(person_id).empty()};
  if (!person.prison_code.empty()) record.prison = tx->places().find_prison(person.prison_code);
  if (!person.pdu_code.empty()) record.pdu = tx->places().find_pdu(person.pdu_code);
  tx->commit();
  return record;
}

namespace {
// Whom a member of staff's lists show: their unit and their own cases, less limited-access cases.
store::PersonFilter scoped_to(const StaffMember& actor, store::PersonFilter filter) {
  require(actor, CaseAction::view);
  filter.within = scope_for(actor);
  filter.seen_by = actor.id;
  return filter;
}
}  // namespace

store::Page<Person> list_people(store::Store& store, const StaffMember& actor, store::PersonFilter filter,
                                const store::PageRequest& page) {
  return audited(store, actor, "people list", store.begin_read()->people().list(scoped_to(actor, std::move(filter)), page));
}

store::Page<PersonSummary> unit_caseload(store::Store& store, const StaffMember& actor, const std::string& search,
                                         const store::PageRequest& page) {
  require(actor, CaseAction::view);
  return audited(store, actor, unit_list_read, read_unit_caseload(*store.begin_read(), actor, search, page));
}

store::Page<PersonSummary> caseload(store::Store& store, const StaffMember& actor, const std::string& search,
                                    const store::PageRequest& page) {
  require(actor, CaseAction::view);
  return audited(store, actor, own_list_read, read_own_caseload(*store.begin_read(), actor, search, page));
}

Timeline person_timeline(store::Store& store, const StaffMember& actor, std::int64_t person_id,
                         const store::PageRequest& page) {
  auto record = view_person(store, actor, person_id, "timeline");
  auto tx = store.begin_read();
  auto events = tx->journal().for_person(person_id, page);
  for (auto& event : events.items) event = as_seen_by(std::move(event), actor.role);
  return {std::move(record.person), std::move(events)};
}

Sentence record_sentence(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t person_id,
                         const FieldInput& input) {
  require(actor, CaseAction::record_sentence);
  auto sentence = read_sentence(input);
  auto tx = store.begin_write();
  require_visible_person(*tx, actor, person_id, "record sentence");
  sentence.person_id = person_id;
  // The single-sentence form records a booking of one, as the newest sentence always was: the
  // sentences recorded before it leave the booking (kept on record), whose version moves on.
  tx->bookings().advance(person_id, tx->bookings().version(person_id));
  tx->bookings().clear_sentences(person_id);
  sentence.id = tx->sentences().insert(sentence);
  sentence.version = 1;
  journal_change(*tx, actor, person_id, "sentence.recorded", "sentence", sentence.id,
                 "Sentence recorded: " + std::string{entry_for(sentence_types(), sentence.type).label},
                 changed_fields({}, sentence_fields(sentence)));
  refresh_case_dates(*tx, person_id, clock.today());
  tx->commit();
  return sentence;
}

Sentence update_sentence(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t sentence_id,
                         const FieldInput& input, std::int64_t expected_version) {
  require(actor, CaseAction::record_sentence);
  auto tx = store.begin_write();
  auto before = tx->sentences().find(sentence_id);
  if (!before) throw NotFound("sentence " + std::to_string(sentence_id) + " not found");
  require_visible_person(*tx, actor, before->person_id, "change sentence");
  auto after = read_sentence(overlay_fields(sentence_fields(*before), input));
  after.id = sentence_id;
  after.person_id = before->person_id;
  after.recall_served = before->recall_served;  // the recall records it, not the sentence form
  after.facts = before->facts;                  // the booking records these, not the sentence form
  after.in_booking = before->in_booking;
  auto changes = changed_fields(sentence_fields(*before), sentence_fields(after));
  if (changes.empty() && before->version == expected_version) return *before;
  tx->sentences().update(after, expected_version);
  after.version = expected_version + 1;
  if (after.in_booking) tx->bookings().advance(after.person_id, tx->bookings().version(after.person_id));
  journal_change(*tx, actor, after.person_id, "sentence.updated", "sentence", sentence_id,
                 "Sentence changed: " + changed_names(changes), changes);
  refresh_case_dates(*tx, after.person_id, clock.today());
  tx->commit();
  return after;
}

Sentence find_sentence(store::Store& store, const StaffMember& actor, std::int64_t sentence_id) {
  auto tx = store.begin_audit_write();  // the read is audited
  auto sentence = tx->sentences().find(sentence_id);
  if (!sentence) throw NotFound("sentence " + std::to_string(sentence_id) + " not found");
  try {
    require_visible_person(*tx, actor, sentence->person_id, "sentence");
  } catch (const NotFound&) {
    throw NotFound("sentence " + std::to_string(sentence_id) + " not found");  // the same answer as no sentence
  }
  tx->access_log().record(actor.id, sentence->person_id, "sentence", true);
  tx->commit();
  return *sentence;
}

BookingKeyDates sentence_key_dates(store::Store& store, const Sentence& sentence, Date today) {
  auto tx = store.begin_read();
  auto person = tx->people().find(sentence.person_id);
  if (!person) return calculate_stored_booking(booking_of_one(sentence), std::nullopt, today);
  return booking_key_dates(*person, sentence.in_booking ? tx->bookings().find(sentence.person_id) : booking_of_one(sentence),
                           today);
}

}  // namespace resettle::services
