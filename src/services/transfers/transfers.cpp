// The case transfer use cases (see transfers.hpp).
#include "services/transfers/transfers.hpp"

#include <algorithm>

#include "domain/catalogue.hpp"
#include "domain/staff/access.hpp"
#include "domain/errors.hpp"
#include "domain/limited_access/limited_access.hpp"
#include "services/allocation/allocations.hpp"
#include "services/audit.hpp"
#include "services/people/case_records.hpp"
#include "services/responsibility/responsibility.hpp"

namespace resettle::services {

namespace {

std::string staff_name(store::Transaction& tx, std::optional<std::int64_t> staff_id) {
  if (!staff_id) return "";
  auto staff = tx.staff().find(*staff_id);
  return staff ? staff->display_name : "";
}

std::string place_name(store::Transaction& tx, TransferKind kind, const std::string& code) {
  if (kind == TransferKind::prison)
    if (auto prison = tx.places().find_prison(code)) return prison->name;
  if (kind == TransferKind::pdu)
    if (auto pdu = tx.places().find_pdu(code)) return pdu->name;
  return code;
}

TransferRecord record_of(store::Transaction& tx, const StaffMember& actor, const CaseTransfer& transfer, Date today,
                         const BankHolidays& holidays) {
  TransferRecord record;
  record.transfer = transfer;
  if (auto person = tx.people().find(transfer.person_id)) record.person_name = person->full_name();
  if (transfer.kind == TransferKind::practitioner) {
    record.from_name = transfer.from_staff_id ? staff_name(tx, transfer.from_staff_id) : "Nobody yet";
    record.to_name = staff_name(tx, transfer.to_staff_id);
  } else {
    record.from_name = place_name(tx, transfer.kind, transfer.from_code);
    record.to_name = place_name(tx, transfer.kind, transfer.to_code);
  }
  record.requested_by_name = staff_name(tx, transfer.requested_by);
  record.acknowledged_by_name = staff_name(tx, transfer.acknowledged_by);
  record.acknowledgement_overdue = acknowledgement_overdue(transfer, today, holidays);
  bool open = transfer.status == TransferStatus::awaiting_acknowledgement;
  record.may_acknowledge = open && on_receiving_side(transfer, actor);
  record.may_withdraw = open && on_sending_side(transfer, actor);
  record.may_see_person = visible_person(tx, actor, transfer.person_id).has_value();
  return record;
}

// The transfer, if this member of staff may see it; otherwise "not found". Every attempt is audited.
CaseTransfer require_visible_transfer(store::Transaction& tx, const StaffMember& actor, std::int64_t transfer_id) {
  auto transfer = tx.transfers().find(transfer_id);
  if (!transfer) throw NotFound("transfer " + std::to_string(transfer_id) + " not found");
  // A limited-access case stays closed to excluded staff even when they are on the receiving side.
  bool allowed = may_see_limited_case(tx.limited_access().current_for_person(transfer->person_id), actor.id) &&
                 (on_receiving_side(*transfer, actor) || on_sending_side(*transfer, actor) ||
                  visible_person(tx, actor, transfer->person_id).has_value());
  tx.access_log().record(actor.id, transfer->person_id, "transfer", allowed);
  if (!allowed) {
    tx.commit();  // keep the record of a refused attempt
    throw NotFound("transfer " + std::to_string(transfer_id) + " not found");
  }
  return *transfer;
}

std::optional<Allocation> current_lead(store::Transaction& tx, std::int64_t person_id, Role role) {
  for (const auto& allocation : tx.allocations().current_for_person(person_id))
    if (allocation.role == role && allocation.kind == AllocationKind::lead) return allocation;
  return std::nullopt;
}

bool same_request(const CaseTransfer& a, const CaseTransfer& b) {
  return a.kind == b.kind && (a.kind != TransferKind::practitioner || a.role == b.role);
}

// Where the case is now, checked against where it is asked to go.
void fill_in_origin(store::Transaction& tx, CaseTransfer& transfer, const Person& person) {
  if (transfer.kind == TransferKind::practitioner) {
    auto staff = tx.staff().find(*transfer.to_staff_id);
    auto role = *transfer.role;
    if (!staff || !staff->active) throw ValidationFailed("to_staff_id", staff_text("is not an active member of staff"));
    if (staff->role != role && !(role == Role::key_worker && staff->role == Role::pom))
      throw ValidationFailed("to_staff_id", staff_text("((name)) cannot lead as ((role))", {{"name", staff->display_name}, {"role", role_label(role)}}));
    auto lead = current_lead(tx, person.id, role);
    if (lead && lead->staff_id == staff->id)
      throw ValidationFailed("to_staff_id", staff_text("((name)) already leads as ((role))", {{"name", staff->display_name}, {"role", role_label(role)}}));
    if (lead) transfer.from_staff_id = lead->staff_id;
    return;
  }
  bool prison = transfer.kind == TransferKind::prison;
  transfer.from_code = prison ? person.prison_code : person.pdu_code;
  if (transfer.from_code.empty())
    throw Conflict(person.full_name() + (prison ? " is not in a prison" : " has no probation delivery unit") +
                   " to transfer from");
  bool known = prison ? tx.places().find_prison(transfer.to_code).has_value()
                      : tx.places().find_pdu(transfer.to_code).has_value();
  if (!known) throw ValidationFailed("to_code", prison ? staff_text("is not a known prison code") : staff_text("is not a known probation delivery unit code"));
  if (transfer.to_code == transfer.from_code)
    throw ValidationFailed("to_code", prison ? staff_text("is the prison they are already in") : staff_text("is the probation delivery unit they are already with"));
}

std::string describe(const TransferRecord& record) {
  return "Transfer from " + record.from_name + " to " + record.to_name;
}

void journal(store::Transaction& tx, const StaffMember& actor, const TransferRecord& record, std::string kind,
             std::string summary, std::string reason) {
  const auto& t = record.transfer;
  tx.journal().append({actor.id, t.person_id, std::move(kind), "case_transfer", t.id, std::move(summary), std::move(reason),
                       {{"kind", entry_for(transfer_kinds(), t.kind).code},
                        {"status", entry_for(transfer_statuses(), t.status).code},
                        {"from", t.kind == TransferKind::practitioner ? nlohmann::json(t.from_staff_id.value_or(0)) : nlohmann::json(t.from_code)},
                        {"to", t.kind == TransferKind::practitioner ? nlohmann::json(t.to_staff_id.value_or(0)) : nlohmann::json(t.to_code)}}});
}

// What acknowledging changes on the case, in the acknowledging transaction.
void take_effect(store::Transaction& tx, const StaffMember& actor, const CaseTransfer& transfer, Date today) {
  if (transfer.kind == TransferKind::practitioner) {
    auto role = *transfer.role;
    auto lead = current_lead(tx, transfer.person_id, role);
    if ((lead ? std::optional{lead->staff_id} : std::nullopt) != transfer.from_staff_id)
      throw Conflict("The lead " + std::string{role_label(role)} +
                     " has changed since this transfer was requested: it should be withdrawn and asked again");
    auto person = tx.people().find(transfer.person_id);
    auto staff = tx.staff().find(*transfer.to_staff_id);
    if (!person || !staff) throw NotFound("transfer " + std::to_string(transfer.id) + " not found");
    // The same allocation rules as a manager's choice: the previous lead ends today, and someone
    // on the case's exclusion list cannot take it.
    allocate(tx, actor, *person, *staff, role, today, "Transfer " + std::to_string(transfer.id) + " acknowledged",
             AllocationKind::lead);
    return;
  }
  auto person = tx.people().find(transfer.person_id);
  bool prison = transfer.kind == TransferKind::prison;
  auto& code = prison ? person->prison_code : person->pdu_code;
  if (code != transfer.from_code)
    throw Conflict(person->full_name() + " is no longer where this transfer starts from: it should be withdrawn");
  code = transfer.to_code;
  tx.people().update(*person, person->version);
  refresh_case_dates(tx, person->id, today);
}

}  // namespace

std::vector<StaffMember> practitioners(store::Store& store) {
  auto staff = store.begin_read()->staff().list();
  std::erase_if(staff, [](const StaffMember& member) { return !member.active || !transferable_role(member.role); });
  return staff;
}

FieldInput transfer_prefill(store::Store& store, const StaffMember& actor, std::int64_t person_id) {
  auto record = view_person(store, actor, person_id, "transfer handover record");
  auto tx = store.begin_read();
  auto plan = tx->plans().for_person(person_id);
  return {{"current_risks", current_risks_text(record.risk_profile)},
          {"outstanding_actions", plan ? outstanding_actions_text(*plan) : outstanding_actions_text(Plan{})}};
}

TransferRecord request_transfer(store::Store& store, const Clock& clock, const BankHolidays& holidays,
                                const StaffMember& actor, std::int64_t person_id, const FieldInput& input) {
  if (!role_may(actor.role, CaseAction::edit_person)) throw Forbidden("your role cannot transfer cases");
  auto transfer = read_transfer_request(input, clock.today(), actor.id);
  auto tx = store.begin_write();
  auto person = require_visible_person(*tx, actor, person_id, "transfer request");
  tx->access_log().record(actor.id, person_id, "transfer request", true);
  transfer.person_id = person_id;
  fill_in_origin(*tx, transfer, person);
  for (const auto& other : tx->transfers().for_person(person_id))
    if (other.status == TransferStatus::awaiting_acknowledgement && same_request(other, transfer))
      throw Conflict("A transfer like this one is already awaiting acknowledgement (transfer " + std::to_string(other.id) +
                     "): withdraw it first");
  transfer.id = tx->transfers().insert(transfer);
  transfer.version = 1;
  auto record = record_of(*tx, actor, transfer, clock.today(), holidays);
  journal(*tx, actor, record, "transfer.requested", describe(record) + " requested: awaiting acknowledgement", "");
  tx->commit();
  return record;
}

namespace {

// One move of a transfer, in one transaction with its journal event: reads the optional text
// field, applies `move` (which returns the moved transfer), stores it at the expected version and
// lets `after` change the case.
template <typename Move, typename After>
TransferRecord move_transfer(store::Store& store, const Clock& clock, const BankHolidays& holidays,
                             const StaffMember& actor, std::int64_t transfer_id, const FieldInput& input,
                             std::int64_t expected_version, std::string_view text_field, std::string_view kind,
                             std::string_view outcome, Move move, After after) {
  FieldReader reader{input};
  auto text = reader.text(text_field, Need::optional, 4000);
  reader.throw_if_failed();
  auto today = clock.today();
  auto tx = store.begin_write();
  auto done = move(require_visible_transfer(*tx, actor, transfer_id), today, text);
  tx->transfers().update(done, expected_version);
  done.version = expected_version + 1;
  after(*tx, done, today);
  auto record = record_of(*tx, actor, done, today, holidays);
  journal(*tx, actor, record, std::string{kind}, describe(record) + std::string{outcome}, text);
  tx->commit();
  return record;
}

}  // namespace

TransferRecord acknowledge(store::Store& store, const Clock& clock, const BankHolidays& holidays,
                           const StaffMember& actor, std::int64_t transfer_id, const FieldInput& input,
                           std::int64_t expected_version) {
  return move_transfer(
      store, clock, holidays, actor, transfer_id, input, expected_version, "note", "transfer.acknowledged",
      " acknowledged by " + actor.display_name + ": the case has moved",
      [&](const CaseTransfer& transfer, Date today, const std::string& note) {
        return acknowledge_transfer(transfer, actor, today, note);
      },
      [&](store::Transaction& tx, const CaseTransfer& done, Date today) { take_effect(tx, actor, done, today); });
}

TransferRecord withdraw(store::Store& store, const Clock& clock, const BankHolidays& holidays, const StaffMember& actor,
                        std::int64_t transfer_id, const FieldInput& input, std::int64_t expected_version) {
  return move_transfer(
      store, clock, holidays, actor, transfer_id, input, expected_version, "reason", "transfer.withdrawn",
      " withdrawn: the case stays where it is",
      [&](const CaseTransfer& transfer, Date today, const std::string& reason) {
        return withdraw_transfer(transfer, actor, today, reason);
      },
      [](store::Transaction&, const CaseTransfer&, Date) {});
}

TransferRecord view_transfer(store::Store& store, const Clock& clock, const BankHolidays& holidays,
                             const StaffMember& actor, std::int64_t transfer_id) {
  auto tx = store.begin_write();  // the read is audited
  auto record = record_of(*tx, actor, require_visible_transfer(*tx, actor, transfer_id), clock.today(), holidays);
  tx->commit();
  return record;
}

std::vector<TransferRecord> person_transfers(store::Store& store, const Clock& clock, const BankHolidays& holidays,
                                             const StaffMember& actor, std::int64_t person_id) {
  view_person(store, actor, person_id, "transfers");
  auto tx = store.begin_read();
  std::vector<TransferRecord> records;
  for (const auto& transfer : tx->transfers().for_person(person_id))
    records.push_back(record_of(*tx, actor, transfer, clock.today(), holidays));
  return records;
}

std::vector<TransferRecord> transfers_awaiting(store::Store& store, const Clock& clock, const BankHolidays& holidays,
                                               const StaffMember& actor) {
  if (!actor.active || is_partner_agency(actor.role)) return {};
  auto tx = store.begin_read();
  std::vector<TransferRecord> records;
  for (const auto& transfer : tx->transfers().awaiting(actor.id, actor.prison_code, actor.pdu_code))
    if (may_see_limited_case(tx->limited_access().current_for_person(transfer.person_id), actor.id))
      records.push_back(record_of(*tx, actor, transfer, clock.today(), holidays));
  std::vector<std::int64_t> people;
  for (const auto& record : records) people.push_back(record.transfer.person_id);
  audit_list(store, actor, "transfers awaiting acknowledgement", people);
  return records;
}

std::int64_t count_transfers_awaiting(store::Store& store, const StaffMember& actor) {
  if (!actor.active || is_partner_agency(actor.role)) return 0;
  return store.begin_read()->transfers().count_awaiting(actor.id, actor.prison_code, actor.pdu_code);
}

}  // namespace resettle::services
