#pragma once
// Staff page words in the message catalogue beyond catalogue.hpp's staff_text: texts for a count, in
// the plural form its language gives it, and words kept in tables. po/catalogue.mjs finds
// `staff_text_plural`'s and `staff_label`'s English itself (context "staff"), so pass them string
// literals.
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

#include "domain/catalogue.hpp"

namespace resettle {

// {name, value} pairs filling a text's ((names)).
using TextValues = std::initializer_list<std::pair<std::string_view, std::string_view>>;

// A staff text for `count` things, in the form its language gives that count (translated_plural's
// forms), with ((count)) filled with the count and its other ((names)) from `values`. Give it a whole
// sentence ("((count)) case is due" and "((count)) cases are due"), so a translator can make every word
// agree with the number. Throws std::logic_error for a negative count or a name `values` lacks.
std::string staff_text_plural(std::string_view singular, std::string_view plural, long count, TextValues values = {});

// Marks a staff page's words kept in a table (a tab's name), in the catalogue like staff_text's;
// `staff_text_of` gives them on the page.
constexpr std::string_view staff_label(std::string_view english) { return english; }
inline std::string staff_text_of(std::string_view label) { return translated(label, Language::en); }

}  // namespace resettle
