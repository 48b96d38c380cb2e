// Recall pages: the person's considerations, the form that starts one, a consideration with the
// officer's recommendation, the manager's decision and the return-to-custody forms, the printable recall report for the
// recall team, and the letter explaining a decision not to recall (English or Welsh).
#include <algorithm>

#include "domain/catalogue.hpp"
#include "domain/staff_catalogue.hpp"
#include "services/recall/recalls.hpp"
#include "web/failures.hpp"
#include "web/routes.hpp"

namespace resettle::web {

namespace {

std::string recalls_href(std::int64_t person_id) { return person_href(person_id) + "/recalls"; }
std::string recall_href(std::int64_t id) { return "/recalls/" + std::to_string(id); }
std::string letter_href(std::int64_t id, Language language) {
  return recall_href(id) + "/letter?language=" + std::string{entry_for(languages(), language).code};
}

// Fields whose checkboxes send one value each: the form joins them into a list of codes.
constexpr std::string_view list_fields[] = {"conditions_breached", "alternatives_tried", "exclusions"};

FormState submitted_recall_form(const Request& request) {
  auto form = submitted_form(request);
  for (auto name : list_fields) form.values.erase(std::string{name});
  for (const auto& [name, value] : request.form()) {
    if (std::ranges::find(list_fields, name) == std::end(list_fields)) continue;
    auto& joined = form.values[name];
    joined += (joined.empty() ? "" : ",") + value;
  }
  return form;
}

bool ticked(const FormState& form, const std::string& name, std::string_view code) {
  auto codes = "," + value_of(form, name) + ",";
  return codes.find("," + std::string{code} + ",") != std::string::npos;
}

template <typename E>
View checkbox_items(std::span<const Coded<E>> list, const FormState& form, const std::string& name) {
  auto items = View::list();
  for (const auto& entry : list) items.push_back({{"value", entry.code}, {"text", entry.label}, {"checked", ticked(form, name, entry.code)}});
  return items;
}

template <typename E>
std::string labels_of(std::span<const Coded<E>> list, const std::vector<E>& values, std::string none) {
  std::string joined;
  for (auto value : values) joined += (joined.empty() ? "" : "; ") + std::string{entry_for(list, value).label};
  return joined.empty() ? none : joined;
}

std::string written(const std::optional<Date>& date) { return date ? to_long_date(*date) : ""; }

View status_tag(RecallStatus status) {
  static constexpr std::string_view colours[] = {"blue", "orange", "green"};
  return {{"text", entry_for(recall_statuses(), status).label}, {"colour", colours[static_cast<int>(status)]}};
}

// --- The person's considerations ----------------------------------------------------------------

Response recalls_page(WebContext& context, Request& request, const Caller& caller) {
  auto person_id = id_param(request, "id");
  auto page = services::recalls_of(context.store, caller.staff, person_id);
  auto view = page_view(caller, staff_text("Recall"), "");
  view["person"] = {{"name", page.person.full_name()}, {"href", person_href(person_id)}};
  view["start_href"] = page.may_start ? recalls_href(person_id) + "/new" : "";
  auto rows = View::list();
  for (const auto& recall : page.recalls)
    rows.push_back(linked_row(to_long_date(recall.started_on), recall_href(recall.id),
                              {std::string{entry_for(recall_triggers(), recall.trigger).label},
                               std::string{entry_for(recall_statuses(), recall.status).label}},
                              recall.decision ? std::string{entry_for(recall_outcomes(), *recall.decision).label} : staff_text("Not yet")));
  view["table"] = {{"caption", staff_text("Recall considerations, newest first")},
                   {"head", {{{"text", staff_text("Started")}}, {{"text", staff_text("Why")}}, {{"text", staff_text("Status")}}, {{"text", staff_text("Decision")}}}},
                   {"rows", rows}};
  view["has_recalls"] = !page.recalls.empty();
  return render_page(context, 200, "recall/recalls", view);
}

// --- Starting a consideration -------------------------------------------------------------------

View consideration_fields(const FormState& form, const std::vector<RenderedCondition>& conditions) {
  auto fields = View::list();
  fields.push_back({{"radios", form_field(form, "trigger", staff_text("Why"),
                                          {{"legend", staff_text("Why is recall being considered?")},
                                           {"items", coded_options(recall_triggers(), value_of(form, "trigger"), "checked")}})}});
  fields.push_back({{"textarea", form_field(form, "risk_change", staff_text("What has changed in their risk"),
                                            {{"hint", staff_text("Needed when risk has increased")}, {"rows", 4}})}});
  if (!conditions.empty()) {
    auto items = View::list();
    for (const auto& condition : conditions)
      items.push_back({{"value", condition.code}, {"text", condition.wording}, {"checked", ticked(form, "conditions_breached", condition.code)}});
    fields.push_back({{"checkboxes", form_field(form, "conditions_breached", staff_text("Licence conditions breached"),
                                                {{"legend", staff_text("Which licence conditions have been breached?")},
                                                 {"hint", staff_text("Needed when compliance has broken down")}, {"items", items}})}});
  }
  fields.push_back({{"checkboxes", form_field(form, "alternatives_tried", staff_text("Alternatives tried"),
                                              {{"legend", staff_text("What has already been tried?")}, {"hint", staff_text("Select all that apply")},
                                               {"items", checkbox_items(recall_alternatives(), form, "alternatives_tried")}})}});
  return fields;
}

Response consideration_form(WebContext& context, const Caller& caller, std::int64_t person_id, const FormState& form) {
  auto choices = services::recall_choices(context.store, context.licence_conditions, caller.staff, person_id);
  auto view = page_view(caller, staff_text("Start a recall consideration"), "");
  add_errors(view, form);
  view["person"] = {{"name", choices.person.full_name()}, {"href", recalls_href(person_id)}};
  view["heading"] = staff_text("Start a recall consideration");
  view["intro"] = choices.conditions.empty()
                      ? staff_text("No active licence is recorded, so no licence conditions can be named as breached.")
                      : staff_text("Say why, what changed and what has been tried. You recommend on the next page.");
  view["action"] = recalls_href(person_id);
  view["submit"] = staff_text("Start the consideration");
  view["fields"] = consideration_fields(form, choices.conditions);
  return render_page(context, form.errors.empty() ? 200 : 422, "plan/plan_form", view);
}

Response start(WebContext& context, Request& request, const Caller& caller) {
  auto person_id = id_param(request, "id");
  auto form = submitted_recall_form(request);
  RecallConsideration started;
  form.errors = errors_from([&] { started = services::start_recall(context.store, context.clock, caller.staff, person_id, form.values); });
  if (form.errors.empty()) return Response::redirect(recall_href(started.id));
  return consideration_form(context, caller, person_id, form);
}

// --- One consideration --------------------------------------------------------------------------

std::string staff_name(const services::RecallRecord& record, std::int64_t id) {
  auto found = record.staff_names.find(id);
  return found == record.staff_names.end() ? "" : found->second;
}

std::string breached_text(const services::RecallRecord& record) {
  std::string joined;
  for (const auto& condition : record.breached) joined += (joined.empty() ? "" : "; ") + condition.wording;
  return joined.empty() ? staff_text("None named") : joined;
}

View recall_rows(const services::RecallRecord& record) {
  const auto& recall = record.recall;
  auto rows = View::list();
  auto row = [&](std::string key, std::string value) {
    if (!value.empty()) rows.push_back({{"key", std::move(key)}, {"value", std::move(value)}});
  };
  row(staff_text("Started"), staff_text("((date)) by ((name))", {{"date", to_long_date(recall.started_on)}, {"name", staff_name(record, recall.started_by)}}));
  row(staff_text("Why"), std::string{entry_for(recall_triggers(), recall.trigger).label});
  row(staff_text("What changed in their risk"), recall.risk_change);
  row(staff_text("Licence conditions breached"), breached_text(record));
  row(staff_text("Alternatives tried"), labels_of(recall_alternatives(), recall.alternatives_tried, staff_text("None recorded")));
  if (recall.recommendation) {
    row(staff_text("Recommendation"), std::string{entry_for(recall_outcomes(), *recall.recommendation).label});
    row(staff_text("Reasons"), recall.recommendation_reasons);
    row(staff_text("Recommended"), staff_text("((date)) by ((name))", {{"date", written(recall.recommended_on)}, {"name", staff_name(record, recall.recommended_by)}}));
  }
  if (recall.decision) {
    row(staff_text("Decision"), std::string{entry_for(recall_outcomes(), *recall.decision).label});
    row(staff_text("Rationale"), recall.decision_rationale);
    row(staff_text("Decided"), staff_text("((date)) by ((name))", {{"date", written(recall.decided_on)}, {"name", staff_name(record, recall.decided_by)}}));
  }
  if (recall.recall_type) {
    row(staff_text("Recall type"), std::string{entry_for(recall_types(), recall.recall_type->type).label});
    row(staff_text("Rule that decided it"), recall.recall_type->reason);
  }
  if (recall.returned_on) row(staff_text("Back in custody"), staff_text("((date)) at ((place))", {{"date", to_long_date(*recall.returned_on)}, {"place", record.returned_to_name}}));
  return {{"rows", rows}};
}

View recommendation_form(const FormState& form, const RecallConsideration& recall) {
  auto fields = View::list();
  fields.push_back({{"radios", form_field(form, "recommendation", staff_text("Recommendation"),
                                          {{"legend", staff_text("What do you recommend?")}, {"inline", true},
                                           {"items", coded_options(recall_outcomes(), value_of(form, "recommendation"), "checked")}})}});
  fields.push_back({{"textarea", form_field(form, "recommendation_reasons", staff_text("Your reasons"), {{"rows", 4}})}});
  return {{"heading", staff_text("Recommend")}, {"action", recall_href(recall.id) + "/recommendation"}, {"version", recall.version},
          {"fields", fields}, {"submit", staff_text("Send to a manager")}};
}

View decision_form(const FormState& form, const RecallConsideration& recall) {
  auto fields = View::list();
  fields.push_back({{"radios", form_field(form, "decision", staff_text("Decision"),
                                          {{"legend", staff_text("Your decision")}, {"inline", true},
                                           {"items", coded_options(recall_outcomes(), value_of(form, "decision"), "checked")}})}});
  fields.push_back({{"textarea", form_field(form, "rationale", staff_text("Rationale"), {{"hint", staff_text("Why you decided this")}, {"rows", 4}})}});
  fields.push_back({{"checkboxes", form_field(form, "exclusions", staff_text("Exclusions"),
                                              {{"legend", staff_text("For a recall: does any of these apply?")},
                                               {"hint", staff_text("Any one means a standard recall, not a fixed-term one")},
                                               {"items", checkbox_items(recall_exclusions(), form, "exclusions")}})}});
  return {{"heading", staff_text("Decide")}, {"action", recall_href(recall.id) + "/decision"}, {"version", recall.version},
          {"fields", fields}, {"submit", staff_text("Record the decision")}};
}

View return_form(const FormState& form, const services::RecallRecord& record) {
  auto prisons = View::list();
  for (const auto& prison : record.prisons)
    prisons.push_back({{"value", prison.code}, {"text", prison.name}, {"selected", value_of(form, "prison_code") == prison.code}});
  auto fields = View::list();
  fields.push_back({{"date_input", date_form_field(form, "returned_on", staff_text("Date back in custody"))}});
  fields.push_back({{"select", form_field(form, "prison_code", staff_text("Prison"), {{"options", with_blank_option(prisons, staff_text("Choose a prison"))}})}});
  return {{"heading", staff_text("Back in custody")},
          {"intro", staff_text("Record the return once the person is in prison. Their post-recall release date is worked out from it.")},
          {"action", recall_href(record.recall.id) + "/return-to-custody"}, {"version", record.recall.version},
          {"fields", fields}, {"submit", staff_text("Record the return")}};
}

Response recall_page(WebContext& context, const Caller& caller, std::int64_t id, const FormState& form) {
  auto record = services::find_recall(context.store, context.licence_conditions, caller.staff, id);
  const auto& recall = record.recall;
  auto view = page_view(caller, staff_text("Recall consideration"), "");
  add_errors(view, form);
  view["person"] = {{"name", record.person.full_name()}, {"href", recalls_href(record.person.id)}};
  view["status"] = status_tag(recall.status);
  view["summary"] = recall_rows(record);
  auto documents = View::list();
  documents.push_back({{"text", staff_text("Recall report for the recall team")}, {"href", recall_href(id) + "/report"}});
  if (recall.decision == RecallOutcome::no_recall) {
    documents.push_back({{"text", staff_text("Letter explaining the decision, in English")}, {"href", letter_href(id, Language::en)}});
    documents.push_back({{"text", staff_text("Letter explaining the decision, in Welsh (Cymraeg)")}, {"href", letter_href(id, Language::cy)}});
  }
  view["documents"] = documents;
  if (record.may_recommend) view["form"] = recommendation_form(form, recall);
  if (record.may_decide) view["form"] = decision_form(form, recall);
  if (record.may_record_return) view["form"] = return_form(form, record);
  return render_page(context, form.errors.empty() ? 200 : 422, "recall/recall", view);
}

// The recommendation, the decision or the return, at the version the form was opened at.
template <typename Step>
Response change(WebContext& context, Request& request, const Caller& caller, Step step) {
  auto id = id_param(request, "id");
  auto form = submitted_recall_form(request);
  auto version = take_submitted_version(form.values);
  form.errors = errors_from([&] { step(context.store, context.clock, caller.staff, id, form.values, version); });
  if (form.errors.empty()) return Response::redirect(recall_href(id));
  return recall_page(context, caller, id, form);
}

// --- The documents ------------------------------------------------------------------------------

Response report_page(WebContext& context, Request& request, const Caller& caller) {
  auto record = services::find_recall(context.store, context.licence_conditions, caller.staff, id_param(request, "id"));
  const auto& recall = record.recall;
  const auto& person = record.person;
  auto view = page_view(caller, staff_text("Recall report"), "");
  view["back"] = {{"href", recall_href(recall.id)}, {"text", staff_text("Back to the consideration")}};
  if (recall.status != RecallStatus::decided) view["draft_notice"] = staff_text("Draft: no manager has decided this recall yet");
  auto person_rows = View::list();
  person_rows.push_back({{"key", staff_text("Name")}, {"value", person.full_name()}});
  person_rows.push_back({{"key", staff_text("Date of birth")}, {"value", to_long_date(person.date_of_birth)}});
  person_rows.push_back({{"key", staff_text("CRN")}, {"value", person.crn.empty() ? staff_text("Not known") : person.crn}});
  person_rows.push_back({{"key", staff_text("Prison number")}, {"value", person.prison_number.empty() ? staff_text("Not known") : person.prison_number}});
  view["person_details"] = {{"rows", person_rows}};
  auto sentence_rows = View::list();
  if (const auto& sentence = record.sentence) {
    sentence_rows.push_back({{"key", staff_text("Sentence")}, {"value", std::string{entry_for(sentence_types(), sentence->type).label} + ", " +
                                                                std::string{entry_for(release_schemes(), sentence->release_scheme).label}}});
    if (sentence->start_date) sentence_rows.push_back({{"key", staff_text("Sentenced")}, {"value", to_long_date(*sentence->start_date)}});
    if (sentence->length_days) sentence_rows.push_back({{"key", staff_text("Length")}, {"value", staff_text_plural("((count)) day", "((count)) days", *sentence->length_days)}});
    if (!sentence->offence.empty()) sentence_rows.push_back({{"key", staff_text("Offence")}, {"value", sentence->offence}});
  } else {
    sentence_rows.push_back({{"key", staff_text("Sentence")}, {"value", staff_text("None recorded")}});
  }
  view["sentence_details"] = {{"rows", sentence_rows}};
  view["summary"] = recall_rows(record);
  return render_page(context, 200, "recall/report", view);
}

Response letter_page(WebContext& context, Request& request, const Caller& caller) {
  auto code = request.query_param("language").value_or("en");
  auto language = parse_code(languages(), code);
  if (!language) throw ValidationFailed("language", staff_text("must be en or cy"));
  auto letter = services::no_recall_letter(context.store, caller.staff, id_param(request, "id"), *language);
  const auto& labels = letter.labels;
  auto view = page_view(caller, labels.title, "");
  view["back"] = {{"href", recall_href(letter.recall_id)}, {"text", staff_text("Back to the consideration")}};
  auto other = *language == Language::cy ? Language::en : Language::cy;
  view["other_language"] = {{"href", letter_href(letter.recall_id, other)},
                            {"text", other == Language::cy ? staff_text("Welsh (Cymraeg)") : staff_text("English")}};
  view["language"] = code;
  view["labels"] = {{"title", labels.title}, {"date", labels.date}, {"dear", labels.dear}, {"decided", labels.decided},
                    {"reasons", labels.reasons}, {"next", labels.next}, {"next_steps", labels.next_steps},
                    {"questions", labels.questions}, {"signed_for", labels.signed_for}};
  view["letter"] = {{"person_name", letter.person_name}, {"crn", letter.crn}, {"dated", letter.dated},
                    {"rationale", letter.rationale}, {"officer_name", letter.officer_name}, {"manager_name", letter.manager_name}};
  return render_page(context, 200, "recall/letter", view);
}

}  // namespace

void add_recall_routes(Router& router, WebContext& context) {
  router.get("/people/{id}/recalls", page(context, [&](Request& r, const Caller& c) { return recalls_page(context, r, c); }));
  router.get("/people/{id}/recalls/new", page(context, [&](Request& r, const Caller& c) {
               return consideration_form(context, c, id_param(r, "id"), {});
             }));
  router.post("/people/{id}/recalls", page(context, [&](Request& r, const Caller& c) { return start(context, r, c); }));
  router.get("/recalls/{id}", page(context, [&](Request& r, const Caller& c) { return recall_page(context, c, id_param(r, "id"), {}); }));
  router.post("/recalls/{id}/recommendation", page(context, [&](Request& r, const Caller& c) {
                return change(context, r, c, &services::recommend);
              }));
  router.post("/recalls/{id}/decision", page(context, [&](Request& r, const Caller& c) { return change(context, r, c, &services::decide); }));
  router.post("/recalls/{id}/return-to-custody", page(context, [&](Request& r, const Caller& c) {
                return change(context, r, c, &services::record_return);
              }));
  router.get("/recalls/{id}/report", page(context, [&](Request& r, const Caller& c) { return report_page(context, r, c); }));
  router.get("/recalls/{id}/letter", page(context, [&](Request& r, const Caller& c) { return letter_page(context, r, c); }));
  add_recall_api(router, context);
}

}  // namespace resettle::web
