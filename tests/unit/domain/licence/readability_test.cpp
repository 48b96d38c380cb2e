// Reading ease: the counts behind the Flesch-Kincaid grade, and every plain-English explanation of a
// licence condition kept at a reading age of 11.
#include "domain/licence/readability.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "domain/licence/licence_conditions.hpp"
#include "source_tree.hpp"

using namespace resettle;

namespace {

TEST(SyllablesTest, CountsGroupsOfVowels) {
  EXPECT_EQ(syllables("do"), 1);
  EXPECT_EQ(syllables("not"), 1);
  EXPECT_EQ(syllables("probation"), 3);
  EXPECT_EQ(syllables("officer"), 3);
  EXPECT_EQ(syllables("Relationship"), 4);
  EXPECT_EQ(syllables("psychologist"), 4);
}

TEST(SyllablesTest, LeavesOutASilentFinalE) {
  EXPECT_EQ(syllables("home"), 1);
  EXPECT_EQ(syllables("live"), 1);
  EXPECT_EQ(syllables("agree"), 2);  // a final vowel pair is one sound
  EXPECT_EQ(syllables("table"), 2);  // "le" is heard
}

TEST(SyllablesTest, EveryWordHasAtLeastOne) {
  EXPECT_EQ(syllables("the"), 1);
  EXPECT_EQ(syllables("TV"), 1);
  EXPECT_EQ(syllables("18"), 1);
  EXPECT_EQ(syllables("shh"), 1);
}

TEST(CountTextTest, CountsSentencesWordsAndSyllables) {
  auto counts = count_text("Do not gamble. Tell your officer!");
  EXPECT_EQ(counts.sentences, 2);
  EXPECT_EQ(counts.words, 6);
  EXPECT_EQ(counts.syllables, 1 + 1 + 2 + 1 + 1 + 3);
}

TEST(CountTextTest, TextWithoutAFullStopIsOneSentence) {
  EXPECT_EQ(count_text("Stay inside the area").sentences, 1);
}

TEST(CountTextTest, StopsInsideNumbersAndRunsOfStopsEndOneSentence) {
  auto counts = count_text("Be home by 7.30pm... Every day?!");
  EXPECT_EQ(counts.sentences, 2);
  EXPECT_EQ(counts.words, 7);  // "7" and "30pm" are words of their own
}

TEST(CountTextTest, ApostrophesStayInsideTheWord) {
  EXPECT_EQ(count_text("someone's house").words, 2);
  EXPECT_EQ(count_text("").words, 0);
  EXPECT_EQ(count_text("...").sentences, 0);
}

TEST(FleschKincaidGradeTest, IsTheFormulaOfTheCounts) {
  // 6 words, 2 sentences, 9 syllables: 0.39 * 3 + 11.8 * 1.5 - 15.59.
  EXPECT_NEAR(flesch_kincaid_grade("Do not gamble. Tell your officer!"), 0.39 * 3 + 11.8 * 1.5 - 15.59, 1e-9);
  EXPECT_EQ(flesch_kincaid_grade(""), 0);
}

TEST(FleschKincaidGradeTest, LongSentencesOfLongWordsScoreHigher) {
  EXPECT_LT(flesch_kincaid_grade("Do not go out at night. Stay at home."), plain_english_grade);
  EXPECT_GT(flesch_kincaid_grade("Notwithstanding the aforementioned requirements, the supervising practitioner "
                                 "may authorise exceptional variations."),
            plain_english_grade);
}

// --- The licence conditions ----------------------------------------------------------------------

std::vector<std::string> catalogue_files() {
  std::vector<std::string> texts;
  for (const auto& entry : std::filesystem::directory_iterator(source_tree() / "data/licence-conditions")) {
    std::ifstream file{entry.path()};
    std::ostringstream text;
    text << file.rdbuf();
    texts.push_back(text.str());
  }
  return texts;
}

// The explanation as the person reads it, near enough: each {input} read as one short word (what
// fills it is a name, a place or a time) and the [optional] part kept, as the longer reading.
std::string as_read(const std::string& explanation) {
  std::string text;
  bool in_placeholder = false;
  for (char c : explanation) {
    if (c == '{') {
      in_placeholder = true;
      text += "it";
    } else if (c == '}') {
      in_placeholder = false;
    } else if (!in_placeholder && c != '[' && c != ']') {
      text += c;
    }
  }
  return text;
}

// Issue 23: the person's licence conditions are explained for a reading age of 11. The measure is
// the Flesch-Kincaid grade, 0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59, a US
// school grade; a reading age is the grade + 5, so the threshold is grade 6 (plain_english_grade).
// A text over it is to be rewritten in shorter sentences and words, with its Welsh to match.
TEST(PlainEnglishConditionsTest, EveryExplanationReadsAtAnAgeOf11) {
  auto catalogues = ConditionCatalogues::from_json(catalogue_files());
  int measured = 0;
  for (const auto& catalogue : catalogues.versions())
    for (const auto* conditions : {&catalogue.standard, &catalogue.additional})
      for (const auto& condition : *conditions) {
        ++measured;
        auto text = as_read(condition.explanation.en);
        EXPECT_LE(flesch_kincaid_grade(text), plain_english_grade)
            << catalogue.version << " " << condition.code << ": " << text;
      }
  EXPECT_GT(measured, 60);  // every version's conditions were read
}

}  // namespace
