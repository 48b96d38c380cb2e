#pragma once
// Case transfers between prisons, probation delivery units and practitioners. The sender writes a
// handover record (pre-filled from the plan and the risk profile); the move takes effect only when
// the receiver acknowledges it, in the same transaction as the acknowledgement and its journal
// Event. Until then the sender stays responsible and may withdraw the request.
#include <cstdint>
#include <string>
#include <vector>

#include "domain/bank_holidays.hpp"
#include "domain/transfers/case_transfer.hpp"
#include "services/clock.hpp"
#include "store/store.hpp"

namespace resettle::services {

struct TransferRecord {
  CaseTransfer transfer;
  std::string person_name;
  std::string from_name;  // the prison, PDU or practitioner the case leaves ("Nobody yet" for a first lead)
  std::string to_name;
  std::string requested_by_name;
  std::string acknowledged_by_name;
  bool acknowledgement_overdue = false;
  bool may_acknowledge = false;  // this member of staff, now
  bool may_withdraw = false;
  bool may_see_person = false;  // the receiver may not, until the case has moved to them
};

// Active staff who can lead a case (key workers, POMs, COMs, pre-release staff), for choosing
// who a practitioner transfer goes to, in the store's staff order; empty when there are none.
std::vector<StaffMember> practitioners(store::Store& store);

// The fields a new request starts with: current_risks and outstanding_actions from the record (an
// audited read: NotFound for a person the caller may not see).
FieldInput transfer_prefill(store::Store& store, const StaffMember& actor, std::int64_t person_id);

// From the fields of read_transfer_request. Conflict when the person is not in a prison (or PDU)
// to move from, or a transfer of the same kind (and role) is already awaiting acknowledgement.
// Returns the request with its id and version 1. Throws Forbidden for a role that may not transfer
// cases, NotFound for a person the caller may not see, ValidationFailed naming each bad field (and
// an unknown or unchanged destination, or a practitioner who cannot take the lead).
TransferRecord request_transfer(store::Store& store, const Clock& clock, const BankHolidays& holidays,
                                const StaffMember& actor, std::int64_t person_id, const FieldInput& input);
// Field note (optional). The person moves prison or PDU, or the new practitioner becomes the lead
// in the role (the previous lead's allocation ends the same day). acknowledge and withdraw return
// the transfer as moved; both throw NotFound for a transfer the caller may not see, Forbidden for
// the wrong side (or the requester acknowledging their own), Conflict once it is no longer awaiting
// acknowledgement (or, on acknowledging, when the case has moved on), ValidationFailed for a bad
// field and StaleVersion if the transfer moved on from expected_version.
TransferRecord acknowledge(store::Store& store, const Clock& clock, const BankHolidays& holidays,
                           const StaffMember& actor, std::int64_t transfer_id, const FieldInput& input,
                           std::int64_t expected_version);
// Field reason (required).
TransferRecord withdraw(store::Store& store, const Clock& clock, const BankHolidays& holidays, const StaffMember& actor,
                        std::int64_t transfer_id, const FieldInput& input, std::int64_t expected_version);

// Visible to staff who may see the person and to either side of the transfer (the receiver
// cannot see the person before accepting, but must read the handover record). Audited. Throws
// NotFound for no such transfer and for one the caller may not see, alike.
TransferRecord view_transfer(store::Store& store, const Clock& clock, const BankHolidays& holidays,
                             const StaffMember& actor, std::int64_t transfer_id);
// The person's transfers, newest first; empty when there are none. An audited read of the person:
// NotFound for someone the caller may not see.
std::vector<TransferRecord> person_transfers(store::Store& store, const Clock& clock, const BankHolidays& holidays,
                                             const StaffMember& actor, std::int64_t person_id);
// Awaiting this member of staff's acknowledgement: addressed to them or to their prison or PDU,
// oldest request first, less the cases closed to them; empty for partners and inactive staff.
std::vector<TransferRecord> transfers_awaiting(store::Store& store, const Clock& clock, const BankHolidays& holidays,
                                               const StaffMember& actor);
// How many transfers await this member of staff (0 for partners and inactive staff).
std::int64_t count_transfers_awaiting(store::Store& store, const StaffMember& actor);

}  // namespace resettle::services
