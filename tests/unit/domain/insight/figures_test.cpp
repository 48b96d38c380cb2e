// Each case's figures and the tables summed from them: on many generated cases (seeded, so a failure
// repeats), every table equals the measure worked out over the cases themselves; and the scopes a
// person's units put them in.
#include "domain/insight/figures.hpp"

#include <gtest/gtest.h>

#include <random>
#include <sstream>

#include "insight/insight_cases.hpp"

using namespace resettle;
using namespace resettle::insight_cases;

namespace {

// Cases of every kind the measures tell apart: with and without equality facts, leads and deputies in
// both roles started and ended on any day, releases, recall decisions, a COM start date, release day
// records, assessments, snapshots and referrals, all dated around the period.
class CaseMaker {
 public:
  explicit CaseMaker(unsigned seed) : random_(seed) {}

  std::pair<InsightCase, CaseProgress> make() {
    auto c = a_case();
    c.date_of_birth = day_between(Date{1950y / January / 1}, Date{2009y / December / 31});
    if (chance(0.7)) c.facts = facts();
    for (int i = count(4); i > 0; --i) c.allocations.push_back(allocation());
    if (chance(0.6)) c.com_start_date = some_day();
    for (int i = count(2); i > 0; --i) c.releases.push_back(release());
    for (int i = count(2); i > 0; --i)
      c.recall_decisions.push_back({some_day(), pick(recall_triggers()), pick(recall_outcomes())});
    return {c, progress(c)};
  }

 private:
  bool chance(double p) { return std::bernoulli_distribution(p)(random_); }
  int count(int most) { return std::uniform_int_distribution(0, most)(random_); }
  template <typename T>
  T pick(std::span<const Coded<T>> list) {
    return list[std::uniform_int_distribution<std::size_t>(0, list.size() - 1)(random_)].value;
  }
  Date day_between(Date from, Date to) {
    return add_days(from, std::uniform_int_distribution(0, days_between(from, to))(random_));
  }
  // Most around the year measured, some before it and some after today.
  Date some_day() { return day_between(Date{2025y / June / 1}, Date{2027y / February / 1}); }

  EqualityFacts facts() {
    EqualityFacts facts;
    for (const auto& characteristic : characteristics()) {
      if (!is_asked(characteristic.value)) continue;
      auto answers = answers_for(characteristic.value);
      auto at = std::uniform_int_distribution<std::size_t>(0, answers.size() + 1)(random_);
      facts.answers[characteristic.value] = at < answers.size() ? std::string{answers[at].code}
                                            : at == answers.size() ? std::string{not_stated}
                                                                   : std::string{prefers_not_to_say};
    }
    return facts;
  }

  Allocation allocation() {
    auto from = some_day();
    auto allocation = lead_com(count(3) + 1, from, chance(0.5) ? std::optional{add_days(from, count(120))} : std::nullopt,
                               chance(0.8) ? AllocationKind::lead : AllocationKind::deputy);
    if (chance(0.3)) allocation.role = Role::pom;
    return allocation;
  }

  ReleaseFacts release() {
    ReleaseFacts release{some_day()};
    if (chance(0.8)) release.tonight = pick(first_night_accommodations());
    if (chance(0.8)) release.id_documents = pick(provision_statuses());
    if (chance(0.8)) release.bank_account = pick(provision_statuses());
    return release;
  }

  CaseProgress progress(const InsightCase& c) {
    CaseProgress progress;
    if (!c.releases.empty() && chance(0.8)) {
      ReleaseDayRecord record;
      record.release.released_on = c.releases.front().released_on;
      for (const auto& provision : release_provisions())
        if (chance(0.7)) record.arrangements.provisions[provision.value] = {pick(provision_statuses()), ""};
      progress.latest_release = record;
    }
    for (int i = count(3); i > 0; --i) {
      NeedsAssessment assessment;
      assessment.id = ++next_record_;
      assessment.assessed_on = some_day();
      for (const auto& pathway : pathways())
        if (chance(0.7)) assessment.pathways[pathway.value].need_level = pick(need_levels());
      progress.assessments.push_back(assessment);
    }
    for (int i = count(3); i > 0; --i) {
      OutcomeSnapshot snapshot;
      snapshot.milestone = pick(milestones());
      snapshot.recorded_on = some_day();
      for (const auto& pathway : pathways())
        if (chance(0.7)) snapshot.outcomes[pathway.value].level = pick(outcome_levels());
      progress.snapshots.push_back(snapshot);
    }
    for (int i = count(2); i > 0; --i) {
      Referral referral;
      referral.service_id = "service-" + std::to_string(i);
      auto on = some_day();
      for (auto status : {ReferralStatus::sent, ReferralStatus::accepted, ReferralStatus::first_appointment,
                          ReferralStatus::started, ReferralStatus::completed}) {
        if (status != ReferralStatus::sent && chance(0.4)) break;
        referral.history.push_back({status, on, "someone", ""});
        on = add_days(on, count(30));
      }
      progress.referrals.push_back(referral);
    }
    return progress;
  }

  std::mt19937 random_;
  std::int64_t next_record_ = 0;
};

// Every number a table shows or hides, in words, so two tables compare whole.
std::string describe(const Segmentation& split) {
  std::ostringstream out;
  for (const auto* row : {&split.total}) out << row->group.code << ':' << row->people << '/' << row->met << (row->hidden ? 'h' : '-');
  for (const auto& row : split.rows)
    out << ' ' << row.group.code << ':' << row.people << '/' << row.met << (row.hidden ? 'h' : '-')
        << (row.flagged ? 'f' : '-') << row.share.value_or(-1) << ',' << row.difference.value_or(-9);
  return out.str();
}

std::string describe(const LatenessDistribution& distribution) {
  std::ostringstream out;
  out << distribution.total << (distribution.total_hidden ? 'h' : '-');
  for (const auto& bucket : distribution.buckets) out << ' ' << bucket.code << ':' << bucket.people << (bucket.hidden ? 'h' : '-');
  return out.str();
}

std::string describe(const ChangeRates& rates) {
  std::ostringstream out;
  for (const auto& row : rates.rows)
    out << ' ' << row.group.code << ':' << row.people << '/' << row.changes << '/' << row.days << (row.hidden ? 'h' : '-')
        << row.per_six_months.value_or(-1);
  out << " all:" << rates.total.people << '/' << rates.total.changes << '/' << rates.total.days;
  return out.str();
}

}  // namespace

TEST(CaseFiguresTest, TablesSummedFromEachCasesFiguresEqualTheMeasuresOverTheCases) {
  for (unsigned seed : {1u, 2u, 3u, 4u}) {
    CaseMaker maker(seed);
    std::vector<InsightCase> cases;
    std::vector<CaseProgress> progress;
    for (int i = 0; i < 400; ++i) {
      auto [c, p] = maker.make();
      cases.push_back(std::move(c));
      progress.push_back(std::move(p));
    }
    std::vector<CaseFigures> figures;
    for (std::size_t i = 0; i < cases.size(); ++i) figures.push_back(figures_of(cases[i], progress[i], {}, the_year, today));
    std::vector<const CaseFigures*> all;
    for (const auto& f : figures) all.push_back(&f);
    // A threshold of 3 shows most groups of 400 people, so the counts are compared, not only hidden.
    for (auto rules : {DisclosureRules{}, DisclosureRules{3, 0.05}}) {
      for (const auto& characteristic : characteristics()) {
        SCOPED_TRACE(std::string{characteristic.code} + " seed " + std::to_string(seed));
        auto tables = tables_of(all, characteristic.value, rules);
        for (const auto& measure : measures()) {
          auto expected = segment(measure.value, cases, characteristic.value, the_year, today, rules);
          auto& summed = tables.measures[static_cast<std::size_t>(measure.value)];
          EXPECT_EQ(summed.measure, measure.value);
          EXPECT_EQ(describe(summed), describe(expected)) << measure.code;
        }
        for (const auto& measure : progress_measures()) {
          auto expected = segment(measure.value, cases, progress, characteristic.value, the_year, today, rules);
          auto& summed = tables.progress[static_cast<std::size_t>(measure.value)];
          EXPECT_EQ(summed.measure, measure.value);
          EXPECT_EQ(describe(summed.split), describe(expected.split)) << measure.code;
        }
        EXPECT_EQ(describe(tables.lateness), describe(lateness_distribution(cases, the_year, today, rules)));
        EXPECT_EQ(describe(tables.first_contact), describe(first_contact_distribution(progress, the_year, today, rules)));
        EXPECT_EQ(describe(tables.officer_changes),
                  describe(officer_change_rates(cases, characteristic.value, the_year, today, rules)));
      }
    }
  }
}

TEST(CaseFiguresTest, HoldEveryCharacteristicAndMeasure) {
  EXPECT_EQ(characteristics().size(), characteristic_count);
  EXPECT_EQ(measures().size(), measure_count);
  EXPECT_EQ(progress_measures().size(), progress_measure_count);
  for (std::size_t i = 0; i < measures().size(); ++i) EXPECT_EQ(static_cast<std::size_t>(measures()[i].value), i);
  for (std::size_t i = 0; i < progress_measures().size(); ++i)
    EXPECT_EQ(static_cast<std::size_t>(progress_measures()[i].value), i);
  for (std::size_t i = 0; i < characteristics().size(); ++i)
    EXPECT_EQ(static_cast<std::size_t>(characteristics()[i].value), i);
}

TEST(CaseFiguresTest, TheGeneratedCasesMeetAndMissEveryMeasure) {
  // Otherwise the test above would compare tables of nothing.
  CaseMaker maker(1);
  std::vector<int> met(measures().size()), missed(measures().size());
  std::vector<int> progress_met(progress_measures().size()), progress_missed(progress_measures().size());
  for (int i = 0; i < 400; ++i) {
    auto [c, p] = maker.make();
    auto figures = figures_of(c, p, {}, the_year, today);
    for (std::size_t m = 0; m < figures.measures.size(); ++m)
      if (figures.measures[m]) ++(*figures.measures[m] ? met : missed)[m];
    for (std::size_t m = 0; m < figures.progress.size(); ++m)
      if (figures.progress[m]) ++(*figures.progress[m] ? progress_met : progress_missed)[m];
  }
  for (std::size_t m = 0; m < met.size(); ++m) {
    EXPECT_GT(met[m], 0) << measures()[m].code;
    EXPECT_GT(missed[m], 0) << measures()[m].code;
  }
  for (std::size_t m = 0; m < progress_met.size(); ++m) {
    EXPECT_GT(progress_met[m], 0) << progress_measures()[m].code;
    EXPECT_GT(progress_missed[m], 0) << progress_measures()[m].code;
  }
}

TEST(CaseFiguresTest, ACasesReferralsAreHowFarItsReferralsToEachServiceGot) {
  CaseProgress progress;
  for (const auto* service : {"work", "home"}) {
    Referral referral;
    referral.service_id = service;
    referral.history = {{ReferralStatus::sent, 2026y / March / 2, "", ""}, {ReferralStatus::accepted, 2026y / March / 3, "", ""}};
    progress.referrals.push_back(referral);
  }
  auto figures = figures_of(a_case(), progress, {}, the_year, today);
  ASSERT_EQ(figures.referrals.size(), 2u);
  EXPECT_EQ(figures.referrals, reach_by_service(progress.referrals, the_year, today));
  EXPECT_EQ(figures.referrals[0].service_id, "home");
  EXPECT_TRUE(figures_of(a_case(), {}, {}, the_year, today).referrals.empty());
}

TEST(CaseFiguresTest, OneCasesFiguresAreItsOutcomesOfEveryMeasureForThePeriodAndDay) {
  auto c = with_sex(released_case(), "female");
  c.allocations.push_back(lead_com(1, 2026y / March / 1));
  auto figures = figures_of(c, {}, {"LDS", "", {}, {}}, the_year, today);
  EXPECT_EQ(figures.person_id, c.person_id);
  EXPECT_EQ(figures.units.pdu_code, "LDS");
  EXPECT_EQ(figures.measures[static_cast<std::size_t>(Measure::continuity_across_gate)], std::optional{true});
  EXPECT_EQ(figures.measures[static_cast<std::size_t>(Measure::settled_first_night)], std::optional{false});
  EXPECT_EQ(outcome_named("continuity_across_gate")->of(figures), std::optional{true});
  EXPECT_EQ(outcome_named("ete_6_weeks")->of(figures), std::optional{false});  // no snapshot counts as not
  EXPECT_FALSE(outcome_named("happiness"));
  auto sex = groups_of(Characteristic::sex);
  EXPECT_EQ(sex[figures.groups[static_cast<std::size_t>(Characteristic::sex)]].code, "female");
  // The 6 months after a release in December have not come by the 7th; they have a year on.
  auto december = released_case(2026y / December / 1);
  auto six_months = *outcome_named("settled_accommodation_6_months");
  EXPECT_EQ(six_months.of(figures_of(december, {}, {}, the_year, today)), std::nullopt);
  EXPECT_EQ(six_months.of(figures_of(december, {}, {}, the_year, Date{2027y / December / 7})), std::optional{false});
}

TEST(ScopeLookupTest, APersonIsInTheUnitsTheirRecordsPutThemIn) {
  const std::vector<Prison> prisons{{"LEI", "HMP Leeds", "YH"}, {"DUR", "HMP Durham", "NE"}};
  const std::vector<ProbationDeliveryUnit> pdus{{"LDS", "Leeds", "YH"}, {"NCL", "Newcastle", "NE"}};
  ScopeLookup lookup(prisons, pdus);
  const CaseUnits units{"NCL", "LEI", {"DUR"}, {"LDS-A"}};
  EXPECT_TRUE(lookup.includes({ScopeKind::national, ""}, units));
  EXPECT_TRUE(lookup.includes({ScopeKind::pdu, "NCL"}, units));
  EXPECT_FALSE(lookup.includes({ScopeKind::pdu, "LDS"}, units));
  EXPECT_TRUE(lookup.includes({ScopeKind::prison, "LEI"}, units));
  EXPECT_TRUE(lookup.includes({ScopeKind::prison, "DUR"}, units));  // released from there
  EXPECT_TRUE(lookup.includes({ScopeKind::region, "YH"}, units));   // held there
  EXPECT_TRUE(lookup.includes({ScopeKind::region, "NE"}, units));   // supervised there
  EXPECT_TRUE(lookup.includes({ScopeKind::team, "LDS-A"}, units));
  EXPECT_FALSE(lookup.includes({ScopeKind::team, "LDS-B"}, units));
  EXPECT_FALSE(lookup.includes({ScopeKind::region, "YH"}, CaseUnits{}));
  auto scopes_of = [&](const CaseUnits& of) {
    std::vector<std::string> scopes;
    lookup.each_scope(of, [&](ScopeKind kind, const std::string& code) {
      scopes.push_back(std::string{entry_for(scope_kinds(), kind).code} + ":" + code);
    });
    return scopes;
  };
  EXPECT_EQ(scopes_of(units), (std::vector<std::string>{"pdu:NCL", "prison:LEI", "prison:DUR", "team:LDS-A",
                                                        "region:YH", "region:NE"}));
  const CaseUnits held_and_released_in_leeds{"LDS", "LEI", {"LEI", "HAI", "HAI"}, {}};
  EXPECT_EQ(scopes_of(held_and_released_in_leeds),  // each scope once
            (std::vector<std::string>{"pdu:LDS", "prison:LEI", "prison:HAI", "region:YH"}));
}
