// Information sharing records and their answers (see information_sharing.hpp).
#include "services/mappa/information_sharing.hpp"

#include "services/people/case_records.hpp"
#include "services/mappa/mappa.hpp"

namespace resettle::services {

namespace {

void require_may_manage(const StaffMember& actor) {
  if (!may_manage_risk_together(actor.role)) throw Forbidden("partner agencies do not record information sharing");
}

std::pair<SharingRecord, Person> visible_record(store::Transaction& tx, const StaffMember& actor, std::int64_t record_id) {
  auto record = tx.information_sharing().find(record_id);
  if (!record) throw NotFound("information sharing record " + std::to_string(record_id) + " not found");
  auto person = require_visible_person(tx, actor, record->person_id, "information sharing");
  return {std::move(*record), std::move(person)};
}

std::string basis_code(const SharingRecord& record) {
  return record.lawful_basis ? std::string{entry_for(lawful_bases(), *record.lawful_basis).code} : "";
}

}  // namespace

PersonSharing sharing_of(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t person_id) {
  auto person = view_person(store, actor, person_id, "information sharing").person;
  auto tx = store.begin_read();
  PersonSharing page{std::move(person), tx->information_sharing().for_person(person_id), clock.today(), {},
                     may_manage_risk_together(actor.role)};
  std::vector<std::int64_t> ids;
  for (const auto& record : page.records) ids.push_back(record.recorded_by);
  page.staff_names = staff_names_of(*tx, ids);
  return page;
}

SharingRecord record_sharing(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t person_id,
                             const FieldInput& input) {
  require_may_manage(actor);
  auto tx = store.begin_write();
  require_visible_person(*tx, actor, person_id, "information sharing");
  auto record = read_sharing_record(input, clock.today(), actor.id);
  record.person_id = person_id;
  record.id = tx->information_sharing().insert(record);
  record.version = 1;
  tx->journal().append({actor.id, person_id, "information_sharing.recorded", "information_sharing", record.id,
                        std::string{entry_for(sharing_kinds(), record.kind).label} + ": " +
                            std::string{entry_for(agencies(), record.agency).label},
                        record.subject,
                        {{"kind", entry_for(sharing_kinds(), record.kind).code},
                         {"agency", entry_for(agencies(), record.agency).code},
                         {"lawful_basis", basis_code(record)},
                         {"approved_by", record.approved_by},
                         {"sent_on", to_iso(record.sent_on)},
                         {"due_by", to_iso(record.due_by)}}});
  tx->commit();
  return record;
}

SharingRecordView find_sharing(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t record_id) {
  auto tx = store.begin_audit_write();  // the read is audited
  auto [record, person] = visible_record(*tx, actor, record_id);
  tx->access_log().record(actor.id, person.id, "information sharing", true);
  auto recorded_by = staff_names_of(*tx, {record.recorded_by})[record.recorded_by];
  tx->commit();
  auto overdue = sharing_overdue(record, clock.today());
  bool may_answer = may_manage_risk_together(actor.role) && expects_answer(record.kind) && !record.answered_on;
  return {std::move(record), std::move(person), overdue, recorded_by, may_answer};
}

SharingRecord answer_sharing(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t record_id,
                             const FieldInput& input, std::int64_t expected_version) {
  require_may_manage(actor);
  auto tx = store.begin_write();
  auto [found, person] = visible_record(*tx, actor, record_id);
  auto record = record_sharing_answer(std::move(found), input, clock.today());
  tx->information_sharing().update(record, expected_version);
  ++record.version;
  tx->journal().append({actor.id, person.id, "information_sharing.answered", "information_sharing", record.id,
                        "Answer recorded: " + std::string{entry_for(sharing_kinds(), record.kind).label} + ", " +
                            std::string{entry_for(agencies(), record.agency).label},
                        record.answer,
                        {{"answered_on", to_iso(record.answered_on)},
                         {"lawful_basis", basis_code(record)},
                         {"approved_by", record.approved_by}}});
  tx->commit();
  return record;
}

}  // namespace resettle::services
