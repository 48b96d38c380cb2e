#pragma once
// Moving a case to another prison, probation delivery unit or practitioner, with a handover
// record the receiver must acknowledge. The move takes effect only when someone on the receiving
// side accepts it: until then the sending side stays responsible, so a case is never "passed
// like a parcel" and left with nobody. State machine:
//   awaiting_acknowledgement -> acknowledged (by the receiver) | withdrawn (by the sender)
// Acknowledged and withdrawn are final.
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "domain/bank_holidays.hpp"
#include "domain/code_list.hpp"
#include "domain/date.hpp"
#include "domain/field_input.hpp"
#include "domain/plan/plan.hpp"
#include "domain/people/risk_profile.hpp"
#include "domain/staff/role.hpp"
#include "domain/staff/staff.hpp"

namespace resettle {

enum class TransferKind { prison, pdu, practitioner };
std::span<const Coded<TransferKind>> transfer_kinds();

enum class TransferStatus { awaiting_acknowledgement, acknowledged, withdrawn };
std::span<const Coded<TransferStatus>> transfer_statuses();

struct CaseTransfer {
  std::int64_t id = 0;
  std::int64_t version = 0;
  std::int64_t person_id = 0;
  TransferKind kind = TransferKind::prison;
  std::optional<Role> role;  // practitioner transfers: the role whose lead changes
  std::string from_code;     // prison or PDU code the case leaves (empty for practitioner transfers)
  std::string to_code;       // prison or PDU code the case goes to
  std::optional<std::int64_t> from_staff_id;  // practitioner transfers: the current lead, if any
  std::optional<std::int64_t> to_staff_id;    // practitioner transfers: who is asked to take the case
  // The handover record, so the receiver need not ask the person to tell their story again.
  std::string summary;
  std::string current_risks;
  std::string outstanding_actions;
  std::int64_t requested_by = 0;
  Date requested_on{};
  TransferStatus status = TransferStatus::awaiting_acknowledgement;
  std::optional<std::int64_t> acknowledged_by;
  std::optional<Date> acknowledged_on;
  std::string acknowledgement_note;

  friend bool operator==(const CaseTransfer&, const CaseTransfer&) = default;
};

// Roles whose lead can be handed from one practitioner to another.
bool transferable_role(Role role);

// Reads a request from the fields kind, to_code (prison and pdu), role and to_staff_id
// (practitioner), summary, current_risks and outstanding_actions. Throws ValidationFailed naming
// every bad field. Where the case is now (from_*) is filled in by the caller from the record.
CaseTransfer read_transfer_request(const FieldInput& input, Date today, std::int64_t requested_by);

// The handover record a request starts with, from what is already recorded, so nobody retells
// the story: one line per open action of an active objective (pathway, action, owner, due date),
// and the risk profile in words. Both are plain text the sender then edits.
std::string outstanding_actions_text(const Plan& plan);
std::string current_risks_text(const RiskProfile& profile);

// Which side of a transfer a member of staff is on: the receiver acknowledges, the sender may
// withdraw. Receiving: the named practitioner, or staff of the receiving prison or PDU. Sending:
// whoever asked, the practitioner handing over, or staff of the prison or PDU the case leaves.
bool on_receiving_side(const CaseTransfer& transfer, const StaffMember& staff);
bool on_sending_side(const CaseTransfer& transfer, const StaffMember& staff);

// The moves. Both throw Conflict when the transfer is no longer awaiting acknowledgement and
// Forbidden when the member of staff is on the wrong side (or asked for the transfer themselves:
// nobody accepts their own request); a withdrawal needs a reason
// (ValidationFailed on "reason"), and neither may be dated before the request ("date").
CaseTransfer acknowledge_transfer(const CaseTransfer& transfer, const StaffMember& by, Date on, std::string note);
CaseTransfer withdraw_transfer(const CaseTransfer& transfer, const StaffMember& by, Date on, const std::string& reason);

// How long the receiver has to acknowledge before the transfer is flagged, in working days.
// Data rather than code so a region can agree a different number (see docs/decisions.md).
struct TransferRules {
  int acknowledgement_working_days = 5;
};
// Still awaiting acknowledgement after the allowed working days from the request.
bool acknowledgement_overdue(const CaseTransfer& transfer, Date today, const BankHolidays& holidays,
                             const TransferRules& rules = {});

}  // namespace resettle
