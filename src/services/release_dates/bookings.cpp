// A person's booking recorded and read whole (see bookings.hpp).
#include "services/release_dates/bookings.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "domain/catalogue.hpp"
#include "domain/errors.hpp"
#include "domain/release_dates/booking_changes.hpp"
#include "domain/release_dates/booking_form.hpp"
#include "domain/release_dates/booking_json.hpp"
#include "domain/staff/access.hpp"
#include "services/people/case_records.hpp"
#include "services/responsibility/responsibility.hpp"

namespace resettle::services {

BookingKeyDates booking_key_dates(const Person& person, const StoredBooking& booking, Date as_at) {
  auto date_of_birth = person.date_of_birth.ok() ? std::optional<Date>{person.date_of_birth} : std::nullopt;
  return calculate_stored_booking(booking, date_of_birth, as_at);
}

namespace {
BookingView view_of(const Person& person, StoredBooking booking, Date today) {
  auto recorded = recorded_booking(booking);
  auto calculation = booking_key_dates(person, booking, today);
  return {person, std::move(booking), std::move(recorded), std::move(calculation)};
}

// "/sentences/0/term/days" as the field path "sentences[0].term.days".
std::string field_path(const std::string& pointer) {
  std::string path;
  std::size_t at = 1;
  while (at <= pointer.size()) {
    auto next = pointer.find('/', at);
    auto part = pointer.substr(at, next == std::string::npos ? std::string::npos : next - at);
    bool index = !part.empty() && part.find_first_not_of("0123456789") == std::string::npos;
    path += index ? "[" + part + "]" : (path.empty() ? "" : ".") + part;
    if (next == std::string::npos) break;
    at = next + 1;
  }
  return path;
}

// Each leaf that differs, by field path, with its old and new JSON value (null where there is none).
nlohmann::json changed_paths(const nlohmann::json& before, const nlohmann::json& after) {
  auto old_leaves = before.flatten(), new_leaves = after.flatten();
  auto leaf = [](const nlohmann::json& leaves, const std::string& pointer) {
    auto found = leaves.find(pointer);
    return found == leaves.end() ? nlohmann::json() : *found;
  };
  std::set<std::string> pointers;
  for (auto it = old_leaves.begin(); it != old_leaves.end(); ++it) pointers.insert(it.key());
  for (auto it = new_leaves.begin(); it != new_leaves.end(); ++it) pointers.insert(it.key());
  auto changes = nlohmann::json::object();
  for (const auto& pointer : pointers) {
    auto from = leaf(old_leaves, pointer), to = leaf(new_leaves, pointer);
    if (from != to) changes[field_path(pointer)] = {{"from", from}, {"to", to}};
  }
  return changes;
}

// The facts a sentence of the booking records; the single-sentence form's columns follow them so that
// the sentence reads the same wherever it is shown.
Sentence with_facts(Sentence sentence, const BookedSentence& booked, const std::map<std::string, std::int64_t>& rows) {
  SentenceFacts facts;
  facts.kind = booked.kind;
  facts.offence = booked.offence;
  facts.term = booked.term;
  facts.custodial_term = booked.custodial_term;
  facts.extension_term = booked.extension_term;
  if (booked.consecutive_to) facts.consecutive_to = rows.at(*booked.consecutive_to);
  facts.release_scheme = booked.release_scheme;
  facts.fine_amount_pence = booked.fine_amount_pence;
  sentence.facts = facts;
  sentence.in_booking = true;
  sentence.type = booked.kind == SentenceKind::indeterminate ? SentenceType::indeterminate : SentenceType::determinate;
  sentence.start_date = booked.sentenced_on;
  const auto& custodial = booked.term.empty() ? booked.custodial_term : booked.term;
  sentence.length_days = custodial.empty() ? std::nullopt : std::optional<int>{term_days(*booked.sentenced_on, custodial)};
  sentence.extension_days = std::nullopt;
  sentence.remand_days = 0;  // credit is the booking's adjustments now
  sentence.tagged_bail_days = 0;
  sentence.recall = booked.recall.has_value();
  sentence.recall_served = booked.recall;
  return sentence;
}

// Stores the booking's sentences; returns the stored row id of each booking id.
std::map<std::string, std::int64_t> store_sentences(store::Transaction& tx, std::int64_t person_id,
                                                    const StoredBooking& before, const Booking& booking) {
  std::map<std::string, std::int64_t> rows;
  std::map<std::int64_t, const Sentence*> stored;
  for (const auto& sentence : before.sentences) stored[sentence.id] = &sentence;
  auto stored_id = [&](const std::string& id) -> std::optional<std::int64_t> {
    for (const auto& [row, sentence] : stored)
      if (booking_id(row) == id) return row;
    return std::nullopt;
  };
  // New sentences first, so that any sentence may be consecutive to one added with it.
  for (const auto& booked : booking.sentences) {
    if (auto row = stored_id(booked.id)) {
      rows[booked.id] = *row;
      continue;
    }
    auto unchained = booked;  // the chain is set below, once every id is known
    unchained.consecutive_to.reset();
    Sentence added;
    added.person_id = person_id;
    rows[booked.id] = tx.sentences().insert(with_facts(added, unchained, rows));
  }
  std::set<std::int64_t> kept;
  for (const auto& booked : booking.sentences) {
    auto row = rows.at(booked.id);
    kept.insert(row);
    auto current = *tx.sentences().find(row);
    auto after = with_facts(current, booked, rows);
    if (stored.contains(row) && after.facts == current.facts && after.start_date == current.start_date &&
        after.recall_served == current.recall_served && current.remand_days == 0 && current.tagged_bail_days == 0)
      continue;
    tx.sentences().update(after, current.version);
  }
  for (const auto& [row, sentence] : stored) {
    if (kept.contains(row)) continue;
    auto left = *sentence;
    left.in_booking = false;
    tx.sentences().update(left, sentence->version);
  }
  return rows;
}

// Replaces the recorded adjustments when they differ: the old ones are withdrawn, never deleted.
void store_adjustments(store::Transaction& tx, std::int64_t person_id, const StoredBooking& before,
                       const Booking& booking, const std::map<std::string, std::int64_t>& rows) {
  std::vector<StoredAdjustment> after;
  for (auto adjustment : booking.adjustments) {
    for (auto& id : adjustment.sentence_ids) id = booking_id(rows.at(id));
    after.push_back({0, person_id, std::move(adjustment)});
  }
  bool same = after.size() == before.adjustments.size();
  for (std::size_t i = 0; same && i < after.size(); ++i) same = after[i].adjustment == before.adjustments[i].adjustment;
  if (same) return;
  for (const auto& old : before.adjustments) tx.bookings().withdraw_adjustment(old.id);
  for (const auto& adjustment : after) tx.bookings().add_adjustment(adjustment);
}
}  // namespace

BookingView view_booking(store::Store& store, const StaffMember& actor, std::int64_t person_id, Date today) {
  auto record = view_person(store, actor, person_id, "booking");
  return view_of(record.person, std::move(record.booking), today);
}

namespace {
void require_recorder(const StaffMember& actor) {
  if (!role_may(actor.role, CaseAction::record_sentence))
    throw Forbidden(std::string{role_label(actor.role)} + "s cannot do this");
}

// Stores `booking` (already checked) as the person's in `tx` and commits, or leaves `tx` to roll back
// when nothing changed at expected_version (see record_booking).
BookingView save_booking(store::Transaction& tx, const StaffMember& actor, const Person& person, StoredBooking before,
                         const Booking& booking, std::int64_t expected_version, Date today) {
  auto before_json = booking_json(recorded_booking(before));
  tx.bookings().advance(person.id, expected_version);
  auto rows = store_sentences(tx, person.id, before, booking);
  store_adjustments(tx, person.id, before, booking, rows);
  if (booking.movements != before.movements) tx.bookings().replace_movements(person.id, booking.movements);
  if (booking.person.sex_offender_register != before.sex_offender_register)
    tx.bookings().set_sex_offender_register(person.id, booking.person.sex_offender_register);
  if (booking.calculate_ersed != before.liable_to_removal) tx.bookings().set_liable_to_removal(person.id, booking.calculate_ersed);
  auto after = tx.bookings().find(person.id);
  auto changes = changed_paths(before_json, booking_json(recorded_booking(after)));
  if (changes.empty()) return view_of(person, std::move(before), today);  // rolled back: the version stays
  std::string names;
  for (auto it = changes.begin(); it != changes.end(); ++it) names += (names.empty() ? "" : ", ") + it.key();
  tx.journal().append({actor.id, person.id, "booking.recorded", "booking", person.id,
                       "Booking recorded: " + (names.empty() ? std::string{"no change"} : names), "", changes});
  refresh_case_dates(tx, person.id, today);
  tx.commit();
  return view_of(person, std::move(after), today);
}

// check_booking with the errors of the item at `path` named by its form's fields.
void check_on_form(const Booking& booking, Date today, const std::string& path) {
  try {
    check_booking(booking, today);
  } catch (const ValidationFailed& failure) {
    throw ValidationFailed(errors_on_form(failure.errors(), path));
  }
}

std::size_t index_of(const Booking& booking, const std::string& sentence_id) {
  for (std::size_t i = 0; i < booking.sentences.size(); ++i)
    if (booking.sentences[i].id == sentence_id) return i;
  throw NotFound("sentence " + sentence_id + " is not in the booking");
}

// One change to the recorded booking, the shape every change shares: `change` reads what was sent and
// edits the booking as recorded (checking what it must) in the write transaction, then it is saved whole.
template <typename Change>
BookingView change_booking(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t person_id,
                           std::int64_t expected_version, Change change) {
  require_recorder(actor);
  auto tx = store.begin_write();
  auto person = require_visible_person(*tx, actor, person_id, "record booking");
  auto before = tx->bookings().find(person_id);
  auto booking = change(recorded_booking(before));
  return save_booking(*tx, actor, person, std::move(before), booking, expected_version, clock.today());
}

// Takes the movement at `index` out of the booking's list; NotFound when there is none.
void take_out_movement(Booking& booking, std::size_t index) {
  if (index >= booking.movements.size()) throw NotFound("movement " + std::to_string(index + 1) + " is not in the booking");
  booking.movements.erase(booking.movements.begin() + std::ptrdiff_t(index));
}
}  // namespace

BookingView record_booking(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t person_id,
                           const nlohmann::json& body, std::int64_t expected_version) {
  return change_booking(store, clock, actor, person_id, expected_version,
                        [&](const Booking&) { return read_booking_json(body, clock.today()); });
}

BookingView record_booked_sentence(store::Store& store, const Clock& clock, const StaffMember& actor,
                                   std::int64_t person_id, const std::optional<std::string>& sentence_id,
                                   const FieldInput& form, std::int64_t expected_version) {
  return change_booking(store, clock, actor, person_id, expected_version, [&](Booking booking) {
    auto sentence = read_sentence_form(form);
    auto index = sentence_id ? index_of(booking, *sentence_id) : booking.sentences.size();
    if (sentence_id) {
      sentence.id = *sentence_id;
      booking.sentences[index] = std::move(sentence);
    } else {
      sentence.id = "new";  // stored ids are numbers
      booking.sentences.push_back(std::move(sentence));
    }
    check_on_form(booking, clock.today(), "sentences[" + std::to_string(index) + "]");
    return booking;
  });
}

BookingView record_booked_adjustment(store::Store& store, const Clock& clock, const StaffMember& actor,
                                     std::int64_t person_id, std::optional<std::size_t> index, const FieldInput& form,
                                     std::int64_t expected_version) {
  return change_booking(store, clock, actor, person_id, expected_version, [&](Booking booking) {
    auto adjustment = read_adjustment_form(form);
    auto at = index.value_or(booking.adjustments.size());
    if (at > booking.adjustments.size() || (index && at == booking.adjustments.size()))
      throw NotFound("adjustment " + std::to_string(at + 1) + " is not in the booking");
    if (index) booking.adjustments[at] = std::move(adjustment);
    else booking.adjustments.push_back(std::move(adjustment));
    check_on_form(booking, clock.today(), "adjustments[" + std::to_string(at) + "]");
    return booking;
  });
}

BookingView record_booked_movement(store::Store& store, const Clock& clock, const StaffMember& actor,
                                   std::int64_t person_id, std::optional<std::size_t> index, const FieldInput& form,
                                   std::int64_t expected_version) {
  return change_booking(store, clock, actor, person_id, expected_version, [&](Booking booking) {
    auto movement = read_movement_form(form);
    auto& movements = booking.movements;
    if (index) take_out_movement(booking, *index);
    auto at = std::upper_bound(movements.begin(), movements.end(), movement.on,
                               [](Date on, const Movement& other) { return on < other.on; });
    at = movements.insert(at, std::move(movement));
    check_on_form(booking, clock.today(), "movements[" + std::to_string(at - movements.begin()) + "]");
    return booking;
  });
}

BookingView record_person_fact(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t person_id,
                               PersonFact fact, const FieldInput& form, std::int64_t expected_version) {
  return change_booking(store, clock, actor, person_id, expected_version, [&](Booking booking) {
    set_person_fact(booking, fact, read_person_fact_form(form, fact));
    return booking;
  });
}

BookingView withdraw_booked_movement(store::Store& store, const Clock& clock, const StaffMember& actor,
                                     std::int64_t person_id, std::size_t index, std::int64_t expected_version) {
  return change_booking(store, clock, actor, person_id, expected_version, [&](Booking booking) {
    take_out_movement(booking, index);
    return booking;
  });
}

BookingView take_out_sentence(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t person_id,
                              const std::string& sentence_id, std::int64_t expected_version) {
  return change_booking(store, clock, actor, person_id, expected_version,
                        [&](const Booking& booking) { return without_sentence(booking, sentence_id); });
}

std::vector<store::KeyDateChangeEntry> release_date_changes(store::Store& store, const StaffMember& actor) {
  return store.begin_read()->bookings().unseen_changes(actor.id);
}

void mark_release_date_changes_seen(store::Store& store, const StaffMember& actor,
                                    const std::vector<std::int64_t>& change_ids) {
  if (change_ids.empty()) throw ValidationFailed("change_ids", staff_text("must name at least one change"));
  auto tx = store.begin_write();
  std::vector<FieldError> errors;
  for (std::size_t i = 0; i < change_ids.size(); ++i) {
    auto person_id = tx->bookings().mark_seen(change_ids[i], actor.id);
    if (!person_id || !visible_person(*tx, actor, *person_id)) {
      errors.push_back({"change_ids[" + std::to_string(i) + "]", staff_text("is not a release date change you can see")});
      continue;
    }
    tx->journal().append({actor.id, *person_id, "key_date_change.seen", "key_date_change", change_ids[i],
                          "Release date change marked seen", "", nlohmann::json::object()});
  }
  if (!errors.empty()) throw ValidationFailed(std::move(errors));
  tx->commit();
}

}  // namespace resettle::services
