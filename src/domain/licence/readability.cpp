// Reading-ease counts (see readability.hpp).
#include "domain/licence/readability.hpp"

#include <cctype>
#include <string>

namespace resettle {

namespace {

bool is_vowel(char letter) {
  switch (letter) {
    case 'a': case 'e': case 'i': case 'o': case 'u': case 'y': return true;
    default: return false;
  }
}

bool is_word_character(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '\'' || c == '_'; }
bool ends_sentence(char c) { return c == '.' || c == '!' || c == '?'; }

}  // namespace

int syllables(std::string_view word) {
  std::string letters;
  for (char c : word)
    if (std::isalpha(static_cast<unsigned char>(c))) letters += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (letters.empty()) return 1;  // a number or a placeholder is read as one beat
  int groups = 0;
  bool in_vowels = false;
  for (char letter : letters) {
    bool vowel = is_vowel(letter);
    if (vowel && !in_vowels) ++groups;
    in_vowels = vowel;
  }
  // A final "e" after a consonant is silent ("home"), but not after "l" ("table").
  auto size = letters.size();
  if (size > 2 && letters[size - 1] == 'e' && !is_vowel(letters[size - 2]) && letters[size - 2] != 'l') --groups;
  return groups < 1 ? 1 : groups;
}

TextCounts count_text(std::string_view text) {
  TextCounts counts;
  bool words_since_stop = false;
  std::size_t i = 0;
  while (i < text.size()) {
    if (is_word_character(text[i])) {
      auto start = i;
      while (i < text.size() && is_word_character(text[i])) ++i;
      ++counts.words;
      counts.syllables += syllables(text.substr(start, i - start));
      words_since_stop = true;
      continue;
    }
    // A full stop between digits or letters ("2.30", "e.g") does not end a sentence.
    bool inside_word = i > 0 && i + 1 < text.size() && is_word_character(text[i - 1]) && is_word_character(text[i + 1]);
    if (ends_sentence(text[i]) && !inside_word && words_since_stop) {
      ++counts.sentences;
      words_since_stop = false;
    }
    ++i;
  }
  if (words_since_stop) ++counts.sentences;
  return counts;
}

double flesch_kincaid_grade(std::string_view text) {
  auto counts = count_text(text);
  if (counts.words == 0) return 0;
  return 0.39 * counts.words / counts.sentences + 11.8 * counts.syllables / counts.words - 15.59;
}

}  // namespace resettle
