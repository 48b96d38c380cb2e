// Calendar files and feeds through the SQLite store: only a token's hash is kept, a new feed revokes
// the old, a diary's feed is its own officer's to stop, a person's feed is in their language and
// reaches from 30 days back to a year ahead, and each change is journalled without the token.
#include <gtest/gtest.h>

#include "domain/errors.hpp"
#include "services/supervision/appointments.hpp"
#include "services/supervision/calendars.hpp"
#include "services/people/case_records.hpp"
#include "services/messages/messages.hpp"
#include "services/accounts/passwords.hpp"
#include "services/release/releases.hpp"
#include "test_store.hpp"

using namespace resettle;
using namespace std::chrono;

namespace {

// Monday 4 January 2027, 09:00 in London, a fortnight after release; and 40 days later.
const services::FixedClock booking_day{sys_days{2027y / January / 4} + 9h};
const services::FixedClock forty_days_on{sys_days{2027y / February / 13} + 9h};
const BankHolidays holidays{{}, Date{2027y / January / 1}, Date{2028y / December / 31}};

bool has(const std::string& calendar, const std::string& text) { return calendar.find(text) != std::string::npos; }

class CalendarsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store->migrate();
    auto tx = store->begin_write();
    test_support::add_yorkshire(*tx);
    for (auto* member : {&manager, &com, &pom}) member->id = tx->staff().insert(*member, "not-a-real-hash");
    tx->commit();
    const services::FixedClock before_release{sys_days{2026y / December / 21} + 9h};
    person_id = services::add_person(*store, before_release, manager,
                                     {{"given_name", "Sam"}, {"family_name", "Jones"}, {"date_of_birth", "1990-05-17"},
                                      {"prison_number", "A1234BC"}, {"prison_code", "LEI"}, {"pdu_code", "LDS"}})
                    .id;
    services::record_sentence(*store, before_release, manager, person_id,
                              {{"sentence_type", "determinate"}, {"sentence_start_date", "2026-10-01"},
                               {"sentence_length_days", "120"}});
    services::record_release(*store, before_release, com, person_id,
                             {{"released_on", "2026-12-21"}, {"released_at", "09:30"}, {"prison_code", "LEI"},
                              {"tonight", "settled"}, {"address", "4 Park Lane, Leeds LS1 1AA"}});
    services::update_contact(*store, com, person_id, {{"channel", "letter"}, {"language", "cy"}}, 0);
  }

  std::int64_t book(const char* on) {
    return services::book_appointments(*store, booking_day, holidays, com, person_id,
                                       {{"type", "supervision"}, {"on", on}, {"starts_at", "10:00"}, {"ends_at", "11:00"},
                                        {"office_code", "LDS"}, {"notes", "Bring your payslips"}},
                                       true)
        .booked.at(0)
        .id;
  }

  std::vector<Event> timeline() { return store->begin_read()->journal().for_person(person_id, {std::nullopt, 100}).items; }

  test_support::TempDatabase database;
  std::unique_ptr<store::Store> store = store::open_sqlite_store({database.path(), 4});
  StaffMember manager{0, "manager", "Morgan Ellis", Role::manager, "LEI", "LDS", "", "", true};
  StaffMember com{0, "com", "Callum Reid", Role::com, "", "LDS", "", "", true};
  StaffMember pom{0, "pom", "Priya Shah", Role::pom, "LEI", "", "", "", true};
  std::int64_t person_id = 0;
};

}  // namespace

TEST_F(CalendarsTest, AFeedKeepsOnlyTheHashOfItsToken) {
  auto issued = services::create_diary_feed(*store, booking_day, com);
  EXPECT_EQ(issued.token.size(), 43u);
  EXPECT_EQ(issued.token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
            std::string::npos);
  EXPECT_NE(services::create_diary_feed(*store, booking_day, manager).token, issued.token);
  auto tx = store->begin_read();
  EXPECT_FALSE(tx->calendar_feeds().find_current(issued.token));
  auto found = tx->calendar_feeds().find_current(services::sha256_hex(issued.token));
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, issued.feed.id);
  EXPECT_EQ(found->staff_id, com.id);
  EXPECT_EQ(found->created_by, com.id);
  EXPECT_EQ(found->created_at, booking_day.now_iso());
}

TEST_F(CalendarsTest, ANewFeedRevokesTheOldInTheSameTransaction) {
  auto first = services::create_diary_feed(*store, booking_day, com);
  auto second = services::create_diary_feed(*store, booking_day, com);
  EXPECT_THROW(services::feed_calendar(*store, booking_day, first.token), NotFound);
  EXPECT_TRUE(has(services::feed_calendar(*store, booking_day, second.token), "BEGIN:VCALENDAR"));
  auto old = store->begin_read()->calendar_feeds().find(first.feed.id);
  ASSERT_TRUE(old);
  EXPECT_FALSE(old->current());
  EXPECT_EQ(old->revoked_by, com.id);
  EXPECT_EQ(services::diary_feed(*store, com)->id, second.feed.id);
}

TEST_F(CalendarsTest, OnlyItsOwnOfficerStopsADiaryFeedAndOnlyOnce) {
  auto issued = services::create_diary_feed(*store, booking_day, com);
  EXPECT_THROW(services::revoke_feed(*store, booking_day, manager, issued.feed.id), NotFound);
  EXPECT_THROW(services::revoke_feed(*store, booking_day, com, issued.feed.id + 100), NotFound);
  auto revoked = services::revoke_feed(*store, forty_days_on, com, issued.feed.id);
  EXPECT_EQ(revoked.revoked_at, forty_days_on.now_iso());
  EXPECT_THROW(services::revoke_feed(*store, forty_days_on, com, issued.feed.id), Conflict);
  EXPECT_THROW(services::feed_calendar(*store, forty_days_on, issued.token), NotFound);
  EXPECT_FALSE(services::diary_feed(*store, com));
}

TEST_F(CalendarsTest, AnUnknownTokenIsNotFound) {
  EXPECT_THROW(services::feed_calendar(*store, booking_day, ""), NotFound);
  EXPECT_THROW(services::feed_calendar(*store, booking_day, std::string(43, 'A')), NotFound);
}

TEST_F(CalendarsTest, ADiaryFeedNamesThePeopleAndLeavesOutNotes) {
  auto id = book("2027-01-20");
  auto calendar = services::feed_calendar(*store, booking_day, services::create_diary_feed(*store, booking_day, com).token);
  EXPECT_TRUE(has(calendar, "UID:appointment-" + std::to_string(id) + "@resettle"));
  EXPECT_TRUE(has(calendar, "SUMMARY:Supervision with Sam Jones"));
  EXPECT_TRUE(has(calendar, "LOCATION:Leeds"));
  EXPECT_TRUE(has(calendar, "X-WR-CALNAME:Resettle diary: Callum Reid"));
  EXPECT_FALSE(has(calendar, "payslips"));
  EXPECT_FALSE(has(calendar, "METHOD:"));
}

// From 30 days before the day it is read to 365 days after, in England and Wales.
TEST_F(CalendarsTest, APersonsFeedIsInTheirLanguageFromAMonthBackToAYearAhead) {
  auto too_early = book("2027-01-13");  // 31 days before 13 February
  auto first = book("2027-01-14");     // 30 days before
  auto last = book("2028-02-13");      // 365 days after
  auto too_late = book("2028-02-14");
  auto issued = services::create_person_feed(*store, booking_day, com, person_id);
  EXPECT_EQ(issued.feed.person_id, person_id);
  auto calendar = services::feed_calendar(*store, forty_days_on, issued.token);
  auto uid = [](std::int64_t id) { return "UID:appointment-" + std::to_string(id) + "@resettle"; };
  EXPECT_FALSE(has(calendar, uid(too_early)));
  EXPECT_TRUE(has(calendar, uid(first)));
  EXPECT_TRUE(has(calendar, uid(last)));
  EXPECT_FALSE(has(calendar, uid(too_late)));
  EXPECT_TRUE(has(calendar, "SUMMARY:Apwyntiad goruchwylio gyda Callum Reid"));
  EXPECT_TRUE(has(calendar, "X-WR-CALNAME:Eich apwyntiadau prawf"));
  EXPECT_FALSE(has(calendar, "Sam Jones"));
  EXPECT_FALSE(has(calendar, "payslips"));
}

TEST_F(CalendarsTest, OnlyTheComOrAManagerMakesOrStopsAPersonsFeedAndEachIsJournalledWithoutTheToken) {
  EXPECT_THROW(services::create_person_feed(*store, booking_day, pom, person_id), Forbidden);
  EXPECT_THROW(services::create_person_feed(*store, booking_day, com, person_id + 100), NotFound);
  auto first = services::create_person_feed(*store, booking_day, com, person_id);
  auto second = services::create_person_feed(*store, booking_day, manager, person_id);
  EXPECT_THROW(services::revoke_feed(*store, booking_day, pom, second.feed.id), Forbidden);
  services::revoke_feed(*store, booking_day, com, second.feed.id);
  EXPECT_THROW(services::feed_calendar(*store, booking_day, second.token), NotFound);
  std::vector<std::string> kinds;
  for (const auto& event : timeline()) {
    if (!event.kind.starts_with("calendar_feed.")) continue;
    kinds.push_back(event.kind);
    for (const auto* token : {&first.token, &second.token}) {
      EXPECT_FALSE(has(event.summary, *token));
      EXPECT_FALSE(has(event.data.dump(), *token));
    }
  }
  EXPECT_EQ(kinds, (std::vector<std::string>{"calendar_feed.revoked", "calendar_feed.created", "calendar_feed.created"}));
}

TEST_F(CalendarsTest, AnAppointmentsFileIsInTheReadersWords) {
  auto id = book("2027-01-20");
  auto officer = services::appointment_calendar(*store, booking_day, com, id, services::CalendarReader::officer);
  EXPECT_TRUE(has(officer, "METHOD:PUBLISH"));
  EXPECT_TRUE(has(officer, "SUMMARY:Supervision with Sam Jones"));
  EXPECT_TRUE(has(officer, "DTSTART;TZID=Europe/London:20270120T100000"));
  auto person = services::appointment_calendar(*store, booking_day, com, id, services::CalendarReader::person);
  EXPECT_TRUE(has(person, "SUMMARY:Apwyntiad goruchwylio gyda Callum Reid"));
  EXPECT_FALSE(has(person + officer, "payslips"));
  EXPECT_THROW(services::appointment_calendar(*store, booking_day, com, id + 100, services::CalendarReader::officer),
               NotFound);
}

TEST_F(CalendarsTest, AFeedIsNeverDeletedAndItsOwnerHasOneCurrentFeedAtATime) {
  auto issued = services::create_diary_feed(*store, booking_day, com);
  {
    auto tx = store->begin_write();
    store::CalendarFeed another;
    another.staff_id = com.id;
    another.created_by = com.id;
    another.created_at = booking_day.now_iso();
    EXPECT_ANY_THROW(tx->calendar_feeds().insert(std::string(64, 'a'), another));
  }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(database.path().c_str(), &db), SQLITE_OK);
  EXPECT_NE(sqlite3_exec(db, "DELETE FROM calendar_feed", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  EXPECT_TRUE(store->begin_read()->calendar_feeds().find(issued.feed.id));
}
