// Languages and long dates in English and Welsh.
#include "domain/language.hpp"

#include <array>
#include <string_view>

namespace resettle {

namespace {
constexpr Coded<Language> language_table[] = {
    {Language::en, "en", "English"},
    {Language::cy, "cy", "Cymraeg (Welsh)"},
};

constexpr std::array<std::string_view, 12> english_months = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};
constexpr std::array<std::string_view, 12> welsh_months = {
    "Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai",      "Mehefin",
    "Gorffennaf", "Awst", "Medi",   "Hydref", "Tachwedd", "Rhagfyr"};
}  // namespace

std::span<const Coded<Language>> languages() { return language_table; }

std::string long_date(Date date, Language language) {
  const auto& months = language == Language::cy ? welsh_months : english_months;
  return std::to_string(static_cast<unsigned>(date.day())) + " " +
         std::string{months[static_cast<unsigned>(date.month()) - 1]} + " " +
         std::to_string(static_cast<int>(date.year()));
}

}  // namespace resettle
