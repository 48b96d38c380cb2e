// A practitioner's working pattern (team, share of full time, specialisms, absence): the page a
// manager uses, linked from the team workload view.
#include "domain/catalogue.hpp"
#include "services/allocation/working_pattern.hpp"
#include "web/routes.hpp"
#include "web/failures.hpp"

namespace resettle::web {

namespace {

Response working_pattern_form(WebContext& context, const Caller& caller, const StaffMember& staff, const FormState& form) {
  auto view = page_view(caller, staff_text("Working pattern: ((name))", {{"name", staff.display_name}}), "");
  add_errors(view, form);
  auto value = [&](const std::string& name) { return form.values.contains(name) ? form.values.at(name) : ""; };
  auto teams = View::list({{{"value", ""}, {"text", staff_text("Not in a team")}, {"selected", value("team_code").empty()}}});
  for (const auto& team : services::teams_for(context.store, staff))
    teams.push_back({{"value", team.code}, {"text", team.name}, {"selected", team.code == value("team_code")}});
  auto specialism_items = View::list();
  for (const auto& entry : specialisms()) {
    auto field = specialism_field(entry.value);
    specialism_items.push_back({{"name", field}, {"text", entry.label}, {"checked", value(field) == "true"}});
  }
  view["staff"] = {{"name", staff.display_name}, {"role", role_label(staff.role)},
                   {"href", "/staff/" + std::to_string(staff.id) + "/working-pattern"}};
  view["fields"] = {
      {"team_code", form_field(form, "team_code", staff_text("Team"), {{"options", teams}})},
      {"capacity_percent",
       form_field(form, "capacity_percent", staff_text("Share of a full-time post (%)"),
                  {{"hint", staff_text("100 for full time. Capacity for cases is scaled by this.")}, {"width", "govuk-input--width-3"}})},
      {"away_from", date_form_field(form, "away_from", staff_text("First day away (optional)"),
                               {{"hint", staff_text("Leave or training. While they are away, deputies cover their cases.")}})},
      {"away_until", date_form_field(form, "away_until", staff_text("Last day away (optional)"), {{"hint", staff_text("Leave blank if not known.")}})},
  };
  view["specialisms"] = specialism_items;
  return render_page(context, form.errors.empty() ? 200 : 422, "staff/working_pattern", view);
}

}  // namespace

void add_staff_routes(Router& router, WebContext& context) {
  router.get("/staff/{id}/working-pattern", page(context, [&](Request& request, const Caller& caller) {
               auto staff = services::managed_staff_member(context.store, caller.staff, id_param(request, "id"));
               return working_pattern_form(context, caller, staff, {working_pattern_fields(staff), {}});
             }));
  router.post("/staff/{id}/working-pattern", page(context, [&](Request& request, const Caller& caller) {
                auto id = id_param(request, "id");
                auto form = submitted_form(request);
                for (const auto& entry : specialisms())
                  form.values.try_emplace(specialism_field(entry.value), "false");  // unticked boxes send nothing
                form.errors = errors_from([&] { services::update_working_pattern(context.store, caller.staff, id, form.values); });
                if (form.errors.empty()) return Response::redirect("/manage/workload");
                return working_pattern_form(context, caller, services::managed_staff_member(context.store, caller.staff, id), form);
              }));
}

}  // namespace resettle::web
