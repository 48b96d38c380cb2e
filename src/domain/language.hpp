#pragma once
// The languages a person may receive what we give them in (English and Welsh), and dates written
// out in each, as people read them on a page or a letter: "5 February 2027", "5 Chwefror 2027".
#include <span>
#include <string>

#include "domain/code_list.hpp"
#include "domain/date.hpp"

namespace resettle {

// Stored and sent in JSON and URLs: codes may only be added to.
enum class Language { en, cy };
std::span<const Coded<Language>> languages();

// Text in both languages; `in` picks one.
struct Bilingual {
  std::string en;
  std::string cy;
  const std::string& in(Language language) const { return language == Language::cy ? cy : en; }
  bool operator==(const Bilingual&) const = default;
};

std::string long_date(Date date, Language language);

}  // namespace resettle
