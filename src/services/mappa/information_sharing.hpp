#pragma once
// Information sharing use cases: recording a request to or from another agency or a disclosure, and
// its answer, each in one transaction with its journal event on the person's timeline; and the
// person's records. Overdue requests show on the MAPPA worklist (mappa.hpp).
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "domain/mappa/information_sharing.hpp"
#include "services/clock.hpp"
#include "store/store.hpp"

namespace resettle::services {

// What the person's information sharing page and the API show.
struct PersonSharing {
  Person person;
  std::vector<SharingRecord> records;  // latest sent first; empty when none
  Date today{};
  std::map<std::int64_t, std::string> staff_names;  // who recorded each
  bool may_change = false;                          // may_manage_risk_together
};
// Audited read. Throws NotFound for a person this member of staff may not see (partners included).
PersonSharing sharing_of(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t person_id);

// Records a request or disclosure (read_sharing_record's fields) and journals
// "information_sharing.recorded". Returns it with its id and version 1. Throws, in this order:
// Forbidden unless may_manage_risk_together; NotFound for a person this member of staff may not see;
// ValidationFailed naming every bad field (a disclosure without lawful_basis or approved_by). Nothing
// is saved on a throw.
SharingRecord record_sharing(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t person_id,
                             const FieldInput& input);

struct SharingRecordView {
  SharingRecord record;
  Person person;
  bool overdue = false;  // today
  std::string recorded_by_name;
  bool may_answer = false;  // this member of staff, while a request waits for its answer
};
// Audited read. Throws NotFound for no such record and for one whose person is not visible, alike.
SharingRecordView find_sharing(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t record_id);

// Records the answer (record_sharing_answer's fields) at expected_version and journals
// "information_sharing.answered". Returns the record as stored. Throws, in this order: Forbidden
// unless may_manage_risk_together; NotFound as find_sharing; Conflict for a disclosure or a record
// already answered; ValidationFailed naming every bad field; StaleVersion. Nothing saved on a throw.
SharingRecord answer_sharing(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t record_id,
                             const FieldInput& input, std::int64_t expected_version);

}  // namespace resettle::services
