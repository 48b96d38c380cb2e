// Languages, and dates and times in English and Welsh (see language.hpp).
#include "domain/language.hpp"

#include <array>
#include <string_view>

#include "domain/catalogue.hpp"

namespace resettle {

namespace {
constexpr Coded<Language> language_table[] = {
    {Language::en, "en", "English"},
    {Language::cy, "cy", "Cymraeg (Welsh)"},
};

constexpr std::array<std::string_view, 12> month_names = {
    for_translation("January"), for_translation("February"), for_translation("March"),
    for_translation("April"),   for_translation("May"),      for_translation("June"),
    for_translation("July"),    for_translation("August"),   for_translation("September"),
    for_translation("October"), for_translation("November"), for_translation("December")};

// In std::chrono::weekday's order, Sunday first.
constexpr std::array<std::string_view, 7> day_names = {
    for_translation("Sunday"),   for_translation("Monday"), for_translation("Tuesday"),
    for_translation("Wednesday"), for_translation("Thursday"), for_translation("Friday"),
    for_translation("Saturday")};
}  // namespace

std::span<const Coded<Language>> languages() { return language_table; }

std::string long_date(Date date, Language language) {
  return std::to_string(static_cast<unsigned>(date.day())) + " " +
         translated(month_names[static_cast<unsigned>(date.month()) - 1], language) + " " +
         std::to_string(static_cast<int>(date.year()));
}

std::string to_long_date(Date date) { return long_date(date, Language::en); }
std::string to_long_date(const std::optional<Date>& date) { return date ? to_long_date(*date) : std::string{}; }

std::string long_date_with_day(Date date, Language language) {
  return translated(day_names[weekday_of(date).c_encoding()], language) + " " + long_date(date, language);
}

std::string time_of_day(ClockTime time, Language language) {
  constexpr int hour = 60, midday = 12 * hour;
  int hours = time.minutes / hour % 12, minutes = time.minutes % hour;
  std::string clock = std::to_string(hours == 0 ? 12 : hours);
  if (minutes != 0) clock += (minutes < 10 ? ":0" : ":") + std::to_string(minutes);
  auto wording = time.minutes < midday ? translated("((time))am", language) : translated("((time))pm", language);
  return fill_placeholders(wording, [&](std::string_view) { return clock; });
}

}  // namespace resettle
