// Information sharing records in SQLite; the lawful basis, due date and answer date as NULL until known.
#include "store/sqlite/information_sharing.hpp"

namespace resettle::store::sqlite {

namespace {

constexpr std::string_view sharing_columns =
    "id, person_id, version, kind, agency, subject, lawful_basis, approved_by, sent_on, due_by, answer, answered_on, "
    "recorded_by";

std::optional<std::string_view> basis_or_null(const std::optional<LawfulBasis>& basis) {
  if (!basis) return std::nullopt;
  return entry_for(lawful_bases(), *basis).code;
}

SharingRecord sharing_from(const Statement& row) {
  SharingRecord record;
  record.id = row.integer(0);
  record.person_id = row.integer(1);
  record.version = row.integer(2);
  record.kind = code_column(row, 3, sharing_kinds(), "information_sharing");
  record.agency = code_column(row, 4, agencies(), "information_sharing");
  record.subject = row.text(5);
  if (!row.is_null(6)) record.lawful_basis = code_column(row, 6, lawful_bases(), "information_sharing");
  record.approved_by = row.text(7);
  record.sent_on = row.date(8).value_or(Date{});
  record.due_by = row.date(9);
  record.answer = row.text(10);
  record.answered_on = row.date(11);
  record.recorded_by = row.integer(12);
  return record;
}

}  // namespace

std::int64_t SqliteInformationSharing::insert(const SharingRecord& r) {
  db_.prepare("INSERT INTO information_sharing (person_id, kind, agency, subject, lawful_basis, approved_by, sent_on, "
              "due_by, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .bind(r.person_id, entry_for(sharing_kinds(), r.kind).code, entry_for(agencies(), r.agency).code, r.subject,
            basis_or_null(r.lawful_basis), r.approved_by, r.sent_on, r.due_by, r.recorded_by)
      .run();
  return db_.last_insert_id();
}

std::optional<SharingRecord> SqliteInformationSharing::find(std::int64_t id) {
  auto& row = db_.prepare("SELECT " + std::string{sharing_columns} + " FROM information_sharing WHERE id = ?");
  row.bind(id);
  if (!row.step()) return std::nullopt;
  return sharing_from(row);
}

void SqliteInformationSharing::update(const SharingRecord& r, std::int64_t expected_version) {
  auto& statement = db_.prepare(
      "UPDATE information_sharing SET answer = ?, answered_on = ?, lawful_basis = ?, approved_by = ?, "
      "version = version + 1 WHERE id = ? AND version = ?");
  statement.bind(r.answer, r.answered_on, basis_or_null(r.lawful_basis), r.approved_by, r.id, expected_version);
  statement.run();
  require_changed(statement, "information sharing record", r.id);
}

std::vector<SharingRecord> SqliteInformationSharing::for_person(std::int64_t person_id) {
  auto& row = db_.prepare("SELECT " + std::string{sharing_columns} +
                          " FROM information_sharing WHERE person_id = ? ORDER BY sent_on DESC, id DESC");
  row.bind(person_id);
  std::vector<SharingRecord> records;
  while (row.step()) records.push_back(sharing_from(row));
  return records;
}

}  // namespace resettle::store::sqlite
