// The rules of a case transfer and its moves (see case_transfer.hpp).
#include "domain/transfers/case_transfer.hpp"

#include <array>

#include "domain/errors.hpp"
#include "domain/referrals/referral.hpp"  // add_working_days

namespace resettle {

namespace {
using enum TransferStatus;

// Stored and sent in JSON: codes may only be added to, never changed or removed; labels may change.
constexpr std::array<Coded<TransferKind>, 3> kind_table{{
    {TransferKind::prison, "prison", "To another prison"},
    {TransferKind::pdu, "pdu", "To another probation delivery unit"},
    {TransferKind::practitioner, "practitioner", "To another practitioner"},
}};
// Stored and sent in JSON: codes may only be added to, never changed or removed; labels may change.
constexpr std::array<Coded<TransferStatus>, 3> status_table{{
    {awaiting_acknowledgement, "awaiting_acknowledgement", "Awaiting acknowledgement"},
    {acknowledged, "acknowledged", "Acknowledged"},
    {withdrawn, "withdrawn", "Withdrawn"},
}};

constexpr std::size_t record_text_limit = 8000;

std::string label_of(TransferStatus status) { return std::string{entry_for(transfer_statuses(), status).label}; }

// Both moves close an open transfer; everything they share is checked here.
void require_open(const CaseTransfer& transfer, std::string_view move) {
  if (transfer.status != awaiting_acknowledgement)
    throw Conflict("Cannot " + std::string{move} + " this transfer: it is already " + label_of(transfer.status) +
                   ", and that is final");
}

void require_not_before_request(const CaseTransfer& transfer, Date on, std::vector<FieldError>& errors) {
  if (on < transfer.requested_on)
    errors.push_back({"date", "must be on or after " + to_iso(transfer.requested_on) + ", when the transfer was requested"});
}
}  // namespace

std::span<const Coded<TransferKind>> transfer_kinds() { return kind_table; }
std::span<const Coded<TransferStatus>> transfer_statuses() { return status_table; }

bool transferable_role(Role role) {
  return role == Role::key_worker || role == Role::pom || role == Role::com || role == Role::pre_release;
}

CaseTransfer read_transfer_request(const FieldInput& input, Date today, std::int64_t requested_by) {
  FieldReader reader{input};
  CaseTransfer transfer;
  transfer.kind = reader.code("kind", Need::required, transfer_kinds()).value_or(TransferKind::prison);
  if (!reader.failed("kind") && reader.has("kind")) {
    if (transfer.kind == TransferKind::practitioner) {
      transfer.role = reader.code("role", Need::required, roles());
      if (transfer.role && !transferable_role(*transfer.role)) {
        reader.fail("role", "must be a role that leads a case: key_worker, pom, com or pre_release");
        transfer.role.reset();
      }
      transfer.to_staff_id = reader.integer("to_staff_id", Need::required, 1, INT64_MAX);
    } else {
      transfer.to_code = reader.text("to_code", Need::required, 20);
    }
  }
  transfer.summary = reader.text("summary", Need::required, record_text_limit);
  transfer.current_risks = reader.text("current_risks", Need::required, record_text_limit);
  transfer.outstanding_actions = reader.text("outstanding_actions", Need::required, record_text_limit);
  reader.throw_if_failed();
  transfer.requested_by = requested_by;
  transfer.requested_on = today;
  return transfer;
}

std::string outstanding_actions_text(const Plan& plan) {
  std::string text;
  for (const auto& objective : plan.objectives) {
    if (objective.status != ObjectiveStatus::active) continue;
    for (const auto& action : objective.actions) {
      if (!is_open(action)) continue;
      auto owner = action.owner_name.empty() ? std::string{entry_for(action_owner_kinds(), action.owner_kind).label}
                                             : action.owner_name;
      text += "- " + std::string{pathway_label(objective.pathway)} + ": " + action.description + " (" + owner +
              ", due " + to_iso(action.due) + ", " + std::string{entry_for(action_statuses(), action.status).label} + ")\n";
    }
  }
  return text.empty() ? "No open plan actions." : text;
}

std::string current_risks_text(const RiskProfile& profile) {
  std::string text = "Risk of serious harm: " +
                     (profile.rosh ? std::string{entry_for(rosh_levels(), *profile.rosh).label} : std::string{"not assessed"}) +
                     "\nTier: " + (profile.tier ? std::string{entry_for(tiers(), *profile.tier).code} : std::string{"not set"}) +
                     "\n" + std::string{entry_for(mappa_levels(), profile.mappa).label};
  if (profile.iom) text += "\nManaged by Integrated Offender Management";
  if (profile.early_allocation) text += "\nEligible for early allocation to a community offender manager";
  return text;
}

bool on_receiving_side(const CaseTransfer& transfer, const StaffMember& staff) {
  if (!staff.active || is_partner_agency(staff.role)) return false;
  switch (transfer.kind) {
    case TransferKind::prison: return !staff.prison_code.empty() && staff.prison_code == transfer.to_code;
    case TransferKind::pdu: return !staff.pdu_code.empty() && staff.pdu_code == transfer.to_code;
    case TransferKind::practitioner: return transfer.to_staff_id == staff.id;
  }
  return false;
}

bool on_sending_side(const CaseTransfer& transfer, const StaffMember& staff) {
  if (!staff.active || is_partner_agency(staff.role)) return false;
  if (staff.id == transfer.requested_by || transfer.from_staff_id == staff.id) return true;
  switch (transfer.kind) {
    case TransferKind::prison: return !staff.prison_code.empty() && staff.prison_code == transfer.from_code;
    case TransferKind::pdu: return !staff.pdu_code.empty() && staff.pdu_code == transfer.from_code;
    case TransferKind::practitioner: return false;
  }
  return false;
}

CaseTransfer acknowledge_transfer(const CaseTransfer& transfer, const StaffMember& by, Date on, std::string note) {
  require_open(transfer, "acknowledge");
  if (!on_receiving_side(transfer, by))
    throw Forbidden("Only the receiving side can acknowledge a transfer: " +
                    std::string{transfer.kind == TransferKind::practitioner ? "the practitioner it is addressed to"
                                                                            : "staff of the receiving prison or probation delivery unit"});
  if (by.id == transfer.requested_by)
    throw Forbidden("You asked for this transfer, so someone else on the receiving side must accept it");
  std::vector<FieldError> errors;
  require_not_before_request(transfer, on, errors);
  if (!errors.empty()) throw ValidationFailed(std::move(errors));
  CaseTransfer done = transfer;
  done.status = acknowledged;
  done.acknowledged_by = by.id;
  done.acknowledged_on = on;
  done.acknowledgement_note = std::move(note);
  return done;
}

CaseTransfer withdraw_transfer(const CaseTransfer& transfer, const StaffMember& by, Date on, const std::string& reason) {
  require_open(transfer, "withdraw");
  if (!on_sending_side(transfer, by)) throw Forbidden("Only the sending side can withdraw a transfer");
  std::vector<FieldError> errors;
  if (reason.empty()) errors.push_back({"reason", "is required: say why the transfer is withdrawn"});
  require_not_before_request(transfer, on, errors);
  if (!errors.empty()) throw ValidationFailed(std::move(errors));
  CaseTransfer done = transfer;
  done.status = withdrawn;
  return done;
}

bool acknowledgement_overdue(const CaseTransfer& transfer, Date today, const BankHolidays& holidays,
                             const TransferRules& rules) {
  if (transfer.status != awaiting_acknowledgement) return false;
  return add_working_days(transfer.requested_on, rules.acknowledgement_working_days, holidays) < today;
}

}  // namespace resettle
