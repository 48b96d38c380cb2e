// The licence: drafting with justified conditions, the status machine, the working-day warnings
// before release, and variations with what changed and whose understanding must be asked again.
#include "domain/licence/licence.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

#include "code_table_checks.hpp"
#include "domain/errors.hpp"
#include "domain/licence/licence_approval.hpp"
#include "domain/licence/licence_status.hpp"
#include "source_tree.hpp"

using namespace resettle;
using namespace std::chrono;

namespace {

std::string read_file(const std::filesystem::path& path) {
  std::ifstream file{path};
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

const ConditionCatalogue& policy() {
  static const ConditionCatalogues loaded = [] {
    std::vector<std::string> texts;
    for (const auto& entry : std::filesystem::directory_iterator(source_tree() / "data/licence-conditions"))
      texts.push_back(read_file(entry.path()));
    return ConditionCatalogues::from_json(texts);
  }();
  return loaded.version("2026-1");
}

const BankHolidays& england_and_wales() {
  static const BankHolidays holidays = BankHolidays::from_json(read_file(source_tree() / "data/bank-holidays-england-and-wales.json"));
  return holidays;
}

constexpr std::int64_t com = 7, manager = 9, other_manager = 11;

FieldInput curfew_fields() {
  return {{"code", "curfew_address"},
          {"purpose", "risk_to_known_adult"},
          {"reason", "Evenings are when the offences happened (plan: attitudes, thinking and behaviour)"},
          {"inputs.address", "3 Ffordd y Môr, Bangor LL57 1AA"},
          {"inputs.hours", "19:00-07:00"}};
}

Licence drafted_with_curfew() {
  Licence licence = draft_licence(42, policy(), com);
  add_condition(licence, read_condition(curfew_fields(), policy()));
  return licence;
}

Licence active_licence() {
  Licence licence = drafted_with_curfew();
  licence.id = 100;
  submit(licence, nullptr);
  approve(licence, manager, Date{2026y / December / 1});
  activate(licence, Date{2026y / December / 8});
  return licence;
}

std::vector<FieldError> errors_of(const std::function<void()>& call) {
  try {
    call();
  } catch (const ValidationFailed& failed) {
    return failed.errors();
  }
  return {};
}

}  // namespace

TEST(LicenceCodes, TablesAreComplete) {
  code_checks::expect_complete_code_table(licence_statuses(), 6);
  code_checks::expect_complete_code_table(condition_purposes(), 11);
  code_checks::expect_complete_code_table(understood_answers(), 3);
  code_checks::expect_complete_code_table(licence_warnings(), 3);
  code_checks::expect_complete_code_table(change_kinds(), 3);
}

TEST(LicenceDraft, StartsWithEveryStandardConditionOfItsPolicyVersion) {
  Licence licence = draft_licence(42, policy(), com);
  EXPECT_EQ(licence.status, LicenceStatus::draft);
  EXPECT_EQ(licence.policy_version, "2026-1");
  ASSERT_EQ(licence.conditions.size(), 8u);
  EXPECT_EQ(licence.conditions[0].code, "good_behaviour");
  EXPECT_EQ(licence.conditions[7].key, 8);
  EXPECT_THROW(remove_condition(licence, 1), ValidationFailed);
}

TEST(LicenceDraft, AnAdditionalConditionIsReadWithItsTypedInputsAndItsReason) {
  Licence licence = drafted_with_curfew();
  ASSERT_EQ(licence.conditions.size(), 9u);
  const auto& curfew = licence.conditions.back();
  EXPECT_EQ(curfew.kind, ConditionKind::additional);
  EXPECT_EQ(curfew.purpose, ConditionPurpose::risk_to_known_adult);
  EXPECT_EQ(curfew.values.at("hours"), "19:00-07:00");
  auto rendered = render(curfew, policy());
  EXPECT_EQ(rendered.category, "curfew");
  EXPECT_EQ(rendered.wording, "To stay at 3 Ffordd y Môr, Bangor LL57 1AA between 19:00 and 07:00 each day, unless the supervising officer approves otherwise.");
  EXPECT_NE(rendered.explanation.cy.find("rhwng 19:00 a 07:00"), std::string::npos);
}

TEST(LicenceDraft, AConditionWithoutItsReasonOrInputsIsRefusedNamingEachField) {
  FieldInput bad = curfew_fields();
  bad.erase("reason");
  bad.erase("purpose");
  bad["inputs.hours"] = "25:00-07:00";
  auto errors = errors_of([&] { read_condition(bad, policy()); });
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0].field, "purpose");
  EXPECT_EQ(errors[1].field, "reason");
  EXPECT_EQ(errors[2].field, "inputs.hours");
  EXPECT_EQ(errors[2].message, "start must be a time of day from 00:00 to 23:59, like 19:30");
}

TEST(LicenceDraft, AnUnknownOrStandardCodeIsRefused) {
  FieldInput unknown = curfew_fields();
  unknown["code"] = "no_such_condition";
  auto errors = errors_of([&] { read_condition(unknown, policy()); });
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "code");
  EXPECT_EQ(errors[0].message, "is not an additional condition of the 2026-1 policy");
  unknown["code"] = "good_behaviour";
  EXPECT_EQ(errors_of([&] { read_condition(unknown, policy()); }).at(0).field, "code");
}

TEST(LicenceDraft, BespokeWordingNeedsBothLanguagesAndIsFlaggedForApproval) {
  FieldInput bespoke{{"kind", "bespoke"},
                     {"purpose", "risk_to_children"},
                     {"reason", "MAPPA panel asked for it"},
                     {"bespoke_wording", "Not to attend any place of worship without approval."},
                     {"bespoke_explanation_en", "Ask before going to a place of worship."},
                     {"bespoke_explanation_cy", "Ask before going to a place of worship."}};
  auto errors = errors_of([&] { read_condition(bespoke, policy()); });
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "bespoke_explanation_cy");
  bespoke["bespoke_explanation_cy"] = "Gofynnwch cyn mynd i addoldy.";
  Licence licence = draft_licence(42, policy(), com);
  add_condition(licence, read_condition(bespoke, policy()));
  auto flagged = flagged_for_approval(licence);
  ASSERT_EQ(flagged.size(), 1u);
  EXPECT_EQ(flagged[0]->code, "bespoke");
  EXPECT_EQ(render(*flagged[0], policy()).explanation.cy, "Gofynnwch cyn mynd i addoldy.");
}

TEST(LicenceStatusMachine, DraftSubmittedApprovedActiveInactive) {
  Licence licence = drafted_with_curfew();
  submit(licence, nullptr);
  EXPECT_EQ(licence.status, LicenceStatus::submitted);
  approve(licence, manager, Date{2026y / December / 1});
  EXPECT_EQ(licence.status, LicenceStatus::approved);
  EXPECT_EQ(licence.decided_by, manager);
  EXPECT_EQ(licence.approved_on, Date{2026y / December / 1});
  activate(licence, Date{2026y / December / 8});
  EXPECT_EQ(licence.status, LicenceStatus::active);
  EXPECT_EQ(licence.active_from, Date{2026y / December / 8});
  deactivate(licence, Date{2027y / June / 8});
  EXPECT_EQ(licence.status, LicenceStatus::inactive);
  EXPECT_EQ(licence.inactive_from, Date{2027y / June / 8});
}

TEST(LicenceStatusMachine, ApprovedInForceAndEndedLicencesAreApproved) {
  for (const auto& status : licence_statuses())
    EXPECT_EQ(is_approved(status.value), status.value == LicenceStatus::approved || status.value == LicenceStatus::active ||
                                             status.value == LicenceStatus::inactive)
        << status.code;
}

TEST(LicenceConditions, OnlyBespokeWordingIsFlaggedForTheManager) {
  for (const auto& kind : condition_kinds()) {
    LicenceCondition condition;
    condition.kind = kind.value;
    EXPECT_EQ(needs_manager_check(condition), kind.value == ConditionKind::bespoke) << kind.code;
  }
}

TEST(LicenceStatusMachine, TheDrafterCannotApprove) {
  Licence licence = drafted_with_curfew();
  submit(licence, nullptr);
  auto errors = errors_of([&] { approve(licence, com, Date{2026y / December / 1}); });
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "decision");
  EXPECT_EQ(licence.status, LicenceStatus::submitted);
}

TEST(LicenceStatusMachine, ReturnedWithAReasonThenResubmitted) {
  Licence licence = drafted_with_curfew();
  submit(licence, nullptr);
  EXPECT_EQ(errors_of([&] { return_licence(licence, manager, "  "); }).at(0).field, "return_reason");
  return_licence(licence, manager, "The curfew hours are longer than the risk needs");
  EXPECT_EQ(licence.status, LicenceStatus::returned);
  EXPECT_EQ(licence.return_reason, "The curfew hours are longer than the risk needs");
  replace_condition(licence, 9, read_condition(curfew_fields(), policy()));
  EXPECT_EQ(licence.status, LicenceStatus::returned);
  submit(licence, nullptr);
  approve(licence, other_manager, Date{2026y / December / 2});
  EXPECT_TRUE(licence.return_reason.empty());
}

TEST(LicenceStatusMachine, MovesOutOfTurnAreConflicts) {
  Licence licence = drafted_with_curfew();
  EXPECT_THROW(approve(licence, manager, Date{2026y / December / 1}), Conflict);
  EXPECT_THROW(return_licence(licence, manager, "why"), Conflict);
  EXPECT_THROW(activate(licence, Date{2026y / December / 8}), Conflict);
  EXPECT_THROW(deactivate(licence, Date{2026y / December / 8}), Conflict);
  submit(licence, nullptr);
  EXPECT_THROW(submit(licence, nullptr), Conflict);
  EXPECT_THROW(add_condition(licence, read_condition(curfew_fields(), policy())), Conflict);
  approve(licence, manager, Date{2026y / December / 1});
  activate(licence, Date{2026y / December / 8});
  EXPECT_THROW(remove_condition(licence, 9), Conflict);
}

TEST(LicenceStatusMachine, ChangingAnApprovedLicenceSendsItBackToDraft) {
  Licence licence = drafted_with_curfew();
  submit(licence, nullptr);
  approve(licence, manager, Date{2026y / December / 1});
  remove_condition(licence, 9);
  EXPECT_EQ(licence.status, LicenceStatus::draft);
  EXPECT_FALSE(licence.approved_on);
  EXPECT_EQ(licence.conditions.size(), 8u);
}

// The moves each status opens to a drafter (D) and a decider (M), as the pages offer them.
TEST(LicenceActions, EachStatusOpensItsMovesToWhoMayMakeThem) {
  struct Open {
    LicenceStatus status;
    LicenceActions to_both;  // as if the member of staff may draft and decide
  };
  const Open table[] = {
      {LicenceStatus::draft, {.change_conditions = true, .submit = true}},
      {LicenceStatus::submitted, {.decide = true}},
      {LicenceStatus::returned, {.change_conditions = true, .submit = true}},
      {LicenceStatus::approved, {.change_conditions = true, .activate = true, .record_understanding = true}},
      {LicenceStatus::active, {.vary = true, .record_understanding = true}},
      {LicenceStatus::inactive, {}},
  };
  ASSERT_EQ(std::size(table), licence_statuses().size());
  for (const auto& [status, to_both] : table)
    for (bool variation : {false, true})
      for (bool may_draft : {false, true})
        for (bool may_decide : {false, true}) {
          Licence licence = drafted_with_curfew();
          licence.status = status;
          if (variation) licence.varies = 1;
          LicenceActions expected{.change_conditions = may_draft && to_both.change_conditions,
                                  .submit = may_draft && to_both.submit,
                                  .decide = may_decide && to_both.decide,
                                  .activate = may_draft && to_both.activate && !variation,  // a variation is active once approved
                                  .vary = may_draft && to_both.vary,
                                  .record_understanding = may_draft && to_both.record_understanding};
          EXPECT_EQ(licence_actions(licence, may_draft, may_decide), expected)
              << entry_for(licence_statuses(), status).code << (variation ? " variation" : "")
              << " may_draft=" << may_draft << " may_decide=" << may_decide;
        }
}

TEST(LicenceWarnings, DeadlinesAreCountedInWorkingDaysWithBankHolidays) {
  // Release Tuesday 29 December 2026: Christmas Day (Friday) and the Boxing Day substitute
  // (Monday 28th) are not working days.
  auto deadlines = licence_deadlines(Date{2026y / December / 29}, england_and_wales());
  EXPECT_EQ(deadlines.last_day_to_approve, Date{2026y / December / 23});
  EXPECT_EQ(deadlines.warn_from, Date{2026y / December / 18});
  // Release on a Monday with no holidays: back over the weekend.
  deadlines = licence_deadlines(Date{2027y / March / 15}, england_and_wales());
  EXPECT_EQ(deadlines.warn_from, Date{2027y / March / 8});
  EXPECT_EQ(deadlines.last_day_to_approve, Date{2027y / March / 11});
}

TEST(LicenceWarnings, NoApprovedLicenceFiveWorkingDaysBeforeRelease) {
  Date release{2026y / December / 29};
  const auto& holidays = england_and_wales();
  EXPECT_EQ(licence_warning(std::nullopt, release, Date{2026y / December / 17}, holidays), LicenceWarning::none);
  EXPECT_EQ(licence_warning(std::nullopt, release, Date{2026y / December / 18}, holidays), LicenceWarning::not_approved);
  EXPECT_EQ(licence_warning(LicenceStatus::submitted, release, Date{2026y / December / 23}, holidays), LicenceWarning::not_approved);
  EXPECT_EQ(licence_warning(LicenceStatus::submitted, release, Date{2026y / December / 24}, holidays), LicenceWarning::approval_overdue);
  EXPECT_EQ(licence_warning(LicenceStatus::draft, release, Date{2026y / December / 29}, holidays), LicenceWarning::approval_overdue);
  EXPECT_EQ(licence_warning(LicenceStatus::approved, release, Date{2026y / December / 24}, holidays), LicenceWarning::none);
  EXPECT_EQ(licence_warning(LicenceStatus::active, release, Date{2026y / December / 29}, holidays), LicenceWarning::none);
}

TEST(LicenceVariation, OnlyAnActiveLicenceCanBeVaried) {
  Licence draft = drafted_with_curfew();
  EXPECT_THROW(draft_variation(draft, com), Conflict);
  Licence variation = draft_variation(active_licence(), com);
  EXPECT_EQ(variation.number, 2);
  EXPECT_EQ(variation.varies, 100);
  EXPECT_EQ(variation.status, LicenceStatus::draft);
  EXPECT_EQ(variation.policy_version, "2026-1");
}

TEST(LicenceVariation, ChangesBetweenVersionsAreAddedChangedOrRemoved) {
  Licence before = active_licence();
  Licence after = draft_variation(before, com);
  FieldInput later_curfew = curfew_fields();
  later_curfew["inputs.hours"] = "21:00-06:00";
  replace_condition(after, 9, read_condition(later_curfew, policy()));
  add_condition(after, read_condition({{"code", "notify_relationship"}, {"purpose", "risk_to_known_adult"}, {"reason", "New partner"}}, policy()));
  auto changes = changes_between(before, after);
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].kind, ChangeKind::changed);
  EXPECT_EQ(changes[0].key, 9);
  EXPECT_EQ(changes[1].kind, ChangeKind::added);
  EXPECT_EQ(changes[1].code, "notify_relationship");
  remove_condition(after, 10);
  remove_condition(after, 9);
  changes = changes_between(before, after);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].kind, ChangeKind::removed);
}

TEST(LicenceVariation, EachChangeNeedsAReasonAndAVariationMustChangeSomething) {
  Licence before = active_licence();
  Licence after = draft_variation(before, com);
  EXPECT_EQ(errors_of([&] { submit(after, &before); }).at(0).field, "conditions");
  remove_condition(after, 9);
  auto errors = errors_of([&] { submit(after, &before); });
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "reasons.9");
  EXPECT_EQ(errors[0].message, "Give the reason this condition was removed");
  after.variation = read_variation_record({{"senior_probation_officer_discussed", "yes"},
                                           {"victim_liaison_officer_consulted", "no"},
                                           {"reasons.9", "Settled at home for three months with no concerns"}});
  submit(after, &before);
  EXPECT_TRUE(after.variation.senior_probation_officer_discussed);
  EXPECT_FALSE(after.variation.victim_liaison_officer_consulted);
  approve(after, manager, Date{2027y / March / 1});
  EXPECT_EQ(after.status, LicenceStatus::active) << "a variation is in force once approved";
  EXPECT_EQ(after.active_from, Date{2027y / March / 1});
}

TEST(LicenceVariation, TheConsultationRecordNeedsBothAnswers) {
  auto errors = errors_of([] { read_variation_record({{"reasons.x", "because"}}); });
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0].field, "senior_probation_officer_discussed");
  EXPECT_EQ(errors[1].field, "victim_liaison_officer_consulted");
  EXPECT_EQ(errors[2].field, "reasons.x");
}

TEST(LicenceUnderstanding, ChangedConditionsMustBeExplainedAgain) {
  Licence before = active_licence();
  for (const auto& condition : std::vector<LicenceCondition>{before.conditions})
    record_understanding(before, condition.key, read_understanding({{"understood", "yes"}}, Date{2026y / December / 8}));
  EXPECT_TRUE(not_yet_explained(before).empty());
  Licence after = draft_variation(before, com);
  FieldInput later_curfew = curfew_fields();
  later_curfew["inputs.hours"] = "21:00-06:00";
  replace_condition(after, 9, read_condition(later_curfew, policy()));
  EXPECT_EQ(not_yet_explained(after), std::vector<int>{9});
  replace_condition(after, 9, read_condition(curfew_fields(), policy()));
  EXPECT_EQ(not_yet_explained(after), std::vector<int>{9}) << "once changed, the earlier answer is gone";
}

TEST(LicenceUnderstanding, AnythingShortOfYesNeedsNotes) {
  auto errors = errors_of([] { read_understanding({{"understood", "partly"}}, Date{2026y / December / 8}); });
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "notes");
  Licence draft = drafted_with_curfew();
  EXPECT_THROW(record_understanding(draft, 1, {}), Conflict);
  Licence active = active_licence();
  EXPECT_THROW(record_understanding(active, 99, {}), NotFound);
}

TEST(LicenceAcknowledgement, OnlyOnceEveryConditionHasBeenGoneThrough) {
  Licence licence = active_licence();
  EXPECT_FALSE(awaits_acknowledgement(licence));
  try {
    acknowledge(licence, Date{2026y / December / 8});
    FAIL() << "acknowledged with every condition still to go through";
  } catch (const Conflict& conflict) {
    EXPECT_NE(std::string{conflict.what()}.find("conditions 1, 2"), std::string::npos) << conflict.what();
  }
  for (auto key : not_yet_explained(licence))
    if (key != 9) record_understanding(licence, key, {Date{2026y / December / 8}, Understood::yes, ""});
  EXPECT_THROW(acknowledge(licence, Date{2026y / December / 8}), Conflict) << "condition 9 is still to go through";
  record_understanding(licence, 9, {Date{2026y / December / 8}, Understood::partly, "Went through the hours twice"});
  EXPECT_TRUE(awaits_acknowledgement(licence));
  EXPECT_TRUE(licence_actions(licence, true, false).acknowledge);
  EXPECT_FALSE(licence_actions(licence, false, true).acknowledge) << "only those who may draft take it";
  EXPECT_FALSE(is_explained(licence));
  acknowledge(licence, Date{2026y / December / 8});
  EXPECT_EQ(licence.acknowledged_on, Date{2026y / December / 8});
  EXPECT_THROW(acknowledge(licence, Date{2026y / December / 9}), Conflict) << "once";
  EXPECT_TRUE(is_explained(licence));
  EXPECT_FALSE(awaits_acknowledgement(licence));
}

TEST(LicenceAcknowledgement, NotOfADraftAndNotCarriedIntoAVariation) {
  Licence draft = drafted_with_curfew();
  EXPECT_FALSE(awaits_acknowledgement(draft));
  EXPECT_THROW(acknowledge(draft, Date{2026y / December / 8}), Conflict);
  Licence licence = active_licence();
  for (auto key : not_yet_explained(licence)) record_understanding(licence, key, {Date{2026y / December / 8}, Understood::yes, ""});
  acknowledge(licence, Date{2026y / December / 8});
  Licence variation = draft_variation(licence, com);
  EXPECT_FALSE(variation.acknowledged_on);
  EXPECT_FALSE(is_explained(variation));
  EXPECT_TRUE(not_yet_explained(variation).empty()) << "unchanged conditions keep what the person said";
}
