#pragma once
// The release day record: what the pre-release team and the COM record on the day of release: where
// the person stays tonight and what is in place for them (ID, bank account, benefits, GP, medication,
// travel, discharge grant, phone). It starts from the pre-release checklist so nothing is asked twice;
// whatever is not in place or not recorded is a gap; and the first-night outcome snapshot is read
// from it.
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "domain/code_list.hpp"
#include "domain/field_input.hpp"
#include "domain/plan/outcome_snapshot.hpp"
#include "domain/plan/pre_release_checklist.hpp"
#include "domain/release/release_event.hpp"

namespace resettle {

// Where the person stays on their first night. Stored and sent in JSON: codes may only be added to.
enum class FirstNightAccommodation { settled, temporary, cas3, approved_premises, no_fixed_abode };
std::span<const Coded<FirstNightAccommodation>> first_night_accommodations();

// What should be in place on the day. Stored and sent in JSON: codes may only be added to.
enum class ReleaseProvision {
  id_documents,
  bank_account,
  benefits,  // a claim made, or an appointment to make it
  gp_registration,
  medication,
  travel,
  discharge_grant,
  phone,
};
std::span<const Coded<ReleaseProvision>> release_provisions();

// Stored and sent in JSON: codes may only be added to.
enum class ProvisionStatus { in_place, missing, not_needed };
std::span<const Coded<ProvisionStatus>> provision_statuses();

struct ProvisionRecord {
  ProvisionStatus status = ProvisionStatus::missing;
  std::string detail;  // e.g. "Universal Credit appointment, Leeds Jobcentre, 9:30 on 6 February"
  bool operator==(const ProvisionRecord&) const = default;
};

struct ReleaseDayArrangements {
  std::optional<FirstNightAccommodation> tonight;  // empty: not recorded
  std::string address;                             // where tonight is (none for no fixed abode)
  std::map<ReleaseProvision, ProvisionRecord> provisions;  // a provision not recorded is absent
  std::optional<int> medication_days;  // days of medication supplied, when medication is in place
  bool operator==(const ReleaseDayArrangements&) const = default;
};

struct ReleaseDayRecord {
  std::int64_t id = 0;
  std::int64_t person_id = 0;
  std::int64_t version = 0;
  ReleaseEvent release;
  ReleaseDayArrangements arrangements;
  std::int64_t recorded_by = 0;
};

constexpr int max_medication_days = 366;

// The form's fields: tonight (a code), address (required for somewhere to stay, not for no fixed
// abode), and per provision "<code>" (in_place, missing or not_needed; empty: not recorded) with
// "<code>_detail"; medication_days (1 to 366) is required when medication is in place. Bad fields go
// to `reader`.
ReleaseDayArrangements read_arrangements(FieldReader& reader);
FieldInput arrangements_fields(const ReleaseDayArrangements& arrangements);

// The release and its arrangements from one form or body; ValidationFailed naming every bad field.
ReleaseDayRecord read_release_day_record(const FieldInput& input, Date today);
// The arrangements alone, for a change after the release; ValidationFailed naming every bad field.
ReleaseDayArrangements read_release_day_arrangements(const FieldInput& input);

// The form as it opens before the release: each provision the checklist tracks as done (in place),
// not needed, or still to do (missing); the rest are left for the day.
FieldInput prefilled_arrangements(const std::optional<PreReleaseChecklist>& checklist);

// The checklist items the arrangements show are in place on the day: a provision in place, and
// somewhere to stay tonight (anything but no fixed abode).
std::vector<ChecklistItemKind> in_place_checklist_items(const ReleaseDayArrangements& arrangements);

// What is missing on the day, in form order: where they stay tonight when not recorded or of no fixed
// abode, then each provision missing or not recorded. `field` names the form field to go to.
struct ReleaseDayGap {
  std::string field;
  std::string text;
  bool operator==(const ReleaseDayGap&) const = default;
};
std::vector<ReleaseDayGap> release_day_gaps(const ReleaseDayArrangements& arrangements);

// The first-night outcome snapshot the record gives, dated the day of release (see docs/decisions.md,
// "First-night outcomes"): accommodation from tonight; finance from ID, bank account and benefits;
// health from GP registration and medication. A pathway none of whose provisions is recorded is left
// out; empty when nothing is recorded at all.
std::optional<OutcomeSnapshot> first_night_snapshot(const ReleaseDayRecord& record);

}  // namespace resettle
