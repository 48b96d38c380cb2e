// Limited-access cases on each backend: every list, search, worklist and partner inbox
// leaves out the cases a member of staff may not see (in SQL, so pagination stays right), every
// single-record read and write answers "not found" and is audited, and the lists are managed
// with their reasons journalled.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "domain/errors.hpp"
#include "domain/referrals/referral.hpp"
#include "services/people/case_records.hpp"
#include "services/limited_access/limited_access.hpp"
#include "services/referrals/referrals.hpp"
#include "services/responsibility/responsibility.hpp"
#include "both_backends.hpp"

using namespace resettle;
using namespace std::chrono;
using enum AccessList;

namespace {

const services::FixedClock clock_at{sys_days{2026y / March / 15} + 10h};
const Date today{2026y / March / 15};

class LimitedAccessTest : public test_support::BothBackendsTest {
 protected:
  void SetUp() override {
    BothBackendsTest::SetUp();
    if (IsSkipped()) return;
    auto tx = store->begin_write();
    for (auto* staff : {&pom, &com, &manager, &other_manager, &admin, &partner})
      staff->id = tx->staff().insert(*staff, "not-a-real-hash");
    tx->directory().save_organisation({"org-1", "Riverside Advice", "Debt and money advice", "", ""});
    Service debt_advice;
    debt_advice.id = "svc-1";
    debt_advice.organisation_id = "org-1";
    debt_advice.name = "Debt advice";
    tx->directory().save_service(debt_advice);
    tx->commit();
  }

  // Someone in HMP Leeds supervised by the Leeds PDU: every member of staff here may see them.
  std::int64_t add_person(const std::string& family_name) {
    static int next = 0;
    std::string number = "A" + std::to_string(1000 + ++next) + "BC";
    return services::add_person(*store, clock_at, manager,
                                {{"given_name", "Sam"}, {"family_name", family_name}, {"date_of_birth", "1990-05-17"},
                                 {"prison_number", number}, {"prison_code", "LEI"}, {"pdu_code", "LDS"}})
        .id;
  }

  void limit(std::int64_t person_id, AccessList list, const StaffMember& staff) {
    auto tx = store->begin_write();
    tx->limited_access().add(person_id, {list, staff.id, "Knows the victim"}, manager.id);
    tx->commit();
  }

  // Handover, release and COM allocation all due soon, with no COM allocated: on every worklist.
  void due_on_every_worklist(std::int64_t person_id) {
    auto tx = store->begin_write();
    CaseDates dates;
    dates.person_id = person_id;
    dates.responsibility = Responsibility::pom_with_com;
    dates.com_allocated_date = today;
    dates.handover_date = add_days(today, 7);
    dates.release_date = add_days(today, 30);
    dates.worked_out_on = today;
    tx->case_dates().save(dates);
    tx->commit();
  }

  std::int64_t sent_referral(std::int64_t person_id) {
    Referral referral;
    referral.person_id = person_id;
    referral.service_id = "svc-1";
    referral.reason_for_referral = "Debts";
    referral.consent = {true, today, "Alex", "Name"};
    referral.history = {{ReferralStatus::draft, today, "Alex", ""}};
    auto sent = transition(referral, ReferralStatus::sent, today, "Alex", "");
    sent.organisation_id = "org-1";
    auto tx = store->begin_write();
    auto id = tx->referrals().insert(sent);
    tx->commit();
    return id;
  }

  std::vector<std::int64_t> listed(const StaffMember& viewer, const std::string& search = "") {
    store::PersonFilter filter;
    filter.search = search;
    std::vector<std::int64_t> ids;
    for (const auto& person : services::list_people(*store, viewer, filter, {std::nullopt, 200}).items)
      ids.push_back(person.id);
    // The caseload page's whole-unit view reads summaries: it must hide the same cases.
    std::vector<std::int64_t> summarised;
    for (const auto& person : services::unit_caseload(*store, viewer, search, {std::nullopt, 200}).items)
      summarised.push_back(person.id);
    EXPECT_EQ(summarised, ids) << viewer.username;
    return ids;
  }

  static std::set<std::int64_t> ids(const store::Page<store::WorklistEntry>& page) {
    std::set<std::int64_t> result;
    for (const auto& entry : page.items) result.insert(entry.person.id);
    return result;
  }

  std::set<std::int64_t> on_worklists(const StaffMember& viewer) {
    std::set<std::int64_t> all;
    for (const auto& list : {services::handovers_due(*store, viewer, today, 4, {}),
                             services::releases_due(*store, viewer, today, {}),
                             services::without_com(*store, viewer, today, {})}) {
      EXPECT_FALSE(list.items.empty());
      for (auto id : ids(list)) all.insert(id);
    }
    return all;
  }

  // allowed flags of the access log for one person, oldest first
  std::vector<int> audit_of(std::int64_t person_id) { return access_log_allowed(person_id); }

  std::vector<Event> events_of(std::int64_t person_id, const std::string& kind) {
    std::vector<Event> found;
    for (const auto& event : store->begin_read()->journal().for_person(person_id, {std::nullopt, 200}).items)
      if (event.kind == kind) found.push_back(event);
    return found;
  }

  static StaffMember staff(std::string username, Role role, std::string prison, std::string pdu,
                           std::string organisation = "") {
    return {0, username, "Staff " + username, role, std::move(prison), std::move(pdu), std::move(organisation), "", true};
  }

  StaffMember pom = staff("pom", Role::pom, "LEI", "");
  StaffMember com = staff("com", Role::com, "", "LDS");
  StaffMember manager = staff("manager", Role::manager, "LEI", "LDS");
  StaffMember other_manager = staff("manager.two", Role::manager, "LEI", "LDS");
  StaffMember admin = staff("admin", Role::admin, "", "");
  StaffMember partner = [] {
    auto member = staff("partner", Role::partner, "", "", "Riverside Advice");
    member.organisation_id = "org-1";
    return member;
  }();
};

INSTANTIATE_TEST_SUITE_P(Backends, LimitedAccessTest,
                         ::testing::Values(test_support::Backend::sqlite, test_support::Backend::postgresql),
                         test_support::backend_name);

TEST_P(LimitedAccessTest, AnExclusionHidesTheCaseFromListsAndSearchForThatMemberOfStaffOnly) {
  auto excluded = add_person("Excluded");
  auto open = add_person("Open");
  limit(excluded, exclusion, pom);
  EXPECT_EQ(listed(pom), std::vector{open});
  EXPECT_TRUE(listed(pom, "Excluded").empty());
  auto prison_number = store->begin_read()->people().find(excluded)->prison_number;
  EXPECT_TRUE(listed(pom, prison_number).empty());
  EXPECT_EQ(listed(com), (std::vector{excluded, open}));
  EXPECT_EQ(listed(com, prison_number), std::vector{excluded});
  EXPECT_EQ(listed(admin), (std::vector{excluded, open}));
}

TEST_P(LimitedAccessTest, ARestrictionListHidesTheCaseFromEveryoneNotOnItAdministratorsIncluded) {
  auto restricted = add_person("Restricted");
  auto open = add_person("Open");
  limit(restricted, restriction, manager);
  limit(restricted, restriction, com);
  EXPECT_EQ(listed(manager), (std::vector{restricted, open}));
  EXPECT_EQ(listed(com), (std::vector{restricted, open}));
  EXPECT_EQ(listed(pom), std::vector{open});
  EXPECT_EQ(listed(admin), std::vector{open});
  EXPECT_EQ(listed(other_manager), std::vector{open});
}

TEST_P(LimitedAccessTest, TheCaseloadFilterHidesALimitedCaseEvenFromItsAllocatedPractitioner) {
  auto person = add_person("Allocated");
  {
    auto tx = store->begin_write();
    tx->allocations().insert({0, person, pom.id, "", Role::pom, today, std::nullopt, "caseload"});
    tx->commit();
  }
  EXPECT_EQ(services::caseload(*store, pom, "", {std::nullopt, 50}).items.size(), 1u);
  limit(person, exclusion, pom);
  EXPECT_TRUE(services::caseload(*store, pom, "", {std::nullopt, 50}).items.empty());
}

// Lists read a flag on their own rows; rows made after the entry (an allocation, case dates, a move)
// must carry it too.
TEST_P(LimitedAccessTest, ACaseLimitedBeforeItReachesAListIsHiddenThere) {
  auto excluded = add_person("Excluded");
  auto open = add_person("Open");
  limit(excluded, exclusion, pom);
  for (auto id : {excluded, open}) {
    auto tx = store->begin_write();
    tx->allocations().insert({0, id, pom.id, "", Role::pom, today, std::nullopt, "caseload"});
    auto person = *tx->people().find(id);
    person.pdu_code = "BRD";  // moved on probation: their unit rows are written again
    tx->people().update(person, person.version);
    tx->commit();
    due_on_every_worklist(id);
  }
  std::vector<std::int64_t> on_caseload;
  for (const auto& person : services::caseload(*store, pom, "", {std::nullopt, 50}).items)
    on_caseload.push_back(person.id);
  EXPECT_EQ(on_caseload, std::vector{open});
  EXPECT_EQ(listed(pom), std::vector{open});
  EXPECT_EQ(on_worklists(pom), std::set<std::int64_t>{open});
  EXPECT_EQ(on_worklists(manager), (std::set<std::int64_t>{excluded, open}));
}

TEST_P(LimitedAccessTest, EndedEntriesNoLongerLimitAccessAndAreKept) {
  auto person = add_person("Ended");
  limit(person, exclusion, pom);
  limit(person, restriction, manager);
  {
    auto tx = store->begin_write();
    auto current = tx->limited_access().current_for_person(person);
    ASSERT_EQ(current.size(), 2u);
    EXPECT_EQ(current[0].staff_username, "pom");
    EXPECT_EQ(current[0].staff_name, "Staff pom");
    EXPECT_EQ(current[0].added_by_name, "Staff manager");
    EXPECT_EQ(current[0].reason, "Knows the victim");
    EXPECT_FALSE(current[0].added_at.empty());
    for (const auto& entry : current) EXPECT_EQ(tx->limited_access().end(person, entry.id, manager.id), store::EndedEntry::ended);
    EXPECT_EQ(tx->limited_access().end(person, current[0].id, manager.id), store::EndedEntry::already_ended);
    EXPECT_EQ(tx->limited_access().end(person + 1, current[0].id, manager.id), store::EndedEntry::no_such_entry);
    EXPECT_TRUE(tx->limited_access().current_for_person(person).empty());
    tx->commit();
  }
  EXPECT_EQ(listed(pom), std::vector{person});
  EXPECT_TRUE(refused("DELETE FROM limited_access")) << "never deleted";
}

TEST_P(LimitedAccessTest, PagesStayFullAndWalkEveryVisiblePersonOnce) {
  std::vector<std::int64_t> people;
  for (int i = 0; i < 7; ++i) people.push_back(add_person("Paged"));
  for (int i : {1, 2, 5}) limit(people[i], exclusion, pom);
  std::vector<std::int64_t> walked;
  store::PageRequest page{std::nullopt, 2};
  do {
    auto result = services::list_people(*store, pom, {}, page);
    EXPECT_TRUE(result.items.size() == 2 || !result.next_cursor);
    for (const auto& person : result.items) walked.push_back(person.id);
    page.cursor = result.next_cursor;
  } while (page.cursor);
  EXPECT_EQ(walked, (std::vector{people[0], people[3], people[4], people[6]}));
}

TEST_P(LimitedAccessTest, WorklistsHideALimitedCaseFromStaffWhoMayNotSeeIt) {
  auto excluded = add_person("Excluded");
  auto restricted = add_person("Restricted");
  auto open = add_person("Open");
  for (auto id : {excluded, restricted, open}) due_on_every_worklist(id);
  limit(excluded, exclusion, pom);
  limit(restricted, restriction, manager);
  EXPECT_EQ(on_worklists(pom), (std::set{open}));
  EXPECT_EQ(on_worklists(com), (std::set{excluded, open}));
  EXPECT_EQ(on_worklists(manager), (std::set{excluded, restricted, open}));
  EXPECT_EQ(on_worklists(admin), (std::set{excluded, open}));
  // Each worklist on its own, too: none of them may forget the rule.
  EXPECT_EQ(ids(services::handovers_due(*store, pom, today, 4, {})), (std::set{open}));
  EXPECT_EQ(ids(services::releases_due(*store, pom, today, {})), (std::set{open}));
  EXPECT_EQ(ids(services::without_com(*store, pom, today, {})), (std::set{open}));
}

TEST_P(LimitedAccessTest, APartnerInboxLeavesOutCasesClosedToThePartnerWorker) {
  auto excluded = add_person("Excluded");
  auto open = add_person("Open");
  auto hidden_referral = sent_referral(excluded);
  auto shown_referral = sent_referral(open);
  limit(excluded, exclusion, partner);
  auto inbox = services::organisation_referrals(*store, clock_at, partner);
  ASSERT_EQ(inbox.size(), 1u);
  EXPECT_EQ(inbox.front().referral.id, shown_referral);
  EXPECT_NO_THROW(services::view_referral(*store, clock_at, partner, shown_referral));
  EXPECT_THROW(services::view_referral(*store, clock_at, partner, hidden_referral), NotFound);
  EXPECT_EQ(audit_of(excluded), std::vector<int>{0});
  // A restriction list the partner worker is not on closes the case to them as well.
  limit(open, restriction, manager);
  EXPECT_TRUE(services::organisation_referrals(*store, clock_at, partner).empty());
}

TEST_P(LimitedAccessTest, EverySingleRecordReadAndWriteOfAnExcludedCaseIsNotFoundAndAudited) {
  auto person = add_person("Excluded");
  auto sentence = services::record_sentence(*store, clock_at, manager, person,
                                            {{"sentence_type", "determinate"}, {"sentence_start_date", "2025-01-10"},
                                             {"sentence_length_days", "730"}, {"offence", "Burglary"}});
  auto referral = sent_referral(person);
  limit(person, exclusion, pom);
  auto audited_before = audit_of(person).size();
  EXPECT_THROW(services::view_person(*store, pom, person, "overview"), NotFound);
  EXPECT_THROW(services::person_timeline(*store, pom, person, {std::nullopt, 20}), NotFound);
  EXPECT_THROW(services::update_person(*store, clock_at, pom, person, {{"given_name", "Changed"}}, 1), NotFound);
  EXPECT_THROW(services::record_sentence(*store, clock_at, pom, person,
                                         {{"sentence_type", "determinate"}, {"sentence_start_date", "2025-01-10"},
                                          {"sentence_length_days", "365"}, {"offence", "Theft"}}),
               NotFound);
  EXPECT_THROW(services::find_sentence(*store, pom, sentence.id), NotFound);
  EXPECT_THROW(services::update_sentence(*store, clock_at, pom, sentence.id, {{"offence", "Robbery"}}, 1), NotFound);
  EXPECT_THROW(services::view_referral(*store, clock_at, pom, referral), NotFound);
  EXPECT_THROW(services::person_referrals(*store, clock_at, pom, person), NotFound);
  auto audit = audit_of(person);
  EXPECT_EQ(std::vector<int>(audit.begin() + static_cast<long>(audited_before), audit.end()), std::vector<int>(8, 0));
  auto refused = store->begin_read()->access_log().refused_for_person(person, 3);
  ASSERT_EQ(refused.size(), 3u);
  EXPECT_EQ(refused.front().what, "referrals");
  EXPECT_EQ(refused.front().staff_name, "Staff pom");
  EXPECT_EQ(refused.back().what, "change sentence");
  // Nothing changed.
  EXPECT_EQ(store->begin_read()->people().find(person)->given_name, "Sam");
  EXPECT_EQ(store->begin_read()->sentences().for_person(person).size(), 1u);
  // Others still read it, and see that access to it is limited.
  EXPECT_TRUE(services::view_person(*store, com, person, "overview").limited_access);
  EXPECT_FALSE(services::view_person(*store, com, add_person("Open"), "overview").limited_access);
}

TEST_P(LimitedAccessTest, StartingARestrictionListPutsTheManagerOnItAndJournalsEachEntryWithItsReason) {
  auto person = add_person("Restricted");
  auto entries = services::add_limited_access(*store, manager, person,
                                              {{"list", "restriction"}, {"username", "com"}, {"reason", "High-profile case"}});
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].staff_id, manager.id);
  EXPECT_EQ(entries[1].staff_id, com.id);
  auto added = events_of(person, "limited_access.added");
  ASSERT_EQ(added.size(), 2u);
  EXPECT_EQ(added[0].summary, "Staff com added to this case's restriction list");  // newest first
  EXPECT_EQ(added[1].summary, "Staff manager added to this case's restriction list");
  EXPECT_EQ(added[0].reason, "High-profile case");
  EXPECT_EQ(added[0].actor_name, "Staff manager");
  EXPECT_EQ(added[0].data["list"], "restriction");
  EXPECT_EQ(added[0].data["staff_id"], com.id);
  EXPECT_THROW(services::view_person(*store, pom, person, "overview"), NotFound);
  EXPECT_THROW(services::view_person(*store, admin, person, "overview"), NotFound);
  EXPECT_NO_THROW(services::view_person(*store, com, person, "overview"));
}

// Issue 19: a colleague reading the timeline learns only that access is limited, never who or why.
TEST_P(LimitedAccessTest, TheTimelineShowsColleaguesOnlyThatAccessIsLimited) {
  auto person = add_person("Excluding");
  auto entries = services::add_limited_access(*store, manager, person,
                                              {{"list", "exclusion"}, {"username", "com"}, {"reason", "Lives next door to the victim"}});
  services::end_limited_access(*store, manager, person, entries.front().id, {{"reason", "Moved away from the area"}});
  auto timeline_of = [&](const StaffMember& reader) {
    std::vector<Event> access;
    for (const auto& event : services::person_timeline(*store, reader, person, {std::nullopt, 50}).events.items)
      if (event.entity == "limited_access") access.push_back(event);
    return access;
  };
  auto seen_by_pom = timeline_of(pom);
  ASSERT_EQ(seen_by_pom.size(), 2u);
  EXPECT_EQ(seen_by_pom[0].summary, "A limit on who may see this case ended");
  EXPECT_EQ(seen_by_pom[1].summary, "Access to this case was limited");
  for (const auto& event : seen_by_pom) {
    EXPECT_EQ(event.reason, "");
    EXPECT_EQ(event.data, nlohmann::json::object());
    EXPECT_EQ(event.entity_id, 0);
    EXPECT_EQ(event.summary.find("Staff com"), std::string::npos);
  }
  // Whoever may manage the lists reads them whole.
  auto seen_by_manager = timeline_of(manager);
  ASSERT_EQ(seen_by_manager.size(), 2u);
  EXPECT_EQ(seen_by_manager[1].summary, "Staff com excluded from this case");
  EXPECT_EQ(seen_by_manager[1].reason, "Lives next door to the victim");
  EXPECT_EQ(seen_by_manager[0].reason, "Moved away from the area");
}

TEST_P(LimitedAccessTest, OnlyManagersAndAdministratorsWhoCanSeeTheCaseManageItsLists) {
  auto person = add_person("Managed");
  FieldInput exclude_com{{"list", "exclusion"}, {"username", "com"}, {"reason", "Knows the victim"}};
  EXPECT_THROW(services::view_limited_access(*store, pom, person), Forbidden);
  EXPECT_THROW(services::add_limited_access(*store, pom, person, exclude_com), Forbidden);
  EXPECT_EQ(services::add_limited_access(*store, admin, person, exclude_com).size(), 1u);
  EXPECT_THROW(services::add_limited_access(*store, admin, person, {{"list", "exclusion"}, {"username", "admin"}}),
               ValidationFailed);
  services::add_limited_access(*store, manager, person,
                               {{"list", "exclusion"}, {"username", "admin"}, {"reason", "Conflict of interest"}});
  EXPECT_THROW(services::view_limited_access(*store, admin, person), NotFound);
  EXPECT_THROW(services::add_limited_access(*store, admin, person, exclude_com), NotFound);
  EXPECT_THROW(services::add_limited_access(*store, manager, 999999, exclude_com), NotFound);
  auto view = services::view_limited_access(*store, manager, person);
  EXPECT_EQ(view.person.id, person);
  EXPECT_EQ(view.entries.size(), 2u);
  ASSERT_EQ(view.refused.size(), 2u);
  EXPECT_EQ(view.refused.front().staff_name, "Staff admin");
}

TEST_P(LimitedAccessTest, BadEntriesAreRefusedNamingTheField) {
  auto person = add_person("Checked");
  using test_support::failed_fields;
  EXPECT_EQ(failed_fields([&] { services::add_limited_access(*store, manager, person, {}); }),
            (std::vector<std::string>{"list", "username", "reason"}));
  EXPECT_EQ(failed_fields([&] {
              services::add_limited_access(*store, manager, person,
                                           {{"list", "exclusion"}, {"username", "nobody"}, {"reason", "x"}});
            }),
            std::vector<std::string>{"username"});
  EXPECT_EQ(failed_fields([&] {
              services::add_limited_access(*store, manager, person,
                                           {{"list", "exclusion"}, {"username", "manager"}, {"reason", "x"}});
            }),
            std::vector<std::string>{"username"});
  services::add_limited_access(*store, manager, person, {{"list", "exclusion"}, {"username", "pom"}, {"reason", "x"}});
  EXPECT_EQ(failed_fields([&] {
              services::add_limited_access(*store, manager, person,
                                           {{"list", "exclusion"}, {"username", "pom"}, {"reason", "again"}});
            }),
            std::vector<std::string>{"username"});
  EXPECT_EQ(events_of(person, "limited_access.added").size(), 1u);
}

TEST_P(LimitedAccessTest, EndingAnEntryIsJournalledRepeatableAndNeverLocksTheActorOut) {
  auto person = add_person("Ending");
  FieldInput because{{"reason", "Moved to another prison"}};
  services::add_limited_access(*store, manager, person,
                               {{"list", "exclusion"}, {"username", "pom"}, {"reason", "Knows the victim"}});
  auto entries = services::add_limited_access(
      *store, manager, person, {{"list", "restriction"}, {"username", "manager.two"}, {"reason", "High-profile case"}});
  ASSERT_EQ(entries.size(), 3u);  // pom excluded; manager and manager.two on the restriction list
  auto pom_exclusion = entries[0].id;
  auto own_restriction = entries[1].id;
  EXPECT_EQ(test_support::failed_fields([&] { services::end_limited_access(*store, manager, person, pom_exclusion, {}); }),
            std::vector<std::string>{"reason"});
  EXPECT_THROW(services::end_limited_access(*store, manager, person, own_restriction, because), Conflict);
  EXPECT_THROW(services::end_limited_access(*store, manager, person, 999999, because), NotFound);

  EXPECT_EQ(services::end_limited_access(*store, manager, person, pom_exclusion, because).size(), 2u);
  EXPECT_EQ(services::end_limited_access(*store, manager, person, pom_exclusion, because).size(), 2u);
  auto ended = events_of(person, "limited_access.ended");
  ASSERT_EQ(ended.size(), 1u) << "a repeated request changes nothing";
  EXPECT_EQ(ended[0].summary, "Staff pom's exclusion from this case ended");
  EXPECT_EQ(ended[0].reason, "Moved to another prison");
  EXPECT_EQ(ended[0].entity_id, pom_exclusion);

  // Another manager on the list takes the first one off; then, alone on it, lifts the restriction.
  services::end_limited_access(*store, other_manager, person, own_restriction, because);
  EXPECT_THROW(services::view_person(*store, manager, person, "overview"), NotFound);
  EXPECT_THROW(services::view_person(*store, pom, person, "overview"), NotFound);
  EXPECT_TRUE(services::end_limited_access(*store, other_manager, person, entries[2].id, because).empty());
  EXPECT_NO_THROW(services::view_person(*store, pom, person, "overview"));
  EXPECT_NO_THROW(services::view_person(*store, manager, person, "overview"));
}

}  // namespace
