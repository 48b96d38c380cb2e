// Unit tests of referrals by service and by pathway (domain/insight/referral_reach.hpp): how far each
// person's referrals to a service got, the tables by service and by pathway, small numbers and drilling down.
#include "domain/insight/referral_reach.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "code_table_checks.hpp"
#include "insight/insight_cases.hpp"

using namespace resettle;
using namespace std::chrono;

namespace {
using namespace insight_cases;
using enum ReferralStatus;
using Stages = std::array<int, referral_stage_count>;

Referral referral(std::string service_id, std::vector<std::pair<ReferralStatus, Date>> steps) {
  Referral r;
  r.service_id = std::move(service_id);
  for (auto [status, on] : steps) r.history.push_back({status, on, "", ""});
  return r;
}

Service service(std::string id, std::string name, std::vector<Pathway> on) {
  Service s;
  s.id = std::move(id);
  s.name = std::move(name);
  s.pathways = std::move(on);
  return s;
}

ServiceReach reach(std::string service_id, bool accepted, bool started, bool completed) {
  return {std::move(service_id), {true, accepted, started, completed}};
}

const std::vector<Service> directory{service("home", "Homes first", {Pathway::accommodation}),
                                     service("work", "Work and money",
                                             {Pathway::education_training_employment, Pathway::finance_benefits_debt}),
                                     service("also-home", "A roof", {Pathway::accommodation})};
const Date sent_on{2026y / March / 2};
const DisclosureRules show_all{1, 0.1};

// The people's reaches as the tables take them: one span per person.
std::vector<std::span<const ServiceReach>> spans_of(const std::vector<std::vector<ServiceReach>>& people) {
  return {people.begin(), people.end()};
}

const ReachRow& row_named(const ReachTable& table, const std::string& code) {
  return *std::ranges::find(table.rows, code, &ReachRow::code);
}
}  // namespace

TEST(InsightReferralReach, StagesAreACompleteCodeTable) {
  code_checks::expect_complete_code_table(referral_stages(), referral_stage_count);
}

TEST(InsightReferralReach, OnlyReferralsSentInThePeriodAndByTodayCount) {
  std::vector<Referral> referrals{referral("home", {{draft, sent_on}}),                       // never sent
                                  referral("home", {{sent, 2025y / December / 31}}),          // before the period
                                  referral("work", {{sent, add_days(today, 1)}})};            // not sent yet today
  EXPECT_TRUE(reach_by_service(referrals, the_year, today).empty());
  referrals.push_back(referral("home", {{sent, 2026y / January / 1}}));  // the period's first day
  EXPECT_EQ(reach_by_service(referrals, the_year, today), (std::vector<ServiceReach>{reach("home", false, false, false)}));
}

TEST(InsightReferralReach, EachStageIsReachedByAnyReferralToTheServiceByToday) {
  std::vector<Referral> referrals{
      referral("work", {{sent, sent_on}, {accepted, 2026y / March / 5}, {started, 2026y / March / 9},
                        {ended_early, 2026y / April / 1}}),
      referral("home", {{sent, sent_on}, {declined, 2026y / March / 4}}),
      referral("home", {{sent, sent_on}, {accepted, 2026y / March / 6}, {first_appointment, 2026y / March / 8},
                        {started, 2026y / March / 10}, {completed, 2026y / May / 4}})};
  // One entry per service, in id order; ended early is not completed.
  EXPECT_EQ(reach_by_service(referrals, the_year, today),
            (std::vector<ServiceReach>{reach("home", true, true, true), reach("work", true, true, false)}));
  EXPECT_EQ(reach_by_service(referrals, the_year, 2026y / May / 3),  // the completion had not come
            (std::vector<ServiceReach>{reach("home", true, true, false), reach("work", true, true, false)}));
  EXPECT_EQ(reach_by_service(referrals, the_year, 2026y / March / 5),
            (std::vector<ServiceReach>{reach("home", false, false, false), reach("work", true, false, false)}));
}

TEST(InsightReferralReach, ByServiceEachPersonCountsOnceAtEachStageReached) {
  std::vector<std::vector<ServiceReach>> people{{reach("home", true, true, true), reach("work", true, false, false)},
                                                {reach("work", true, true, false)},
                                                {reach("work", false, false, false)},
                                                {}};
  auto tables = referral_tables(spans_of(people), directory, show_all);
  ASSERT_EQ(tables.by_service.rows.size(), 2u);  // only services referred to, by name
  EXPECT_EQ(tables.by_service.rows[0].label, "Homes first");
  EXPECT_EQ(tables.by_service.rows[0].people, (Stages{1, 1, 1, 1}));
  EXPECT_EQ(tables.by_service.rows[1].label, "Work and money");
  EXPECT_EQ(tables.by_service.rows[1].people, (Stages{3, 2, 1, 0}));
  EXPECT_FALSE(tables.by_service.all_hidden());
}

TEST(InsightReferralReach, ByPathwayAPersonCountsOnceWithTheFurthestOfTheirServicesOnIt) {
  std::vector<std::vector<ServiceReach>> people{{reach("also-home", true, false, false), reach("home", true, true, false)},
                                                {reach("work", true, true, true)}};
  auto tables = referral_tables(spans_of(people), directory, show_all);
  ASSERT_EQ(tables.by_pathway.rows.size(), pathways().size());  // every pathway, in order, zero or not
  EXPECT_EQ(tables.by_pathway.rows[0].code, "accommodation");
  EXPECT_EQ(tables.by_pathway.rows[0].label, "Accommodation");
  EXPECT_EQ(row_named(tables.by_pathway, "accommodation").people, (Stages{1, 1, 1, 0}));
  EXPECT_EQ(row_named(tables.by_pathway, "education_training_employment").people, (Stages{1, 1, 1, 1}));
  EXPECT_EQ(row_named(tables.by_pathway, "finance_benefits_debt").people, (Stages{1, 1, 1, 1}));  // both its pathways
  EXPECT_EQ(row_named(tables.by_pathway, "health").people, (Stages{0, 0, 0, 0}));
}

TEST(InsightReferralReach, AServiceTheDirectoryLacksCountsUnderItsIdOnNoPathway) {
  std::vector<std::vector<ServiceReach>> people{{reach("gone", true, false, false)}};
  auto tables = referral_tables(spans_of(people), directory, show_all);
  ASSERT_EQ(tables.by_service.rows.size(), 1u);
  EXPECT_EQ(tables.by_service.rows[0].label, "gone");
  EXPECT_EQ(tables.by_service.rows[0].people, (Stages{1, 1, 0, 0}));
  for (const auto& row : tables.by_pathway.rows) EXPECT_EQ(row.people[0], 0) << row.code;
  EXPECT_TRUE(tables.by_pathway.all_hidden());  // no one referred on any pathway
}

TEST(InsightReferralReach, SmallRowsAreHiddenByThePeopleReferredWithASecondaryAndZeroShown) {
  std::vector<std::vector<ServiceReach>> people;
  for (int i = 0; i < 2; ++i) people.push_back({reach("home", true, true, true)});
  for (int i = 0; i < 6; ++i) people.push_back({reach("work", i < 3, false, false)});
  for (int i = 0; i < 9; ++i) people.push_back({reach("also-home", false, false, false)});
  auto tables = referral_tables(spans_of(people), directory, {});
  EXPECT_TRUE(row_named(tables.by_service, "home").hidden);  // 2 people: under 5
  EXPECT_TRUE(row_named(tables.by_service, "work").hidden);  // the smallest other, so 2 is not the total less the rest
  EXPECT_FALSE(row_named(tables.by_service, "also-home").hidden);
  EXPECT_FALSE(tables.by_service.all_hidden());
  EXPECT_FALSE(row_named(tables.by_pathway, "accommodation").hidden);  // 11 people
  EXPECT_FALSE(row_named(tables.by_pathway, "health").hidden);         // zero names nobody
  EXPECT_EQ(row_named(tables.by_pathway, "accommodation").people, (Stages{11, 2, 2, 2}));
  people.resize(2);
  EXPECT_TRUE(referral_tables(spans_of(people), directory, {}).by_service.all_hidden());
}

TEST(InsightReferralReach, TheCasesBehindACountAreThoseOfItsRowAtThatStage) {
  std::vector<std::vector<ServiceReach>> people{{reach("home", true, true, false)},
                                                {reach("work", true, false, false)},
                                                {reach("also-home", true, true, true), reach("work", false, false, false)}};
  auto people_at = [&](bool by_pathway, const std::string& code, ReferralStage stage, const DisclosureRules& rules) {
    return reaching(spans_of(people), directory, by_pathway, code, stage, rules);
  };
  EXPECT_EQ(people_at(false, "work", ReferralStage::sent, show_all), (std::vector<std::size_t>{1, 2}));
  EXPECT_EQ(people_at(false, "work", ReferralStage::accepted, show_all), (std::vector<std::size_t>{1}));
  EXPECT_EQ(people_at(true, "accommodation", ReferralStage::started, show_all), (std::vector<std::size_t>{0, 2}));
  EXPECT_EQ(people_at(true, "accommodation", ReferralStage::completed, show_all), (std::vector<std::size_t>{2}));
  EXPECT_EQ(people_at(true, "finance_benefits_debt", ReferralStage::accepted, show_all), (std::vector<std::size_t>{1}));
  EXPECT_EQ(people_at(false, "nowhere", ReferralStage::sent, show_all), std::vector<std::size_t>{});  // no one there
  EXPECT_EQ(people_at(true, "health", ReferralStage::sent, show_all), std::vector<std::size_t>{});
  EXPECT_EQ(people_at(false, "work", ReferralStage::sent, {}), std::nullopt);  // hidden, as the table hides it
}
