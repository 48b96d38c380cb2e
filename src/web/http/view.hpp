#pragma once
// What a page is rendered from: text, numbers, booleans, lists and objects, built per request and
// read by the template engine. It is the renderer's own type rather than a JSON library's because a
// list page builds and reads thousands of these: an object here is one vector of members found by a
// scan (a view's objects hold a handful of names), where a JSON object is a tree of heap nodes.
//
// Braced lists follow the JSON library's rule, so views read the same either way: a list whose
// every item is a two-item list starting with text is an object ({{"name", "Ann"}, {"age", 3}});
// anything else is a list. Members move out of a braced list rather than being copied.
#include <cstdint>
#include <initializer_list>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace resettle::web {

class View {
 public:
  struct Member;
  class Element;
  using List = std::vector<View>;
  using Object = std::vector<Member>;  // in the order set

  View() = default;  // null: falsy, writes nothing
  View(std::nullptr_t) {}
  View(bool value) : value_(value) {}
  template <typename Integer>
    requires(std::is_integral_v<Integer> && !std::is_same_v<Integer, bool>)
  View(Integer value) {
    if constexpr (std::is_signed_v<Integer>) {
      value_ = static_cast<std::int64_t>(value);
    } else {
      value_ = static_cast<std::uint64_t>(value);
    }
  }
  View(double value) : value_(value) {}
  View(const char* text) : value_(std::string{text}) {}
  View(std::string text) : value_(std::move(text)) {}
  View(std::string_view text) : value_(std::string{text}) {}
  View(std::initializer_list<Element> items);
  View(const nlohmann::json& json);  // an API record shown on a page

  static View list() { return View(List{}); }
  static View list(std::initializer_list<Element> items);  // a list even when the items look like members
  // An empty list with room for `items`, for lists known to grow past the usual four (table rows).
  static View list_with_room(std::size_t items);
  static View object() { return View(Object{}); }
  // An object of these members, in their order; std::logic_error when a name repeats. Rows of long
  // tables are built this way: operator[] searches, and makes room, once for each name.
  static View object(Object members);

  bool is_null() const { return std::holds_alternative<std::nullptr_t>(value_); }
  bool is_boolean() const { return std::holds_alternative<bool>(value_); }
  bool is_text() const { return std::holds_alternative<std::string>(value_); }
  bool is_list() const { return std::holds_alternative<List>(value_); }
  bool is_object() const { return std::holds_alternative<Object>(value_); }

  // The value itself; std::bad_variant_access when it is of another kind.
  bool boolean() const { return std::get<bool>(value_); }
  const std::string& text() const { return std::get<std::string>(value_); }
  const List& items() const { return std::get<List>(value_); }
  const Object& members() const { return std::get<Object>(value_); }

  // Items of a list or members of an object; 0 for anything else.
  std::size_t size() const;
  bool empty() const { return size() == 0; }

  // The member named `name`, or nullptr when this is not an object or has no such member.
  const View* find(std::string_view name) const;
  bool contains(std::string_view name) const { return find(name) != nullptr; }
  // The member named `name`, added as null when missing; a null becomes an empty object first.
  // std::logic_error when this is anything else.
  View& operator[](std::string_view name);
  // The member named `name`: std::out_of_range when missing or when this is not an object.
  const View& at(std::string_view name) const;
  // The item at `index` of a list: std::out_of_range when past its end or when this is not a list.
  View& operator[](std::size_t index);
  const View& operator[](std::size_t index) const;
  // Adds an item to a list; a null becomes an empty list first. std::logic_error on anything else.
  void push_back(View item);
  // Takes the member named `name` out of an object; false when there was none.
  bool erase(std::string_view name);
  // Sets each member of `other` (an object) on this one, as `view[name] = value` would.
  void update(View other);

  // The items of a list, for range-for; std::bad_variant_access when this is not a list.
  List::iterator begin() { return std::get<List>(value_).begin(); }
  List::iterator end() { return std::get<List>(value_).end(); }
  List::const_iterator begin() const { return items().begin(); }
  List::const_iterator end() const { return items().end(); }

  // Writes a number as the page shows it: integers in full, fractions as JSON writes them.
  void append_number(std::string& out) const;
  bool is_number() const;

  // Truthy for sections: not null, false, "" or an empty list.
  bool truthy() const;

  // The view as JSON text, for test messages and debugging.
  std::string dump() const;

  friend bool operator==(const View& a, const View& b);

 private:
  nlohmann::json as_json() const;
  explicit View(List list) : value_(std::move(list)) {}
  explicit View(Object object) : value_(std::move(object)) {}

  std::variant<std::nullptr_t, bool, std::int64_t, std::uint64_t, double, std::string, List, Object> value_;
};

struct View::Member {
  std::string name;
  View value;
  friend bool operator==(const Member&, const Member&) = default;
};

// One item of a braced list. The list's array is const, so what is held here is mutable to be moved
// out of it rather than copied (a table's rows would otherwise be copied once per level above them).
// A braced {"name", value} is held as that name and value, not as a list of two: most are members
// of an object, and a list would be made and thrown away for each.
class View::Element {
 public:
  template <typename Value>
    requires std::is_constructible_v<View, Value&&>
  Element(Value&& value) : view_(std::forward<Value>(value)) {}
  Element(std::initializer_list<Element> items);

  // {"name", value}, braced or already a list of two: a member, if every item around it is one.
  bool is_member() const;
  Member take_member() const;
  View take() const;

 private:
  mutable View view_;                     // the value of a braced member
  mutable std::optional<std::string> name_;  // set for a braced member
};

std::ostream& operator<<(std::ostream& out, const View& view);  // as JSON, for test messages

}  // namespace resettle::web
