// Runs every release-date case in tests/fixtures/release_dates/*.json: each names its source, gives a
// booking in the JSON of `resettle dates`, and expects key dates (null: no such date), rules and
// reasons, or an error on a field path. Adding a case never means writing C++.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "domain/release_dates/booking_json.hpp"
#include "domain/release_dates/release_rules.hpp"
#include "source_tree.hpp"

using namespace resettle;
using nlohmann::json;

namespace {

struct Case {
  std::string name;  // file stem and case name
  json body;
};
void PrintTo(const Case& c, std::ostream* out) { *out << c.name; }

std::vector<Case> cases_in(const char* folder) {
  std::vector<Case> cases;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(source_tree() / folder)) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    std::ifstream in{file};
    auto document = json::parse(in);
    for (const auto& body : document.at("cases"))
      cases.push_back({file.stem().string() + "_" + body.at("name").get<std::string>(), body});
  }
  return cases;
}

class ReleaseDateCases : public ::testing::TestWithParam<Case> {};

TEST_P(ReleaseDateCases, MatchTheLaw) {
  const auto& body = GetParam().body;
  ASSERT_TRUE(body.contains("source")) << "every case names its source";
  if (body.contains("expected_error")) {
    const auto& expected = body["expected_error"];
    try {
      auto request = read_calculation_request(body.at("booking"));
      calculate_release_dates(request);
      FAIL() << "expected an error on " << expected.dump();
    } catch (const CannotCalculate& failure) {
      EXPECT_EQ(failure.errors().front().field, expected.at("field").get<std::string>());
      if (expected.contains("code")) { EXPECT_EQ(failure.code(), expected["code"].get<std::string>()); }
    } catch (const ValidationFailed& failure) {
      EXPECT_FALSE(expected.contains("code")) << "a coded error was expected, not bad input";
      std::vector<std::string> fields;
      for (const auto& error : failure.errors()) fields.push_back(error.field);
      EXPECT_NE(std::find(fields.begin(), fields.end(), expected.at("field").get<std::string>()), fields.end())
          << "fields with errors: " << json(fields).dump();
    }
    return;
  }
  auto result = calculate_release_dates(read_calculation_request(body.at("booking")));
  auto dates = key_dates_json(result);
  for (const auto& [kind, expected] : body.at("expected").items()) {
    ASSERT_TRUE(dates.contains(kind)) << kind << " is not a key date";
    const auto& actual = dates[kind];
    if (expected.is_null()) {
      EXPECT_TRUE(actual.is_null()) << kind << " should be absent, is " << actual.dump();
      continue;
    }
    ASSERT_FALSE(actual.is_null()) << kind << " is missing";
    if (expected.is_string()) {
      EXPECT_EQ(actual["date"], expected) << kind << ": " << actual.dump();
      continue;
    }
    if (expected.contains("date")) { EXPECT_EQ(actual["date"], expected["date"]) << kind << ": " << actual.dump(); }
    if (expected.contains("rule")) { EXPECT_EQ(actual["rule_code"], expected["rule"]) << kind; }
    if (expected.contains("source")) { EXPECT_EQ(actual["source"], expected["source"]) << kind; }
    if (expected.contains("explanation_contains")) {
      EXPECT_NE(actual["explanation"].get<std::string>().find(expected["explanation_contains"].get<std::string>()),
                std::string::npos)
          << actual["explanation"];
    }
  }
  auto length = effective_sentence_length_json(result);
  for (auto field : {"effective_sentence_length_days", "regime", "regime_reason"}) {
    if (!body.contains(field)) continue;
    std::string key = std::string{field} == "effective_sentence_length_days" ? "days" : field;
    EXPECT_EQ(length[key], body[field]) << field;
  }
}

struct CaseName {
  std::string operator()(const ::testing::TestParamInfo<Case>& info) const {
    std::string name = info.param.name;
    for (auto& c : name)
      if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
    return name;
  }
};

INSTANTIATE_TEST_SUITE_P(Fixtures, ReleaseDateCases, ::testing::ValuesIn(cases_in("tests/fixtures/release_dates")), CaseName{});

// --- Every date of effect on both sides -----------------------------------------------------------

// A date the law changed on, named as a case names it in "date_of_effect.edges": "<measure>.from" and
// "<measure>.until" for the rows of release_rules(), "<measure>.tranche.<date>" for the tranche tables.
struct DateOfEffect {
  std::string edge;
  Date on;
  JudgedBy judged_by;
};

std::vector<DateOfEffect> dates_of_effect() {
  std::vector<DateOfEffect> dates;
  for (const auto& rule : release_rules()) {
    std::string measure{entry_for(law_measures(), rule.measure).code};
    dates.push_back({measure + ".from", rule.from, rule.judged_by});
    if (rule.until) dates.push_back({measure + ".until", *rule.until, rule.judged_by});
  }
  for (auto [measure, tranches] : {std::pair{LawMeasure::sds40, sds40_tranches()},
                                   std::pair{LawMeasure::progression_model, progression_tranches()}}) {
    std::string code{entry_for(law_measures(), measure).code};
    for (const auto& tranche : tranches)
      dates.push_back({code + ".tranche." + to_iso(tranche.commences), tranche.commences, JudgedBy::release_date});
  }
  return dates;
}

// Each case marked with the dates of effect it stands beside: "day_before" or "day_of", and the date of
// the case the law judges it by ("judged_on"), which appears in the case's booking or expected dates
// unless it is an HDC eligibility the case does not reach.
TEST(DatesOfEffect, EveryRowOfTheRuleTablesIsTestedTheDayBeforeAndTheDayOf) {
  std::map<std::string, std::set<std::string>> sides;  // edge -> sides tested
  auto all = dates_of_effect();
  for (const auto& c : cases_in("tests/fixtures/release_dates")) {
    if (!c.body.contains("date_of_effect")) continue;
    const auto& marked = c.body["date_of_effect"];
    auto side = marked.at("side").get<std::string>();
    auto judged_on = parse_iso_date(marked.at("judged_on").get<std::string>());
    ASSERT_TRUE(judged_on) << c.name;
    ASSERT_TRUE(side == "day_before" || side == "day_of") << c.name << ": " << side;
    for (const auto& edge : marked.at("edges")) {
      auto found = std::find_if(all.begin(), all.end(), [&](const DateOfEffect& d) { return d.edge == edge.get<std::string>(); });
      ASSERT_NE(found, all.end()) << c.name << " names no date of effect: " << edge;
      EXPECT_EQ(*judged_on, side == "day_of" ? found->on : add_days(found->on, -1)) << c.name << " beside " << edge;
      if (found->judged_by != JudgedBy::eligibility_date) {
        auto text = c.body.at("booking").dump() + c.body.at("expected").dump();
        EXPECT_NE(text.find(to_iso(*judged_on)), std::string::npos) << c.name << ": the date judged is not in the case";
      }
      sides[found->edge].insert(side);
    }
  }
  for (const auto& date : all) {
    EXPECT_TRUE(sides[date.edge].contains("day_before")) << date.edge << " (" << to_iso(date.on) << ") has no case the day before";
    EXPECT_TRUE(sides[date.edge].contains("day_of")) << date.edge << " (" << to_iso(date.on) << ") has no case on the day";
  }
}

}  // namespace
