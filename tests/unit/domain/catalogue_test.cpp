// Unit tests of the message catalogue (domain/catalogue.hpp): lookups, Welsh plurals, placeholders.
// po/catalogue.mjs (ctest catalogue_po) checks the catalogue's contents.
#include "domain/catalogue.hpp"
#include "domain/staff_catalogue.hpp"

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

// A person's text with plural forms (po/cy.po): Welsh mutates "munud" after two alone.
constexpr const char* wait_one = "You entered a wrong code too many times. Wait ((count)) minute, then ask for a new code.";
constexpr const char* wait_many = "You entered a wrong code too many times. Wait ((count)) minutes, then ask for a new code.";

TEST(Catalogue, PicksTheWelshPluralFormForEachCount) {
  // Welsh's six forms: zero, one, two, three, six and other (4, 5, 7, 11, 22, 100 ...).
  const std::string munud = "Rydych wedi rhoi cod anghywir ormod o weithiau. Arhoswch ((count)) munud, yna gofynnwch am god newydd.";
  const std::string funud = "Rydych wedi rhoi cod anghywir ormod o weithiau. Arhoswch ((count)) funud, yna gofynnwch am god newydd.";
  for (int count : {0, 1, 3, 4, 5, 6, 7, 11, 12, 22, 100})
    EXPECT_EQ(translated_plural(wait_one, wait_many, count, Language::cy), munud) << count;
  EXPECT_EQ(translated_plural(wait_one, wait_many, 2, Language::cy), funud);
}

TEST(Catalogue, EnglishHasOneAndOther) {
  for (int count : {0, 2, 3, 6, 7, 11, 21})
    EXPECT_EQ(translated_plural(wait_one, wait_many, count, Language::en), wait_many) << count;
  EXPECT_EQ(translated_plural(wait_one, wait_many, 1, Language::en), wait_one);
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

TEST(StaffTextPlural, ChoosesTheEnglishFormByTheCountAndFillsItIn) {
  struct Case {
    long count;
    const char* text;
  };
  const Case cases[] = {{0, "0 cases are due"}, {1, "1 case is due"},   {2, "2 cases are due"},
                        {3, "3 cases are due"}, {6, "6 cases are due"}, {11, "11 cases are due"}};
  for (const auto& c : cases)
    EXPECT_EQ(staff_text_plural("((count)) case is due", "((count)) cases are due", c.count), c.text) << c.count;
}

TEST(StaffTextPlural, FillsItsOtherNamesAndRefusesANegativeCountOrANameNotGiven) {
  EXPECT_EQ(staff_text_plural("((count)) case in ((unit))", "((count)) cases in ((unit))", 1, {{"unit", "Leeds"}}), "1 case in Leeds");
  EXPECT_EQ(staff_text_plural("((points)) point", "((points)) points", 12, {{"points", "+12"}}), "+12 points")
      << "the count chooses the form even where the text shows the number its own way";
  EXPECT_THROW(staff_text_plural("((count)) case", "((count)) cases", -1), std::logic_error);
  EXPECT_THROW(staff_text_plural("((count)) case in ((unit))", "((count)) cases in ((unit))", 2), std::logic_error);
}
