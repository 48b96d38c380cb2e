// Case transfers, the handover meeting, overdue handovers and continuity, through the services
// and the SQLite store: what an acknowledgement changes, what stays put until then, the journal,
// versions, and the indexed overdue-handover query.
#include "services/transfers/transfers.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "domain/errors.hpp"
#include "services/allocation/allocations.hpp"
#include "services/people/case_records.hpp"
#include "services/allocation/continuity.hpp"
#include "services/responsibility/handovers.hpp"
#include "services/release/releases.hpp"
#include "services/plan/resettlement_plan.hpp"
#include "services/responsibility/responsibility.hpp"
#include "test_store.hpp"

using namespace resettle;
using namespace std::chrono;

namespace {

const services::FixedClock clock_at{sys_days{2026y / March / 16} + 10h};  // a Monday
const BankHolidays no_holidays;
Date day(const char* text) { return parse_iso_date(text).value(); }

FieldInput record(FieldInput input) {
  input.try_emplace("summary", "Settled; working in the kitchens");
  input.try_emplace("current_risks", "ROSH medium");
  input.try_emplace("outstanding_actions", "None");
  return input;
}

class TransfersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store->migrate();
    auto tx = store->begin_write();
    test_support::add_yorkshire(*tx);
    for (auto* member : {&manager, &leeds_pom, &hatfield_pom, &com, &other_com, &bradford_com})
      member->id = tx->staff().insert(*member, "not-a-real-hash");
    tx->commit();
  }

  // A person at Leeds prison and PDU with a two-year sentence starting on `start`.
  std::int64_t sentenced(const char* number, const char* start) {
    auto id = services::add_person(*store, clock_at, manager,
                                   {{"given_name", "Sam"}, {"family_name", number}, {"date_of_birth", "1990-05-17"},
                                    {"prison_number", number}, {"prison_code", "LEI"}, {"pdu_code", "LDS"}})
                  .id;
    services::record_sentence(*store, clock_at, manager, id,
                              {{"sentence_type", "determinate"}, {"sentence_start_date", start}, {"sentence_length_days", "730"}});
    return id;
  }

  std::vector<std::string> journal_kinds(std::int64_t person_id) {
    std::vector<std::string> kinds;
    for (const auto& event : store->begin_read()->journal().for_person(person_id, {}).items) kinds.push_back(event.kind);
    return kinds;
  }

  std::vector<Allocation> current(std::int64_t person_id) {
    return store->begin_read()->allocations().current_for_person(person_id);
  }

  test_support::TempDatabase database;
  std::unique_ptr<store::Store> store = store::open_sqlite_store({database.path(), 4});
  StaffMember manager{0, "manager", "Morgan Ellis", Role::manager, "LEI", "LDS", "", "", true};
  StaffMember leeds_pom{0, "pom", "Priya Shah", Role::pom, "LEI", "", "", "", true};
  StaffMember hatfield_pom{0, "hpom", "Hana Price", Role::pom, "HAI", "", "", "", true};
  StaffMember com{0, "com", "Callum Reid", Role::com, "", "LDS", "", "", true};
  StaffMember other_com{0, "com2", "Chris Lamb", Role::com, "", "LDS", "", "", true};
  StaffMember bradford_com{0, "bcom", "Bea Hall", Role::com, "", "BRD", "", "", true};
};

TEST_F(TransfersTest, APrisonTransferMovesThePersonOnlyWhenAcknowledged) {
  auto id = sentenced("A1111AA", "2026-01-10");
  auto requested = services::request_transfer(*store, clock_at, no_holidays, leeds_pom, id,
                                              record({{"kind", "prison"}, {"to_code", "HAI"}}));
  EXPECT_EQ(requested.transfer.from_code, "LEI");
  EXPECT_EQ(requested.to_name, "HMP Hatfield");
  EXPECT_EQ(store->begin_read()->people().find(id)->prison_code, "LEI");
  EXPECT_FALSE(requested.may_acknowledge);
  EXPECT_TRUE(requested.may_withdraw);

  auto inbox = services::transfers_awaiting(*store, clock_at, no_holidays, hatfield_pom);
  ASSERT_EQ(inbox.size(), 1u);
  EXPECT_TRUE(inbox.front().may_acknowledge);
  EXPECT_FALSE(inbox.front().may_see_person);
  EXPECT_TRUE(services::transfers_awaiting(*store, clock_at, no_holidays, leeds_pom).empty());

  auto done = services::acknowledge(*store, clock_at, no_holidays, hatfield_pom, requested.transfer.id, {{"note", "Seen"}}, 1);
  EXPECT_EQ(done.transfer.status, TransferStatus::acknowledged);
  EXPECT_EQ(done.transfer.version, 2);
  EXPECT_TRUE(done.may_see_person);
  auto person = store->begin_read()->people().find(id);
  EXPECT_EQ(person->prison_code, "HAI");
  EXPECT_EQ(person->version, 2);
  EXPECT_TRUE(services::transfers_awaiting(*store, clock_at, no_holidays, hatfield_pom).empty());
  auto kinds = journal_kinds(id);
  EXPECT_EQ(kinds.front(), "transfer.acknowledged");
  EXPECT_EQ(kinds.at(1), "transfer.requested");
}

// The worklists page shows how many await the member of staff: the same transfers as their list.
TEST_F(TransfersTest, TheCountAwaitingIsWhatTheListHolds) {
  auto count_and_size = [&](const StaffMember& staff) {
    return std::pair{services::count_transfers_awaiting(*store, staff),
                     std::ssize(services::transfers_awaiting(*store, clock_at, no_holidays, staff))};
  };
  auto to_prison = sentenced("A1111AA", "2026-01-10");
  auto to_pdu = sentenced("A2222BB", "2026-01-11");
  auto to_practitioner = sentenced("A3333CC", "2026-01-12");
  services::request_transfer(*store, clock_at, no_holidays, leeds_pom, to_prison, record({{"kind", "prison"}, {"to_code", "HAI"}}));
  services::request_transfer(*store, clock_at, no_holidays, manager, to_pdu, record({{"kind", "pdu"}, {"to_code", "BRD"}}));
  services::request_transfer(*store, clock_at, no_holidays, manager, to_practitioner,
                             record({{"kind", "practitioner"}, {"role", "com"}, {"to_staff_id", std::to_string(other_com.id)}}));
  EXPECT_EQ(count_and_size(hatfield_pom), std::pair(1L, 1L));
  EXPECT_EQ(count_and_size(bradford_com), std::pair(1L, 1L));
  EXPECT_EQ(count_and_size(other_com), std::pair(1L, 1L));
  EXPECT_EQ(count_and_size(com), std::pair(0L, 0L));
  {
    auto tx = store->begin_write();
    tx->limited_access().add(to_pdu, {AccessList::exclusion, bradford_com.id, "Knows the victim"}, manager.id);
    tx->commit();
  }
  EXPECT_EQ(count_and_size(bradford_com), std::pair(0L, 0L));  // excluded from the case: neither counted nor listed
  EXPECT_EQ(count_and_size(hatfield_pom), std::pair(1L, 1L));
}

TEST_F(TransfersTest, AStaleOrRepeatedMoveChangesNothing) {
  auto id = sentenced("A1111AA", "2026-01-10");
  auto requested = services::request_transfer(*store, clock_at, no_holidays, leeds_pom, id,
                                              record({{"kind", "prison"}, {"to_code", "HAI"}}));
  EXPECT_THROW(services::acknowledge(*store, clock_at, no_holidays, hatfield_pom, requested.transfer.id, {}, 7), StaleVersion);
  EXPECT_EQ(store->begin_read()->people().find(id)->prison_code, "LEI");
  services::withdraw(*store, clock_at, no_holidays, leeds_pom, requested.transfer.id, {{"reason", "Changed plans"}}, 1);
  EXPECT_THROW(services::acknowledge(*store, clock_at, no_holidays, hatfield_pom, requested.transfer.id, {}, 2), Conflict);
  EXPECT_EQ(store->begin_read()->people().find(id)->prison_code, "LEI");
  EXPECT_EQ(journal_kinds(id).front(), "transfer.withdrawn");
}

TEST_F(TransfersTest, AReceiverWhoMayNotSeeThePersonReadsTheTransferButNoOneElseDoes) {
  auto id = sentenced("A1111AA", "2026-01-10");
  auto requested = services::request_transfer(*store, clock_at, no_holidays, manager, id,
                                              record({{"kind", "pdu"}, {"to_code", "BRD"}}));
  EXPECT_EQ(services::view_transfer(*store, clock_at, no_holidays, bradford_com, requested.transfer.id).transfer.summary,
            "Settled; working in the kitchens");
  EXPECT_THROW(services::view_transfer(*store, clock_at, no_holidays, hatfield_pom, requested.transfer.id), NotFound);
  EXPECT_THROW(services::person_transfers(*store, clock_at, no_holidays, hatfield_pom, id), NotFound);
  services::acknowledge(*store, clock_at, no_holidays, bradford_com, requested.transfer.id, {}, 1);
  EXPECT_EQ(store->begin_read()->people().find(id)->pdu_code, "BRD");
}

TEST_F(TransfersTest, APractitionerTransferHandsTheLeadOverTheSameDay) {
  auto id = sentenced("A1111AA", "2026-01-10");
  services::allocate(*store, manager, id, com.id, Role::com, day("2026-02-01"), "Start date");
  auto requested = services::request_transfer(*store, clock_at, no_holidays, com, id,
                                              record({{"kind", "practitioner"}, {"role", "com"}, {"to_staff_id", std::to_string(other_com.id)}}));
  EXPECT_EQ(requested.transfer.from_staff_id, com.id);
  EXPECT_EQ(requested.from_name, "Callum Reid");
  EXPECT_EQ(current(id).front().staff_id, com.id);  // still Callum's until Chris accepts
  EXPECT_THROW(services::acknowledge(*store, clock_at, no_holidays, com, requested.transfer.id, {}, 1), Forbidden);
  services::acknowledge(*store, clock_at, no_holidays, other_com, requested.transfer.id, {}, 1);
  auto now = current(id);
  ASSERT_EQ(now.size(), 1u);
  EXPECT_EQ(now.front().staff_id, other_com.id);
  EXPECT_EQ(now.front().from, clock_at.today());
  auto history = store->begin_read()->allocations().history_for_person(id);
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history.back().to, clock_at.today());
  auto continuity = services::person_continuity(*store, clock_at, manager, id);
  EXPECT_EQ(continuity.lead_changes, 1);
}

TEST_F(TransfersTest, APractitionerTransferChecksWhoItGoesTo) {
  auto id = sentenced("A1111AA", "2026-01-10");
  services::allocate(*store, manager, id, com.id, Role::com, day("2026-02-01"), "Start date");
  auto fields = [&](Role role, std::int64_t staff) {
    return record({{"kind", "practitioner"}, {"role", std::string{role_code(role)}}, {"to_staff_id", std::to_string(staff)}});
  };
  EXPECT_EQ(test_support::failed_fields([&] {
              services::request_transfer(*store, clock_at, no_holidays, manager, id, fields(Role::com, com.id));
            }),
            std::vector<std::string>{"to_staff_id"});  // already the lead
  EXPECT_EQ(test_support::failed_fields([&] {
              services::request_transfer(*store, clock_at, no_holidays, manager, id, fields(Role::pom, com.id));
            }),
            std::vector<std::string>{"to_staff_id"});
  EXPECT_EQ(test_support::failed_fields([&] {
              services::request_transfer(*store, clock_at, no_holidays, manager, id, fields(Role::com, 9999));
            }),
            std::vector<std::string>{"to_staff_id"});
}

TEST_F(TransfersTest, TheLeadChangingMeanwhileStopsTheAcknowledgement) {
  auto id = sentenced("A1111AA", "2026-01-10");
  services::allocate(*store, manager, id, com.id, Role::com, day("2026-02-01"), "Start date");
  auto requested = services::request_transfer(*store, clock_at, no_holidays, com, id,
                                              record({{"kind", "practitioner"}, {"role", "com"}, {"to_staff_id", std::to_string(other_com.id)}}));
  services::allocate(*store, manager, id, bradford_com.id, Role::com, clock_at.today(), "Moved to Bradford");
  EXPECT_THROW(services::acknowledge(*store, clock_at, no_holidays, other_com, requested.transfer.id, {}, 1), Conflict);
  EXPECT_EQ(current(id).front().staff_id, bradford_com.id);
}

TEST_F(TransfersTest, TheHandoverRecordStartsFromThePlanAndTheRiskProfile) {
  auto id = sentenced("A1111AA", "2026-01-10");
  services::update_risk_profile(*store, clock_at, manager, id, {{"rosh", "high"}, {"tier", "B"}}, 0);
  services::add_objective(*store, clock_at, manager, id, {{"pathway", "accommodation"}, {"goal", "Somewhere to live"}}, std::nullopt);
  auto plan = store->begin_read()->plans().for_person(id);
  services::add_action(*store, clock_at, manager, id, plan->objectives.front().id,
                       {{"description", "Apply for CAS3"}, {"owner_kind", "person"}, {"due_date", "2026-04-01"}}, std::nullopt);
  auto prefill = services::transfer_prefill(*store, manager, id);
  EXPECT_NE(prefill["current_risks"].find("High"), std::string::npos);
  EXPECT_NE(prefill["outstanding_actions"].find("Apply for CAS3"), std::string::npos);
}

TEST_F(TransfersTest, OneOpenTransferOfAKindAtATime) {
  auto id = sentenced("A1111AA", "2026-01-10");
  services::request_transfer(*store, clock_at, no_holidays, manager, id, record({{"kind", "prison"}, {"to_code", "HAI"}}));
  EXPECT_THROW(services::request_transfer(*store, clock_at, no_holidays, manager, id, record({{"kind", "prison"}, {"to_code", "HAI"}})),
               Conflict);
  EXPECT_NO_THROW(services::request_transfer(*store, clock_at, no_holidays, manager, id, record({{"kind", "pdu"}, {"to_code", "BRD"}})));
}

TEST_F(TransfersTest, AwaitingTransfersAreFlaggedAfterFiveWorkingDays) {
  auto id = sentenced("A1111AA", "2026-01-10");
  auto requested = services::request_transfer(*store, clock_at, no_holidays, manager, id, record({{"kind", "prison"}, {"to_code", "HAI"}}));
  const services::FixedClock monday_after{sys_days{2026y / March / 23} + 10h};
  const services::FixedClock tuesday_after{sys_days{2026y / March / 24} + 10h};
  EXPECT_FALSE(services::view_transfer(*store, monday_after, no_holidays, manager, requested.transfer.id).acknowledgement_overdue);
  EXPECT_TRUE(services::view_transfer(*store, tuesday_after, no_holidays, manager, requested.transfer.id).acknowledgement_overdue);
}

// --- Handover meeting and overdue handovers -------------------------------------------------

TEST_F(TransfersTest, TheMeetingIsScheduledHeldAndJournalled) {
  auto id = sentenced("A1111AA", "2026-01-10");  // handover 2026-04-25
  EXPECT_THROW(services::schedule_handover_meeting(*store, clock_at, leeds_pom, id, {{"scheduled_on", "2026-04-01"}}), Conflict);
  services::allocate(*store, manager, id, leeds_pom.id, Role::pom, day("2026-01-20"), "Arrival");
  services::allocate(*store, manager, id, com.id, Role::com, clock_at.today(), "Start date");
  // On or after the handover date only with the reason it is late.
  EXPECT_EQ(test_support::failed_fields([&] {
              services::schedule_handover_meeting(*store, clock_at, leeds_pom, id, {{"scheduled_on", "2026-04-25"}});
            }),
            std::vector<std::string>{"late_reason"});
  auto meeting = services::schedule_handover_meeting(*store, clock_at, leeds_pom, id, {{"scheduled_on", "2026-04-01"}});
  EXPECT_EQ(meeting.pom_staff_id, leeds_pom.id);
  EXPECT_EQ(meeting.com_staff_id, com.id);
  EXPECT_THROW(services::record_handover_meeting_held(*store, clock_at, leeds_pom, id,
                                                      {{"held_on", "2026-03-16"}, {"person_attended", "yes"}}, 9),
               StaleVersion);
  auto held = services::record_handover_meeting_held(*store, clock_at, leeds_pom, id,
                                                     {{"held_on", "2026-03-16"}, {"person_attended", "no"}}, 1);
  EXPECT_EQ(held.version, 2);
  EXPECT_EQ(held.person_attended, false);
  auto progress = services::handover_progress_of(*store, clock_at, manager, id);
  EXPECT_EQ(progress.meeting->status, MeetingStatus::held);
  EXPECT_TRUE(progress.flags.empty());
  EXPECT_FALSE(progress.may_schedule);
  EXPECT_EQ(journal_kinds(id).front(), "handover_meeting.held");
}

TEST_F(TransfersTest, ACancelledMeetingCanBeScheduledAgain) {
  auto id = sentenced("A1111AA", "2026-01-10");
  services::allocate(*store, manager, id, com.id, Role::com, clock_at.today(), "Start date");
  services::schedule_handover_meeting(*store, clock_at, leeds_pom, id, {{"scheduled_on", "2026-04-01"}});
  EXPECT_TRUE(services::handover_progress_of(*store, clock_at, manager, id).flags.empty());
  services::cancel_handover_meeting(*store, clock_at, leeds_pom, id, {{"reason", "COM on leave"}}, 1);
  auto progress = services::handover_progress_of(*store, clock_at, manager, id);
  EXPECT_FALSE(progress.meeting);
  EXPECT_TRUE(progress.may_schedule);
  EXPECT_EQ(progress.meetings.size(), 1u);
  EXPECT_NO_THROW(services::schedule_handover_meeting(*store, clock_at, leeds_pom, id, {{"scheduled_on", "2026-04-02"}}));
}

TEST_F(TransfersTest, TheMeetingPageReadsThePersonOnceAndIsOpenWhileScheduled) {
  auto id = sentenced("A1111AA", "2026-01-10");
  EXPECT_FALSE(services::handover_meeting_of(*store, manager, id).meeting);
  services::allocate(*store, manager, id, com.id, Role::com, clock_at.today(), "Start date");
  services::schedule_handover_meeting(*store, clock_at, leeds_pom, id, {{"scheduled_on", "2026-04-01"}});
  auto scheduled = services::handover_meeting_of(*store, manager, id);
  EXPECT_EQ(scheduled.person.id, id);
  EXPECT_TRUE(scheduled.open);
  auto reads = store->begin_read()->access_log().for_person(id, {std::nullopt, 2}).items;  // newest first
  ASSERT_EQ(reads.size(), 2u);
  EXPECT_EQ(reads[0].what, "handover meeting");
  EXPECT_EQ(reads[0].staff_id, manager.id);
  EXPECT_EQ(reads[1].staff_id, leeds_pom.id);  // the scheduling, not a second read of the page
  services::record_handover_meeting_held(*store, clock_at, leeds_pom, id, {{"held_on", "2026-03-16"}, {"person_attended", "yes"}}, 1);
  auto held = services::handover_meeting_of(*store, manager, id);
  EXPECT_EQ(held.meeting->status, MeetingStatus::held);
  EXPECT_FALSE(held.open);
}

TEST_F(TransfersTest, TheFormToScheduleAMeetingReadsThePersonOnceWithTheirHandoverDate) {
  auto id = sentenced("A1111AA", "2026-01-10");
  auto before = store->begin_read()->access_log().count_for_person(id);
  auto form = services::meeting_to_schedule(*store, manager, id);
  EXPECT_EQ(form.person.id, id);
  EXPECT_EQ(form.handover_date, store->begin_read()->case_dates().find(id)->handover_date);
  EXPECT_TRUE(form.handover_date);
  EXPECT_EQ(store->begin_read()->access_log().count_for_person(id), before + 1);
}

TEST_F(TransfersTest, OverdueHandoversAreThoseWithoutAComOrAHeldMeeting) {
  auto overdue = sentenced("A1111AA", "2025-03-01");   // handovers in June 2025
  auto with_com = sentenced("A2222BB", "2025-03-02");
  auto done = sentenced("A3333CC", "2025-03-03");      // COM allocated and meeting held
  sentenced("A4444DD", "2026-01-10");                  // handover ahead
  services::allocate(*store, manager, with_com, com.id, Role::com, day("2025-06-01"), "Start date");
  services::allocate(*store, manager, done, com.id, Role::com, day("2025-06-01"), "Start date");
  {
    auto tx = store->begin_write();
    tx->handover_meetings().insert({0, 0, done, MeetingStatus::held, day("2025-06-10"), day("2025-06-10"), std::nullopt,
                                    com.id, true, "", "", manager.id});
    tx->commit();
  }
  auto found = services::overdue_handovers(*store, manager, clock_at.today(), {});
  ASSERT_EQ(found.items.size(), 2u);
  EXPECT_EQ(found.items[0].entry.person.id, overdue);  // longest overdue first
  EXPECT_EQ(found.items[1].entry.person.id, with_com);
  EXPECT_EQ(found.items[0].flags, (std::vector<HandoverFlag>{HandoverFlag::com_not_allocated, HandoverFlag::meeting_not_scheduled,
                                                       HandoverFlag::handover_overdue}));
  EXPECT_EQ(found.items[1].flags, (std::vector<HandoverFlag>{HandoverFlag::meeting_not_scheduled, HandoverFlag::handover_overdue}));
  EXPECT_TRUE(services::overdue_handovers(*store, hatfield_pom, clock_at.today(), {}).items.empty());
  EXPECT_TRUE(services::overdue_handovers(*store, manager, clock_at.today(), {"HAI", ""}).items.empty());
  services::record_release(*store, clock_at, manager, overdue,
                           {{"released_on", "2026-03-16"}, {"released_at", "09:30"}, {"prison_code", "LEI"}});
  EXPECT_EQ(services::overdue_handovers(*store, manager, clock_at.today(), {}).items.size(), 1u);  // released: no handover left
  services::update_person(*store, clock_at, manager, overdue, {{"stage", "in_custody"}}, 2);  // recalled
  EXPECT_EQ(services::overdue_handovers(*store, manager, clock_at.today(), {}).items.size(), 2u);
}

// The plan SQLite picks for each part of the worklist and inbox queries, so they stay indexed range
// lookups on a national data set.
std::string query_plan(const std::string& path, const std::string& sql) {
  sqlite3* raw = nullptr;
  sqlite3_open(path.c_str(), &raw);
  sqlite3_stmt* statement = nullptr;
  std::string plan;
  if (sqlite3_prepare_v2(raw, ("EXPLAIN QUERY PLAN " + sql).c_str(), -1, &statement, nullptr) == SQLITE_OK)
    while (sqlite3_step(statement) == SQLITE_ROW)
      plan += reinterpret_cast<const char*>(sqlite3_column_text(statement, 3)) + std::string{"\n"};
  sqlite3_finalize(statement);
  sqlite3_close(raw);
  return plan;
}

TEST_F(TransfersTest, TheQueriesBehindTheWorklistAndInboxAreIndexed) {
  auto handover = query_plan(database.path(), "SELECT d.person_id FROM case_dates d WHERE d.handover_date BETWEEN '1900-01-01' AND '2026-03-15'");
  EXPECT_NE(handover.find("case_dates_by_handover"), std::string::npos) << handover;
  // A unit's overdue handovers read only its custody cases, not the past handovers of everyone released since.
  auto unit_overdue = query_plan(database.path(), "SELECT c.person_id FROM case_dates c WHERE c.pdu_code = 'LDS' AND "
                                                  "c.handover_date BETWEEN '1900-01-01' AND '2026-03-15' AND c.in_custody = 1");
  EXPECT_NE(unit_overdue.find("case_dates_custody_by_pdu_handover"), std::string::npos) << unit_overdue;
  // A member of staff's own cases outside their unit: ranges either side of the unit's code, not the whole caseload.
  for (auto [column, index] : {std::pair{"pdu_code", "caseload_entry_by_staff_pdu"}, {"prison_code", "caseload_entry_by_staff_prison"}}) {
    auto own = query_plan(database.path(), std::string{"SELECT e.person_id FROM caseload_entry e WHERE e.staff_id = 1 AND e."} +
                                               column + " > 'LDS'");
    EXPECT_NE(own.find(index), std::string::npos) << own;
  }
  auto meeting = query_plan(database.path(), "SELECT 1 FROM handover_meeting m WHERE m.person_id = 1 AND m.status = 'held'");
  EXPECT_NE(meeting.find("handover_meeting_by_person"), std::string::npos) << meeting;
  auto inbox = query_plan(database.path(),
                          "SELECT id FROM case_transfer WHERE status = 'awaiting_acknowledgement' AND to_code = 'HAI' AND kind = 'prison'");
  EXPECT_NE(inbox.find("case_transfer_by_destination"), std::string::npos) << inbox;
  // The worklists page's count of transfers awaiting: each receiver on its own index, not every
  // transfer awaiting acknowledgement.
  auto count = query_plan(database.path(),
                          "SELECT count(*) FROM case_transfer WHERE ((status = 'awaiting_acknowledgement' AND to_staff_id = 1) "
                          "OR (status = 'awaiting_acknowledgement' AND kind = 'prison' AND to_code = 'HAI') "
                          "OR (status = 'awaiting_acknowledgement' AND kind = 'pdu' AND to_code = 'LDS'))");
  EXPECT_NE(count.find("MULTI-INDEX OR"), std::string::npos) << count;
}

TEST_F(TransfersTest, TransfersAndMeetingsCannotBeDeleted) {
  auto id = sentenced("A1111AA", "2026-01-10");
  services::allocate(*store, manager, id, com.id, Role::com, clock_at.today(), "Start date");
  services::request_transfer(*store, clock_at, no_holidays, manager, id, record({{"kind", "prison"}, {"to_code", "HAI"}}));
  services::schedule_handover_meeting(*store, clock_at, leeds_pom, id, {{"scheduled_on", "2026-04-01"}});
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(database.path().c_str(), &raw), SQLITE_OK);
  sqlite3_busy_timeout(raw, 10000);
  EXPECT_NE(sqlite3_exec(raw, "DELETE FROM case_transfer", nullptr, nullptr, nullptr), SQLITE_OK);
  EXPECT_NE(sqlite3_exec(raw, "DELETE FROM handover_meeting", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(raw);
  EXPECT_EQ(store->begin_read()->transfers().for_person(id).size(), 1u);
}

TEST_F(TransfersTest, ContinuityForASetOfPeopleLeavesOutThoseTheManagerMayNotSee) {
  auto changed = sentenced("A1111AA", "2025-03-01");
  auto steady = sentenced("A2222BB", "2025-03-01");
  services::allocate(*store, manager, changed, com.id, Role::com, day("2025-09-16"), "Start");
  services::allocate(*store, manager, changed, other_com.id, Role::com, day("2025-12-01"), "Callum left");
  services::allocate(*store, manager, steady, com.id, Role::com, day("2025-09-16"), "Start");
  std::vector<std::int64_t> ids{changed, steady};
  auto summary = services::continuity_for(*store, manager, ids, clock_at.today());
  ASSERT_EQ(summary.cases.size(), 2u);
  EXPECT_EQ(summary.cases[0].measure.lead_changes, 1);
  EXPECT_EQ(summary.cases[1].measure.lead_changes, 0);
  EXPECT_DOUBLE_EQ(summary.average_changes_per_six_months, 0.5);  // each over its first six months
  EXPECT_TRUE(services::continuity_for(*store, hatfield_pom, ids, clock_at.today()).cases.empty());
}

}  // namespace
