// Unit tests of equality facts (domain/insight/equality.hpp): the questions, groups, age bands, reading the
// form with consent, and who may see them.
#include "domain/insight/equality.hpp"

#include <gtest/gtest.h>

#include <set>

#include "code_table_checks.hpp"
#include "refusal.hpp"

using namespace resettle;
using namespace std::chrono;

namespace {
const Date today{2026y / December / 7};

FieldInput complete_form() {
  FieldInput input{{"consent", "yes"}, {"consent_given_on", "2026-12-01"}};
  for (const auto& entry : characteristics())
    if (is_asked(entry.value)) input[std::string{entry.code}] = std::string{not_stated};
  input["ethnicity"] = "black_caribbean";
  input["sex"] = "female";
  return input;
}

StaffMember staff_in(Role role) {
  StaffMember staff;
  staff.role = role;
  return staff;
}
}  // namespace

TEST(EqualityFacts, CharacteristicTableIsComplete) {
  code_checks::expect_complete_code_table(characteristics(), 10);
}

TEST(EqualityFacts, EveryAskedCharacteristicOffersNotStatedAndPrefersNotToSayWithUniqueCodes) {
  for (const auto& entry : characteristics()) {
    if (!is_asked(entry.value)) {
      EXPECT_TRUE(answers_for(entry.value).empty());
      continue;
    }
    std::set<std::string_view> codes;
    for (const auto& answer : answers_for(entry.value)) codes.insert(answer.code);
    EXPECT_EQ(codes.size(), answers_for(entry.value).size()) << entry.code;
    EXPECT_TRUE(codes.contains(not_stated)) << entry.code;
    EXPECT_TRUE(codes.contains(prefers_not_to_say)) << entry.code;
    EXPECT_FALSE(question_for(entry.value).empty());
  }
}

TEST(EqualityFacts, EthnicityHasTheCensus19CategoriesInFiveGroups) {
  auto answers = answers_for(Characteristic::ethnicity);
  EXPECT_EQ(answers.size(), 19u + 2u);
  auto groups = groups_of(Characteristic::ethnicity);
  ASSERT_EQ(groups.size(), 5u + 3u);
  std::set<std::string> group_codes;
  for (const auto& group : groups) group_codes.insert(group.code);
  for (const auto& answer : answers) {
    if (answer.code != not_stated && answer.code != prefers_not_to_say) {
      EXPECT_TRUE(group_codes.contains(std::string{answer.group})) << answer.code;
    }
  }
}

TEST(EqualityFacts, GroupsEndWithTheUnknownsExceptForAgeBands) {
  auto sex = groups_of(Characteristic::sex);
  ASSERT_EQ(sex.size(), 5u);
  EXPECT_EQ(sex[0].code, "female");
  EXPECT_FALSE(sex[1].unknown);
  EXPECT_EQ(sex[2].code, not_stated);
  EXPECT_EQ(sex[3].code, prefers_not_to_say);
  EXPECT_EQ(sex[4].code, not_recorded);
  EXPECT_TRUE(sex[2].unknown && sex[3].unknown && sex[4].unknown);
  for (const auto& band : groups_of(Characteristic::age_band)) EXPECT_FALSE(band.unknown);
}

TEST(EqualityFacts, AgeBandsTurnOnTheBirthday) {
  Date born{2000y / March / 15};
  EXPECT_EQ(age_band_on(born, 2018y / March / 14), "under_18");
  EXPECT_EQ(age_band_on(born, 2018y / March / 15), "18_to_24");
  EXPECT_EQ(age_band_on(born, 2025y / March / 14), "18_to_24");
  EXPECT_EQ(age_band_on(born, 2025y / March / 15), "25_to_29");
  EXPECT_EQ(age_band_on(born, 2030y / March / 15), "30_to_39");
  EXPECT_EQ(age_band_on(born, 2059y / March / 14), "50_to_59");
  EXPECT_EQ(age_band_on(born, 2060y / March / 15), "60_and_over");
  EXPECT_EQ(age_band_on(2008y / February / 29, 2026y / February / 28), "under_18");
  EXPECT_EQ(age_band_on(2008y / February / 29, 2026y / March / 1), "18_to_24");
}

TEST(EqualityFacts, GroupCodeCountsCategoriesInTheirGroupAndNothingRecordedAsNotRecorded) {
  auto facts = read_equality_facts(complete_form(), today);
  Date born{1990y / January / 1};
  EXPECT_EQ(group_code(facts, Characteristic::ethnicity, born, today), "black");
  EXPECT_EQ(group_code(facts, Characteristic::sex, born, today), "female");
  EXPECT_EQ(group_code(facts, Characteristic::religion, born, today), not_stated);
  EXPECT_EQ(group_code(std::nullopt, Characteristic::sex, born, today), not_recorded);
  EXPECT_EQ(group_code(std::nullopt, Characteristic::age_band, born, today), "30_to_39");
}

TEST(EqualityFacts, ReadsEveryAnswerWithConsent) {
  auto facts = read_equality_facts(complete_form(), today);
  EXPECT_EQ(facts.consent_given_on, Date(2026y / December / 1));
  EXPECT_EQ(facts.answers.size(), 9u);
  EXPECT_EQ(facts.answers.at(Characteristic::ethnicity), "black_caribbean");
  facts.version = 1;
  auto fields = equality_fields(facts);
  EXPECT_EQ(fields.at("ethnicity"), "black_caribbean");
  EXPECT_EQ(fields.at("consent"), "yes");
  EXPECT_EQ(read_equality_facts(fields, today).answers, facts.answers);
}

TEST(EqualityFacts, WithoutConsentNothingIsRecorded) {
  auto input = complete_form();
  input["consent"] = "no";
  EXPECT_EQ(test_support::failed_fields([&] { read_equality_facts(input, today); }), std::vector<std::string>{"consent"});
  input.erase("consent");
  EXPECT_EQ(test_support::failed_fields([&] { read_equality_facts(input, today); }), std::vector<std::string>{"consent"});
}

TEST(EqualityFacts, NamesEveryBadField) {
  auto input = complete_form();
  input["consent_given_on"] = "2026-12-08";  // tomorrow
  input["religion"] = "pastafarian";
  input.erase("armed_forces");
  EXPECT_EQ(test_support::failed_fields([&] { read_equality_facts(input, today); }),
            (std::vector<std::string>{"consent_given_on", "religion", "armed_forces"}));
}

TEST(EqualityFacts, SeenOnlyByTheCasesOffenderManagersAndManagers) {
  EXPECT_TRUE(may_see_equality_facts(staff_in(Role::manager), true, false));
  EXPECT_TRUE(may_see_equality_facts(staff_in(Role::com), true, true));
  EXPECT_TRUE(may_see_equality_facts(staff_in(Role::pom), true, true));
  EXPECT_FALSE(may_see_equality_facts(staff_in(Role::com), true, false));
  EXPECT_FALSE(may_see_equality_facts(staff_in(Role::manager), false, false));
  for (auto role : {Role::key_worker, Role::pre_release, Role::partner, Role::admin})
    EXPECT_FALSE(may_see_equality_facts(staff_in(role), true, true)) << role_code(role);
}
