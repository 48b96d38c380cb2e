// A person's booking against a real SQLite file: recorded whole with field-path errors and nothing
// half-stored, versions, the journal, the person's key dates from the whole booking, and the release
// date changes the nightly refresh finds.
#include "services/release_dates/bookings.hpp"

#include <gtest/gtest.h>

#include "domain/errors.hpp"
#include "domain/release_dates/booking_json.hpp"
#include "services/allocation/allocations.hpp"
#include "services/people/case_records.hpp"
#include "services/plan/resettlement_plan.hpp"
#include "services/release/release_day.hpp"
#include "services/responsibility/responsibility.hpp"
#include "test_store.hpp"

using namespace resettle;
using namespace std::chrono;
using nlohmann::json;

namespace {

using resettle::test_support::failed_fields;
using resettle::test_support::TempDatabase;
using Fields = std::vector<std::string>;

const services::FixedClock clock_at{sys_days{2026y / December / 1} + 10h};

Date day(const char* text) { return parse_iso_date(text).value(); }

// Two years from 2026-02-06 and six months consecutive to it, with 30 days' remand on the first.
json two_sentences() {
  return json::parse(R"({
    "sentences": [
      {"id": "a", "kind": "standard", "sentenced_on": "2026-02-06", "offence": {"committed_on": "2025-11-01"},
       "term": {"years": 2}, "release_scheme": "standard"},
      {"id": "b", "kind": "standard", "sentenced_on": "2026-02-06", "term": {"months": 6}, "consecutive_to": "a",
       "release_scheme": "standard"}
    ],
    "adjustments": [{"type": "remand", "days": 30, "sentence_ids": ["a"]}]
  })");
}

class BookingsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store->migrate();
    auto tx = store->begin_write();
    test_support::add_yorkshire(*tx);
    for (auto* staff : {&pom, &com, &manager, &keyworker, &pom_hatfield}) staff->id = tx->staff().insert(*staff, "not-a-real-hash");
    tx->commit();
    person = services::add_person(*store, clock_at, manager,
                                  {{"given_name", "Jordan"}, {"family_name", "Hughes"}, {"date_of_birth", "1990-05-17"},
                                   {"prison_number", "A1234BC"}, {"prison_code", "LEI"}, {"pdu_code", "LDS"}})
                 .id;
  }

  services::BookingView record(const json& body, std::int64_t version) {
    return services::record_booking(*store, clock_at, pom, person, body, version);
  }

  std::vector<Event> events(const std::string& kind) {
    std::vector<Event> found;
    for (auto& event : store->begin_read()->journal().for_person(person, {std::nullopt, 200}).items)
      if (event.kind == kind) found.push_back(event);
    return found;
  }

  static StaffMember staff(std::string username, Role role, std::string prison, std::string pdu) {
    return test_support::staff_member(std::move(username), role, std::move(prison), std::move(pdu));
  }

  TempDatabase database;
  std::unique_ptr<store::Store> store = store::open_sqlite_store({database.path(), 4});
  StaffMember pom = staff("pom", Role::pom, "LEI", "");
  StaffMember com = staff("com", Role::com, "", "LDS");
  StaffMember manager = staff("manager", Role::manager, "LEI", "LDS");
  StaffMember keyworker = staff("keyworker", Role::key_worker, "LEI", "");
  StaffMember pom_hatfield = staff("pom.hatfield", Role::pom, "HAI", "");
  std::int64_t person = 0;
};

TEST_F(BookingsTest, ABookingIsRecordedWholeAndReadBack) {
  auto empty = services::view_booking(*store, pom, person, clock_at.today());
  EXPECT_EQ(empty.booking.version, 0);
  EXPECT_TRUE(empty.recorded.sentences.empty());

  auto view = record(two_sentences(), 0);
  EXPECT_EQ(view.booking.version, 1);
  ASSERT_EQ(view.recorded.sentences.size(), 2u);
  const auto& first = view.recorded.sentences[0];
  const auto& second = view.recorded.sentences[1];
  EXPECT_EQ(first.term, (Term{2, 0, 0, 0}));
  EXPECT_EQ(first.offence.committed_on, day("2025-11-01"));
  EXPECT_EQ(second.consecutive_to, first.id);  // the stored ids, in the chain too
  ASSERT_EQ(view.recorded.adjustments.size(), 1u);
  EXPECT_EQ(view.recorded.adjustments[0].sentence_ids, std::vector<std::string>{first.id});

  // 2 years and 6 months at the halfway point from 2026-02-06, less 30 days' remand.
  auto halfway = add_days(day("2026-02-06"), term_days(day("2026-02-06"), {2, 6, 0, 0}) / 2 - 1 - 30);
  EXPECT_EQ(view.calculation.dates.date(KeyDateKind::conditional_release), halfway);
  EXPECT_EQ(view.calculation.working.sentences_in_chain, 2);

  auto read = services::view_booking(*store, keyworker, person, clock_at.today());
  EXPECT_EQ(booking_json(read.recorded), booking_json(view.recorded));
  EXPECT_EQ(read.booking.version, 1);
}

TEST_F(BookingsTest, ThePersonsKeyDatesAndCaseDatesComeFromTheWholeBooking) {
  auto view = record(two_sentences(), 0);
  auto crd = view.calculation.dates.date(KeyDateKind::conditional_release);
  auto record = services::view_person(*store, pom, person, "test");
  auto responsibility = services::case_responsibility(*store, record, clock_at.today(), BankHolidays{});
  EXPECT_EQ(responsibility.assessment.calculation.dates.date(KeyDateKind::conditional_release), crd);
  EXPECT_EQ(store->begin_read()->case_dates().find(person)->release_date, crd);
  auto sentence = store->begin_read()->sentences().find(std::stoll(view.recorded.sentences[0].id));
  auto sentence_dates = services::sentence_key_dates(*store, *sentence, clock_at.today()).dates;
  EXPECT_EQ(sentence_dates.date(KeyDateKind::conditional_release), crd);
}

TEST_F(BookingsTest, BadInputIsRefusedByFieldPathAndNothingIsStored) {
  auto body = two_sentences();
  body["sentences"][0]["consecutive_to"] = "b";
  body["adjustments"][0]["sentence_ids"] = {"z"};
  EXPECT_EQ(failed_fields([&] { record(body, 0); }),
            (Fields{"sentences[0].consecutive_to", "sentences[1].consecutive_to", "adjustments[0].sentence_ids[0]"}));
  auto after = services::view_booking(*store, pom, person, clock_at.today());
  EXPECT_EQ(after.booking.version, 0);
  EXPECT_TRUE(after.recorded.sentences.empty());
  EXPECT_TRUE(store->begin_read()->sentences().for_person(person).empty());
  EXPECT_TRUE(events("booking.recorded").empty());
}

TEST_F(BookingsTest, AStaleVersionIsRefusedAndOnlyTheRightRolesRecord) {
  record(two_sentences(), 0);
  EXPECT_THROW(record(two_sentences(), 0), StaleVersion);
  EXPECT_THROW(services::record_booking(*store, clock_at, keyworker, person, two_sentences(), 1), Forbidden);
  EXPECT_THROW(services::record_booking(*store, clock_at, pom_hatfield, person, two_sentences(), 1), NotFound);
  EXPECT_THROW(services::view_booking(*store, pom_hatfield, person, clock_at.today()), NotFound);
}

TEST_F(BookingsTest, CorrectionsChangeTheSentencesInPlaceAndAreJournalledByFieldPath) {
  auto first = record(two_sentences(), 0);
  auto body = booking_json(first.recorded);
  auto first_id = first.recorded.sentences[0].id;
  body["sentences"][0]["term"]["years"] = 3;
  body["sentences"][1]["consecutive_to"] = nullptr;
  body["adjustments"][0]["days"] = 10;
  auto second = record(body, 1);
  EXPECT_EQ(second.booking.version, 2);
  EXPECT_EQ(second.recorded.sentences[0].id, first_id);  // the same sentence, changed
  EXPECT_EQ(second.recorded.sentences[0].term, (Term{3, 0, 0, 0}));
  EXPECT_FALSE(second.recorded.sentences[1].consecutive_to);
  EXPECT_EQ(second.recorded.adjustments[0].days, 10);
  EXPECT_EQ(store->begin_read()->sentences().for_person(person).size(), 2u);

  auto journalled = events("booking.recorded");
  ASSERT_EQ(journalled.size(), 2u);
  const auto& data = journalled[0].data;  // newest first
  EXPECT_EQ(data["sentences[0].term.years"]["from"], 2);
  EXPECT_EQ(data["sentences[0].term.years"]["to"], 3);
  EXPECT_EQ(data["sentences[1].consecutive_to"]["from"], first_id);
  EXPECT_EQ(data["sentences[1].consecutive_to"]["to"], nullptr);
  EXPECT_EQ(data["adjustments[0].days"]["to"], 10);
  EXPECT_NE(journalled[0].summary.find("sentences[0].term.years"), std::string::npos);

  // The same booking again changes nothing and journals nothing.
  auto same = record(booking_json(second.recorded), 2);
  EXPECT_EQ(same.booking.version, 2);
  EXPECT_EQ(events("booking.recorded").size(), 2u);
}

TEST_F(BookingsTest, ASentenceLeftOutLeavesTheBookingAndIsKept) {
  auto first = record(two_sentences(), 0);
  auto body = booking_json(first.recorded);
  body["sentences"].erase(1);
  auto second = record(body, 1);
  ASSERT_EQ(second.recorded.sentences.size(), 1u);
  auto all = store->begin_read()->sentences().for_person(person);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_FALSE(all[0].in_booking);
  EXPECT_TRUE(all[1].in_booking);
}

TEST_F(BookingsTest, ASentenceTakenOutIsKeptAndJournalledUnlessAnotherPointsAtIt) {
  auto first = record(two_sentences(), 0);
  auto first_id = first.recorded.sentences[0].id, second_id = first.recorded.sentences[1].id;
  EXPECT_EQ(failed_fields([&] { services::take_out_sentence(*store, clock_at, pom, person, first_id, 1); }),
            (Fields{"sentences[1].consecutive_to", "adjustments[0].sentence_ids[0]"}));
  EXPECT_EQ(services::view_booking(*store, pom, person, clock_at.today()).booking.version, 1);  // nothing changed
  EXPECT_THROW(services::take_out_sentence(*store, clock_at, keyworker, person, second_id, 1), Forbidden);
  EXPECT_THROW(services::take_out_sentence(*store, clock_at, pom, person, second_id, 0), StaleVersion);
  EXPECT_THROW(services::take_out_sentence(*store, clock_at, pom, person, "999", 1), NotFound);

  auto taken = services::take_out_sentence(*store, clock_at, pom, person, second_id, 1);
  EXPECT_EQ(taken.booking.version, 2);
  ASSERT_EQ(taken.recorded.sentences.size(), 1u);
  EXPECT_EQ(taken.recorded.sentences[0].id, first_id);
  EXPECT_LT(*taken.calculation.dates.date(KeyDateKind::conditional_release),
            *first.calculation.dates.date(KeyDateKind::conditional_release));
  auto all = store->begin_read()->sentences().for_person(person);
  ASSERT_EQ(all.size(), 2u);  // kept on record, out of the booking
  EXPECT_FALSE(all[0].in_booking);
  auto journalled = events("booking.recorded");
  ASSERT_EQ(journalled.size(), 2u);
  EXPECT_EQ(journalled[0].data["sentences[1].id"]["from"], second_id);
}

TEST_F(BookingsTest, AWithdrawnMovementLeavesTheCustodyHistoryAndIsJournalled) {
  auto body = two_sentences();
  body["movements"] = json::array({{{"on", "2026-02-06"}, {"direction", "in"}, {"reason", "sentenced"}},
                                   {{"on", "2026-03-01"}, {"direction", "out"}, {"reason", "in error"}}});
  record(body, 0);
  EXPECT_THROW(services::withdraw_booked_movement(*store, clock_at, keyworker, person, 1, 1), Forbidden);
  EXPECT_THROW(services::withdraw_booked_movement(*store, clock_at, pom, person, 1, 0), StaleVersion);
  EXPECT_THROW(services::withdraw_booked_movement(*store, clock_at, pom, person, 2, 1), NotFound);

  auto withdrawn = services::withdraw_booked_movement(*store, clock_at, pom, person, 1, 1);
  EXPECT_EQ(withdrawn.booking.version, 2);
  ASSERT_EQ(withdrawn.recorded.movements.size(), 1u);
  EXPECT_EQ(withdrawn.recorded.movements[0].reason, "sentenced");
  EXPECT_EQ(services::view_booking(*store, pom, person, clock_at.today()).recorded.movements.size(), 1u);
  auto journalled = events("booking.recorded");
  ASSERT_EQ(journalled.size(), 2u);
  EXPECT_EQ(journalled[0].data["movements[1].on"]["from"], "2026-03-01");
}

TEST_F(BookingsTest, AFormSentenceIsABookingOfOneWithItsCreditAsAdjustments) {
  services::record_sentence(*store, clock_at, pom, person,
                            {{"sentence_type", "determinate"}, {"sentence_start_date", "2025-01-10"},
                             {"sentence_length_days", "730"}, {"remand_days", "10"}});
  services::record_sentence(*store, clock_at, pom, person,
                            {{"sentence_type", "determinate"}, {"sentence_start_date", "2026-01-10"},
                             {"sentence_length_days", "730"}, {"remand_days", "20"}});
  auto view = services::view_booking(*store, pom, person, clock_at.today());
  ASSERT_EQ(view.recorded.sentences.size(), 1u);  // the newest form starts a new booking of one
  EXPECT_EQ(view.recorded.sentences[0].term, (Term{0, 0, 0, 730}));
  ASSERT_EQ(view.recorded.adjustments.size(), 1u);
  EXPECT_EQ(view.recorded.adjustments[0].days, 20);
  EXPECT_EQ(view.calculation.dates.date(KeyDateKind::conditional_release), day("2026-12-20"));

  // Sent back as it reads, it is the same booking: nothing is written.
  EXPECT_EQ(view.booking.version, 2);  // each sentence the form recorded moved the booking on
  auto same = record(booking_json(view.recorded), 2);
  EXPECT_EQ(same.booking.version, 2);
  EXPECT_TRUE(events("booking.recorded").empty());

  // Changed through the booking, it becomes a booking sentence, its credit a recorded adjustment.
  auto body = booking_json(view.recorded);
  body["adjustments"][0]["days"] = 25;
  auto changed = record(body, 2);
  EXPECT_EQ(changed.calculation.dates.date(KeyDateKind::conditional_release), day("2026-12-15"));
  auto stored = store->begin_read()->bookings().find(person);
  ASSERT_EQ(stored.sentences.size(), 1u);
  EXPECT_TRUE(stored.sentences[0].facts);
  EXPECT_EQ(stored.sentences[0].remand_days, 0);
  ASSERT_EQ(stored.adjustments.size(), 1u);
  EXPECT_EQ(stored.adjustments[0].adjustment.days, 25);
}

TEST_F(BookingsTest, TheRefreshJournalsChangedDatesAndTheOfficersSeeThemUntilMarkedSeen) {
  services::allocate(*store, manager, person, pom.id, Role::pom, clock_at.today(), "Allocation");
  services::allocate(*store, manager, person, com.id, Role::com, clock_at.today(), "Allocation");
  auto view = record(two_sentences(), 0);
  // Nothing changed since it was worked out: the refresh finds nothing.
  services::refresh_all_case_dates(*store, clock_at.today());
  EXPECT_TRUE(services::release_date_changes(*store, pom).empty());

  // As if the rules had given another date last time (the law or the rules changed since).
  auto crd = *view.calculation.dates.date(KeyDateKind::conditional_release);
  {
    auto tx = store->begin_write();
    auto last = view.calculation.dates;
    last.set(KeyDateKind::conditional_release, {add_days(crd, 40), KeyDateRule::forty_percent});
    tx->bookings().save_calculated(person, last);
    tx->commit();
  }
  services::refresh_all_case_dates(*store, clock_at.today());
  auto seen_by_pom = services::release_date_changes(*store, pom);
  ASSERT_EQ(seen_by_pom.size(), 1u);
  const auto& change = seen_by_pom[0].change;
  EXPECT_EQ(change.kind, KeyDateKind::conditional_release);
  EXPECT_EQ(change.before->date, add_days(crd, 40));
  EXPECT_EQ(change.before->rule, KeyDateRule::forty_percent);
  EXPECT_EQ(change.after->date, crd);
  EXPECT_EQ(change.found_on, clock_at.today());
  EXPECT_EQ(seen_by_pom[0].person_name, "Jordan Hughes");
  EXPECT_EQ(services::release_date_changes(*store, com).size(), 1u);
  EXPECT_TRUE(services::release_date_changes(*store, keyworker).empty());  // not allocated

  auto journalled = events("key_date.changed");
  ASSERT_EQ(journalled.size(), 1u);
  EXPECT_EQ(journalled[0].data["key_date"], "conditional_release_date");
  EXPECT_EQ(journalled[0].data["from"]["date"], to_iso(add_days(crd, 40)));
  EXPECT_EQ(journalled[0].data["to"]["date"], to_iso(crd));
  EXPECT_EQ(journalled[0].data["to"]["rule_code"], "halfway");
  EXPECT_FALSE(journalled[0].actor_staff_id);

  services::mark_release_date_changes_seen(*store, pom, {change.id});
  services::mark_release_date_changes_seen(*store, pom, {change.id});  // again: no change
  EXPECT_TRUE(services::release_date_changes(*store, pom).empty());
  EXPECT_EQ(services::release_date_changes(*store, com).size(), 1u);  // until the COM marks it too
  EXPECT_EQ(failed_fields([&] { services::mark_release_date_changes_seen(*store, pom_hatfield, {change.id}); }),
            Fields{"change_ids[0]"});
  EXPECT_EQ(failed_fields([&] { services::mark_release_date_changes_seen(*store, com, {change.id, change.id + 100}); }),
            Fields{"change_ids[1]"});
  EXPECT_EQ(services::release_date_changes(*store, com).size(), 1u);  // nothing marked when any is refused
}

TEST_F(BookingsTest, ACommencementPassingBetweenTwoRefreshesMovesTheDateAndTheOfficersSeeIt) {
  services::allocate(*store, manager, person, pom.id, Role::pom, clock_at.today(), "Allocation");
  // Three years from 2026-06-01, recorded on 29 September 2026: 40% (13 August 2027) under the law
  // then in force; the progression model commenced on 1 October 2026, and its third is 1 June 2027.
  const services::FixedClock before_commencement{sys_days{2026y / September / 29} + 10h};
  auto body = json::parse(
      R"({"sentences": [{"id": "a", "kind": "standard", "sentenced_on": "2026-06-01", "term": {"years": 3}}]})");
  auto view = services::record_booking(*store, before_commencement, pom, person, body, 0);
  EXPECT_EQ(view.calculation.dates[KeyDateKind::conditional_release],
            (KeyDate{day("2027-08-13"), KeyDateRule::forty_percent}));

  services::refresh_all_case_dates(*store, day("2026-09-30"));
  EXPECT_TRUE(services::release_date_changes(*store, pom).empty());  // the same law as when recorded

  services::refresh_all_case_dates(*store, day("2026-10-02"));
  auto changes = services::release_date_changes(*store, pom);
  ASSERT_EQ(changes.size(), 1u);
  const auto& change = changes[0].change;
  EXPECT_EQ(change.kind, KeyDateKind::conditional_release);
  EXPECT_EQ(change.before, (KeyDate{day("2027-08-13"), KeyDateRule::forty_percent}));
  EXPECT_EQ(change.after, (KeyDate{day("2027-06-01"), KeyDateRule::one_third}));
  EXPECT_EQ(change.found_on, day("2026-10-02"));
  auto journalled = events("key_date.changed");
  ASSERT_EQ(journalled.size(), 1u);
  EXPECT_EQ(journalled[0].data["from"]["rule_code"], "forty_percent");
  EXPECT_EQ(journalled[0].data["to"]["date"], "2027-06-01");
  EXPECT_EQ(journalled[0].data["to"]["rule_code"], "one_third");
  // The page shows the date under the law of the day it is read.
  auto read = services::view_booking(*store, pom, person, day("2026-10-02"));
  EXPECT_EQ(read.calculation.dates.date(KeyDateKind::conditional_release), day("2027-06-01"));

  services::refresh_all_case_dates(*store, day("2026-10-03"));  // nothing more has passed
  EXPECT_EQ(services::release_date_changes(*store, pom).size(), 1u);
}

TEST_F(BookingsTest, EveryPageWorksToTheBookingPagesDateWhileAMeasureIsYetToCommence) {
  // Three years from 2026-06-01, read on 29 September 2026: 40% (13 August 2027, a Friday) under the
  // law then in force; the progression model, commencing on 1 October 2026, would give 1 June 2027.
  const services::FixedClock before_commencement{sys_days{2026y / September / 29} + 10h};
  const auto today = before_commencement.today();
  auto body = json::parse(
      R"({"sentences": [{"id": "a", "kind": "standard", "sentenced_on": "2026-06-01", "term": {"years": 3}}]})");
  auto booked = services::record_booking(*store, before_commencement, pom, person, body, 0);
  auto shown = booked.calculation.dates.date(KeyDateKind::conditional_release);
  ASSERT_EQ(shown, day("2027-08-13"));
  EXPECT_EQ(services::view_booking(*store, pom, person, today).calculation.dates.date(KeyDateKind::conditional_release), shown);

  auto record = services::view_person(*store, pom, person, "test");
  EXPECT_EQ(services::planned_release_date(record, today), shown);
  {
    auto tx = store->begin_read();
    EXPECT_EQ(services::release_worked_to(*tx, record, today), shown);
    EXPECT_EQ(services::day_they_leave(*tx, record, BankHolidays{}, today), shown);
    EXPECT_EQ(services::release_day_of(*tx, record, BankHolidays{}, today)->adjustment.due_date, shown);
  }
  EXPECT_EQ(services::case_responsibility(*store, record, today, BankHolidays{}).release_day->day, shown);
  auto plan = services::view_plan(*store, before_commencement, BankHolidays{}, pom, person);
  EXPECT_EQ(plan.release_date, shown);
  EXPECT_EQ(plan.day_of_release, shown);

  // Once it has commenced, the booking page and the pages that work to the date move together.
  const services::FixedClock after_commencement{sys_days{2026y / October / 2} + 10h};
  auto moved = services::view_booking(*store, pom, person, after_commencement.today())
                   .calculation.dates.date(KeyDateKind::conditional_release);
  EXPECT_EQ(moved, day("2027-06-01"));
  EXPECT_EQ(services::planned_release_date(record, after_commencement.today()), moved);
  EXPECT_EQ(services::view_plan(*store, after_commencement, BankHolidays{}, pom, person).release_date, moved);
}

}  // namespace
