// The caseload page (50 rows, inside the layout) on one thread: building its view, shaped as
// `caseload` and `page_view` build it, and rendering that view with render_page, timed apart. Time
// per iteration is the figure to read: one page's view, or one page's HTML.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <string>

#include "web/http/templates.hpp"
#include "web/web_context.hpp"
#include "source_tree.hpp"

namespace {

using resettle::web::View;

const std::filesystem::path project_templates =
    resettle::source_tree() / "src/web/templates";

View navigation() {
  auto links = View::list();
  for (auto [name, href] : {std::pair{"My caseload", "/caseload"}, {"Worklists", "/worklists"},
                            {"Add a person", "/people/new"}, {"Find support", "/find-support"}})
    links.push_back({{"name", name}, {"href", href}, {"current", std::string{href} == "/caseload"}});
  return links;
}

// One row as `caseload_row` and `plan_alerts_cell` make it; every third person has overdue work.
View caseload_row(int i) {
  std::string number = std::to_string(1000 + i);
  View alerts = i % 3 == 0 ? View{{"text", "2 plan actions "}, {"tag", {{"text", "Overdue"}, {"colour", "red"}}}}
                           : View{{"text", "None"}};
  auto texts = View::list();
  texts.push_back("A" + number + "BC");
  texts.push_back("X" + number.substr(0, 3) + "456");
  texts.push_back(i % 2 == 0 ? "Serving a sentence in custody" : "On licence in the community");
  return resettle::web::linked_row("Given" + number + " O'Family-Name", "/people/" + number, std::move(texts),
                                   std::move(alerts));
}

View caseload_view() {
  auto rows = View::list();
  for (int i = 0; i < 50; ++i) rows.push_back(caseload_row(i));
  return {{"page_title", "My caseload"},
          {"csrf_token", "Vq3c6Qm0n2ZC1lJxq7Xb0m3Hx9s8y4Q2kFf5p1w7T0A"},
          {"user", {{"name", "Pat O'Malley"}, {"role", "Prison offender manager"}}},
          {"navigation", navigation()},
          {"people", {{"caption", "People allocated to me"},
                      {"head", {{{"text", "Name"}}, {{"text", "Prison number"}}, {{"text", "CRN"}},
                                {{"text", "Stage"}}, {{"text", "Overdue"}}}},
                      {"rows", rows}}},
          {"has_people", true},
          {"search", ""},
          {"whole_unit", false},
          {"pagination", {{"next", "/caseload?cursor=eyJpZCI6NTB9"}}}};
}

void BM_CaseloadPage(benchmark::State& state) {
  const resettle::web::Templates templates{project_templates};
  const View view = caseload_view();
  std::size_t bytes = 0;
  for (auto _ : state) {
    std::string html = templates.render_page("people/caseload", view);
    bytes = html.size();
    benchmark::DoNotOptimize(html);
  }
  state.counters["html_bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_CaseloadPage);

void BM_CaseloadView(benchmark::State& state) {
  for (auto _ : state) {
    View view = caseload_view();
    benchmark::DoNotOptimize(view);
  }
}
BENCHMARK(BM_CaseloadView);

}  // namespace

BENCHMARK_MAIN();
