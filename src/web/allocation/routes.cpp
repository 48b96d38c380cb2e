// Allocation: ranked recommendations and one-action allocation (pages and API), and the manager's
// views (unallocated cases, handovers, team workload, continuity), one at a time.
#include <algorithm>
#include <limits>

#include "domain/catalogue.hpp"
#include "domain/staff_catalogue.hpp"
#include "services/allocation/allocations.hpp"
#include "services/allocation/continuity.hpp"
#include "services/responsibility/handovers.hpp"
#include "services/responsibility/responsibility.hpp"
#include "web/api_support.hpp"
#include "web/people/views.hpp"
#include "web/routes.hpp"
#include "web/transfers/views.hpp"
#include "web/failures.hpp"

namespace resettle::web {

namespace {

// The API gives a band by its English label; pages by its label's translation (staff_text_of).
constexpr std::string_view band_labels[] = {staff_label("Has room"), staff_label("Nearly full"), staff_label("Over capacity"),
                                            staff_label("No capacity recorded")};
constexpr std::string_view band_colours[] = {"green", "yellow", "red", "grey"};

std::string_view band_label(WorkloadBand band) { return band_labels[static_cast<int>(band)]; }

struct RoleAndKind {
  Role role;
  AllocationKind kind;
};

RoleAndKind role_and_kind(const std::string& role, const std::string& kind) {
  RoleAndKind chosen{Role::pom, AllocationKind::lead};
  auto errors = errors_from([&] { chosen.role = services::allocation_role(role, "role"); });
  auto kind_errors = errors_from([&] { chosen.kind = services::allocation_kind(kind, "kind"); });
  errors.insert(errors.end(), kind_errors.begin(), kind_errors.end());
  if (!errors.empty()) throw ValidationFailed(std::move(errors));
  return chosen;
}

RoleAndKind role_and_kind(const Request& request) {
  return role_and_kind(request.query_param("role").value_or(""), request.query_param("kind").value_or(""));
}

struct ChosenPractitioner {
  std::int64_t staff_id = 0;
  std::string note;
};

ChosenPractitioner read_choice(const FieldInput& fields) {
  FieldReader reader{fields};
  auto staff_id = reader.integer("staff_id", Need::required, 1, std::numeric_limits<std::int64_t>::max());
  auto note = reader.text("note", Need::optional, 1000);
  reader.throw_if_failed();
  return {*staff_id, note};
}

nlohmann::json workload_json(const Workload& workload) {
  auto percent = workload.percent();
  return {{"cases", workload.cases}, {"points", workload.points}, {"capacity", workload.capacity},
          {"percent", percent ? nlohmann::json(*percent) : nlohmann::json(nullptr)}};
}

nlohmann::json allocation_json(const Allocation& allocation) {
  return {{"id", allocation.id},          {"person_id", allocation.person_id},
          {"staff_id", allocation.staff_id}, {"staff_name", allocation.staff_name},
          {"role", role_code(allocation.role)}, {"kind", services::allocation_kind_code(allocation.kind)},
          {"from", to_iso(allocation.from)},  {"to", allocation.to ? nlohmann::json(to_iso(*allocation.to)) : nlohmann::json(nullptr)},
          {"reason", allocation.reason}};
}

nlohmann::json choice_json(const services::AllocationChoice& choice) {
  auto options = nlohmann::json::array();
  for (const auto& r : choice.ranked) {
    auto matching = nlohmann::json::array();
    for (auto specialism : r.matching_specialisms) matching.push_back(entry_for(specialisms(), specialism).code);
    options.push_back({{"staff_id", r.staff.id}, {"name", r.staff.display_name}, {"role", role_code(r.staff.role)},
                       {"workload", workload_json(r.workload)}, {"band", band_label(r.band)},
                       {"knows_person", r.knows_person}, {"available", r.available},
                       {"matching_specialisms", matching}, {"reasons", r.reasons}});
  }
  return {{"person_id", choice.person.id},
          {"role", role_code(choice.role)},
          {"kind", services::allocation_kind_code(choice.kind)},
          {"current", choice.current ? allocation_json(*choice.current) : nlohmann::json(nullptr)},
          {"options", options}};
}

std::string reasons_text(const AllocationRecommendation& recommendation) {
  std::string text;
  for (const auto& reason : recommendation.reasons) text += (text.empty() ? "" : ". ") + reason;
  return text;
}

Response allocate_form(WebContext& context, const Caller& caller, const services::AllocationChoice& choice,
                       const FormState& form) {
  auto part = part_in_words(choice.role, choice.kind);
  auto view = page_view(caller, staff_text("Allocate a ((part))", {{"part", part}}), "");
  add_errors(view, form);
  auto href = person_href(choice.person.id);
  view["person"] = {{"name", choice.person.full_name()}, {"href", href}};
  view["part"] = part;
  view["role"] = role_code(choice.role);
  view["kind"] = services::allocation_kind_code(choice.kind);
  if (choice.current)
    view["current"] = staff_text("((name)) since ((date))", {{"name", choice.current->staff_name}, {"date", to_long_date(choice.current->from)}});
  if (choice.lead) view["lead"] = choice.lead->staff_name;
  auto selected = form.values.contains("staff_id") ? form.values.at("staff_id") : "";
  auto items = View::list();
  for (const auto& r : choice.ranked) {
    auto id = std::to_string(r.staff.id);
    items.push_back({{"value", id},
                     {"text", staff_text("((name)) (((band)))", {{"name", r.staff.display_name}, {"band", staff_text_of(band_label(r.band))}})},
                     {"hint", reasons_text(r)},
                     {"checked", selected.empty() ? items.empty() : selected == id}});
  }
  view["has_options"] = !items.empty();
  view["staff"] = form_field(form, "staff_id", "", {{"legend", staff_text("Choose who to allocate")},
                                                     {"hint", staff_text("Best match first: someone ((name)) already knows, then who has room, then specialism.",
                                                                         {{"name", choice.person.given_name}})},
                                                     {"items", items}});
  view["note"] = form_field(form, "note", staff_text("Note for the record (optional)"),
                            {{"hint", staff_text("Anything the reasons above do not say.")}, {"rows", 3}});
  return render_page(context, form.errors.empty() ? 200 : 422, "allocation/allocate", view);
}

View unallocated_table(const store::Page<Person>& people, Role role) {
  auto rows = View::list();
  for (const auto& person : people.items) {
    auto href = person_href(person.id);
    rows.push_back({{"cells",
                     {{{"text", person.full_name()}, {"href", href}, {"header", true}},
                      {{"text", person.prison_number.empty() ? person.crn : person.prison_number}},
                      {{"text", entry_for(case_stages(), person.stage).label}},
                      {{"text", staff_text("Allocate")}, {"href", href + "/allocate?role=" + std::string{role_code(role)}}}}}});
  }
  return {{"caption", staff_text("Without a ((part))", {{"part", part_in_words(role, AllocationKind::lead)}})},
          {"head", {{{"text", staff_text("Name")}}, {{"text", staff_text("Number")}}, {{"text", staff_text("Stage")}}, {{"text", staff_text("Action")}}}},
          {"rows", rows},
          {"empty", rows.empty()}};
}

// Bars as percentages of the chart width: the longest bar (or full capacity, if greater) fills it.
View workload_chart(const std::vector<services::TeamWorkload>& teams) {
  constexpr int bar_height = 24;
  constexpr int label_width = 35;  // percent of the width kept for names
  int widest = 100;
  for (const auto& team : teams)
    for (const auto& p : team.practitioners) widest = std::max(widest, p.workload.percent().value_or(0));
  auto bars = View::list();
  auto rows = View::list();
  int y = 0;
  for (const auto& team : teams)
    for (const auto& p : team.practitioners) {
      auto percent = p.workload.percent();
      double width = (100.0 - label_width) * percent.value_or(0) / widest;
      bars.push_back({{"name", p.staff.display_name}, {"y", y}, {"text_y", y + bar_height * 2 / 3},
                      {"x", std::to_string(label_width) + "%"}, {"width", std::to_string(width) + "%"},
                      {"label_x", std::to_string(label_width + width + 1) + "%"},
                      {"percent", percent ? std::to_string(*percent) + "%" : staff_text("no capacity")},
                      {"band", band_colours[static_cast<int>(p.band)]}});
      rows.push_back({{"cells",
                       {{{"text", p.staff.display_name}, {"header", true},
                         {"href", "/staff/" + std::to_string(p.staff.id) + "/working-pattern"}},
                        {{"text", team.team_name}},
                        {{"text", std::string{role_label(p.staff.role)}}},
                        {{"text", std::to_string(p.workload.cases)}, {"numeric", true}},
                        {{"text", staff_text("((points)) of ((capacity))", {{"points", std::to_string(p.workload.points)}, {"capacity", std::to_string(p.workload.capacity)}})},
                         {"numeric", true}},
                        {{"text", ""}, {"tag", {{"text", staff_text_of(band_label(p.band))}, {"colour", band_colours[static_cast<int>(p.band)]}}}}}}});
      y += bar_height + 8;
    }
  auto capacity_x = label_width + (100.0 - label_width) * 100 / widest;
  return {{"bars", bars},
          {"height", std::max(y, bar_height)},
          {"capacity_x", std::to_string(capacity_x) + "%"},
          {"empty", bars.empty()},
          {"table", {{"caption", staff_text("Workload by practitioner")},
                     {"head", {{{"text", staff_text("Practitioner")}}, {{"text", staff_text("Team")}}, {{"text", staff_text("Role")}},
                               {{"text", staff_text("Cases")}, {"numeric", true}}, {{"text", staff_text("Points")}, {"numeric", true}},
                               {{"text", staff_text("Workload")}}}},
                     {"rows", rows}}}};
}

// A unit's teams as a filter for the workload view; staff not yet in a team are "none".
std::string team_choice(const services::TeamWorkload& team) { return team.team_code.empty() ? "none" : team.team_code; }

View team_filter(const std::vector<services::TeamWorkload>& teams, const std::string& chosen) {
  auto options = View::list();
  options.push_back({{"value", ""}, {"text", staff_text("All teams")}, {"selected", chosen.empty()}});
  for (const auto& team : teams) {
    auto value = team_choice(team);
    options.push_back({{"value", value},
                       {"text", team.team_code.empty() ? staff_text("Not in a team") : team.team_name},
                       {"selected", value == chosen}});
  }
  return {{"id", "team"}, {"name", "team"}, {"label", staff_text("Team")}, {"options", std::move(options)}};
}

// The teams the workload view shows: all, or the one chosen (a bad choice in the link is bad input).
std::vector<services::TeamWorkload> chosen_teams(std::vector<services::TeamWorkload> teams, const std::string& chosen) {
  if (chosen.empty()) return teams;
  std::erase_if(teams, [&](const auto& team) { return team_choice(team) != chosen; });
  if (teams.empty()) throw ValidationFailed("team", staff_text("Team must be one of the teams in this unit"));
  return teams;
}

std::string one_decimal(double value) {
  auto tenths = static_cast<long>(value * 10 + 0.5);
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10);
}

View overdue_handovers_table(const store::Page<services::OverdueHandover>& overdue) {
  auto rows = View::list();
  for (const auto& item : overdue.items) {
    rows.push_back({{"cells",
                     {{{"text", item.entry.person.full_name()}, {"href", person_href(item.entry.person.id)},
                       {"header", true}},
                      {{"text", to_long_date(item.entry.dates.handover_date)}},
                      {{"text", flags_in_words(item.flags)}}}}});
  }
  return {{"caption", staff_text("Overdue handovers")},
          {"head", {{{"text", staff_text("Name")}}, {{"text", staff_text("Handover date")}}, {{"text", staff_text("What is missing")}}}},
          {"rows", rows},
          {"empty", rows.empty()}};
}

// The unit's average practitioner changes per six months and the cases that changed hands most.
View continuity_view(WebContext& context, const Caller& caller) {
  constexpr std::size_t most_changed_shown = 10;
  auto unit = services::unit_continuity(context.store, caller.staff, context.clock.today());
  const auto& summary = unit.summary;
  auto cases = summary.cases;
  std::erase_if(cases, [](const auto& c) { return c.measure.lead_changes == 0; });
  std::ranges::sort(cases, std::greater{}, [](const auto& c) { return c.measure.changes_per_six_months; });
  if (cases.size() > most_changed_shown) cases.resize(most_changed_shown);
  auto rows = View::list();
  for (const auto& c : cases)
    rows.push_back({{"cells",
                     {{{"text", unit.people.at(c.person_id).full_name()}, {"href", person_href(c.person_id)},
                       {"header", true}},
                      {{"text", std::to_string(c.measure.lead_changes)}, {"numeric", true}},
                      {{"text", one_decimal(c.measure.changes_per_six_months)}, {"numeric", true}}}}});
  return {{"summary", staff_text_plural("Across the ((count)) case here, on average ((average)) changes of lead practitioner per six months.",
                                        "Across the ((count)) cases here, on average ((average)) changes of lead practitioner per six months.",
                                        static_cast<long>(summary.cases.size()),
                                        {{"average", one_decimal(summary.average_changes_per_six_months)}})},
          {"table", {{"caption", staff_text("Cases with the most changes of practitioner")},
                     {"head", {{{"text", staff_text("Name")}}, {{"text", staff_text("Changes")}, {"numeric", true}},
                               {{"text", staff_text("Per six months")}, {"numeric", true}}}},
                     {"rows", rows}}},
          {"has_changes", !rows.empty()}};
}

View com_due_table(const store::Page<store::WorklistEntry>& due) {
  auto rows = View::list();
  for (const auto& entry : due.items) {
    auto href = person_href(entry.person.id);
    rows.push_back({{"cells",
                     {{{"text", entry.person.full_name()}, {"href", href}, {"header", true}},
                      {{"text", to_long_date(entry.dates.com_allocated_date)}},
                      {{"text", to_long_date(entry.dates.handover_date)}},
                      {{"text", staff_text("Allocate")}, {"href", href + "/allocate?role=com"}}}}});
  }
  return {{"caption", staff_text("Community offender manager due (start date reached)")},
          {"head", {{{"text", staff_text("Name")}}, {{"text", staff_text("COM due from")}}, {{"text", staff_text("Handover date")}}, {{"text", staff_text("Action")}}}},
          {"rows", rows},
          {"empty", rows.empty()}};
}

// The manager's views, one at a time behind a sub-navigation: together they read the whole unit
// (every allocation history, every practitioner's caseload) and made one slow, very long page.
enum class ManagerView { without_pom, com_due, without_com, overdue_handovers, workload, continuity };
using ManagerTab = PageSection<ManagerView>;
constexpr ManagerTab manager_tabs[] = {
    {ManagerView::without_pom, "/manage", staff_label("Without a POM")},
    {ManagerView::com_due, "/manage/com-due", staff_label("COM due")},
    {ManagerView::without_com, "/manage/without-com", staff_label("Without a COM")},
    {ManagerView::overdue_handovers, "/manage/overdue-handovers", staff_label("Overdue handovers")},
    {ManagerView::workload, "/manage/workload", staff_label("Team workload")},
    {ManagerView::continuity, "/manage/continuity", staff_label("Continuity")},
};
constexpr int manager_list_page = 50;

// Fills `view` with one manager view; lists come a page at a time.
void add_manager_view(WebContext& context, Request& request, const Caller& caller, ManagerView shown,
                      View& view) {
  auto today = context.clock.today();
  auto page = page_request(request, manager_list_page);
  services::WorklistRequest unit_page{"", "", page};
  auto show_list = [&](View table, const std::optional<std::string>& next_cursor) {
    view["table"] = std::move(table);
    add_pagination(view, request, next_cursor);
  };
  switch (shown) {
    case ManagerView::without_pom:
    case ManagerView::without_com: {
      auto role = shown == ManagerView::without_pom ? Role::pom : Role::com;
      auto cases = services::unallocated_cases(context.store, caller.staff, role, page);
      return show_list(unallocated_table(cases, role), cases.next_cursor);
    }
    case ManagerView::com_due: {
      auto due = services::without_com(context.store, caller.staff, today, unit_page);
      return show_list(com_due_table(due), due.next_cursor);
    }
    case ManagerView::overdue_handovers: {
      auto overdue = services::overdue_handovers(context.store, caller.staff, today, unit_page);
      return show_list(overdue_handovers_table(overdue), overdue.next_cursor);
    }
    case ManagerView::workload: {
      auto teams = services::unit_workload(context.store, caller.staff);
      auto chosen = request.query_param("team").value_or("");
      view["team_filter"] = team_filter(teams, chosen);
      view["chart"] = workload_chart(chosen_teams(std::move(teams), chosen));
      return;
    }
    case ManagerView::continuity:
      view["continuity"] = continuity_view(context, caller);
      return;
  }
}

Response manage_page(WebContext& context, Request& request, const Caller& caller, const ManagerTab& shown) {
  services::require_manager(caller.staff);  // some views reuse worklists that practitioners may also see
  auto view = page_view(caller, staff_text("Allocations and workload: ((unit))", {{"unit", staff_text_of(shown.name)}}), "/manage");
  view["sections"] = sub_navigation(staff_text("Manager views"), manager_tabs, shown.path);
  add_manager_view(context, request, caller, shown.shows, view);
  return render_page(context, 200, "allocation/manage", view);
}

void add_pages(Router& router, WebContext& context) {
  router.get("/people/{id}/allocate", page(context, [&](Request& request, const Caller& caller) {
               auto chosen = role_and_kind(request);
               auto choice = services::allocation_choice(context.store, context.clock, caller.staff,
                                                         id_param(request, "id"), chosen.role, chosen.kind);
               return allocate_form(context, caller, choice, {});
             }));
  router.post("/people/{id}/allocate", page(context, [&](Request& request, const Caller& caller) {
                auto id = id_param(request, "id");
                auto form = submitted_form(request);
                auto value = [&](const char* name) { return form.values.contains(name) ? form.values.at(name) : ""; };
                auto chosen = role_and_kind(value("role"), value("kind"));
                form.errors = errors_from([&] {
                  auto choice = read_choice(form.values);
                  services::allocate_recommended(context.store, context.clock, caller.staff, id, choice.staff_id,
                                                 chosen.role, chosen.kind, choice.note);
                });
                if (form.errors.empty()) return Response::redirect(person_href(id));
                auto choice = services::allocation_choice(context.store, context.clock, caller.staff, id, chosen.role, chosen.kind);
                return allocate_form(context, caller, choice, form);
              }));
  for (const auto& tab : manager_tabs)
    router.get(tab.path, page(context, [&](Request& r, const Caller& c) { return manage_page(context, r, c, tab); }));
}

void add_api(Router& router, WebContext& context) {
  auto route = [&](std::string_view method, std::string_view pattern, CallerHandler handler) {
    router.add(method, pattern, api(context, std::move(handler)));
  };
  route("GET", "/api/v1/people/{id}/allocation-options", [&](Request& request, const Caller& caller) {
    auto chosen = role_and_kind(request);
    return json_response(200, choice_json(services::allocation_choice(context.store, context.clock, caller.staff,
                                                                      id_param(request, "id"), chosen.role, chosen.kind)));
  });
  route("POST", "/api/v1/people/{id}/allocations", [&](Request& request, const Caller& caller) {
    auto fields = fields_from_json(parse_body(request), {{"staff_id", ""}, {"role", ""}, {"kind", ""}, {"note", ""}});
    auto chosen = role_and_kind(fields["role"], fields["kind"]);
    auto choice = read_choice(fields);
    auto allocation = services::allocate_recommended(context.store, context.clock, caller.staff, id_param(request, "id"),
                                                     choice.staff_id, chosen.role, chosen.kind, choice.note);
    return json_response(201, allocation_json(allocation));
  });
  route("GET", "/api/v1/workload", [&](Request&, const Caller& caller) {
    auto teams = nlohmann::json::array();
    for (const auto& team : services::unit_workload(context.store, caller.staff)) {
      auto practitioners = nlohmann::json::array();
      for (const auto& p : team.practitioners)
        practitioners.push_back({{"staff_id", p.staff.id}, {"name", p.staff.display_name},
                                 {"role", role_code(p.staff.role)}, {"workload", workload_json(p.workload)},
                                 {"band", band_label(p.band)}});
      teams.push_back({{"team_code", team.team_code}, {"team_name", team.team_name}, {"practitioners", practitioners}});
    }
    return json_response(200, {{"teams", teams}});
  });
  route("GET", "/api/v1/unallocated", [&](Request& request, const Caller& caller) {
    auto role = services::allocation_role(request.query_param("role").value_or(""), "role");
    auto people = services::unallocated_cases(context.store, caller.staff, role, page_request(request, 50));
    return json_response(200, page_json(people, person_json, request));
  });
}

}  // namespace

void add_allocation_routes(Router& router, WebContext& context) {
  add_pages(router, context);
  add_api(router, context);
}

}  // namespace resettle::web
