// Unit tests of responsibility and handover (domain/responsibility/handover.hpp).
#include "domain/responsibility/handover.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "source_tree.hpp"

using namespace resettle;

namespace {

Date day(const char* text) { return parse_iso_date(text).value(); }

// The handover rules as data: one case per file in tests/fixtures/handover, each with its source
// in domain.md, the facts, and either every output expected or the errors expected.
const std::filesystem::path fixture_folder = source_tree() / "tests/fixtures/handover";

// The case names (file stems), sorted.
std::vector<std::string> fixture_files() {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(fixture_folder))
    if (entry.path().extension() == ".json") files.push_back(entry.path().stem().string());
  std::ranges::sort(files);
  return files;
}

nlohmann::json read_fixture(const std::string& name) {
  std::ifstream file{fixture_folder / (name + ".json")};
  return nlohmann::json::parse(file);
}

// JSON values as the text a form would send (null: not known).
FieldInput fields_of(const nlohmann::json& object) {
  FieldInput fields;
  for (const auto& [name, value] : object.items())
    if (!value.is_null()) fields[name] = value.is_string() ? value.get<std::string>() : value.dump();
  return fields;
}

nlohmann::json date_or_null(const std::optional<Date>& date) {
  return date ? nlohmann::json(to_iso(*date)) : nlohmann::json(nullptr);
}

nlohmann::json outputs_of(const ResponsibilityDecision& decision) {
  return {{"responsibility", entry_for(responsibilities(), decision.responsibility).code},
          {"com_allocated_date", date_or_null(decision.com_allocated_date)},
          {"handover_date", date_or_null(decision.handover_date)},
          {"reason", entry_for(handover_reasons(), decision.reason).code},
          {"release_date_used", date_or_null(decision.release_date_used)},
          {"pom_type", entry_for(pom_types(), decision.pom_type).code}};
}

nlohmann::json errors_of(const ValidationFailed& failure) {
  auto errors = nlohmann::json::array();
  for (const auto& error : failure.errors()) errors.push_back({{"field", error.field}, {"message", error.message}});
  return errors;
}

class HandoverFixtures : public ::testing::TestWithParam<std::string> {};

TEST_P(HandoverFixtures, GiveTheExpectedDecision) {
  auto fixture = read_fixture(GetParam());
  ASSERT_TRUE(fixture.contains("source")) << "every case names where its rule comes from";
  ASSERT_NE(fixture.contains("expected"), fixture.contains("expected_errors")) << "expected outputs or errors, not both";
  try {
    auto decision = decide_responsibility(read_responsibility_facts(fields_of(fixture.at("input"))));
    ASSERT_TRUE(fixture.contains("expected")) << "expected errors, got " << outputs_of(decision).dump();
    EXPECT_EQ(outputs_of(decision), fixture["expected"]);
  } catch (const ValidationFailed& failure) {
    ASSERT_TRUE(fixture.contains("expected_errors")) << "unexpected errors " << errors_of(failure).dump();
    EXPECT_EQ(errors_of(failure), fixture["expected_errors"]);
  }
}

INSTANTIATE_TEST_SUITE_P(Fixtures, HandoverFixtures, ::testing::ValuesIn(fixture_files()),
                         [](const auto& info) { return info.param; });

TEST(HandoverFixtureFiles, AreThere) { EXPECT_GE(fixture_files().size(), 57u); }

TEST(Responsibility, BirthdaysAtAge) {
  EXPECT_EQ(birthday_at_age(day("2007-06-01"), 18), day("2025-06-01"));
  EXPECT_EQ(birthday_at_age(day("2008-02-29"), 18), day("2026-03-01"));
  EXPECT_EQ(birthday_at_age(day("2008-02-29"), 16), day("2024-02-29"));
  EXPECT_EQ(birthday_at_age(day("2007-12-31"), 18), day("2025-12-31"));
}

TEST(Responsibility, SentenceFactsComeFromTheSentenceAndItsKeyDates) {
  Sentence sentence;
  sentence.start_date = day("2024-01-01");
  sentence.length_days = 1000;
  sentence.recall = true;
  sentence.target_hearing_date = day("2026-01-01");
  sentence.last_parole_outcome_release = true;
  sentence.supplied.parole_eligibility_date = day("2025-05-05");
  auto dates = compute_key_dates(sentence);
  ResponsibilityFacts facts;
  add_sentence_facts(facts, sentence, dates);
  EXPECT_EQ(facts.sentence_start_date, day("2024-01-01"));
  EXPECT_EQ(facts.conditional_release_date, dates.date(KeyDateKind::conditional_release));
  EXPECT_EQ(facts.parole_eligibility_date, day("2025-05-05"));
  EXPECT_TRUE(facts.recall);
  EXPECT_TRUE(facts.last_parole_outcome_release);
  EXPECT_EQ(facts.target_hearing_date, day("2026-01-01"));
}

TEST(Responsibility, EveryCodeListHasOneRowPerValueInOrder) {
  auto check = [](auto list, std::size_t size) {
    ASSERT_EQ(list.size(), size);
    for (std::size_t index = 0; index < list.size(); ++index) {
      EXPECT_EQ(static_cast<std::size_t>(list[index].value), index);
      EXPECT_FALSE(list[index].label.empty());
    }
  };
  check(responsibilities(), 4);
  check(pom_types(), 2);
  check(tiers(), 4);
  check(manual_responsibilities(), 2);
  check(handover_reasons(), 17);
  EXPECT_EQ(parse_code(tiers(), "B"), Tier::b);
  EXPECT_EQ(parse_code(responsibilities(), "pom_with_com"), Responsibility::pom_with_com);
}

}  // namespace
