// The release day record: reading it, prefilling it, its gaps and the first-night snapshot it gives
// (see release_day_record.hpp).
#include "domain/release/release_day_record.hpp"

#include <algorithm>
#include <array>

namespace resettle {

namespace {
using enum ReleaseProvision;

// Stored and sent in JSON: codes may only be added to, never changed or removed; labels may change.
constexpr std::array<Coded<FirstNightAccommodation>, 5> tonight_table{{
    {FirstNightAccommodation::settled, "settled", "Settled accommodation (their own home, family, a tenancy)"},
    {FirstNightAccommodation::temporary, "temporary", "Temporary accommodation"},
    {FirstNightAccommodation::cas3, "cas3", "CAS3 (Community Accommodation Service)"},
    {FirstNightAccommodation::approved_premises, "approved_premises", "Approved premises"},
    {FirstNightAccommodation::no_fixed_abode, "no_fixed_abode", "No fixed abode"},
}};
// Stored and sent in JSON: codes may only be added to, never changed or removed; labels may change.
constexpr std::array<Coded<ReleaseProvision>, 8> provision_table{{
    {id_documents, "id_documents", "ID documents"},
    {bank_account, "bank_account", "Bank account"},
    {benefits, "benefits", "Benefits claim or appointment"},
    {gp_registration, "gp_registration", "GP registration"},
    {medication, "medication", "Medication supply"},
    {travel, "travel", "Travel from the prison"},
    {discharge_grant, "discharge_grant", "Discharge grant"},
    {phone, "phone", "Phone"},
}};
// Stored and sent in JSON: codes may only be added to, never changed or removed; labels may change.
constexpr std::array<Coded<ProvisionStatus>, 3> status_table{{
    {ProvisionStatus::in_place, "in_place", "In place"},
    {ProvisionStatus::missing, "missing", "Not in place"},
    {ProvisionStatus::not_needed, "not_needed", "Not needed"},
}};

// The checklist item that tracks a provision before release, for those the checklist has.
constexpr std::array<std::pair<ReleaseProvision, ChecklistItemKind>, 5> tracked_by_checklist{{
    {id_documents, ChecklistItemKind::id_documents},
    {bank_account, ChecklistItemKind::bank_account},
    {benefits, ChecklistItemKind::benefits_claim},
    {gp_registration, ChecklistItemKind::gp_registration},
    {medication, ChecklistItemKind::medication_on_release},
}};

constexpr std::size_t address_length = 500;
constexpr std::size_t detail_length = 500;

std::string code_of(ReleaseProvision provision) { return std::string{entry_for(release_provisions(), provision).code}; }
std::string label_of(ReleaseProvision provision) { return std::string{entry_for(release_provisions(), provision).label}; }
std::string detail_field(ReleaseProvision provision) { return code_of(provision) + "_detail"; }

// A first-night pathway read from its provisions: how many recorded ones are missing sets the level
// (`levels[n]` for n missing, the last for more). Empty when none of them is recorded.
std::optional<PathwayOutcome> pathway_from(const ReleaseDayArrangements& arrangements,
                                           std::span<const ReleaseProvision> provisions,
                                           std::span<const OutcomeLevel> levels) {
  std::size_t recorded = 0, missing = 0;
  std::string not_in_place;
  for (auto provision : provisions) {
    auto found = arrangements.provisions.find(provision);
    if (found == arrangements.provisions.end()) continue;
    ++recorded;
    if (found->second.status != ProvisionStatus::missing) continue;
    ++missing;
    not_in_place += (not_in_place.empty() ? "" : ", ") + label_of(provision);
  }
  if (recorded == 0) return std::nullopt;
  auto level = levels[std::min(missing, levels.size() - 1)];
  return PathwayOutcome{level, missing == 0 ? "In place on the day of release" : "Not in place on the day of release: " + not_in_place};
}

OutcomeLevel tonight_level(FirstNightAccommodation tonight) {
  switch (tonight) {
    case FirstNightAccommodation::settled: return OutcomeLevel::settled;
    case FirstNightAccommodation::no_fixed_abode: return OutcomeLevel::in_crisis;
    case FirstNightAccommodation::temporary:
    case FirstNightAccommodation::cas3:
    case FirstNightAccommodation::approved_premises: return OutcomeLevel::getting_by;
  }
  return OutcomeLevel::getting_by;  // unreachable: every kind is handled above
}
}  // namespace

std::span<const Coded<FirstNightAccommodation>> first_night_accommodations() { return tonight_table; }
std::span<const Coded<ReleaseProvision>> release_provisions() { return provision_table; }
std::span<const Coded<ProvisionStatus>> provision_statuses() { return status_table; }

ReleaseDayArrangements read_arrangements(FieldReader& reader) {
  ReleaseDayArrangements arrangements;
  arrangements.tonight = reader.code("tonight", Need::optional, first_night_accommodations());
  bool somewhere = arrangements.tonight && *arrangements.tonight != FirstNightAccommodation::no_fixed_abode;
  arrangements.address = reader.text("address", somewhere ? Need::required : Need::optional, address_length);
  if (!somewhere) arrangements.address.clear();  // no address to keep for no fixed abode or nothing recorded
  for (const auto& entry : release_provisions()) {
    auto detail = reader.text(detail_field(entry.value), Need::optional, detail_length);
    if (auto status = reader.code(std::string{entry.code}, Need::optional, provision_statuses()))
      arrangements.provisions[entry.value] = {*status, detail};
  }
  auto medication_given = arrangements.provisions.contains(medication) &&
                          arrangements.provisions.at(medication).status == ProvisionStatus::in_place;
  auto days = reader.integer("medication_days", medication_given ? Need::required : Need::optional, 1, max_medication_days);
  if (medication_given && days) arrangements.medication_days = static_cast<int>(*days);
  return arrangements;
}

FieldInput arrangements_fields(const ReleaseDayArrangements& arrangements) {
  FieldInput fields{{"tonight", ""}, {"address", arrangements.address}, {"medication_days", ""}};
  if (arrangements.tonight) fields["tonight"] = entry_for(first_night_accommodations(), *arrangements.tonight).code;
  if (arrangements.medication_days) fields["medication_days"] = std::to_string(*arrangements.medication_days);
  for (const auto& entry : release_provisions()) {
    auto found = arrangements.provisions.find(entry.value);
    bool recorded = found != arrangements.provisions.end();
    fields[std::string{entry.code}] = recorded ? std::string{entry_for(provision_statuses(), found->second.status).code} : "";
    fields[detail_field(entry.value)] = recorded ? found->second.detail : "";
  }
  return fields;
}

ReleaseDayRecord read_release_day_record(const FieldInput& input, Date today) {
  FieldReader reader{input};
  ReleaseDayRecord record;
  record.release = read_release_event(reader, today);
  record.arrangements = read_arrangements(reader);
  reader.throw_if_failed();
  return record;
}

ReleaseDayArrangements read_release_day_arrangements(const FieldInput& input) {
  FieldReader reader{input};
  auto arrangements = read_arrangements(reader);
  reader.throw_if_failed();
  return arrangements;
}

FieldInput prefilled_arrangements(const std::optional<PreReleaseChecklist>& checklist) {
  FieldInput fields = arrangements_fields({});
  if (!checklist) return fields;
  for (auto [provision, kind] : tracked_by_checklist) {
    auto item = std::ranges::find(checklist->items, kind, &ChecklistItem::kind);
    if (item == checklist->items.end()) continue;
    auto status = item->status == ChecklistStatus::done         ? ProvisionStatus::in_place
                  : item->status == ChecklistStatus::not_needed ? ProvisionStatus::not_needed
                                                                : ProvisionStatus::missing;
    fields[code_of(provision)] = entry_for(provision_statuses(), status).code;
    if (item->status == ChecklistStatus::not_needed) fields[detail_field(provision)] = item->reason;
  }
  return fields;
}

std::vector<ChecklistItemKind> in_place_checklist_items(const ReleaseDayArrangements& arrangements) {
  std::vector<ChecklistItemKind> kinds;
  if (arrangements.tonight && *arrangements.tonight != FirstNightAccommodation::no_fixed_abode)
    kinds.push_back(ChecklistItemKind::first_night_accommodation);
  for (auto [provision, kind] : tracked_by_checklist) {
    auto found = arrangements.provisions.find(provision);
    if (found != arrangements.provisions.end() && found->second.status == ProvisionStatus::in_place) kinds.push_back(kind);
  }
  return kinds;
}

std::vector<ReleaseDayGap> release_day_gaps(const ReleaseDayArrangements& arrangements) {
  std::vector<ReleaseDayGap> gaps;
  if (!arrangements.tonight) gaps.push_back({"tonight", "Where they stay tonight is not recorded"});
  else if (*arrangements.tonight == FirstNightAccommodation::no_fixed_abode)
    gaps.push_back({"tonight", "No fixed abode: nowhere to stay tonight"});
  for (const auto& entry : release_provisions()) {
    auto found = arrangements.provisions.find(entry.value);
    if (found == arrangements.provisions.end())
      gaps.push_back({std::string{entry.code}, std::string{entry.label} + ": not recorded"});
    else if (found->second.status == ProvisionStatus::missing)
      gaps.push_back({std::string{entry.code}, std::string{entry.label} + ": not in place"});
  }
  return gaps;
}

std::optional<OutcomeSnapshot> first_night_snapshot(const ReleaseDayRecord& record) {
  // Money and papers on the first night: all in place is getting by; one missing, struggling; more, in crisis.
  static constexpr std::array finance_provisions{id_documents, bank_account, benefits};
  static constexpr std::array finance_levels{OutcomeLevel::getting_by, OutcomeLevel::struggling, OutcomeLevel::in_crisis};
  // Health: a GP and medication in place is getting by; either missing, struggling.
  static constexpr std::array health_provisions{gp_registration, medication};
  static constexpr std::array health_levels{OutcomeLevel::getting_by, OutcomeLevel::struggling};
  const auto& arrangements = record.arrangements;
  OutcomeSnapshot snapshot;
  snapshot.person_id = record.person_id;
  snapshot.milestone = Milestone::release_first_night;
  snapshot.recorded_on = record.release.released_on;
  if (arrangements.tonight)
    snapshot.outcomes[Pathway::accommodation] = {tonight_level(*arrangements.tonight),
                                                 std::string{entry_for(first_night_accommodations(), *arrangements.tonight).label}};
  if (auto finance = pathway_from(arrangements, finance_provisions, finance_levels))
    snapshot.outcomes[Pathway::finance_benefits_debt] = *finance;
  if (auto health = pathway_from(arrangements, health_provisions, health_levels))
    snapshot.outcomes[Pathway::health] = *health;
  if (snapshot.outcomes.empty()) return std::nullopt;
  return snapshot;
}

}  // namespace resettle
