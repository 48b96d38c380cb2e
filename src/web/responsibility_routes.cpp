// Who leads a case, its risk profile, and the worklists: pages and JSON API.
#include "services/handovers.hpp"
#include "services/resettlement_plan.hpp"
#include "services/transfers.hpp"
#include "services/responsibility.hpp"
#include "web/api_support.hpp"
#include "web/case_views.hpp"
#include "web/json_views.hpp"
#include "web/pages.hpp"
#include "web/plan_views.hpp"
#include "web/transfer_views.hpp"

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

struct UnitFilter {
  std::string prison_code;
  std::string pdu_code;
};
UnitFilter unit_filter(const Request& request) {
  return {request.query_param("prison_code").value_or(""), request.query_param("pdu_code").value_or("")};
}

nlohmann::json worklist_json(const std::vector<store::WorklistEntry>& entries) {
  auto items = nlohmann::json::array();
  for (const auto& entry : entries) items.push_back(worklist_entry_json(entry));
  return {{"items", items}};
}

// A worklist as a GOV.UK table: the person, where they are, and the date that puts them on it.
// Overdue plan actions and checklist items are flagged here too, so nothing is missed on release day.
nlohmann::json worklist_table(const WebContext& context, const std::vector<store::WorklistEntry>& entries,
                              std::string caption, std::string date_heading, std::optional<Date> CaseDates::*date) {
  std::vector<Person> people;
  for (const auto& entry : entries) people.push_back(entry.person);
  auto alerts = services::plan_alerts_for(context.store, people, context.clock.today());
  auto rows = nlohmann::json::array();
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const auto& entry = entries[i];
    const auto& when = entry.dates.*date;
    rows.push_back({{"cells",
                     {{{"text", entry.person.full_name()}, {"href", "/people/" + std::to_string(entry.person.id)}, {"header", true}},
                      {{"text", entry.person.prison_number.empty() ? entry.person.crn : entry.person.prison_number}},
                      {{"text", entry.person.prison_code.empty() ? entry.person.pdu_code : entry.person.prison_code}},
                      {{"text", to_iso(when)}},
                      {{"text", entry_for(responsibilities(), entry.dates.responsibility).label}},
                      plan_alerts_cell(alerts[i])}}});
  }
  return {{"caption", std::move(caption)},
          {"head", {{{"text", "Name"}}, {{"text", "Number"}}, {{"text", "Prison or PDU"}}, {{"text", std::move(date_heading)}},
                    {{"text", "Who leads now"}}, {{"text", "Overdue"}}}},
          {"rows", rows},
          {"empty", rows.empty()}};
}

// Overdue handovers: the date that puts a case here is the handover date, and what is missing is
// said in words (no COM, meeting not held).
nlohmann::json overdue_table(const std::vector<services::OverdueHandover>& overdue) {
  auto rows = nlohmann::json::array();
  for (const auto& item : overdue) {
    const auto& person = item.entry.person;
    std::string missing;
    for (const auto& flag : flags_json(item.flags)) missing += (missing.empty() ? "" : "; ") + flag["label"].get<std::string>();
    rows.push_back({{"cells",
                     {{{"text", person.full_name()}, {"href", "/people/" + std::to_string(person.id)}, {"header", true}},
                      {{"text", person.prison_number.empty() ? person.crn : person.prison_number}},
                      {{"text", person.prison_code.empty() ? person.pdu_code : person.prison_code}},
                      {{"text", to_iso(item.entry.dates.handover_date)}},
                      {{"text", missing}}}}});
  }
  return {{"caption", "Overdue handovers"},
          {"head", {{{"text", "Name"}}, {{"text", "Number"}}, {{"text", "Prison or PDU"}}, {{"text", "Handover date"}},
                    {{"text", "What needs doing"}}}},
          {"rows", rows},
          {"empty", rows.empty()}};
}

Response worklists_page(WebContext& context, Request& request, const Caller& caller) {
  auto weeks = weeks_param(request);
  auto unit = unit_filter(request);
  auto today = context.clock.today();
  const auto& staff = caller.staff;
  auto view = page_view(caller, "Worklists", "/worklists");
  view["weeks"] = weeks;
  view["prison_code"] = unit.prison_code;
  view["pdu_code"] = unit.pdu_code;
  view["handovers"] = worklist_table(context, services::handovers_due(context.store, staff, today, weeks, unit.prison_code, unit.pdu_code),
                                     "Handovers due in the next " + std::to_string(weeks) + " weeks", "Handover date",
                                     &CaseDates::handover_date);
  view["releases"] = worklist_table(context, services::releases_due(context.store, staff, today, unit.prison_code, unit.pdu_code),
                                    "Releases in the next " + std::to_string(services::release_worklist_weeks) + " weeks",
                                    "Release date", &CaseDates::release_date);
  view["without_com"] = worklist_table(context, services::without_com(context.store, staff, today, unit.prison_code, unit.pdu_code),
                                       "No community offender manager allocated after the start date",
                                       "COM due from", &CaseDates::com_allocated_date);
  view["overdue_handovers"] = overdue_table(services::overdue_handovers(context.store, staff, today, unit.prison_code, unit.pdu_code));
  view["transfers_awaiting"] =
      services::transfers_awaiting(context.store, context.clock, context.bank_holidays, staff).size();
  return render_page(context, 200, "worklists", view);
}

Response risk_form(WebContext& context, const Caller& caller, const Person& person, const FormState& form,
                   std::int64_t version) {
  auto view = page_view(caller, "Risk and responsibility", "");
  add_errors(view, form);
  view["person"] = {{"name", person.full_name()}, {"href", "/people/" + std::to_string(person.id)}};
  view["version"] = version;
  auto value = [&](const std::string& name) {
    auto found = form.values.find(name);
    return found == form.values.end() ? std::string{} : found->second;
  };
  auto with_blank = [](nlohmann::json options, std::string blank) {
    options.insert(options.begin(), {{"value", ""}, {"text", std::move(blank)}});
    return options;
  };
  view["fields"] = {
      {"rosh", form_field(form, "rosh", "Risk of serious harm (ROSH)",
                          {{"options", with_blank(coded_options(rosh_levels(), value("rosh"), "selected"), "Not assessed")}})},
      {"tier", form_field(form, "tier", "Tier", {{"options", with_blank(coded_options(tiers(), value("tier"), "selected"), "Not set")}})},
      {"mappa_level", form_field(form, "mappa_level", "MAPPA level",
                                 {{"options", coded_options(mappa_levels(), value("mappa_level"), "selected")}})},
      {"open_prison_arrival_date", form_field(form, "open_prison_arrival_date", "Arrived in open conditions on (optional)")},
      {"manual_responsibility",
       form_field(form, "manual_responsibility", "Responsibility set by hand (optional)",
                  {{"hint", "Only when the rules do not fit this case. This overrides every rule."},
                   {"options", with_blank(coded_options(manual_responsibilities(), value("manual_responsibility"), "selected"),
                                          "Follow the rules")}})},
      {"manual_responsibility_reason", form_field(form, "manual_responsibility_reason", "Why responsibility is set by hand")},
  };
  view["iom_checked"] = value("iom") == "true";
  view["early_allocation_checked"] = value("early_allocation") == "true";
  return render_page(context, form.errors.empty() ? 200 : 422, "risk_profile_form", view);
}

void add_pages(Router& router, WebContext& context) {
  router.get("/worklists", page(context, [&](Request& r, const Caller& c) { return worklists_page(context, r, c); }));
  router.get("/people/{id}/risk", page(context, [&](Request& request, const Caller& caller) {
               auto record = services::view_person(context.store, caller.staff, id_param(request, "id"), "risk profile");
               FormState form{risk_profile_fields(record.risk_profile), {}};
               return risk_form(context, caller, record.person, form, record.risk_profile.version);
             }));
  router.post("/people/{id}/risk", page(context, [&](Request& request, const Caller& caller) {
                auto id = id_param(request, "id");
                auto form = submitted_form(request);
                auto version = take_submitted_version(form.values);
                for (auto flag : {"iom", "early_allocation"}) form.values.try_emplace(flag, "false");  // unticked boxes send nothing
                try {
                  services::update_risk_profile(context.store, context.clock, caller.staff, id, form.values, version);
                  return Response::redirect("/people/" + std::to_string(id));
                } catch (const ValidationFailed& failed) {
                  form.errors = failed.errors();
                  auto record = services::view_person(context.store, caller.staff, id, "risk profile");
                  return risk_form(context, caller, record.person, form, version);
                }
              }));
}

void add_api(Router& router, WebContext& context) {
  auto route = [&](std::string_view method, std::string_view pattern, CallerHandler handler) {
    router.add(method, pattern, api(context, std::move(handler)));
  };
  route("GET", "/api/v1/people/{id}/responsibility", [&](Request& request, const Caller& caller) {
    auto record = services::view_person(context.store, caller.staff, id_param(request, "id"), "api responsibility");
    return json_response(200, responsibility_json(services::case_responsibility(record, context.clock.today(),
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
    auto unit = unit_filter(request);
    return json_response(200, worklist_json(services::handovers_due(context.store, caller.staff, context.clock.today(),
                                                                    weeks_param(request), unit.prison_code, unit.pdu_code)));
  });
  route("GET", "/api/v1/worklists/releases", [&](Request& request, const Caller& caller) {
    auto unit = unit_filter(request);
    return json_response(200, worklist_json(services::releases_due(context.store, caller.staff, context.clock.today(),
                                                                   unit.prison_code, unit.pdu_code)));
  });
  route("GET", "/api/v1/worklists/without-com", [&](Request& request, const Caller& caller) {
    auto unit = unit_filter(request);
    return json_response(200, worklist_json(services::without_com(context.store, caller.staff, context.clock.today(),
                                                                  unit.prison_code, unit.pdu_code)));
  });
}

}  // namespace

void add_responsibility_routes(Router& router, WebContext& context) {
  add_pages(router, context);
  add_api(router, context);
}

}  // namespace resettle::web
