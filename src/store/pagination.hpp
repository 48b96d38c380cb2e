#pragma once
// Keyset pagination, shared by every repository that lists a page at a time.
#include <optional>
#include <string>
#include <vector>

namespace resettle::store {

// The cursor is opaque to callers (the last id seen, as text).
struct PageRequest {
  std::optional<std::string> cursor;
  int limit = 50;
};

template <typename T>
struct Page {
  std::vector<T> items;
  std::optional<std::string> next_cursor;  // empty on the last page
};

}  // namespace resettle::store
