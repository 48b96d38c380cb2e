// The sentence and booking repositories of both stores (see booking_repositories.hpp).
#include "store/shared/booking_repositories.hpp"

#include <bitset>
#include <stdexcept>
#include <tuple>

#include "domain/errors.hpp"
#include "store/postgresql/sql.hpp"
#include "store/shared/repositories.hpp"
#include "store/sqlite/sql.hpp"

namespace resettle::store::shared {

namespace {
// The booking's columns of a sentence (migrations 38 and 48), in the order facts_values gives them.
constexpr std::string_view booking_columns =
    "in_booking, kind, offence_committed_on, sds_plus, would_be_sds_plus, section_250, exclusions, "
    "progression_exclusions, term_years, term_months, term_weeks, term_days, custodial_years, custodial_months, "
    "custodial_weeks, custodial_days, extension_years, extension_months, extension_weeks, extension_days_part, "
    "consecutive_to, regime_override, fine_amount_pence";
constexpr int booking_column_count = 23;

// A set of codes as stored: the codes joined by commas.
template <typename E, std::size_t N>
std::string codes_text(const std::bitset<N>& set, std::span<const Coded<E>> list) {
  std::string text;
  for (const auto& entry : list)
    if (set.test(static_cast<std::size_t>(entry.value))) text += (text.empty() ? "" : ",") + std::string{entry.code};
  return text;
}

template <typename E, std::size_t N>
std::bitset<N> codes_set(std::string_view text, std::span<const Coded<E>> list) {
  std::bitset<N> set;
  while (!text.empty()) {
    auto comma = text.find(',');
    auto code = text.substr(0, comma);
    auto value = parse_code(list, code);
    if (!value) throw std::runtime_error("sentence: unknown stored code " + std::string{code});
    set.set(static_cast<std::size_t>(*value));
    text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
  }
  return set;
}

std::string repeated(std::string_view text, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += text;
  return out;
}

template <typename Row>
Term term_at(const Row& row, int column) {
  return {int(row.integer(column)), int(row.integer(column + 1)), int(row.integer(column + 2)),
          int(row.integer(column + 3))};
}

// The facts a sentence recorded through the booking holds; none when kind is NULL.
template <typename Db>
std::optional<SentenceFacts> facts_at(const StatementOf<Db>& row, int column) {
  if (row.is_null(column + 1)) return std::nullopt;
  SentenceFacts facts;
  facts.kind = stored_code<Db>(row, column + 1, sentence_kinds(), "sentence");
  facts.offence.committed_on = row.date(column + 2);
  facts.offence.sds_plus = row.integer(column + 3) != 0;
  facts.offence.would_be_sds_plus_if_sentenced_today = row.integer(column + 4) != 0;
  facts.offence.section_250 = row.integer(column + 5) != 0;
  facts.offence.exclusions = codes_set<OffenceExclusion, 8>(row.text_view(column + 6), offence_exclusions());
  facts.offence.progression_exclusions =
      codes_set<ProgressionExclusion, 6>(row.text_view(column + 7), progression_exclusions());
  facts.term = term_at(row, column + 8);
  facts.custodial_term = term_at(row, column + 12);
  facts.extension_term = term_at(row, column + 16);
  facts.consecutive_to = row.optional_integer(column + 20);
  if (!row.is_null(column + 21)) facts.release_scheme = stored_code<Db>(row, column + 21, release_schemes(), "sentence");
  facts.fine_amount_pence = row.optional_integer(column + 22);
  return facts;
}

// The booking's column values; a sentence without facts has their defaults and a NULL kind.
auto facts_values(const Sentence& s) {
  static const SentenceFacts none;
  const auto& facts = s.facts ? *s.facts : none;
  std::optional<std::string_view> kind, regime;
  if (s.facts) kind = entry_for(sentence_kinds(), facts.kind).code;
  if (facts.release_scheme) regime = entry_for(release_schemes(), *facts.release_scheme).code;
  const auto& o = facts.offence;
  const auto &t = facts.term, &c = facts.custodial_term, &e = facts.extension_term;
  return std::tuple{s.in_booking, kind, o.committed_on, o.sds_plus, o.would_be_sds_plus_if_sentenced_today,
                    o.section_250, codes_text(o.exclusions, offence_exclusions()),
                    codes_text(o.progression_exclusions, progression_exclusions()), t.years, t.months, t.weeks, t.days,
                    c.years, c.months, c.weeks, c.days, e.years, e.months, e.weeks, e.days, facts.consecutive_to, regime,
                    facts.fine_amount_pence};
}

const std::string sentence_columns = std::string{
    "id, person_id, version, legal_status, sentence_type, release_scheme, start_date, length_days, extension_days, "
    "remand_days, tagged_bail_days, recall, target_hearing_date, last_parole_outcome_release, offence, "
    "conditional_release_date, automatic_release_date, parole_eligibility_date, "
    "home_detention_curfew_eligibility_date, licence_expiry_date, sentence_expiry_date, "
    "sentence_and_licence_expiry_date, top_up_supervision_expiry_date, tariff_date, recall_type, recall_revoked_on, "
    "recall_returned_on, "} +
    std::string{booking_columns};

template <typename Row>
std::optional<int> optional_int(const Row& row, int column) {
  auto value = row.optional_integer(column);
  if (!value) return std::nullopt;
  return static_cast<int>(*value);
}

template <typename Db>
Sentence read_row(const StatementOf<Db>& row) {
  Sentence sentence;
  sentence.id = row.integer(0);
  sentence.person_id = row.integer(1);
  sentence.version = row.integer(2);
  sentence.legal_status = parse_code(legal_statuses(), row.text_view(3)).value_or(LegalStatus::sentenced);
  sentence.type = parse_code(sentence_types(), row.text_view(4)).value_or(SentenceType::determinate);
  sentence.release_scheme = parse_code(release_schemes(), row.text_view(5)).value_or(ReleaseScheme::standard);
  sentence.start_date = row.date(6);
  sentence.length_days = optional_int(row, 7);
  sentence.extension_days = optional_int(row, 8);
  sentence.remand_days = static_cast<int>(row.integer(9));
  sentence.tagged_bail_days = static_cast<int>(row.integer(10));
  sentence.recall = row.integer(11) != 0;
  sentence.target_hearing_date = row.date(12);
  sentence.last_parole_outcome_release = row.integer(13) != 0;
  sentence.offence = row.text(14);
  auto& supplied = sentence.supplied;
  supplied.conditional_release_date = row.date(15);
  supplied.automatic_release_date = row.date(16);
  supplied.parole_eligibility_date = row.date(17);
  supplied.home_detention_curfew_eligibility_date = row.date(18);
  supplied.licence_expiry_date = row.date(19);
  supplied.sentence_expiry_date = row.date(20);
  supplied.sentence_and_licence_expiry_date = row.date(21);
  supplied.top_up_supervision_expiry_date = row.date(22);
  supplied.tariff_date = row.date(23);
  if (!row.is_null(24))
    sentence.recall_served = Recall{stored_code<Db>(row, 24, recall_types(), "sentence"), row.date(25), row.date(26)};
  sentence.in_booking = row.integer(27) != 0;
  sentence.facts = facts_at<Db>(row, 27);
  return sentence;
}

template <typename Statement, typename... Tail>
void bind_sentence(Statement& statement, const Sentence& s, const Tail&... tail) {
  const auto& supplied = s.supplied;
  const auto& served = s.recall_served;
  std::optional<std::string_view> recall_type;
  if (served) recall_type = entry_for(recall_types(), served->type).code;
  auto bind = [&](const auto&... facts) {
    statement.bind(entry_for(legal_statuses(), s.legal_status).code, entry_for(sentence_types(), s.type).code,
                   entry_for(release_schemes(), s.release_scheme).code, s.start_date, s.length_days, s.extension_days,
                   s.remand_days, s.tagged_bail_days, s.recall, s.target_hearing_date, s.last_parole_outcome_release,
                   s.offence, supplied.conditional_release_date, supplied.automatic_release_date,
                   supplied.parole_eligibility_date, supplied.home_detention_curfew_eligibility_date,
                   supplied.licence_expiry_date, supplied.sentence_expiry_date,
                   supplied.sentence_and_licence_expiry_date, supplied.top_up_supervision_expiry_date,
                   supplied.tariff_date, recall_type, served ? served->revoked_on : std::nullopt,
                   served ? served->returned_on : std::nullopt, facts..., tail...);
  };
  std::apply(bind, facts_values(s));
}
}  // namespace

template <Database Db>
std::int64_t Sentences<Db>::insert(const Sentence& sentence) {
  auto& statement = db_.prepare(
      "INSERT INTO sentence (legal_status, sentence_type, release_scheme, start_date, length_days, extension_days, "
      "remand_days, tagged_bail_days, recall, target_hearing_date, last_parole_outcome_release, offence, "
      "conditional_release_date, automatic_release_date, parole_eligibility_date, "
      "home_detention_curfew_eligibility_date, licence_expiry_date, sentence_expiry_date, "
      "sentence_and_licence_expiry_date, top_up_supervision_expiry_date, tariff_date, recall_type, recall_revoked_on, "
      "recall_returned_on, " + std::string{booking_columns} + ", person_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?" +
      repeated(", ?", booking_column_count) + ", ?) RETURNING id");
  bind_sentence(statement, sentence, sentence.person_id);
  return inserted_id(statement);
}

template <Database Db>
std::optional<Sentence> Sentences<Db>::find(std::int64_t id) {
  auto& statement = db_.prepare("SELECT " + sentence_columns + " FROM sentence WHERE id = ?");
  statement.bind(id);
  if (!statement.step()) return std::nullopt;
  return read_row<Db>(statement);
}

template <Database Db>
void Sentences<Db>::update(const Sentence& sentence, std::int64_t expected_version) {
  static const std::string sql =
      "UPDATE sentence SET legal_status = ?, sentence_type = ?, release_scheme = ?, start_date = ?, length_days = ?, "
      "extension_days = ?, remand_days = ?, tagged_bail_days = ?, recall = ?, target_hearing_date = ?, "
      "last_parole_outcome_release = ?, offence = ?, conditional_release_date = ?, automatic_release_date = ?, "
      "parole_eligibility_date = ?, home_detention_curfew_eligibility_date = ?, licence_expiry_date = ?, "
      "sentence_expiry_date = ?, sentence_and_licence_expiry_date = ?, top_up_supervision_expiry_date = ?, "
      "tariff_date = ?, recall_type = ?, recall_revoked_on = ?, recall_returned_on = ?, in_booking = ?, kind = ?, "
      "offence_committed_on = ?, sds_plus = ?, would_be_sds_plus = ?, section_250 = ?, exclusions = ?, "
      "progression_exclusions = ?, term_years = ?, term_months = ?, term_weeks = ?, term_days = ?, "
      "custodial_years = ?, custodial_months = ?, custodial_weeks = ?, custodial_days = ?, extension_years = ?, "
      "extension_months = ?, extension_weeks = ?, extension_days_part = ?, consecutive_to = ?, regime_override = ?, "
      "fine_amount_pence = ?, version = version + 1, updated_at = " + std::string{Sql<Db>::now} + " WHERE id = ? AND version = ?";
  auto& statement = db_.prepare(sql);
  bind_sentence(statement, sentence, sentence.id, expected_version);
  statement.run();
  require_changed(statement, "sentence", sentence.id);
}

template <Database Db>
std::vector<Sentence> Sentences<Db>::for_person(std::int64_t person_id) {
  return read_all(
      db_.prepare("SELECT " + sentence_columns + " FROM sentence WHERE person_id = ? ORDER BY id DESC").bind(person_id),
      read_row<Db>);
}

namespace {
template <typename Db>
std::optional<KeyDate> key_date_at(const StatementOf<Db>& row, int column) {
  auto date = row.date(column);
  if (!date) return std::nullopt;
  return KeyDate{*date, stored_code<Db>(row, column + 1, key_date_rules(), "key_date_change")};
}

template <typename Statement, typename... Tail>
void bind_key_date(Statement& statement, const std::optional<KeyDate>& date, const Tail&... tail) {
  std::optional<std::string_view> rule;
  if (date) rule = entry_for(key_date_rules(), date->rule).code;
  statement.bind(date ? std::optional<Date>{date->date} : std::nullopt, rule, tail...);
}
}  // namespace

template <Database Db>
StoredBooking Bookings<Db>::find(std::int64_t person_id) {
  StoredBooking booking;
  booking.person_id = person_id;
  auto& version = db_.prepare("SELECT version, sex_offender_register, liable_to_removal FROM booking WHERE person_id = ?");
  version.bind(person_id);
  if (version.step()) {
    booking.version = version.integer(0);
    booking.sex_offender_register = version.integer(1) != 0;
    booking.liable_to_removal = version.integer(2) != 0;
  }
  auto& sentences = db_.prepare("SELECT " + sentence_columns +
                                " FROM sentence WHERE person_id = ? AND in_booking = 1 ORDER BY id DESC");
  booking.sentences = read_all(sentences.bind(person_id), read_row<Db>);
  auto& adjustments = db_.prepare(
      "SELECT a.id, a.type, a.days, a.from_date, a.to_date, a.applies_from, a.effective_on "
      "FROM sentence_adjustment a WHERE a.person_id = ? AND a.withdrawn = 0 ORDER BY a.id");
  adjustments.bind(person_id);
  while (adjustments.step()) {
    StoredAdjustment stored{adjustments.integer(0), person_id, {}};
    auto& adjustment = stored.adjustment;
    adjustment.type = stored_code<Db>(adjustments, 1, adjustment_types(), "sentence_adjustment");
    adjustment.days = int(adjustments.integer(2));
    adjustment.from = adjustments.date(3);
    adjustment.to = adjustments.date(4);
    adjustment.applies_from = adjustments.date(5);
    adjustment.effective_on = adjustments.date(6);
    booking.adjustments.push_back(std::move(stored));
  }
  // The sentences each adjustment applies to, in the adjustments' order and then their own.
  auto& applies = db_.prepare(
      "SELECT t.adjustment_id, t.sentence_id FROM sentence_adjustment_applies_to t "
      "JOIN sentence_adjustment a ON a.id = t.adjustment_id WHERE a.person_id = ? AND a.withdrawn = 0 "
      "ORDER BY t.adjustment_id, t.position");
  applies.bind(person_id);
  auto adjustment = booking.adjustments.begin();
  while (applies.step()) {
    while (adjustment != booking.adjustments.end() && adjustment->id != applies.integer(0)) ++adjustment;
    if (adjustment == booking.adjustments.end()) break;
    adjustment->adjustment.sentence_ids.push_back(booking_id(applies.integer(1)));
  }
  auto& movements = db_.prepare(
      "SELECT moved_on, direction, reason FROM booking_movement WHERE person_id = ? AND withdrawn = 0 "
      "ORDER BY moved_on, id");
  movements.bind(person_id);
  while (movements.step())
    booking.movements.push_back({movements.date(0).value_or(Date{}),
                                 stored_code<Db>(movements, 1, movement_directions(), "booking_movement"),
                                 movements.text(2)});
  return booking;
}

template <Database Db>
std::int64_t Bookings<Db>::version(std::int64_t person_id) {
  auto& statement = db_.prepare("SELECT version FROM booking WHERE person_id = ?");
  statement.bind(person_id);
  return statement.step() ? statement.integer(0) : 0;
}

template <Database Db>
void Bookings<Db>::replace_movements(std::int64_t person_id, const std::vector<Movement>& movements) {
  auto& withdraw = db_.prepare("UPDATE booking_movement SET withdrawn = 1 WHERE person_id = ? AND withdrawn = 0");
  withdraw.bind(person_id);
  withdraw.run();
  auto& insert = db_.prepare("INSERT INTO booking_movement (person_id, moved_on, direction, reason) VALUES (?, ?, ?, ?)");
  for (const auto& movement : movements) {
    insert.bind(person_id, movement.on, entry_for(movement_directions(), movement.direction).code, movement.reason);
    insert.run();
  }
}

template <Database Db>
void Bookings<Db>::set_sex_offender_register(std::int64_t person_id, bool registered) {
  auto& statement = db_.prepare("UPDATE booking SET sex_offender_register = ? WHERE person_id = ?");
  statement.bind(registered, person_id);
  statement.run();
}

template <Database Db>
void Bookings<Db>::set_liable_to_removal(std::int64_t person_id, bool liable) {
  auto& statement = db_.prepare("UPDATE booking SET liable_to_removal = ? WHERE person_id = ?");
  statement.bind(liable, person_id);
  statement.run();
}

template <Database Db>
void Bookings<Db>::advance(std::int64_t person_id, std::int64_t expected_version) {
  // Inserted at version 1 when none is stored and 0 was expected, else moved on only from the expected version.
  auto& statement = db_.prepare(
      "INSERT INTO booking (person_id, version) SELECT ?1, 1 "
      "WHERE ?2 = 0 OR EXISTS (SELECT 1 FROM booking WHERE person_id = ?1) "
      "ON CONFLICT (person_id) DO UPDATE SET version = booking.version + 1 WHERE booking.version = ?2");
  statement.bind(person_id, expected_version);
  statement.run();
  require_changed(statement, "the booking of person", person_id);
}

template <Database Db>
void Bookings<Db>::clear_sentences(std::int64_t person_id) {
  static const std::string sql = "UPDATE sentence SET in_booking = 0, version = version + 1, updated_at = " +
                                 std::string{Sql<Db>::now} + " WHERE person_id = ? AND in_booking = 1";
  auto& statement = db_.prepare(sql);
  statement.bind(person_id);
  statement.run();
}

template <Database Db>
std::int64_t Bookings<Db>::add_adjustment(const StoredAdjustment& stored) {
  const auto& adjustment = stored.adjustment;
  auto& insert = db_.prepare(
      "INSERT INTO sentence_adjustment (person_id, type, days, from_date, to_date, applies_from, effective_on) "
      "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id");
  insert.bind(stored.person_id, entry_for(adjustment_types(), adjustment.type).code, adjustment.days, adjustment.from,
              adjustment.to, adjustment.applies_from, adjustment.effective_on);
  auto id = inserted_id(insert);
  auto& applies = db_.prepare(
      "INSERT INTO sentence_adjustment_applies_to (adjustment_id, sentence_id, position) VALUES (?, ?, ?)");
  for (std::size_t position = 0; position < adjustment.sentence_ids.size(); ++position) {
    auto sentence_id = static_cast<std::int64_t>(std::stoll(adjustment.sentence_ids[position]));
    applies.bind(id, sentence_id, static_cast<std::int64_t>(position));
    applies.run();
  }
  return id;
}

template <Database Db>
void Bookings<Db>::withdraw_adjustment(std::int64_t adjustment_id) {
  auto& statement = db_.prepare("UPDATE sentence_adjustment SET withdrawn = 1 WHERE id = ?");
  statement.bind(adjustment_id);
  statement.run();
}

template <Database Db>
std::optional<KeyDates> Bookings<Db>::calculated(std::int64_t person_id) {
  auto& known = db_.prepare("SELECT 1 FROM key_dates_worked_out WHERE person_id = ?");
  known.bind(person_id);
  if (!known.step()) return std::nullopt;
  KeyDates dates;
  auto& rows = db_.prepare("SELECT kind, date, rule FROM calculated_key_date WHERE person_id = ?");
  rows.bind(person_id);
  while (rows.step())
    dates.set(stored_code<Db>(rows, 0, key_date_kinds(), "calculated_key_date"), *key_date_at<Db>(rows, 1));
  return dates;
}

template <Database Db>
void Bookings<Db>::save_calculated(std::int64_t person_id, const KeyDates& dates) {
  // Worked out again from the facts: what was stored before is replaced, not case data of its own.
  auto& clear = db_.prepare("DELETE FROM calculated_key_date WHERE person_id = ?");
  clear.bind(person_id);
  clear.run();
  auto& insert = db_.prepare("INSERT INTO calculated_key_date (person_id, kind, date, rule) VALUES (?, ?, ?, ?)");
  for (const auto& kind : key_date_kinds())
    if (const auto& date = dates[kind.value]) {
      insert.bind(person_id, kind.code, date->date, entry_for(key_date_rules(), date->rule).code);
      insert.run();
    }
  auto& known = db_.prepare("INSERT INTO key_dates_worked_out (person_id) VALUES (?) ON CONFLICT DO NOTHING");
  known.bind(person_id);
  known.run();
}

template <Database Db>
std::int64_t Bookings<Db>::add_change(const KeyDateChange& change) {
  auto& insert = db_.prepare(
      "INSERT INTO key_date_change (date_before, rule_before, date_after, rule_after, person_id, kind, found_on) "
      "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id");
  std::optional<std::string_view> after_rule;
  if (change.after) after_rule = entry_for(key_date_rules(), change.after->rule).code;
  bind_key_date(insert, change.before, change.after ? std::optional<Date>{change.after->date} : std::nullopt,
                after_rule, change.person_id, entry_for(key_date_kinds(), change.kind).code, change.found_on);
  return inserted_id(insert);
}

template <Database Db>
std::vector<KeyDateChangeEntry> Bookings<Db>::unseen_changes(std::int64_t staff_id) {
  auto& rows = db_.prepare(
      "SELECT c.id, c.person_id, c.kind, c.date_before, c.rule_before, c.date_after, c.rule_after, c.found_on, "
      "p.given_name || ' ' || p.family_name, p.prison_number "
      "FROM key_date_change c JOIN person p ON p.id = c.person_id "
      "WHERE EXISTS (SELECT 1 FROM allocation a WHERE a.person_id = c.person_id AND a.staff_id = ?1 "
      "AND a.to_date IS NULL) "
      "AND NOT EXISTS (SELECT 1 FROM key_date_change_seen s WHERE s.change_id = c.id AND s.staff_id = ?1) "
      "ORDER BY c.id DESC");
  rows.bind(staff_id);
  std::vector<KeyDateChangeEntry> entries;
  while (rows.step()) {
    KeyDateChangeEntry entry;
    auto& change = entry.change;
    change.id = rows.integer(0);
    change.person_id = rows.integer(1);
    change.kind = stored_code<Db>(rows, 2, key_date_kinds(), "key_date_change");
    change.before = key_date_at<Db>(rows, 3);
    change.after = key_date_at<Db>(rows, 5);
    change.found_on = rows.date(7).value_or(Date{});
    entry.person_name = rows.text(8);
    if (!rows.is_null(9)) entry.prison_number = rows.text(9);
    entries.push_back(std::move(entry));
  }
  return entries;
}

template <Database Db>
std::optional<std::int64_t> Bookings<Db>::mark_seen(std::int64_t change_id, std::int64_t staff_id) {
  auto& person = db_.prepare("SELECT person_id FROM key_date_change WHERE id = ?");
  person.bind(change_id);
  if (!person.step()) return std::nullopt;
  auto person_id = person.integer(0);
  auto& seen = db_.prepare("INSERT INTO key_date_change_seen (change_id, staff_id) VALUES (?, ?) ON CONFLICT DO NOTHING");
  seen.bind(change_id, staff_id);
  seen.run();
  return person_id;
}

template class Sentences<sqlite::Connection>;
template class Sentences<postgresql::Connection>;
template class Bookings<sqlite::Connection>;
template class Bookings<postgresql::Connection>;

}  // namespace resettle::store::shared
