// Runs every release-date case in tests/fixtures/release_dates/*.json: each names its source, gives a
// booking in the JSON of `resettle dates`, and expects key dates (null: no such date), rules and
// reasons, or an error on a field path. Adding a case never means writing C++.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "domain/release_dates/booking_json.hpp"
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

}  // namespace
