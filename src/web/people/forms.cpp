// Forms that change a record: add a person, change their details, record a sentence.
#include "domain/catalogue.hpp"
#include "domain/release_dates/key_dates.hpp"
#include "services/people/case_records.hpp"
#include "web/routes.hpp"
#include "web/failures.hpp"

namespace resettle::web {

namespace {

template <typename Place>
View place_options(const std::vector<Place>& places, const std::string& selected) {
  auto options = View::list();
  for (const auto& place : places)
    options.push_back({{"value", place.code}, {"text", place.name}, {"selected", place.code == selected}});
  return with_blank_option(std::move(options), staff_text("None"));
}

Response person_form(WebContext& context, const Caller& caller, const FormState& form, std::string title,
                     std::string action, std::int64_t version) {
  auto places = services::list_places(context.store);
  auto view = page_view(caller, title, action == "/people" ? "/people/new" : "");
  add_errors(view, form);
  view["heading"] = title;
  view["action"] = action;
  view["version"] = version;
  auto value = [&](const std::string& name) {
    auto found = form.values.find(name);
    return found == form.values.end() ? std::string{} : found->second;
  };
  bool adding = action == "/people";
  view["fields"] = {
      {"given_name", form_field(form, "given_name", staff_text("Given name"), {{"autocomplete", "off"}, {"spellcheck_off", true}})},
      {"family_name", form_field(form, "family_name", staff_text("Family name"), {{"autocomplete", "off"}, {"spellcheck_off", true}})},
      {"date_of_birth", date_form_field(form, "date_of_birth", staff_text("Date of birth"))},
      {"prison_number", form_field(form, "prison_number", staff_text("Prison number"),
                                   {{"hint", staff_text("For example, A1234BC")}, {"width", "govuk-input--width-10"}})},
      {"crn", form_field(form, "crn", staff_text("CRN (case reference number)"),
                         {{"hint", staff_text("For example, X123456")}, {"width", "govuk-input--width-10"}})},
      {"pnc", form_field(form, "pnc", staff_text("PNC number (optional)"), {{"width", "govuk-input--width-20"}})},
      {"gender", form_field(form, "gender", staff_text("Gender"), {{"options", coded_options(genders(), value("gender"), "selected")}})},
      {"ethnic_group", form_field(form, "ethnic_group", staff_text("Ethnic group (optional)"))},
      {"preferred_language", form_field(form, "preferred_language", staff_text("Preferred language (optional)"))},
      {"communication_needs",
       form_field(form, "communication_needs", staff_text("Communication needs (optional)"),
                  {{"hint", staff_text("For example, needs an interpreter, reading support, or a hearing loop")}})},
      {"stage", form_field(form, "stage", staff_text("Stage"), {{"options", coded_options(case_stages(), value("stage"), "selected")}})},
  };
  if (adding) {  // moving someone already on Resettle is a transfer, never a change of details
    view["fields"]["prison_code"] =
        form_field(form, "prison_code", staff_text("Prison"), {{"options", place_options(places.prisons, value("prison_code"))}});
    view["fields"]["pdu_code"] =
        form_field(form, "pdu_code", staff_text("Probation delivery unit"), {{"options", place_options(places.pdus, value("pdu_code"))}});
  } else {
    view["transfer_href"] = action.substr(0, action.size() - std::string_view{"/edit"}.size()) + "/transfers/new";
  }
  return render_page(context, form.errors.empty() ? 200 : 422, "people/person_form", view);
}

Response sentence_form(WebContext& context, const Caller& caller, const Person& person, const FormState& form) {
  auto view = page_view(caller, staff_text("Record a sentence"), "");
  add_errors(view, form);
  view["person"] = {{"name", person.full_name()}, {"href", person_href(person.id)}};
  auto value = [&](const std::string& name) {
    auto found = form.values.find(name);
    return found == form.values.end() ? std::string{} : found->second;
  };
  auto number = [&](const std::string& name, std::string label, std::string hint) {
    return form_field(form, name, std::move(label),
                      {{"hint", std::move(hint)}, {"width", "govuk-input--width-5"}, {"type", "text"}});
  };
  view["fields"] = {
      {"sentence_type", form_field(form, "sentence_type", staff_text("Type of sentence"),
                                   {{"legend", staff_text("Type of sentence")},
                                    {"items", coded_options(sentence_types(), value("sentence_type"), "checked")}})},
      {"legal_status", form_field(form, "legal_status", staff_text("Legal status"),
                                  {{"options", coded_options(legal_statuses(), value("legal_status"), "selected")}})},
      {"release_scheme", form_field(form, "release_scheme", staff_text("Release point (determinate sentences)"),
                                    {{"options", coded_options(release_schemes(), value("release_scheme"), "selected")}})},
      {"offence", form_field(form, "offence", staff_text("Main offence (optional)"))},
      {"sentence_start_date", date_form_field(form, "sentence_start_date", staff_text("Sentence date"))},
      {"sentence_length_days", number("sentence_length_days", "Length in days",
                                       "The custodial term for an extended sentence. Not needed for indeterminate sentences.")},
      {"extension_days", number("extension_days", "Extension period in days (extended sentences only)", "")},
      {"remand_days", number("remand_days", "Days on remand to credit (optional)", "")},
      {"tagged_bail_days", number("tagged_bail_days", "Tagged bail days to credit (optional)", "Already halved")},
      {"target_hearing_date", date_form_field(form, "target_hearing_date", staff_text("Next parole hearing (optional)"))},
  };
  auto supplied = View::list();
  for (const auto& kind : sentence_key_date_kinds())
    supplied.push_back(date_form_field(form, std::string{kind.code}, std::string{kind.label} + " (optional)"));
  view["supplied_dates"] = supplied;
  view["recall_checked"] = value("recall") == "true";
  return render_page(context, form.errors.empty() ? 200 : 422, "people/sentence_form", view);
}

}  // namespace

void add_person_forms(Router& router, WebContext& context) {
  router.get("/people/new", page(context, [&](Request&, const Caller& caller) {
               return person_form(context, caller, {}, staff_text("Add a person"), "/people", 0);
             }));
  router.post("/people", page(context, [&](Request& request, const Caller& caller) {
                auto form = submitted_form(request);
                std::int64_t added = 0;
                form.errors = errors_from([&] { added = services::add_person(context.store, context.clock, caller.staff, form.values).id; });
                if (form.errors.empty()) return Response::redirect(person_href(added));
                return person_form(context, caller, form, staff_text("Add a person"), "/people", 0);
              }));
  router.get("/people/{id}/edit", page(context, [&](Request& request, const Caller& caller) {
               auto record = services::view_person(context.store, caller.staff, id_param(request, "id"), "edit");
               FormState form{person_fields(record.person), {}};
               return person_form(context, caller, form, staff_text("Change details"),
                                  person_href(record.person.id) + "/edit", record.person.version);
             }));
  router.post("/people/{id}/edit", page(context, [&](Request& request, const Caller& caller) {
                auto id = id_param(request, "id");
                auto form = submitted_form(request);
                auto version = take_submitted_version(form.values);
                form.errors = errors_from([&] { services::update_person(context.store, context.clock, caller.staff, id, form.values, version); });
                if (form.errors.empty()) return Response::redirect(person_href(id));
                return person_form(context, caller, form, staff_text("Change details"), person_href(id) + "/edit", version);
              }));
  router.get("/people/{id}/sentences/new", page(context, [&](Request& request, const Caller& caller) {
               auto record = services::view_person(context.store, caller.staff, id_param(request, "id"), "record sentence");
               return sentence_form(context, caller, record.person, {});
             }));
  router.post("/people/{id}/sentences", page(context, [&](Request& request, const Caller& caller) {
                auto id = id_param(request, "id");
                auto form = submitted_form(request);
                form.errors = errors_from([&] { services::record_sentence(context.store, context.clock, caller.staff, id, form.values); });
                if (form.errors.empty()) return Response::redirect(person_href(id));
                auto record = services::view_person(context.store, caller.staff, id, "record sentence");
                return sentence_form(context, caller, record.person, form);
              }));
}

}  // namespace resettle::web
