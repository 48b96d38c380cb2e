#include <charconv>

#include "domain/errors.hpp"
#include "store/sqlite/repositories.hpp"

namespace resettle::store::sqlite {

std::int64_t cursor_after(const PageRequest& page) {
  if (!page.cursor || page.cursor->empty()) return 0;
  std::int64_t id = 0;
  const auto& text = *page.cursor;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (error != std::errc{} || end != text.data() + text.size() || id < 0)
    throw ValidationFailed("cursor", "is not a cursor this service gave out");
  return id;
}

std::optional<std::string> next_cursor(std::size_t returned, int limit, std::int64_t last_id) {
  if (returned < static_cast<std::size_t>(limit)) return std::nullopt;
  return std::to_string(last_id);
}

int page_limit(const PageRequest& page) {
  if (page.limit < 1 || page.limit > 200) throw ValidationFailed("limit", "must be between 1 and 200");
  return page.limit;
}

}  // namespace resettle::store::sqlite
