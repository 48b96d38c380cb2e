// The list change counters (migration 49) on each backend: which writes move which unit's counter.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "both_backends.hpp"
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

TEST_P(ListChangesTest, AWriteThatRollsBackMovesNothing) {
  auto person_id =
      test_support::add_person(*store, test_support::person_named("Jo", "Ames", "A1111AA", "", "LEI", "LDS"));
  EXPECT_EQ(moved_by([&] {
              auto tx = store->begin_write();
              tx->journal().append({std::nullopt, person_id, "test.changed", "person", person_id, "Changed", "", nlohmann::json::object()});
            }),
            (Moves{0, 0, 0, 0, 0}));
}

}  // namespace
