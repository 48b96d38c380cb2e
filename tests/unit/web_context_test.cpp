// Unit tests of what every handler uses (web/web_context.hpp).
#include "web/web_context.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "domain/plan/pathway.hpp"
#include "source_tree.hpp"

namespace resettle::web {
namespace {

const std::filesystem::path project_templates =
    source_tree() / "src/web/templates";

std::size_t count(const std::string& text, const std::string& part) {
  std::size_t found = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++found;
  return found;
}

TEST(SelectOptions, TheBlankOptionComesFirstAndIsChosenWhenNoOtherIs) {
  auto options = with_blank_option(coded_options(pathways(), "", "selected"), "Any pathway");
  ASSERT_EQ(options.size(), pathways().size() + 1);
  EXPECT_EQ(options[0], (View{{"value", ""}, {"text", "Any pathway"}, {"selected", true}}));
  EXPECT_EQ(options[1].at("value"), pathways()[0].code);
  EXPECT_EQ(options[1].at("selected"), false);

  auto chosen = with_blank_option(coded_options(pathways(), "health", "selected"), "Any pathway");
  EXPECT_EQ(chosen[0].at("selected"), false);
}

TEST(SelectOptions, TheSelectShowsOneBlankOptionWithItsText) {
  Templates templates{project_templates};
  auto options = with_blank_option(coded_options(pathways(), "", "selected"), "Any pathway");
  auto html = templates.render("select", {{"id", "pathway"}, {"name", "pathway"}, {"label", "Pathway"}, {"options", options}});
  EXPECT_EQ(count(html, "<option value=\"\""), 1u) << html;
  EXPECT_EQ(count(html, "<option value=\"\" selected>Any pathway</option>"), 1u) << html;
  EXPECT_EQ(count(html, "<option "), pathways().size() + 1);
}

TEST(LinkedRow, TheLinkHeadsTheRowThenTheTextsThenTheLastCell) {
  Templates templates{project_templates};
  auto texts = View::list();
  texts.push_back("A1234BC");
  texts.push_back("<unsure> & \"late\"");
  View last_cell = {{"text", "1 plan action "}, {"tag", {{"text", "Overdue"}, {"colour", "red"}}}};
  auto rows = View::list();
  rows.push_back(linked_row("Ann Jones", "/people/7", std::move(texts), std::move(last_cell)));
  auto html = templates.render("table", {{"head", View::list()}, {"rows", std::move(rows)}});

  const std::string expected_row =
      "    <tr class=\"govuk-table__row\">\n"
      "      <th scope=\"row\" class=\"govuk-table__header\"><a class=\"govuk-link\" href=\"/people/7\">Ann Jones</a></th>\n"
      "      <td class=\"govuk-table__cell\">A1234BC</td>\n"
      "      <td class=\"govuk-table__cell\">&lt;unsure&gt; &amp; &quot;late&quot;</td>\n"
      "      <td class=\"govuk-table__cell\">1 plan action \n"
      "<strong class=\"govuk-tag govuk-tag--red\">Overdue</strong>\n"
      "</td>\n"
      "    </tr>\n";
  EXPECT_EQ(count(html, expected_row), 1u) << html;
}

TEST(LinkedRow, APlainTextLastCellIsOneMoreText) {
  Templates templates{project_templates};
  auto texts = View::list();
  texts.push_back("A1234BC");
  auto rows = View::list();
  rows.push_back(linked_row("Ann Jones", "/people/7", std::move(texts), "None"));
  EXPECT_FALSE(rows[0].contains("cells"));
  auto html = templates.render("table", {{"head", View::list()}, {"rows", std::move(rows)}});
  const std::string expected_row =
      "    <tr class=\"govuk-table__row\">\n"
      "      <th scope=\"row\" class=\"govuk-table__header\"><a class=\"govuk-link\" href=\"/people/7\">Ann Jones</a></th>\n"
      "      <td class=\"govuk-table__cell\">A1234BC</td>\n"
      "      <td class=\"govuk-table__cell\">None</td>\n"
      "    </tr>\n";
  EXPECT_EQ(count(html, expected_row), 1u) << html;
}

// The GOV.UK date input: a stored ISO date opens split into its boxes; what was typed comes back
// as typed, with the error on the field and the error summary linking to the day box.
TEST(DateInput, AStoredDateOpensInBoxesAndWhatWasTypedComesBack) {
  Templates templates{project_templates};
  FormState stored{{{"due", "2027-02-05"}}, {}};
  auto opened = date_form_field(stored, "due", "Due date");
  EXPECT_EQ(opened.at("day"), "5");
  EXPECT_EQ(opened.at("month"), "2");
  EXPECT_EQ(opened.at("year"), "2027");

  FormState typed{{{"due-day", "31"}, {"due-month", ""}, {"due-year", "1990"}}, {{"due", "must include a month"}}};
  auto again = date_form_field(typed, "due", "Due date");
  EXPECT_EQ(again.at("day"), "31");
  EXPECT_EQ(again.at("month"), "");
  EXPECT_EQ(again.at("error"), "Due must include a month");
  auto html = templates.render("date_input", again);
  EXPECT_EQ(count(html, "id=\"due\" name=\"due-day\""), 1u) << html;
  EXPECT_EQ(count(html, "name=\"due-month\""), 1u) << html;
  EXPECT_EQ(count(html, "name=\"due-year\""), 1u) << html;
  EXPECT_EQ(count(html, "<legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">Due date</legend>"), 1u) << html;
  EXPECT_EQ(count(html, "govuk-input--error"), 3u) << html;
}

}  // namespace
}  // namespace resettle::web
