// Pages for finding support in the directory and referring people to it, and the partner
// agencies' list of referrals sent to their organisation.
#include "domain/catalogue.hpp"
#include "domain/staff_catalogue.hpp"
#include "services/referrals/referrals.hpp"
#include "web/routes.hpp"
#include "web/failures.hpp"

namespace resettle::web {

namespace {

std::string referral_href(std::int64_t id) { return "/referrals/" + std::to_string(id); }

std::string label(ReferralStatus status) { return std::string{entry_for(referral_statuses(), status).label}; }

std::string_view status_colour(ReferralStatus status) {
  switch (status) {
    case ReferralStatus::draft: return "grey";
    case ReferralStatus::sent: return "blue";
    case ReferralStatus::declined:
    case ReferralStatus::withdrawn:
    case ReferralStatus::ended_early: return "red";
    case ReferralStatus::completed: return "green";
    default: return "turquoise";
  }
}

// The person a search is for, when it was started from their record (?person=ID).
std::optional<std::int64_t> person_param(const Request& request) {
  auto value = request.query_param("person");
  if (!value || value->empty()) return std::nullopt;
  try {
    auto id = std::stoll(*value);
    if (id > 0) return id;
  } catch (const std::exception&) {
  }
  throw NotFound("no such person");
}

View listing_view(const services::ServiceListing& listing, std::optional<std::int64_t> person) {
  auto suffix = person ? "?person=" + std::to_string(*person) : std::string{};
  auto pathways = View::list();
  for (auto pathway : listing.service.pathways) pathways.push_back(pathway_label(pathway));
  return {{"name", listing.service.name},
          {"href", "/find-support/" + listing.service.id + suffix},
          {"organisation", listing.organisation_name},
          {"description", listing.service.description},
          {"availability", listing.availability},
          {"eligibility", listing.eligibility_notes},
          {"has_eligibility", !listing.eligibility_notes.empty()},
          {"pathways", pathways}};
}

Response find_support(WebContext& context, Request& request, const Caller& caller) {
  auto person = person_param(request);
  FormState form;
  for (auto name : {"pathway", "area", "q"})
    if (auto value = request.query_param(name)) form.values[name] = *value;
  auto query = form.values;
  if (auto cursor = request.query_param("cursor")) query["cursor"] = *cursor;
  auto view = page_view(caller, staff_text("Find support"), "/find-support");
  auto results = View::list();
  form.errors = errors_from([&] {
    auto [found, for_person] = services::search_support(context.store, context.clock, caller.staff, person, query);
    if (for_person)
      view["for_person"] = {{"name", for_person->person.full_name()},
                            {"href", person_href(for_person->person.id)},
                            {"area", for_person->area},
                            {"left_out", for_person->left_out}};
    for (const auto& listing : found.results) results.push_back(listing_view(listing, person));
    add_pagination(view, request, found.next_cursor);
  });
  add_errors(view, form);
  auto pathway_options = with_blank_option(coded_options(pathways(), form.values["pathway"], "selected"), staff_text("Any pathway"));
  view["fields"] = {{"pathway", form_field(form, "pathway", staff_text("Pathway"), {{"options", pathway_options}})},
                    {"area", form_field(form, "area", staff_text("Area"), {{"hint", staff_text("A local authority name or ONS code, for example Leeds or E08000035")},
                                                                {"width", "govuk-input--width-20"}})},
                    {"q", form_field(form, "q", staff_text("Words to search for"), {{"width", "govuk-input--width-30"}})}};
  view["person_id"] = person ? View(*person) : View(nullptr);
  view["results"] = results;
  view["has_results"] = !results.empty();
  view["result_count"] = staff_text_plural("((count)) service found", "((count)) services found", static_cast<long>(results.size()));
  return render_page(context, form.errors.empty() ? 200 : 422, "referrals/find_support", view);
}

View rows_of(std::initializer_list<std::pair<std::string, std::string>> pairs) {
  auto rows = View::list();
  for (const auto& [key, value] : pairs)
    if (!value.empty()) rows.push_back({{"key", key}, {"value", value}});
  return rows;
}

Response service_page(WebContext& context, Request& request, const Caller& caller) {
  auto person = person_param(request);
  auto [record, listing, may_refer] =
      services::service_to_refer_to(context.store, context.clock, caller.staff, request.path_params.at("id"));
  const auto& service = record.services.front();
  auto view = page_view(caller, service.name, "/find-support");
  view["service"] = listing_view(listing, person);
  view["service"]["application_process"] = service.application_process;
  view["summary"] = {{"rows", rows_of({{staff_text("Organisation"), listing.organisation_name},
                                       {staff_text("Availability"), listing.availability},
                                       {staff_text("Email"), service.email},
                                       {staff_text("Website"), service.url}})}};
  auto places = View::list();
  for (const auto* location : record.locations_of(service.id)) {
    auto address = location->address ? location->address->address_1 + ", " + location->address->city + " " +
                                           location->address->postal_code
                                     : std::string{staff_text("Online or by phone")};
    places.push_back({{"name", location->name.empty() ? address : location->name}, {"address", address}});
  }
  view["locations"] = places;
  view["has_locations"] = !places.empty();
  auto times = View::list();
  for (const auto& schedule : service.schedules)
    times.push_back(schedule.description.empty()
                        ? staff_text("((days)) ((opens)) to ((closes))",
                                     {{"days", schedule.byday}, {"opens", schedule.opens_at}, {"closes", schedule.closes_at}})
                        : schedule.description);
  view["schedules"] = times;
  view["has_schedules"] = !times.empty();
  auto contacts = View::list();
  for (const auto& contact : service.contacts)
    contacts.push_back({{"name", contact.name}, {"phone", contact.phone}, {"email", contact.email}});
  view["contacts"] = contacts;
  view["has_contacts"] = !contacts.empty();
  if (person && may_refer)
    view["refer_href"] = person_href(*person) + "/referrals/new?service_id=" + service.id;
  return render_page(context, 200, "referrals/service", view);
}

// The open actions of the person's plan to choose from, so a referral links to one without its number.
View plan_action_options(const std::vector<services::ActionChoice>& choices, const std::string& selected) {
  auto options = View::list();
  for (const auto& choice : choices) {
    auto value = std::to_string(choice.id);
    options.push_back({{"value", value}, {"text", choice.text}, {"selected", value == selected}});
  }
  return with_blank_option(std::move(options), staff_text("None"));
}

Response referral_form(WebContext& context, const Caller& caller, std::int64_t person_id, FormState form) {
  auto service_id = form.values["service_id"];
  auto draft = services::new_referral_for(context.store, caller.staff, person_id, service_id);
  if (form.values["kind"].empty()) form.values["kind"] = draft.default_kind;
  auto view = page_view(caller, staff_text("Refer ((name))", {{"name", draft.person.full_name()}}), "");
  add_errors(view, form);
  view["person"] = {{"name", draft.person.full_name()}, {"href", person_href(person_id)}};
  view["service"] = {{"id", service_id}, {"name", draft.service_name}};
  auto details = View::list();
  for (const auto& detail : draft.details) details.push_back({{"key", detail.label}, {"value", detail.value}});
  view["details"] = {{"rows", details}};
  view["fields"] = {
      {"kind", form_field(form, "kind", staff_text("Kind of referral"),
                          {{"legend", staff_text("Kind of referral")}, {"items", coded_options(referral_kinds(), form.values["kind"], "checked")}})},
      {"plan_action_id", form_field(form, "plan_action_id", staff_text("The plan action it serves (optional)"),
                                    {{"options", plan_action_options(draft.plan_actions, form.values["plan_action_id"])}})},
      {"reason_for_referral", form_field(form, "reason_for_referral", staff_text("What they want help with"))},
      {"local_authority", form_field(form, "local_authority", staff_text("Local authority"))},
      {"homelessness_reason", form_field(form, "homelessness_reason", staff_text("Why they are at risk of homelessness"))},
      {"planned_release_date", date_form_field(form, "planned_release_date", staff_text("Planned release date (optional)"),
                                          {{"hint", staff_text("Leave blank to use the release date worked out from their sentence")}})},
      {"nights_requested", form_field(form, "nights_requested", staff_text("Nights needed"), {{"hint", staff_text("Up to 84 nights")}, {"width", "govuk-input--width-3"}})},
      {"start_date", date_form_field(form, "start_date", staff_text("First night"))},
      {"property_area", form_field(form, "property_area", staff_text("Area for the property"))},
      {"consent_scope", form_field(form, "consent_scope", staff_text("What they agreed may be shared"),
                                   {{"hint", staff_text("In the words agreed with the person")}})}};
  view["consent_checked"] = form.values["consent_given"] == "true";
  for (const auto& error : form.errors)
    if (error.field == "consent_given") view["consent_error"] = error.message;
  view["is_duty_to_refer"] = form.values["kind"] == "duty_to_refer";
  view["is_cas3"] = form.values["kind"] == "cas3";
  return render_page(context, form.errors.empty() ? 200 : 422, "referrals/referral_form", view);
}

Response create_referral(WebContext& context, Request& request, const Caller& caller) {
  auto person_id = id_param(request, "id");
  auto form = submitted_form(request);
  bool send = form.values["action"] == "send";
  form.values.erase("action");
  if (send && form.values["consent_given"] != "true")
    form.errors.push_back({"consent_given", staff_text("Confirm the person agrees to share their details before sending")});
  if (!form.errors.empty()) return referral_form(context, caller, person_id, std::move(form));
  std::int64_t created = 0;
  form.errors = errors_from([&] {
    created = services::create_referral(context.store, context.clock, caller.staff, person_id, form.values).referral.id;
    if (send) services::move_referral(context.store, context.clock, caller.staff, created, {{"to", "sent"}});
  });
  if (form.errors.empty()) return Response::redirect(referral_href(created));
  return referral_form(context, caller, person_id, std::move(form));
}

View referral_row(const services::ReferralRecord& record) {
  const auto& referral = record.referral;
  auto started = referral.history.empty() ? std::string{} : to_long_date(referral.history.front().on);
  return {{"cells",
           {{{"text", record.service.service.name}, {"href", referral_href(referral.id)}, {"header", true}},
            {{"text", record.person_name}},
            {{"text", record.service.organisation_name}},
            {{"text", started}},
            {{"text", ""}, {"tag", {{"text", label(referral.status)}, {"colour", status_colour(referral.status)}}}}}}};
}

Response referral_list(WebContext& context, const Caller& caller, const std::vector<services::ReferralRecord>& records,
                       std::string title, std::string navigation, View extra) {
  auto view = page_view(caller, title, navigation);
  auto rows = View::list();
  for (const auto& record : records) rows.push_back(referral_row(record));
  view["heading"] = title;
  view["referrals"] = {{"caption", title},
                       {"head", {{{"text", staff_text("Service")}}, {{"text", staff_text("Person")}}, {{"text", staff_text("Organisation")}}, {{"text", staff_text("Drafted")}}, {{"text", staff_text("Status")}}}},
                       {"rows", rows}};
  view["has_referrals"] = !rows.empty();
  view.update(extra);
  return render_page(context, 200, "referrals/referrals", view);
}

Response person_referrals(WebContext& context, Request& request, const Caller& caller) {
  auto person_id = id_param(request, "id");
  auto [person, records] = services::person_referrals(context.store, context.clock, caller.staff, person_id);
  return referral_list(context, caller, records, staff_text("Referrals for ((name))", {{"name", person.full_name()}}), "",
                       {{"person", {{"name", person.full_name()}, {"href", person_href(person_id)}}},
                        {"find_href", "/find-support?person=" + std::to_string(person_id)}});
}

Response partner_referrals(WebContext& context, Request&, const Caller& caller) {
  auto records = services::organisation_referrals(context.store, context.clock, caller.staff);
  return referral_list(context, caller, records, staff_text("Referrals to my organisation"), "/partner/referrals",
                       {{"organisation", caller.staff.organisation.empty() ? caller.staff.organisation_id
                                                                           : caller.staff.organisation}});
}

Response referral_page(WebContext& context, const Caller& caller, std::int64_t referral_id, const FormState& form) {
  auto record = services::view_referral(context.store, context.clock, caller.staff, referral_id);
  const auto& referral = record.referral;
  auto view = page_view(caller, staff_text("Referral to ((service))", {{"service", record.service.service.name}}), "");
  add_errors(view, form);
  view["referral"] = {{"id", referral.id},
                      {"href", referral_href(referral.id)},
                      {"service", record.service.service.name},
                      {"organisation", record.service.organisation_name},
                      {"person_name", record.person_name},
                      {"status", {{"text", label(referral.status)}, {"colour", status_colour(referral.status)}}}};
  if (record.may_open_person) view["person_href"] = person_href(referral.person_id);
  auto summary = rows_of({{staff_text("Kind"), std::string{entry_for(referral_kinds(), referral.kind).label}},
                          {staff_text("What they want help with"), referral.reason_for_referral},
                          {staff_text("Consent to share"), referral.consent.given ? staff_text("Given on ((date)) (recorded by ((name))): ((scope))",
                                                                                       {{"date", to_long_date(referral.consent.recorded_on)},
                                                                                        {"name", referral.consent.recorded_by},
                                                                                        {"scope", referral.consent.scope}})
                                                                      : staff_text("Not recorded")}});
  if (referral.duty_to_refer) {
    const auto& duty = *referral.duty_to_refer;
    summary.push_back({{"key", staff_text("Local authority")}, {"value", duty.local_authority}});
    summary.push_back({{"key", staff_text("Why at risk of homelessness")}, {"value", duty.homelessness_reason}});
    if (duty.planned_release_date) summary.push_back({{"key", staff_text("Planned release")}, {"value", to_long_date(*duty.planned_release_date)}});
    if (record.referred_late)
      summary.push_back({{"key", staff_text("56-day aim")},
                         {"value", *record.referred_late ? staff_text("Referred late: fewer than 56 days before release")
                                                         : staff_text("Referred in time: 56 days or more before release")}});
  }
  if (referral.cas3) {
    summary.push_back({{"key", staff_text("Nights")}, {"value", std::to_string(referral.cas3->nights_requested)}});
    summary.push_back({{"key", staff_text("Dates")}, {"value", staff_text("((start)) to ((end))", {{"start", to_long_date(referral.cas3->start_date)}, {"end", to_long_date(referral.cas3->end_date())}})}});
    summary.push_back({{"key", staff_text("Area")}, {"value", referral.cas3->property_area}});
  }
  view["summary"] = {{"rows", summary}};
  auto details = View::list();
  for (const auto& detail : referral.details) details.push_back({{"key", detail.label}, {"value", detail.value}});
  view["details"] = {{"rows", details}};
  auto steps = View::list();
  for (const auto& step : referral.history)
    steps.push_back({{"status", label(step.status)}, {"date", to_long_date(step.on)}, {"by", step.by}, {"reason", step.reason}});
  view["steps"] = steps;
  auto moves = View::list();
  for (auto next : record.next_moves)
    moves.push_back({{"text", label(next)}, {"name", "to"}, {"value", entry_for(referral_statuses(), next).code},
                     {"secondary", next == ReferralStatus::withdrawn || next == ReferralStatus::declined ||
                                       next == ReferralStatus::ended_early}});
  view["moves"] = moves;
  view["has_moves"] = !moves.empty();
  auto sent = form.values.find("sent_by");
  auto sent_by = sent == form.values.end() ? std::string{} : sent->second;
  view["fields"] = {{"date", date_form_field(form, "date", staff_text("Date of this step (optional)"), {{"hint", staff_text("Leave blank for today")}})},
                    {"reason", form_field(form, "reason", staff_text("Reason"), {{"hint", staff_text("Needed when declining, withdrawing or ending early")}})},
                    {"told_by", form_field(form, "told_by", staff_text("Who at ((organisation)) told you", {{"organisation", record.service.organisation_name}}),
                                           {{"hint", staff_text("Needed when you record their answer or step for them")}})},
                    {"sent_by", form_field(form, "sent_by", staff_text("How it was sent"),
                                           {{"legend", staff_text("How it was sent (when sending)")}, {"inline", true},
                                            {"items", {{{"value", "email"}, {"text", staff_text("By email")}, {"checked", sent_by == "email"}},
                                                       {{"value", "phone"}, {"text", staff_text("By phone")}, {"checked", sent_by == "phone"}}}}})},
                    {"consent_scope", form_field(form, "consent_scope", staff_text("What they agreed may be shared"))}};
  view["recorded_for_partner"] = record.recorded_for_partner;
  view["needs_consent"] = record.needs_consent;
  return render_page(context, form.errors.empty() ? 200 : 422, "referrals/referral", view);
}

// Runs a change from the referral page; bad input or an impossible move is shown on the page.
template <typename Change>
Response change_referral(WebContext& context, Request& request, const Caller& caller, Change change) {
  auto referral_id = id_param(request, "rid");
  auto form = submitted_form(request);
  form.errors = errors_from([&] { change(referral_id, form.values); }, "to");
  if (form.errors.empty()) return Response::redirect(referral_href(referral_id));
  return referral_page(context, caller, referral_id, form);
}

}  // namespace

void add_referrals_routes(Router& router, WebContext& context) {
  router.get("/find-support", page(context, [&](Request& r, const Caller& c) { return find_support(context, r, c); }));
  router.get("/find-support/{id}", page(context, [&](Request& r, const Caller& c) { return service_page(context, r, c); }));
  router.get("/people/{id}/referrals", page(context, [&](Request& r, const Caller& c) { return person_referrals(context, r, c); }));
  router.get("/people/{id}/referrals/new", page(context, [&](Request& r, const Caller& c) {
               FormState form;
               form.values["service_id"] = r.query_param("service_id").value_or("");
               return referral_form(context, c, id_param(r, "id"), form);
             }));
  router.post("/people/{id}/referrals", page(context, [&](Request& r, const Caller& c) { return create_referral(context, r, c); }));
  router.get("/referrals/{rid}", page(context, [&](Request& r, const Caller& c) {
               return referral_page(context, c, id_param(r, "rid"), {});
             }));
  router.post("/referrals/{rid}/transitions", page(context, [&](Request& r, const Caller& c) {
                return change_referral(context, r, c, [&](std::int64_t id, const FieldInput& fields) {
                  services::move_referral(context.store, context.clock, c.staff, id, fields);
                });
              }));
  router.post("/referrals/{rid}/consent", page(context, [&](Request& r, const Caller& c) {
                return change_referral(context, r, c, [&](std::int64_t id, const FieldInput& fields) {
                  services::record_referral_consent(context.store, context.clock, c.staff, id, fields);
                });
              }));
  router.get("/partner/referrals", page(context, [&](Request& r, const Caller& c) { return partner_referrals(context, r, c); }));
  add_referrals_api(router, context);
}

}  // namespace resettle::web
