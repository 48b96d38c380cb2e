#pragma once
// How hard a plain-English text is to read: the Flesch-Kincaid grade, from the counts of sentences,
// words and syllables. The person's licence conditions are explained for a reading age of 11.
#include <string_view>

namespace resettle {

// The syllables of one English word, by its groups of vowels (y counts as one), less a silent final
// "e" ("tele", "home"), and at least one. A rule of thumb, as every reading-ease tool uses: it is
// right for most short words, which are what a plain text is made of.
int syllables(std::string_view word);

struct TextCounts {
  int sentences = 0;  // runs of text ended by ".", "!" or "?" (or the end); at least 1 for any words
  int words = 0;      // runs of letters, digits and apostrophes
  int syllables = 0;
};
TextCounts count_text(std::string_view text);

// Flesch-Kincaid grade level: 0.39 * words per sentence + 11.8 * syllables per word - 15.59.
// A US school grade: add 5 for a reading age (grade 6 is a reading age of 11). 0 for no words.
double flesch_kincaid_grade(std::string_view text);

// The highest grade a text the person reads may have: a reading age of 11 (issue 23).
inline constexpr double plain_english_grade = 6.0;

}  // namespace resettle
