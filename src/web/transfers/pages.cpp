// Pages for case transfers (request with a handover record, read, acknowledge, withdraw, and the
// list awaiting my acknowledgement) and for the three-way handover meeting.
#include "domain/catalogue.hpp"
#include "services/people/case_records.hpp"
#include "web/routes.hpp"
#include "web/transfers/views.hpp"
#include "web/failures.hpp"

namespace resettle::web {

namespace {

std::string transfer_href(std::int64_t id) { return "/transfers/" + std::to_string(id); }
std::string meeting_href(std::int64_t person_id) { return person_href(person_id) + "/handover-meeting"; }

std::string status_label(TransferStatus status) { return std::string{entry_for(transfer_statuses(), status).label}; }

View practitioner_options(WebContext& context, const std::string& selected) {
  auto options = View::list();
  for (const auto& staff : services::practitioners(context.store)) {
    auto where = staff.prison_code.empty() ? staff.pdu_code : staff.prison_code;
    auto id = std::to_string(staff.id);
    options.push_back({{"value", id},
                       {"text", staff.display_name + " (" + std::string{role_label(staff.role)} + (where.empty() ? "" : ", " + where) + ")"},
                       {"selected", id == selected}});
  }
  return with_blank_option(std::move(options), staff_text("Choose a practitioner"));
}

View place_options(const services::Places& places, const std::string& selected) {
  auto options = View::list();
  options.push_back({{"value", ""}, {"text", staff_text("Choose where the case goes")}});
  for (const auto& prison : places.prisons)
    options.push_back({{"value", prison.code}, {"text", staff_text("Prison: ((name))", {{"name", prison.name}})}, {"selected", prison.code == selected}});
  for (const auto& pdu : places.pdus)
    options.push_back({{"value", pdu.code}, {"text", staff_text("Probation delivery unit: ((name))", {{"name", pdu.name}})}, {"selected", pdu.code == selected}});
  return options;
}

Response transfer_form(WebContext& context, const Caller& caller, std::int64_t person_id, FormState form) {
  auto record = services::view_person(context.store, caller.staff, person_id, "transfer form");
  auto view = page_view(caller, staff_text("Transfer ((name))", {{"name", record.person.full_name()}}), "");
  add_errors(view, form);
  auto value = [&](const std::string& name) { return form.values[name]; };
  view["person"] = {{"name", record.person.full_name()}, {"href", person_href(person_id)}};
  std::vector<Coded<Role>> lead_roles;
  for (const auto& role : roles())
    if (transferable_role(role.value)) lead_roles.push_back(role);
  view["fields"] = {
      {"kind", form_field(form, "kind", staff_text("What kind of transfer"),
                          {{"legend", staff_text("What kind of transfer")}, {"items", coded_options(transfer_kinds(), value("kind"), "checked")}})},
      {"to_code", form_field(form, "to_code", staff_text("Prison or probation delivery unit it goes to"),
                             {{"hint", staff_text("For a transfer to another prison or probation delivery unit")},
                              {"options", place_options(services::list_places(context.store), value("to_code"))}})},
      {"role", form_field(form, "role", staff_text("Role whose lead practitioner changes"),
                          {{"hint", staff_text("For a transfer to another practitioner")},
                           {"options", with_blank_option(coded_options(std::span<const Coded<Role>>{lead_roles}, value("role"), "selected"),
                                                  staff_text("Choose a role"))}})},
      {"to_staff_id", form_field(form, "to_staff_id", staff_text("Practitioner it goes to"),
                                 {{"hint", staff_text("For a transfer to another practitioner")},
                                  {"options", practitioner_options(context, value("to_staff_id"))}})},
      {"summary", form_field(form, "summary", staff_text("Summary of the case"), {{"hint", staff_text("Where things stand, in a few lines")}})},
      {"current_risks", form_field(form, "current_risks", staff_text("Current risks"), {{"hint", staff_text("Filled in from their risk profile")}})},
      {"outstanding_actions", form_field(form, "outstanding_actions", staff_text("Outstanding actions"),
                                         {{"hint", staff_text("Filled in from the open actions of their resettlement plan")}, {"rows", 8}})}};
  return render_page(context, form.errors.empty() ? 200 : 422, "transfers/transfer_form", view);
}

Response request_transfer(WebContext& context, Request& request, const Caller& caller) {
  auto person_id = id_param(request, "id");
  auto form = submitted_form(request);
  std::int64_t requested = 0;
  form.errors = errors_from([&] {
    requested = services::request_transfer(context.store, context.clock, context.bank_holidays, caller.staff, person_id,
                                           form.values).transfer.id;
  }, "kind");
  if (form.errors.empty()) return Response::redirect(transfer_href(requested));
  return transfer_form(context, caller, person_id, std::move(form));
}

View transfer_row(const services::TransferRecord& record) {
  const auto& t = record.transfer;
  View status{{"text", ""}, {"tag", {{"text", status_label(t.status)}, {"colour", transfer_status_colour(t.status)}}}};
  if (record.acknowledgement_overdue) status["tag"] = {{"text", staff_text("Acknowledgement overdue")}, {"colour", "red"}};
  return {{"cells",
           {{{"text", record.person_name}, {"href", transfer_href(t.id)}, {"header", true}},
            {{"text", std::string{entry_for(transfer_kinds(), t.kind).label}}},
            {{"text", record.from_name}},
            {{"text", record.to_name}},
            {{"text", to_long_date(t.requested_on)}},
            status}}};
}

View transfer_table(const std::vector<services::TransferRecord>& records, std::string caption) {
  auto rows = View::list();
  for (const auto& record : records) rows.push_back(transfer_row(record));
  return {{"caption", std::move(caption)},
          {"head", {{{"text", staff_text("Person")}}, {{"text", staff_text("Kind")}}, {{"text", staff_text("From")}}, {{"text", staff_text("To")}}, {{"text", staff_text("Requested")}}, {{"text", staff_text("Status")}}}},
          {"rows", rows},
          {"empty", rows.empty()}};
}

Response awaiting_page(WebContext& context, Request&, const Caller& caller) {
  auto records = services::transfers_awaiting(context.store, context.clock, context.bank_holidays, caller.staff);
  auto view = page_view(caller, staff_text("Transfers awaiting my acknowledgement"), "");
  view["heading"] = staff_text("Transfers awaiting my acknowledgement");
  view["transfers"] = transfer_table(records, staff_text("Addressed to me, my prison or my probation delivery unit"));
  view["working_days"] = TransferRules{}.acknowledgement_working_days;
  return render_page(context, 200, "transfers/transfers", view);
}

Response person_transfers_page(WebContext& context, Request& request, const Caller& caller) {
  auto person_id = id_param(request, "id");
  auto person = services::view_person(context.store, caller.staff, person_id, "transfers").person;
  auto records = services::person_transfers(context.store, context.clock, context.bank_holidays, caller.staff, person_id);
  auto view = page_view(caller, staff_text("Transfers of ((name))", {{"name", person.full_name()}}), "");
  view["heading"] = staff_text("Transfers of ((name))", {{"name", person.full_name()}});
  view["person"] = {{"name", person.full_name()}, {"href", person_href(person_id)}};
  view["new_href"] = person_href(person_id) + "/transfers/new";
  view["transfers"] = transfer_table(records, staff_text("Every transfer, newest first"));
  view["working_days"] = TransferRules{}.acknowledgement_working_days;
  return render_page(context, 200, "transfers/transfers", view);
}

Response transfer_page(WebContext& context, const Caller& caller, std::int64_t transfer_id, const FormState& form) {
  auto record = services::view_transfer(context.store, context.clock, context.bank_holidays, caller.staff, transfer_id);
  const auto& t = record.transfer;
  auto view = page_view(caller, staff_text("Transfer of ((name))", {{"name", record.person_name}}), "");
  add_errors(view, form);
  view["transfer"] = {{"href", transfer_href(t.id)},
                      {"version", t.version},
                      {"person_name", record.person_name},
                      {"status", {{"text", status_label(t.status)}, {"colour", transfer_status_colour(t.status)}}},
                      {"overdue", record.acknowledgement_overdue},
                      {"working_days", TransferRules{}.acknowledgement_working_days},
                      {"summary", t.summary},
                      {"current_risks", t.current_risks},
                      {"outstanding_actions", t.outstanding_actions}};
  if (record.may_see_person) view["person_href"] = person_href(t.person_id);
  auto rows = View::list();
  auto row = [&](std::string key, std::string value) {
    if (!value.empty()) rows.push_back({{"key", std::move(key)}, {"value", std::move(value)}});
  };
  row(staff_text("Kind"), std::string{entry_for(transfer_kinds(), t.kind).label});
  if (t.role) row(staff_text("Role"), std::string{role_label(*t.role)});
  row(staff_text("From"), record.from_name);
  row(staff_text("To"), record.to_name);
  row(staff_text("Requested"), staff_text("((date)) by ((name))", {{"date", to_long_date(t.requested_on)}, {"name", record.requested_by_name}}));
  if (t.acknowledged_on) row(staff_text("Acknowledged"), staff_text("((date)) by ((name))", {{"date", to_long_date(*t.acknowledged_on)}, {"name", record.acknowledged_by_name}}));
  row(staff_text("Note on acknowledgement"), t.acknowledgement_note);
  view["details"] = {{"rows", rows}};
  view["may_acknowledge"] = record.may_acknowledge;
  view["may_withdraw"] = record.may_withdraw;
  view["fields"] = {{"note", form_field(form, "note", staff_text("Note (optional)"), {{"rows", 3}})},
                    {"reason", form_field(form, "reason", staff_text("Why it is withdrawn"), {{"rows", 3}})}};
  return render_page(context, form.errors.empty() ? 200 : 422, "transfers/transfer", view);
}

// Runs a versioned change posted from a page, then goes to `done_href`; bad input, or an
// impossible change (shown against `error_field`), redisplays the page with the form as sent.
template <typename Change, typename Redisplay>
Response post_change(Request& request, std::int64_t id, std::string error_field, std::string done_href, Change change,
                     Redisplay redisplay) {
  auto form = submitted_form(request);
  auto version = take_submitted_version(form.values);
  form.errors = errors_from([&] { change(id, form.values, version); }, error_field);
  if (form.errors.empty()) return Response::redirect(done_href);
  return redisplay(form);
}

template <typename Move>
Response move_transfer(WebContext& context, Request& request, const Caller& caller, std::string error_field, Move move) {
  auto transfer_id = id_param(request, "tid");
  return post_change(request, transfer_id, std::move(error_field), transfer_href(transfer_id), move,
                     [&](const FormState& form) { return transfer_page(context, caller, transfer_id, form); });
}

// --- Handover meeting ---------------------------------------------------------------------

Response schedule_form(WebContext& context, const Caller& caller, std::int64_t person_id, const FormState& form) {
  auto meeting = services::meeting_to_schedule(context.store, caller.staff, person_id);
  auto view = page_view(caller, staff_text("Schedule the handover meeting"), "");
  add_errors(view, form);
  view["person"] = {{"name", meeting.person.full_name()}, {"href", person_href(person_id)}};
  const auto& handover = meeting.handover_date;
  view["handover_date"] = handover ? to_long_date(*handover) : "";
  view["fields"] = {{"scheduled_on", date_form_field(form, "scheduled_on", staff_text("Date of the meeting"),
                                                {{"hint", handover ? staff_text("Before the handover date, ((date)), if you can.", {{"date", to_long_date(*handover)}}) : ""}})},
                    {"late_reason", form_field(form, "late_reason", staff_text("If it is on or after the handover date, why it is late"),
                                               {{"rows", 2}})},
                    {"notes", form_field(form, "notes", staff_text("Notes (optional)"), {{"hint", staff_text("Where it will be held, and anything to prepare")}, {"rows", 3}})}};
  return render_page(context, form.errors.empty() ? 200 : 422, "transfers/handover_meeting_form", view);
}

Response schedule(WebContext& context, Request& request, const Caller& caller) {
  auto person_id = id_param(request, "id");
  auto form = submitted_form(request);
  form.errors = errors_from([&] { services::schedule_handover_meeting(context.store, context.clock, caller.staff, person_id, form.values); },
                            "scheduled_on");
  if (form.errors.empty()) return Response::redirect(meeting_href(person_id));
  return schedule_form(context, caller, person_id, form);
}

Response meeting_page(WebContext& context, const Caller& caller, std::int64_t person_id, const FormState& form) {
  auto record = services::handover_meeting_of(context.store, caller.staff, person_id);
  if (!record.meeting) return Response::redirect(person_href(person_id) + "/handover-meetings/new");
  const auto& meeting = *record.meeting;
  auto view = page_view(caller, staff_text("Three-way handover meeting"), "");
  add_errors(view, form);
  const auto& status = entry_for(meeting_statuses(), meeting.status);
  view["person"] = {{"name", record.person.full_name()}, {"href", person_href(meeting.person_id)}};
  view["meeting"] = {{"href", meeting_href(person_id)}, {"version", meeting.version}};
  auto rows = View::list({{{"key", staff_text("Status")}, {"value", status.label}},
                                     {{"key", staff_text("Scheduled for")}, {"value", to_long_date(meeting.scheduled_on)}}});
  if (meeting.held_on) rows.push_back({{"key", staff_text("Held on")}, {"value", to_long_date(*meeting.held_on)}});
  if (meeting.person_attended)
    rows.push_back({{"key", staff_text("The person attended")}, {"value", *meeting.person_attended ? staff_text("Yes") : staff_text("No")}});
  if (!meeting.late_reason.empty()) rows.push_back({{"key", staff_text("Why it is late")}, {"value", meeting.late_reason}});
  if (!meeting.notes.empty())
    rows.push_back({{"key", meeting.status == MeetingStatus::cancelled ? staff_text("Why it was cancelled") : staff_text("Notes")}, {"value", meeting.notes}});
  view["details"] = {{"rows", rows}};
  view["open"] = record.open;
  auto attended = form.values.contains("person_attended") ? form.values.at("person_attended") : "";
  view["fields"] = {
      {"held_on", date_form_field(form, "held_on", staff_text("Date it was held"))},
      {"person_attended", form_field(form, "person_attended", staff_text("Did the person attend?"),
                                     {{"legend", staff_text("Did the person attend?")}, {"inline", true},
                                      {"items", {{{"value", "yes"}, {"text", staff_text("Yes")}, {"checked", attended == "yes"}},
                                                 {{"value", "no"}, {"text", staff_text("No")}, {"checked", attended == "no"}}}}})},
      {"late_reason", form_field(form, "late_reason", staff_text("If it was held on or after the handover date, why it was late"),
                                 {{"rows", 2}})},
      {"notes", form_field(form, "notes", staff_text("What was agreed (optional)"), {{"rows", 3}})},
      {"reason", form_field(form, "reason", staff_text("Why it is cancelled"), {{"rows", 3}})}};
  return render_page(context, form.errors.empty() ? 200 : 422, "transfers/handover_meeting", view);
}

template <typename Change>
Response change_meeting(WebContext& context, Request& request, const Caller& caller, std::string error_field, Change change) {
  auto person_id = id_param(request, "id");
  return post_change(request, person_id, std::move(error_field), person_href(person_id), change,
                     [&](const FormState& form) { return meeting_page(context, caller, person_id, form); });
}

}  // namespace

void add_transfers_routes(Router& router, WebContext& context) {
  router.get("/transfers", page(context, [&](Request& r, const Caller& c) { return awaiting_page(context, r, c); }));
  router.get("/people/{id}/transfers", page(context, [&](Request& r, const Caller& c) { return person_transfers_page(context, r, c); }));
  router.get("/people/{id}/transfers/new", page(context, [&](Request& r, const Caller& c) {
               auto person_id = id_param(r, "id");
               FormState form{services::transfer_prefill(context.store, c.staff, person_id), {}};
               return transfer_form(context, c, person_id, std::move(form));
             }));
  router.post("/people/{id}/transfers", page(context, [&](Request& r, const Caller& c) { return request_transfer(context, r, c); }));
  router.get("/transfers/{tid}", page(context, [&](Request& r, const Caller& c) {
               return transfer_page(context, c, id_param(r, "tid"), {});
             }));
  router.post("/transfers/{tid}/acknowledge", page(context, [&](Request& r, const Caller& c) {
                return move_transfer(context, r, c, "note", [&](std::int64_t id, const FieldInput& fields, std::int64_t version) {
                  services::acknowledge(context.store, context.clock, context.bank_holidays, c.staff, id, fields, version);
                });
              }));
  router.post("/transfers/{tid}/withdraw", page(context, [&](Request& r, const Caller& c) {
                return move_transfer(context, r, c, "reason", [&](std::int64_t id, const FieldInput& fields, std::int64_t version) {
                  services::withdraw(context.store, context.clock, context.bank_holidays, c.staff, id, fields, version);
                });
              }));
  router.get("/people/{id}/handover-meetings/new", page(context, [&](Request& r, const Caller& c) {
               return schedule_form(context, c, id_param(r, "id"), {});
             }));
  router.post("/people/{id}/handover-meetings", page(context, [&](Request& r, const Caller& c) { return schedule(context, r, c); }));
  router.get("/people/{id}/handover-meeting", page(context, [&](Request& r, const Caller& c) {
               return meeting_page(context, c, id_param(r, "id"), {});
             }));
  router.post("/people/{id}/handover-meeting/held", page(context, [&](Request& r, const Caller& c) {
                return change_meeting(context, r, c, "held_on", [&](std::int64_t id, const FieldInput& fields, std::int64_t version) {
                  return services::record_handover_meeting_held(context.store, context.clock, c.staff, id, fields, version);
                });
              }));
  router.post("/people/{id}/handover-meeting/cancel", page(context, [&](Request& r, const Caller& c) {
                return change_meeting(context, r, c, "reason", [&](std::int64_t id, const FieldInput& fields, std::int64_t version) {
                  return services::cancel_handover_meeting(context.store, context.clock, c.staff, id, fields, version);
                });
              }));
  add_transfers_api(router, context);
}

}  // namespace resettle::web
