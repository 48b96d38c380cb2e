// Supervision pages: the person's appointments with the booking form (and its warnings to confirm),
// one appointment with its outcome form and the forms to move or cancel it, the person's contact
// details and working hours, the officer's diary, and the messages sent to the person (the embedded
// outbox). The diary and the person's appointments hold their calendar feeds' controls (calendars.cpp
// answers them); contact plans are in contact_plans.cpp.
#include <algorithm>
#include <memory>
#include "domain/catalogue.hpp"
#include "domain/language.hpp"
#include "domain/mappa/iom.hpp"
#include "domain/staff_catalogue.hpp"
#include "domain/uk_time.hpp"
#include "services/supervision/appointments.hpp"
#include "services/supervision/calendars.hpp"
#include "services/messages/messages.hpp"
#include "web/failures.hpp"
#include "web/routes.hpp"
#include "web/supervision/views.hpp"

namespace resettle::web {

namespace {

std::string appointments_href(std::int64_t person_id) { return person_href(person_id) + "/appointments"; }
std::string appointment_href(std::int64_t id) { return "/appointments/" + std::to_string(id); }
constexpr int diary_days = 14;

// The calendar_feed partial: make a feed at `path` (replacing any) or stop the current one.
View calendar_feed_view(const std::optional<store::CalendarFeed>& current, const std::string& path, std::string heading,
                        std::string intro) {
  View view = {{"heading", std::move(heading)},
               {"intro", std::move(intro)},
               {"create_action", path},
               {"create_text", current ? staff_text("Make a new feed address") : staff_text("Make a feed address")}};
  if (current)
    view["current"] = {{"since", to_long_date(parse_iso_date(std::string_view{current->created_at}.substr(0, 10)))},
                       {"revoke_action", path + "/revoke"},
                       {"id", current->id}};
  return view;
}

std::string when(const Appointment& appointment) {
  return staff_text("((date)), ((start)) to ((end))", {{"date", to_long_date(appointment.on)},
                                                      {"start", time_of_day(appointment.starts_at, Language::en)},
                                                      {"end", time_of_day(appointment.ends_at, Language::en)}});
}

// The day, the times and the office of a booking or a change, added to `fields`.
void add_when_and_where(View& fields, const FormState& form, const std::vector<ProbationDeliveryUnit>& offices) {
  auto office_options = View::list();
  for (const auto& office : offices)
    office_options.push_back({{"value", office.code}, {"text", office.name}, {"selected", office.code == value_of(form, "office_code")}});
  const View time = {{"hint", staff_text("24-hour clock, for example 10:00")}, {"width", "govuk-input--width-5"}};
  fields.push_back({{"date_input", date_form_field(form, "on", staff_text("Date"))}});
  fields.push_back({{"text_input", form_field(form, "starts_at", staff_text("Start time"), time)}});
  fields.push_back({{"text_input", form_field(form, "ends_at", staff_text("End time"), time)}});
  fields.push_back({{"select", form_field(form, "office_code", staff_text("Probation office"),
                                          {{"options", with_blank_option(office_options, staff_text("Choose an office"))}})}});
}

// "DC Rees (police)": a joint home visit's second worker with the agency they come from.
std::string second_worker_text(const std::string& name, Role role) {
  return staff_text("((name)) (((agency)))", {{"name", name}, {"agency", joint_worker_agency(role)}});
}

// A joint home visit's second worker: one of the co-workers named on the case now.
View joint_worker_field(const FormState& form, const std::vector<StaffMember>& workers) {
  auto options = View::list();
  for (const auto& worker : workers) {
    auto id = std::to_string(worker.id);
    options.push_back({{"value", id}, {"text", second_worker_text(worker.display_name, worker.role)},
                       {"selected", value_of(form, "joint_with") == id}});
  }
  return {{"select", form_field(form, "joint_with", staff_text("Second worker (joint home visits only)"),
                                {{"hint", staff_text("A co-worker named on the case (police, social care or MAPPA coordinator) "
                                                     "comes too, and sees it in their shared view and diary")},
                                 {"options", with_blank_option(options, staff_text("No second worker"))}})}};
}

// The booking form: every type but the induction, the day and times, the office, how it repeats and,
// when a co-worker is named on the case, the second worker of a joint home visit.
View booking_fields(const FormState& form, const services::PersonAppointments& page) {
  const auto& offices = page.offices;
  auto types = View::list();
  for (const auto& type : appointment_types())
    if (type.value != AppointmentType::induction)
      types.push_back({{"value", type.code}, {"text", type.label}, {"selected", type.code == value_of(form, "type")}});
  auto repeat = coded_options(repeats(), value_of(form, "repeat"), "checked");
  repeat.push_back({{"value", ""}, {"text", staff_text("Does not repeat")}, {"checked", value_of(form, "repeat").empty()}});
  auto fields = View::list();
  fields.push_back({{"select", form_field(form, "type", staff_text("Type of appointment"), {{"options", with_blank_option(types, staff_text("Choose a type"))}})}});
  add_when_and_where(fields, form, offices);
  fields.push_back({{"textarea", form_field(form, "notes", staff_text("What to bring or know (optional)"),
                                            {{"hint", staff_text("The person sees this. Do not write about their offence or risk.")}, {"rows", 2}})}});
  fields.push_back({{"radios", form_field(form, "repeat", staff_text("Repeats"), {{"legend", staff_text("Does it repeat?")}, {"items", repeat}})}});
  fields.push_back({{"date_input", date_form_field(form, "until", staff_text("Repeats until (for a series)"))}});
  fields.push_back({{"text_input", form_field(form, "exceptions", staff_text("Days left out of the series (optional)"),
                                              {{"hint", staff_text("Dates as YYYY-MM-DD, separated by commas")}})}});
  if (!page.joint_workers.empty()) fields.push_back(joint_worker_field(form, page.joint_workers));
  return fields;
}

// The officer, and a joint home visit's second worker after them.
std::string workers(const Appointment& appointment, const services::PersonAppointments& page) {
  const auto& officer = page.officer_names.at(appointment.with_staff_id);
  if (!appointment.joint_with) return officer;
  auto role = page.second_worker_roles.find(*appointment.joint_with);
  return staff_text("((officer)) and ((second_worker))",
                    {{"officer", officer},
                     {"second_worker", second_worker_text(page.officer_names.at(*appointment.joint_with),
                                                          role == page.second_worker_roles.end() ? Role::police : role->second)}});
}

// Cancelled appointments stay in the lists (see decisions.md), marked so.
View cancelled_tag() { return {{"text", staff_text("Cancelled")}, {"colour", "grey"}}; }

View appointment_rows(const services::PersonAppointments& page) {
  auto rows = View::list();
  for (const auto& appointment : page.appointments) {
    auto outcome = page.outcomes.find(appointment.id);
    View outcome_cell(outcome == page.outcomes.end() ? std::string{staff_text("Not recorded")}
                                                     : std::string{entry_for(appointment_outcomes(), outcome->second.outcome).label});
    if (appointment.cancelled()) outcome_cell = {{"text", ""}, {"tag", cancelled_tag()}};
    rows.push_back(linked_row(when(appointment), appointment_href(appointment.id),
                              {std::string{entry_for(appointment_types(), appointment.type).label},
                               page.office_names.at(appointment.office_code), workers(appointment, page)},
                              std::move(outcome_cell)));
  }
  return rows;
}

std::string contact_text(const PersonContact& contact) {
  if (contact.version == 0) return staff_text("Not recorded: no reminders are sent");
  auto text = staff_text("((channel)), in ((language))", {{"channel", entry_for(message_channels(), contact.details.channel).label},
                                                          {"language", contact.details.language == Language::cy ? staff_text("Welsh")
                                                                                                                : staff_text("English")}});
  if (contact.details.opted_out) text = staff_text("((contact)) (opted out of messages)", {{"contact", text}});
  return text;
}

// The booking_warnings partial's members: the warnings, and to confirm them, what was typed sent again.
View warnings_view(const std::vector<BookingWarning>& warnings, const FieldInput& typed, std::string intro,
                   std::string submit) {
  auto items = View::list();
  for (const auto& warning : warnings) items.push_back(warning.message);
  auto hidden = View::list();
  for (const auto& [name, value] : typed) hidden.push_back({{"name", name}, {"value", value}});
  return {{"warnings", items},
          {"has_warnings", !warnings.empty()},
          {"warning_intro", std::move(intro)},
          {"submit", std::move(submit)},
          {"confirm_fields", hidden}};
}

std::string appointment_when(const Appointment& appointment) {
  return staff_text("((date)) at ((time))", {{"date", long_date_with_day(appointment.on, Language::en)},
                                            {"time", time_of_day(appointment.starts_at, Language::en)}});
}

std::string notice_sent(const AbsenceNotice& notice) {
  auto sent = uk_local(notice.sent_at);
  return staff_text("((date)) at ((time))", {{"date", long_date(sent.on, Language::en)}, {"time", time_of_day(sent.at, Language::en)}});
}

// The person's notices that they cannot come, each with the appointment it is about.
View cannot_come_rows(const services::PersonAppointments& page) {
  auto rows = View::list();
  for (const auto& notice : page.absence_notices) {
    auto appointment = std::ranges::find_if(page.appointments, [&](const Appointment& a) { return a.id == notice.appointment_id; });
    rows.push_back({{"when", appointment_when(*appointment)},
                    {"href", "/appointments/" + std::to_string(notice.appointment_id)},
                    {"reason", notice.reason},
                    {"sent", notice_sent(notice)}});
  }
  return rows;
}

Response appointments_page(WebContext& context, const Caller& caller, std::int64_t person_id, const FormState& form,
                           const std::vector<BookingWarning>& warnings) {
  auto page = services::appointments_of(context.store, context.clock, context.bank_holidays, caller.staff, person_id);
  auto view = page_view(caller, staff_text("Appointments"), "");
  add_errors(view, form);
  view["person"] = {{"name", page.person.full_name()}, {"href", person_href(person_id)}};
  view["table"] = {{"caption", staff_text("Appointments")},
                   {"head", {{{"text", staff_text("When")}}, {{"text", staff_text("Type")}}, {{"text", staff_text("Where")}}, {{"text", staff_text("With")}}, {{"text", staff_text("Outcome")}}}},
                   {"rows", appointment_rows(page)}};
  view["has_appointments"] = !page.appointments.empty();
  view["summary"] = {{"rows", {{{"key", staff_text("Failures to comply in 12 months")}, {"value", std::to_string(page.failures_in_12_months)}},
                               {{"key", staff_text("Messages")}, {"value", contact_text(page.contact)},
                                {"action", {{"href", person_href(person_id) + "/contact"}, {"text", staff_text("Change")}, {"hidden_text", staff_text("contact details")}}}},
                               {{"key", staff_text("Communication needs")},
                                {"value", page.person.communication_needs.empty() ? staff_text("None recorded") : page.person.communication_needs}}}}};
  if (!page.absence_notices.empty()) view["cannot_come"] = cannot_come_rows(page);
  view["messages_href"] = person_href(person_id) + "/messages";
  view["contact_plan_href"] = person_href(person_id) + "/contact-plan";
  if (page.may_book) {
    view["booking"] = warnings_view(warnings, form.values, staff_text("Check before booking:"), staff_text("Book anyway"));
    view["booking"]["action"] = appointments_href(person_id);
    view["booking"]["fields"] = booking_fields(form, page);
    view["calendar_feed"] = calendar_feed_view(
        page.calendar_feed, person_href(person_id) + "/calendar-feed", staff_text("Their appointments in their calendar"),
        staff_text("A private feed lets the person's own calendar app show these appointments, in their language, and keep them up to date."));
  }
  return render_page(context, form.errors.empty() ? 200 : 422, "supervision/appointments", view);
}

Response book(WebContext& context, Request& request, const Caller& caller) {
  auto person_id = id_param(request, "id");
  auto form = submitted_form(request);
  bool confirmed = form.values.erase("confirm_warnings") > 0;
  services::Booking booking;
  form.errors = errors_from([&] {
    booking = services::book_appointments(context.store, context.clock, context.bank_holidays, caller.staff, person_id,
                                          form.values, confirmed);
  });
  if (form.errors.empty() && !booking.booked.empty()) return Response::redirect(appointments_href(person_id));
  return appointments_page(context, caller, person_id, form, booking.warnings);
}

// The forms of the appointment page. The one sent shows back what was typed and what was wrong with
// it; the others open as they would.
enum class AppointmentForm { outcome, change, cancel };

// The cancel form's reason has a name of its own: the outcome form on the same page has a "reason".
constexpr std::string_view cancellation_reason_field = "cancellation_reason";

// The change form, opening with the day, times and office as booked.
View change_view(const services::AppointmentRecord& record, const FormState& sent, bool was_sent,
                 const std::vector<BookingWarning>& warnings) {
  const auto& appointment = record.appointment;
  FormState form = was_sent ? sent
                            : FormState{{{"on", to_iso(appointment.on)},
                                         {"starts_at", to_text(appointment.starts_at)},
                                         {"ends_at", to_text(appointment.ends_at)},
                                         {"office_code", appointment.office_code}},
                                        {}};
  auto typed = form.values;
  typed["version"] = std::to_string(appointment.version);  // confirming the warnings names the version seen
  auto view = warnings_view(warnings, typed, staff_text("Check before changing it:"), staff_text("Change anyway"));
  auto fields = View::list();
  add_when_and_where(fields, form, record.offices);
  view["fields"] = fields;
  view["action"] = appointment_href(appointment.id) + "/change";
  view["version"] = appointment.version;
  return view;
}

const FormState unsent_form;

View cancel_view(const services::AppointmentRecord& record, const FormState& sent, bool was_sent) {
  auto fields = View::list();
  fields.push_back({{"textarea", form_field(was_sent ? sent : unsent_form, std::string{cancellation_reason_field}, staff_text("Reason for cancelling"),
                                            {{"hint", staff_text("For staff only: the person is not sent this")}, {"rows", 3}})}});
  return {{"action", appointment_href(record.appointment.id) + "/cancel"},
          {"version", record.appointment.version},
          {"fields", fields}};
}

Response appointment_page(WebContext& context, const Caller& caller, std::int64_t id, const FormState& form,
                          AppointmentForm sent = AppointmentForm::outcome,
                          const std::vector<BookingWarning>& warnings = {}) {
  auto record = services::find_appointment(context.store, context.clock, caller.staff, id);
  const auto& appointment = record.appointment;
  auto title = staff_text("((type)) appointment", {{"type", entry_for(appointment_types(), appointment.type).label}});
  auto view = page_view(caller, title, "");
  add_errors(view, form);
  view["person"] = {{"name", record.person.full_name()}, {"href", appointments_href(record.person.id)}};
  view["heading"] = title;
  auto rows = View::list();
  rows.push_back({{"key", staff_text("When")}, {"value", when(appointment)}});
  rows.push_back({{"key", staff_text("Where")}, {"value", record.office_name}});
  rows.push_back({{"key", staff_text("With")}, {"value", record.officer_name}});
  if (appointment.joint_with)
    rows.push_back({{"key", staff_text("Second worker")}, {"value", staff_text("((second_worker)): a joint home visit",
                                         {{"second_worker", second_worker_text(record.joint_worker_name, record.joint_worker_role)}})}});
  if (!appointment.notes.empty()) rows.push_back({{"key", staff_text("What to bring or know")}, {"value", appointment.notes}});
  if (const auto& cancellation = appointment.cancellation) {
    view["cancelled_tag"] = cancelled_tag();
    rows.push_back({{"key", staff_text("Cancelled")},
                    {"value", to_long_date(parse_iso_date(std::string_view{cancellation->at}.substr(0, 10))) + ": " +
                                  cancellation->reason}});
  }
  view["summary"] = {{"rows", rows}};
  view["calendar"] = {{"href", appointment_href(id) + "/calendar.ics"}, {"person_href", appointment_href(id) + "/calendar.ics?for=person"}};
  auto decisions = View::list();
  for (const auto& decision : record.decisions)
    decisions.push_back({{"texts", {std::string{entry_for(appointment_outcomes(), decision.outcome).label}, decision.reason,
                                    to_long_date(parse_iso_date(std::string_view{decision.decided_at}.substr(0, 10)))}}});
  if (!decisions.empty())
    view["decisions"] = {{"caption", staff_text("Outcomes recorded, oldest first")},
                         {"head", {{{"text", staff_text("Outcome")}}, {{"text", staff_text("Why")}}, {{"text", staff_text("Recorded on")}}}},
                         {"rows", decisions}};
  if (record.may_record_outcome) {
    const auto& outcome_form = sent == AppointmentForm::outcome ? form : unsent_form;
    auto fields = View::list();
    fields.push_back({{"radios", form_field(outcome_form, "outcome", staff_text("What happened"),
                                            {{"legend", staff_text("What happened?")},
                                             {"items", coded_options(appointment_outcomes(), value_of(outcome_form, "outcome"), "checked")}})}});
    fields.push_back({{"textarea", form_field(outcome_form, "reason", staff_text("Why"),
                                              {{"hint", staff_text("Needed for an acceptable absence and a failure to comply")}, {"rows", 3}})}});
    view["outcome"] = {{"action", appointment_href(id) + "/outcome"}, {"fields", fields}};
  }
  if (record.may_change) {
    view["change"] = change_view(record, form, sent == AppointmentForm::change, warnings);
    view["cancel"] = cancel_view(record, form, sent == AppointmentForm::cancel);
  }
  return render_page(context, form.errors.empty() ? 200 : 422, "supervision/appointment", view);
}

Response change_appointment(WebContext& context, Request& request, const Caller& caller) {
  auto id = id_param(request, "id");
  auto form = submitted_form(request);
  auto version = take_submitted_version(form.values);
  bool confirmed = form.values.erase("confirm_warnings") > 0;
  services::Move move;
  form.errors = errors_from([&] {
    move = services::move_appointment(context.store, context.clock, context.bank_holidays, caller.staff, id, form.values,
                                      version, confirmed);
  });
  if (form.errors.empty() && move.moved) return Response::redirect(appointment_href(id));
  return appointment_page(context, caller, id, form, AppointmentForm::change, move.warnings);
}

Response cancel_appointment(WebContext& context, Request& request, const Caller& caller) {
  auto id = id_param(request, "id");
  auto form = submitted_form(request);
  auto version = take_submitted_version(form.values);
  FieldInput reason{{"reason", value_of(form, std::string{cancellation_reason_field})}};
  form.errors = errors_from([&] { services::cancel_appointment(context.store, context.clock, caller.staff, id, reason, version); });
  for (auto& error : form.errors) error.field = cancellation_reason_field;  // the only field it reads
  if (form.errors.empty()) return Response::redirect(appointment_href(id));
  return appointment_page(context, caller, id, form, AppointmentForm::cancel);
}

Response record_outcome(WebContext& context, Request& request, const Caller& caller) {
  auto id = id_param(request, "id");
  auto form = submitted_form(request);
  form.errors = errors_from([&] {
    services::record_outcome(context.store, context.clock, context.bank_holidays, caller.staff, id, form.values);
  });
  if (form.errors.empty()) return Response::redirect(appointment_href(id));
  return appointment_page(context, caller, id, form);
}

View contact_fields(const FormState& form) {
  auto fields = View::list();
  fields.push_back({{"radios", form_field(form, "channel", staff_text("How they hear from us"),
                                          {{"legend", staff_text("How do they want reminders and letters?")},
                                           {"items", coded_options(message_channels(), value_of(form, "channel"), "checked")}})}});
  fields.push_back({{"radios", form_field(form, "language", staff_text("Language"),
                                          {{"legend", staff_text("Which language?")}, {"inline", true},
                                           {"items", coded_options(languages(), value_of(form, "language"), "checked")}})}});
  fields.push_back({{"text_input", form_field(form, "mobile", staff_text("Mobile number (for texts)"), {{"width", "govuk-input--width-20"}})}});
  fields.push_back({{"text_input", form_field(form, "email", staff_text("Email address (for emails)"))}});
  fields.push_back({{"heading", staff_text("When they work")}});
  for (const auto* day : {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}) {
    std::string label = day;
    label[0] = static_cast<char>(label[0] - 'a' + 'A');
    fields.push_back({{"text_input", form_field(form, std::string{"work."} + day, label + " (optional)",
                                                {{"hint", staff_text("Start and end, for example 09:00-17:00")}, {"width", "govuk-input--width-10"}})}});
  }
  return fields;
}

FieldInput contact_values(const PersonContact& contact) {
  auto values = working_week_fields(contact.work);
  if (contact.version == 0) return values;
  values["channel"] = entry_for(message_channels(), contact.details.channel).code;
  values["language"] = entry_for(languages(), contact.details.language).code;
  values["mobile"] = contact.details.mobile;
  values["email"] = contact.details.email;
  return values;
}

Response contact_page(WebContext& context, const Caller& caller, std::int64_t person_id, std::optional<FormState> form) {
  auto record = services::contact_of(context.store, caller.staff, person_id);
  if (!record.may_change) throw Forbidden("only the community offender manager or a manager records how to reach the person");
  FormState shown = form ? *form : FormState{contact_values(record.contact), {}};
  auto view = page_view(caller, staff_text("Contact details and working hours"), "");
  add_errors(view, shown);
  view["person"] = {{"name", record.person.full_name()}, {"href", appointments_href(person_id)}};
  view["heading"] = staff_text("Contact details and working hours");
  view["intro"] = staff_text("Reminders go the way they choose. Bookings warn about clashes with their work.");
  view["action"] = person_href(person_id) + "/contact";
  view["submit"] = staff_text("Save");
  view["has_version"] = true;
  view["version"] = record.contact.version;
  view["fields"] = contact_fields(shown);
  return render_page(context, shown.errors.empty() ? 200 : 422, "plan/plan_form", view);
}

Response save_contact(WebContext& context, Request& request, const Caller& caller) {
  auto person_id = id_param(request, "id");
  auto form = submitted_form(request);
  auto version = take_submitted_version(form.values);
  form.errors = errors_from([&] { services::update_contact(context.store, caller.staff, person_id, form.values, version); });
  if (form.errors.empty()) return Response::redirect(appointments_href(person_id));
  return contact_page(context, caller, person_id, form);
}

Response diary_page(WebContext& context, services::DiaryMemo& memo, const Caller& caller) {
  auto from = context.clock.today();
  auto kept = services::kept_diary(context.store, memo, caller.staff, from, diary_days);
  const auto& entries = *kept;
  auto view = page_view(caller, staff_text("Diary"), "/diary");
  auto rows = View::list();
  for (const auto& entry : entries) {
    // A risk partner opens the case's shared view: the appointment's own page is not theirs.
    auto href = is_risk_partner(caller.staff.role) ? person_href(entry.appointment.person_id) + "/shared"
                                                  : appointment_href(entry.appointment.id);
    rows.push_back(linked_row(entry.given_name + " " + entry.family_name, href,
                              {when(entry.appointment), std::string{entry_for(appointment_types(), entry.appointment.type).label}},
                              entry.crn));
    if (entry.appointment.cancelled()) rows[rows.size() - 1]["row_header"]["tag"] = cancelled_tag();
  }
  view["table"] = {{"caption", staff_text_plural("Your appointments in the next ((count)) day", "Your appointments in the next ((count)) days", diary_days)},
                   {"head", {{{"text", staff_text("Person")}}, {{"text", staff_text("When")}}, {{"text", staff_text("Type")}}, {{"text", staff_text("CRN")}}}},
                   {"rows", rows}};
  view["has_entries"] = !entries.empty();
  view["calendar_feed"] = calendar_feed_view(
      services::diary_feed(context.store, caller.staff), "/diary/calendar-feed", staff_text("Subscribe to your diary"),
      staff_text("A private feed lets your calendar app show your appointments from the last 30 days to a year ahead, and keep them up to date."));
  return render_page(context, 200, "supervision/diary", view);
}

View message_rows(const std::vector<OutboxMessage>& messages) {
  auto rows = View::list();
  for (const auto& message : messages) {
    auto status = std::string{entry_for(message_statuses(), message.status).label};
    if (message.withheld) status += ": " + std::string{entry_for(withheld_reasons(), *message.withheld).label};
    rows.push_back({{"texts", {std::string{entry_for(message_kinds(), message.kind).label},
                               std::string{entry_for(message_channels(), message.channel).label}, message.body, status}}});
  }
  return rows;
}

Response messages_page(WebContext& context, Request& request, const Caller& caller, std::int64_t person_id) {
  auto messages = services::outbox_messages(context.store, caller.staff, person_id, page_request(request, 50));
  auto view = page_view(caller, person_id ? staff_text("Messages") : staff_text("Outbox"), "");
  view["heading"] = person_id ? staff_text("Messages to the person") : staff_text("Outbox");
  if (person_id) view["back"] = {{"href", appointments_href(person_id)}, {"text", staff_text("Appointments")}};
  view["table"] = {{"caption", staff_text("Newest first")},
                   {"head", {{{"text", staff_text("Message")}}, {{"text", staff_text("By")}}, {{"text", staff_text("Text")}}, {{"text", staff_text("Status")}}}},
                   {"rows", message_rows(messages.items)}};
  view["has_messages"] = !messages.items.empty();
  add_pagination(view, request, messages.next_cursor);
  return render_page(context, 200, "supervision/messages", view);
}

}  // namespace

// A manager's list names whose appointment each is.
View cannot_come_table(const services::CannotComeWorklist& list) {
  bool whole_unit = list.whole_unit;
  auto rows = View::list_with_room(list.notices.size());
  for (const auto& open : list.notices) {
    const auto& entry = open.entry;
    auto texts = View::list();
    texts.push_back(entry.crn);
    if (whole_unit) texts.push_back(list.officer_names.at(entry.appointment.with_staff_id));
    texts.push_back(appointment_when(entry.appointment));
    texts.push_back(notice_sent(open.notice));
    rows.push_back(linked_row(full_name(entry.given_name, entry.family_name), appointments_href(entry.appointment.person_id),
                              std::move(texts), View(open.notice.reason)));
  }
  auto head = View::list();
  auto add_heading = [&](std::string text) { head.push_back({{"text", std::move(text)}}); };
  add_heading(staff_text("Name"));
  add_heading(staff_text("CRN"));
  if (whole_unit) add_heading(staff_text("Officer"));
  add_heading(staff_text("Appointment"));
  add_heading(whole_unit ? staff_text("Told") : staff_text("Told you"));
  add_heading(staff_text("Their reason"));
  return {{"caption", whole_unit ? staff_text("People who told an officer in your unit they cannot come to an appointment")
                                 : staff_text("People who told you they cannot come to an appointment")},
          {"head", std::move(head)},
          {"rows", std::move(rows)},
          {"empty", list.notices.empty()}};
}

void add_supervision_routes(Router& router, WebContext& context) {
  router.get("/people/{id}/appointments", page(context, [&](Request& r, const Caller& c) {
               return appointments_page(context, c, id_param(r, "id"), {}, {});
             }));
  router.post("/people/{id}/appointments", page(context, [&](Request& r, const Caller& c) { return book(context, r, c); }));
  router.get("/appointments/{id}", page(context, [&](Request& r, const Caller& c) {
               return appointment_page(context, c, id_param(r, "id"), {});
             }));
  router.post("/appointments/{id}/outcome", page(context, [&](Request& r, const Caller& c) { return record_outcome(context, r, c); }));
  router.post("/appointments/{id}/change", page(context, [&](Request& r, const Caller& c) { return change_appointment(context, r, c); }));
  router.post("/appointments/{id}/cancel", page(context, [&](Request& r, const Caller& c) { return cancel_appointment(context, r, c); }));
  router.get("/people/{id}/contact", page(context, [&](Request& r, const Caller& c) {
               return contact_page(context, c, id_param(r, "id"), std::nullopt);
             }));
  router.post("/people/{id}/contact", page(context, [&](Request& r, const Caller& c) { return save_contact(context, r, c); }));
  router.get("/people/{id}/messages", page(context, [&](Request& r, const Caller& c) {
               return messages_page(context, r, c, id_param(r, "id"));
             }));
  router.get("/outbox", page(context, [&](Request& r, const Caller& c) { return messages_page(context, r, c, 0); }));
  // Each kept diary holds a fortnight's appointments: a few kilobytes.
  auto diaries = std::make_shared<services::DiaryMemo>(2000);
  router.get("/diary", page(context, [&context, diaries](Request&, const Caller& c) { return diary_page(context, *diaries, c); }));
  add_supervision_api(router, context);
  add_contact_plan_routes(router, context);
  add_calendar_routes(router, context);
}

}  // namespace resettle::web
