// Information sharing pages, part of MAPPA's capability: the person's requests and disclosures, the
// form that records one, and one record with the form for its answer.
#include "domain/catalogue.hpp"
#include "services/mappa/information_sharing.hpp"
#include "web/failures.hpp"
#include "web/routes.hpp"

namespace resettle::web {

namespace {

std::string sharing_href(std::int64_t person_id) { return person_href(person_id) + "/information-sharing"; }
std::string record_href(std::int64_t id) { return "/information-sharing/" + std::to_string(id); }

View state_cell(const SharingRecord& record, Date today) {
  if (sharing_overdue(record, today)) return {{"tag", {{"text", staff_text("Overdue")}, {"colour", "red"}}}};
  if (!expects_answer(record.kind)) return {{"tag", {{"text", staff_text("Shared")}, {"colour", "grey"}}}};
  if (record.answered_on) return {{"tag", {{"text", staff_text("Answered")}, {"colour", "green"}}}};
  return {{"tag", {{"text", staff_text("Awaiting answer")}, {"colour", "blue"}}}};
}

std::string basis_label(const SharingRecord& record) {
  return record.lawful_basis ? std::string{entry_for(lawful_bases(), *record.lawful_basis).label} : staff_text("Not recorded");
}

Response records_page(WebContext& context, const Caller& caller, std::int64_t person_id) {
  auto page = services::sharing_of(context.store, context.clock, caller.staff, person_id);
  auto view = page_view(caller, staff_text("Information sharing"), "");
  view["person"] = {{"name", page.person.full_name()}, {"href", person_href(person_id)}};
  view["heading"] = staff_text("Information sharing");
  view["has_buttons"] = page.may_change;
  view["buttons"] = page.may_change ? View::list({View{{"text", staff_text("Record a request or disclosure")},
                                                       {"href", sharing_href(person_id) + "/new"}}})
                                    : View::list();
  auto rows = View::list_with_room(page.records.size());
  for (const auto& record : page.records)
    rows.push_back(linked_row(to_long_date(record.sent_on), record_href(record.id),
                              {std::string{entry_for(sharing_kinds(), record.kind).label},
                               std::string{entry_for(agencies(), record.agency).label}, record.subject,
                               record.due_by ? to_long_date(*record.due_by) : staff_text("None")},
                              state_cell(record, page.today)));
  View section{{"heading", staff_text("Requests and disclosures")}};
  if (page.records.empty()) {
    section["none"] = staff_text("Nothing has been shared or asked for.");
  } else {
    section["table"] = {{"caption", staff_text("Latest first")},
                        {"head", {{{"text", staff_text("Sent or received")}}, {{"text", staff_text("Kind")}}, {{"text", staff_text("Agency")}}, {{"text", staff_text("What")}},
                                  {{"text", staff_text("Answer due")}}, {{"text", staff_text("State")}}}},
                        {"rows", std::move(rows)}};
  }
  view["sections"] = View::list({std::move(section)});
  return render_page(context, 200, "mappa/record", view);
}

// Adds the lawful basis and the approver to a form's fields.
void add_basis_and_approver(View& fields, const FormState& form, std::string approver_hint) {
  fields.push_back({{"select", form_field(form, "lawful_basis", staff_text("Lawful basis"),
                                          {{"hint", staff_text("Needed for a disclosure and for a request we make")},
                                           {"options", with_blank_option(coded_options(lawful_bases(), value_of(form, "lawful_basis"), "selected"),
                                                                         staff_text("Choose the lawful basis"))}})}});
  fields.push_back({{"text_input", form_field(form, "approved_by", staff_text("Approved by"), {{"hint", std::move(approver_hint)}})}});
}

Response record_form(WebContext& context, const Caller& caller, std::int64_t person_id, const FormState& form) {
  auto page = services::sharing_of(context.store, context.clock, caller.staff, person_id);
  if (!page.may_change) throw Forbidden("partner agencies do not record information sharing");
  auto view = page_view(caller, staff_text("Record a request or disclosure"), "");
  add_errors(view, form);
  view["person"] = {{"name", page.person.full_name()}, {"href", sharing_href(person_id)}};
  view["heading"] = staff_text("Record a request or disclosure");
  view["action"] = sharing_href(person_id);
  view["submit"] = staff_text("Record it");
  auto fields = View::list();
  fields.push_back({{"radios", form_field(form, "kind", staff_text("Kind"),
                                          {{"legend", staff_text("What is it?")},
                                           {"items", coded_options(sharing_kinds(), value_of(form, "kind"), "checked")}})}});
  auto others = View::list();
  for (const auto& agency : agencies())
    if (agency.value != Agency::probation)
      others.push_back({{"value", agency.code}, {"text", agency.label}, {"selected", value_of(form, "agency") == agency.code}});
  fields.push_back({{"select", form_field(form, "agency", staff_text("The other agency"), {{"options", with_blank_option(others, staff_text("Choose an agency"))}})}});
  fields.push_back({{"textarea", form_field(form, "subject", staff_text("What was asked or shared"), {{"rows", 4}})}});
  add_basis_and_approver(fields, form, staff_text("Needed for a disclosure"));
  fields.push_back({{"date_input", date_form_field(form, "sent_on", staff_text("Date sent or received"))}});
  fields.push_back({{"date_input", date_form_field(form, "due_by", staff_text("Answer due by"), {{"hint", staff_text("Needed for a request")}})}});
  view["fields"] = fields;
  return render_page(context, form.errors.empty() ? 200 : 422, "plan/plan_form", view);
}

Response record_page(WebContext& context, const Caller& caller, std::int64_t id, const FormState& form) {
  auto found = services::find_sharing(context.store, context.clock, caller.staff, id);
  const auto& record = found.record;
  auto view = page_view(caller, staff_text("Information sharing record"), "");
  add_errors(view, form);
  view["person"] = {{"name", found.person.full_name()}, {"href", sharing_href(found.person.id)}};
  view["heading"] = std::string{entry_for(sharing_kinds(), record.kind).label} + ": " +
                    std::string{entry_for(agencies(), record.agency).label};
  view["tag"] = state_cell(record, context.clock.today())["tag"];
  auto rows = View::list();
  auto row = [&](std::string key, std::string value) {
    if (!value.empty()) rows.push_back({{"key", std::move(key)}, {"value", std::move(value)}});
  };
  row(staff_text("What was asked or shared"), record.subject);
  row(staff_text("Lawful basis"), basis_label(record));
  row(staff_text("Approved by"), record.approved_by);
  row(staff_text("Sent or received"), to_long_date(record.sent_on));
  if (record.due_by) row(staff_text("Answer due by"), to_long_date(*record.due_by));
  row(staff_text("Answer"), record.answer);
  if (record.answered_on) row(staff_text("Answered"), to_long_date(*record.answered_on));
  row(staff_text("Recorded by"), found.recorded_by_name);
  view["summary"] = {{"rows", rows}};
  if (found.may_answer) {
    auto fields = View::list();
    fields.push_back({{"textarea", form_field(form, "answer", staff_text("The answer"), {{"rows", 4}})}});
    fields.push_back({{"date_input", date_form_field(form, "answered_on", staff_text("Date answered"))}});
    if (record.kind == SharingKind::request_received)
      add_basis_and_approver(fields, form, staff_text("Answering is a disclosure: say who approved it"));
    view["forms"] = View::list({View{{"heading", staff_text("Record the answer")}, {"action", record_href(id) + "/answer"},
                                     {"version", record.version}, {"fields", fields}, {"submit", staff_text("Record the answer")}}});
  }
  return render_page(context, form.errors.empty() ? 200 : 422, "mappa/record", view);
}

}  // namespace

void add_information_sharing_routes(Router& router, WebContext& context) {
  auto on = [&](auto handler) { return page(context, handler); };
  router.get("/people/{id}/information-sharing",
             on([&](Request& r, const Caller& c) { return records_page(context, c, id_param(r, "id")); }));
  router.get("/people/{id}/information-sharing/new",
             on([&](Request& r, const Caller& c) { return record_form(context, c, id_param(r, "id"), {}); }));
  router.post("/people/{id}/information-sharing", on([&](Request& r, const Caller& c) {
                auto person_id = id_param(r, "id");
                auto form = submitted_form(r);
                SharingRecord recorded;
                form.errors = errors_from([&] {
                  recorded = services::record_sharing(context.store, context.clock, c.staff, person_id, form.values);
                });
                if (form.errors.empty()) return Response::redirect(record_href(recorded.id));
                return record_form(context, c, person_id, form);
              }));
  router.get("/information-sharing/{id}", on([&](Request& r, const Caller& c) { return record_page(context, c, id_param(r, "id"), {}); }));
  router.post("/information-sharing/{id}/answer", on([&](Request& r, const Caller& c) {
                auto id = id_param(r, "id");
                auto form = submitted_form(r);
                auto version = take_submitted_version(form.values);
                form.errors = errors_from([&] {
                  services::answer_sharing(context.store, context.clock, c.staff, id, form.values, version);
                }, "answer");
                if (form.errors.empty()) return Response::redirect(record_href(id));
                return record_page(context, c, id, form);
              }));
}

}  // namespace resettle::web
