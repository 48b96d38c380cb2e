// Quality sampling pages and API: the month's sample of a unit's cases as a worklist, the review form of
// one sampled case (what the record says beside each question), and the themes of the month's reviews as
// a page, a CSV download and JSON.
#include <string>

#include "domain/catalogue.hpp"
#include "domain/staff_catalogue.hpp"
#include "services/insight/quality_sample.hpp"
#include "web/api_support.hpp"
#include "web/failures.hpp"
#include "web/insight/quality_views.hpp"
#include "web/insight/views.hpp"
#include "web/routes.hpp"

namespace resettle::web {

namespace {

// How many months back the worklist's choice of month goes.
constexpr int months_offered = 12;

FieldInput query_fields(const Request& request) {
  FieldInput fields;
  for (const auto& [name, value] : request.query) fields[name] = value;
  return fields;
}

std::string review_href(const services::SampledUnit& sampled, std::int64_t person_id) {
  return "/insight/quality/people/" + std::to_string(person_id) + "?" + sampled_query(sampled);
}

// This month and the ones before it, newest first, for the choice of month; an earlier month chosen
// through a link is offered too, so the choice shows the month on the page.
View month_options(Date today, const std::string& chosen) {
  auto options = View::list();
  auto month = today.year() / today.month();
  for (int back = 0; back < months_offered; ++back, month -= std::chrono::months{1})
    options.push_back({{"value", to_iso(month)}, {"text", to_long_month(month)}, {"selected", to_iso(month) == chosen}});
  if (auto earlier = parse_month(chosen); earlier && *earlier <= month)
    options.push_back({{"value", chosen}, {"text", to_long_month(*earlier)}, {"selected", true}});
  return options;
}

View choice_fields(const FormState& form, Date today) {
  auto fields = View::list();
  fields.push_back({{"select", form_field(form, "scope", staff_text("Unit"), {{"options", coded_options(scope_kinds().first(3), value_of(form, "scope"), "selected")}})}});
  fields.push_back({{"text_input", form_field(form, "code", staff_text("Code of the team, PDU or prison"), {{"width", "govuk-input--width-10"}})}});
  fields.push_back({{"select", form_field(form, "month", staff_text("Month"), {{"options", month_options(today, value_of(form, "month"))}})}});
  return fields;
}

FieldInput chosen_fields(const services::SampledUnit& sampled) {
  return {{"scope", std::string{entry_for(scope_kinds(), sampled.unit.kind).code}},
          {"code", sampled.unit.code},
          {"month", to_iso(sampled.month)}};
}

View sample_table(const services::QualitySample& sample) {
  auto rows = View::list();
  for (const auto& c : sample.cases) {
    auto status = c.review ? View::object({{"tag", {{"text", staff_text("Reviewed")}, {"colour", "green"}}}})
                           : View::object({{"tag", {{"text", staff_text("Not reviewed")}, {"colour", "grey"}}}});
    auto reviewed_on = c.review ? to_long_date(c.review->reviewed_on) : std::string{};
    if (c.person)
      rows.push_back({{"row_header", {{"text", c.person->full_name()}, {"href", review_href(sample.sampled, c.person_id)}}},
                      {"texts", View::list({c.person->prison_number, c.person->crn, reviewed_on})},
                      {"cells", View::list({status})}});
    else
      rows.push_back({{"row_header", {{"text", staff_text("Restricted case")}}},
                      {"texts", View::list({std::string{}, std::string{}, reviewed_on})},
                      {"cells", View::list({status})}});
  }
  return {{"caption", staff_text("Cases sampled for ((month))", {{"month", to_long_month(sample.sampled.month)}})},
          {"head", {{{"text", staff_text("Person")}}, {{"text", staff_text("Prison number")}}, {{"text", staff_text("CRN")}}, {{"text", staff_text("Reviewed on")}}, {{"text", staff_text("Review")}}}},
          {"rows", rows}};
}

Response sample_page(WebContext& context, Request& request, const Caller& caller, int size) {
  FormState form{query_fields(request), {}};
  services::QualitySample sample;
  form.errors = errors_from([&] { sample = services::quality_sample(context.store, context.clock, caller.staff, form.values, size); });
  bool drawn = form.errors.empty();
  // Opened without a choice by someone with no unit of their own (an administrator): ask, not complain.
  if (request.query.empty()) form.errors.clear();
  auto view = page_view(caller, staff_text("Quality sampling"), "/insight");
  add_errors(view, form);
  if (drawn) {
    form.values = chosen_fields(sample.sampled);
    auto query = sampled_query(sample.sampled);
    view["sample"] = {{"name", sample.sampled.name},
                      {"month", to_long_month(sample.sampled.month)},
                      {"sampled", staff_text_plural("((drawn)) of the ((count)) case active in ((name)) in ((month)) was sampled.",
                                                    "((drawn)) of the ((count)) cases active in ((name)) in ((month)) were sampled.",
                                                    sample.eligible,
                                                    {{"drawn", std::to_string(sample.cases.size())}, {"name", sample.sampled.name},
                                                     {"month", to_long_month(sample.sampled.month)}})},
                      {"any", !sample.cases.empty()},
                      {"table", sample_table(sample)},
                      {"themes_href", "/insight/quality/themes?" + query}};
  }
  view["fields"] = choice_fields(form, context.clock.today());
  return render_page(context, form.errors.empty() ? 200 : 422, "insight/quality_sample", view);
}

View question_fields(const services::QualityReviewCase& review, const FormState& form) {
  auto fields = View::list();
  for (const auto& question : quality_questions()) {
    auto code = std::string{question.code};
    auto items = View::list();
    for (const auto& finding : findings())
      items.push_back({{"value", finding.code}, {"text", finding.label}, {"checked", value_of(form, code) == finding.code}});
    auto hint = staff_text("What the record says: ((says)).", {{"says", review.record.at(question.value).says}});
    fields.push_back({{"label", std::string{question.label}},
                      {"radios", form_field(form, code, std::string{question.label},
                                            {{"legend", std::string{question_text(question.value)}}, {"hint", hint},
                                             {"inline", true}, {"items", items}})},
                      {"textarea", form_field(form, code + "_note", staff_text("Notes on: ((question))", {{"question", question.label}}),
                                              {{"hint", staff_text("Required when not met: say what was missing")}, {"rows", 3}})}});
  }
  return fields;
}

Response review_page(WebContext& context, Request& request, const Caller& caller, int size, FormState form) {
  auto query = query_fields(request);
  auto person_id = id_param(request, "id");
  auto review = services::quality_review_case(context.store, context.clock, caller.staff, query, person_id, size);
  if (form.values.empty() && review.review) form.values = quality_answer_fields(review.review->answers);
  auto view = page_view(caller, staff_text("Review a sampled case"), "/insight");
  add_errors(view, form);
  auto back = "/insight/quality?" + sampled_query(review.sampled);
  view["back_link"] = {{"href", back}, {"text", staff_text("Back to the sample")}};
  view["person"] = {{"name", review.person.full_name()}, {"href", person_href(person_id)}};
  view["caption"] = staff_text("((unit)), ((month)) sample", {{"unit", review.sampled.name}, {"month", to_long_month(review.sampled.month)}});
  auto version = review.review ? review.review->version : 0;
  view["version"] = version;
  if (review.review)
    view["reviewed"] = staff_text("Last reviewed on ((date)) (version ((version))).",
                                  {{"date", to_long_date(review.review->reviewed_on)}, {"version", std::to_string(version)}});
  view["action"] = review_href(review.sampled, person_id);
  view["questions"] = question_fields(review, form);
  return render_page(context, form.errors.empty() ? 200 : 422, "insight/quality_review", view);
}

Response record_review(WebContext& context, Request& request, const Caller& caller, int size) {
  auto query = query_fields(request);
  auto person_id = id_param(request, "id");
  auto form = submitted_form(request);
  auto version = take_submitted_version(form.values);
  QualityReview saved;
  form.errors = errors_from([&] {
    saved = services::record_quality_review(context.store, context.clock, caller.staff, query, person_id, form.values, version, size);
  });
  if (form.errors.empty()) return Response::redirect("/insight/quality?" + sampled_query({saved.unit, "", saved.month}));
  return review_page(context, request, caller, size, form);
}

Response themes_page(WebContext& context, Request& request, const Caller& caller, int size) {
  FormState form{query_fields(request), {}};
  services::QualityThemes themes;
  form.errors = errors_from([&] { themes = services::quality_themes(context.store, context.clock, caller.staff, form.values, size); });
  auto view = page_view(caller, staff_text("Quality sampling themes"), "/insight");
  add_errors(view, form);
  if (form.errors.empty()) {
    form.values = chosen_fields(themes.sampled);
    auto query = sampled_query(themes.sampled);
    auto rows = View::list();
    auto notes = View::list();
    for (const auto& theme : themes.summary.themes) {
      auto label = std::string{entry_for(quality_questions(), theme.question).label};
      rows.push_back({{"row_header", {{"text", label}}},
                      {"cells", View::list({View::object({{"text", std::to_string(theme.met)}, {"numeric", true}}),
                                            View::object({{"text", std::to_string(theme.not_met)}, {"numeric", true}}),
                                            View::object({{"text", std::to_string(theme.not_applicable)}, {"numeric", true}})})}});
      auto items = View::list();
      for (const auto& note : theme.notes) items.push_back(note);
      if (!theme.notes.empty()) notes.push_back({{"label", label}, {"notes", items}});
    }
    view["themes"] = {{"name", themes.sampled.name},
                      {"month", to_long_month(themes.sampled.month)},
                      {"reviewed", staff_text_plural("((reviewed)) of the ((count)) sampled case has been reviewed.",
                                                     "((reviewed)) of the ((count)) sampled cases have been reviewed.",
                                                     themes.summary.sampled, {{"reviewed", std::to_string(themes.summary.reviewed)}})},
                      {"table", {{"caption", staff_text("How many sampled cases met each question")},
                                 {"head", {{{"text", staff_text("Question")}},
                                           {{"text", staff_text("Met")}, {"numeric", true}},
                                           {{"text", staff_text("Not met")}, {"numeric", true}},
                                           {{"text", staff_text("Not applicable")}, {"numeric", true}}}},
                                 {"rows", rows}}},
                      {"notes", notes},
                      {"any_notes", !notes.empty()},
                      {"sample_href", "/insight/quality?" + query},
                      {"csv_href", "/insight/quality/themes.csv?" + query}};
  }
  view["fields"] = choice_fields(form, context.clock.today());
  return render_page(context, form.errors.empty() ? 200 : 422, "insight/quality_themes", view);
}

Response themes_csv(WebContext& context, Request& request, const Caller& caller, int size) {
  auto themes = services::quality_themes(context.store, context.clock, caller.staff, query_fields(request), size);
  auto response = Response::text(200, quality_themes_csv(themes.summary), "text/csv; charset=utf-8");
  response.headers["Content-Disposition"] = "attachment; filename=\"quality-themes-" + themes.sampled.unit.code + "-" +
                                            to_iso(themes.sampled.month) + ".csv\"";
  return response;
}

// A review from the API's body: {"answers": {"<question>": {"finding": "met", "note": "..."}}}, read as
// the form's fields so the same rules name the same fields.
FieldInput review_body(const Request& request) {
  auto body = parse_body(request);
  if (!body.is_object() || !body.contains("answers") || !body["answers"].is_object())
    throw ValidationFailed("answers", staff_text("must be an object of answers by question"));
  FieldInput fields;
  for (const auto& question : quality_questions()) {
    auto code = std::string{question.code};
    auto answer = body["answers"].find(code);
    if (answer == body["answers"].end()) continue;
    if (!answer->is_object()) throw ValidationFailed(code, staff_text("must be an object with a finding and a note"));
    if (auto finding = answer->find("finding"); finding != answer->end() && finding->is_string()) fields[code] = finding->get<std::string>();
    if (auto note = answer->find("note"); note != answer->end() && note->is_string()) fields[code + "_note"] = note->get<std::string>();
  }
  return fields;
}

void add_quality_sampling_api(Router& router, WebContext& context, int size) {
  auto& store = context.store;
  const auto& clock = context.clock;
  router.add("GET", "/api/v1/insight/quality-sample", api(context, [&store, &clock, size](Request& request, const Caller& caller) {
               return json_response(200, quality_sample_json(services::quality_sample(store, clock, caller.staff, query_fields(request), size)));
             }));
  router.add("GET", "/api/v1/insight/quality-sample/people/{id}", api(context, [&store, &clock, size](Request& request, const Caller& caller) {
               auto review = services::quality_review_case(store, clock, caller.staff, query_fields(request), id_param(request, "id"), size);
               return record_response(200, quality_review_case_json(review), review.review ? review.review->version : 0);
             }));
  router.add("PUT", "/api/v1/insight/quality-sample/people/{id}", api(context, [&store, &clock, size](Request& request, const Caller& caller) {
               auto version = if_match_version(request);
               if (!version) return precondition_required();
               auto query = query_fields(request);
               auto person_id = id_param(request, "id");
               services::record_quality_review(store, clock, caller.staff, query, person_id, review_body(request), *version, size);
               auto review = services::quality_review_case(store, clock, caller.staff, query, person_id, size);
               return record_response(200, quality_review_case_json(review), review.review->version);
             }));
  router.add("GET", "/api/v1/insight/quality-themes", api(context, [&store, &clock, size](Request& request, const Caller& caller) {
               return json_response(200, quality_themes_json(services::quality_themes(store, clock, caller.staff, query_fields(request), size)));
             }));
}

}  // namespace

void add_quality_sampling_routes(Router& router, WebContext& context) {
  auto size = whole_number_setting("RESETTLE_QUALITY_SAMPLE_SIZE", 1, default_sample_size);
  router.get("/insight/quality", page(context, [&context, size](Request& r, const Caller& c) { return sample_page(context, r, c, size); }));
  router.get("/insight/quality/people/{id}", page(context, [&context, size](Request& r, const Caller& c) {
               return review_page(context, r, c, size, {});
             }));
  router.post("/insight/quality/people/{id}", page(context, [&context, size](Request& r, const Caller& c) {
                return record_review(context, r, c, size);
              }));
  router.get("/insight/quality/themes", page(context, [&context, size](Request& r, const Caller& c) { return themes_page(context, r, c, size); }));
  router.get("/insight/quality/themes.csv", page(context, [&context, size](Request& r, const Caller& c) { return themes_csv(context, r, c, size); }));
  add_quality_sampling_api(router, context, size);
}

}  // namespace resettle::web
