// Unit tests of the message catalogue (domain/catalogue.hpp): lookups, Welsh plurals, placeholders.
// po/catalogue.mjs (ctest catalogue_po) checks the catalogue's contents.
#include "domain/catalogue.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <thread>
#include <vector>

using namespace resettle;

TEST(Catalogue, GivesTheEnglishAsWrittenAndTheWelshFromTheCatalogue) {
  EXPECT_EQ(translated("February", Language::en), "February");
  EXPECT_EQ(translated("February", Language::cy), "Chwefror");
  EXPECT_EQ(translated("Friday", Language::cy), "Dydd Gwener");
}

TEST(Catalogue, RefusesWelshForATextNotInTheCatalogue) {
  EXPECT_EQ(translated("Not in the catalogue", Language::en), "Not in the catalogue");
  EXPECT_THROW(translated("Not in the catalogue", Language::cy), std::logic_error);
  EXPECT_THROW(translated_plural("no such thing", "no such things", 2, Language::cy), std::logic_error);
}

TEST(Catalogue, PicksEachOfTheSixWelshPluralForms) {
  struct Case {
    int count;
    const char* welsh;
  };
  // Welsh: zero, one, two, three, six and other.
  const Case cases[] = {{0, "((count)) diwrnod"}, {1, "((count)) diwrnod"}, {2, "((count)) ddiwrnod"},
                        {3, "((count)) diwrnod"}, {6, "((count)) diwrnod"}, {7, "((count)) diwrnod"},
                        {4, "((count)) diwrnod"}, {22, "((count)) diwrnod"}};
  for (const auto& c : cases)
    EXPECT_EQ(translated_plural("((count)) day", "((count)) days", c.count, Language::cy), c.welsh) << c.count;
  // Only form 2 differs in this text's Welsh, so a wrong plural rule would show there.
  EXPECT_NE(translated_plural("((count)) day", "((count)) days", 2, Language::cy),
            translated_plural("((count)) day", "((count)) days", 7, Language::cy));
}

TEST(Catalogue, EnglishHasOneAndOther) {
  for (int count : {0, 2, 3, 6, 7, 21})
    EXPECT_EQ(translated_plural("((count)) day", "((count)) days", count, Language::en), "((count)) days") << count;
  EXPECT_EQ(translated_plural("((count)) day", "((count)) days", 1, Language::en), "((count)) day");
}

TEST(Catalogue, IsReadSafelyFromManyThreadsAtOnce) {
  std::vector<std::thread> threads;
  std::vector<std::string> results(8);
  for (std::size_t i = 0; i < results.size(); ++i)
    threads.emplace_back([&results, i] {
      for (int n = 0; n < 200; ++n) results[i] = translated("December", Language::cy);
    });
  for (auto& thread : threads) thread.join();
  for (const auto& result : results) EXPECT_EQ(result, "Rhagfyr");
}

TEST(FillPlaceholders, ReplacesEachNamedPlaceholderOnce) {
  auto filled = fill_placeholders("((a)) and ((b)), ((a))", [](std::string_view name) {
    return name == "a" ? std::string{"((b))"} : std::string{"two"};
  });
  EXPECT_EQ(filled, "((b)) and two, ((b))") << "a value is not filled in again";
  EXPECT_EQ(fill_placeholders("no placeholders", [](std::string_view) { return std::string{"x"}; }), "no placeholders");
  EXPECT_THROW(fill_placeholders("((open", [](std::string_view) { return std::string{}; }), std::logic_error);
  EXPECT_EQ(fill_placeholders("DC Rees (((agency)))", [](std::string_view name) { return std::string{name}; }), "DC Rees (agency)")
      << "a name in brackets, as the templates allow";
}

TEST(StaffText, IsTheEnglishWithItsNamesFilledAndRefusesANameNotGiven) {
  EXPECT_EQ(staff_text("Who may see"), "Who may see");
  EXPECT_EQ(staff_text("Who may see ((name))", {{"name", "Sam Jones"}}), "Who may see Sam Jones");
  EXPECT_EQ(staff_text("Units within ((scope)): ((measure))", {{"measure", "Housed"}, {"scope", "Leeds"}}),
            "Units within Leeds: Housed")
      << "in the order of the text, not of the values";
  EXPECT_THROW(staff_text("Who may see ((name))", {{"person", "Sam Jones"}}), std::logic_error);
}
