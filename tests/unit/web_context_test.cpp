#include "web/web_context.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "domain/pathway.hpp"

namespace resettle::web {
namespace {

const std::filesystem::path project_templates =
    std::filesystem::path(RESETTLE_DEFAULT_DATA_DIR).parent_path() / "src/web/templates";

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

}  // namespace
}  // namespace resettle::web
