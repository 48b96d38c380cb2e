// Unit tests of the `resettle dates` use case (services/release_dates/key_dates_batch.hpp).
#include "services/release_dates/key_dates_batch.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "domain/errors.hpp"
#include "domain/release_dates/key_dates.hpp"
#include "source_tree.hpp"

using namespace resettle;
using nlohmann::json;

namespace {

const BankHolidays& holidays() {
  static const BankHolidays loaded =
      services::load_bank_holidays((source_tree() / "data/bank-holidays-england-and-wales.json").string());
  return loaded;
}

std::vector<json> run(const std::string& input, services::DatesBatchSummary* summary = nullptr) {
  std::istringstream in{input};
  std::ostringstream out;
  auto result = services::run_dates_batch(in, out, holidays());
  if (summary) *summary = result;
  std::vector<json> lines;
  std::istringstream written{out.str()};
  for (std::string line; std::getline(written, line);) lines.push_back(json::parse(line));
  return lines;
}

json answer(const std::string& line) { return services::dates_for_line(line, 7, holidays()); }

TEST(DatesBatch, AnswersEveryFieldForAComputedSentence) {
  auto out = answer(R"({"today": "2024-06-01", "date_of_birth": "1990-01-01", "sentence_start_date": "2024-01-01",
                        "sentence_length_days": 366, "tier": "B"})");
  EXPECT_EQ(out["line"], 7);
  EXPECT_EQ(out["responsibility"], "com");
  EXPECT_EQ(out["com_allocated_date"], nullptr);  // a short sentence has no handover dates
  EXPECT_EQ(out["handover_date"], nullptr);
  EXPECT_EQ(out["reason_code"], "short_sentence");
  EXPECT_EQ(out["reason"], "Release within 10 months of sentence: the community offender manager is responsible from the "
                           "start, so there is no handover");
  EXPECT_EQ(out["pom_type"], "prison");  // the COM is responsible, so a prison-officer POM whatever the tier
  EXPECT_EQ(out["release_date_used"], "2024-07-01");
  const auto& crd = out["key_dates"]["conditional_release_date"];
  EXPECT_EQ(crd["date"], "2024-07-01");
  EXPECT_EQ(crd["source"], "computed");
  EXPECT_EQ(crd["rule_code"], "halfway");
  EXPECT_EQ(crd["rule"], "Halfway point of the sentence");
  EXPECT_EQ(out["key_dates"]["sentence_and_licence_expiry_date"]["date"], "2024-12-31");
  EXPECT_EQ(out["key_dates"]["top_up_supervision_expiry_date"]["date"], "2025-07-01");
  EXPECT_EQ(out["key_dates"]["home_detention_curfew_eligibility_date"]["date"], "2024-04-02");  // the day after the quarter is served
  EXPECT_TRUE(out["key_dates"]["parole_eligibility_date"].is_null());
  EXPECT_TRUE(out["key_dates"]["tariff_date"].is_null());
  EXPECT_EQ(out["key_dates"].size(), key_date_kinds().size());  // PRRD, ERSED, ESED and DTO dates: null
  const auto& release_day = out["release_day_adjustment"];
  EXPECT_EQ(release_day["release_date"], "2024-07-01");  // a Monday
  EXPECT_EQ(release_day["due_date"], "2024-07-01");
  EXPECT_EQ(release_day["flag"], "none");
  EXPECT_TRUE(release_day["proposed_date"].is_null());
  EXPECT_EQ(release_day["bank_holidays_known"], true);
}

TEST(DatesBatch, AnswersAWholeBookingWithRulesAndExplanations) {
  auto out = answer(R"({"today": "2026-12-06", "person": {"date_of_birth": "1990-01-01", "tier": "B"},
                        "sentences": [{"id": "1", "sentenced_on": "2026-02-06", "term": {"years": 2}}]})");
  ASSERT_FALSE(out.contains("errors")) << out.dump();
  const auto& crd = out["key_dates"]["conditional_release_date"];
  EXPECT_EQ(crd["date"], "2026-10-13");
  EXPECT_EQ(crd["rule_code"], "commencement");
  EXPECT_NE(crd["explanation"].get<std::string>().find("13 October 2026"), std::string::npos) << crd["explanation"];
  EXPECT_TRUE(out["key_dates"]["home_detention_curfew_eligibility_date"].is_null());
  EXPECT_EQ(out["key_dates"]["sentence_and_licence_expiry_date"]["date"], "2028-02-05");
  EXPECT_EQ(out["key_dates"].size(), key_date_kinds().size());
  EXPECT_EQ(out["effective_sentence_length"]["days"], 730);
  EXPECT_EQ(out["release_date_used"], "2026-10-13");
  EXPECT_EQ(out["release_day_adjustment"]["due_date"], "2026-10-13");
}

TEST(DatesBatch, NamesTheFieldPathOfABadBooking) {
  auto out = answer(R"({"today": "2026-12-06", "sentences": [
      {"id": "a", "sentenced_on": "2025-01-10", "term": {"years": 1}},
      {"id": "b", "sentenced_on": "2025-01-10", "term": {"years": 1}, "consecutive_to": "zz"}],
      "adjustments": [{"type": "remand"}]})");
  ASSERT_TRUE(out.contains("errors")) << out.dump();
  std::vector<std::string> fields;
  for (const auto& error : out["errors"]) fields.push_back(error["field"]);
  EXPECT_EQ(fields, (std::vector<std::string>{"adjustments[0].days"}));
  auto loop = answer(R"({"today": "2026-12-06", "sentences": [
      {"id": "a", "sentenced_on": "2025-01-10", "term": {"years": 1}},
      {"id": "b", "sentenced_on": "2025-01-10", "term": {"years": 1}, "consecutive_to": "zz"}]})");
  EXPECT_EQ(loop["errors"][0]["field"], "sentences[1].consecutive_to");
  auto coded = answer(R"({"today": "2026-12-06", "sentences": []})");
  EXPECT_EQ(coded["code"], "no_sentences");
}

TEST(DatesBatch, KeepsSuppliedDatesAndFlagsAFridayRelease) {
  auto out = answer(R"({"today": "2025-06-01", "date_of_birth": "1980-02-29", "conditional_release_date": "2026-06-05",
                        "legal_status": "sentenced", "sentence_type": "determinate", "mappa_level": 1, "tier": "C"})");
  EXPECT_EQ(out["responsibility"], "pom");
  EXPECT_EQ(out["com_allocated_date"], "2025-09-21");
  EXPECT_EQ(out["handover_date"], "2025-09-21");
  EXPECT_EQ(out["reason_code"], "determinate");
  EXPECT_EQ(out["pom_type"], "prison");
  EXPECT_EQ(out["key_dates"]["conditional_release_date"]["source"], "supplied");
  EXPECT_EQ(out["key_dates"]["conditional_release_date"]["rule_code"], "supplied");
  EXPECT_EQ(out["release_day_adjustment"]["flag"], "friday");
  EXPECT_EQ(out["release_day_adjustment"]["proposed_date"], "2026-06-03");
}

TEST(DatesBatch, ReadsTheOptionalSentenceFields) {
  auto out = answer(R"({"today": "2024-01-02", "date_of_birth": "1990-01-01", "sentence_start_date": "2024-01-01",
                        "sentence_length_days": 1095, "release_scheme": "extended", "extension_days": 1460,
                        "remand_days": 0, "tagged_bail_days": 0, "recall": false, "early_allocation": "false"})");
  EXPECT_EQ(out["key_dates"]["parole_eligibility_date"]["date"], "2025-12-30");
  EXPECT_EQ(out["key_dates"]["parole_eligibility_date"]["rule_code"], "extended_parole_eligibility");
  EXPECT_EQ(out["release_date_used"], "2025-12-30");
  EXPECT_EQ(out["reason_code"], "parole_eligible");
  EXPECT_EQ(out["release_day_adjustment"]["release_date"], "2026-12-30");  // fixed release, not the PED
}

TEST(DatesBatch, OutsideTheRulesGivesNoneWithNullDates) {
  auto out = answer(R"({"today": "2025-06-01", "legal_status": "remand", "date_of_birth": null})");
  EXPECT_EQ(out["responsibility"], "none");
  EXPECT_TRUE(out["com_allocated_date"].is_null());
  EXPECT_TRUE(out["handover_date"].is_null());
  EXPECT_TRUE(out["release_date_used"].is_null());
  EXPECT_TRUE(out["release_day_adjustment"].is_null());
  EXPECT_EQ(out["reason_code"], "not_sentenced");
}

struct BadLine {
  const char* line;
  const char* field;
};
void PrintTo(const BadLine& row, std::ostream* out) { *out << row.line; }
class BadLines : public ::testing::TestWithParam<BadLine> {};

TEST_P(BadLines, GetAnErrorNamingTheField) {
  auto out = answer(GetParam().line);
  EXPECT_EQ(out["line"], 7);
  ASSERT_TRUE(out.contains("errors")) << out.dump();
  EXPECT_FALSE(out.contains("responsibility"));
  bool named = false;
  for (const auto& error : out["errors"]) {
    named = named || error["field"] == GetParam().field;
    EXPECT_FALSE(error["message"].get<std::string>().empty());
  }
  EXPECT_TRUE(named) << out.dump();
}

INSTANTIATE_TEST_SUITE_P(
    Table, BadLines,
    ::testing::Values(BadLine{"{not json", "line"}, BadLine{"[1, 2]", "line"}, BadLine{R"({})", "today"},
                      BadLine{R"({"today": "2025-02-29"})", "today"},
                      BadLine{R"({"today": "2025-01-01", "date_of_birth": "01/02/1990"})", "date_of_birth"},
                      BadLine{R"({"today": "2025-01-01", "legal_status": "convicted"})", "legal_status"},
                      BadLine{R"({"today": "2025-01-01", "sentence_type": "life"})", "sentence_type"},
                      BadLine{R"({"today": "2025-01-01", "sentence_length_days": 0})", "sentence_length_days"},
                      BadLine{R"({"today": "2025-01-01", "sentence_length_days": 12.5})", "sentence_length_days"},
                      BadLine{R"({"today": "2025-01-01", "remand_days": -1})", "remand_days"},
                      BadLine{R"({"today": "2025-01-01", "mappa_level": 4})", "mappa_level"},
                      BadLine{R"({"today": "2025-01-01", "tier": "E"})", "tier"},
                      BadLine{R"({"today": "2025-01-01", "recall": "maybe"})", "recall"},
                      BadLine{R"({"today": "2025-01-01", "manual_responsibility": "court"})", "manual_responsibility"},
                      BadLine{R"({"today": "2025-01-01", "release_scheme": "extended"})", "extension_days"},
                      BadLine{R"({"today": "2025-01-01", "tariff_date": true})", "tariff_date"},
                      BadLine{R"({"today": "2025-01-01", "open_prison_arrival_date": ["2025-01-01"]})", "open_prison_arrival_date"},
                      BadLine{R"({"today": "2025-01-01", "crd": "2025-01-01"})", "crd"}));

TEST(DatesBatch, ReportsEveryBadFieldOfALine) {
  auto out = answer(R"({"today": "x", "tier": "Z", "mappa_level": "high"})");
  EXPECT_EQ(out["errors"].size(), 3u);
}

TEST(DatesBatch, LaterLinesStillRunAfterBadOnes) {
  services::DatesBatchSummary summary;
  auto out = run(
      "{\"today\": \"2025-06-01\", \"date_of_birth\": \"1990-01-01\"}\n"
      "{broken\n"
      "\n"
      "{\"today\": \"2025-06-01\", \"tier\": \"X\"}\n"
      "{\"today\": \"2025-06-01\", \"date_of_birth\": \"1990-01-01\", \"recall\": true}\n",
      &summary);
  ASSERT_EQ(out.size(), 4u);  // the blank line gets no answer
  EXPECT_EQ(out[0]["line"], 1);
  EXPECT_EQ(out[0]["reason_code"], "no_release_date");
  EXPECT_EQ(out[1]["line"], 2);
  EXPECT_TRUE(out[1].contains("errors"));
  EXPECT_EQ(out[2]["line"], 4);
  EXPECT_EQ(out[2]["errors"][0]["field"], "tier");
  EXPECT_EQ(out[3]["line"], 5);
  EXPECT_EQ(out[3]["responsibility"], "com");
  EXPECT_EQ(summary.lines, 4);
  EXPECT_EQ(summary.failed, 2);
}

TEST(DatesBatch, LoadingAMissingBankHolidayFileFails) {
  EXPECT_THROW(services::load_bank_holidays("/nonexistent/bank-holidays.json"), std::runtime_error);
}

}  // namespace
