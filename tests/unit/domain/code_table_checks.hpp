#pragma once
// Checks that a Coded<E> table covers every enumerator exactly once and that each code
// round-trips: value -> code -> value.
#include <gtest/gtest.h>

#include <set>
#include <span>
#include <string_view>

#include "domain/code_list.hpp"

namespace resettle::code_checks {

// `count` is the number of enumerators, which must run 0..count-1 in declaration order.
template <typename E>
void expect_complete_code_table(std::span<const Coded<E>> table, int count) {
  ASSERT_EQ(static_cast<int>(table.size()), count);
  std::set<std::string_view> codes;
  for (int i = 0; i < count; ++i) {
    auto value = static_cast<E>(i);
    const auto& entry = entry_for(table, value);
    EXPECT_EQ(entry.value, value) << "no row for enumerator " << i;
    EXPECT_FALSE(entry.code.empty());
    EXPECT_FALSE(entry.label.empty());
    EXPECT_EQ(parse_code(table, entry.code), value) << entry.code;
    codes.insert(entry.code);
  }
  EXPECT_EQ(static_cast<int>(codes.size()), count) << "codes must be unique";
  EXPECT_FALSE(parse_code(table, "no_such_code"));
}

}  // namespace resettle::code_checks
