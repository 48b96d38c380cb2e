// Keyset cursors for the lists of both stores (see repositories.hpp).
#include <charconv>

#include "domain/errors.hpp"
#include "store/shared/repositories.hpp"

namespace resettle::store::shared {

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

std::optional<DatePosition> date_cursor_after(const PageRequest& page) {
  if (!page.cursor || page.cursor->empty()) return std::nullopt;
  const auto& text = *page.cursor;
  auto dot = text.find('.');
  auto date = parse_iso_date(std::string_view{text}.substr(0, dot));
  std::int64_t id = 0;
  auto id_start = dot == std::string::npos ? text.data() + text.size() : text.data() + dot + 1;
  auto [end, error] = std::from_chars(id_start, text.data() + text.size(), id);
  if (!date || dot == std::string::npos || error != std::errc{} || end != text.data() + text.size() || id < 0)
    throw ValidationFailed("cursor", "is not a cursor this service gave out");
  return DatePosition{*date, id};
}

std::optional<std::string> next_date_cursor(std::size_t returned, int limit, const DatePosition& last) {
  if (returned < static_cast<std::size_t>(limit)) return std::nullopt;
  return to_iso(last.date) + "." + std::to_string(last.id);
}

int page_limit(const PageRequest& page) {
  if (page.limit < 1 || page.limit > 200) throw ValidationFailed("limit", "must be between 1 and 200");
  return page.limit;
}

}  // namespace resettle::store::shared
