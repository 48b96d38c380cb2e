// The SQLite transfer and handover meeting repositories (see handover_repositories.hpp).
#include "store/sqlite/handover_repositories.hpp"

#include "domain/errors.hpp"
#include "store/sqlite/repositories.hpp"

namespace resettle::store::sqlite {

namespace {

constexpr std::string_view transfer_columns =
    "SELECT id, version, person_id, kind, role, from_code, to_code, from_staff_id, to_staff_id, summary, "
    "current_risks, outstanding_actions, requested_by, requested_on, status, acknowledged_by, acknowledged_on, "
    "acknowledgement_note FROM case_transfer ";

CaseTransfer transfer_from(const Statement& row) {
  CaseTransfer transfer;
  transfer.id = row.integer(0);
  transfer.version = row.integer(1);
  transfer.person_id = row.integer(2);
  transfer.kind = code_column(row, 3, transfer_kinds(), "case_transfer");
  if (!row.is_null(4)) transfer.role = parse_role(row.text(4));
  transfer.from_code = row.text(5);
  transfer.to_code = row.text(6);
  transfer.from_staff_id = row.optional_integer(7);
  transfer.to_staff_id = row.optional_integer(8);
  transfer.summary = row.text(9);
  transfer.current_risks = row.text(10);
  transfer.outstanding_actions = row.text(11);
  transfer.requested_by = row.integer(12);
  transfer.requested_on = row.date(13).value_or(Date{});
  transfer.status = code_column(row, 14, transfer_statuses(), "case_transfer");
  transfer.acknowledged_by = row.optional_integer(15);
  transfer.acknowledged_on = row.date(16);
  transfer.acknowledgement_note = row.text(17);
  return transfer;
}

std::vector<CaseTransfer> transfers_from(Statement& statement) {
  std::vector<CaseTransfer> transfers;
  while (statement.step()) transfers.push_back(transfer_from(statement));
  return transfers;
}

constexpr std::string_view meeting_columns =
    "SELECT id, version, person_id, status, scheduled_on, held_on, pom_staff_id, com_staff_id, person_attended, "
    "notes, recorded_by, late_reason FROM handover_meeting ";

HandoverMeeting meeting_from(const Statement& row) {
  HandoverMeeting meeting;
  meeting.id = row.integer(0);
  meeting.version = row.integer(1);
  meeting.person_id = row.integer(2);
  meeting.status = code_column(row, 3, meeting_statuses(), "handover_meeting");
  meeting.scheduled_on = row.date(4).value_or(Date{});
  meeting.held_on = row.date(5);
  meeting.pom_staff_id = row.optional_integer(6);
  meeting.com_staff_id = row.optional_integer(7);
  if (auto attended = row.optional_integer(8)) meeting.person_attended = *attended != 0;
  meeting.notes = row.text(9);
  meeting.recorded_by = row.integer(10);
  meeting.late_reason = row.text(11);
  return meeting;
}

std::optional<std::string_view> role_or_null(const std::optional<Role>& role) {
  if (!role) return std::nullopt;
  return role_code(*role);
}

std::optional<std::int64_t> attended_or_null(const std::optional<bool>& attended) {
  if (!attended) return std::nullopt;
  return *attended ? 1 : 0;
}

}  // namespace

std::int64_t SqliteTransfers::insert(const CaseTransfer& t) {
  db_.prepare(
         "INSERT INTO case_transfer (person_id, kind, role, from_code, to_code, from_staff_id, to_staff_id, summary, "
         "current_risks, outstanding_actions, requested_by, requested_on, status, acknowledged_by, acknowledged_on, "
         "acknowledgement_note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .bind(t.person_id, entry_for(transfer_kinds(), t.kind).code, role_or_null(t.role), null_if_empty(t.from_code),
            null_if_empty(t.to_code), t.from_staff_id, t.to_staff_id, t.summary, t.current_risks, t.outstanding_actions,
            t.requested_by, t.requested_on, entry_for(transfer_statuses(), t.status).code, t.acknowledged_by,
            t.acknowledged_on, t.acknowledgement_note)
      .run();
  return db_.last_insert_id();
}

std::optional<CaseTransfer> SqliteTransfers::find(std::int64_t id) {
  auto& statement = db_.prepare(std::string{transfer_columns} + "WHERE id = ?");
  statement.bind(id);
  auto found = transfers_from(statement);
  if (found.empty()) return std::nullopt;
  return found.front();
}

// Only what a move changes is written: the request itself is never edited.
void SqliteTransfers::update(const CaseTransfer& t, std::int64_t expected_version) {
  auto& statement = db_.prepare(
      "UPDATE case_transfer SET status = ?, acknowledged_by = ?, acknowledged_on = ?, acknowledgement_note = ?, "
      "version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ? AND version = ?");
  statement.bind(entry_for(transfer_statuses(), t.status).code, t.acknowledged_by, t.acknowledged_on,
                 t.acknowledgement_note, t.id, expected_version);
  statement.run();
  require_changed(statement, "transfer", t.id);
}

std::vector<CaseTransfer> SqliteTransfers::for_person(std::int64_t person_id) {
  auto& statement = db_.prepare(std::string{transfer_columns} + "WHERE person_id = ? ORDER BY id DESC");
  statement.bind(person_id);
  return transfers_from(statement);
}

namespace {
// Awaiting acknowledgement by ?1 (a member of staff) or by their prison (?2) or PDU (?3). Each term
// repeats the status so that SQLite reads each on its own index (case_transfer_by_receiver,
// case_transfer_by_destination) and drops a transfer two terms find; with the status outside the
// OR it read every transfer awaiting acknowledgement in the country.
constexpr std::string_view awaiting_receiver =
    "((status = 'awaiting_acknowledgement' AND to_staff_id = ?1) "
    "OR (status = 'awaiting_acknowledgement' AND kind = 'prison' AND to_code = ?2) "
    "OR (status = 'awaiting_acknowledgement' AND kind = 'pdu' AND to_code = ?3))";
}  // namespace

std::vector<CaseTransfer> SqliteTransfers::awaiting(std::int64_t staff_id, const std::string& prison_code,
                                                    const std::string& pdu_code) {
  static const std::string sql =
      std::string{transfer_columns} + "WHERE " + std::string{awaiting_receiver} + " ORDER BY requested_on, id";
  auto& statement = db_.prepare(sql);
  statement.bind(staff_id, null_if_empty(prison_code), null_if_empty(pdu_code));
  return transfers_from(statement);
}

std::int64_t SqliteTransfers::count_awaiting(std::int64_t staff_id, const std::string& prison_code,
                                            const std::string& pdu_code) {
  static const std::string sql = "SELECT count(*) FROM case_transfer WHERE " + std::string{awaiting_receiver} +
                                 " AND " + limited_access_allows_sql("case_transfer.person_id", "?1");
  auto& statement = db_.prepare(sql);
  statement.bind(staff_id, null_if_empty(prison_code), null_if_empty(pdu_code));
  statement.step();
  return statement.integer(0);
}

std::int64_t SqliteHandoverMeetings::insert(const HandoverMeeting& m) {
  db_.prepare(
         "INSERT INTO handover_meeting (person_id, status, scheduled_on, held_on, pom_staff_id, com_staff_id, "
         "person_attended, notes, recorded_by, late_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .bind(m.person_id, entry_for(meeting_statuses(), m.status).code, m.scheduled_on, m.held_on, m.pom_staff_id,
            m.com_staff_id, attended_or_null(m.person_attended), m.notes, m.recorded_by, m.late_reason)
      .run();
  return db_.last_insert_id();
}

std::optional<HandoverMeeting> SqliteHandoverMeetings::find(std::int64_t id) {
  auto& statement = db_.prepare(std::string{meeting_columns} + "WHERE id = ?");
  statement.bind(id);
  if (!statement.step()) return std::nullopt;
  return meeting_from(statement);
}

void SqliteHandoverMeetings::update(const HandoverMeeting& m, std::int64_t expected_version) {
  auto& statement = db_.prepare(
      "UPDATE handover_meeting SET status = ?, held_on = ?, person_attended = ?, notes = ?, recorded_by = ?, late_reason = ?, "
      "version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ? AND version = ?");
  statement.bind(entry_for(meeting_statuses(), m.status).code, m.held_on, attended_or_null(m.person_attended), m.notes,
                 m.recorded_by, m.late_reason, m.id, expected_version);
  statement.run();
  require_changed(statement, "handover meeting", m.id);
}

std::vector<HandoverMeeting> SqliteHandoverMeetings::for_person(std::int64_t person_id) {
  auto& statement = db_.prepare(std::string{meeting_columns} + "WHERE person_id = ? ORDER BY id DESC");
  statement.bind(person_id);
  std::vector<HandoverMeeting> meetings;
  while (statement.step()) meetings.push_back(meeting_from(statement));
  return meetings;
}

}  // namespace resettle::store::sqlite
