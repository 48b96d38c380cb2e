// Integrated offender management pages and API: the person's IOM page for practitioners (the cohort,
// the police co-worker and their contacts, with the forms that set and end them), and the police
// co-worker's side, and that of the other risk partners (social care, MAPPA coordinators): the cases
// they are named on, the shared view of one, and the police officer's contact form.
#include "domain/catalogue.hpp"
#include "services/mappa/iom.hpp"
#include "web/api_support.hpp"
#include "web/failures.hpp"
#include "web/mappa/views.hpp"
#include "web/people/views.hpp"
#include "web/routes.hpp"
#include "web/supervision/views.hpp"

namespace resettle::web {

namespace {

std::string iom_href(std::int64_t person_id) { return person_href(person_id) + "/iom"; }
std::string shared_href(std::int64_t person_id) { return person_href(person_id) + "/shared"; }
std::string coworker_end_href(std::int64_t person_id, std::int64_t id) {
  return iom_href(person_id) + "/co-workers/" + std::to_string(id) + "/end";
}

const FieldInput cohort_fields{{"cohort", ""}, {"starts_on", ""}};
const FieldInput cohort_end_fields{{"ends_on", ""}};
const FieldInput coworker_fields{{"staff_id", ""}, {"from", ""}};
const FieldInput coworker_end_fields{{"to", ""}};
const FieldInput contact_fields{{"contact_on", ""}, {"summary", ""}, {"intelligence_free", ""}, {"appointment_id", ""}};

std::string named(const std::map<std::int64_t, std::string>& names, std::int64_t id) {
  auto found = names.find(id);
  return found == names.end() ? "" : found->second;
}

std::string cohort_label(IomCohort cohort) { return std::string{entry_for(iom_cohorts(), cohort).label}; }
// "Fixed, from 5 February 2027": the cohort a case is in and since when.
std::string cohort_since(IomCohort cohort, Date starts_on) {
  return staff_text("((cohort)), from ((date))", {{"cohort", cohort_label(cohort)}, {"date", to_long_date(starts_on)}});
}
std::string until_text(const std::optional<Date>& end) { return end ? to_long_date(*end) : staff_text("Now"); }

View section(std::string heading, View table, bool empty, std::string none) {
  View view{{"heading", std::move(heading)}};
  if (empty) view["none"] = std::move(none);
  else view["table"] = std::move(table);
  return view;
}

View table(std::string caption, std::vector<std::string> head, View rows) {
  auto cells = View::list();
  for (auto& text : head) cells.push_back({{"text", std::move(text)}});
  return {{"caption", std::move(caption)}, {"head", cells}, {"rows", std::move(rows)}};
}

View texts_row(std::vector<std::string> texts) {
  auto list = View::list();
  for (auto& text : texts) list.push_back(std::move(text));
  return {{"texts", list}};
}

View contacts_section(const std::vector<IomContact>& contacts, const std::map<std::int64_t, std::string>& names) {
  auto rows = View::list();
  for (const auto& contact : contacts)
    rows.push_back(texts_row({contact.appointment_id ? staff_text("((date)) (joint home visit)", {{"date", to_long_date(contact.contact_on)}})
                                                     : to_long_date(contact.contact_on),
                              contact.summary, named(names, contact.recorded_by)}));
  return section(staff_text("Police contacts"),
                 table(staff_text("Contacts recorded by police co-workers, latest first"),
                       {staff_text("Date"), staff_text("Update"), staff_text("By")}, rows),
                 contacts.empty(), staff_text("No police contact has been recorded."));
}

// --- The person's IOM page ------------------------------------------------------------------------

// Which of the page's forms was sent back with errors, so only that one shows them.
enum class IomForm { none, cohort, cohort_end, coworker, coworker_end };

View cohort_form(const FormState& form) {
  auto fields = View::list();
  fields.push_back({{"radios", form_field(form, "cohort", staff_text("Cohort"),
                                          {{"legend", staff_text("Which cohort?")},
                                           {"items", coded_options(iom_cohorts(), value_of(form, "cohort"), "checked")}})}});
  fields.push_back({{"date_input", date_form_field(form, "starts_on", staff_text("From"))}});
  return {{"heading", staff_text("Put the case in an IOM cohort")},
          {"intro", staff_text("A cohort already set ends the day the new one starts. The community offender manager stays as allocated.")},
          {"fields", fields}, {"submit", staff_text("Set the cohort")}};
}

View coworker_options(const services::PersonIom& page, const FormState& form) {
  auto options = View::list();
  for (const auto& worker : page.coworker_accounts) {
    auto id = std::to_string(worker.id);
    options.push_back({{"value", id}, {"text", account_choice_text(worker)}, {"selected", value_of(form, "staff_id") == id}});
  }
  return with_blank_option(options, staff_text("Choose a worker"));
}

Response iom_page(WebContext& context, const Caller& caller, std::int64_t person_id, const FormState& form = {},
                  IomForm sent = IomForm::none, std::int64_t sent_coworker = 0) {
  auto page = services::iom_of(context.store, caller.staff, person_id);
  auto shown = [&](IomForm which) { return sent == which ? form : FormState{}; };
  auto view = page_view(caller, staff_text("Integrated offender management"), "");
  add_errors(view, form);
  view["person"] = {{"name", page.person.full_name()}, {"href", person_href(person_id)}};
  view["heading"] = staff_text("Integrated offender management");
  auto open = open_cohort(page.cohorts);
  auto rows = View::list();
  rows.push_back({{"key", staff_text("Cohort")},
                  {"value", open ? cohort_since(open->cohort, open->starts_on) : staff_text("Not in IOM")}});
  rows.push_back({{"key", staff_text("Community offender manager")},
                  {"value", page.com ? staff_text("((name)) (joining IOM does not change this)", {{"name", page.com->staff_name}})
                                   : staff_text("Not allocated")}});
  view["summary"] = {{"rows", rows}};
  view["has_buttons"] = page.may_change_com;
  if (page.may_change_com)
    view["buttons"] = View::list({View{{"text", staff_text("Change the community offender manager")},
                                       {"href", person_href(person_id) + "/allocate?role=com"}}});

  auto cohorts = View::list();
  for (const auto& flag : page.cohorts)
    cohorts.push_back(texts_row({cohort_label(flag.cohort), to_long_date(flag.starts_on), until_text(flag.ends_on),
                                 named(page.staff_names, flag.set_by)}));
  auto coworkers = View::list();
  for (const auto& coworker : page.coworkers)
    coworkers.push_back(texts_row({named(page.staff_names, coworker.staff_id), to_long_date(coworker.from), until_text(coworker.to),
                                   named(page.staff_names, coworker.added_by)}));
  auto sections = View::list();
  sections.push_back(section(staff_text("Co-workers"),
                             table(staff_text("Police officers, social care workers and MAPPA coordinators named on the case, latest first"),
                                   {staff_text("Worker"), staff_text("From"), staff_text("Until"), staff_text("Named by")}, coworkers),
                             page.coworkers.empty(), staff_text("No co-worker has been named.")));
  sections.push_back(section(staff_text("Cohorts"),
                             table(staff_text("IOM cohorts, latest first"),
                                   {staff_text("Cohort"), staff_text("From"), staff_text("Until"), staff_text("Set by")}, cohorts),
                             page.cohorts.empty(), staff_text("The case has never been in IOM.")));
  sections.push_back(contacts_section(page.contacts, page.staff_names));
  view["sections"] = sections;

  auto forms = View::list();
  if (page.may_manage) {
    auto set = cohort_form(shown(IomForm::cohort));
    set["action"] = iom_href(person_id) + "/cohort";
    forms.push_back(set);
    if (open) {
      auto fields = View::list({View{{"date_input", date_form_field(shown(IomForm::cohort_end), "ends_on", staff_text("Left IOM on"))}}});
      forms.push_back({{"heading", staff_text("Take the case out of IOM")}, {"action", iom_href(person_id) + "/cohort/end"},
                       {"version", open->version}, {"fields", fields}, {"submit", staff_text("End the cohort")}});
    }
    const auto& naming = shown(IomForm::coworker);
    auto fields = View::list();
    fields.push_back({{"select", form_field(naming, "staff_id", staff_text("Police officer, social care worker or MAPPA coordinator"),
                                            {{"options", coworker_options(page, naming)}})}});
    fields.push_back({{"date_input", date_form_field(naming, "from", staff_text("Named from"))}});
    forms.push_back({{"heading", staff_text("Name a co-worker on the case")},
                     {"intro", staff_text("Each sees the case summary and the parts their work needs. A police officer: police "
                                          "actions, appointments and compliance, what was shared with the police, and records "
                                          "contacts. A social care worker: the actions of and what was shared with social care. "
                                          "A MAPPA coordinator: the MAPPA category, meetings and every action.")},
                     {"action", iom_href(person_id) + "/co-workers"}, {"fields", fields}, {"submit", staff_text("Name the co-worker")}});
    for (const auto& coworker : page.coworkers) {
      if (coworker.to) continue;
      const auto& ending = sent == IomForm::coworker_end && sent_coworker == coworker.id ? form : FormState{};
      auto name = named(page.staff_names, coworker.staff_id);
      auto end_fields = View::list({View{{"date_input", date_form_field(ending, "to", staff_text("No longer named from"))}}});
      forms.push_back({{"heading", staff_text("End ((name))'s naming", {{"name", name}})}, {"action", coworker_end_href(person_id, coworker.id)},
                       {"version", coworker.version}, {"fields", end_fields}, {"submit", staff_text("End the naming")}});
    }
  }
  view["forms"] = forms;
  return render_page(context, form.errors.empty() ? 200 : 422, "mappa/record", view);
}

// --- The risk partners' side ----------------------------------------------------------------------

Response named_cases_page(WebContext& context, const Caller& caller) {
  auto people = services::named_iom_cases(context.store, caller.staff);
  auto rows = View::list();
  for (const auto& person : people)
    rows.push_back(linked_row(person.full_name(), shared_href(person.id),
                              View::list({person.prison_number}), person.crn));
  auto view = page_view(caller, staff_text("My shared cases"), "/iom/cases");
  view["heading"] = staff_text("My shared cases");
  auto listed = table(staff_text("Cases you are named on, as co-worker or at a MAPPA meeting"),
                      {staff_text("Name"), staff_text("Prison number"), staff_text("CRN")}, rows);
  listed["empty"] = people.empty();
  view["table"] = listed;
  return render_page(context, 200, "mappa/iom_cases", view);
}

std::string kind_text(const Appointment& appointment, std::int64_t officer_id) {
  auto kind = std::string{entry_for(appointment_types(), appointment.type).label};
  return appointment.joint_with == officer_id ? staff_text("((kind)), joint with you", {{"kind", kind}}) : kind;
}

// The officer's joint home visits held so far, for their account of one.
View visit_options(const services::SharedCase& shared, std::int64_t officer_id, const FormState& form) {
  auto options = View::list();
  for (const auto& appointment : shared.appointments) {
    if (appointment.joint_with != officer_id || appointment.on > shared.today) continue;
    auto id = std::to_string(appointment.id);
    options.push_back({{"value", id}, {"text", staff_text("Home visit on ((date))", {{"date", to_long_date(appointment.on)}})},
                       {"selected", value_of(form, "appointment_id") == id}});
  }
  return with_blank_option(options, staff_text("Not about a joint home visit"));
}

std::string outcome_text(const services::SharedCase& shared, const Appointment& appointment) {
  auto outcome = shared.outcomes.find(appointment.id);
  if (outcome != shared.outcomes.end()) return std::string{entry_for(appointment_outcomes(), outcome->second.outcome).label};
  return appointment.on > shared.today ? staff_text("Not yet") : staff_text("Not recorded");
}

std::string status_text(const services::SharedCase& shared, const MappaAction& action) {
  return action_overdue(action, shared.today) ? staff_text("Overdue") : std::string{entry_for(mappa_action_statuses(), action.status).label};
}

std::string agency_label(Agency agency) { return std::string{entry_for(agencies(), agency).label}; }

// The agencies a role's view names, in words: "the police", "children's or adult social care".
std::string agencies_text(const SharedParts& parts) {
  std::string text;
  for (auto agency : parts.agencies)
    text = text.empty() ? agency_label(agency) : staff_text("((agencies)) or ((agency))", {{"agencies", text}, {"agency", agency_label(agency)}});
  return text;
}

View meetings_section(const services::SharedCase& shared) {
  auto rows = View::list();
  for (const auto& meeting : shared.meetings) {
    std::string attended;
    for (const auto& attendee : meeting.attendees)
      attended += (attended.empty() ? "" : ", ") + staff_text("((name)) (((agency)))", {{"name", attendee.name}, {"agency", agency_label(attendee.agency)}});
    rows.push_back(texts_row({to_long_date(meeting.meeting_on), std::string{entry_for(mappa_meeting_kinds(), meeting.kind).label},
                              std::string{entry_for(mappa_meeting_statuses(), meeting.status).label}, attended}));
  }
  return section(staff_text("MAPPA meetings"),
                 table(staff_text("MAPPA meetings, latest first"),
                       {staff_text("Date"), staff_text("Kind"), staff_text("Status"), staff_text("Attendees")}, rows),
                 shared.meetings.empty(), staff_text("No MAPPA meeting has been recorded."));
}

// The case's appointments for a police officer, with their outcomes; for another risk partner, only the
// joint home visits they are the second worker of (shows_appointment), without outcomes: compliance is
// the police's part.
View appointments_section(const services::SharedCase& shared, std::int64_t viewer_id) {
  auto rows = View::list();
  for (const auto& appointment : shared.appointments) {
    auto row = texts_row({to_long_date(appointment.on), to_text(appointment.starts_at), kind_text(appointment, viewer_id)});
    if (shared.parts.appointments) row["texts"].push_back(outcome_text(shared, appointment));
    rows.push_back(std::move(row));
  }
  if (!shared.parts.appointments)
    return section(staff_text("Joint home visits"),
                   table(staff_text("Your joint home visits from 3 months ago to 3 months ahead"),
                         {staff_text("Date"), staff_text("Time"), staff_text("Kind")}, rows),
                   false, "");
  return section(staff_text("Appointments"),
                 table(staff_text("Appointments from 3 months ago to 3 months ahead"),
                       {staff_text("Date"), staff_text("Time"), staff_text("Kind"), staff_text("Outcome")}, rows),
                 shared.appointments.empty(), staff_text("No appointment in these 6 months."));
}

View summary_rows(const services::SharedCase& shared) {
  auto rows = View::list();
  rows.push_back({{"key", staff_text("Prison number")}, {"value", shared.person.prison_number}});
  rows.push_back({{"key", staff_text("CRN")}, {"value", shared.person.crn}});
  rows.push_back({{"key", staff_text("IOM cohort")},
                  {"value", shared.cohort ? cohort_since(shared.cohort->cohort, shared.cohort->starts_on) : staff_text("Not in IOM")}});
  rows.push_back({{"key", staff_text("MAPPA level")},
                  {"value", shared.mappa_level == MappaLevel::none ? staff_text("Not managed under MAPPA")
                                                                   : std::string{entry_for(mappa_levels(), shared.mappa_level).label}}});
  if (shared.decision)
    rows.push_back({{"key", staff_text("MAPPA category")}, {"value", std::string{entry_for(mappa_categories(), shared.decision->category).label}}});
  if (shared.parts.meetings)
    rows.push_back({{"key", staff_text("Next MAPPA meeting due")},
                    {"value", shared.next_meeting
                                  ? staff_text("((date)) (((reason)))", {{"date", to_long_date(shared.next_meeting->due)},
                                                                        {"reason", entry_for(meeting_due_reasons(), shared.next_meeting->reason).label}})
                                  : staff_text("None due")}});
  rows.push_back({{"key", staff_text("Community offender manager")}, {"value", shared.com_name.empty() ? staff_text("Not allocated") : shared.com_name}});
  if (shared.parts.appointments)
    rows.push_back({{"key", staff_text("Failures to comply in 12 months")}, {"value", std::to_string(shared.failures_in_12_months)}});
  return {{"rows", rows}};
}

View contact_form(const services::SharedCase& shared, const Caller& caller, std::int64_t person_id, const FormState& form) {
  auto fields = View::list();
  fields.push_back({{"date_input", date_form_field(form, "contact_on", staff_text("Date of the contact"))}});
  fields.push_back({{"textarea", form_field(form, "summary", staff_text("Update"), {{"rows", 4}})}});
  fields.push_back({{"select", form_field(form, "appointment_id", staff_text("Your part of a joint home visit (optional)"),
                                          {{"hint", staff_text("Its outcome stays the community offender manager's to record")},
                                           {"options", visit_options(shared, caller.staff.id, form)}})}});
  auto confirm = View::list({View{{"value", "true"}, {"text", staff_text("This update holds no intelligence")},
                                  {"checked", value_of(form, "intelligence_free") == "true"}}});
  fields.push_back({{"checkboxes", form_field(form, "intelligence_free", staff_text("No intelligence"),
                                              {{"legend", staff_text("Intelligence stays in police systems")}, {"items", confirm}})}});
  return {{"heading", staff_text("Record a contact")}, {"action", shared_href(person_id) + "/contacts"},
          {"fields", fields}, {"submit", staff_text("Record the contact")}};
}

Response shared_page(WebContext& context, const Caller& caller, std::int64_t person_id, const FormState& form = {}) {
  auto shared = services::shared_case_of(context.store, context.clock, context.bank_holidays, caller.staff, person_id);
  const auto& parts = shared.parts;
  auto view = page_view(caller, staff_text("Shared case"), "/iom/cases");
  add_errors(view, form);
  view["person"] = {{"name", staff_text("My shared cases")}, {"href", "/iom/cases"}};
  view["heading"] = shared.person.full_name();
  view["summary"] = summary_rows(shared);

  auto actions = View::list();
  for (const auto& action : shared.actions)
    actions.push_back(texts_row({action.description,
                                 action.owner_name.empty() ? agency_label(action.owner_agency)
                                                           : staff_text("((agency)): ((name))", {{"agency", agency_label(action.owner_agency)},
                                                                                                {"name", action.owner_name}}),
                                 to_long_date(action.due_on), status_text(shared, action)}));
  auto sections = View::list();
  if (parts.meetings) sections.push_back(meetings_section(shared));
  auto whose = parts.all_actions ? staff_text("The risk management plan's actions, soonest due first")
                                 : staff_text("MAPPA actions owned by ((agencies)), soonest due first", {{"agencies", agencies_text(parts)}});
  sections.push_back(section(staff_text("MAPPA actions"),
                             table(whose, {staff_text("Action"), staff_text("Owner"), staff_text("Due"), staff_text("Status")}, actions),
                             shared.actions.empty(), staff_text("No MAPPA action to show.")));
  if (parts.appointments || !shared.appointments.empty()) sections.push_back(appointments_section(shared, caller.staff.id));
  if (!parts.agencies.empty()) {
    auto sharing = View::list();
    for (const auto& record : shared.information_shared)
      sharing.push_back(texts_row({to_long_date(record.sent_on), std::string{entry_for(sharing_kinds(), record.kind).label},
                                   record.subject, record.answer}));
    sections.push_back(section(staff_text("Information shared"),
                               table(staff_text("Requests and disclosures between probation and ((agencies)), newest first",
                                                {{"agencies", agencies_text(parts)}}),
                                     {staff_text("Sent"), staff_text("Kind"), staff_text("What"), staff_text("Answer")}, sharing),
                               shared.information_shared.empty(),
                               staff_text("Nothing has been shared with ((agencies)).", {{"agencies", agencies_text(parts)}})));
  }
  if (parts.contacts) sections.push_back(contacts_section(shared.contacts, shared.staff_names));
  view["sections"] = sections;
  view["forms"] = View::list();
  if (parts.contacts) view["forms"] = View::list({contact_form(shared, caller, person_id, form)});
  return render_page(context, form.errors.empty() ? 200 : 422, "mappa/record", view);
}

// --- JSON ------------------------------------------------------------------------------------------

nlohmann::json date_or_null(const std::optional<Date>& date) { return date ? nlohmann::json(to_iso(*date)) : nlohmann::json(nullptr); }

nlohmann::json cohort_json(const IomCohortFlag& f) {
  return {{"id", f.id},           {"version", f.version}, {"person_id", f.person_id}, {"cohort", entry_for(iom_cohorts(), f.cohort).code},
          {"starts_on", to_iso(f.starts_on)}, {"ends_on", date_or_null(f.ends_on)}, {"set_by", f.set_by}};
}

nlohmann::json coworker_json(const IomCoworker& c) {
  return {{"id", c.id},   {"version", c.version}, {"person_id", c.person_id}, {"staff_id", c.staff_id},
          {"from", to_iso(c.from)}, {"to", date_or_null(c.to)}, {"added_by", c.added_by}};
}

nlohmann::json contact_json(const IomContact& c) {
  return {{"id", c.id}, {"person_id", c.person_id}, {"contact_on", to_iso(c.contact_on)}, {"summary", c.summary},
          {"recorded_by", c.recorded_by},
          {"appointment_id", c.appointment_id ? nlohmann::json(*c.appointment_id) : nlohmann::json(nullptr)}};
}

template <typename T, typename ToJson>
nlohmann::json list_json(const std::vector<T>& items, ToJson to_json) {
  auto list = nlohmann::json::array();
  for (const auto& item : items) list.push_back(to_json(item));
  return list;
}

nlohmann::json person_iom_json(const services::PersonIom& page) {
  return {{"person_id", page.person.id},
          {"com_staff_id", page.com ? nlohmann::json(page.com->staff_id) : nlohmann::json(nullptr)},
          {"cohorts", list_json(page.cohorts, cohort_json)},
          {"co_workers", list_json(page.coworkers, coworker_json)},
          {"contacts", list_json(page.contacts, contact_json)}};
}

// Only what the shared view shows: never the person's whole record.
nlohmann::json case_summary_json(const Person& person) {
  return {{"id", person.id}, {"name", person.full_name()}, {"prison_number", person.prison_number}, {"crn", person.crn}};
}

nlohmann::json shared_case_json(const services::SharedCase& shared, std::int64_t staff_id) {
  const auto& parts = shared.parts;
  auto actions = nlohmann::json::array();
  for (const auto& action : shared.actions)
    actions.push_back({{"id", action.id}, {"description", action.description},
                       {"owner_agency", entry_for(agencies(), action.owner_agency).code}, {"owner_name", action.owner_name},
                       {"due_on", to_iso(action.due_on)}, {"status", entry_for(mappa_action_statuses(), action.status).code},
                       {"overdue", action_overdue(action, shared.today)}});
  nlohmann::json json{{"person", case_summary_json(shared.person)},
                      {"cohort", shared.cohort ? nlohmann::json(entry_for(iom_cohorts(), shared.cohort->cohort).code) : nlohmann::json(nullptr)},
                      {"mappa_level", entry_for(mappa_levels(), shared.mappa_level).code},
                      {"com_name", shared.com_name},
                      {"actions", actions}};
  if (parts.meetings) {
    auto meetings = nlohmann::json::array();
    for (const auto& meeting : shared.meetings) {
      auto attendees = nlohmann::json::array();
      for (const auto& attendee : meeting.attendees)
        attendees.push_back({{"agency", entry_for(agencies(), attendee.agency).code}, {"name", attendee.name}});
      meetings.push_back({{"id", meeting.id}, {"kind", entry_for(mappa_meeting_kinds(), meeting.kind).code},
                          {"meeting_on", to_iso(meeting.meeting_on)},
                          {"status", entry_for(mappa_meeting_statuses(), meeting.status).code}, {"attendees", attendees}});
    }
    json["mappa_category"] = shared.decision ? nlohmann::json(entry_for(mappa_categories(), shared.decision->category).code)
                                             : nlohmann::json(nullptr);
    json["meetings"] = meetings;
    json["next_meeting_due"] = shared.next_meeting ? nlohmann::json(to_iso(shared.next_meeting->due)) : nlohmann::json(nullptr);
  }
  // Another risk partner's joint home visits come without outcomes: compliance is the police's part.
  if (parts.appointments || !shared.appointments.empty()) {
    auto appointments = nlohmann::json::array();
    for (const auto& appointment : shared.appointments) {
      nlohmann::json shown{{"id", appointment.id},
                           {"on", to_iso(appointment.on)},
                           {"starts_at", to_text(appointment.starts_at)},
                           {"type", entry_for(appointment_types(), appointment.type).code},
                           {"joint_with_you", appointment.joint_with == staff_id}};
      if (parts.appointments) {
        auto outcome = shared.outcomes.find(appointment.id);
        shown["outcome"] = outcome == shared.outcomes.end()
                               ? nlohmann::json(nullptr)
                               : nlohmann::json(entry_for(appointment_outcomes(), outcome->second.outcome).code);
      }
      appointments.push_back(std::move(shown));
    }
    json["appointments"] = appointments;
  }
  if (parts.appointments) json["failures_in_12_months"] = shared.failures_in_12_months;
  if (!parts.agencies.empty()) {
    auto sharing = nlohmann::json::array();
    for (const auto& record : shared.information_shared)
      sharing.push_back({{"id", record.id}, {"kind", entry_for(sharing_kinds(), record.kind).code},
                         {"agency", entry_for(agencies(), record.agency).code}, {"subject", record.subject},
                         {"sent_on", to_iso(record.sent_on)}, {"answer", record.answer},
                         {"answered_on", date_or_null(record.answered_on)}});
    json["information_shared"] = sharing;
  }
  if (parts.contacts) json["contacts"] = list_json(shared.contacts, contact_json);
  return json;
}

FieldInput body_fields(const Request& request, const FieldInput& allowed) { return fields_from_json(parse_body(request), allowed); }

void add_iom_api(Router& router, WebContext& context) {
  auto route = [&](std::string_view method, std::string_view pattern, CallerHandler handler) {
    router.add(method, pattern, api(context, std::move(handler)));
  };
  auto& store = context.store;
  const auto& clock = context.clock;
  route("GET", "/api/v1/people/{id}/iom", [&](Request& request, const Caller& caller) {
    return json_response(200, person_iom_json(services::iom_of(store, caller.staff, id_param(request, "id"))));
  });
  route("POST", "/api/v1/people/{id}/iom/cohort", [&](Request& request, const Caller& caller) {
    auto flag = services::set_iom_cohort(store, clock, caller.staff, id_param(request, "id"), body_fields(request, cohort_fields));
    return record_response(201, cohort_json(flag), flag.version);
  });
  route("POST", "/api/v1/people/{id}/iom/cohort/end", [&](Request& request, const Caller& caller) {
    auto version = if_match_version(request);
    if (!version) return precondition_required();
    auto flag = services::end_iom_cohort(store, clock, caller.staff, id_param(request, "id"),
                                         body_fields(request, cohort_end_fields), *version);
    return record_response(200, cohort_json(flag), flag.version);
  });
  route("POST", "/api/v1/people/{id}/iom/co-workers", [&](Request& request, const Caller& caller) {
    auto coworker = services::add_iom_coworker(store, clock, caller.staff, id_param(request, "id"),
                                               body_fields(request, coworker_fields));
    return record_response(201, coworker_json(coworker), coworker.version);
  });
  route("POST", "/api/v1/iom/co-workers/{id}/end", [&](Request& request, const Caller& caller) {
    auto version = if_match_version(request);
    if (!version) return precondition_required();
    auto coworker = services::end_iom_coworker(store, clock, caller.staff, id_param(request, "id"),
                                               body_fields(request, coworker_end_fields), *version);
    return record_response(200, coworker_json(coworker), coworker.version);
  });
  route("GET", "/api/v1/iom/cases", [&](Request&, const Caller& caller) {
    return json_response(200, {{"items", list_json(services::named_iom_cases(store, caller.staff), case_summary_json)}});
  });
  route("GET", "/api/v1/people/{id}/shared", [&](Request& request, const Caller& caller) {
    return json_response(200, shared_case_json(services::shared_case_of(store, clock, context.bank_holidays, caller.staff,
                                                                        id_param(request, "id")),
                                               caller.staff.id));
  });
  route("POST", "/api/v1/people/{id}/shared/contacts", [&](Request& request, const Caller& caller) {
    auto contact = services::record_iom_contact(store, clock, caller.staff, id_param(request, "id"),
                                                body_fields(request, contact_fields));
    return json_response(201, contact_json(contact));
  });
}

// A form on the IOM page: on success back to the page, else the page with that form's errors.
template <typename Change>
Response submit_iom_form(WebContext& context, Request& request, const Caller& caller, IomForm sent, Change change) {
  auto person_id = id_param(request, "id");
  auto form = submitted_form(request);
  form.errors = errors_from([&] { change(person_id, form.values); });
  if (form.errors.empty()) return Response::redirect(iom_href(person_id));
  return iom_page(context, caller, person_id, form, sent);
}

}  // namespace

void add_iom_routes(Router& router, WebContext& context) {
  auto on = [&](auto handler) { return page(context, handler); };
  auto& store = context.store;
  const auto& clock = context.clock;
  router.get("/people/{id}/iom", on([&](Request& r, const Caller& c) { return iom_page(context, c, id_param(r, "id")); }));
  router.post("/people/{id}/iom/cohort", on([&](Request& r, const Caller& c) {
                return submit_iom_form(context, r, c, IomForm::cohort, [&](std::int64_t id, const FieldInput& values) {
                  services::set_iom_cohort(store, clock, c.staff, id, values);
                });
              }));
  router.post("/people/{id}/iom/cohort/end", on([&](Request& r, const Caller& c) {
                return submit_iom_form(context, r, c, IomForm::cohort_end, [&](std::int64_t id, FieldInput values) {
                  auto version = take_submitted_version(values);
                  services::end_iom_cohort(store, clock, c.staff, id, values, version);
                });
              }));
  router.post("/people/{id}/iom/co-workers", on([&](Request& r, const Caller& c) {
                return submit_iom_form(context, r, c, IomForm::coworker, [&](std::int64_t id, const FieldInput& values) {
                  services::add_iom_coworker(store, clock, c.staff, id, values);
                });
              }));
  router.post("/people/{id}/iom/co-workers/{coworker}/end", on([&](Request& r, const Caller& c) {
                auto person_id = id_param(r, "id"), coworker_id = id_param(r, "coworker");
                auto form = submitted_form(r);
                auto version = take_submitted_version(form.values);
                form.errors = errors_from([&] { services::end_iom_coworker(store, clock, c.staff, coworker_id, form.values, version); });
                if (form.errors.empty()) return Response::redirect(iom_href(person_id));
                return iom_page(context, c, person_id, form, IomForm::coworker_end, coworker_id);
              }));
  router.get("/iom/cases", on([&](Request&, const Caller& c) { return named_cases_page(context, c); }));
  router.get("/people/{id}/shared", on([&](Request& r, const Caller& c) { return shared_page(context, c, id_param(r, "id")); }));
  router.post("/people/{id}/shared/contacts", on([&](Request& r, const Caller& c) {
                auto person_id = id_param(r, "id");
                auto form = submitted_form(r);
                form.errors = errors_from([&] { services::record_iom_contact(store, clock, c.staff, person_id, form.values); });
                if (form.errors.empty()) return Response::redirect(shared_href(person_id));
                return shared_page(context, c, person_id, form);
              }));
  add_iom_api(router, context);
}

}  // namespace resettle::web
