// Unit tests of outcome snapshots (domain/plan/outcome_snapshot.hpp).
#include "domain/plan/outcome_snapshot.hpp"

#include <gtest/gtest.h>

#include "code_table_checks.hpp"

using namespace resettle;
using namespace std::chrono;
using M = Milestone;
using L = OutcomeLevel;

namespace {
OutcomeSnapshot snapshot(Milestone milestone, Date recorded_on, std::map<Pathway, OutcomeLevel> levels) {
  OutcomeSnapshot s;
  s.milestone = milestone;
  s.recorded_on = recorded_on;
  for (auto [pathway, level] : levels) s.outcomes[pathway] = {level, ""};
  return s;
}

std::vector<M> due_milestones(const std::vector<DueSnapshot>& due) {
  std::vector<M> milestones;
  for (const auto& d : due) milestones.push_back(d.milestone);
  return milestones;
}
}  // namespace

TEST(OutcomeSnapshot, CodeTablesAreCompleteAndRoundTrip) {
  code_checks::expect_complete_code_table(milestones(), 5);
  code_checks::expect_complete_code_table(outcome_levels(), 5);
  code_checks::expect_complete_code_table(directions(), 3);
}

TEST(OutcomeSnapshot, MilestoneDatesCountFromSentenceStartAndRelease) {
  const Date start = 2022y / May / 9;
  struct Case {
    M milestone;
    Date release, expected;
  };
  const Case cases[] = {
      {M::sentence_start, 2024y / January / 31, start},
      {M::release_first_night, 2024y / January / 31, 2024y / January / 31},
      {M::release_plus_3_weeks, 2024y / February / 15, 2024y / March / 7},  // across 29 February
      {M::release_plus_3_weeks, 2023y / February / 15, 2023y / March / 8},
      {M::release_plus_6_weeks, 2024y / December / 25, 2025y / February / 5},
      {M::release_plus_6_months, 2024y / January / 31, 2024y / July / 31},
      {M::release_plus_6_months, 2024y / August / 31, 2025y / February / 28},  // clamped to the month's end
      {M::release_plus_6_months, 2023y / August / 31, 2024y / February / 29},  // leap year
  };
  for (const auto& c : cases)
    EXPECT_EQ(to_iso(milestone_date(c.milestone, start, c.release)), to_iso(c.expected))
        << entry_for(milestones(), c.milestone).code << " from " << to_iso(c.release);
}

TEST(OutcomeSnapshot, DistanceTravelledFromFirstToLatestPerPathway) {
  const std::vector<OutcomeSnapshot> snapshots = {
      // Given out of order: the function puts them in milestone order itself.
      snapshot(M::release_plus_6_weeks, 2024y / April / 12,
               {{Pathway::accommodation, L::settled}, {Pathway::health, L::struggling}}),
      snapshot(M::sentence_start, 2022y / May / 9,
               {{Pathway::accommodation, L::in_crisis},
                {Pathway::health, L::getting_by},
                {Pathway::drugs_alcohol, L::struggling}}),
      snapshot(M::release_first_night, 2024y / March / 1,
               {{Pathway::accommodation, L::struggling},
                {Pathway::drugs_alcohol, L::struggling},
                {Pathway::finance_benefits_debt, L::in_crisis}}),
  };
  auto distances = distance_travelled(snapshots);
  ASSERT_EQ(distances.size(), 3u);  // finance has one point only

  EXPECT_EQ(distances[0].pathway, Pathway::accommodation);
  EXPECT_EQ(distances[0].from, M::sentence_start);
  EXPECT_EQ(distances[0].to, M::release_plus_6_weeks);
  EXPECT_EQ(distances[0].direction, Direction::improved);
  EXPECT_EQ(distances[0].steps, 3);

  EXPECT_EQ(distances[1].pathway, Pathway::health);
  EXPECT_EQ(distances[1].direction, Direction::worse);
  EXPECT_EQ(distances[1].steps, 1);
  EXPECT_EQ(distances[1].from_level, L::getting_by);
  EXPECT_EQ(distances[1].to_level, L::struggling);

  EXPECT_EQ(distances[2].pathway, Pathway::drugs_alcohol);
  EXPECT_EQ(distances[2].to, M::release_first_night);
  EXPECT_EQ(distances[2].direction, Direction::same);
  EXPECT_EQ(distances[2].steps, 0);
}

TEST(OutcomeSnapshot, DistanceUsesTheLaterRecordingOfARepeatedMilestone) {
  const std::vector<OutcomeSnapshot> snapshots = {
      snapshot(M::sentence_start, 2022y / May / 10, {{Pathway::accommodation, L::struggling}}),
      snapshot(M::sentence_start, 2022y / May / 9, {{Pathway::accommodation, L::in_crisis}}),
      snapshot(M::release_plus_3_weeks, 2024y / March / 22, {{Pathway::accommodation, L::getting_by}}),
      snapshot(M::release_plus_3_weeks, 2024y / March / 23, {{Pathway::accommodation, L::thriving}}),
  };
  auto distances = distance_travelled(snapshots);
  ASSERT_EQ(distances.size(), 1u);
  EXPECT_EQ(distances[0].from_level, L::struggling);
  EXPECT_EQ(distances[0].to_level, L::thriving);
  EXPECT_EQ(distances[0].steps, 3);
}

TEST(OutcomeSnapshot, NoDistanceFromASingleMilestone) {
  const std::vector<OutcomeSnapshot> one = {
      snapshot(M::sentence_start, 2022y / May / 9, {{Pathway::accommodation, L::in_crisis}}),
      snapshot(M::sentence_start, 2022y / May / 10, {{Pathway::accommodation, L::settled}}),
  };
  EXPECT_TRUE(distance_travelled(one).empty());
  EXPECT_TRUE(distance_travelled({}).empty());
}

TEST(OutcomeSnapshot, SnapshotsFallDueOnTheirMilestoneDate) {
  const Date start = 2023y / August / 31;
  const Date release = 2024y / February / 8;  // +3 weeks 29 Feb, +6 weeks 21 Mar, +6 months 8 Aug
  const std::vector<OutcomeSnapshot> none;
  const std::vector<OutcomeSnapshot> started = {snapshot(M::sentence_start, start, {})};
  struct Case {
    Date today;
    std::optional<Date> release;
    const std::vector<OutcomeSnapshot>* existing;
    std::vector<M> due;
  };
  const Case cases[] = {
      {2023y / August / 30, release, &none, {}},
      {start, release, &none, {M::sentence_start}},
      {start, std::nullopt, &none, {M::sentence_start}},
      {2025y / January / 1, std::nullopt, &none, {M::sentence_start}},
      {2024y / February / 7, release, &started, {}},
      {release, release, &started, {M::release_first_night}},
      {2024y / February / 28, release, &started, {M::release_first_night}},
      {2024y / February / 29, release, &none,
       {M::sentence_start, M::release_first_night, M::release_plus_3_weeks}},
      {2024y / August / 8, release, &started,
       {M::release_first_night, M::release_plus_3_weeks, M::release_plus_6_weeks, M::release_plus_6_months}},
  };
  for (const auto& c : cases) EXPECT_EQ(due_milestones(snapshots_due(c.today, start, c.release, *c.existing)), c.due)
      << to_iso(c.today);
  auto due = snapshots_due(2024y / February / 29, start, release, started);
  ASSERT_EQ(due.size(), 2u);
  EXPECT_EQ(to_iso(due[1].due), "2024-02-29");
}

TEST(OutcomeSnapshot, ReadsAndWritesBack) {
  const Date today = 2024y / March / 1;
  FieldInput form{{"milestone", "release_first_night"},
                  {"recorded_on", "2024-03-01"},
                  {"accommodation.level", "struggling"},
                  {"accommodation.detail", "Night shelter, CAS3 referral made"},
                  {"health.level", "settled"}};
  auto read = read_outcome_snapshot(form, today);
  EXPECT_EQ(read.milestone, M::release_first_night);
  ASSERT_EQ(read.outcomes.size(), 2u);
  EXPECT_EQ(read.outcomes[Pathway::accommodation].level, L::struggling);
  EXPECT_EQ(read.outcomes[Pathway::accommodation].detail, "Night shelter, CAS3 referral made");
  auto again = read_outcome_snapshot(outcome_snapshot_fields(read), today);
  EXPECT_EQ(again.outcomes, read.outcomes);
  EXPECT_EQ(again.recorded_on, read.recorded_on);
}

TEST(OutcomeSnapshot, BadFieldsAreNamed) {
  const Date today = 2024y / March / 1;
  struct Case {
    FieldInput form;
    std::string field, message;
  };
  const Case cases[] = {
      {{{"milestone", "sentence_start"}, {"recorded_on", "2024-03-01"}}, "outcomes",
       "Record a level for at least one pathway"},
      {{{"milestone", "sentence_start"}, {"recorded_on", "2024-03-01"}, {"health.detail", "Waiting list"}},
       "health.level", "is required"},
      {{{"milestone", "sentence_start"}, {"recorded_on", "2024-03-01"}, {"health.level", "fine"}}, "health.level",
       "must be one of: in_crisis, struggling, getting_by, settled, thriving"},
      {{{"milestone", "sentence_start"}, {"recorded_on", "2024-03-02"}, {"health.level", "settled"}}, "recorded_on",
       "must be today or in the past"},
      {{{"milestone", "release"}, {"recorded_on", "2024-03-01"}, {"health.level", "settled"}}, "milestone",
       "must be one of: sentence_start, release_first_night, release_plus_3_weeks, release_plus_6_weeks, "
       "release_plus_6_months"},
  };
  for (const auto& c : cases) {
    try {
      read_outcome_snapshot(c.form, today);
      ADD_FAILURE() << "expected an error for " << c.field;
    } catch (const ValidationFailed& failure) {
      ASSERT_EQ(failure.errors().size(), 1u) << c.field;
      EXPECT_EQ(failure.errors()[0].field, c.field);
      EXPECT_EQ(failure.errors()[0].message, c.message);
    }
  }
}
