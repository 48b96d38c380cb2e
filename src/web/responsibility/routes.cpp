// Who leads a case, its risk profile, and the worklists: pages and JSON API.
#include <memory>

#include "domain/catalogue.hpp"
#include "domain/staff_catalogue.hpp"
#include "services/people/case_records.hpp"
#include "services/responsibility/handovers.hpp"
#include "services/licence/licences.hpp"
#include "services/release/release_day.hpp"
#include "services/plan/resettlement_plan.hpp"
#include "services/transfers/transfers.hpp"
#include "services/worklist_page.hpp"
#include "services/responsibility/responsibility.hpp"
#include "web/api_support.hpp"
#include "web/responsibility/views.hpp"
#include "web/people/views.hpp"
#include "web/routes.hpp"
#include "web/plan/views.hpp"
#include "web/supervision/views.hpp"
#include "web/transfers/views.hpp"
#include "web/failures.hpp"
#include "web/kept_pages.hpp"

namespace resettle::web {

namespace {

constexpr int default_handover_weeks = 8;

int weeks_param(const Request& request) {
  auto weeks = request.query_param("weeks");
  if (!weeks) return default_handover_weeks;
  FieldInput input{{"weeks", *weeks}};
  FieldReader reader{input};
  auto value = reader.integer("weeks", Need::optional, 1, 52);
  reader.throw_if_failed();
  return static_cast<int>(value.value_or(default_handover_weeks));
}

// A worklist as a GOV.UK table: the person, where they are, the date that puts them on it, who leads
// now, and a last column (overdue plan items, or what an overdue handover still needs).
using services::PlaceNames;

const std::string& name_of(const PlaceNames& names, const std::string& code) {
  auto found = names.find(code);
  return found == names.end() ? code : found->second;
}

struct TableRow {
  const PersonSummary& person;
  const std::string& prison_code;
  const std::string& pdu_code;
  const std::optional<Date>& date;
  Responsibility responsibility;
  View last_cell;
};
View worklist_table(const std::vector<TableRow>& rows, const PlaceNames& places, std::string caption,
                    std::string date_heading, std::string last_heading) {
  auto table_rows = View::list_with_room(rows.size());
  for (const auto& row : rows) {
    const auto& person = row.person;
    auto texts = View::list_with_room(5);  // four texts and, most often, a plain-text last cell
    texts.push_back(person.prison_number.empty() ? person.crn : person.prison_number);
    texts.push_back(name_of(places, row.prison_code.empty() ? row.pdu_code : row.prison_code));
    texts.push_back(to_long_date(row.date));
    texts.push_back(entry_for(responsibilities(), row.responsibility).label);
    table_rows.push_back(linked_row(person.full_name(), person_href(person.id), std::move(texts),
                                    row.last_cell));
  }
  bool empty = table_rows.empty();
  return {{"caption", std::move(caption)},
          {"head", {{{"text", staff_text("Name")}}, {{"text", staff_text("Number")}}, {{"text", staff_text("Prison or PDU")}}, {{"text", std::move(date_heading)}},
                    {{"text", staff_text("Who leads now")}}, {{"text", std::move(last_heading)}}}},
          {"rows", std::move(table_rows)},
          {"empty", empty}};
}

// Overdue plan actions and checklist items are flagged on the dated worklists, so nothing is missed
// on release day.
View dated_table(const services::DatedWorklistPage& page, std::string caption, std::string date_heading) {
  const auto& worklist = page.rows.items;
  std::vector<TableRow> rows;
  rows.reserve(worklist.size());
  for (std::size_t i = 0; i < worklist.size(); ++i) {
    const auto& listed = worklist[i];
    rows.push_back({listed.person, listed.prison_code, listed.pdu_code, listed.date, listed.responsibility,
                    plan_alerts_cell(page.alerts[i])});
  }
  return worklist_table(rows, page.places, std::move(caption), std::move(date_heading), staff_text("Overdue"));
}

// Overdue handovers: what is missing is said in words (no COM, meeting not held).
View overdue_table(const std::vector<services::OverdueHandover>& overdue, const PlaceNames& places) {
  std::vector<TableRow> rows;
  for (const auto& item : overdue) {
    const auto& entry = item.entry;
    rows.push_back({entry.person, entry.prison_code, entry.pdu_code, entry.dates.handover_date,
                    entry.dates.responsibility, View(flags_in_words(item.flags))});
  }
  return worklist_table(rows, places, staff_text("Overdue handovers"), staff_text("Handover date"), staff_text("What needs doing"));
}

// Licences due: the latest licence's status in words, and its working-day warning.
View licences_table(const std::vector<services::LicenceWorklistRow>& due, const PlaceNames& places) {
  std::vector<TableRow> rows;
  rows.reserve(due.size());
  for (const auto& item : due) {
    std::string status = item.status ? std::string{entry_for(licence_statuses(), *item.status).label} : staff_text("Not started");
    if (item.warning != LicenceWarning::none) status += ": " + std::string{entry_for(licence_warnings(), item.warning).label};
    rows.push_back({item.row.person, item.row.prison_code, item.row.pdu_code, item.row.date, item.row.responsibility,
                    View(std::move(status))});
  }
  return worklist_table(rows, places,
                        staff_text_plural("Releases in the next ((count)) week without an approved licence",
                                          "Releases in the next ((count)) weeks without an approved licence", services::release_worklist_weeks),
                        staff_text("Release date"), staff_text("Licence"));
}

// The worklists, one at a time behind a sub-navigation, each in date order a page at a time: a unit's
// lists run to hundreds of cases, and all of them on one page were slow to load and to read.
using Worklist = services::WorklistTab;
using WorklistTab = PageSection<Worklist>;
constexpr WorklistTab worklist_tabs[] = {
    {Worklist::handovers, "/worklists", staff_label("Handovers due")},
    {Worklist::releases, "/worklists/releases", staff_label("Releases due")},
    {Worklist::without_com, "/worklists/without-com", staff_label("No COM allocated")},
    {Worklist::overdue_handovers, "/worklists/overdue-handovers", staff_label("Overdue handovers")},
    {Worklist::licences, "/worklists/licences", staff_label("Licences due")},
    {Worklist::licences_to_explain, "/worklists/licences-to-explain", staff_label("Licences to go through")},
    {Worklist::contact, "/worklists/contact", staff_label("Contact overdue and reviews due")},
    {Worklist::cannot_come, "/worklists/cannot-come", staff_label("Cannot come")},
};

// The table of the list shown; its pagination (and, for handovers, the weeks shown) go into `view`.
View worklist_tab_table(const services::WorklistsPage& page, services::WorklistTab list, int weeks, View& view) {
  using services::WorklistTab;
  switch (list) {
    case WorklistTab::handovers:
      view["weeks"] = weeks;
      return dated_table(*page.dated, staff_text_plural("Handovers due in the next ((count)) week", "Handovers due in the next ((count)) weeks", weeks),
                         staff_text("Handover date"));
    case WorklistTab::releases:
      return dated_table(*page.dated, staff_text_plural("Releases in the next ((count)) week", "Releases in the next ((count)) weeks", services::release_worklist_weeks),
                         staff_text("Release date"));
    case WorklistTab::without_com:
      return dated_table(*page.dated, staff_text("No community offender manager allocated after the start date"), staff_text("COM due from"));
    case WorklistTab::overdue_handovers: return overdue_table(page.overdue->items, page.places);
    case WorklistTab::licences: return licences_table(page.licences->items, page.places);
    case WorklistTab::licences_to_explain:
      return dated_table(*page.dated, staff_text("Licences not yet gone through with the person in full"), staff_text("Release date"));
    case WorklistTab::contact: return contact_worklist_table(page.contact->items, page.places);
    case WorklistTab::cannot_come: return cannot_come_table(*page.cannot_come);
  }
  throw std::logic_error("unknown worklist");
}

std::optional<std::string> next_cursor_of(const services::WorklistsPage& page) {
  if (page.dated) return page.dated->rows.next_cursor;
  if (page.overdue) return page.overdue->next_cursor;
  if (page.contact) return page.contact->next_cursor;
  if (page.licences) return page.licences->next_cursor;
  return std::nullopt;
}

std::string worklists_page_body(WebContext& context, const Request& request, const Caller& caller, const WorklistTab& shown,
                                int weeks, const services::WorklistsPage& page, std::int64_t transfers_awaiting) {
  auto view = page_view(caller, staff_text("Worklists"), "/worklists");
  view["sections"] = sub_navigation(staff_text("Worklists"), worklist_tabs, shown.path);
  view["action"] = shown.path;
  view["prison_code"] = request.query_param("prison_code").value_or("");
  view["pdu_code"] = request.query_param("pdu_code").value_or("");
  view["table"] = worklist_tab_table(page, shown.shows, weeks, view);
  add_pagination(view, request, next_cursor_of(page));
  view["transfers_awaiting"] = transfers_awaiting;
  return context.templates.render_page("responsibility/worklists", view);
}

Response worklists_page(WebContext& context, services::WorklistMemos& memos, Request& request, const Caller& caller,
                        const WorklistTab& shown) {
  int weeks = shown.shows == services::WorklistTab::handovers ? weeks_param(request) : 0;
  auto page = services::kept_worklists_page(context.store, memos, context.clock, context.bank_holidays, caller.staff,
                                            shown.shows, weeks, worklist_request(request));
  // The transfers awaiting are counted at every request: the bytes kept under each count.
  return kept_page(*page.list.made, caller, request, std::to_string(page.transfers_awaiting), [&] {
    return worklists_page_body(context, request, caller, shown, weeks, *page.list.data, page.transfers_awaiting);
  });
}

Response risk_form(WebContext& context, const Caller& caller, const Person& person, const FormState& form,
                   std::int64_t version) {
  auto view = page_view(caller, staff_text("Risk and responsibility"), "");
  add_errors(view, form);
  view["person"] = {{"name", person.full_name()}, {"href", person_href(person.id)}};
  view["version"] = version;
  auto value = [&](const std::string& name) {
    auto found = form.values.find(name);
    return found == form.values.end() ? std::string{} : found->second;
  };
  view["fields"] = {
      {"rosh", form_field(form, "rosh", staff_text("Risk of serious harm (ROSH)"),
                          {{"options", with_blank_option(coded_options(rosh_levels(), value("rosh"), "selected"), staff_text("Not assessed"))}})},
      {"tier", form_field(form, "tier", staff_text("Tier"), {{"options", with_blank_option(coded_options(tiers(), value("tier"), "selected"), staff_text("Not set"))}})},
      {"mappa_level", form_field(form, "mappa_level", staff_text("MAPPA level"),
                                 {{"options", coded_options(mappa_levels(), value("mappa_level"), "selected")}})},
      {"open_prison_arrival_date", date_form_field(form, "open_prison_arrival_date", staff_text("Arrived in open conditions on (optional)"),
                                                   {{"hint", staff_text("Men serving an indeterminate sentence: the community offender manager joins then.")}})},
      {"category_t_date", date_form_field(form, "category_t_date", staff_text("Category T from (optional)"),
                                          {{"hint", staff_text("Women serving an indeterminate sentence: the community offender manager joins then.")}})},
      {"manual_responsibility",
       form_field(form, "manual_responsibility", staff_text("Responsibility set by hand (optional)"),
                  {{"hint", staff_text("Only when the rules do not fit this case. This overrides every rule.")},
                   {"options", with_blank_option(coded_options(manual_responsibilities(), value("manual_responsibility"), "selected"),
                                          staff_text("Follow the rules"))}})},
      {"manual_responsibility_reason", form_field(form, "manual_responsibility_reason", staff_text("Why responsibility is set by hand"))},
  };
  view["iom_checked"] = value("iom") == "true";
  view["early_allocation_checked"] = value("early_allocation") == "true";
  view["parole_review_completed_checked"] = value("parole_review_completed") == "true";
  view["further_indeterminate_sentence_checked"] = value("further_indeterminate_sentence") == "true";
  return render_page(context, form.errors.empty() ? 200 : 422, "responsibility/risk_profile_form", view);
}

void add_pages(Router& router, WebContext& context) {
  auto memos = std::make_shared<services::WorklistMemos>();
  for (const auto& tab : worklist_tabs)
    router.get(tab.path, page(context, [&context, memos, &tab](Request& r, const Caller& c) {
                 return worklists_page(context, *memos, r, c, tab);
               }));
  router.get("/people/{id}/risk", page(context, [&](Request& request, const Caller& caller) {
               auto record = services::view_person(context.store, caller.staff, id_param(request, "id"), "risk profile");
               FormState form{risk_profile_fields(record.risk_profile), {}};
               return risk_form(context, caller, record.person, form, record.risk_profile.version);
             }));
  router.post("/people/{id}/risk", page(context, [&](Request& request, const Caller& caller) {
                auto id = id_param(request, "id");
                auto form = submitted_form(request);
                auto version = take_submitted_version(form.values);
                for (auto flag : {"iom", "early_allocation", "parole_review_completed", "further_indeterminate_sentence"})
                  form.values.try_emplace(flag, "false");  // unticked boxes send nothing
                form.errors = errors_from([&] { services::update_risk_profile(context.store, context.clock, caller.staff, id, form.values, version); });
                if (form.errors.empty()) return Response::redirect(person_href(id));
                auto record = services::view_person(context.store, caller.staff, id, "risk profile");
                return risk_form(context, caller, record.person, form, version);
              }));
}

void add_api(Router& router, WebContext& context) {
  auto route = [&](std::string_view method, std::string_view pattern, CallerHandler handler) {
    router.add(method, pattern, api(context, std::move(handler)));
  };
  route("GET", "/api/v1/people/{id}/responsibility", [&](Request& request, const Caller& caller) {
    auto record = services::view_person(context.store, caller.staff, id_param(request, "id"), "api responsibility");
    return json_response(200, responsibility_json(services::case_responsibility(context.store, record, context.clock.today(),
                                                                               context.bank_holidays)));
  });
  route("GET", "/api/v1/people/{id}/risk-profile", [&](Request& request, const Caller& caller) {
    auto record = services::view_person(context.store, caller.staff, id_param(request, "id"), "api risk profile");
    return record_response(200, risk_profile_json(record.risk_profile), record.risk_profile.version);
  });
  route("PATCH", "/api/v1/people/{id}/risk-profile", [&](Request& request, const Caller& caller) {
    auto version = if_match_version(request);
    if (!version) return precondition_required();
    auto fields = fields_from_json(parse_body(request), risk_profile_fields(RiskProfile{}));
    auto profile = services::update_risk_profile(context.store, context.clock, caller.staff, id_param(request, "id"),
                                                 fields, *version);
    return record_response(200, risk_profile_json(profile), profile.version);
  });
  route("GET", "/api/v1/worklists/handovers", [&](Request& request, const Caller& caller) {
    auto page = services::handovers_due(context.store, caller.staff, context.clock.today(), weeks_param(request),
                                        worklist_request(request));
    return json_response(200, page_json(page, worklist_entry_json, request));
  });
  route("GET", "/api/v1/worklists/releases", [&](Request& request, const Caller& caller) {
    auto page = services::releases_due(context.store, caller.staff, context.clock.today(), worklist_request(request));
    std::vector<services::CalculatedRelease> releases;
    for (const auto& entry : page.items) releases.push_back({entry.person.id, entry.dates.release_date});
    auto days = services::days_of_release(context.store, context.bank_holidays, releases);
    auto body = page_json(page, worklist_entry_json, request);
    for (std::size_t i = 0; i < days.size(); ++i)
      body["items"][i]["day_of_release"] = days[i] ? nlohmann::json(to_iso(*days[i])) : nlohmann::json();
    return json_response(200, body);
  });
  route("GET", "/api/v1/worklists/without-com", [&](Request& request, const Caller& caller) {
    auto page = services::without_com(context.store, caller.staff, context.clock.today(), worklist_request(request));
    return json_response(200, page_json(page, worklist_entry_json, request));
  });
}

}  // namespace

void add_responsibility_routes(Router& router, WebContext& context) {
  add_pages(router, context);
  add_api(router, context);
  add_release_day_routes(router, context);
  add_calculations_api(router, context);
}

}  // namespace resettle::web
