// The transfer and handover meeting repositories of both stores (see handover_repositories.hpp).
#include "store/shared/handover_repositories.hpp"

#include "domain/errors.hpp"
#include "store/postgresql/sql.hpp"
#include "store/shared/repositories.hpp"
#include "store/sqlite/sql.hpp"

namespace resettle::store::shared {

namespace {

constexpr std::string_view transfer_columns =
    "SELECT id, version, person_id, kind, role, from_code, to_code, from_staff_id, to_staff_id, summary, "
    "current_risks, outstanding_actions, requested_by, requested_on, status, acknowledged_by, acknowledged_on, "
    "acknowledgement_note FROM case_transfer ";

template <typename Db>
CaseTransfer transfer_from(const StatementOf<Db>& row) {
  CaseTransfer transfer;
  transfer.id = row.integer(0);
  transfer.version = row.integer(1);
  transfer.person_id = row.integer(2);
  transfer.kind = stored_code<Db>(row, 3, transfer_kinds(), "case_transfer");
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
  transfer.status = stored_code<Db>(row, 14, transfer_statuses(), "case_transfer");
  transfer.acknowledged_by = row.optional_integer(15);
  transfer.acknowledged_on = row.date(16);
  transfer.acknowledgement_note = row.text(17);
  return transfer;
}

constexpr std::string_view meeting_columns =
    "SELECT id, version, person_id, status, scheduled_on, held_on, pom_staff_id, com_staff_id, person_attended, "
    "notes, recorded_by, late_reason FROM handover_meeting ";

template <typename Db>
HandoverMeeting meeting_from(const StatementOf<Db>& row) {
  HandoverMeeting meeting;
  meeting.id = row.integer(0);
  meeting.version = row.integer(1);
  meeting.person_id = row.integer(2);
  meeting.status = stored_code<Db>(row, 3, meeting_statuses(), "handover_meeting");
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

template <Database Db>
std::int64_t Transfers<Db>::insert(const CaseTransfer& t) {
  auto& statement = db_.prepare(
         "INSERT INTO case_transfer (person_id, kind, role, from_code, to_code, from_staff_id, to_staff_id, summary, "
         "current_risks, outstanding_actions, requested_by, requested_on, status, acknowledged_by, acknowledged_on, "
         "acknowledgement_note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
  statement.bind(t.person_id, entry_for(transfer_kinds(), t.kind).code, role_or_null(t.role), null_if_empty(t.from_code),
            null_if_empty(t.to_code), t.from_staff_id, t.to_staff_id, t.summary, t.current_risks, t.outstanding_actions,
            t.requested_by, t.requested_on, entry_for(transfer_statuses(), t.status).code, t.acknowledged_by,
            t.acknowledged_on, t.acknowledgement_note);
  return inserted_id(statement);
}

template <Database Db>
std::optional<CaseTransfer> Transfers<Db>::find(std::int64_t id) {
  auto& statement = db_.prepare(std::string{transfer_columns} + "WHERE id = ?");
  statement.bind(id);
  auto found = read_all(statement, transfer_from<Db>);
  if (found.empty()) return std::nullopt;
  return found.front();
}

// Only what a move changes is written: the request itself is never edited.
template <Database Db>
void Transfers<Db>::update(const CaseTransfer& t, std::int64_t expected_version) {
  static const std::string sql =
      "UPDATE case_transfer SET status = ?, acknowledged_by = ?, acknowledged_on = ?, acknowledgement_note = ?, "
      "version = version + 1, updated_at = " + std::string{Sql<Db>::now} + " WHERE id = ? AND version = ?";
  auto& statement = db_.prepare(sql);
  statement.bind(entry_for(transfer_statuses(), t.status).code, t.acknowledged_by, t.acknowledged_on,
                 t.acknowledgement_note, t.id, expected_version);
  statement.run();
  require_changed(statement, "transfer", t.id);
}

template <Database Db>
std::vector<CaseTransfer> Transfers<Db>::for_person(std::int64_t person_id) {
  auto& statement = db_.prepare(std::string{transfer_columns} + "WHERE person_id = ? ORDER BY id DESC");
  statement.bind(person_id);
  return read_all(statement, transfer_from<Db>);
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

template <Database Db>
std::vector<CaseTransfer> Transfers<Db>::awaiting(std::int64_t staff_id, const std::string& prison_code,
                                                    const std::string& pdu_code) {
  static const std::string sql =
      std::string{transfer_columns} + "WHERE " + std::string{awaiting_receiver} + " ORDER BY requested_on, id";
  auto& statement = db_.prepare(sql);
  statement.bind(staff_id, null_if_empty(prison_code), null_if_empty(pdu_code));
  return read_all(statement, transfer_from<Db>);
}

template <Database Db>
std::int64_t Transfers<Db>::count_awaiting(std::int64_t staff_id, const std::string& prison_code,
                                            const std::string& pdu_code) {
  static const std::string sql = "SELECT count(*) FROM case_transfer WHERE " + std::string{awaiting_receiver} +
                                 " AND " + limited_access_allows_sql("case_transfer.person_id", "?1");
  auto& statement = db_.prepare(sql);
  statement.bind(staff_id, null_if_empty(prison_code), null_if_empty(pdu_code));
  statement.step();
  return statement.integer(0);
}

template <Database Db>
std::int64_t HandoverMeetings<Db>::insert(const HandoverMeeting& m) {
  auto& statement = db_.prepare(
         "INSERT INTO handover_meeting (person_id, status, scheduled_on, held_on, pom_staff_id, com_staff_id, "
         "person_attended, notes, recorded_by, late_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
  statement.bind(m.person_id, entry_for(meeting_statuses(), m.status).code, m.scheduled_on, m.held_on, m.pom_staff_id,
            m.com_staff_id, attended_or_null(m.person_attended), m.notes, m.recorded_by, m.late_reason);
  return inserted_id(statement);
}

template <Database Db>
std::optional<HandoverMeeting> HandoverMeetings<Db>::find(std::int64_t id) {
  auto& statement = db_.prepare(std::string{meeting_columns} + "WHERE id = ?");
  statement.bind(id);
  if (!statement.step()) return std::nullopt;
  return meeting_from<Db>(statement);
}

template <Database Db>
void HandoverMeetings<Db>::update(const HandoverMeeting& m, std::int64_t expected_version) {
  static const std::string sql =
      "UPDATE handover_meeting SET status = ?, held_on = ?, person_attended = ?, notes = ?, recorded_by = ?, late_reason = ?, "
      "version = version + 1, updated_at = " + std::string{Sql<Db>::now} + " WHERE id = ? AND version = ?";
  auto& statement = db_.prepare(sql);
  statement.bind(entry_for(meeting_statuses(), m.status).code, m.held_on, attended_or_null(m.person_attended), m.notes,
                 m.recorded_by, m.late_reason, m.id, expected_version);
  statement.run();
  require_changed(statement, "handover meeting", m.id);
}

template <Database Db>
std::vector<HandoverMeeting> HandoverMeetings<Db>::for_person(std::int64_t person_id) {
  return read_all(db_.prepare(std::string{meeting_columns} + "WHERE person_id = ? ORDER BY id DESC").bind(person_id),
                  meeting_from<Db>);
}

template class Transfers<sqlite::Connection>;
template class Transfers<postgresql::Connection>;
template class HandoverMeetings<sqlite::Connection>;
template class HandoverMeetings<postgresql::Connection>;

}  // namespace resettle::store::shared
