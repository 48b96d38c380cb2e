// Insight through the store, on each backend: equality facts recorded with consent and read only by the roles
// that may (reads and refusals audited, answers kept out of the journal, stale versions refused), and
// the report's scopes (team, PDU, prison, region, national), bad input and access.
#include "services/insight/insight.hpp"

#include <gtest/gtest.h>

#include <random>
#include <set>

#include "domain/errors.hpp"
#include "services/allocation/allocations.hpp"
#include "services/people/case_records.hpp"
#include "both_backends.hpp"
#include "web/insight/views.hpp"

using namespace resettle;
using namespace std::chrono;

namespace {

const services::FixedClock clock_at{sys_days{2026y / December / 7} + 10h};

FieldInput facts_input(std::string sex = "female") {
  FieldInput input{{"consent", "yes"}, {"consent_given_on", "2026-12-01"}};
  for (const auto& entry : characteristics())
    if (is_asked(entry.value)) input[std::string{entry.code}] = std::string{not_stated};
  input["sex"] = std::move(sex);
  input["ethnicity"] = "asian_indian";
  return input;
}

class InsightReportTest : public test_support::BothBackendsTest {
 protected:
  void SetUp() override {
    BothBackendsTest::SetUp();
    if (IsSkipped()) return;
    auto tx = store->begin_write();
    tx->places().insert_team({"LDS-A", "Leeds team A", "", "LDS"});
    for (auto* member : {&manager, &bradford_manager, &com, &keyworker, &admin})
      member->id = tx->staff().insert(*member, "not-a-real-hash");
    com.team_code = "LDS-A";
    tx->staff().update_working_pattern(com.id, {"LDS-A", 100, {}, std::nullopt, std::nullopt});
    tx->commit();
    leeds = add("Sam", "A1234BC", "LEI", "LDS");
    bradford = add("Jo", "A1235BC", "HAI", "BRD");
  }

  std::int64_t add(std::string name, std::string prison_number, std::string prison, std::string pdu) {
    return services::add_person(*store, clock_at, admin,
                                {{"given_name", std::move(name)}, {"family_name", "Jones"}, {"date_of_birth", "1990-05-17"},
                                 {"prison_number", std::move(prison_number)}, {"prison_code", std::move(prison)},
                                 {"pdu_code", std::move(pdu)}})
        .id;
  }

  services::InsightReport report(const StaffMember& viewer, const FieldInput& query) {
    return services::insight_report(*store, clock_at, viewer, query, {}, memo);
  }

  StaffMember manager = test_support::staff_member("manager", Role::manager, "LEI", "LDS");
  StaffMember bradford_manager = test_support::staff_member("manager2", Role::manager, "", "BRD");
  StaffMember com = test_support::staff_member("com", Role::com, "", "LDS");
  StaffMember keyworker = test_support::staff_member("keyworker", Role::key_worker, "LEI", "");
  StaffMember admin = test_support::staff_member("admin", Role::admin, "", "");
  std::int64_t leeds = 0;
  std::int64_t bradford = 0;
  services::InsightMemo memo;  // one for the test, as a server has one: each view must follow the writes
};

INSTANTIATE_TEST_SUITE_P(Backends, InsightReportTest,
                         ::testing::Values(test_support::Backend::sqlite, test_support::Backend::postgresql),
                         test_support::backend_name);

}  // namespace

TEST_P(InsightReportTest, EqualityFactsAreRecordedReadAndVersioned) {
  auto none = services::equality_facts_of(*store, manager, leeds);
  EXPECT_FALSE(none.facts);
  auto saved = services::record_equality_facts(*store, clock_at, manager, leeds, facts_input(), 0);
  EXPECT_EQ(saved.version, 1);
  auto read = services::equality_facts_of(*store, manager, leeds);
  ASSERT_TRUE(read.facts);
  EXPECT_EQ(read.facts->answers.at(Characteristic::ethnicity), "asian_indian");
  EXPECT_EQ(read.facts->consent_given_on, Date(2026y / December / 1));
  EXPECT_EQ(read.recorded_by_name, "Staff manager");
  EXPECT_THROW(services::record_equality_facts(*store, clock_at, manager, leeds, facts_input("male"), 0), StaleVersion);
  auto changed = services::record_equality_facts(*store, clock_at, manager, leeds, facts_input("male"), 1);
  EXPECT_EQ(changed.version, 2);
  EXPECT_EQ(services::equality_facts_of(*store, manager, leeds).facts->answers.at(Characteristic::sex), "male");
}

TEST_P(InsightReportTest, TheJournalNamesWhatChangedButNotTheAnswers) {
  services::record_equality_facts(*store, clock_at, manager, leeds, facts_input(), 0);
  services::record_equality_facts(*store, clock_at, manager, leeds, facts_input("male"), 1);
  auto events = store->begin_read()->journal().for_person(leeds, {std::nullopt, 10}).items;
  ASSERT_EQ(events[0].kind, "equality_facts.recorded");
  EXPECT_EQ(events[0].data.at("changed"), nlohmann::json::array({"sex"}));
  EXPECT_EQ(events[1].data.at("changed").size(), 9u);
  for (const auto& event : events) EXPECT_EQ(event.data.dump().find("asian_indian"), std::string::npos);
}

TEST_P(InsightReportTest, BadInputIsNamedAndNothingSaved) {
  auto input = facts_input();
  input["consent"] = "";
  input["religion"] = "astrology";
  EXPECT_EQ(test_support::failed_fields([&] { services::record_equality_facts(*store, clock_at, manager, leeds, input, 0); }),
            (std::vector<std::string>{"consent", "religion"}));
  EXPECT_FALSE(services::equality_facts_of(*store, manager, leeds).facts);
}

TEST_P(InsightReportTest, OnlyAllocatedOffenderManagersAndManagersSeeThemAndEveryAttemptIsAudited) {
  services::record_equality_facts(*store, clock_at, manager, leeds, facts_input(), 0);
  EXPECT_THROW(services::equality_facts_of(*store, keyworker, leeds), Forbidden);
  EXPECT_THROW(services::equality_facts_of(*store, admin, leeds), Forbidden);
  EXPECT_THROW(services::equality_facts_of(*store, com, leeds), Forbidden);  // in the PDU, not allocated
  EXPECT_THROW(services::record_equality_facts(*store, clock_at, com, leeds, facts_input("male"), 1), Forbidden);
  EXPECT_THROW(services::equality_facts_of(*store, bradford_manager, leeds), NotFound);
  services::allocate(*store, manager, leeds, com.id, Role::com, 2026y / December / 1, "Allocated");
  EXPECT_TRUE(services::equality_facts_of(*store, com, leeds).facts);
  // The manager's read, four refusals, then the COM's read (the refused attempt by another unit's
  // manager is "not found" and logged as such).
  auto allowed = access_log_allowed(leeds);
  EXPECT_EQ(std::count(allowed.begin(), allowed.end(), 0), 5);
  EXPECT_EQ(allowed.back(), 1);
}

TEST_P(InsightReportTest, EachScopeCountsItsOwnPeople) {
  EXPECT_EQ(report(manager, {{"scope", "pdu"}, {"code", "LDS"}}).people, 1);
  EXPECT_EQ(report(manager, {{"scope", "prison"}, {"code", "LEI"}}).people, 1);
  EXPECT_EQ(report(admin, {{"scope", "region"}, {"code", "YH"}}).people, 2);
  EXPECT_EQ(report(admin, {{"scope", "national"}}).people, 2);
  EXPECT_EQ(report(admin, {}).scope.kind, ScopeKind::national);
  EXPECT_EQ(report(manager, {}).scope.code, "LDS");
  EXPECT_EQ(report(admin, {{"scope", "team"}, {"code", "LDS-A"}}).people, 0);
  services::allocate(*store, manager, leeds, com.id, Role::com, 2026y / December / 1, "Allocated");
  auto team = report(admin, {{"scope", "team"}, {"code", "LDS-A"}});
  EXPECT_EQ(team.people, 1);
  EXPECT_EQ(team.scope_name, "Leeds team A");
  EXPECT_EQ(team.measures.size(), measures().size());
}

TEST_P(InsightReportTest, BadInputIsNamed) {
  EXPECT_EQ(test_support::failed_fields([&] { report(manager, {{"from", "2026-06-01"}, {"to", "2026-05-31"}}); }),
            std::vector<std::string>{"to"});
  EXPECT_EQ(test_support::failed_fields([&] { report(admin, {{"scope", "planet"}, {"characteristic", "height"}}); }),
            (std::vector<std::string>{"scope", "characteristic"}));
  EXPECT_EQ(test_support::failed_fields([&] { report(admin, {{"scope", "pdu"}}); }), std::vector<std::string>{"code"});
  EXPECT_EQ(test_support::failed_fields([&] { report(admin, {{"scope", "region"}, {"code", "ZZ"}}); }),
            std::vector<std::string>{"code"});
}

TEST_P(InsightReportTest, ManagersSeeOnlyTheirOwnUnitAndPractitionersNone) {
  EXPECT_THROW(report(manager, {{"scope", "pdu"}, {"code", "BRD"}}), Forbidden);
  EXPECT_THROW(report(manager, {{"scope", "national"}}), Forbidden);
  EXPECT_THROW(report(manager, {{"scope", "region"}, {"code", "YH"}}), Forbidden);
  EXPECT_THROW(report(com, {{"scope", "pdu"}, {"code", "LDS"}}), Forbidden);
  EXPECT_THROW(report(keyworker, {}), Forbidden);
}

TEST_P(InsightReportTest, EveryProgressMeasureAndTheUnitsWithinAreWorkedOut) {
  auto national = report(admin, {{"compare", "referral_accepted"}});
  EXPECT_EQ(national.progress.size(), progress_measures().size());
  EXPECT_EQ(national.compared.code, "referral_accepted");
  ASSERT_EQ(national.units.units.size(), 1u);
  EXPECT_EQ(national.units.units[0].unit.kind, ScopeKind::region);
  EXPECT_EQ(national.units.units[0].unit.code, "YH");
  EXPECT_TRUE(national.units.units[0].may_open);
  auto region = report(admin, {{"scope", "region"}, {"code", "YH"}});
  EXPECT_EQ(region.compared.code, "continuity_across_gate");
  std::vector<std::string> codes;
  for (const auto& unit : region.units.units) codes.push_back(unit.unit.code);
  EXPECT_NE(std::ranges::find(codes, "LDS"), codes.end());
  EXPECT_NE(std::ranges::find(codes, "LEI"), codes.end());
  auto pdu = report(manager, {{"scope", "pdu"}, {"code", "LDS"}});
  ASSERT_EQ(pdu.units.units.size(), 1u);
  EXPECT_EQ(pdu.units.units[0].name, "Leeds team A");
  EXPECT_FALSE(pdu.units.units[0].may_open);  // a manager opens their own team, PDU or prison only
  EXPECT_EQ(test_support::failed_fields([&] { report(manager, {{"compare", "happiness"}}); }),
            std::vector<std::string>{"compare"});
}

TEST_P(InsightReportTest, KeptFiguresAreShownAgainUntilAChangeIsRecorded) {
  services::InsightMemo memo;
  auto first = services::insight_report(*store, clock_at, admin, {{"scope", "pdu"}, {"code", "LDS"}}, {}, memo);
  EXPECT_EQ(first.people, 1);
  EXPECT_FALSE(first.changed_since);
  EXPECT_EQ(first.worked_out.at, clock_at.now_seconds());
  const services::FixedClock later{clock_at.now() + 1h};
  auto again = services::insight_report(*store, later, admin, {{"scope", "pdu"}, {"code", "LDS"}}, {}, memo);
  EXPECT_EQ(again.worked_out.at, first.worked_out.at);  // shown again, not worked out afresh
  EXPECT_EQ(again.people, 1);
  add("Alex", "A1236BC", "LEI", "LDS");  // journalled: the kept figures are no longer the figures
  auto after = services::insight_report(*store, later, admin, {{"scope", "pdu"}, {"code", "LDS"}}, {}, memo);
  EXPECT_EQ(after.people, 2);
  EXPECT_EQ(after.worked_out.at, later.now_seconds());
  EXPECT_FALSE(after.changed_since);
}

TEST_P(InsightReportTest, WhereTheServerAllowsKeptFiguresAreShownAfterAChangeSayingSo) {
  services::InsightMemo memo{5min};
  services::insight_report(*store, clock_at, admin, {{"scope", "pdu"}, {"code", "LDS"}}, {}, memo);
  add("Alex", "A1236BC", "LEI", "LDS");
  const services::FixedClock soon{clock_at.now() + 5min};
  auto aged = services::insight_report(*store, soon, admin, {{"scope", "pdu"}, {"code", "LDS"}}, {}, memo);
  EXPECT_EQ(aged.people, 1);
  EXPECT_TRUE(aged.changed_since);
  const services::FixedClock too_late{clock_at.now() + 6min};
  auto fresh = services::insight_report(*store, too_late, admin, {{"scope", "pdu"}, {"code", "LDS"}}, {}, memo);
  EXPECT_EQ(fresh.people, 2);
  EXPECT_FALSE(fresh.changed_since);
}

TEST_P(InsightReportTest, KeptFiguresKeepTheirChecksAndEachViewersOwnLinks) {
  services::InsightMemo memo;
  auto by_admin = services::insight_report(*store, clock_at, admin, {{"scope", "pdu"}, {"code", "LDS"}}, {}, memo);
  ASSERT_EQ(by_admin.units.units.size(), 1u);
  EXPECT_TRUE(by_admin.units.units[0].may_open);
  auto by_manager = services::insight_report(*store, clock_at, manager, {{"scope", "pdu"}, {"code", "LDS"}}, {}, memo);
  EXPECT_FALSE(by_manager.units.units[0].may_open);
  EXPECT_THROW(services::insight_report(*store, clock_at, bradford_manager, {{"scope", "pdu"}, {"code", "LDS"}}, {}, memo),
               Forbidden);
}

TEST_P(InsightReportTest, TheCasesBehindANumberAreListedUnlessTheNumberIsHidden) {
  {
    auto tx = store->begin_write();
    ReleaseDayRecord record;
    record.person_id = leeds;
    record.release = {2026y / June / 10, "09:30", "LEI"};
    record.recorded_by = manager.id;
    tx->release_days().insert(record);
    tx->commit();
  }
  FieldInput query{{"scope", "pdu"}, {"code", "LDS"}, {"measure", "settled_first_night"}, {"from", "2026-01-01"}};
  auto hidden = services::insight_cases(*store, clock_at, manager, query, {}, memo);  // one person: under 5
  EXPECT_TRUE(hidden.hidden);
  EXPECT_TRUE(hidden.people.empty());
  const DisclosureRules show_all{1, 0.1};
  auto listed = services::insight_cases(*store, clock_at, manager, query, show_all, memo);
  EXPECT_FALSE(listed.hidden);
  EXPECT_EQ(listed.counted, 1);
  ASSERT_EQ(listed.people.size(), 1u);
  EXPECT_EQ(listed.people[0].id, leeds);
  EXPECT_EQ(listed.measure.code, "settled_first_night");
  auto met = query;
  met["met"] = "yes";  // a night not recorded is not settled
  EXPECT_TRUE(services::insight_cases(*store, clock_at, manager, met, show_all, memo).people.empty());
  auto group = query;
  group["group"] = "not_recorded";  // no equality facts recorded
  EXPECT_EQ(services::insight_cases(*store, clock_at, manager, group, show_all, memo).counted, 1);
  group["group"] = "female";
  EXPECT_EQ(services::insight_cases(*store, clock_at, manager, group, show_all, memo).counted, 0);
}

TEST_P(InsightReportTest, TheCasesBehindANumberHaveTheReportsChecksAndNameBadInput) {
  FieldInput query{{"scope", "pdu"}, {"code", "LDS"}, {"measure", "settled_first_night"}};
  EXPECT_THROW(services::insight_cases(*store, clock_at, bradford_manager, query, {}, memo), Forbidden);
  EXPECT_THROW(services::insight_cases(*store, clock_at, com, query, {}, memo), Forbidden);
  EXPECT_EQ(test_support::failed_fields([&] { services::insight_cases(*store, clock_at, manager, {{"scope", "pdu"}, {"code", "LDS"}}, {}, memo); }),
            std::vector<std::string>{"measure"});
  EXPECT_EQ(test_support::failed_fields([&] {
              services::insight_cases(*store, clock_at, manager, {{"measure", "happiness"}, {"characteristic", "height"}}, {}, memo);
            }),
            (std::vector<std::string>{"characteristic", "measure"}));
  auto bad_group = query;
  bad_group["group"] = "martian";
  EXPECT_EQ(test_support::failed_fields([&] { services::insight_cases(*store, clock_at, manager, bad_group, {}, memo); }),
            std::vector<std::string>{"group"});
}

namespace {

// Every figure of a report, as the API gives it, less when and from what it was worked out.
std::string figures_in(const services::InsightReport& report) {
  auto json = web::insight_json(report);
  json.erase("worked_out_at");
  json.erase("changed_since");
  return json.dump();
}

}  // namespace

TEST_P(InsightReportTest, AWriteChangesTheNextView) {
  const DisclosureRules show_all{1, 0.1};
  FieldInput query{{"scope", "pdu"}, {"code", "LDS"}, {"from", "2026-01-01"}};
  auto before = services::insight_report(*store, clock_at, manager, query, show_all, memo);
  EXPECT_EQ(before.measures[static_cast<std::size_t>(Measure::settled_first_night)].total.people, 0);
  {
    auto tx = store->begin_write();
    ReleaseDayRecord record;
    record.person_id = leeds;
    record.release = {2026y / June / 10, "09:30", "LEI"};
    record.arrangements.tonight = FirstNightAccommodation::settled;
    record.recorded_by = manager.id;
    tx->release_days().insert(record);
    tx->commit();
  }
  auto after = services::insight_report(*store, clock_at, manager, query, show_all, memo);
  const auto& settled = after.measures[static_cast<std::size_t>(Measure::settled_first_night)].total;
  EXPECT_EQ(settled.people, 1);
  EXPECT_EQ(settled.met, 1);
  EXPECT_GT(after.worked_out.latest_change, before.worked_out.latest_change);
}

TEST_P(InsightReportTest, KeptFiguresFollowEveryKindOfWriteAndEqualFiguresMadeAfresh) {
  // Seeded random writes of each kind the figures read, through the store as the services write them;
  // after each round every view from the kept figures equals the view a new server would work out.
  const DisclosureRules show_all{1, 0.1};
  std::mt19937 random(25);
  auto pick = [&](int n) { return static_cast<int>(random() % static_cast<unsigned>(n)); };
  auto some_day = [&] { return add_days(Date{2025y / December / 1}, pick(380)); };
  std::vector<std::int64_t> people{leeds, bradford};
  std::vector<std::int64_t> allocations;
  std::set<std::int64_t> with_facts;
  const std::vector<FieldInput> views{{{"scope", "national"}},
                                      {{"scope", "national"}, {"characteristic", "ethnicity"}, {"compare", "settled_first_night"}},
                                      {{"scope", "region"}, {"code", "YH"}, {"characteristic", "age_band"}},
                                      {{"scope", "pdu"}, {"code", "LDS"}},
                                      {{"scope", "prison"}, {"code", "HAI"}, {"compare", "recalled"}},
                                      {{"scope", "team"}, {"code", "LDS-A"}}};
  for (int round = 0; round < 5; ++round) {
    for (int write = 0; write < 12; ++write) {
      auto person = people[static_cast<std::size_t>(pick(static_cast<int>(people.size())))];
      auto tx = store->begin_write();
      switch (pick(6)) {
        case 0: {
          auto added = test_support::person_named("P", "Q", test_support::prison_number_for(100 + round * 20 + write),
                                                  "X" + std::to_string(1000 + round * 20 + write),
                                                  pick(2) ? "LEI" : "HAI", pick(2) ? "LDS" : "BRD");
          added.date_of_birth = add_days(Date{1960y / January / 1}, pick(16000));
          people.push_back(tx->people().insert(added));
          break;
        }
        case 1:
          allocations.push_back(tx->allocations().insert(
              {0, person, pick(2) ? com.id : manager.id, "", pick(3) ? Role::com : Role::pom, some_day(), std::nullopt, "test"}));
          break;
        case 2:
          if (!allocations.empty())
            tx->allocations().end(allocations[static_cast<std::size_t>(pick(static_cast<int>(allocations.size())))],
                                  some_day());
          break;
        case 3: {
          ReleaseDayRecord record;
          record.person_id = person;
          record.release = {some_day(), "09:30", pick(2) ? "LEI" : "HAI"};
          if (pick(2)) record.arrangements.tonight = FirstNightAccommodation::settled;
          record.recorded_by = manager.id;
          tx->release_days().insert(record);
          break;
        }
        case 4:
          if (with_facts.insert(person).second) {
            auto facts = read_equality_facts(facts_input(pick(2) ? "female" : "male"), clock_at.today());
            facts.person_id = person;
            facts.recorded_by = manager.id;
            tx->equality_facts().save(facts, 0);
          }
          break;
        case 5:  // a move of team changes whose cases the team's figures count
          tx->staff().update_working_pattern(com.id, {pick(2) ? "LDS-A" : "", 100, {}, std::nullopt, std::nullopt});
          break;
      }
      tx->commit();
    }
    // Each unit within a scope counts what the unit's own view counts (two ways of putting people in units).
    auto settled = static_cast<std::size_t>(Measure::settled_first_night);
    for (const auto& [kind, code] : {std::pair{"region", "YH"}, std::pair{"pdu", "LDS"}}) {
      FieldInput query{{"scope", kind}, {"code", code}, {"compare", "settled_first_night"}};
      for (const auto& unit : services::insight_report(*store, clock_at, admin, query, show_all, memo).units.units) {
        FieldInput own{{"scope", std::string{entry_for(scope_kinds(), unit.unit.kind).code}}, {"code", unit.unit.code}};
        auto unit_view = services::insight_report(*store, clock_at, admin, own, show_all, memo);
        EXPECT_EQ(unit.people, unit_view.measures[settled].total.people) << unit.unit.code;
        EXPECT_EQ(unit.met, unit_view.measures[settled].total.met) << unit.unit.code;
      }
    }
    for (const auto& view : views) {
      services::InsightMemo afresh;
      EXPECT_EQ(figures_in(services::insight_report(*store, clock_at, admin, view, show_all, memo)),
                figures_in(services::insight_report(*store, clock_at, admin, view, show_all, afresh)))
          << "round " << round << ", view " << view.at("scope");
    }
  }
}

TEST_P(InsightReportTest, FiguresThatDependOnTheDayAreRightTheNextDayWithoutAWrite) {
  const DisclosureRules show_all{1, 0.1};
  {
    auto tx = store->begin_write();
    ReleaseDayRecord record;
    record.person_id = leeds;
    record.release = {2026y / October / 27, "09:30", "LEI"};  // 6 weeks on: 8 December
    record.recorded_by = manager.id;
    tx->release_days().insert(record);
    tx->commit();
  }
  FieldInput query{{"scope", "pdu"}, {"code", "LDS"}, {"from", "2026-01-01"}, {"to", "2026-12-31"}};
  auto six_weeks = static_cast<std::size_t>(ProgressMeasure::settled_accommodation_6_weeks);
  auto today = services::insight_report(*store, clock_at, manager, query, show_all, memo);
  EXPECT_EQ(today.progress[six_weeks].split.total.people, 0);  // not come yet on 7 December
  const services::FixedClock tomorrow{clock_at.now() + 24h};
  auto next_day = services::insight_report(*store, tomorrow, manager, query, show_all, memo);
  EXPECT_EQ(next_day.progress[six_weeks].split.total.people, 1);
  services::InsightMemo afresh;
  EXPECT_EQ(figures_in(next_day), figures_in(services::insight_report(*store, tomorrow, manager, query, show_all, afresh)));
}

TEST_P(InsightReportTest, EveryWriteToARecordInsightReadsLogsItsPerson) {
  // Written with SQL of their own, as any code path might: the triggers log the person all the same.
  auto log = [&](auto read) {
    auto tx = store->begin_read();
    return read(tx->insight());
  };
  auto latest = [&] { return log([](store::InsightRepository& l) { return l.latest_entry(); }); };
  auto since = [&](std::int64_t entry) { return log([&](store::InsightRepository& l) { return l.changed_since(entry); }); };
  auto id = std::to_string(leeds);
  auto staff = std::to_string(manager.id);
  const std::vector<std::string> writes{
      "UPDATE person SET date_of_birth = '1990-05-18' WHERE id = " + id,
      "UPDATE person SET pdu_code = 'BRD' WHERE id = " + id,
      "UPDATE case_dates SET com_allocated_date = '2026-03-01' WHERE person_id = " + id,
      "INSERT INTO allocation (person_id, staff_id, role, from_date) VALUES (" + id + ", " + staff + ", 'com', '2026-01-01')",
      "UPDATE allocation SET to_date = '2026-02-01' WHERE person_id = " + id,
      "INSERT INTO release_day_record (person_id, released_on, released_at, prison_code, recorded_by) VALUES (" + id +
          ", '2026-06-10', '09:30', 'LEI', " + staff + ")",
      "UPDATE release_day_record SET tonight = 'settled' WHERE person_id = " + id,
      "INSERT INTO recall (person_id, status, started_by, started_on, trigger) VALUES (" + id + ", 'considering', " +
          staff + ", '2026-07-01', 'both')",
      "UPDATE recall SET reasons = 'changed' WHERE person_id = " + id,
      "INSERT INTO needs_assessment (person_id, kind, assessed_on, assessed_by) VALUES (" + id +
          ", 'resettlement_assessment', '2026-05-01', 'Sam')",
      "INSERT INTO needs_pathway (assessment_id, pathway, need_level, source) SELECT max(id), 'health', 'low', 'person' "
          "FROM needs_assessment",
      "UPDATE needs_pathway SET need_level = 'high'",
      "INSERT INTO outcome_snapshot (person_id, milestone, recorded_on) VALUES (" + id + ", 'release', '2026-06-10')",
      "INSERT INTO outcome_pathway (snapshot_id, pathway, level) SELECT max(id), 'accommodation', 'settled' "
          "FROM outcome_snapshot",
      "UPDATE outcome_pathway SET level = 'at_risk'",
      "INSERT INTO referral (person_id, service_id, kind, status, reason_for_referral) VALUES (" + id +
          ", 'svc', 'standard', 'draft', 'help')",
      "UPDATE referral SET status = 'sent' WHERE person_id = " + id,
      "INSERT INTO referral_step (referral_id, position, status, on_date, recorded_by) SELECT max(id), 1, 'sent', "
          "'2026-06-01', 'Sam' FROM referral",
  };
  // A service to refer to, no one's record.
  raw_execute("INSERT INTO organisation (id, name) VALUES ('org', 'Org');"
              "INSERT INTO service (id, organization_id, name, status) VALUES ('svc', 'org', 'Service', 'active')");
  for (const auto& sql : writes) {
    auto before = latest();
    raw_execute(sql);
    EXPECT_EQ(since(before), std::vector<std::int64_t>{leeds}) << sql;
  }
  auto before = latest();
  {
    auto tx = store->begin_write();
    tx->staff().update_working_pattern(com.id, {"", 100, {}, std::nullopt, std::nullopt});  // com holds no case: no one
    tx->commit();
  }
  EXPECT_TRUE(since(before).empty());
  test_support::allocate(*store, bradford, com.id);
  before = latest();
  {
    auto tx = store->begin_write();
    tx->staff().update_working_pattern(com.id, {"LDS-A", 100, {}, std::nullopt, std::nullopt});
    tx->commit();
  }
  EXPECT_EQ(since(before), std::vector<std::int64_t>{bradford});  // whose cases team A counts has changed
}

namespace {

// A write insight reads: a release day record for the person, released on `on`.
void record_release(store::Store& store, std::int64_t person_id, Date on, std::int64_t recorded_by) {
  auto tx = store.begin_write();
  ReleaseDayRecord record;
  record.person_id = person_id;
  record.release = {on, "09:30", "LEI"};
  record.arrangements.tonight = FirstNightAccommodation::settled;
  record.recorded_by = recorded_by;
  tx->release_days().insert(record);
  tx->commit();
}

}  // namespace

TEST_P(InsightReportTest, FiguresMadeAheadSpareTheRequestsOfTheDay) {
  const DisclosureRules show_all{1, 0.1};
  FieldInput query{{"scope", "pdu"}, {"code", "LDS"}};  // the default period, as most views ask
  services::keep_figures_ready(*store, clock_at, memo, 1h);
  auto offered = offered_periods(clock_at.today());
  EXPECT_EQ(memo.made_afresh(), offered.size());  // 10:00: today's only, midnight is further than an hour off
  record_release(*store, leeds, 2026y / November / 10, manager.id);
  auto view = services::insight_report(*store, clock_at, manager, query, show_all, memo);
  EXPECT_EQ(memo.made_afresh(), offered.size());  // brought up to date with the release, not made again
  for (const auto& period : offered) {  // every period the page offers is ready, not only the default
    auto chosen = query;
    chosen["from"] = to_iso(period.period.from);
    chosen["to"] = to_iso(period.period.to);
    services::insight_report(*store, clock_at, manager, chosen, show_all, memo);
  }
  EXPECT_EQ(memo.made_afresh(), offered.size());
  EXPECT_EQ(view.offered.size(), offered.size());
  EXPECT_EQ(view.measures[static_cast<std::size_t>(Measure::settled_first_night)].total.met, 1);
  services::InsightMemo afresh;
  EXPECT_EQ(figures_in(view), figures_in(services::insight_report(*store, clock_at, manager, query, show_all, afresh)));
  EXPECT_EQ(afresh.made_afresh(), 1u);  // a server that made none ahead makes them on the first request
}

TEST_P(InsightReportTest, TheNextDaysFiguresAreMadeBeforeMidnightAndFollowTheWritesAfter) {
  const DisclosureRules show_all{1, 0.1};
  FieldInput query{{"scope", "pdu"}, {"code", "LDS"}};
  const services::FixedClock late{sys_days{2026y / December / 7} + 23h + 30min};
  const services::FixedClock next_morning{sys_days{2026y / December / 8} + 5min};
  auto offered = offered_periods(late.today()).size();
  services::keep_figures_ready(*store, late, memo, 1h);
  EXPECT_EQ(memo.made_afresh(), 2 * offered);  // today's and, within the hour before midnight, tomorrow's
  services::keep_figures_ready(*store, late, memo, 1h);
  EXPECT_EQ(memo.made_afresh(), 2 * offered);  // made once: a later round only brings them up to date
  record_release(*store, leeds, 2026y / October / 27, manager.id);  // before midnight, after they were made
  auto view = services::insight_report(*store, next_morning, manager, query, show_all, memo);
  EXPECT_EQ(memo.made_afresh(), 2 * offered);
  auto six_weeks = static_cast<std::size_t>(ProgressMeasure::settled_accommodation_6_weeks);
  EXPECT_EQ(view.progress[six_weeks].split.total.people, 1);  // six weeks on is 8 December: as of the new day
  services::InsightMemo afresh;
  EXPECT_EQ(figures_in(view), figures_in(services::insight_report(*store, next_morning, manager, query, show_all, afresh)));
}

TEST_P(InsightReportTest, TheChangeLogIsTrimmedOfWhatNoKeptFiguresNeed) {
  const DisclosureRules show_all{1, 0.1};
  FieldInput query{{"scope", "national"}};
  services::InsightMemo other_server;  // its figures follow the log from before the trim
  services::insight_report(*store, clock_at, admin, query, show_all, other_server);
  for (int day = 1; day <= 3; ++day) record_release(*store, leeds, Date{2026y / November / day}, manager.id);
  record_release(*store, bradford, 2026y / November / 4, manager.id);
  auto logged = std::stoll(raw_text("SELECT count(*) FROM insight_change"));
  ASSERT_GE(logged, 4);
  EXPECT_EQ(services::keep_figures_ready(*store, clock_at, memo, 1h), logged - 1);  // all but the latest
  EXPECT_EQ(raw_text("SELECT count(*) FROM insight_change"), "1");
  EXPECT_EQ(services::keep_figures_ready(*store, clock_at, memo, 1h), 0);  // nothing more to trim
  {
    auto tx = store->begin_read();
    EXPECT_EQ(tx->insight().trimmed_up_to(), tx->insight().latest_entry() - 1);
  }
  record_release(*store, bradford, 2026y / November / 5, manager.id);  // ids keep rising past the trim
  auto kept = services::insight_report(*store, clock_at, admin, query, show_all, memo);
  EXPECT_EQ(memo.made_afresh(), offered_periods(clock_at.today()).size());  // made ahead, none on the request
  auto elsewhere = services::insight_report(*store, clock_at, admin, query, show_all, other_server);
  EXPECT_EQ(other_server.made_afresh(), 2u);  // entries it needed are gone: it made its figures afresh
  EXPECT_EQ(figures_in(kept), figures_in(elsewhere));
  EXPECT_EQ(kept.measures[static_cast<std::size_t>(Measure::settled_first_night)].total.people, 2);
}

TEST_P(InsightReportTest, TheCasesBehindTheOfficerChangeRatesAreThoseWithALeadOfficerAndTheirChanges) {
  test_support::allocate(*store, leeds, com.id, 2026y / June / 1);
  {
    auto tx = store->begin_write();  // a new lead the day after: one change, dated in the period
    tx->allocations().insert({0, leeds, manager.id, "", Role::pom, 2026y / June / 2, std::nullopt, "caseload"});
    tx->commit();
  }
  test_support::allocate(*store, bradford, com.id);  // the same lead throughout: no change
  const DisclosureRules show_all{1, 0.1};
  FieldInput query{{"scope", "national"}, {"measure", "officer_changes"}, {"from", "2026-01-01"}};
  auto report = services::insight_report(*store, clock_at, admin, query, show_all, memo);
  ASSERT_EQ(report.officer_changes.total.people, 2);
  ASSERT_EQ(report.officer_changes.total.changes, 1);
  auto listed = services::insight_cases(*store, clock_at, admin, query, show_all, memo);
  EXPECT_EQ(listed.measure.code, "officer_changes");
  EXPECT_EQ(listed.counted, 2);  // as the rates' People column
  auto changed = query;
  changed["met"] = "yes";
  auto with_a_change = services::insight_cases(*store, clock_at, admin, changed, show_all, memo);
  ASSERT_EQ(with_a_change.people.size(), 1u);
  EXPECT_EQ(with_a_change.people[0].id, leeds);
  EXPECT_TRUE(services::insight_cases(*store, clock_at, admin, query, {}, memo).hidden);  // 2 people: under 5
}

TEST_P(InsightReportTest, TheUnitsWithinAreComparedOnTheOfficerChangeRate) {
  test_support::allocate(*store, leeds, com.id, 2026y / June / 1);
  {
    auto tx = store->begin_write();  // a new lead the day after: one change, dated in the period
    tx->allocations().insert({0, leeds, manager.id, "", Role::pom, 2026y / June / 2, std::nullopt, "caseload"});
    tx->commit();
  }
  test_support::allocate(*store, bradford, com.id);
  const DisclosureRules show_all{1, 0.1};
  FieldInput query{{"scope", "national"}, {"compare", "officer_changes"}, {"from", "2026-01-01"}};
  auto national = services::insight_report(*store, clock_at, admin, query, show_all, memo);
  EXPECT_EQ(national.compared.code, "officer_changes");
  EXPECT_TRUE(national.units.by_rate);
  ASSERT_EQ(national.units.units.size(), 1u);  // Yorkshire holds everyone, so its rate is the total's
  const auto& region = national.units.units[0];
  EXPECT_EQ(region.people, 2);
  EXPECT_EQ(region.changes, 1);
  EXPECT_EQ(region.days, national.officer_changes.total.days);
  ASSERT_TRUE(region.per_six_months);
  EXPECT_DOUBLE_EQ(*region.per_six_months, *national.officer_changes.total.per_six_months);
  EXPECT_FALSE(region.share);
  auto by_region = services::insight_report(*store, clock_at, admin,
                                            {{"scope", "region"}, {"code", "YH"}, {"compare", "officer_changes"},
                                             {"from", "2026-01-01"}},
                                            show_all, memo);
  for (const auto& unit : by_region.units.units) {  // Leeds PDU and prison hold Sam; Bradford's hold Jo
    if (unit.people == 0) continue;
    EXPECT_EQ(unit.changes, unit.unit.code == "LDS" || unit.unit.code == "LEI" ? 1 : 0) << unit.unit.code;
  }
  auto hidden = services::insight_report(*store, clock_at, admin, query, {}, memo);
  EXPECT_TRUE(hidden.units.units[0].hidden);  // 2 people: under 5
  EXPECT_FALSE(hidden.units.units[0].per_six_months);
}

namespace {

Referral referral_to(std::int64_t person_id, std::string service_id, std::vector<std::pair<ReferralStatus, Date>> steps) {
  Referral referral;
  referral.person_id = person_id;
  referral.service_id = std::move(service_id);
  for (auto [status, on] : steps) referral.history.push_back({status, on, "Sam", status == ReferralStatus::ended_early ? "moved" : ""});
  referral.status = referral.history.back().status;
  return referral;
}

Service service_on(std::string id, std::string name, std::vector<Pathway> on) {
  Service service;
  service.id = std::move(id);
  service.organisation_id = "org";
  service.name = std::move(name);
  service.pathways = std::move(on);
  return service;
}

}  // namespace

TEST_P(InsightReportTest, ReferralsAreCountedByServiceAndByPathwayForEachGroup) {
  services::record_equality_facts(*store, clock_at, manager, leeds, facts_input("female"), 0);
  {
    auto tx = store->begin_write();
    tx->directory().save_organisation({"org", "Org", "", "", ""});
    tx->directory().save_service(service_on("svc-home", "Homes first", {Pathway::accommodation}));
    tx->directory().save_service(
        service_on("svc-work", "Work and money", {Pathway::education_training_employment, Pathway::finance_benefits_debt}));
    using enum ReferralStatus;
    tx->referrals().insert(referral_to(leeds, "svc-home", {{sent, 2026y / March / 2}, {accepted, 2026y / March / 5},
                                                           {started, 2026y / March / 9}, {completed, 2026y / June / 1}}));
    tx->referrals().insert(referral_to(leeds, "svc-home", {{sent, 2026y / April / 2}}));  // the same service again
    tx->referrals().insert(referral_to(leeds, "svc-work", {{sent, 2026y / May / 2}, {accepted, 2026y / May / 3}}));
    tx->referrals().insert(referral_to(bradford, "svc-work", {{sent, 2026y / May / 2}, {accepted, 2026y / May / 4},
                                                              {started, 2026y / May / 9}, {ended_early, 2026y / June / 9}}));
    tx->referrals().insert(referral_to(bradford, "svc-home", {{sent, 2025y / May / 2}}));  // before the period
    tx->commit();
  }
  const DisclosureRules show_all{1, 0.1};
  FieldInput query{{"scope", "national"}, {"from", "2026-01-01"}};
  auto everyone = services::insight_report(*store, clock_at, admin, query, show_all, memo);
  EXPECT_EQ(everyone.referrals_group.code, "total");
  const auto& by_service = everyone.referrals.by_service.rows;
  ASSERT_EQ(by_service.size(), 2u);  // by name
  EXPECT_EQ(by_service[0].label, "Homes first");
  EXPECT_EQ(by_service[0].people, (std::array<int, 4>{1, 1, 1, 1}));  // Sam once, however many referrals
  EXPECT_EQ(by_service[1].label, "Work and money");
  EXPECT_EQ(by_service[1].people, (std::array<int, 4>{2, 2, 1, 0}));  // ended early is not completed
  const auto& by_pathway = everyone.referrals.by_pathway.rows;
  ASSERT_EQ(by_pathway.size(), pathways().size());
  EXPECT_EQ(by_pathway[0].code, "accommodation");
  EXPECT_EQ(by_pathway[0].people, (std::array<int, 4>{1, 1, 1, 1}));
  EXPECT_EQ(by_pathway[1].people, (std::array<int, 4>{2, 2, 1, 0}));  // education, training and employment
  EXPECT_EQ(by_pathway[2].people, (std::array<int, 4>{0, 0, 0, 0}));  // health: no service on it
  auto completed = static_cast<std::size_t>(ProgressMeasure::referral_completed);
  EXPECT_EQ(everyone.progress[completed].split.total.people, 2);
  EXPECT_EQ(everyone.progress[completed].split.total.met, 1);

  auto women = query;
  women["referrals_group"] = "female";
  auto of_women = services::insight_report(*store, clock_at, admin, women, show_all, memo);
  EXPECT_EQ(of_women.referrals_group.label, "Female");
  ASSERT_EQ(of_women.referrals.by_service.rows.size(), 2u);
  EXPECT_EQ(of_women.referrals.by_service.rows[1].people, (std::array<int, 4>{1, 1, 0, 0}));  // Sam only

  auto behind = query;
  behind["measure"] = "referrals_by_pathway";
  behind["row"] = "education_training_employment";
  behind["stage"] = "started";
  auto started = services::insight_cases(*store, clock_at, admin, behind, show_all, memo);
  EXPECT_EQ(started.measure.title, "Referrals by pathway: Education, training and employment, Started");
  ASSERT_EQ(started.people.size(), 1u);
  EXPECT_EQ(started.people[0].id, bradford);
  behind["measure"] = "referrals_by_service";
  behind["row"] = "svc-home";
  behind["stage"] = "completed";
  auto done = services::insight_cases(*store, clock_at, admin, behind, show_all, memo);
  ASSERT_EQ(done.people.size(), 1u);
  EXPECT_EQ(done.people[0].id, leeds);
  EXPECT_TRUE(services::insight_cases(*store, clock_at, admin, behind, {}, memo).hidden);  // 1 person: under 5

  auto bad = query;
  bad["referrals_group"] = "nobody";
  EXPECT_EQ(test_support::failed_fields([&] { services::insight_report(*store, clock_at, admin, bad, show_all, memo); }),
            std::vector<std::string>{"referrals_group"});
  behind["row"] = "";
  behind["stage"] = "finished";
  EXPECT_EQ(test_support::failed_fields([&] { services::insight_cases(*store, clock_at, admin, behind, show_all, memo); }),
            (std::vector<std::string>{"row", "stage"}));
}

TEST_P(InsightReportTest, AStoppedRoundMakesNothingAndLeavesTheFiguresToTheirNextUse) {
  std::stop_source stopping;
  stopping.request_stop();  // as the server stopping while a round is under way
  record_release(*store, leeds, 2026y / November / 10, manager.id);
  EXPECT_EQ(services::keep_figures_ready(*store, clock_at, memo, 1h, stopping.get_token()), 0);
  EXPECT_EQ(memo.made_afresh(), 0u);
  {
    auto tx = store->begin_read();
    EXPECT_EQ(tx->insight().trimmed_up_to(), 0);  // nothing trimmed either
  }
  const DisclosureRules show_all{1, 0.1};
  FieldInput query{{"scope", "national"}};
  auto view = services::insight_report(*store, clock_at, admin, query, show_all, memo);
  EXPECT_EQ(memo.made_afresh(), 1u);  // the request makes them, as with no round at all
  services::InsightMemo afresh;
  EXPECT_EQ(figures_in(view), figures_in(services::insight_report(*store, clock_at, admin, query, show_all, afresh)));
  services::keep_figures_ready(*store, clock_at, memo, 1h, stopping.get_token());  // the default is made: the next stops
  EXPECT_EQ(memo.made_afresh(), 1u);
}
