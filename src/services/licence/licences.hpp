#pragma once
// Licence use cases: the COM drafts a licence before release from the catalogue in force, a manager
// approves or returns it, it becomes active at release, and after release it is varied. Each runs
// in one transaction with its journal Event; every update names the version it was based on.
#include <cstdint>
#include <map>
#include <filesystem>
#include <optional>
#include <vector>

#include "domain/bank_holidays.hpp"
#include "domain/licence/licence.hpp"
#include "domain/licence/licence_responses.hpp"
#include "domain/mappa/mappa.hpp"
#include "services/clock.hpp"
#include "services/supervision/inductions.hpp"
#include "services/responsibility/responsibility.hpp"
#include "store/store.hpp"

namespace resettle::services {

// Every version of the catalogue from the *.json files in `directory` (data/licence-conditions).
// Throws ValidationFailed naming each fault, std::runtime_error when a file cannot be read.
ConditionCatalogues load_condition_catalogues(const std::filesystem::path& directory);

// What the licence page shows of a person: every version of their licence, newest first, the
// working-day deadlines before release, and what this member of staff may do now.
struct LicenceOverview {
  Person person;
  std::vector<Licence> licences;
  std::optional<Date> release_date;  // the day of release: decided, else the due date (release_day.hpp)
  std::optional<LicenceDeadlines> deadlines;
  LicenceWarning warning = LicenceWarning::none;
  std::optional<BookedInduction> induction;  // where the licence is gone through with the person
  bool may_book_induction = false;           // this member of staff, now: before release
  bool may_start = false;  // start a licence: they may draft one and none is current
  // The newest licence (licences.front()): the moves open on it, what it changes from the licence
  // it varies (empty unless a variation), and whether it has bespoke wording for the approving
  // manager to check (flagged_for_approval). No moves without a licence.
  LicenceActions actions;
  std::vector<ConditionChange> changes;
  bool flagged_for_approval = false;
  // What the person said on their own pages about each condition of the newest licence, by key.
  std::map<int, ConditionStanding> person_says;
  // The MAPPA actions that need each condition of the newest licence, by key, soonest due first.
  std::map<int, std::vector<MappaAction>> mappa_actions;
};

// Audited read; NotFound for a person this member of staff may not see.
LicenceOverview licence_overview(store::Store& store, const Clock& clock, const BankHolidays& holidays,
                                 const StaffMember& actor, std::int64_t person_id);

// One licence, with what changed from the licence it varies (for a variation).
struct LicenceRecord {
  Licence licence;
  Person person;
  std::vector<ConditionChange> changes;  // empty unless a variation
};
// If its person is visible to this member of staff (audited); NotFound otherwise.
LicenceRecord find_licence(store::Store& store, const StaffMember& actor, std::int64_t licence_id);

// A draft licence with the standard conditions of the policy in force today. Forbidden unless a
// COM; Conflict when the person already has a licence that is not inactive (vary it instead).
Licence start_licence(store::Store& store, const Clock& clock, const ConditionCatalogues& catalogues,
                      const StaffMember& actor, std::int64_t person_id);

// Changes to a draft or returned licence (an approved one goes back to draft), by a COM, from the
// fields of read_condition. ValidationFailed naming each bad field; Conflict when the licence
// cannot change now; StaleVersion when it changed since `expected_version`.
Licence add_licence_condition(store::Store& store, const Clock& clock, const ConditionCatalogues& catalogues,
                              const StaffMember& actor, std::int64_t licence_id, const FieldInput& input,
                              std::int64_t expected_version);
Licence change_licence_condition(store::Store& store, const Clock& clock, const ConditionCatalogues& catalogues,
                                 const StaffMember& actor, std::int64_t licence_id, int key, const FieldInput& input,
                                 std::int64_t expected_version);
Licence remove_licence_condition(store::Store& store, const Clock& clock, const StaffMember& actor,
                                 std::int64_t licence_id, int key, std::int64_t expected_version);

// Sends the licence to a manager. A variation reads its consultation record and reasons from
// `input` (read_variation_record); a licence at release needs nothing.
Licence submit_licence(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t licence_id,
                       const FieldInput& input, std::int64_t expected_version);

// decision: approve | return (with return_reason). By a manager who did not draft it. Approving a
// variation makes it active today and the licence it varies inactive, in the same transaction.
Licence decide_licence(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t licence_id,
                       const FieldInput& input, std::int64_t expected_version);

// released_on (a date, today or earlier): the approved licence is active from the day of release.
Licence activate_licence(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t licence_id,
                         const FieldInput& input, std::int64_t expected_version);

// The same inside the caller's transaction, for the release (services/release/releases.hpp), which has
// already checked who may act: the approved `licence` is active from `released_on`, written and
// journalled. Conflict when it is not approved.
void activate_at_release(store::Transaction& tx, const StaffMember& actor, Licence& licence, Date released_on);

// Inside the caller's transaction, for a decision to recall (services/recall/recalls.hpp): the person's
// active licence, if any, ends on `revoked_on` and is journalled as revoked, so a licence for the next
// release can be drafted. A person with no active licence is left as they are.
void revoke_active_licence(store::Transaction& tx, const StaffMember& actor, std::int64_t person_id, Date revoked_on);

// A draft variation of an active licence, by a COM. Conflict when it is not active or a variation
// is already being drafted.
Licence start_variation(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t licence_id);

// What the person said about one condition (read_understanding), by a COM.
Licence record_condition_understanding(store::Store& store, const Clock& clock, const StaffMember& actor,
                                       std::int64_t licence_id, int key, const FieldInput& input,
                                       std::int64_t expected_version);

// The person's acknowledgement of the licence at induction (or of a variation), by a COM, once every
// condition has been gone through with them: Conflict naming those still to go through, or when the
// licence is neither approved nor active; StaleVersion when it changed since `expected_version`.
Licence record_acknowledgement(store::Store& store, const Clock& clock, const StaffMember& actor,
                               std::int64_t licence_id, std::int64_t expected_version);

// The licences worklist: people released in the next weeks with no approved or active licence, in
// release-date order a page at a time, each with their latest licence's status and warning.
struct LicenceWorklistRow {
  store::WorklistRow row;
  std::optional<LicenceStatus> status;  // empty: no licence begun
  LicenceWarning warning = LicenceWarning::none;
};
inline std::int64_t person_id_of(const LicenceWorklistRow& row) { return row.row.person.id; }  // for audited
store::Page<LicenceWorklistRow> licences_due(store::Store& store, const BankHolidays& holidays,
                                             const StaffMember& actor, Date today, const WorklistRequest& request);
// The same page read without auditing it (as read_worklist_rows).
store::Page<LicenceWorklistRow> read_licences_due(store::Store& store, const BankHolidays& holidays,
                                                  const StaffMember& actor, Date today, const WorklistRequest& request);

}  // namespace resettle::services
