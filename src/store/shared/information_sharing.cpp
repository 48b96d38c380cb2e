// Information sharing records, for both stores; the lawful basis, due date and answer date as NULL until known.
#include "store/shared/risk_sharing_repositories.hpp"

#include "store/postgresql/sql.hpp"
#include "store/shared/repositories.hpp"
#include "store/sqlite/sql.hpp"

namespace resettle::store::shared {

namespace {

constexpr std::string_view sharing_columns =
    "id, person_id, version, kind, agency, subject, lawful_basis, approved_by, sent_on, due_by, answer, answered_on, "
    "recorded_by";

std::optional<std::string_view> basis_or_null(const std::optional<LawfulBasis>& basis) {
  if (!basis) return std::nullopt;
  return entry_for(lawful_bases(), *basis).code;
}

template <typename Db>
SharingRecord sharing_from(const StatementOf<Db>& row) {
  SharingRecord record;
  record.id = row.integer(0);
  record.person_id = row.integer(1);
  record.version = row.integer(2);
  record.kind = stored_code<Db>(row, 3, sharing_kinds(), "information_sharing");
  record.agency = stored_code<Db>(row, 4, agencies(), "information_sharing");
  record.subject = row.text(5);
  if (!row.is_null(6)) record.lawful_basis = stored_code<Db>(row, 6, lawful_bases(), "information_sharing");
  record.approved_by = row.text(7);
  record.sent_on = row.date(8).value_or(Date{});
  record.due_by = row.date(9);
  record.answer = row.text(10);
  record.answered_on = row.date(11);
  record.recorded_by = row.integer(12);
  return record;
}

}  // namespace

template <Database Db>
std::int64_t InformationSharing<Db>::insert(const SharingRecord& r) {
  return inserted_id(
      db_.prepare("INSERT INTO information_sharing (person_id, kind, agency, subject, lawful_basis, approved_by, sent_on, "
                  "due_by, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")
          .bind(r.person_id, entry_for(sharing_kinds(), r.kind).code, entry_for(agencies(), r.agency).code, r.subject,
                basis_or_null(r.lawful_basis), r.approved_by, r.sent_on, r.due_by, r.recorded_by));
}

template <Database Db>
std::optional<SharingRecord> InformationSharing<Db>::find(std::int64_t id) {
  auto& row = db_.prepare("SELECT " + std::string{sharing_columns} + " FROM information_sharing WHERE id = ?");
  row.bind(id);
  if (!row.step()) return std::nullopt;
  return sharing_from<Db>(row);
}

template <Database Db>
void InformationSharing<Db>::update(const SharingRecord& r, std::int64_t expected_version) {
  auto& statement = db_.prepare(
      "UPDATE information_sharing SET answer = ?, answered_on = ?, lawful_basis = ?, approved_by = ?, "
      "version = version + 1 WHERE id = ? AND version = ?");
  statement.bind(r.answer, r.answered_on, basis_or_null(r.lawful_basis), r.approved_by, r.id, expected_version);
  statement.run();
  require_changed(statement, "information sharing record", r.id);
}

template <Database Db>
std::vector<SharingRecord> InformationSharing<Db>::for_person(std::int64_t person_id) {
  return read_all(db_.prepare("SELECT " + std::string{sharing_columns} +
                              " FROM information_sharing WHERE person_id = ? ORDER BY sent_on DESC, id DESC")
                      .bind(person_id),
                  sharing_from<Db>);
}

template class InformationSharing<sqlite::Connection>;
template class InformationSharing<postgresql::Connection>;

}  // namespace resettle::store::shared
