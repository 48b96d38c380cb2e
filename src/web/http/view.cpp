// The View a page is rendered from (see view.hpp).
#include "web/http/view.hpp"

#include <algorithm>
#include <charconv>
#include <ostream>
#include <stdexcept>
#include <utility>

#include <nlohmann/json.hpp>

namespace resettle::web {

namespace {

// Room for this many members or items is made on the first: most of a page's objects and lists
// (a table row, its cells, its texts) hold two to four, and growing one at a time allocated three
// times for four.
constexpr std::size_t usual_width = 4;

template <typename Number>
void append_integer(std::string& out, Number number) {
  char digits[24];
  auto end = std::to_chars(digits, digits + sizeof digits, number).ptr;
  out.append(digits, end);
}

}  // namespace

View::Element::Element(std::initializer_list<Element> items) {
  if (items.size() == 2 && !items.begin()->name_ && items.begin()->view_.is_text()) {
    name_ = std::move(std::get<std::string>(items.begin()->view_.value_));
    view_ = items.begin()[1].take();
  } else {
    view_ = View(items);
  }
}

bool View::Element::is_member() const {
  return name_ || (view_.is_list() && view_.size() == 2 && view_[0].is_text());
}

View::Member View::Element::take_member() const {
  if (name_) return {std::move(*name_), std::move(view_)};
  auto& pair = std::get<List>(view_.value_);
  return {std::move(std::get<std::string>(pair[0].value_)), std::move(pair[1])};
}

View View::Element::take() const {
  if (!name_) return std::move(view_);
  List pair;
  pair.reserve(2);
  pair.emplace_back(std::move(*name_));
  pair.push_back(std::move(view_));
  return View(std::move(pair));
}

View::View(std::initializer_list<Element> items) {
  if (items.size() > 0 && std::all_of(items.begin(), items.end(), [](const Element& item) { return item.is_member(); })) {
    Object object;
    object.reserve(items.size());
    for (const auto& item : items) {
      Member member = item.take_member();
      auto same = std::find_if(object.begin(), object.end(), [&](const Member& m) { return m.name == member.name; });
      if (same == object.end()) {
        object.push_back(std::move(member));
      } else {
        same->value = std::move(member.value);  // a repeated name keeps its last value, as in JSON
      }
    }
    value_ = std::move(object);
    return;
  }
  *this = list(items);
}

View::View(const nlohmann::json& json) {
  using Type = nlohmann::json::value_t;
  switch (json.type()) {
    case Type::object: {
      Object object;
      object.reserve(json.size());
      for (const auto& [name, value] : json.items()) object.push_back({name, View(value)});
      value_ = std::move(object);
      return;
    }
    case Type::array: {
      List list;
      list.reserve(json.size());
      for (const auto& item : json) list.emplace_back(item);
      value_ = std::move(list);
      return;
    }
    case Type::string: value_ = json.get<std::string>(); return;
    case Type::boolean: value_ = json.get<bool>(); return;
    case Type::number_integer: value_ = json.get<std::int64_t>(); return;
    case Type::number_unsigned: value_ = json.get<std::uint64_t>(); return;
    case Type::number_float: value_ = json.get<double>(); return;
    case Type::null:
    case Type::binary:
    case Type::discarded: return;
  }
}

View View::list(std::initializer_list<Element> items) {
  List list;
  list.reserve(items.size());
  for (const auto& item : items) list.push_back(item.take());
  return View(std::move(list));
}

View View::object(Object members) {
  for (auto member = members.begin(); member != members.end(); ++member) {
    auto same = [&](const Member& other) { return other.name == member->name; };
    if (std::any_of(members.begin(), member, same)) {
      throw std::logic_error("view: member \"" + member->name + "\" given twice");
    }
  }
  return View(std::move(members));
}

View View::list_with_room(std::size_t items) {
  List list;
  list.reserve(items);
  return View(std::move(list));
}

std::size_t View::size() const {
  if (const auto* list = std::get_if<List>(&value_)) return list->size();
  if (const auto* object = std::get_if<Object>(&value_)) return object->size();
  return 0;
}

const View* View::find(std::string_view name) const {
  const auto* object = std::get_if<Object>(&value_);
  if (!object) return nullptr;
  for (const auto& member : *object) {
    if (member.name == name) return &member.value;  // compares sizes first
  }
  return nullptr;
}

View& View::operator[](std::string_view name) {
  if (is_null()) value_ = Object{};
  auto* object = std::get_if<Object>(&value_);
  if (!object) throw std::logic_error("view: member \"" + std::string{name} + "\" of something not an object");
  for (auto& member : *object) {
    if (member.name == name) return member.value;
  }
  if (object->empty()) object->reserve(usual_width);
  return object->emplace_back(Member{std::string{name}, View{}}).value;
}

const View& View::at(std::string_view name) const {
  const View* found = find(name);
  if (!found) throw std::out_of_range("view: no member \"" + std::string{name} + "\"");
  return *found;
}

View& View::operator[](std::size_t index) {
  return const_cast<View&>(std::as_const(*this)[index]);
}

const View& View::operator[](std::size_t index) const {
  const auto* list = std::get_if<List>(&value_);
  if (!list || index >= list->size()) throw std::out_of_range("view: no item " + std::to_string(index));
  return (*list)[index];
}

void View::push_back(View item) {
  if (is_null()) value_ = List{};
  auto* list = std::get_if<List>(&value_);
  if (!list) throw std::logic_error("view: an item added to something not a list");
  if (list->empty()) list->reserve(usual_width);
  list->push_back(std::move(item));
}

bool View::erase(std::string_view name) {
  auto* object = std::get_if<Object>(&value_);
  if (!object) return false;
  auto found = std::find_if(object->begin(), object->end(), [&](const Member& member) { return member.name == name; });
  if (found == object->end()) return false;
  object->erase(found);
  return true;
}

void View::update(View other) {
  for (auto& member : std::get<Object>(other.value_)) (*this)[member.name] = std::move(member.value);
}

bool View::is_number() const {
  return std::holds_alternative<std::int64_t>(value_) || std::holds_alternative<std::uint64_t>(value_) ||
         std::holds_alternative<double>(value_);
}

void View::append_number(std::string& out) const {
  if (const auto* integer = std::get_if<std::int64_t>(&value_)) return append_integer(out, *integer);
  if (const auto* natural = std::get_if<std::uint64_t>(&value_)) return append_integer(out, *natural);
  if (const auto* fraction = std::get_if<double>(&value_)) out += nlohmann::json(*fraction).dump();
}

bool View::truthy() const {
  if (is_null()) return false;
  if (const auto* flag = std::get_if<bool>(&value_)) return *flag;
  if (const auto* text = std::get_if<std::string>(&value_)) return !text->empty();
  if (const auto* list = std::get_if<List>(&value_)) return !list->empty();
  return true;
}

nlohmann::json View::as_json() const {
  return std::visit(
      [](const auto& value) -> nlohmann::json {
        using Kind = std::decay_t<decltype(value)>;
        if constexpr (std::is_same_v<Kind, List>) {
          auto json = nlohmann::json::array();
          for (const auto& item : value) json.push_back(item.as_json());
          return json;
        } else if constexpr (std::is_same_v<Kind, Object>) {
          auto json = nlohmann::json::object();
          for (const auto& member : value) json[member.name] = member.value.as_json();
          return json;
        } else {
          return value;
        }
      },
      value_);
}

std::string View::dump() const { return as_json().dump(); }

// As in JSON: 3 == 3u, and objects with the same members are equal whatever their order.
bool operator==(const View& a, const View& b) {
  if (a.is_number() && b.is_number()) return a.as_json() == b.as_json();
  if (a.is_object() && b.is_object()) {
    return a.size() == b.size() && std::all_of(a.members().begin(), a.members().end(), [&](const View::Member& member) {
             const View* other = b.find(member.name);
             return other && *other == member.value;
           });
  }
  return a.value_ == b.value_;
}

std::ostream& operator<<(std::ostream& out, const View& view) { return out << view.dump(); }

}  // namespace resettle::web
