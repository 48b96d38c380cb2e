// Unit tests of the template engine and the shared components (web/http/templates.hpp).
#include "web/http/templates.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>
#include "source_tree.hpp"

using resettle::web::Templates;
using resettle::web::View;

namespace {

const std::filesystem::path project_templates =
    resettle::source_tree() / "src/web/templates";

// A scratch folder of templates written by the test itself.
class ScratchTemplates : public ::testing::Test {
 protected:
  void SetUp() override {
    folder_ = std::filesystem::temp_directory_path() /
              ("resettle-templates-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
               ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(folder_);
  }
  void TearDown() override { std::filesystem::remove_all(folder_); }
  void write(const std::string& name, const std::string& text) {
    std::ofstream(folder_ / (name + ".mustache")) << text;
  }
  // What the constructor throws for the folder as written.
  std::string start_up_error() {
    try {
      Templates templates{folder_};
    } catch (const std::runtime_error& error) {
      return error.what();
    }
    return "no error";
  }
  std::filesystem::path folder_;
};

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST_F(ScratchTemplates, VariablesEscapeHtmlIncludingQuotes) {
  write("page", "<p title=\"{{x}}\">{{x}}</p>");
  Templates templates{folder_};
  std::string html = templates.render("page", {{"x", "<script>alert('x' + \"y\")</script> & co"}});
  EXPECT_EQ(html,
            "<p title=\"&lt;script&gt;alert(&apos;x&apos; + &quot;y&quot;)&lt;/script&gt; &amp; co\">"
            "&lt;script&gt;alert(&apos;x&apos; + &quot;y&quot;)&lt;/script&gt; &amp; co</p>");
}

// Values are scanned eight bytes at a time: each replaced character at each offset of a long value,
// beside bytes one bit away from it and bytes past ASCII, is replaced exactly once.
TEST_F(ScratchTemplates, EveryReplacedCharacterIsEscapedAtEveryOffset) {
  write("page", "{{x}}");
  Templates templates{folder_};
  auto escaped = [](std::string_view text) {
    std::string out;
    for (char c : text) {
      switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&apos;"; break;
        default: out += c;
      }
    }
    return out;
  };
  for (char special : std::string_view{"&<>\"'"}) {
    for (std::size_t offset = 0; offset < 20; ++offset) {
      std::string text(20, 'a');
      text[offset] = special;
      text[(offset + 7) % 20] = static_cast<char>(special ^ 1);
      text[(offset + 11) % 20] = static_cast<char>(0xC3);
      EXPECT_EQ(templates.render("page", {{"x", text}}), escaped(text)) << "offset " << offset << " of " << special;
    }
  }
  std::string every_byte;
  for (int byte = 1; byte < 256; ++byte) every_byte += static_cast<char>(byte);
  EXPECT_EQ(templates.render("page", {{"x", every_byte}}), escaped(every_byte));
}

TEST_F(ScratchTemplates, TripleBracesDoNotEscape) {
  write("page", "{{{x}}}");
  Templates templates{folder_};
  EXPECT_EQ(templates.render("page", {{"x", "<b>"}}), "<b>");
}

TEST_F(ScratchTemplates, SectionsIterateListsAndSkipFalsyValuesIncludingEmptyStrings) {
  write("page", "{{#items}}[{{name}}]{{/items}}{{#none}}null{{/none}}{{#off}}false{{/off}}"
                "{{#empty}}empty{{/empty}}{{^empty}}no items{{/empty}}{{#count}}{{count}}{{/count}}"
                "{{#blank}}blank{{/blank}}<{{blank}}>");
  Templates templates{folder_};
  View view = {{"items", {{{"name", "a"}}, {{"name", "b"}}}}, {"none", nullptr}, {"off", false},
               {"empty", View::list()}, {"count", 3}, {"blank", ""}};
  EXPECT_EQ(templates.render("page", view), "[a][b]no items3<>");
}

TEST_F(ScratchTemplates, ListObjectsKnowTheirPosition) {
  write("page", "{{#items}}{{#._first}}first {{/._first}}{{._number}};{{/items}}");
  Templates templates{folder_};
  EXPECT_EQ(templates.render("page", {{"items", {{{"v", 1}}, {{"v", 2}}, {{"v", 3}}}}}), "first 1;2;3;");
}

TEST_F(ScratchTemplates, DottedNamesAndInnermostObjectLookups) {
  write("page", "{{person.name}}|{{#field}}{{type}}/{{.type}}{{#.label}}:{{.id}}{{/.label}}{{/field}}");
  Templates templates{folder_};
  View view = {{"person", {{"name", "Ann Jones"}}}, {"type", "sentence-type"},
               {"field", {{"id", "f1"}, {"label", "Label"}}}};
  EXPECT_EQ(templates.render("page", view), "Ann Jones|sentence-type/:f1");
}

TEST_F(ScratchTemplates, PartialsComeFromTheFolderNotFromTheView) {
  write("page", "<{{> item}}>");
  write("item", "{{item}}");
  Templates templates{folder_};
  // A view value named like a partial is data, never a template.
  EXPECT_EQ(templates.render("page", {{"item", "{{secret}}"}, {"secret", "leaked"}}), "<{{secret}}>");
}

TEST_F(ScratchTemplates, RenderPageWrapsThePageInTheLayout) {
  write("layout", "<title>{{#has_errors}}Error: {{/has_errors}}{{page_title}}</title><main>{{{content}}}</main>");
  write("page", "<h1>{{page_title}}</h1>");
  Templates templates{folder_};
  EXPECT_EQ(templates.render_page("page", {{"page_title", "A < B"}}),
            "<title>A &lt; B</title><main><h1>A &lt; B</h1></main>");
  View with_errors = {{"page_title", "T"}, {"errors", {{{"field", "x"}, {"message", "m"}}}}};
  EXPECT_TRUE(contains(templates.render_page("page", with_errors), "<title>Error: T</title>"));
  EXPECT_TRUE(contains(templates.render_page("page", {{"page_title", "T"}, {"errors", View::list()}}),
                       "<title>T</title>"));
  // The page cannot smuggle raw HTML into the layout through its view.
  EXPECT_TRUE(contains(templates.render_page("page", {{"page_title", "T"}, {"content", "<x>"}}),
                       "<main><h1>T</h1></main>"));
}

TEST_F(ScratchTemplates, UnknownNamesThrow) {
  write("page", "text");
  Templates templates{folder_};
  EXPECT_THROW(templates.render("nope", View::object()), std::runtime_error);
  EXPECT_THROW(templates.render_page("nope", View::object()), std::runtime_error);
  EXPECT_THROW(templates.render_page("page", View::object()), std::runtime_error);  // no layout
}

TEST_F(ScratchTemplates, UnknownPartialFailsAtStartUp) {
  write("page", "line one\n{{> missing}}");
  EXPECT_EQ(start_up_error(), "template page, line 2: unknown partial {{> missing}}");
}

TEST_F(ScratchTemplates, MalformedTemplateFailsAtStartUp) {
  write("page", "{{#open}}never closed");
  EXPECT_THROW(Templates{folder_}, std::runtime_error);
}

TEST_F(ScratchTemplates, MalformedTemplatesAreNamedWithTheLineAndTheFault) {
  auto error_for = [&](const std::string& text) {
    write("page", text);
    return start_up_error();
  };
  EXPECT_EQ(error_for("{{#a}}\nnever closed"), "template page, line 1: {{#a}} is never closed");
  EXPECT_EQ(error_for("{{#a}}{{#b}}{{/a}}{{/b}}"), "template page, line 1: {{/a}} closes {{#b}}");
  EXPECT_EQ(error_for("{{^a}}x{{/b}}"), "template page, line 1: {{/b}} closes {{#a}}");
  EXPECT_EQ(error_for("x\n{{/a}}"), "template page, line 2: {{/a}} closes no section");
  EXPECT_EQ(error_for("x\n\n{{name"), "template page, line 3: a tag is never closed");
  EXPECT_EQ(error_for("{{{name}}"), "template page, line 1: a tag is never closed");
  EXPECT_EQ(error_for("{{=<% %>=}}"), "template page, line 1: set-delimiter tags ({{=...=}}) are not supported");
}

TEST_F(ScratchTemplates, CatalogueTextsAreTranslatedOnceAtStartUpAndTheirNamesEscaped) {
  write("page", "<p title=\"{{#t}}Hint{{/t}}\">{{#t}}Hello  ((name)),\n   welcome{{/t}}</p>");
  std::vector<std::string> asked;
  Templates templates{folder_, [&](std::string_view english) {
    asked.emplace_back(english);
    return english == "Hint" ? std::string{"Awgrym"} : std::string{"Croeso, ((name))!"};
  }};
  View view = {{"name", "<b>Jo</b>"}};
  EXPECT_EQ(templates.render("page", view), "<p title=\"Awgrym\">Croeso, &lt;b&gt;Jo&lt;/b&gt;!</p>");
  EXPECT_EQ(templates.render("page", view), "<p title=\"Awgrym\">Croeso, &lt;b&gt;Jo&lt;/b&gt;!</p>");
  EXPECT_EQ(asked, (std::vector<std::string>{"Hint", "Hello ((name)), welcome"}));  // spaces made one, once each
}

TEST_F(ScratchTemplates, CatalogueTextsStayAsWrittenWithoutATranslation) {
  write("page", "{{#t}} Showing ((from.first))  to ((to)) {{/t}}|{{#t}}((list)){{/t}}|{{#t}}Waiting (((to))){{/t}}");
  Templates templates{folder_};
  EXPECT_EQ(templates.render("page", {{"from", {{"first", 1}}}, {"to", 50}, {"list", {1, 2}}}),
            "Showing 1 to 50||Waiting (50)");
}

TEST_F(ScratchTemplates, MalformedCatalogueTextsFailAtStartUp) {
  auto error_for = [&](const std::string& text) {
    write("page", text);
    return start_up_error();
  };
  EXPECT_EQ(error_for("x\n{{#t}}never closed"), "template page, line 2: {{#t}} is never closed");
  EXPECT_EQ(error_for("{{#t}}Hello {{name}}{{/t}}"), "template page, line 1: a {{#t}} text holds a tag: write ((name)) instead");
  EXPECT_EQ(error_for("{{#t}}  {{/t}}"), "template page, line 1: a {{#t}} text is empty");
  EXPECT_EQ(error_for("{{#t}}Hello ((name{{/t}}"), "template page, line 1: a {{#t}} text has an unclosed ((");
}

TEST_F(ScratchTemplates, PartialsThatIncludeEachOtherFailAtStartUp) {
  write("page", "{{#never}}{{> other}}{{/never}}");
  write("other", "{{> page}}");
  EXPECT_NE(start_up_error().find("partials include each other without end"), std::string::npos);
}

TEST_F(ScratchTemplates, TagNamesAreTrimmedAndCommentsRenderNothing) {
  write("page", "{{ x }}|{{# list }}{{ . }}{{/ list }}|{{& raw }}|{{{ raw }}}|{{! not shown }}|{{}}");
  Templates templates{folder_};
  EXPECT_EQ(templates.render("page", {{"x", "1"}, {"list", {"a", "b"}}, {"raw", "<i>"}}), "1|ab|<i>|<i>||");
}

TEST_F(ScratchTemplates, NumbersRenderAsJsonWritesThemAndBooleansAsNothing) {
  write("page", "{{n}}|{{negative}}|{{big}}|{{half}}|{{two}}|{{yes}}|{{no}}|{{none}}|{{object}}|{{list}}|"
                "{{#zero}}zero is {{.}}{{/zero}}|{{#yes}}{{.}}{{/yes}}");
  Templates templates{folder_};
  View view = {{"n", 42}, {"negative", -7}, {"big", std::uint64_t{18446744073709551615ULL}}, {"half", 1.5},
               {"two", 2.0}, {"yes", true}, {"no", false}, {"none", nullptr}, {"object", {{"a", "b"}}},
               {"list", {1, 2}}, {"zero", 0}};
  EXPECT_EQ(templates.render("page", view), "42|-7|18446744073709551615|1.5|2.0||||||zero is 0|");
}

TEST_F(ScratchTemplates, InvertedSectionsRenderForEveryFalsyValueAndOnlyThose) {
  write("page", "{{^empty}}a{{/empty}}{{^missing}}b{{/missing}}{{^none}}c{{/none}}{{^no}}d{{/no}}"
                "{{^blank}}e{{/blank}}{{^list}}X{{/list}}{{^yes}}X{{/yes}}{{^zero}}X{{/zero}}"
                "{{^object}}X{{/object}}{{^text}}X{{/text}}");
  Templates templates{folder_};
  View view = {{"empty", View::list()}, {"none", nullptr}, {"no", false}, {"blank", ""}, {"list", {1}},
               {"yes", true}, {"zero", 0}, {"object", View::object()}, {"text", "t"}};
  EXPECT_EQ(templates.render("page", view), "abcde");
}

TEST_F(ScratchTemplates, PositionsInNestedLists) {
  // An inner item that is not first finds `_first` outwards, in its list's enclosing item;
  // `._first` asks the item itself. Strings in a list get no position of their own.
  write("page", "{{#outer}}{{._number}}({{#inner}}{{._number}}{{#._first}}F{{/._first}}{{#_first}}f{{/_first}}"
                "{{/inner}}){{#tags}}{{.}}{{_number}}{{/tags}};{{/outer}}|{{#outer}}{{#.}}{{._number}}{{/.}}{{/outer}}");
  Templates templates{folder_};
  View view = {{"outer", {{{"inner", {{{"v", "x"}}, {{"v", "y"}}}}},
                          {{"inner", {{{"v", "z"}}}}, {"tags", {"a", "b"}}}}}};
  EXPECT_EQ(templates.render("page", view), "1(1Ff2f);2(1Ff)a2b2;|12");
}

TEST_F(ScratchTemplates, LeadingDotSkipsValuesPushedBySectionsOverScalars) {
  write("page", "{{#field}}{{#.hint}}{{.}}:{{.id}}:{{id}}{{/.hint}}|{{#.count}}{{.}}:{{.id}}{{/.count}}|"
                "{{#.required}}{{.id}}{{/.required}}|[{{page_only}}][{{.page_only}}]{{/field}}|{{.id}}");
  Templates templates{folder_};
  View view = {{"id", "page-id"}, {"page_only", "P"},
               {"field", {{"id", "f1"}, {"hint", "Hint"}, {"count", 3}, {"required", true}}}};
  EXPECT_EQ(templates.render("page", view), "Hint:f1:f1|3:f1|f1|[P][]|page-id");
}

TEST_F(ScratchTemplates, NamesInsideSectionsOverAPositionOrThePagesHtmlAreFoundBelowThem) {
  write("layout", "{{#content}}<{{title}}|{{.title}}>{{/content}}");
  write("page", "{{#items}}{{#_number}}{{_number}}:{{name}}:{{title}};{{/_number}}{{/items}}");
  Templates templates{folder_};
  View view = {{"title", "T"}, {"items", {{{"name", "a"}}, {{"name", "b"}}}}};
  EXPECT_EQ(templates.render("page", view), "1:a:T;2:b:T;");
  EXPECT_EQ(templates.render_page("page", view), "<T|T>");
}

TEST_F(ScratchTemplates, LayoutGetsContentAndHasErrorsOverTheView) {
  write("layout", "{{#has_errors}}E{{/has_errors}}{{^has_errors}}ok{{/has_errors}}[{{{content}}}][{{content}}]"
                  "{{#box}}({{content}}){{/box}}{{title}}");
  write("page", "<p>{{title}}{{content}}{{#has_errors}}!{{/has_errors}}</p>");
  Templates templates{folder_};
  // The page sees the view as it is; the layout's `content` and `has_errors` win over the view's,
  // but not over an inner object's own `content`.
  View view = {{"title", "T"}, {"has_errors", true}, {"content", "<x>"}, {"errors", View::list()},
               {"box", {{"content", "inner"}}}};
  EXPECT_EQ(templates.render_page("page", view),
            "ok[<p>T&lt;x&gt;!</p>][&lt;p&gt;T&amp;lt;x&amp;gt;!&lt;/p&gt;](inner)T");
  view["has_errors"] = false;
  view["errors"] = {{{"field", "f"}, {"message", "m"}}};
  view.erase("content");
  EXPECT_EQ(templates.render_page("page", view), "E[<p>T</p>][&lt;p&gt;T&lt;/p&gt;](inner)T");
  EXPECT_THROW(templates.render_page("page", View::list()), std::invalid_argument);
}

TEST_F(ScratchTemplates, DeepNestingFindsNamesAtEveryLevel) {
  constexpr int depth = 40;
  std::string text;
  View view = {{"top", "T"}, {"depth", 0}};
  View* level = &view;
  for (int i = 1; i <= depth; ++i) {
    text = "{{#n}}" + text + "{{/n}}";
    (*level)["n"] = {{"depth", i}};
    level = &(*level)["n"];
  }
  (*level)["leaf"] = "L";
  text.insert(text.size() / 2, "{{leaf}}{{depth}}{{top}}{{.top}}");
  write("page", text);
  Templates templates{folder_};
  EXPECT_EQ(templates.render("page", view), "L40T");
}

// The rule kainjow applied, kept so pages stay byte-for-byte the same: a line that had a section
// rendered on it and is left with only spaces and tabs is dropped with its line end. Lines whose
// section was skipped, and comment lines, stay (as their spaces).
TEST_F(ScratchTemplates, StandaloneLinesAreDroppedOnlyWhenASectionRenderedOnThem) {
  write("page",
        "<ul>\n"
        "  {{#items}}\n"
        "  <li>{{.}}</li>\n"
        "  {{/items}}\n"
        "  {{#none}}\n"
        "  <li>never</li>\n"
        "  {{/none}}\n"
        "  {{! a comment }}\n"
        "\t{{^none}}{{blank}}{{/none}}\n"
        "x{{#items}}{{/items}}\n"
        "</ul>\r\n"
        "  {{#items}}{{/items}}");
  Templates templates{folder_};
  EXPECT_EQ(templates.render("page", {{"items", {"a", "b"}}, {"none", false}, {"blank", ""}}),
            "<ul>\n  <li>a</li>\n  <li>b</li>\n  \n  \nx\n</ul>\r\n");
}

// Text of several lines is written at once; the line after it is still the one the rule looks at,
// and a first line with text on it is kept whatever section was rendered on it.
TEST_F(ScratchTemplates, LinesOfTextBetweenTagsKeepTheStandaloneRule) {
  write("page",
        "one\r\ntwo\n\n  {{#items}}\n  <li>{{.}}</li>\n  {{/items}}\nthree\n"
        "{{#items}}kept\nfour\n  {{/items}}  \n{{#none}}x{{/none}}  \nfive");
  Templates templates{folder_};
  EXPECT_EQ(templates.render("page", {{"items", {"a"}}, {"none", false}}),
            "one\r\ntwo\n\n  <li>a</li>\nthree\nkept\nfour\n  \nfive");
}

TEST_F(ScratchTemplates, PartialsRenderOnTheLineOfTheTagThatIncludesThem) {
  write("page", "  {{> section}}\nafter {{> section}}.");
  write("section", "{{#yes}}{{/yes}}");
  Templates templates{folder_};
  EXPECT_EQ(templates.render("page", {{"yes", true}}), "after .");
}

TEST(Templates, MissingFolderThrows) {
  EXPECT_THROW(Templates{"/nonexistent/templates"}, std::runtime_error);
}

TEST(ProjectTemplates, LayoutHasTheServiceFrame) {
  Templates templates{project_templates};
  View view = {{"page_title", "My caseload"},
               {"csrf_token", "tok\"en"},
               {"user", {{"name", "Pat Smith"}, {"role", "Prison offender manager"}}},
               {"navigation", {{{"name", "Caseload"}, {"href", "/caseload"}, {"current", true}},
                               {{"name", "Search"}, {"href", "/search"}}}}};
  std::string html = templates.render_page("csrf", view);
  EXPECT_TRUE(contains(html, "<html lang=\"en\" class=\"govuk-template\">"));
  EXPECT_TRUE(contains(html, "<title>My caseload - Resettle</title>"));
  EXPECT_TRUE(contains(html, "href=\"#main-content\""));
  EXPECT_TRUE(contains(html, "<main class=\"govuk-main-wrapper\" id=\"main-content\">"));
  EXPECT_TRUE(contains(html, "HM Prison and Probation Service"));
  EXPECT_TRUE(contains(html, "Pat Smith"));
  EXPECT_TRUE(contains(html, "href=\"/caseload\" aria-current=\"page\">Caseload</a>"));
  EXPECT_TRUE(contains(html, "href=\"/search\">Search</a>"));
  EXPECT_TRUE(contains(html, "action=\"/sign-out\""));
  EXPECT_TRUE(contains(html, "<input type=\"hidden\" name=\"_csrf\" value=\"tok&quot;en\">"));
  EXPECT_FALSE(contains(html, "govuk-error-summary"));
  EXPECT_FALSE(contains(html, "<script>"));  // the CSP allows no inline script
  EXPECT_FALSE(contains(html, "style="));
}

TEST(ProjectTemplates, SignedOutPagesHaveNoNavigationOrSignOut) {
  Templates templates{project_templates};
  std::string html = templates.render_page("tag", {{"page_title", "Sign in"}, {"text", "x"}});
  EXPECT_FALSE(contains(html, "moj-primary-navigation__list"));
  EXPECT_FALSE(contains(html, "/sign-out"));
}

TEST(ProjectTemplates, LayoutShowsTheErrorSummary) {
  Templates templates{project_templates};
  View view = {{"page_title", "Add a person"},
               {"errors", {{{"field", "given-name"}, {"message", "Enter a given name"}},
                           {{"field", "date-of-birth"}, {"message", "Enter a date of birth"}}}}};
  std::string html = templates.render_page("tag", view);
  EXPECT_TRUE(contains(html, "<title>Error: Add a person - Resettle</title>"));
  EXPECT_TRUE(contains(html, "govuk-error-summary"));
  EXPECT_TRUE(contains(html, "<a href=\"#given-name\">Enter a given name</a>"));
  EXPECT_TRUE(contains(html, "<a href=\"#date-of-birth\">Enter a date of birth</a>"));
}

TEST(ProjectTemplates, TextInputInErrorState) {
  Templates templates{project_templates};
  View field = {{"id", "given-name"}, {"name", "given_name"}, {"label", "Given name"},
                {"hint", "As on their ID"}, {"error", "Enter a given name"}, {"value", "<b>"}};
  std::string html = templates.render("text_input", field);
  EXPECT_TRUE(contains(html, "govuk-form-group--error"));
  EXPECT_TRUE(contains(html, "govuk-input--error"));
  EXPECT_TRUE(contains(html, "<p id=\"given-name-error\" class=\"govuk-error-message\">"));
  EXPECT_TRUE(contains(html, "aria-describedby=\"given-name-hint given-name-error\""));
  EXPECT_TRUE(contains(html, "type=\"text\""));
  EXPECT_TRUE(contains(html, "value=\"&lt;b&gt;\""));
}

TEST(ProjectTemplates, TextInputDescribedByOnlyWhatExists) {
  Templates templates{project_templates};
  View field = {{"id", "u"}, {"name", "u"}, {"label", "Username"}};
  std::string plain = templates.render("text_input", field);
  EXPECT_FALSE(contains(plain, "aria-describedby"));
  EXPECT_FALSE(contains(plain, "govuk-form-group--error"));
  field["error"] = "";
  EXPECT_FALSE(contains(templates.render("text_input", field), "govuk-form-group--error"));
  field["error"] = "Enter your username";
  EXPECT_TRUE(contains(templates.render("text_input", field), "aria-describedby=\"u-error\""));
  field.erase("error");
  field["hint"] = "h";
  field["type"] = "password";
  std::string hinted = templates.render("text_input", field);
  EXPECT_TRUE(contains(hinted, "aria-describedby=\"u-hint\""));
  EXPECT_TRUE(contains(hinted, "type=\"password\""));
}

TEST_F(ScratchTemplates, ComponentsIgnoreSameNamedValuesInThePage) {
  std::filesystem::copy(project_templates, folder_, std::filesystem::copy_options::recursive);
  write("page", "{{#field}}{{> text_input}}{{/field}}");
  Templates templates{folder_};
  // The page's own `type`, `error` and `hint` must not leak into a field that has none of them.
  View view = {{"type", "determinate"}, {"error", "page error"}, {"hint", "page hint"},
               {"field", {{"id", "f"}, {"name", "f"}, {"label", "F"}}}};
  std::string html = templates.render("page", view);
  EXPECT_TRUE(contains(html, "type=\"text\""));
  EXPECT_FALSE(contains(html, "determinate"));
  EXPECT_FALSE(contains(html, "page error"));
  EXPECT_FALSE(contains(html, "page hint"));
  EXPECT_FALSE(contains(html, "aria-describedby"));
}

TEST(ProjectTemplates, RadiosLinkTheFirstItemToTheFieldId) {
  Templates templates{project_templates};
  View field = {{"id", "tier"}, {"name", "tier"}, {"legend", "Tier"}, {"error", "Select a tier"},
                {"items", {{{"value", "A"}, {"text", "A"}}, {{"value", "B"}, {"text", "B"}, {"checked", true}}}}};
  std::string html = templates.render("radios", field);
  EXPECT_TRUE(contains(html, "id=\"tier\" name=\"tier\" type=\"radio\" value=\"A\">"));
  EXPECT_TRUE(contains(html, "id=\"tier-2\" name=\"tier\" type=\"radio\" value=\"B\" checked>"));
  EXPECT_TRUE(contains(html, "<fieldset class=\"govuk-fieldset\" aria-describedby=\"tier-error\">")) << html;
}

TEST(ProjectTemplates, SelectMarksTheChosenOption) {
  Templates templates{project_templates};
  View field = {{"id", "pdu"}, {"name", "pdu"}, {"label", "PDU"},
                {"options", {{{"value", "1"}, {"text", "One"}}, {{"value", "2"}, {"text", "Two"}, {"selected", true}}}}};
  std::string html = templates.render("select", field);
  EXPECT_TRUE(contains(html, "<option value=\"1\">One</option>"));
  EXPECT_TRUE(contains(html, "<option value=\"2\" selected>Two</option>"));
}

TEST(ProjectTemplates, TableLinksCellsAndRendersTags) {
  Templates templates{project_templates};
  View table = {{"caption", "People"},
                {"head", {{{"text", "Name"}}, {{"text", "Status"}}}},
                {"rows", {{{"cells", {{{"text", "Ann Jones"}, {"href", "/people/7"}},
                                      {{"text", ""}, {"tag", {{"text", "Due"}, {"colour", "red"}}}}}}}}}};
  std::string html = templates.render("table", table);
  EXPECT_TRUE(contains(html, "<a class=\"govuk-link\" href=\"/people/7\">Ann Jones</a>"));
  EXPECT_TRUE(contains(html, "<strong class=\"govuk-tag govuk-tag--red\">Due</strong>"));
  EXPECT_TRUE(contains(html, "<caption class=\"govuk-table__caption govuk-table__caption--m\">People</caption>"));
}

TEST(ProjectTemplates, SummaryListRowsWithAndWithoutActions) {
  Templates templates{project_templates};
  View list = {{"rows", {{{"key", "CRN"}, {"value", "X123456"}},
                         {{"key", "Name"}, {"value", "Ann"},
                          {"action", {{"href", "/people/7/edit"}, {"text", "Change"}, {"hidden_text", "name"}}}}}}};
  std::string html = templates.render("summary_list", list);
  EXPECT_TRUE(contains(html, "govuk-summary-list__row govuk-summary-list__row--no-actions"));
  EXPECT_TRUE(contains(html, "href=\"/people/7/edit\">Change<span class=\"govuk-visually-hidden\"> name</span>"));
}

// Every word of the staff pages comes through the catalogue (po/catalogue.mjs check finds words
// left outside {{#t}}): a translation that brackets each text shows on the page.
TEST(ProjectTemplates, StaffPageTextComesThroughTheCatalogue) {
  Templates templates{project_templates, [](std::string_view english) { return "[" + std::string{english} + "]"; }};
  View view = {{"heading", "Add a person"}, {"action", "/people"}, {"version", 1}, {"fields", View::object()},
               {"page_title", "Add a person"}};
  std::string html = templates.render_page("people/person_form", view);
  EXPECT_TRUE(contains(html, "<h2 class=\"govuk-heading-m\">[Identifiers]</h2>")) << html;
  EXPECT_TRUE(contains(html, ">[Save]</button>")) << html;
  EXPECT_TRUE(contains(html, "<title>[Add a person - Resettle]</title>")) << html;
  EXPECT_TRUE(contains(html, ">[Skip to main content]</a>")) << html;
}

TEST(ProjectTemplates, EveryComponentRendersWithoutError) {
  Templates templates{project_templates};
  for (const char* name : {"text_input", "textarea", "date_input", "select", "radios", "checkboxes",
                           "button", "summary_list", "table", "tag", "csrf", "back_link", "pagination"}) {
    EXPECT_TRUE(templates.contains(name)) << name;
    EXPECT_NO_THROW(templates.render(name, View::object())) << name;
  }
}

TEST(ProjectTemplates, ConcurrentRendersGiveIdenticalResults) {
  Templates templates{project_templates};
  View view = {{"page_title", "Caseload"},
               {"csrf_token", "t"},
               {"user", {{"name", "Pat"}, {"role", "POM"}}},
               {"navigation", {{{"name", "Caseload"}, {"href", "/caseload"}, {"current", true}}}},
               {"head", {{{"text", "Name"}}}},
               {"rows", View::list()}};
  for (int i = 0; i < 50; ++i) {
    view["rows"].push_back({{"cells", {{{"text", "Person " + std::to_string(i)}, {"href", "/people/" + std::to_string(i)}}}}});
  }
  const std::string expected = templates.render_page("table", view);
  std::atomic<int> mismatches = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 25; ++i) {
        if (templates.render_page("table", view) != expected) ++mismatches;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(mismatches.load(), 0);
  EXPECT_TRUE(contains(expected, "href=\"/people/49\">Person 49</a>"));
}
