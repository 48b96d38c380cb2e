#pragma once
// Text a person reads, in their language, from the message catalogue: the English is the key and
// po/cy.po holds the Welsh (translators' standard gettext file, compiled into the binary at build
// time, so nothing is read from disk). Staff text goes through it too, in English for now.
// xgettext finds the English by the names of the three functions below (po/catalogue.mjs), and
// po/catalogue.mjs finds `staff_text`'s itself, so pass them string literals; ((placeholders))
// inside are filled in after translation.
#include <initializer_list>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include "domain/language.hpp"

namespace resettle {

// Marks English kept in a table, to be translated where it is used.
constexpr std::string_view for_translation(std::string_view english) { return english; }

// `english` in `language`. Throws std::logic_error when the catalogue has no Welsh for it: a text
// not marked for the catalogue (po/catalogue.mjs check finds any marked text left untranslated).
// Safe to call from any thread.
std::string translated(std::string_view english, Language language);

// The form of a text for `count` things: English has two (one, other); Welsh six (zero, one, two,
// three, six, other). Throws like `translated`.
std::string translated_plural(std::string_view singular, std::string_view plural, int count, Language language);

// Words the C++ puts on a staff page (a title, a label, a button, an error), in the catalogue with
// the context "staff" beside the templates' {{#t}} texts. Staff pages are in English, whose text is
// its own key, so this costs what the literal did; `node po/catalogue.mjs check` fails on such a word
// in src/web written without it.
inline std::string staff_text(std::string_view english) { return translated(english, Language::en); }

// A staff text with its ((names)) filled from `values` ({name, value} pairs) after translation, so a
// translator may move them. Throws std::logic_error for a name `values` lacks.
std::string staff_text(std::string_view english,
                       std::initializer_list<std::pair<std::string_view, std::string_view>> values);

// `text` with each ((name)) replaced by the value `value_of(name)` gives. Throws std::logic_error
// for an unclosed "((".
template <typename ValueOf>
std::string fill_placeholders(std::string_view text, ValueOf value_of) {
  std::string filled;
  std::size_t from = 0;
  for (auto open = text.find("(("); open != std::string_view::npos; open = text.find("((", from)) {
    while (open + 2 < text.size() && text[open + 2] == '(') ++open;  // "(((name)))": a name in brackets
    auto close = text.find("))", open);
    if (close == std::string_view::npos) throw std::logic_error("unclosed (( in: " + std::string{text});
    filled += text.substr(from, open - from);
    filled += value_of(text.substr(open + 2, close - open - 2));
    from = close + 2;
  }
  return filled + std::string{text.substr(from)};
}

}  // namespace resettle
