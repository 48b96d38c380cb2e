#pragma once
// The induction: the COM books it before release, on the day of release or the next working day, at
// a probation office, so that the person walks out knowing where to go and whom they will see. At
// the induction the COM goes through the licence with them, condition by condition, and records
// their acknowledgement (licences.hpp).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/supervision/appointment.hpp"
#include "domain/bank_holidays.hpp"
#include "services/clock.hpp"
#include "store/store.hpp"

namespace resettle::services {

// A booked induction as pages and documents show it: with the officer's and the office's names.
struct BookedInduction {
  Appointment appointment;
  std::string officer_name;
  std::string office_name;
};

// The booked induction of this person, if any, inside the caller's transaction (already audited).
std::optional<BookedInduction> booked_induction(store::Transaction& tx, std::int64_t person_id);

// What the induction page shows of a person.
struct InductionView {
  Person person;
  std::optional<BookedInduction> induction;
  std::optional<InductionWindow> window;       // empty without a release date
  std::vector<ProbationDeliveryUnit> offices;  // to choose from, by name
  bool may_book = false;                       // this member of staff, now (before release)
};

// Audited read, the release date as the law in force `today` gives it; NotFound for a person this
// member of staff may not see.
InductionView induction_of(store::Store& store, const BankHolidays& holidays, const StaffMember& actor,
                           std::int64_t person_id, Date today);

// Books the induction from the fields on, starts_at, ends_at, office_code and notes (read_appointment),
// with the person's allocated COM (else whoever books it), in one transaction with its journal entry.
// Changing a booked induction names the version it was based on (`expected_version`); a first
// booking has none. Throws Forbidden unless may_book_appointments; NotFound for a person this member
// of staff may not see; Conflict once the person is out of custody (the induction is booked before
// release) or when booking anew over a booked induction; ValidationFailed naming each bad field, and
// on "on" without a release date or outside the induction window; StaleVersion when the booking
// changed since `expected_version`.
Appointment book_induction(store::Store& store, const Clock& clock, const BankHolidays& holidays,
                           const StaffMember& actor, std::int64_t person_id, const FieldInput& input,
                           std::optional<std::int64_t> expected_version);

}  // namespace resettle::services
