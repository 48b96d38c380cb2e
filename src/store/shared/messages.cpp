// The person's contact details and the outbox, for both stores (see message_repositories.hpp).
#include "store/shared/message_repositories.hpp"

#include <stdexcept>

#include <nlohmann/json.hpp>

#include "store/postgresql/sql.hpp"
#include "store/shared/repositories.hpp"
#include "store/sqlite/sql.hpp"

namespace resettle::store::shared {

namespace {
using nlohmann::json;

std::string work_json(const WorkingWeek& work) {
  json shifts = json::array();
  for (const auto& shift : work.shifts)
    shifts.push_back({{"day", shift.day.c_encoding()}, {"starts_at", to_text(shift.starts_at)}, {"ends_at", to_text(shift.ends_at)}});
  return shifts.dump();
}

template <typename Db>
WorkingWeek work_from(std::string_view stored) {
  WorkingWeek work;
  for (const auto& shift : json::parse(stored)) {
    auto starts = parse_clock_time(shift.at("starts_at").get<std::string>());
    auto ends = parse_clock_time(shift.at("ends_at").get<std::string>());
    if (!starts || !ends) throw typename Sql<Db>::Error("a shift time that is not HH:MM in the person_contact table");
    work.shifts.push_back({std::chrono::weekday{shift.at("day").get<unsigned>()}, *starts, *ends});
  }
  return work;
}

constexpr std::string_view message_columns =
    "SELECT id, person_id, idempotency_key, kind, channel, language, recipient, body, not_after, status, attempts, "
    "next_attempt_at, sent_at, last_error, withheld_reason FROM outbox_message ";

template <typename Db>
OutboxMessage message_from(const StatementOf<Db>& row) {
  OutboxMessage message;
  message.id = row.integer(0);
  message.person_id = row.integer(1);
  message.idempotency_key = row.text(2);
  message.kind = stored_code<Db>(row, 3, message_kinds(), "outbox_message");
  message.channel = stored_code<Db>(row, 4, message_channels(), "outbox_message");
  message.language = stored_code<Db>(row, 5, languages(), "outbox_message");
  message.to = row.text(6);
  message.body = row.text(7);
  message.not_after = optional_timestamp(row, 8);
  message.status = stored_code<Db>(row, 9, message_statuses(), "outbox_message");
  message.attempts = static_cast<int>(row.integer(10));
  message.next_attempt_at = timestamp_of(row.integer(11));
  message.sent_at = optional_timestamp(row, 12);
  message.last_error = row.text(13);
  if (!row.is_null(14)) message.withheld = stored_code<Db>(row, 14, withheld_reasons(), "outbox_message");
  return message;
}

std::optional<std::string_view> withheld_code(const OutboxMessage& message) {
  if (!message.withheld) return std::nullopt;
  return entry_for(withheld_reasons(), *message.withheld).code;
}
}  // namespace

template <Database Db>
PersonContact PersonContacts<Db>::find(std::int64_t person_id) {
  auto& row = db_.prepare(
      "SELECT version, channel, language, mobile, email, opted_out, stop_received, work FROM person_contact "
      "WHERE person_id = ?");
  row.bind(person_id);
  PersonContact contact;
  if (!row.step()) return contact;
  contact.version = row.integer(0);
  contact.details.channel = stored_code<Db>(row, 1, message_channels(), "person_contact");
  contact.details.language = stored_code<Db>(row, 2, languages(), "person_contact");
  contact.details.mobile = row.text(3);
  contact.details.email = row.text(4);
  contact.details.opted_out = row.integer(5) != 0;
  contact.details.stop_received = row.integer(6) != 0;
  contact.work = work_from<Db>(row.text_view(7));
  return contact;
}

template <Database Db>
void PersonContacts<Db>::save(std::int64_t person_id, const PersonContact& contact, std::int64_t expected_version) {
  const auto& d = contact.details;
  auto channel = entry_for(message_channels(), d.channel).code;
  auto language = entry_for(languages(), d.language).code;
  if (expected_version == 0) {
    auto& taken = db_.prepare("SELECT 1 FROM person_contact WHERE person_id = ?");
    taken.bind(person_id);
    if (taken.step()) throw StaleVersion("the contact details of person " + std::to_string(person_id) + " were recorded since");
    db_.prepare("INSERT INTO person_contact (person_id, channel, language, mobile, email, opted_out, stop_received, work) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(person_id, channel, language, d.mobile, d.email, d.opted_out, d.stop_received, work_json(contact.work))
        .run();
    return;
  }
  static const std::string update_sql =
      "UPDATE person_contact SET channel = ?, language = ?, mobile = ?, email = ?, opted_out = ?, stop_received = ?, "
      "work = ?, version = version + 1, updated_at = " + std::string{Sql<Db>::now} +
      " WHERE person_id = ? AND version = ?";
  auto& statement = db_.prepare(update_sql);
  statement.bind(channel, language, d.mobile, d.email, d.opted_out, d.stop_received, work_json(contact.work), person_id,
                 expected_version);
  statement.run();
  require_changed(statement, "the contact details of person", person_id);
}

template <Database Db>
OutboxRepository::Queued Outbox<Db>::insert(const OutboxMessage& m) {
  auto& statement = db_.prepare(
      "INSERT INTO outbox_message (person_id, idempotency_key, kind, channel, language, recipient, body, not_after, "
      "status, attempts, next_attempt_at, sent_at, last_error, withheld_reason) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING RETURNING id");
  statement.bind(m.person_id, m.idempotency_key, entry_for(message_kinds(), m.kind).code,
                 entry_for(message_channels(), m.channel).code, entry_for(languages(), m.language).code, m.to, m.body,
                 seconds_of(m.not_after), entry_for(message_statuses(), m.status).code, m.attempts,
                 seconds_of(m.next_attempt_at), seconds_of(m.sent_at), m.last_error, withheld_code(m));
  if (auto id = returned_id(statement)) return {*id, true};  // no row when the key was held already
  auto& held = db_.prepare("SELECT id FROM outbox_message WHERE idempotency_key = ?");
  held.bind(m.idempotency_key);
  held.step();
  return {held.integer(0), false};
}

template <Database Db>
std::optional<OutboxMessage> Outbox<Db>::find(std::int64_t id) {
  auto& row = db_.prepare(std::string{message_columns} + "WHERE id = ?");
  row.bind(id);
  if (!row.step()) return std::nullopt;
  return message_from<Db>(row);
}

// Called in a write: on PostgreSQL the rows are locked until it ends, and rows another write holds are
// passed over (Sql<Db>::claim_rows).
template <Database Db>
std::vector<OutboxMessage> Outbox<Db>::due(Timestamp now, Timestamp stale_before, int limit) {
  static const std::string sql = std::string{message_columns} +
                                 "WHERE status IN ('queued', 'sending') AND next_attempt_at <= ? "
                                 "AND (status = 'queued' OR next_attempt_at <= ?) ORDER BY next_attempt_at, id LIMIT ?" +
                                 std::string{Sql<Db>::claim_rows};
  auto& row = db_.prepare(sql);
  row.bind(seconds_of(now), seconds_of(stale_before), limit);
  return read_all(row, message_from<Db>);
}

// A range on the key rather than LIKE, so that the unique index on the key finds them (on PostgreSQL
// only when the database's collation is C): every key with the prefix sorts, byte by byte, at or after
// it and before the prefix with its last character (':') raised.
template <Database Db>
std::vector<OutboxMessage> Outbox<Db>::queued_with_prefix(const std::string& key_prefix) {
  if (key_prefix.empty()) throw std::invalid_argument("an outbox key prefix is not empty");
  auto after = key_prefix;
  after.back() = static_cast<char>(after.back() + 1);
  static const std::string sql = std::string{message_columns} + "WHERE idempotency_key" +
                                 std::string{Sql<Db>::byte_order} + " >= ? AND idempotency_key" +
                                 std::string{Sql<Db>::byte_order} + " < ? AND status = 'queued' ORDER BY id";
  auto& row = db_.prepare(sql);
  row.bind(key_prefix, after);
  return read_all(row, message_from<Db>);
}

template <Database Db>
void Outbox<Db>::update(const OutboxMessage& m) {
  auto& statement = db_.prepare(
      "UPDATE outbox_message SET status = ?, attempts = ?, next_attempt_at = ?, sent_at = ?, last_error = ?, "
      "withheld_reason = ? WHERE id = ?");
  statement.bind(entry_for(message_statuses(), m.status).code, m.attempts, seconds_of(m.next_attempt_at),
                 seconds_of(m.sent_at), m.last_error, withheld_code(m), m.id);
  statement.run();
  if (statement.changes() == 0) throw NotFound("message " + std::to_string(m.id) + " not found");
}

template <Database Db>
Page<OutboxMessage> Outbox<Db>::list(std::int64_t person_id, const PageRequest& page) {
  int limit = page_limit(page);
  std::int64_t before = cursor_after(page);  // newest first: the cursor is the last (smallest) id seen
  auto& row = db_.prepare(std::string{message_columns} +
                          "WHERE (CAST(?1 AS bigint) = 0 OR person_id = ?1) AND (CAST(?2 AS bigint) = 0 OR id < ?2) "
                          "ORDER BY id DESC LIMIT ?3");
  row.bind(person_id, before, limit);
  Page<OutboxMessage> result;
  result.items = read_all(row, message_from<Db>);
  result.next_cursor = next_cursor(result.items.size(), limit, result.items.empty() ? 0 : result.items.back().id);
  return result;
}

template class PersonContacts<sqlite::Connection>;
template class PersonContacts<postgresql::Connection>;
template class Outbox<sqlite::Connection>;
template class Outbox<postgresql::Connection>;

}  // namespace resettle::store::shared
