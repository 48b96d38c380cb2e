#pragma once
// A closed list of codes with their plain-words labels: one table per enum, no switch twins.
#include <optional>
#include <span>
#include <string_view>

namespace resettle {

template <typename E>
struct Coded {
  E value;
  std::string_view code;   // stable text used in the database, JSON and forms: never changed once used
  std::string_view label;  // what people read on a page
};

template <typename E>
std::optional<E> parse_code(std::span<const Coded<E>> list, std::string_view code) {
  for (const auto& entry : list)
    if (entry.code == code) return entry.value;
  return std::nullopt;
}

template <typename E>
const Coded<E>& entry_for(std::span<const Coded<E>> list, E value) {
  for (const auto& entry : list)
    if (entry.value == value) return entry;
  return list.front();  // unreachable while every enumerator has a row; tests check that
}

}  // namespace resettle
