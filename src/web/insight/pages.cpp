// Insight pages: a manager's (or an administrator's) view of the measures for a scope and period, split
// by one characteristic, with a table, a bar chart and a CSV download for each; and the person's equality
// information, seen and recorded only by those who may.
#include <charconv>
#include <cstdlib>
#include <stdexcept>
#include <string>

#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include "domain/catalogue.hpp"
#include "domain/staff_catalogue.hpp"
#include "services/insight/insight.hpp"
#include "web/failures.hpp"
#include "web/insight/views.hpp"
#include "web/routes.hpp"

namespace resettle::web {

namespace {

std::string equality_href(std::int64_t person_id) { return person_href(person_id) + "/equality"; }

// The server's rules for hiding small numbers: RESETTLE_INSIGHT_THRESHOLD (a whole number from 1) sets
// the threshold; otherwise the default of 5. Set by whoever runs the server, never by a viewer.
DisclosureRules disclosure_rules() {
  DisclosureRules rules;
  rules.threshold = whole_number_setting("RESETTLE_INSIGHT_THRESHOLD", 1, rules.threshold);
  return rules;
}

// How long after a change figures worked out before it may still be shown, saying so:
// RESETTLE_INSIGHT_ALLOWED_AGE in seconds; by default never (every view is in step with the records).
std::chrono::seconds allowed_age() { return std::chrono::seconds{whole_number_setting("RESETTLE_INSIGHT_ALLOWED_AGE", 0, 0)}; }

}  // namespace

services::InsightMemo& insight_memo() {
  static services::InsightMemo memo{allowed_age()};
  return memo;
}

namespace {

// When the figures were worked out, on the clock in England and Wales, and whether records changed since.
View worked_out_view(const services::InsightReport& report) {
  auto local = uk_local(report.worked_out.at);
  return {{"at", staff_text("((time)) on ((date))", {{"time", to_text(local.at)}, {"date", to_long_date(local.on)}})},
          {"changed_since", report.changed_since}};
}

FieldInput query_fields(const Request& request) {
  FieldInput fields;
  for (const auto& [name, value] : request.query) fields[name] = value;
  return fields;
}

// The report's choices over `period`, every default made explicit, for links that keep them; the referral
// tables counting the group `referrals_group`.
std::string choices_of(const services::InsightReport& report, const Period& period, const std::string& referrals_group) {
  return "from=" + to_iso(period.from) + "&to=" + to_iso(period.to) +
         "&characteristic=" + std::string{entry_for(characteristics(), report.characteristic).code} +
         "&compare=" + report.compared.code + "&referrals_group=" + referrals_group;
}
std::string choices_of(const services::InsightReport& report) {
  return choices_of(report, report.period, report.referrals_group.code);
}

// The scope of the report, for links to another choice within it.
std::string scope_of(const services::InsightReport& report) {
  return "scope=" + std::string{entry_for(scope_kinds(), report.scope.kind).code} +
         "&code=" + boost::urls::encode(report.scope.code, boost::urls::unreserved_chars);
}

// The report's own query, for its CSV links.
std::string query_of(const services::InsightReport& report) { return scope_of(report) + "&" + choices_of(report); }

// The periods the page offers (their figures made ahead), each a link keeping the other choices but the one
// shown.
View offered_periods_view(const services::InsightReport& report) {
  auto periods = View::list();
  for (const auto& offered : report.offered) {
    View period{{"label", staff_text_of(offered.label)}};
    if (offered.period.from != report.period.from || offered.period.to != report.period.to)
      period["href"] = "/insight?" + scope_of(report) + "&" + choices_of(report, offered.period, report.referrals_group.code);
    periods.push_back(period);
  }
  return periods;
}

// The referral tables by service and by pathway, with links to count them for each group of the
// characteristic (the one shown is not a link).
View referrals_section(const services::InsightReport& report, const std::string& query) {
  auto groups = View::list();
  auto link = [&](const std::string& code, const std::string& label) {
    View group{{"label", label}};
    if (code != report.referrals_group.code)
      group["href"] = "/insight?" + scope_of(report) + "&" + choices_of(report, report.period, code) + "#referrals-heading";
    groups.push_back(group);
  };
  link("total", staff_text("Everyone"));
  for (const auto& group : groups_of(report.characteristic)) link(group.code, group.label);
  auto counted = report.referrals_group.code == "total" ? staff_text("everyone") : report.referrals_group.label;
  return {{"groups", groups},
          {"counted", counted},
          {"by_service", referrals_view(report.referrals.by_service, "referrals_by_service",
                                        staff_text("Referrals by service: ((counted))", {{"counted", counted}}),
                                        staff_text("Service"), query)},
          {"by_pathway", referrals_view(report.referrals.by_pathway, "referrals_by_pathway",
                                        staff_text("Referrals by pathway: ((counted))", {{"counted", counted}}),
                                        staff_text("Pathway"), query)}};
}

// Every measure and progress measure, and the officer change rate, for the choice of what to compare the
// units on.
View compare_options(const std::string& chosen) {
  auto options = coded_options(measures(), chosen, "selected");
  for (const auto& option : coded_options(progress_measures(), chosen, "selected")) options.push_back(option);
  options.push_back({{"value", "officer_changes"},
                     {"text", staff_text("Changes of lead officer per person per six months")},
                     {"selected", chosen == "officer_changes"}});
  return options;
}

View choice_form(const FormState& form) {
  auto fields = View::list();
  fields.push_back({{"select", form_field(form, "scope", staff_text("Scope"), {{"options", coded_options(scope_kinds(), value_of(form, "scope"), "selected")}})}});
  fields.push_back({{"text_input", form_field(form, "code", staff_text("Code of the team, PDU, prison or region"),
                                              {{"hint", staff_text("Leave empty for England and Wales")}, {"width", "govuk-input--width-10"}})}});
  fields.push_back({{"date_input", date_form_field(form, "from", staff_text("From"))}});
  fields.push_back({{"date_input", date_form_field(form, "to", staff_text("To"))}});
  fields.push_back({{"select", form_field(form, "characteristic", staff_text("Split by"),
                                          {{"options", coded_options(characteristics(), value_of(form, "characteristic"), "selected")}})}});
  fields.push_back({{"select", form_field(form, "compare", staff_text("Compare the units within it on"),
                                          {{"options", compare_options(value_of(form, "compare"))}})}});
  return fields;
}

Response insight_page(WebContext& context, Request& request, const Caller& caller, const DisclosureRules& rules,
                      services::InsightMemo& memo) {
  FormState form{query_fields(request), {}};
  services::InsightReport report;
  form.errors = errors_from([&] {
    report = services::insight_report(context.store, context.clock, caller.staff, form.values, rules, memo);
  });
  auto view = page_view(caller, staff_text("Insight"), "/insight");
  add_errors(view, form);
  if (form.errors.empty()) {
    form.values = {{"scope", std::string{entry_for(scope_kinds(), report.scope.kind).code}},
                   {"code", report.scope.code},
                   {"from", to_iso(report.period.from)},
                   {"to", to_iso(report.period.to)},
                   {"characteristic", std::string{entry_for(characteristics(), report.characteristic).code}},
                   {"compare", report.compared.code},
                   {"referrals_group", report.referrals_group.code}};
    auto query = query_of(report);
    auto measures = View::list();
    for (const auto& segmentation : report.measures) measures.push_back(measure_view(segmentation, query));
    for (const auto& split : report.progress) measures.push_back(progress_view(split, query));
    view["report"] = {{"scope_name", report.scope_name},
                      {"from", to_long_date(report.period.from)},
                      {"to", to_long_date(report.period.to)},
                      {"characteristic", std::string{entry_for(characteristics(), report.characteristic).label}},
                      {"threshold", report.rules.threshold},
                      {"margin", static_cast<int>(report.rules.margin * 100)},
                      {"people", staff_text_plural("((count)) person in this scope.", "((count)) people in this scope.", report.people)},
                      {"worked_out", worked_out_view(report)},
                      {"measures", measures},
                      {"lateness", days_view(report.lateness, staff_text("How late community offender managers were allocated"),
                                             "com_lateness", query)},
                      {"first_contact", days_view(report.first_contact, staff_text("Days from referral to first contact"),
                                                  "referral_first_contact", query)},
                      {"officer_changes", officer_changes_view(report.officer_changes, query)},
                      {"referrals", referrals_section(report, query)},
                      {"periods", offered_periods_view(report)},
                      {"units", units_view(report, choices_of(report), query)}};
  }
  view["fields"] = choice_form(form);
  return render_page(context, form.errors.empty() ? 200 : 422, "insight/insight", view);
}

Response insight_csv(WebContext& context, Request& request, const Caller& caller, const DisclosureRules& rules,
                     services::InsightMemo& memo) {
  auto name = request.path_params.at("table");
  auto report = services::insight_report(context.store, context.clock, caller.staff, query_fields(request), rules, memo);
  std::string body;
  if (name == "com_lateness") {
    body = days_csv(report.lateness);
  } else if (name == "referral_first_contact") {
    body = days_csv(report.first_contact);
  } else if (name == "officer_changes") {
    body = officer_changes_csv(report.officer_changes);
  } else if (name == "referrals_by_service") {
    body = referrals_csv(report.referrals.by_service);
  } else if (name == "referrals_by_pathway") {
    body = referrals_csv(report.referrals.by_pathway);
  } else if (name == "units") {
    body = units_csv(report.units);
  } else if (auto measure = parse_code(measures(), name)) {
    body = measure_csv(report.measures[static_cast<std::size_t>(*measure)]);
  } else if (auto progress = parse_code(progress_measures(), name)) {
    body = measure_csv(report.progress[static_cast<std::size_t>(*progress)].split);
  } else {
    throw NotFound("no insight table " + name);
  }
  auto response = Response::text(200, body, "text/csv; charset=utf-8");
  response.headers["Content-Disposition"] = "attachment; filename=\"insight-" + name + ".csv\"";
  return response;
}

// Which number the list is behind, in one sentence: the scope, period, measure and group, and who of the
// group is counted (a band of a distribution, those who met the measure, or all it counts).
std::string cases_description(const services::InsightCaseList& list) {
  auto group = list.group.code == "total" ? staff_text("everyone") : list.group.label;
  auto from = to_long_date(list.period.from), to = to_long_date(list.period.to);
  TextValues values{
      {"scope", list.scope_name},
      {"from", from},
      {"to", to},
      {"measure", list.measure.title},
      {"group", group},
      {"characteristic", entry_for(characteristics(), list.characteristic).label}};
  if (list.by_band) return staff_text("((scope)), ((from)) to ((to)): ((measure)), ((group)), in that band.", values);
  if (list.only_met)
    return staff_text("((scope)), ((from)) to ((to)): ((measure)), ((group)) (((characteristic))), who met the measure.", values);
  return staff_text("((scope)), ((from)) to ((to)): ((measure)), ((group)) (((characteristic))), counted by the measure.", values);
}

// The people behind a number of a table, each linked to their record; a hidden number lists no one.
Response insight_cases_page(WebContext& context, Request& request, const Caller& caller, const DisclosureRules& rules) {
  auto list = services::insight_cases(context.store, context.clock, caller.staff, query_fields(request), rules,
                                       insight_memo());
  auto view = page_view(caller, staff_text("Cases behind the number"), "/insight");
  auto rows = View::list();
  for (const auto& person : list.people)
    rows.push_back({{"row_header", {{"text", person.full_name()}, {"href", person_href(person.id)}}},
                    {"texts", View::list({person.prison_number, person.crn})}});
  auto back = query_fields(request);
  back.erase("measure");
  back.erase("group");
  back.erase("met");
  back.erase("band");
  back.erase("row");
  back.erase("stage");
  std::string back_query;
  for (const auto& [name, value] : back)
    back_query += (back_query.empty() ? "" : "&") + name + "=" + boost::urls::encode(value, boost::urls::unreserved_chars);
  view["list"] = {{"description", cases_description(list)},
                  {"definition", std::string{list.measure.definition}},
                  {"hidden", list.hidden},
                  {"counted", staff_text_plural("((count)) person.", "((count)) people.", list.counted)},
                  {"not_named", list.not_named > 0},
                  {"not_named_text", staff_text_plural("((count)) of them has limited access that keeps them from you: they are counted but not named.",
                                                       "((count)) of them have limited access that keeps them from you: they are counted but not named.",
                                                       list.not_named)},
                  {"not_listed", list.not_listed > 0},
                  {"not_listed_text", staff_text_plural("The first ((listed_at_most)) are listed; ((count)) more is not. Choose a smaller scope to see it.",
                                                        "The first ((listed_at_most)) are listed; ((count)) more are not. Choose a smaller scope to see them.",
                                                        list.not_listed, {{"listed_at_most", std::to_string(services::listed_at_most)}})},
                  {"any", !list.people.empty()},
                  {"table", {{"caption", staff_text("People")},
                             {"head", {{{"text", staff_text("Name")}}, {{"text", staff_text("Prison number")}}, {{"text", staff_text("CRN")}}}},
                             {"rows", rows}}},
                  {"back_href", "/insight?" + back_query}};
  return render_page(context, 200, "insight/cases", view);
}

// --- The person's equality information ---------------------------------------------------------------

View equality_summary(const services::PersonEqualityFacts& record) {
  auto rows = View::list();
  for (const auto& entry : characteristics()) {
    if (!is_asked(entry.value)) continue;
    auto found = record.facts->answers.find(entry.value);
    auto answer = found == record.facts->answers.end() ? std::string{staff_text("Not recorded")}
                                                       : std::string{answer_label(entry.value, found->second)};
    rows.push_back({{"key", entry.label}, {"value", answer}});
  }
  rows.push_back({{"key", staff_text("Consent given")}, {"value", to_long_date(record.facts->consent_given_on)}});
  rows.push_back({{"key", staff_text("Recorded by")}, {"value", record.recorded_by_name}});
  return {{"rows", rows}};
}

View equality_form_fields(const FormState& form) {
  auto fields = View::list();
  fields.push_back({{"radios", form_field(form, "consent", staff_text("Consent"),
                                          {{"legend", staff_text("Has the person agreed to this information being recorded?")},
                                           {"hint", staff_text("Explain that it is used only to check that the service treats everyone "
                                                    "fairly, and that they need not answer any question")},
                                           {"items", View::list({{{"value", "yes"}, {"text", staff_text("Yes, they agreed")},
                                                                  {"checked", value_of(form, "consent") == "yes"}}})}})}});
  fields.push_back({{"date_input", date_form_field(form, "consent_given_on", staff_text("Date they agreed"))}});
  for (const auto& entry : characteristics()) {
    if (!is_asked(entry.value)) continue;
    auto code = std::string{entry.code};
    auto items = View::list();
    for (const auto& answer : answers_for(entry.value))
      items.push_back({{"value", answer.code}, {"text", answer.label}, {"checked", value_of(form, code) == answer.code}});
    fields.push_back({{"radios", form_field(form, code, std::string{entry.label},
                                            {{"legend", std::string{question_for(entry.value)}}, {"items", items}})}});
  }
  return fields;
}

Response equality_page(WebContext& context, const Caller& caller, std::int64_t person_id, FormState form) {
  auto record = services::equality_facts_of(context.store, caller.staff, person_id);
  if (form.values.empty() && record.facts) form.values = equality_fields(*record.facts);
  auto view = page_view(caller, staff_text("Equality information"), "");
  add_errors(view, form);
  view["person"] = {{"name", record.person.full_name()}, {"href", person_href(person_id)}};
  view["heading"] = staff_text("Equality information");
  view["intro"] = record.facts ? staff_text("Recorded with the person's consent. Change any answer below.")
                               : staff_text("Nothing is recorded yet. Ask the person; every question can be left as not stated or "
                                 "prefers not to say.");
  if (record.facts) view["summary"] = equality_summary(record);
  view["action"] = equality_href(person_id);
  view["has_version"] = true;
  view["version"] = record.facts ? record.facts->version : 0;
  view["submit"] = staff_text("Save equality information");
  view["fields"] = equality_form_fields(form);
  return render_page(context, form.errors.empty() ? 200 : 422, "insight/equality", view);
}

Response record_equality(WebContext& context, Request& request, const Caller& caller) {
  auto person_id = id_param(request, "id");
  auto form = submitted_form(request);
  auto version = take_submitted_version(form.values);
  form.errors = errors_from([&] {
    services::record_equality_facts(context.store, context.clock, caller.staff, person_id, form.values, version);
  });
  if (form.errors.empty()) return Response::redirect(equality_href(person_id));
  return equality_page(context, caller, person_id, form);
}

}  // namespace

int whole_number_setting(const char* name, int min, int fallback) {
  const char* setting = std::getenv(name);
  if (!setting) return fallback;
  std::string_view text{setting};
  int value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || value < min)
    throw std::runtime_error(std::string{name} + ": must be a whole number from " + std::to_string(min) + ", not \"" +
                             std::string{text} + "\"");
  return value;
}

void add_insight_routes(Router& router, WebContext& context) {
  auto rules = disclosure_rules();
  auto& memo = insight_memo();  // read now, so a bad RESETTLE_INSIGHT_ALLOWED_AGE stops the start
  router.get("/insight", page(context, [&context, rules, &memo](Request& r, const Caller& c) {
               return insight_page(context, r, c, rules, memo);
             }));
  router.get("/insight/csv/{table}", page(context, [&context, rules, &memo](Request& r, const Caller& c) {
               return insight_csv(context, r, c, rules, memo);
             }));
  router.get("/insight/cases", page(context, [&context, rules](Request& r, const Caller& c) {
               return insight_cases_page(context, r, c, rules);
             }));
  router.get("/people/{id}/equality", page(context, [&](Request& r, const Caller& c) {
               return equality_page(context, c, id_param(r, "id"), {});
             }));
  router.post("/people/{id}/equality", page(context, [&](Request& r, const Caller& c) { return record_equality(context, r, c); }));
  add_insight_api(router, context, rules);
  add_quality_sampling_routes(router, context);
}

}  // namespace resettle::web
