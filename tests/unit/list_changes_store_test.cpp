// The list change counters (migrations 49 and 52) on each backend: which writes move which unit's counter.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "both_backends.hpp"
#include "domain/mappa/iom.hpp"
#include "domain/supervision/appointment.hpp"
#include "store/iom_repositories.hpp"
#include "store/list_changes.hpp"
#include "store/store.hpp"
#include "test_store.hpp"

using namespace resettle;

namespace {

using test_support::Backend;
using test_support::backend_name;

class ListChangesTest : public test_support::BothBackendsTest {
 protected:
  void SetUp() override {
    BothBackendsTest::SetUp();
    if (IsSkipped()) return;
    pom = test_support::add_staff(*store, "pom", Role::pom);
    other_pom = test_support::add_staff(*store, "other.pom", Role::pom);
  }

  // The counters of Leeds prison, Hatfield prison, Leeds PDU, and the two POMs' caseloads, in that order.
  std::vector<std::int64_t> counters() {
    return store::list_changes(*store->begin_read())
        .counts({store::prison_lists("LEI"), store::prison_lists("HAI"), store::pdu_lists("LDS"),
                 store::caseload_lists(pom), store::caseload_lists(other_pom)});
  }
  // How far each counter moved while `write` ran.
  template <typename Write>
  std::vector<std::int64_t> moved_by(Write&& write) {
    auto before = counters();
    write();
    auto after = counters();
    for (std::size_t i = 0; i < after.size(); ++i) after[i] -= before[i];
    return after;
  }
  static std::vector<bool> which_moved(const std::vector<std::int64_t>& moves) {
    std::vector<bool> moved;
    for (auto move : moves) moved.push_back(move > 0);
    return moved;
  }
  void journal_about(std::int64_t person_id) {
    auto tx = store->begin_write();
    tx->journal().append({std::nullopt, person_id, "test.changed", "person", person_id, "Changed", "", nlohmann::json::object()});
    tx->commit();
  }

  std::int64_t pom = 0;
  std::int64_t other_pom = 0;
};

INSTANTIATE_TEST_SUITE_P(Backends, ListChangesTest, ::testing::Values(Backend::sqlite, Backend::postgresql), backend_name);

using Moves = std::vector<std::int64_t>;

TEST_P(ListChangesTest, AUnitNoWriteHasTouchedCountsZero) {
  EXPECT_EQ(store::list_changes(*store->begin_read()).counts({store::prison_lists("NONE"), store::caseload_lists(0)}),
            (Moves{0, 0}));
}

TEST_P(ListChangesTest, AJournalledChangeMovesTheCountersOfEveryListThePersonIsOn) {
  std::int64_t in_leeds = 0;
  // Added in Leeds prison and PDU: those two lists gain a row.
  EXPECT_EQ(moved_by([&] {
              in_leeds = test_support::add_person(
                  *store, test_support::person_named("Jo", "Ames", "A1111AA", "X111111", "LEI", "LDS"));
            }),
            (Moves{1, 0, 1, 0, 0}));
  // On the POM's caseload from now.
  EXPECT_EQ(moved_by([&] { test_support::allocate(*store, in_leeds, pom); }), (Moves{0, 0, 0, 1, 0}));
  // Any change journalled about them moves every list they are on, and no other.
  EXPECT_EQ(moved_by([&] { journal_about(in_leeds); }), (Moves{1, 0, 1, 1, 0}));
  // So does their case dates' change, journalled or not (a refresh of the dates; saving them may write
  // the row more than once).
  EXPECT_EQ(which_moved(moved_by([&] {
              auto tx = store->begin_write();
              CaseDates dates;
              dates.person_id = in_leeds;
              dates.worked_out_on = *parse_iso_date("2026-03-15");
              tx->case_dates().save(dates);
              tx->commit();
            })),
            (std::vector<bool>{true, false, true, true, false}));
  // Someone in Hatfield prison: only its list moves.
  auto in_hatfield = test_support::add_person(*store, test_support::person_named("Al", "Bee", "A2222AA", "", "HAI"));
  EXPECT_EQ(moved_by([&] { journal_about(in_hatfield); }), (Moves{0, 1, 0, 0, 0}));
}

TEST_P(ListChangesTest, APersonWhoLeavesAListMovesItsCounterAsWellAsTheNewOnes) {
  auto person_id =
      test_support::add_person(*store, test_support::person_named("Jo", "Ames", "A1111AA", "", "LEI", "LDS"));
  auto allocation = test_support::allocate(*store, person_id, pom);
  // Moved to Hatfield: Leeds prison's list loses them, Hatfield's gains them; the PDU's and the
  // caseload's rows are written again.
  auto moved = moved_by([&] {
    auto tx = store->begin_write();
    auto person = *tx->people().find(person_id);
    person.prison_code = "HAI";
    tx->people().update(person, person.version);
    tx->commit();
  });
  EXPECT_EQ(which_moved(moved), (std::vector<bool>{true, true, true, true, false}));
  // The allocation ends: off the POM's caseload.
  EXPECT_EQ(moved_by([&] {
              auto tx = store->begin_write();
              tx->allocations().end(allocation, *parse_iso_date("2026-03-15"));
              tx->commit();
            }),
            (Moves{0, 0, 0, 1, 0}));
  // And a change about them no longer moves it.
  EXPECT_EQ(moved_by([&] { journal_about(person_id); }), (Moves{0, 1, 1, 0, 0}));
}

// Journalled at every view of the person's own pages, and shown on no list.
TEST_P(ListChangesTest, APersonsViewOfTheirOwnPagesMovesNoList) {
  auto person_id =
      test_support::add_person(*store, test_support::person_named("Jo", "Ames", "A1111AA", "", "LEI", "LDS"));
  EXPECT_EQ(moved_by([&] {
              auto tx = store->begin_write();
              tx->journal().append({std::nullopt, person_id, "person_account.viewed", "person", person_id,
                                    "Viewed what happens next", "", nlohmann::json::object()});
              tx->commit();
            }),
            (Moves{0, 0, 0, 0, 0}));
}

TEST_P(ListChangesTest, AWriteThatRollsBackMovesNothing) {
  auto person_id =
      test_support::add_person(*store, test_support::person_named("Jo", "Ames", "A1111AA", "", "LEI", "LDS"));
  EXPECT_EQ(moved_by([&] {
              auto tx = store->begin_write();
              tx->journal().append({std::nullopt, person_id, "test.changed", "person", person_id, "Changed", "", nlohmann::json::object()});
            }),
            (Moves{0, 0, 0, 0, 0}));
}

// An officer's diary (migration 52): the appointments they hold or join, their people's names, and for a
// risk partner the cases they are named on.
TEST_P(ListChangesTest, AnOfficersDiaryMovesWithItsAppointmentsTheirPeoplesNamesAndTheCasesTheyJoin) {
  auto police = test_support::add_staff(*store, "police", Role::police);
  auto diaries = [&] {
    return store::list_changes(*store->begin_read())
        .counts({store::diary_lists(pom), store::diary_lists(other_pom), store::diary_lists(police)});
  };
  auto diaries_moved_by = [&](auto&& write) {
    auto before = diaries();
    write();
    auto after = diaries();
    for (std::size_t i = 0; i < after.size(); ++i) after[i] -= before[i];
    return which_moved(after);
  };
  auto person_id =
      test_support::add_person(*store, test_support::person_named("Jo", "Ames", "A1111AA", "X111111", "LEI", "LDS"));
  Appointment appointment;
  appointment.person_id = person_id;
  appointment.type = AppointmentType::home_visit;
  appointment.on = *parse_iso_date("2027-01-04");
  appointment.starts_at = ClockTime{600};
  appointment.ends_at = ClockTime{660};
  appointment.office_code = "LDS";
  appointment.with_staff_id = pom;
  appointment.booked_by = pom;
  // Booked with the POM, the police officer joining.
  appointment.joint_with = police;
  EXPECT_EQ(diaries_moved_by([&] {
              auto tx = store->begin_write();
              appointment.id = tx->appointments().insert(appointment);
              tx->commit();
            }),
            (std::vector<bool>{true, false, true}));
  // Handed to the other POM: the diary it leaves, the one it joins and the second worker's move.
  EXPECT_EQ(diaries_moved_by([&] {
              auto tx = store->begin_write();
              appointment.with_staff_id = other_pom;
              tx->appointments().update(appointment, 1);
              tx->commit();
            }),
            (std::vector<bool>{true, true, true}));
  // The person's name changes: the diaries with their appointment move.
  EXPECT_EQ(diaries_moved_by([&] {
              auto tx = store->begin_write();
              auto person = *tx->people().find(person_id);
              person.family_name = "Amis";
              tx->people().update(person, person.version);
              tx->commit();
            }),
            (std::vector<bool>{false, true, true}));
  // Written again with the same name, they do not.
  EXPECT_EQ(diaries_moved_by([&] {
              auto tx = store->begin_write();
              auto person = *tx->people().find(person_id);
              tx->people().update(person, person.version);
              tx->commit();
            }),
            (std::vector<bool>{false, false, false}));
  // The police officer is named on the case: their diary may now show it.
  EXPECT_EQ(diaries_moved_by([&] {
              auto tx = store->begin_write();
              tx->iom().insert_coworker({0, person_id, 0, police, *parse_iso_date("2027-01-01"), std::nullopt, pom, 0});
              tx->commit();
            }),
            (std::vector<bool>{false, false, true}));
}

}  // namespace
