// Licence pages: a person's licence with its conditions and what can be done next, the forms that
// add, change and explain conditions, and the licence document (printable and easy read, in
// English and Welsh, as a page and a PDF).
#include "domain/catalogue.hpp"
#include "domain/staff_catalogue.hpp"
#include "services/licence/licence_document.hpp"
#include "services/licence/licences.hpp"
#include "web/mappa/views.hpp"
#include "web/routes.hpp"

namespace resettle::web {

namespace {

std::string licence_href(std::int64_t person_id) { return person_href(person_id) + "/licence"; }
std::string licence_path(std::int64_t licence_id) { return "/licences/" + std::to_string(licence_id); }

View tag(std::string_view text, std::string_view colour) { return {{"text", text}, {"colour", colour}}; }

View status_tag(LicenceStatus status) {
  static constexpr std::string_view colours[] = {"grey", "blue", "orange", "green", "green", "grey"};
  return tag(entry_for(licence_statuses(), status).label, colours[static_cast<int>(status)]);
}

std::string written(const std::optional<Date>& date) { return date ? long_date(*date, Language::en) : staff_text("Not known"); }

int key_param(const Request& request) {
  auto key = id_param(request, "key");
  if (key > 1'000'000) throw NotFound("no such condition");
  return static_cast<int>(key);
}

// --- The licence page ----------------------------------------------------------------------------

// What the person said about the condition on their own pages (/my/licence), for the officer.
void add_person_says(View& item, const ConditionStanding& standing) {
  auto when = [](Timestamp at) { return long_date(uk_local(at).on, Language::en); };
  if (standing.understood_at)
    item["person_understands"] = staff_text("The person says they understand this (((date)))", {{"date", when(*standing.understood_at)}});
  auto questions = View::list();
  for (const auto& question : standing.open_questions)
    questions.push_back({{"text", question.question}, {"asked", when(question.at)}});
  item["has_questions"] = !questions.empty();
  item["open_questions"] = questions;
}

View condition_item(const LicenceCondition& condition, const ConditionCatalogue& catalogue, const Licence& licence,
                    const services::LicenceOverview& overview) {
  const auto& actions = overview.actions;
  auto rendered = render(condition, catalogue);
  View item = {{"key", condition.key},
               {"wording", rendered.wording},
               {"explanation", rendered.explanation.en},
               {"bespoke", condition.kind == ConditionKind::bespoke},
               {"standard", condition.kind == ConditionKind::standard}};
  if (const auto* category = catalogue.category(rendered.category)) item["category"] = category->label.en;
  if (condition.purpose) item["purpose"] = entry_for(condition_purposes(), *condition.purpose).label;
  if (!condition.reason.empty()) item["reason"] = condition.reason;
  if (const auto& understanding = condition.understanding) {
    auto answer = entry_for(understood_answers(), understanding->understood).label;
    auto on = long_date(understanding->recorded_on, Language::en);
    item["understanding"] =
        understanding->notes.empty()
            ? staff_text("Understood: ((answer)) (((date)))", {{"answer", answer}, {"date", on}})
            : staff_text("Understood: ((answer)) (((date))). ((notes))",
                         {{"answer", answer}, {"date", on}, {"notes", understanding->notes}});
  }
  std::string base = licence_path(licence.id) + "/conditions/" + std::to_string(condition.key);
  if (actions.change_conditions && condition.kind != ConditionKind::standard) {  // standard conditions stay
    item["change_href"] = base + "/change";
    item["remove_action"] = base + "/remove";
  }
  if (actions.record_understanding) item["understanding_href"] = base + "/understanding";
  if (auto says = overview.person_says.find(condition.key); says != overview.person_says.end())
    add_person_says(item, says->second);
  item["mappa_actions"] = needed_by_view(overview.mappa_actions, condition.key);
  return item;
}

View changes_table(const std::vector<ConditionChange>& changes, const Licence& licence) {
  auto rows = View::list();
  for (const auto& change : changes) {
    auto reason = licence.variation.reasons.find(change.key);
    rows.push_back({{"texts", {std::to_string(change.key), std::string{entry_for(change_kinds(), change.kind).label},
                               change.code, reason == licence.variation.reasons.end() ? "" : reason->second}}});
  }
  return {{"caption", staff_text("What this variation changes")},
          {"head", {{{"text", staff_text("Condition")}}, {{"text", staff_text("Change")}}, {{"text", staff_text("Code")}}, {{"text", staff_text("Reason")}}}},
          {"rows", rows}};
}

// The fields of sending a variation for approval: the consultation and a reason for each change.
View variation_fields(const FormState& form, const std::vector<ConditionChange>& changes) {
  static constexpr Coded<bool> yes_no[] = {{true, "yes", staff_label("Yes")}, {false, "no", staff_label("No")}};
  auto value = [&](const std::string& name) { return form.values.contains(name) ? form.values.at(name) : ""; };
  auto fields = View::list();
  fields.push_back({{"radios", form_field(form, "senior_probation_officer_discussed", staff_text("Discussed with a senior probation officer?"),
                                          {{"legend", staff_text("Discussed with a senior probation officer?")}, {"inline", true},
                                           {"items", coded_options<bool>(yes_no, value("senior_probation_officer_discussed"), "checked")}})}});
  fields.push_back({{"radios", form_field(form, "victim_liaison_officer_consulted", staff_text("Victim liaison officer consulted?"),
                                          {{"legend", staff_text("Victim liaison officer consulted?")}, {"inline", true},
                                           {"items", coded_options<bool>(yes_no, value("victim_liaison_officer_consulted"), "checked")}})}});
  for (const auto& change : changes) {
    auto name = "reasons." + std::to_string(change.key);
    fields.push_back({{"textarea", form_field(form, name,
                                              staff_text("Why condition ((key)) (((code))) is ((change))",
                                                         {{"key", std::to_string(change.key)}, {"code", change.code},
                                                          {"change", entry_for(change_kinds(), change.kind).code}}),
                                              {{"rows", 2}})}});
  }
  return fields;
}

View decision_fields(const FormState& form) {
  static constexpr Coded<std::string_view> decisions[] = {{"approve", "approve", staff_label("Approve")},
                                                          {"return", "return", staff_label("Return to the COM with a reason")}};
  auto chosen = form.values.contains("decision") ? form.values.at("decision") : "";
  auto items = View::list();
  for (const auto& decision : decisions)
    items.push_back({{"value", decision.code}, {"text", staff_text_of(decision.label)}, {"checked", decision.code == chosen}});
  auto fields = View::list();
  fields.push_back({{"radios", form_field(form, "decision", staff_text("Decision"), {{"legend", staff_text("Your decision")}, {"items", items}})}});
  fields.push_back({{"textarea", form_field(form, "return_reason", staff_text("Reason for returning it"), {{"rows", 3}})}});
  return fields;
}

View document_links(std::int64_t licence_id) {
  auto links = View::list();
  struct Document {
    std::string_view query;
    std::string_view name;
  };
  static constexpr Document documents[] = {
      {"?language=en&easy_read=no", staff_label("Licence in English")},
      {"?language=en&easy_read=yes", staff_label("Easy-read licence in English")},
      {"?language=cy&easy_read=no", staff_label("Licence in Welsh (Cymraeg)")},
      {"?language=cy&easy_read=yes", staff_label("Easy-read licence in Welsh (Cymraeg)")},
  };
  for (const auto& document : documents)
    links.push_back({{"text", staff_text_of(document.name)},
                     {"href", licence_path(licence_id) + "/document" + std::string{document.query}},
                     {"pdf_href", licence_path(licence_id) + "/document.pdf" + std::string{document.query}}});
  return links;
}

// The booked induction as the licence and induction pages show it, or none.
View induction_summary(const services::BookedInduction& induction) {
  const auto& appointment = induction.appointment;
  auto rows = View::list();
  rows.push_back({{"key", staff_text("Induction")},
                  {"value", staff_text("((date)), ((starts)) to ((ends))",
                                       {{"date", long_date(appointment.on, Language::en)},
                                        {"starts", time_of_day(appointment.starts_at, Language::en)},
                                        {"ends", time_of_day(appointment.ends_at, Language::en)}})}});
  rows.push_back({{"key", staff_text("Where")}, {"value", induction.office_name}});
  rows.push_back({{"key", staff_text("With")}, {"value", induction.officer_name}});
  if (!appointment.notes.empty()) rows.push_back({{"key", staff_text("What to bring or know")}, {"value", appointment.notes}});
  return {{"rows", rows}};
}

Response licence_page(WebContext& context, const Caller& caller, std::int64_t person_id, const FormState& form) {
  auto overview = services::licence_overview(context.store, context.clock, context.bank_holidays, caller.staff, person_id);
  auto view = page_view(caller, staff_text("Licence"), "");
  add_errors(view, form);
  view["person"] = {{"name", overview.person.full_name()}, {"href", person_href(person_id)}};
  auto summary = View::list();
  summary.push_back({{"key", staff_text("Release date")}, {"value", written(overview.release_date)}});
  if (overview.deadlines) {
    summary.push_back({{"key", staff_text("Warning from")}, {"value", long_date(overview.deadlines->warn_from, Language::en)}});
    summary.push_back({{"key", staff_text("Last day to approve")}, {"value", long_date(overview.deadlines->last_day_to_approve, Language::en)}});
  }
  view["summary"] = {{"rows", summary}};
  if (overview.induction) view["induction"] = induction_summary(*overview.induction);
  view["book_induction_href"] = overview.may_book_induction ? person_href(person_id) + "/induction" : "";
  view["induction_action_text"] = overview.induction ? staff_text("Change the induction") : staff_text("Book the induction");
  if (overview.warning != LicenceWarning::none) view["warning"] = entry_for(licence_warnings(), overview.warning).label;
  view["start_action"] = overview.may_start ? licence_href(person_id) : "";
  if (!overview.licences.empty()) {
    const auto& licence = overview.licences.front();
    const auto& catalogue = context.licence_conditions.version(licence.policy_version);
    auto conditions = View::list();
    for (const auto& condition : licence.conditions)
      conditions.push_back(condition_item(condition, catalogue, licence, overview));
    std::string base = licence_path(licence.id);
    View current = {{"heading", licence.is_variation() ? staff_text("Licence ((number)) (variation)", {{"number", std::to_string(licence.number)}})
                                                               : staff_text("Licence ((number))", {{"number", std::to_string(licence.number)}})},
                    {"status", status_tag(licence.status)},
                    {"version", licence.version},
                    {"policy_version", licence.policy_version},
                    {"conditions", conditions},
                    {"return_reason", licence.status == LicenceStatus::returned ? licence.return_reason : ""},
                    {"documents", document_links(licence.id)},
                    {"add_href", overview.actions.change_conditions ? base + "/conditions/new" : ""},
                    {"add_bespoke_href", overview.actions.change_conditions ? base + "/conditions/new?kind=bespoke" : ""},
                    {"flagged", overview.flagged_for_approval}};
    if (!overview.changes.empty()) current["changes"] = changes_table(overview.changes, licence);
    if (overview.actions.submit) {
      current["submit_action"] = base + "/submit";
      if (licence.is_variation()) current["submit_fields"] = variation_fields(form, overview.changes);
    }
    if (overview.actions.decide) {
      current["decision_action"] = base + "/decision";
      current["decision_fields"] = decision_fields(form);
    }
    if (overview.actions.activate) {
      current["activate_action"] = base + "/activate";
      current["activate_field"] = form_field(form, "released_on", staff_text("Released on"));
    }
    if (overview.actions.vary) current["vary_action"] = base + "/variations";
    if (overview.actions.acknowledge) current["acknowledge_action"] = base + "/acknowledgement";
    if (licence.acknowledged_on)
      current["acknowledged"] = staff_text("Acknowledged by the person on ((date))", {{"date", long_date(*licence.acknowledged_on, Language::en)}});
    view["current"] = std::move(current);
  }
  auto history = View::list();
  for (std::size_t i = 1; i < overview.licences.size(); ++i) {
    const auto& earlier = overview.licences[i];
    history.push_back({{"texts", {staff_text("Licence ((number))", {{"number", std::to_string(earlier.number)}}),
                                  std::string{entry_for(licence_statuses(), earlier.status).label},
                                  written(earlier.active_from), written(earlier.inactive_from)}}});
  }
  if (!history.empty())
    view["history"] = {{"caption", staff_text("Earlier versions")},
                       {"head", {{{"text", staff_text("Licence")}}, {{"text", staff_text("Status")}}, {{"text", staff_text("In force from")}}, {{"text", staff_text("Ended")}}}},
                       {"rows", history}};
  return render_page(context, form.errors.empty() ? 200 : 422, "licence/licence", view);
}

// A POST from the licence page: the change, then back to the page; bad input or a move the licence
// does not allow is shown on the page.
template <typename Change>
Response licence_post(WebContext& context, Request& request, const Caller& caller, Change change) {
  auto form = submitted_form(request);
  auto version = take_submitted_version(form.values);
  auto licence_id = id_param(request, "id");
  auto person_id = services::find_licence(context.store, caller.staff, licence_id).licence.person_id;
  try {
    change(licence_id, form.values, version);
    return Response::redirect(licence_href(person_id));
  } catch (const ValidationFailed& failed) {
    form.errors = failed.errors();
  } catch (const Conflict& conflict) {
    form.errors.push_back({"licence", conflict.what()});
  }
  return licence_page(context, caller, person_id, form);
}

// --- Condition forms ----------------------------------------------------------------------------

View input_field(const FormState& form, const ConditionInput& input) {
  auto name = "inputs." + input.name;
  auto label = input.label + (input.required ? "" : " (optional)");
  switch (input.type) {
    case ConditionInputType::choice: {
      auto chosen = form.values.contains(name) ? form.values.at(name) : "";
      auto items = View::list();
      for (const auto& option : input.options)
        items.push_back({{"value", option.code}, {"text", option.label.en}, {"checked", option.code == chosen}});
      return {{"radios", form_field(form, name, label, {{"legend", label}, {"items", items}})}};
    }
    case ConditionInputType::date: return {{"date_input", form_field(form, name, label)}};
    case ConditionInputType::time:
      return {{"text_input", form_field(form, name, label, {{"hint", staff_text("24-hour clock, for example 09:30")}, {"width", "govuk-input--width-5"}})}};
    case ConditionInputType::time_range:
      return {{"text_input", form_field(form, name, label,
                                        {{"hint", input.crosses_midnight ? staff_text("Start and end, for example 19:00-07:00")
                                                                         : staff_text("Start and end on the same day, for example 08:00-16:00")},
                                         {"width", "govuk-input--width-10"}})}};
    case ConditionInputType::address:
    case ConditionInputType::exclusion_zone:
      return {{"textarea", form_field(form, name, label, {{"rows", 3}})}};
    default: return {{"text_input", form_field(form, name, label)}};
  }
}

View justification_fields(const FormState& form, View fields) {
  auto chosen = form.values.contains("purpose") ? form.values.at("purpose") : "";
  fields.push_back({{"select", form_field(form, "purpose", staff_text("The risk or need on the plan it addresses"),
                                          {{"options", with_blank_option(coded_options(condition_purposes(), chosen, "selected"), staff_text("Choose"))}})}});
  fields.push_back({{"textarea", form_field(form, "reason", staff_text("Why it is necessary and proportionate"), {{"rows", 3}})}});
  return fields;
}

// Choosing which additional condition to add: a GET form, so the next page can show its inputs.
Response choose_condition_page(WebContext& context, const Caller& caller, const services::LicenceRecord& record) {
  const auto& catalogue = context.licence_conditions.version(record.licence.policy_version);
  auto view = page_view(caller, staff_text("Add a condition"), "");
  view["person"] = {{"name", record.person.full_name()}, {"href", licence_href(record.person.id)}};
  view["action"] = licence_path(record.licence.id) + "/conditions/new";
  view["bespoke_href"] = licence_path(record.licence.id) + "/conditions/new?kind=bespoke";
  auto groups = View::list();
  for (const auto& category : catalogue.categories) {
    auto options = View::list();
    for (const auto& definition : catalogue.additional)
      if (definition.category == category.code)
        options.push_back({{"value", definition.code}, {"text", definition.explanation.en.substr(0, definition.explanation.en.find('.'))}});
    if (!options.empty()) groups.push_back({{"label", category.label.en}, {"options", options}});
  }
  view["groups"] = groups;
  return render_page(context, 200, "licence/choose_condition", view);
}

Response condition_form(WebContext& context, const Caller& caller, const services::LicenceRecord& record,
                        const std::string& action, FormState form, const std::string& heading) {
  const auto& catalogue = context.licence_conditions.version(record.licence.policy_version);
  auto view = page_view(caller, heading, "");
  add_errors(view, form);
  view["person"] = {{"name", record.person.full_name()}, {"href", licence_href(record.person.id)}};
  view["heading"] = heading;
  view["action"] = action;
  view["submit"] = staff_text("Save condition");
  view["has_version"] = true;
  view["version"] = record.licence.version;
  auto fields = View::list();
  if (form.values["kind"] == "bespoke") {
    view["intro"] = staff_text("Bespoke wording is flagged to the manager who approves the licence.");
    fields.push_back({{"textarea", form_field(form, "bespoke_wording", staff_text("Wording of the condition"), {{"rows", 3}})}});
    fields.push_back({{"textarea", form_field(form, "bespoke_explanation_en", staff_text("What it means for the person, in plain English"), {{"rows", 3}})}});
    fields.push_back({{"textarea", form_field(form, "bespoke_explanation_cy", staff_text("What it means for the person, in Welsh"), {{"rows", 3}})}});
  } else {
    const ConditionDefinition* definition = catalogue.find(form.values["code"]);
    if (definition == nullptr || definition->kind != ConditionKind::additional) throw NotFound("no such condition in this policy");
    view["intro"] = definition->wording;
    for (const auto& input : definition->inputs) fields.push_back(input_field(form, input));
  }
  view["fields"] = justification_fields(form, std::move(fields));
  return render_page(context, form.errors.empty() ? 200 : 422, "plan/plan_form", view);
}

// The form's values from a stored condition, for changing it.
FieldInput condition_values(const LicenceCondition& condition) {
  FieldInput values{{"kind", std::string{entry_for(condition_kinds(), condition.kind).code}},
                    {"code", condition.code},
                    {"reason", condition.reason},
                    {"bespoke_wording", condition.bespoke_wording},
                    {"bespoke_explanation_en", condition.bespoke_explanation.en},
                    {"bespoke_explanation_cy", condition.bespoke_explanation.cy}};
  if (condition.purpose) values["purpose"] = entry_for(condition_purposes(), *condition.purpose).code;
  for (const auto& [name, value] : condition.values) values["inputs." + name] = value;
  return values;
}

const LicenceCondition& condition_of(const Licence& licence, int key) {
  for (const auto& condition : licence.conditions)
    if (condition.key == key) return condition;
  throw NotFound("no such condition on this licence");
}

Response understanding_form(WebContext& context, const Caller& caller, const services::LicenceRecord& record, int key,
                            FormState form) {
  const auto& condition = condition_of(record.licence, key);
  auto rendered = render(condition, context.licence_conditions.version(record.licence.policy_version));
  auto view = page_view(caller, staff_text("Go through condition ((key))", {{"key", std::to_string(key)}}), "");
  add_errors(view, form);
  view["person"] = {{"name", record.person.full_name()}, {"href", licence_href(record.person.id)}};
  view["heading"] = staff_text("Go through condition ((key)) with the person", {{"key", std::to_string(key)}});
  view["intro"] = rendered.explanation.en;
  view["action"] = licence_path(record.licence.id) + "/conditions/" + std::to_string(key) + "/understanding";
  view["submit"] = staff_text("Save");
  view["has_version"] = true;
  view["version"] = record.licence.version;
  auto chosen = form.values.contains("understood") ? form.values.at("understood") : "";
  auto fields = View::list();
  fields.push_back({{"radios", form_field(form, "understood", staff_text("Did they understand it?"),
                                          {{"legend", staff_text("Did they understand it?")}, {"items", coded_options(understood_answers(), chosen, "checked")}})}});
  fields.push_back({{"textarea", form_field(form, "notes", staff_text("Notes"), {{"hint", staff_text("What they said; needed unless they understood it")}, {"rows", 3}})}});
  view["fields"] = fields;
  return render_page(context, form.errors.empty() ? 200 : 422, "plan/plan_form", view);
}

// A form page's POST: the change, then back to the licence; bad input redisplays the form.
template <typename Change, typename Redisplay>
Response form_post(WebContext& context, Request& request, const Caller& caller, Change change, Redisplay redisplay) {
  auto form = submitted_form(request);
  auto version = take_submitted_version(form.values);
  auto record = services::find_licence(context.store, caller.staff, id_param(request, "id"));
  try {
    change(record.licence.id, form.values, version);
    return Response::redirect(licence_href(record.person.id));
  } catch (const ValidationFailed& failed) {
    form.errors = failed.errors();
  } catch (const Conflict& conflict) {
    form.errors.push_back({"licence", conflict.what()});
  }
  return redisplay(record, std::move(form));
}

// --- The induction -------------------------------------------------------------------------------

Response induction_page(WebContext& context, const Caller& caller, std::int64_t person_id, FormState form) {
  auto induction = services::induction_of(context.store, context.bank_holidays, caller.staff, person_id, context.clock.today());
  if (!induction.may_book) throw Forbidden("the induction is booked by the community offender manager before release");
  auto view = page_view(caller, staff_text("Induction"), "");
  add_errors(view, form);
  view["person"] = {{"name", induction.person.full_name()}, {"href", licence_href(person_id)}};
  view["heading"] = induction.induction ? staff_text("Change the induction") : staff_text("Book the induction");
  if (induction.window)
    view["intro"] = staff_text("On the day of release, ((first)), or the next working day, ((last)), so they leave "
                               "knowing where to go and whom they will see.",
                               {{"first", long_date(induction.window->first, Language::en)},
                                {"last", long_date(induction.window->last, Language::en)}});
  view["action"] = person_href(person_id) + "/induction";
  view["submit"] = staff_text("Save the induction");
  view["has_version"] = induction.induction.has_value();
  if (const auto& booked = induction.induction) {
    view["version"] = booked->appointment.version;
    if (form.values.empty())
      form.values = {{"on", to_iso(booked->appointment.on)},
                     {"starts_at", to_text(booked->appointment.starts_at)},
                     {"ends_at", to_text(booked->appointment.ends_at)},
                     {"office_code", booked->appointment.office_code},
                     {"notes", booked->appointment.notes}};
  }
  auto offices = View::list();
  for (const auto& office : induction.offices)
    offices.push_back({{"value", office.code}, {"text", office.name}, {"selected", form.values["office_code"] == office.code}});
  const View time_width = {{"hint", staff_text("24-hour clock, for example 10:00")}, {"width", "govuk-input--width-5"}};
  auto fields = View::list();
  fields.push_back({{"date_input", date_form_field(form, "on", staff_text("Date"))}});
  fields.push_back({{"text_input", form_field(form, "starts_at", staff_text("Start time"), time_width)}});
  fields.push_back({{"text_input", form_field(form, "ends_at", staff_text("End time"), time_width)}});
  fields.push_back({{"select", form_field(form, "office_code", staff_text("Probation office"),
                                          {{"options", with_blank_option(offices, staff_text("Choose an office"))}})}});
  fields.push_back({{"textarea", form_field(form, "notes", staff_text("What to bring or know (optional)"),
                                            {{"hint", staff_text("The person sees this. Do not write about their offence or risk.")}, {"rows", 3}})}});
  view["fields"] = fields;
  return render_page(context, form.errors.empty() ? 200 : 422, "plan/plan_form", view);
}

Response book_induction(WebContext& context, Request& request, const Caller& caller) {
  auto person_id = id_param(request, "id");
  auto form = submitted_form(request);
  std::optional<std::int64_t> version;
  if (form.values.contains("version")) version = take_submitted_version(form.values);
  try {
    services::book_induction(context.store, context.clock, context.bank_holidays, caller.staff, person_id, form.values, version);
    return Response::redirect(licence_href(person_id));
  } catch (const ValidationFailed& failed) {
    form.errors = failed.errors();
  } catch (const Conflict& conflict) {
    form.errors.push_back({"on", conflict.what()});
  }
  return induction_page(context, caller, person_id, std::move(form));
}

// --- The document -------------------------------------------------------------------------------

Language language_param(const Request& request) {
  auto code = request.query_param("language").value_or("en");
  auto language = parse_code(languages(), code);
  if (!language) throw ValidationFailed("language", staff_text("must be en or cy"));
  return *language;
}

bool easy_read_param(const Request& request) { return request.query_param("easy_read").value_or("no") == "yes"; }

View rendered_items(const std::vector<RenderedCondition>& conditions, Language language, int& number) {
  auto items = View::list();
  for (const auto& condition : conditions)
    items.push_back({{"number", ++number}, {"wording", condition.wording}, {"explanation", condition.explanation.in(language)}});
  return items;
}

Response document_page(WebContext& context, Request& request, const Caller& caller) {
  auto language = language_param(request);
  bool easy_read = easy_read_param(request);
  auto document = services::licence_document(context.store, context.licence_conditions, caller.staff,
                                             id_param(request, "id"), language, easy_read);
  const auto& labels = document.labels;
  auto title = (easy_read ? labels.easy_read_title : labels.title) + " " + std::to_string(document.number);
  auto view = page_view(caller, title, "");
  view["person"] = {{"name", document.person_name}, {"href", licence_href(document.person_id)}};
  view["language"] = entry_for(languages(), language).code;
  view["heading"] = title;
  view["easy_read"] = easy_read;
  view["draft_notice"] = document.approved ? "" : labels.not_yet_approved;
  view["details"] = {{"rows", {{{"key", labels.name}, {"value", document.person_name}},
                               {{"key", labels.prison_number}, {"value", document.prison_number}},
                               {{"key", labels.release_date}, {"value", document.release_date}},
                               {{"key", labels.in_force_from}, {"value", document.in_force_from}},
                               {{"key", labels.supervising_officer}, {"value", document.supervising_officer}},
                               {{"key", labels.office}, {"value", document.office}},
                               {{"key", labels.policy}, {"value", document.policy_version}}}}};
  int number = 0;
  auto sections = View::list();
  for (const auto& [heading, conditions] : {std::pair{&labels.standard_conditions, &document.standard},
                                            {&labels.additional_conditions, &document.additional}})
    if (!conditions->empty())
      sections.push_back({{"heading", *heading}, {"items", rendered_items(*conditions, language, number)}});
  view["sections"] = sections;
  view["wording_label"] = labels.wording;
  view["explanation_label"] = labels.explanation;
  view["pdf_href"] = licence_path(document.licence_id) + "/document.pdf?language=" +
                     std::string{entry_for(languages(), language).code} + "&easy_read=" + (easy_read ? "yes" : "no");
  return render_page(context, 200, "licence/document", view);
}

Response document_pdf(WebContext& context, Request& request, const Caller& caller) {
  auto document = services::licence_document(context.store, context.licence_conditions, caller.staff,
                                             id_param(request, "id"), language_param(request), easy_read_param(request));
  auto response = Response::text(200, services::licence_pdf(document, context.fonts), "application/pdf");
  response.headers["Content-Disposition"] = "inline; filename=\"licence-" + std::to_string(document.licence_id) + "-" +
                                            std::string{entry_for(languages(), document.language).code} +
                                            (document.easy_read ? "-easy-read" : "") + ".pdf\"";
  return response;
}

void add_licence_pages(Router& router, WebContext& context) {
  auto& store = context.store;
  const auto& clock = context.clock;
  const auto& catalogues = context.licence_conditions;
  router.get("/people/{id}/licence", page(context, [&](Request& r, const Caller& c) {
               return licence_page(context, c, id_param(r, "id"), {});
             }));
  router.post("/people/{id}/licence", page(context, [&](Request& r, const Caller& c) {
                auto person_id = id_param(r, "id");
                try {
                  services::start_licence(store, clock, catalogues, c.staff, person_id);
                } catch (const Conflict& conflict) {
                  return licence_page(context, c, person_id, {{}, {{"licence", conflict.what()}}});
                }
                return Response::redirect(licence_href(person_id));
              }));
  auto on_page = [&](std::string_view path, auto change) {
    router.post(path, page(context, [&, change](Request& r, const Caller& c) {
                  return licence_post(context, r, c, [&](std::int64_t id, const FieldInput& values, std::int64_t version) {
                    change(c, id, values, version, r);
                  });
                }));
  };
  on_page("/licences/{id}/submit", [&](const Caller& c, std::int64_t id, const FieldInput& v, std::int64_t version, Request&) {
    services::submit_licence(store, clock, c.staff, id, v, version);
  });
  on_page("/licences/{id}/decision", [&](const Caller& c, std::int64_t id, const FieldInput& v, std::int64_t version, Request&) {
    services::decide_licence(store, clock, c.staff, id, v, version);
  });
  on_page("/licences/{id}/activate", [&](const Caller& c, std::int64_t id, const FieldInput& v, std::int64_t version, Request&) {
    services::activate_licence(store, clock, c.staff, id, v, version);
  });
  on_page("/licences/{id}/acknowledgement", [&](const Caller& c, std::int64_t id, const FieldInput&, std::int64_t version, Request&) {
    services::record_acknowledgement(store, clock, c.staff, id, version);
  });
  on_page("/licences/{id}/variations", [&](const Caller& c, std::int64_t id, const FieldInput&, std::int64_t, Request&) {
    services::start_variation(store, clock, c.staff, id);
  });
  on_page("/licences/{id}/conditions/{key}/remove",
          [&](const Caller& c, std::int64_t id, const FieldInput&, std::int64_t version, Request& r) {
            services::remove_licence_condition(store, clock, c.staff, id, key_param(r), version);
          });

  router.get("/licences/{id}/conditions/new", page(context, [&](Request& r, const Caller& c) {
               auto record = services::find_licence(store, c.staff, id_param(r, "id"));
               auto kind = r.query_param("kind").value_or("additional");
               auto code = r.query_param("code").value_or("");
               if (kind != "bespoke" && code.empty()) return choose_condition_page(context, c, record);
               auto action = r.path + (kind == "bespoke" ? "?kind=bespoke" : "?code=" + code);
               return condition_form(context, c, record, action, {{{"kind", kind}, {"code", code}}, {}}, "Add a condition");
             }));
  router.post("/licences/{id}/conditions/new", page(context, [&](Request& r, const Caller& c) {
                auto kind = r.query_param("kind").value_or("additional");
                auto code = r.query_param("code").value_or("");
                auto action = r.path + (kind == "bespoke" ? "?kind=bespoke" : "?code=" + code);
                return form_post(
                    context, r, c,
                    [&](std::int64_t id, FieldInput& values, std::int64_t version) {
                      values["kind"] = kind;
                      values["code"] = code;
                      services::add_licence_condition(store, clock, catalogues, c.staff, id, values, version);
                    },
                    [&](const services::LicenceRecord& record, FormState form) {
                      return condition_form(context, c, record, action, std::move(form), "Add a condition");
                    });
              }));
  router.get("/licences/{id}/conditions/{key}/change", page(context, [&](Request& r, const Caller& c) {
               auto record = services::find_licence(store, c.staff, id_param(r, "id"));
               auto values = condition_values(condition_of(record.licence, key_param(r)));
               return condition_form(context, c, record, r.path, {values, {}}, staff_text("Change condition ((number))", {{"number", std::to_string(key_param(r))}}));
             }));
  router.post("/licences/{id}/conditions/{key}/change", page(context, [&](Request& r, const Caller& c) {
                auto key = key_param(r);
                return form_post(
                    context, r, c,
                    [&](std::int64_t id, FieldInput& values, std::int64_t version) {
                      auto stored = condition_values(condition_of(services::find_licence(store, c.staff, id).licence, key));
                      values["kind"] = stored["kind"];
                      values["code"] = stored["code"];
                      services::change_licence_condition(store, clock, catalogues, c.staff, id, key, values, version);
                    },
                    [&](const services::LicenceRecord& record, FormState form) {
                      auto stored = condition_values(condition_of(record.licence, key));
                      form.values["kind"] = stored["kind"];
                      form.values["code"] = stored["code"];
                      return condition_form(context, c, record, r.path, std::move(form), staff_text("Change condition ((number))", {{"number", std::to_string(key)}}));
                    });
              }));
  router.get("/licences/{id}/conditions/{key}/understanding", page(context, [&](Request& r, const Caller& c) {
               auto record = services::find_licence(store, c.staff, id_param(r, "id"));
               return understanding_form(context, c, record, key_param(r), {});
             }));
  router.post("/licences/{id}/conditions/{key}/understanding", page(context, [&](Request& r, const Caller& c) {
                auto key = key_param(r);
                return form_post(
                    context, r, c,
                    [&](std::int64_t id, FieldInput& values, std::int64_t version) {
                      services::record_condition_understanding(store, clock, c.staff, id, key, values, version);
                    },
                    [&](const services::LicenceRecord& record, FormState form) {
                      return understanding_form(context, c, record, key, std::move(form));
                    });
              }));
  router.get("/people/{id}/induction", page(context, [&](Request& r, const Caller& c) {
               return induction_page(context, c, id_param(r, "id"), {});
             }));
  router.post("/people/{id}/induction", page(context, [&](Request& r, const Caller& c) { return book_induction(context, r, c); }));
  router.get("/licences/{id}/document", page(context, [&](Request& r, const Caller& c) { return document_page(context, r, c); }));
  router.get("/licences/{id}/document.pdf", page(context, [&](Request& r, const Caller& c) { return document_pdf(context, r, c); }));
}

}  // namespace

void add_licence_routes(Router& router, WebContext& context) {
  add_licence_pages(router, context);
  add_licence_api(router, context);
}

}  // namespace resettle::web
