// Unit tests of the release day record (domain/release/release_day_record.hpp).
#include "domain/release/release_day_record.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "code_table_checks.hpp"
#include "domain/errors.hpp"

using namespace resettle;
using namespace std::chrono;
using P = ReleaseProvision;
using K = ChecklistItemKind;

namespace {
const Date today = 2027y / February / 5;

FieldInput released(FieldInput more = {}) {
  more.try_emplace("released_on", "2027-02-05");
  more.try_emplace("released_at", "10:15");
  more.try_emplace("prison_code", "LEI");
  return more;
}

std::vector<std::string> fields_failing(const FieldInput& input) {
  try {
    read_release_day_record(input, today);
  } catch (const ValidationFailed& failed) {
    std::vector<std::string> fields;
    for (const auto& error : failed.errors()) fields.push_back(error.field);
    return fields;
  }
  return {};
}

std::vector<std::string> gap_fields(const ReleaseDayArrangements& arrangements) {
  std::vector<std::string> fields;
  for (const auto& gap : release_day_gaps(arrangements)) fields.push_back(gap.field);
  return fields;
}

ReleaseDayArrangements everything_in_place() {
  ReleaseDayArrangements arrangements;
  arrangements.tonight = FirstNightAccommodation::settled;
  arrangements.address = "4 Park Lane, Leeds";
  for (const auto& provision : release_provisions()) arrangements.provisions[provision.value] = {ProvisionStatus::in_place, ""};
  arrangements.medication_days = 28;
  return arrangements;
}

ReleaseDayRecord record_of(ReleaseDayArrangements arrangements) {
  ReleaseDayRecord record;
  record.person_id = 9;
  record.release = {today, "10:15", "LEI"};
  record.arrangements = std::move(arrangements);
  return record;
}
}  // namespace

TEST(ReleaseDayRecord, CodeTablesAreComplete) {
  code_checks::expect_complete_code_table(first_night_accommodations(), 5);
  code_checks::expect_complete_code_table(release_provisions(), 8);
  code_checks::expect_complete_code_table(provision_statuses(), 3);
}

TEST(ReleaseDayRecord, ReadsTheReleaseTonightAndWhatIsInPlace) {
  auto record = read_release_day_record(
      released({{"tonight", "cas3"}, {"address", "Flat 2, 10 Kirkgate, Leeds"}, {"id_documents", "in_place"},
                {"id_documents_detail", "Provisional driving licence"}, {"bank_account", "missing"},
                {"medication", "in_place"}, {"medication_days", "14"}, {"phone", "not_needed"}}),
      today);
  EXPECT_EQ(record.release, (ReleaseEvent{today, "10:15", "LEI"}));
  const auto& a = record.arrangements;
  EXPECT_EQ(a.tonight, FirstNightAccommodation::cas3);
  EXPECT_EQ(a.address, "Flat 2, 10 Kirkgate, Leeds");
  EXPECT_EQ(a.provisions.at(P::id_documents), (ProvisionRecord{ProvisionStatus::in_place, "Provisional driving licence"}));
  EXPECT_EQ(a.provisions.at(P::bank_account).status, ProvisionStatus::missing);
  EXPECT_EQ(a.provisions.at(P::phone).status, ProvisionStatus::not_needed);
  EXPECT_FALSE(a.provisions.contains(P::travel));
  EXPECT_EQ(a.medication_days, 14);
}

TEST(ReleaseDayRecord, EveryBadFieldIsNamed) {
  EXPECT_EQ(fields_failing({{"released_at", "25:00"}, {"tonight", "tent"}, {"id_documents", "maybe"}, {"medication_days", "x"}}),
            (std::vector<std::string>{"released_on", "released_at", "prison_code", "tonight", "id_documents", "medication_days"}));
}

TEST(ReleaseDayRecord, SomewhereToStayNeedsItsAddressButNoFixedAbodeHasNone) {
  EXPECT_EQ(fields_failing(released({{"tonight", "approved_premises"}})), (std::vector<std::string>{"address"}));
  auto homeless = read_release_day_record(released({{"tonight", "no_fixed_abode"}, {"address", "Anywhere"}}), today);
  EXPECT_TRUE(homeless.arrangements.address.empty());
}

TEST(ReleaseDayRecord, MedicationInPlaceSaysForHowManyDays) {
  EXPECT_EQ(fields_failing(released({{"medication", "in_place"}})), (std::vector<std::string>{"medication_days"}));
  EXPECT_EQ(fields_failing(released({{"medication", "in_place"}, {"medication_days", "0"}})),
            (std::vector<std::string>{"medication_days"}));
  EXPECT_EQ(fields_failing(released({{"medication", "in_place"}, {"medication_days", "367"}})),
            (std::vector<std::string>{"medication_days"}));
  // Days are kept only for medication in place.
  EXPECT_FALSE(read_release_day_record(released({{"medication", "missing"}, {"medication_days", "7"}}), today)
                   .arrangements.medication_days);
}

TEST(ReleaseDayRecord, FieldsRoundTrip) {
  auto arrangements = everything_in_place();
  arrangements.provisions[P::travel] = {ProvisionStatus::missing, "No travel warrant"};
  arrangements.provisions.erase(P::phone);
  EXPECT_EQ(read_release_day_arrangements(arrangements_fields(arrangements)), arrangements);
}

TEST(ReleaseDayRecord, PrefilledFromTheChecklistSoNothingIsAskedTwice) {
  EXPECT_EQ(prefilled_arrangements(std::nullopt), arrangements_fields({}));
  auto checklist = generate_checklist(2027y / February / 5, std::nullopt, 2026y / December / 1);
  for (auto& item : checklist.items) {
    if (item.kind == K::id_documents) item.status = ChecklistStatus::done;
    if (item.kind == K::bank_account) {
      item.status = ChecklistStatus::not_needed;
      item.reason = "Has an account already";
    }
  }
  auto fields = prefilled_arrangements(checklist);
  EXPECT_EQ(fields.at("id_documents"), "in_place");
  EXPECT_EQ(fields.at("bank_account"), "not_needed");
  EXPECT_EQ(fields.at("bank_account_detail"), "Has an account already");
  EXPECT_EQ(fields.at("benefits"), "missing");       // still to do on the checklist
  EXPECT_EQ(fields.at("gp_registration"), "missing");
  EXPECT_EQ(fields.at("travel"), "");                // the checklist does not track it: asked on the day
  EXPECT_EQ(fields.at("tonight"), "");
}

TEST(ReleaseDayRecord, WhatIsInPlaceMapsToTheChecklist) {
  auto arrangements = everything_in_place();
  arrangements.provisions[P::gp_registration].status = ProvisionStatus::missing;
  auto kinds = in_place_checklist_items(arrangements);
  EXPECT_EQ(kinds, (std::vector<K>{K::first_night_accommodation, K::id_documents, K::bank_account, K::benefits_claim,
                                   K::medication_on_release}));
  arrangements.tonight = FirstNightAccommodation::no_fixed_abode;
  EXPECT_EQ(std::ranges::count(in_place_checklist_items(arrangements), K::first_night_accommodation), 0);
}

TEST(ReleaseDayRecord, GapsAreWhatIsMissingOrNotRecorded) {
  EXPECT_TRUE(release_day_gaps(everything_in_place()).empty());
  auto arrangements = everything_in_place();
  arrangements.tonight = FirstNightAccommodation::no_fixed_abode;
  arrangements.provisions[P::id_documents].status = ProvisionStatus::missing;
  arrangements.provisions[P::phone].status = ProvisionStatus::not_needed;
  arrangements.provisions.erase(P::discharge_grant);
  EXPECT_EQ(gap_fields(arrangements), (std::vector<std::string>{"tonight", "id_documents", "discharge_grant"}));
  auto gaps = release_day_gaps(arrangements);
  EXPECT_EQ(gaps[1].text, "ID documents: not in place");
  EXPECT_EQ(gaps[2].text, "Discharge grant: not recorded");
  EXPECT_EQ(gap_fields({}).size(), 9u);  // nothing recorded: tonight and every provision
}

TEST(ReleaseDayRecord, FirstNightSnapshotFromTheRecord) {
  auto arrangements = everything_in_place();
  arrangements.tonight = FirstNightAccommodation::cas3;
  arrangements.provisions[P::id_documents].status = ProvisionStatus::missing;
  arrangements.provisions[P::medication].status = ProvisionStatus::missing;
  auto snapshot = first_night_snapshot(record_of(arrangements));
  ASSERT_TRUE(snapshot);
  EXPECT_EQ(snapshot->milestone, Milestone::release_first_night);
  EXPECT_EQ(snapshot->recorded_on, today);
  EXPECT_EQ(snapshot->person_id, 9);
  EXPECT_EQ(snapshot->outcomes.at(Pathway::accommodation).level, OutcomeLevel::getting_by);
  EXPECT_EQ(snapshot->outcomes.at(Pathway::finance_benefits_debt).level, OutcomeLevel::struggling);
  EXPECT_EQ(snapshot->outcomes.at(Pathway::finance_benefits_debt).detail, "Not in place on the day of release: ID documents");
  EXPECT_EQ(snapshot->outcomes.at(Pathway::health).level, OutcomeLevel::struggling);
  EXPECT_EQ(snapshot->outcomes.size(), 3u);
}

TEST(ReleaseDayRecord, FirstNightLevelsRunFromSettledToCrisis) {
  auto with = [](FirstNightAccommodation tonight) {
    auto arrangements = everything_in_place();
    arrangements.tonight = tonight;
    return first_night_snapshot(record_of(arrangements))->outcomes.at(Pathway::accommodation).level;
  };
  EXPECT_EQ(with(FirstNightAccommodation::settled), OutcomeLevel::settled);
  EXPECT_EQ(with(FirstNightAccommodation::temporary), OutcomeLevel::getting_by);
  EXPECT_EQ(with(FirstNightAccommodation::approved_premises), OutcomeLevel::getting_by);
  EXPECT_EQ(with(FirstNightAccommodation::no_fixed_abode), OutcomeLevel::in_crisis);
  auto broke = everything_in_place();
  for (auto provision : {P::id_documents, P::bank_account, P::benefits}) broke.provisions[provision].status = ProvisionStatus::missing;
  EXPECT_EQ(first_night_snapshot(record_of(broke))->outcomes.at(Pathway::finance_benefits_debt).level, OutcomeLevel::in_crisis);
  EXPECT_EQ(first_night_snapshot(record_of(everything_in_place()))->outcomes.at(Pathway::finance_benefits_debt).level,
            OutcomeLevel::getting_by);
}

TEST(ReleaseDayRecord, APathwayWithNothingRecordedIsLeftOut) {
  ReleaseDayArrangements arrangements;
  EXPECT_FALSE(first_night_snapshot(record_of(arrangements)));
  arrangements.provisions[P::gp_registration] = {ProvisionStatus::not_needed, ""};
  auto snapshot = first_night_snapshot(record_of(arrangements));
  ASSERT_TRUE(snapshot);
  EXPECT_EQ(snapshot->outcomes.size(), 1u);
  EXPECT_EQ(snapshot->outcomes.at(Pathway::health).level, OutcomeLevel::getting_by);
}
