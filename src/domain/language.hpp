#pragma once
// The languages a person may receive what we give them in (English and Welsh), and dates and times
// written out in each as GOV.UK writes them, with the words from the message catalogue.
#include <span>
#include <string>

#include "domain/clock_time.hpp"
#include "domain/code_list.hpp"
#include "domain/date.hpp"

namespace resettle {

// Stored and sent in JSON and URLs: codes may only be added to.
enum class Language { en, cy };
std::span<const Coded<Language>> languages();

// Text in both languages; `in` picks one. For texts not yet in the message catalogue (catalogue.hpp):
// the licence conditions and the licence document.
struct Bilingual {
  std::string en;
  std::string cy;
  const std::string& in(Language language) const { return language == Language::cy ? cy : en; }
  bool operator==(const Bilingual&) const = default;
};

// "5 February 2027", "5 Chwefror 2027": no leading zero, the month in full.
std::string long_date(Date date, Language language);
// "Friday 5 February 2027", "Dydd Gwener 5 Chwefror 2027": the day's name first, no comma.
std::string long_date_with_day(Date date, Language language);
// On the 12-hour clock without a leading zero, minutes only when not on the hour: "9am", "2:30pm",
// "12pm" at midday, "12am" at midnight; in Welsh "9yb", "2:30yp" (y bore, y prynhawn).
std::string time_of_day(ClockTime time, Language language);

}  // namespace resettle
