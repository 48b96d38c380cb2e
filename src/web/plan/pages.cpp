// Pages for a person's needs, resettlement plan, pre-release checklist and outcomes, and the
// forms that change them. Every form is one generic page (plan_form) built from a FormSpec.
#include <memory>

#include "domain/catalogue.hpp"
#include "domain/uk_time.hpp"
#include "services/plan/resettlement_plan.hpp"
#include "web/mappa/views.hpp"
#include "web/routes.hpp"
#include "web/failures.hpp"

namespace resettle::web {

namespace {

// --- Form fields -----------------------------------------------------------------------------

View text_field(const FormState& form, const std::string& name, std::string label, std::string hint = "") {
  return {{"text_input", form_field(form, name, std::move(label), {{"hint", std::move(hint)}})}};
}

View textarea_field(const FormState& form, const std::string& name, std::string label, std::string hint = "") {
  return {{"textarea", form_field(form, name, std::move(label), {{"hint", std::move(hint)}, {"rows", 3}})}};
}

View date_field(const FormState& form, const std::string& name, std::string label) {
  return {{"date_input", date_form_field(form, name, std::move(label))}};
}

// A select that starts blank, so nothing is chosen for the person by default.
template <typename E>
View select_field(const FormState& form, const std::string& name, std::string label,
                            std::span<const Coded<E>> list, std::string blank = staff_text("Choose")) {
  auto options = with_blank_option(coded_options(list, value_of(form, name), "selected"), std::move(blank));
  return {{"select", form_field(form, name, std::move(label), {{"options", std::move(options)}})}};
}

template <typename E>
View radios_field(const FormState& form, const std::string& name, std::string legend,
                            std::span<const Coded<E>> list) {
  return {{"radios", form_field(form, name, legend, {{"legend", legend}, {"items", coded_options(list, value_of(form, name), "checked")}})}};
}

View tag(std::string_view text, std::string colour) {
  return {{"text", text}, {"colour", std::move(colour)}};
}

// --- The generic form page ---------------------------------------------------------------------

struct FormSpec {
  std::string title;
  std::string submit;
  std::function<View(const FormState&)> fields;
  // Starting values; a "version" value becomes the hidden version field.
  std::function<FieldInput(WebContext&, const Caller&, const Request&, std::int64_t person_id)> initial;
  // Saves the form and returns where to go next.
  std::function<std::string(WebContext&, const Caller&, const Request&, std::int64_t person_id, const FieldInput&,
                            std::optional<std::int64_t> version)>
      save;
};

Response render_form(WebContext& context, const Caller& caller, const Person& person, const Request& request,
                     const FormSpec& spec, const FormState& form) {
  auto view = page_view(caller, spec.title, "");
  add_errors(view, form);
  view["person"] = {{"name", person.full_name()}, {"href", person_href(person.id)}};
  view["heading"] = spec.title;
  view["action"] = request.path;
  view["submit"] = spec.submit;
  auto version = form.values.find("version");
  view["has_version"] = version != form.values.end();
  view["version"] = version == form.values.end() ? "" : version->second;
  view["fields"] = spec.fields(form);
  return render_page(context, form.errors.empty() ? 200 : 422, "plan/plan_form", view);
}

// The hidden version, taken out of the fields; empty for forms that have none.
std::optional<std::int64_t> take_version(FieldInput& values) {
  if (!values.contains("version")) return std::nullopt;
  return take_submitted_version(values);
}

void add_form(Router& router, WebContext& context, const std::string& pattern, FormSpec spec) {
  auto shared = std::make_shared<FormSpec>(std::move(spec));
  router.get(pattern, page(context, [&context, shared](Request& request, const Caller& caller) {
               auto id = id_param(request, "id");
               auto record = services::view_person(context.store, caller.staff, id, "form");
               FormState form{shared->initial(context, caller, request, id), {}};
               return render_form(context, caller, record.person, request, *shared, form);
             }));
  router.post(pattern, page(context, [&context, shared](Request& request, const Caller& caller) {
                auto id = id_param(request, "id");
                auto form = submitted_form(request);
                auto version = take_version(form.values);
                std::string saved;
                form.errors = errors_from([&] { saved = shared->save(context, caller, request, id, form.values, version); });
                if (form.errors.empty()) return Response::redirect(saved);
                if (version) form.values["version"] = std::to_string(*version);
                auto record = services::view_person(context.store, caller.staff, id, "form");
                return render_form(context, caller, record.person, request, *shared, form);
              }));
}

FieldInput plan_version(WebContext& context, const Caller& caller, std::int64_t person_id, FieldInput values = {}) {
  auto view = services::view_plan(context.store, context.clock, context.bank_holidays, caller.staff, person_id);
  values["version"] = std::to_string(view.plan.version);
  return values;
}

using PlanWrite = std::function<void(WebContext&, const Caller&, const Request&, std::int64_t, const FieldInput&,
                                     std::optional<std::int64_t>)>;

// A form that changes the plan and goes back to it.
FormSpec plan_form(std::string title, std::string submit, std::function<View(const FormState&)> fields,
                   std::function<FieldInput(Date today)> defaults, PlanWrite write) {
  return {std::move(title), std::move(submit), std::move(fields),
          [defaults](WebContext& context, const Caller& caller, const Request&, std::int64_t id) {
            return plan_version(context, caller, id, defaults(context.clock.today()));
          },
          [write](WebContext& context, const Caller& caller, const Request& request, std::int64_t id,
                  const FieldInput& values, std::optional<std::int64_t> version) {
            write(context, caller, request, id, values, version.value_or(-1));
            return person_href(id) + "/plan";
          }};
}

FieldInput no_defaults(Date) { return {}; }

// --- Needs -----------------------------------------------------------------------------------

View needs_form_fields(const FormState& form) {
  auto fields = View::list({radios_field(form, "kind", staff_text("Type of assessment"), assessment_kinds()),
                                       date_field(form, "assessed_on", staff_text("Date of the assessment")),
                                       text_field(form, "assessed_by", staff_text("Completed by"))});
  for (const auto& pathway : pathways()) {
    fields.push_back({{"heading", pathway.label}});
    auto name = [&](std::string_view field) { return pathway_field(pathway.value, field); };
    fields.push_back(select_field(form, name("need_level"), staff_text("Level of need"), need_levels(), staff_text("Not yet asked")));
    fields.push_back(textarea_field(form, name("strengths"), staff_text("Strengths and protective factors"), staff_text("One on each line")));
    fields.push_back(textarea_field(form, name("own_words"), staff_text("In their own words")));
    fields.push_back(select_field(form, name("source"), staff_text("Source"), assessment_sources(), staff_text("Not yet asked")));
  }
  return fields;
}

std::string need_colour(NeedLevel level) {
  switch (level) {
    case NeedLevel::no_need: return "green";
    case NeedLevel::low: return "blue";
    case NeedLevel::medium: return "yellow";
    case NeedLevel::high: return "red";
  }
  return "grey";
}

View needs_view(const services::NeedsHistory& history) {
  View view{{"has_assessments", !history.assessments.empty()},
            {"has_previous", history.assessments.size() > 1},
            {"has_changes", !history.latest_changes.empty()}};
  if (history.screening_due)
    view["screening"] = {{"due", to_long_date(*history.screening_due)}, {"overdue", history.screening_overdue}};
  if (history.assessments.empty()) return view;
  const auto& latest = history.assessments.front();
  view["latest"] = {{"kind", entry_for(assessment_kinds(), latest.kind).label},
                    {"assessed_on", to_long_date(latest.assessed_on)},
                    {"assessed_by", latest.assessed_by}};
  auto rows = View::list();
  for (const auto& coded : pathways()) {
    auto pathway = coded.value;
    auto found = latest.pathways.find(pathway);
    if (found == latest.pathways.end()) {  // left at reception screening: not yet asked
      rows.push_back({{"label", pathway_label(pathway)}, {"need", tag(staff_text("Not yet asked"), "grey")}, {"not_asked", true}});
      continue;
    }
    const auto& entry = found->second;
    auto changed = View::list();
    for (const auto& change : history.latest_changes) {
      if (change.pathway != pathway) continue;
      if (change.need_before)
        changed.push_back(staff_text("Moved from ((before)) to ((after))", {{"before", entry_for(need_levels(), *change.need_before).label},
                                                                              {"after", entry_for(need_levels(), *change.need_after).label}}));
      for (const auto& added : change.strengths_added) changed.push_back(staff_text("Strength added: ((strength))", {{"strength", added}}));
      for (const auto& removed : change.strengths_removed)
        changed.push_back(staff_text("Strength removed: ((strength))", {{"strength", removed}}));
      if (change.own_words_changed) changed.push_back(staff_text("Their words changed"));
      if (change.source_changed) changed.push_back(staff_text("Source changed"));
    }
    rows.push_back({{"label", pathway_label(pathway)},
                    {"need", tag(entry_for(need_levels(), entry.need_level).label, need_colour(entry.need_level))},
                    {"strengths", entry.strengths},
                    {"own_words", entry.own_words},
                    {"source", entry_for(assessment_sources(), entry.source).label},
                    {"has_changed", !changed.empty()},
                    {"changed", changed}});
  }
  view["pathways"] = rows;
  auto history_rows = View::list();
  for (const auto& assessment : history.assessments) {
    history_rows.push_back({{"cells", {{{"text", to_long_date(assessment.assessed_on)}},
                                       {{"text", entry_for(assessment_kinds(), assessment.kind).label}},
                                       {{"text", assessment.assessed_by}}}}});
  }
  view["history"] = {{"caption", staff_text("Assessments")},
                     {"head", {{{"text", staff_text("Date")}}, {{"text", staff_text("Type")}}, {{"text", staff_text("Completed by")}}}},
                     {"rows", history_rows}};
  return view;
}

// --- The plan --------------------------------------------------------------------------------

std::string action_colour(ActionStatus status) {
  switch (status) {
    case ActionStatus::not_started: return "grey";
    case ActionStatus::in_progress: return "blue";
    case ActionStatus::done: return "green";
    case ActionStatus::cancelled: return "orange";
  }
  return "grey";
}

View actions_table(const services::PlanView& plan_view, const Objective& objective, const std::string& href) {
  if (objective.actions.empty()) return nullptr;
  auto rows = View::list();
  for (const auto& action : objective.actions) {
    auto owner = std::string{entry_for(action_owner_kinds(), action.owner_kind).label};
    if (!action.owner_name.empty()) owner += ": " + action.owner_name;
    View due{{"text", to_long_date(action.due) + " "}};
    if (plan_view.action_overdue(action.id)) due["tag"] = tag(staff_text("Overdue"), "red");
    rows.push_back({{"cells", {{{"text", action.description}},
                               {{"text", owner}},
                               due,
                               {{"text", ""}, {"tag", tag(entry_for(action_statuses(), action.status).label, action_colour(action.status))}},
                               {{"text", staff_text("Change status")}, {"href", href + "/plan/actions/" + std::to_string(action.id) + "/status"}}}}});
  }
  return {{"head", {{{"text", staff_text("Action")}}, {{"text", staff_text("Owner")}}, {{"text", staff_text("Due")}}, {{"text", staff_text("Status")}}, {{"text", staff_text("Change")}}}},
          {"rows", rows}};
}

// What the person said about an objective on their own pages, newest first.
View their_say(const Plan& plan, std::int64_t objective_id) {
  auto said = View::list();
  for (auto response = plan.responses.rbegin(); response != plan.responses.rend(); ++response)
    if (response->objective_id == objective_id)
      said.push_back({{"kind", entry_for(plan_response_kinds(), response->kind).label},
                      {"comment", response->comment},
                      {"on", to_long_date(uk_local(response->responded_at).on)}});
  return said;
}

View plan_page_view(const services::PlanView& plan_view) {
  const auto& plan = plan_view.plan;
  auto href = person_href(plan.person_id);
  View view{{"offer", {{"label", entry_for(offers(), plan_view.offer.offer).label}, {"reason", plan_view.offer.reason}}},
                      {"started_on", to_long_date(plan.started_on)},
                      {"next_review_due", to_long_date(plan_view.next_review_due)},
                      {"review_overdue", plan_view.review_overdue},
                      {"overdue_count", plan_view.overdue.size()},
                      {"links", {{"objective", href + "/plan/objectives/new"},
                                 {"review", href + "/plan/reviews/new"},
                                 {"agreement", href + "/plan/agreement/new"}}}};
  if (plan_view.day_of_release) view["release_date"] = to_long_date(*plan_view.day_of_release);
  if (plan.agreement)
    view["agreement"] = {{"agreed_on", to_long_date(plan.agreement->agreed_on)},
                         {"in_their_words", plan.agreement->in_their_words},
                         {"current", plan_view.agreement_current}};
  auto groups = View::list();
  for (const auto& pathway : pathways()) {
    auto objectives = View::list();
    for (const auto& objective : plan.objectives) {
      if (objective.pathway != pathway.value) continue;
      objectives.push_back({{"goal", objective.goal},
                            {"status", tag(entry_for(objective_statuses(), objective.status).label,
                                           objective.status == ObjectiveStatus::active ? "blue" : "grey")},
                            {"actions", actions_table(plan_view, objective, href)},
                            {"id", objective.id},
                            {"responses", their_say(plan, objective.id)},
                            {"has_responses", std::ranges::any_of(plan.responses, [&](const PlanResponse& r) {
                               return r.objective_id == objective.id;
                             })},
                            {"mappa_actions", needed_by_view(plan_view.mappa_actions, objective.id)},
                            {"add_action_href", href + "/plan/objectives/" + std::to_string(objective.id) + "/actions/new"}});
    }
    if (!objectives.empty()) groups.push_back({{"label", pathway.label}, {"objectives", objectives}});
  }
  if (!groups.empty()) view["pathways"] = groups;
  if (!plan.reviews.empty()) {
    auto rows = View::list();
    for (const auto& review : plan.reviews)
      rows.push_back({{"cells", {{{"text", to_long_date(review.held_on)}},
                                 {{"text", entry_for(review_kinds(), review.kind).label}},
                                 {{"text", review.notes}}}}});
    view["reviews"] = {{"head", {{{"text", staff_text("Held on")}}, {{"text", staff_text("Kind")}}, {{"text", staff_text("Notes")}}}}, {"rows", rows}};
  }
  return view;
}

// --- Checklist and outcomes --------------------------------------------------------------------

View checklist_page_view(const services::ChecklistView& checklist_view) {
  auto href = person_href(checklist_view.record.person.id);
  View view{{"has_checklist", checklist_view.checklist.has_value()}};
  if (checklist_view.day_of_release) {
    view["release_date"] = to_long_date(*checklist_view.day_of_release);
    view["window_opens"] = to_long_date(*checklist_view.window_opens);
    if (checklist_view.window_open) view["generate_action"] = href + "/checklist";
  }
  if (!checklist_view.checklist) return view;
  const auto& summary = checklist_view.summary;
  view["summary"] = {{"to_do", summary.to_do}, {"done", summary.done}, {"not_needed", summary.not_needed},
                     {"overdue", summary.overdue}, {"post_release", summary.post_release}};
  if (const auto& closed_on = checklist_view.checklist->closed_on) view["closed_on"] = to_long_date(*closed_on);
  auto rows = View::list();
  for (const auto& item : checklist_view.checklist->items) {
    auto kind = entry_for(checklist_item_kinds(), item.kind);
    View due{{"text", to_long_date(item.due) + " "}};
    if (checklist_view.checklist->closed_on && item.status == ChecklistStatus::to_do) due["tag"] = tag(staff_text("After release"), "orange");
    else if (checklist_view.item_overdue(item.kind)) due["tag"] = tag(staff_text("Overdue"), "red");
    auto colour = item.status == ChecklistStatus::done ? "green" : item.status == ChecklistStatus::to_do ? "blue" : "grey";
    auto status_text = std::string{entry_for(checklist_statuses(), item.status).label};
    rows.push_back({{"cells", {{{"text", kind.label}},
                               due,
                               {{"text", item.reason.empty() ? "" : item.reason + " "}, {"tag", tag(status_text, colour)}},
                               {{"text", staff_text("Update")}, {"href", href + "/checklist/items/" + std::string{kind.code}}}}}});
  }
  view["items"] = {{"head", {{{"text", staff_text("Item")}}, {{"text", staff_text("Due")}}, {{"text", staff_text("Status")}}, {{"text", staff_text("Change")}}}}, {"rows", rows}};
  return view;
}

View outcomes_page_view(const services::OutcomesView& outcomes) {
  View view{{"record_href", person_href(outcomes.record.person.id) + "/outcomes/new"}};
  auto due = View::list();
  for (const auto& snapshot : outcomes.due)
    due.push_back(staff_text("((milestone)) outcomes due since ((date))", {{"milestone", entry_for(milestones(), snapshot.milestone).label},
                                                                        {"date", to_long_date(snapshot.due)}}));
  view["due"] = due;
  view["has_due"] = !due.empty();
  if (!outcomes.distance.empty()) {
    auto rows = View::list();
    for (const auto& moved : outcomes.distance) {
      auto colour = moved.direction == Direction::improved ? "green" : moved.direction == Direction::worse ? "red" : "grey";
      rows.push_back({{"cells", {{{"text", pathway_label(moved.pathway)}, {"header", true}},
                                 {{"text", std::string{entry_for(outcome_levels(), moved.from_level).label} + " (" +
                                               std::string{entry_for(milestones(), moved.from).label} + ")"}},
                                 {{"text", std::string{entry_for(outcome_levels(), moved.to_level).label} + " (" +
                                               std::string{entry_for(milestones(), moved.to).label} + ")"}},
                                 {{"text", std::to_string(moved.steps) + " "}, {"tag", tag(entry_for(directions(), moved.direction).label, colour)}}}}});
    }
    view["distance"] = {{"head", {{{"text", staff_text("Pathway")}}, {{"text", staff_text("From")}}, {{"text", staff_text("To")}}, {{"text", staff_text("Steps moved")}}}},
                        {"rows", rows}};
  }
  if (!outcomes.snapshots.empty()) {
    // A row per pathway and a column per snapshot: there are seven pathways but only a few
    // milestones, so the table fits the page's width rather than running off it.
    auto head = View::list({{{"text", staff_text("Pathway")}}});
    for (const auto& snapshot : outcomes.snapshots)
      head.push_back({{"text", std::string{entry_for(milestones(), snapshot.milestone).label} + ", " +
                                   to_long_date(snapshot.recorded_on)}});
    auto rows = View::list();
    for (const auto& pathway : pathways()) {
      auto cells = View::list({{{"text", pathway.label}, {"header", true}}});
      for (const auto& snapshot : outcomes.snapshots) {
        auto found = snapshot.outcomes.find(pathway.value);
        cells.push_back({{"text", found == snapshot.outcomes.end() ? staff_text("Not known") : std::string{entry_for(outcome_levels(), found->second.level).label}}});
      }
      rows.push_back({{"cells", cells}});
    }
    view["snapshots"] = {{"caption", staff_text("Snapshots")}, {"head", head}, {"rows", rows}};
  }
  return view;
}

View outcome_form_fields(const FormState& form) {
  auto fields = View::list({select_field(form, "milestone", staff_text("Milestone"), milestones()),
                                       date_field(form, "recorded_on", staff_text("Date recorded"))});
  for (const auto& pathway : pathways()) {
    fields.push_back({{"heading", pathway.label}});
    fields.push_back(select_field(form, pathway_field(pathway.value, "level"), staff_text("How they are doing"), outcome_levels(), staff_text("Not known")));
    fields.push_back(text_field(form, pathway_field(pathway.value, "detail"), staff_text("Detail (optional)")));
  }
  return fields;
}

Response person_page(WebContext& context, const Caller& caller, const Person& person, std::string title,
                     std::string_view template_name, View view) {
  auto page_json = page_view(caller, title, "");
  page_json.update(view);
  page_json["person"] = {{"name", person.full_name()}, {"href", person_href(person.id)}};
  return render_page(context, 200, template_name, page_json);
}

ChecklistItemKind kind_param(const Request& request) {
  auto found = request.path_params.find("kind");
  auto kind = found == request.path_params.end() ? std::nullopt : parse_code(checklist_item_kinds(), found->second);
  if (!kind) throw NotFound("no such checklist item");
  return *kind;
}

}  // namespace

void add_plan_routes(Router& router, WebContext& context) {
  router.get("/people/{id}/needs", page(context, [&](Request& request, const Caller& caller) {
               auto history = services::needs_history(context.store, context.clock, caller.staff, id_param(request, "id"));
               return person_page(context, caller, history.record.person, staff_text("Needs and strengths"), "plan/needs", needs_view(history));
             }));
  add_form(router, context, "/people/{id}/needs/new",
           {"Record a needs assessment", "Save assessment", needs_form_fields,
            [](WebContext& context, const Caller& caller, const Request&, std::int64_t id) {
              auto history = services::needs_history(context.store, context.clock, caller.staff, id);
              auto values = history.next_form;
              values["assessed_on"] = to_iso(context.clock.today());
              values["kind"] = history.assessments.empty() ? "reception_screening" : "resettlement_assessment";
              return values;
            },
            [](WebContext& context, const Caller& caller, const Request&, std::int64_t id, const FieldInput& values,
               std::optional<std::int64_t>) {
              services::record_needs_assessment(context.store, context.clock, caller.staff, id, values);
              return person_href(id) + "/needs";
            }});

  router.get("/people/{id}/plan", page(context, [&](Request& request, const Caller& caller) {
               auto view = services::view_plan(context.store, context.clock, context.bank_holidays, caller.staff, id_param(request, "id"));
               return person_page(context, caller, view.record.person, staff_text("Resettlement plan"), "plan/plan",
                                  plan_page_view(view));
             }));
  add_form(router, context, "/people/{id}/plan/objectives/new",
           plan_form(staff_text("Add an objective"), staff_text("Add objective"),
                     [](const FormState& form) {
                       return View::list({select_field(form, "pathway", staff_text("Pathway"), pathways()),
                                                     textarea_field(form, "goal", staff_text("Their goal, in their words"))});
                     },
                     no_defaults,
                     [](WebContext& context, const Caller& caller, const Request&, std::int64_t id, const FieldInput& values,
                        std::optional<std::int64_t> version) {
                       services::add_objective(context.store, context.clock, caller.staff, id, values, version);
                     }));
  add_form(router, context, "/people/{id}/plan/objectives/{oid}/actions/new",
           plan_form(staff_text("Add an action"), staff_text("Add action"),
                     [](const FormState& form) {
                       return View::list({text_field(form, "description", staff_text("What will be done")),
                                                     radios_field(form, "owner_kind", staff_text("Who will do it"), action_owner_kinds()),
                                                     text_field(form, "owner_name", staff_text("Name of the practitioner or agency (optional)")),
                                                     date_field(form, "due_date", staff_text("Due date"))});
                     },
                     no_defaults,
                     [](WebContext& context, const Caller& caller, const Request& request, std::int64_t id,
                        const FieldInput& values, std::optional<std::int64_t> version) {
                       services::add_action(context.store, context.clock, caller.staff, id, id_param(request, "oid"), values, version);
                     }));
  add_form(router, context, "/people/{id}/plan/actions/{aid}/status",
           plan_form(staff_text("Change the status of an action"), staff_text("Save status"),
                     [](const FormState& form) {
                       return View::list({radios_field(form, "status", staff_text("Status"), action_statuses()),
                                                     textarea_field(form, "reason", staff_text("Reason"),
                                                                    staff_text("Needed when cancelling, or when moving an action back"))});
                     },
                     no_defaults,
                     [](WebContext& context, const Caller& caller, const Request& request, std::int64_t id,
                        const FieldInput& values, std::optional<std::int64_t> version) {
                       services::change_action_status(context.store, context.clock, caller.staff, id, id_param(request, "aid"),
                                                      values, version);
                     }));
  add_form(router, context, "/people/{id}/plan/reviews/new",
           plan_form(staff_text("Record a review"), staff_text("Save review"),
                     [](const FormState& form) {
                       return View::list({radios_field(form, "kind", staff_text("Kind of review"), review_kinds()),
                                                     date_field(form, "held_on", staff_text("Date held")),
                                                     textarea_field(form, "notes", staff_text("Notes (optional)"))});
                     },
                     [](Date today) { return FieldInput{{"held_on", to_iso(today)}}; },
                     [](WebContext& context, const Caller& caller, const Request&, std::int64_t id, const FieldInput& values,
                        std::optional<std::int64_t> version) {
                       services::record_review(context.store, context.clock, caller.staff, id, values, version);
                     }));
  add_form(router, context, "/people/{id}/plan/agreement/new",
           plan_form(staff_text("Record their agreement"), staff_text("Save agreement"),
                     [](const FormState& form) {
                       return View::list({date_field(form, "agreed_on", staff_text("Date agreed")),
                                                     textarea_field(form, "in_their_words", staff_text("What they said, in their words"))});
                     },
                     [](Date today) { return FieldInput{{"agreed_on", to_iso(today)}}; },
                     [](WebContext& context, const Caller& caller, const Request&, std::int64_t id, const FieldInput& values,
                        std::optional<std::int64_t> version) {
                       services::record_agreement(context.store, context.clock, caller.staff, id, values, version);
                     }));

  router.get("/people/{id}/checklist", page(context, [&](Request& request, const Caller& caller) {
               auto view = services::view_checklist(context.store, context.clock, context.bank_holidays, caller.staff, id_param(request, "id"));
               return person_page(context, caller, view.record.person, staff_text("Pre-release checklist"), "plan/checklist",
                                  checklist_page_view(view));
             }));
  router.post("/people/{id}/checklist", page(context, [&](Request& request, const Caller& caller) {
                auto id = id_param(request, "id");
                services::generate_pre_release_checklist(context.store, context.clock, caller.staff, id);
                return Response::redirect(person_href(id) + "/checklist");
              }));
  add_form(router, context, "/people/{id}/checklist/items/{kind}",
           {"Update a checklist item", "Save",
            [](const FormState& form) {
              return View::list({radios_field(form, "status", staff_text("Status"), checklist_statuses()),
                                            textarea_field(form, "reason", staff_text("Reason"), staff_text("Needed when the item is not needed")),
                                            date_field(form, "completed_on", staff_text("Date done (when done)"))});
            },
            [](WebContext& context, const Caller& caller, const Request& request, std::int64_t id) {
              auto view = services::view_checklist(context.store, context.clock, context.bank_holidays, caller.staff, id);
              if (!view.checklist) throw NotFound("no checklist yet");
              auto kind = kind_param(request);
              FieldInput values{{"version", std::to_string(view.checklist->version)}};
              for (const auto& item : view.checklist->items) {
                if (item.kind != kind) continue;
                values["status"] = entry_for(checklist_statuses(), item.status).code;
                values["reason"] = item.reason;
                values["completed_on"] = to_iso(item.completed_on);
              }
              return values;
            },
            [](WebContext& context, const Caller& caller, const Request& request, std::int64_t id, const FieldInput& values,
               std::optional<std::int64_t> version) {
              services::update_checklist_item(context.store, context.clock, caller.staff, id, kind_param(request), values,
                                              version.value_or(-1));
              return person_href(id) + "/checklist";
            }});

  router.get("/people/{id}/outcomes", page(context, [&](Request& request, const Caller& caller) {
               auto view = services::view_outcomes(context.store, context.clock, caller.staff, id_param(request, "id"));
               return person_page(context, caller, view.record.person, staff_text("Outcomes"), "plan/outcomes", outcomes_page_view(view));
             }));
  add_form(router, context, "/people/{id}/outcomes/new",
           {"Record outcomes", "Save outcomes", outcome_form_fields,
            [](WebContext& context, const Caller&, const Request&, std::int64_t) {
              return FieldInput{{"recorded_on", to_iso(context.clock.today())}};
            },
            [](WebContext& context, const Caller& caller, const Request&, std::int64_t id, const FieldInput& values,
               std::optional<std::int64_t>) {
              services::record_outcome_snapshot(context.store, context.clock, caller.staff, id, values);
              return person_href(id) + "/outcomes";
            }});
  add_plan_api(router, context);
}

}  // namespace resettle::web
