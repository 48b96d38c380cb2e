// Unit tests of the View pages render from (web/http/view.hpp).
#include "web/http/view.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

namespace resettle::web {
namespace {

TEST(View, BracedListsOfNamedPairsAreObjectsAndAnythingElseIsAList) {
  View person = {{"name", "Ann"}, {"age", 3}};
  ASSERT_TRUE(person.is_object());
  EXPECT_EQ(person.at("name"), "Ann");
  EXPECT_EQ(person.at("age"), 3);

  View numbers = {1, 2, 3};
  ASSERT_TRUE(numbers.is_list());
  EXPECT_EQ(numbers.size(), 3u);
  View not_named = {{1, "a"}, {2, "b"}};  // pairs, but not starting with text
  EXPECT_TRUE(not_named.is_list());
  View uneven = {{"a", 1}, {"b", 2, 3}};
  EXPECT_TRUE(uneven.is_list());
  View member_holding_a_pair = {{"pair", {"x", 1}}};  // the inner pair is a value: a list of two
  EXPECT_EQ(member_holding_a_pair.at("pair"), View::list({"x", 1}));
  View from_pair_views = {View::list({"a", 1}), View::list({"b", 2})};  // lists of two count as pairs too
  EXPECT_EQ(from_pair_views, (View{{"a", 1}, {"b", 2}}));
  View pair_as_list = View::list({{"a", 1}});  // asked for a list
  ASSERT_TRUE(pair_as_list.is_list());
  EXPECT_TRUE(pair_as_list[0].is_list());
  EXPECT_TRUE(View{}.is_null());
  EXPECT_EQ(View{true}, View::list({true}));  // one value in braces is a one-item list, as in JSON
  EXPECT_TRUE(View::list().is_list());
  EXPECT_TRUE(View::object().is_object());
}

TEST(View, ReadsAsTheJsonLibraryWouldFromTheSameBracedList) {
  View view = {{"caption", "People"},
               {"head", {{{"text", "Name"}}, {{"text", "CRN"}, {"numeric", true}}}},
               {"rows", View::list()},
               {"none", nullptr},
               {"count", std::size_t{7}},
               {"balance", -2},
               {"half", 0.5}};
  nlohmann::json json = {{"caption", "People"},
                         {"head", {{{"text", "Name"}}, {{"text", "CRN"}, {"numeric", true}}}},
                         {"rows", nlohmann::json::array()},
                         {"none", nullptr},
                         {"count", std::size_t{7}},
                         {"balance", -2},
                         {"half", 0.5}};
  EXPECT_EQ(nlohmann::json::parse(view.dump()), json);
  EXPECT_EQ(View(json), view);  // and back from JSON, as an API record shown on a page is
}

TEST(View, AnObjectKeepsTheOrderItsMembersWereSetAndARepeatedNameItsLastValue) {
  View view = {{"b", 1}, {"a", 2}, {"b", 3}};
  ASSERT_EQ(view.size(), 2u);
  EXPECT_EQ(view.members()[0].name, "b");
  EXPECT_EQ(view.members()[0].value, 3);
  EXPECT_EQ(view.members()[1].name, "a");
}

TEST(View, MembersAreFoundSetAddedAndTakenOut) {
  View view;
  view["title"] = "Caseload";  // a null becomes an object
  view["count"] = 2;
  view["count"] = 3;
  ASSERT_TRUE(view.is_object());
  EXPECT_EQ(view.size(), 2u);
  EXPECT_EQ(view.at("count"), 3);
  ASSERT_NE(view.find("title"), nullptr);
  EXPECT_EQ(view.find("title")->text(), "Caseload");
  EXPECT_EQ(view.find("titles"), nullptr);
  EXPECT_EQ(view.find("titl"), nullptr);
  EXPECT_TRUE(view.contains("title"));
  EXPECT_THROW(static_cast<void>(view.at("missing")), std::out_of_range);

  EXPECT_TRUE(view.erase("title"));
  EXPECT_FALSE(view.erase("title"));
  EXPECT_FALSE(view.contains("title"));

  view.update({{"count", 4}, {"more", true}});
  EXPECT_EQ(view.at("count"), 4);
  EXPECT_EQ(view.at("more"), true);
}

TEST(View, NamesAndItemsOfTheWrongKindOfValueAreRefused) {
  View text = "words";
  EXPECT_EQ(text.find("a"), nullptr);
  EXPECT_THROW(text["a"], std::logic_error);
  EXPECT_THROW(text.push_back(1), std::logic_error);
  EXPECT_THROW(static_cast<void>(text[0]), std::out_of_range);
  EXPECT_FALSE(text.erase("a"));
  View list = {1, 2};
  EXPECT_THROW(list["a"], std::logic_error);
  EXPECT_THROW(static_cast<void>(list[2]), std::out_of_range);
  EXPECT_EQ(text.size(), 0u);
}

TEST(View, ListsGrowAndAreWalked) {
  View list;
  list.push_back("a");  // a null becomes a list
  list.push_back({{"name", "b"}});
  ASSERT_TRUE(list.is_list());
  EXPECT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0], "a");
  EXPECT_EQ(list[1].at("name"), "b");
  list[0] = "c";
  std::string seen;
  for (const View& item : std::as_const(list)) seen += item.is_text() ? item.text() : item.at("name").text();
  EXPECT_EQ(seen, "cb");
}

TEST(View, AListWithRoomStartsEmptyAndKeepsItsItemsInPlaceAsItFills) {
  auto list = View::list_with_room(5);
  ASSERT_TRUE(list.is_list());
  EXPECT_TRUE(list.empty());
  EXPECT_FALSE(list.truthy());
  EXPECT_EQ(list, View::list());
  list.push_back("a");
  const View* first = &list[0];
  for (const char* text : {"b", "c", "d", "e"}) list.push_back(text);
  EXPECT_EQ(&list[0], first);  // five fit without moving what is there
  EXPECT_EQ(list, View::list({"a", "b", "c", "d", "e"}));
}

TEST(View, AnObjectBuiltWholeKeepsItsMembersInOrderAndRefusesARepeatedName) {
  View::Object members;
  members.emplace_back("name", "Ann");
  members.emplace_back("age", 3);
  auto object = View::object(std::move(members));
  ASSERT_TRUE(object.is_object());
  EXPECT_EQ(object.members()[0].name, "name");
  EXPECT_EQ(object.members()[1].name, "age");
  EXPECT_EQ(object, View({{"name", "Ann"}, {"age", 3}}));
  EXPECT_EQ(View::object(View::Object{}), View::object());

  View::Object repeated;
  repeated.emplace_back("name", "Ann");
  repeated.emplace_back("age", 3);
  repeated.emplace_back("name", "Bob");
  EXPECT_THROW(View::object(std::move(repeated)), std::logic_error);
}

TEST(View, TextComesFromEveryKindOfString) {
  std::string owned = "owned";
  EXPECT_EQ(View("literal").text(), "literal");
  EXPECT_EQ(View(owned).text(), "owned");
  EXPECT_EQ(View(std::string_view{"viewed"}).text(), "viewed");
  EXPECT_TRUE(View("literal").is_text());  // not a pointer taken for a boolean
}

TEST(View, TruthyForSectionsIsAnythingButNullFalseEmptyTextAndTheEmptyList) {
  EXPECT_FALSE(View{}.truthy());
  EXPECT_FALSE(View(false).truthy());
  EXPECT_FALSE(View("").truthy());
  EXPECT_FALSE(View::list().truthy());
  EXPECT_TRUE(View(true).truthy());
  EXPECT_TRUE(View("x").truthy());
  EXPECT_TRUE(View(0).truthy());
  EXPECT_TRUE(View(0.0).truthy());
  EXPECT_TRUE(View::object().truthy());
  EXPECT_TRUE(View(1).truthy());
}

TEST(View, NumbersAreWrittenInFullAndFractionsAsJsonWritesThem) {
  auto written = [](const View& view) {
    std::string out;
    view.append_number(out);
    return out;
  };
  EXPECT_EQ(written(View(-9223372036854775807LL - 1)), "-9223372036854775808");
  EXPECT_EQ(written(View(18446744073709551615ULL)), "18446744073709551615");
  EXPECT_EQ(written(View(1.5)), "1.5");
  EXPECT_EQ(written(View(2.0)), "2.0");
  EXPECT_EQ(written(View("7")), "");  // text is not a number
  EXPECT_TRUE(View(3u).is_number());
  EXPECT_FALSE(View(true).is_number());
}

TEST(View, EqualityIsJsonsNumbersWhateverTheirSignednessAndObjectsWhateverTheirOrder) {
  EXPECT_EQ(View(3), View(3u));
  EXPECT_NE(View(3), View(4u));
  EXPECT_NE(View(1), View(true));
  EXPECT_NE(View("1"), View(1));
  EXPECT_EQ((View{{"a", {1, 2}}}), (View{{"a", {1, 2}}}));
  EXPECT_EQ((View{{"a", 1}, {"b", 2}}), (View{{"b", 2}, {"a", 1}}));  // whatever the order of members
  EXPECT_NE((View{{"a", 1}, {"b", 2}}), (View{{"a", 1}, {"c", 2}}));
  EXPECT_NE((View{{"a", 1}, {"b", 2}}), (View{{"a", 1}}));
  EXPECT_NE((View{{"a", 1}}), (View{{"a", 2}}));
}

TEST(View, MembersAreMovedOutOfABracedListNotCopied) {
  View rows = View::list();
  for (int i = 0; i < 3; ++i) rows.push_back({{"text", std::string(100, 'x')}});
  const View* first_row = &rows[0];
  View table = {{"rows", std::move(rows)}};
  EXPECT_EQ(&table.at("rows")[0], first_row);  // the same items, not a copy of them
}

}  // namespace
}  // namespace resettle::web
