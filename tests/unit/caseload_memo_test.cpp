// The caseload pages a server keeps (services::CaseloadMemo over the list change counters of migration
// 49) stay exact: after every kind of write through the services, each viewer's kept page equals a page
// read afresh, people hidden by limited access stay hidden, and every view is audited, kept or not.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <string>
#include <vector>

#include "domain/errors.hpp"
#include "services/allocation/allocations.hpp"
#include "services/limited_access/limited_access.hpp"
#include "services/list_memo.hpp"
#include "services/people/case_records.hpp"
#include "services/people/caseload.hpp"
#include "services/plan/resettlement_plan.hpp"
#include "test_store.hpp"

using namespace resettle;
using namespace std::chrono;

namespace {

const services::FixedClock clock_at{sys_days{2026y / March / 15} + 10h};

StaffMember staff(std::string username, Role role, std::string prison, std::string pdu) {
  return {0, username, "Staff " + username, role, std::move(prison), std::move(pdu), "", "", true};
}

// What a viewer sees of a caseload page: who, by name, in order, with their alerts.
struct Shown {
  bool whole_unit = false;
  std::vector<std::string> rows;
  bool operator==(const Shown&) const = default;
};
void PrintTo(const Shown& shown, std::ostream* out) {
  *out << (shown.whole_unit ? "unit:" : "own:");
  for (const auto& row : shown.rows) *out << " [" << row << "]";
}

Shown shown(const services::Caseload& caseload) {
  Shown seen{caseload.whole_unit, {}};
  for (std::size_t i = 0; i < caseload.people.items.size(); ++i) {
    const auto& person = caseload.people.items[i];
    seen.rows.push_back(std::to_string(person.id) + " " + person.full_name() + " " + person.prison_number + " stage " +
                        std::to_string(static_cast<int>(person.stage)) + " overdue " +
                        std::to_string(caseload.alerts[i].overdue_actions));
  }
  return seen;
}

class CaseloadMemoTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store->migrate();
    auto tx = store->begin_write();
    test_support::add_yorkshire(*tx);
    for (auto* member : {&pom, &pom_hatfield, &com, &manager, &admin})
      member->id = tx->staff().insert(*member, "not-a-real-hash");
    tx->commit();
  }

  Shown kept_view(const StaffMember& viewer, services::CaseloadScope scope) {
    return shown(*services::caseload_of(*store, memo, clock_at, viewer, scope, "", {}));
  }
  Shown fresh_view(const StaffMember& viewer, services::CaseloadScope scope) {
    services::CaseloadMemo fresh{10};
    return shown(*services::caseload_of(*store, fresh, clock_at, viewer, scope, "", {}));
  }
  // Every viewer's pages, both scopes, as kept and as read afresh; returns the kept ones.
  std::vector<Shown> expect_every_view_exact() {
    std::vector<Shown> kept;
    for (const auto* viewer : {&pom, &pom_hatfield, &com, &manager, &admin}) {
      for (auto scope : {services::CaseloadScope::own, services::CaseloadScope::unit}) {
        kept.push_back(kept_view(*viewer, scope));
        EXPECT_EQ(kept.back(), fresh_view(*viewer, scope)) << viewer->username;
      }
    }
    return kept;
  }
  // How many list reads the access log holds (each names everyone the list showed).
  int list_reads() {
    sqlite3* db = nullptr;
    sqlite3_open(database.path().c_str(), &db);
    sqlite3_stmt* statement = nullptr;
    sqlite3_prepare_v2(db, "SELECT count(*) FROM access_log WHERE person_id IS NULL", -1, &statement, nullptr);
    sqlite3_step(statement);
    int reads = sqlite3_column_int(statement, 0);
    sqlite3_finalize(statement);
    sqlite3_close(db);
    return reads;
  }

  std::int64_t add(const std::string& given, const std::string& prison_number, const std::string& prison,
                   const std::string& pdu) {
    return services::add_person(*store, clock_at, admin,
                                {{"given_name", given}, {"family_name", "Hughes"}, {"date_of_birth", "1990-05-17"},
                                 {"prison_number", prison_number}, {"prison_code", prison}, {"pdu_code", pdu}})
        .id;
  }

  test_support::TempDatabase database;
  std::unique_ptr<store::Store> store = store::open_sqlite_store({database.path(), 4});
  services::CaseloadMemo memo{100};
  StaffMember pom = staff("pom", Role::pom, "LEI", "");
  StaffMember pom_hatfield = staff("pom.hatfield", Role::pom, "HAI", "");
  StaffMember com = staff("com", Role::com, "", "LDS");
  StaffMember manager = staff("manager", Role::manager, "LEI", "LDS");
  StaffMember admin = staff("admin", Role::admin, "", "");
};

TEST_F(CaseloadMemoTest, EveryKeptPageEqualsAFreshReadAfterEachKindOfWrite) {
  using services::CaseloadScope;
  auto jordan = add("Jordan", "A1234BC", "LEI", "LDS");
  auto sam = add("Sam", "B2345CD", "HAI", "");
  expect_every_view_exact();

  // A new person in Leeds prison.
  auto alex = add("Alex", "C3456DE", "LEI", "");
  auto before = kept_view(pom, CaseloadScope::unit);
  EXPECT_EQ(before.rows.size(), 2u);
  expect_every_view_exact();

  // Details changed: the name on every list showing them.
  auto person = services::view_person(*store, admin, jordan, "overview").person;
  services::update_person(*store, clock_at, admin, jordan, {{"given_name", "Jordi"}}, person.version);
  EXPECT_NE(kept_view(pom, CaseloadScope::unit), before);
  expect_every_view_exact();

  // Allocated to the Leeds POM though in Hatfield: on their own caseload, then a change to them there.
  services::allocate(*store, admin, sam, pom.id, Role::pom, clock_at.today(), "Cover");
  EXPECT_EQ(kept_view(pom, CaseloadScope::own).rows.size(), 1u);
  expect_every_view_exact();
  person = services::view_person(*store, admin, sam, "overview").person;
  services::update_person(*store, clock_at, admin, sam, {{"family_name", "Price"}}, person.version);
  expect_every_view_exact();

  // Then allocated away again: off the Leeds POM's caseload.
  services::allocate(*store, admin, sam, pom_hatfield.id, Role::pom, clock_at.today(), "Back to Hatfield");
  EXPECT_TRUE(kept_view(pom, CaseloadScope::own).rows.empty());
  expect_every_view_exact();

  // An overdue action on a plan: the alert on the row.
  auto plan = services::view_plan(*store, clock_at, BankHolidays{}, manager, alex).plan;
  plan = services::add_objective(*store, clock_at, manager, alex, {{"pathway", "accommodation"}, {"goal", "A flat"}},
                                 plan.version);
  services::add_action(*store, clock_at, manager, alex, plan.objectives[0].id,
                       {{"description", "Housing form"}, {"owner_kind", "person"}, {"due_date", "2026-03-10"}},
                       plan.version);
  expect_every_view_exact();

  // Limited access: the Leeds POM excluded from Jordan's case no longer sees them on any list, at once;
  // the manager still does.
  auto entries = services::add_limited_access(*store, manager, jordan,
                                              {{"list", "exclusion"}, {"username", "pom"}, {"reason", "Knows the family"}});
  for (const auto& row : kept_view(pom, CaseloadScope::unit).rows)
    EXPECT_FALSE(row.starts_with(std::to_string(jordan) + " ")) << row;
  expect_every_view_exact();
  services::end_limited_access(*store, manager, jordan, entries.front().id, {{"reason", "Moved away"}});
  expect_every_view_exact();
}

TEST_F(CaseloadMemoTest, ViewersInTheSameUnitNeverShareAKeptPage) {
  using services::CaseloadScope;
  auto jordan = add("Jordan", "A1234BC", "LEI", "LDS");
  services::add_limited_access(*store, manager, jordan,
                               {{"list", "exclusion"}, {"username", "pom"}, {"reason", "Knows the family"}});
  auto pom_colleague = staff("pom.two", Role::pom, "LEI", "");
  {
    auto tx = store->begin_write();
    pom_colleague.id = tx->staff().insert(pom_colleague, "not-a-real-hash");
    tx->commit();
  }
  // The colleague's view is kept first; the excluded POM's, same unit and role, is their own.
  EXPECT_EQ(kept_view(pom_colleague, CaseloadScope::unit).rows.size(), 1u);
  EXPECT_TRUE(kept_view(pom, CaseloadScope::unit).rows.empty());
  EXPECT_EQ(kept_view(pom_colleague, CaseloadScope::unit).rows.size(), 1u);
  // A search is a page of its own.
  EXPECT_TRUE(shown(*services::caseload_of(*store, memo, clock_at, pom_colleague, CaseloadScope::unit, "nobody", {}))
                  .rows.empty());
}

TEST_F(CaseloadMemoTest, AKeptPageIsStillAuditedAtEveryView) {
  add("Jordan", "A1234BC", "LEI", "LDS");
  int before = list_reads();
  for (int i = 0; i < 3; ++i) kept_view(pom, services::CaseloadScope::unit);
  EXPECT_EQ(list_reads(), before + 3);
}

// The memo itself: the read runs again only once a write moves a counter of the list's units.
TEST_F(CaseloadMemoTest, AListIsReadAgainOnlyWhenAWriteMovesOneOfItsUnitsCounters) {
  services::ListMemo<int, int> kept{2};
  int reads = 0;
  auto read = [&] { return ++reads; };
  std::vector<std::string> leeds{store::prison_lists("LEI")};
  EXPECT_EQ(*kept.get(*store, 1, leeds, read), 1);
  EXPECT_EQ(*kept.get(*store, 1, leeds, read), 1);
  add("Sam", "B2345CD", "HAI", "");  // elsewhere
  EXPECT_EQ(*kept.get(*store, 1, leeds, read), 1);
  add("Jordan", "A1234BC", "LEI", "");
  EXPECT_EQ(*kept.get(*store, 1, leeds, read), 2);
  // Another list is read for itself; a third, with the memo full, makes it forget the others.
  EXPECT_EQ(*kept.get(*store, 2, leeds, read), 3);
  EXPECT_EQ(*kept.get(*store, 3, leeds, read), 4);
  EXPECT_EQ(*kept.get(*store, 1, leeds, read), 5);
}

// Bytes made from a kept list (its rendered page) are made once while the list is kept, and made again
// from the data read afresh once a write moves a counter: never older than the data they show.
TEST_F(CaseloadMemoTest, BytesMadeFromAKeptListGoWithItsData) {
  services::ListMemo<int, int> kept{2};
  int reads = 0, makes = 0;
  auto read = [&] { return ++reads; };
  std::vector<std::string> leeds{store::prison_lists("LEI")};
  auto made = [&](const services::KeptList<int>& list, const std::string& key) {
    return *list.made->get(key, [&] { return key + " " + std::to_string(*list.data) + " made " + std::to_string(++makes); });
  };
  EXPECT_EQ(made(kept.get_kept(*store, 1, leeds, read), "a"), "a 1 made 1");
  EXPECT_EQ(made(kept.get_kept(*store, 1, leeds, read), "a"), "a 1 made 1");
  EXPECT_EQ(made(kept.get_kept(*store, 1, leeds, read), "b"), "b 1 made 2");  // another viewer's session
  add("Jordan", "A1234BC", "LEI", "");
  EXPECT_EQ(made(kept.get_kept(*store, 1, leeds, read), "a"), "a 2 made 3");
  EXPECT_EQ(made(kept.get_kept(*store, 1, leeds, read), "a"), "a 2 made 3");
  // get is get_kept's data: the same kept list.
  EXPECT_EQ(*kept.get(*store, 1, leeds, read), 2);
  EXPECT_EQ(reads, 2);
}

// A kept list holds the bytes of a few keys at once; past that, a new key makes it forget the others.
TEST_F(CaseloadMemoTest, BytesMadeUnderKeysThatKeepChangingStayBounded) {
  services::MadeFromList made;
  int makes = 0;
  auto make = [&] { return std::to_string(++makes); };
  for (auto key : {"1", "2", "3", "4"}) made.get(key, make);
  EXPECT_EQ(*made.get("1", make), "1");
  EXPECT_EQ(*made.get("5", make), "5");
  EXPECT_EQ(*made.get("1", make), "6");
}

// The page a kept caseload is rendered to: made again, from the data read afresh, when a write changes
// what it shows; and an administrator's whole-unit list, never kept, is rendered for each request.
TEST_F(CaseloadMemoTest, AKeptCaseloadIsRenderedAgainAfterAWrite) {
  using services::CaseloadScope;
  add("Jordan", "A1234BC", "LEI", "LDS");
  auto rendered = [&](const StaffMember& viewer) {
    auto list = services::kept_caseload_of(*store, memo, clock_at, viewer, CaseloadScope::unit, "", {});
    return *list.made->get("session", [&] {
      std::string page;
      for (const auto& row : shown(*list.data).rows) page += row + ";";
      return page;
    });
  };
  auto first = rendered(pom);
  EXPECT_EQ(rendered(pom), first);
  add("Alex", "C3456DE", "LEI", "");
  auto second = rendered(pom);
  EXPECT_EQ(first.find("Alex"), std::string::npos);
  EXPECT_NE(second.find("Alex"), std::string::npos);
  auto everyone = rendered(admin);
  add("Sam", "B2345CD", "HAI", "");
  EXPECT_NE(rendered(admin), everyone);
}

}  // namespace
