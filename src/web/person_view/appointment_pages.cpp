// "My appointments" on the person's own view: upcoming and past, each with a calendar file of its own
// to save, and "I can't make it" with a reason, which goes to their officer and leaves the
// appointment exactly as booked.
#include <array>

#include "domain/catalogue.hpp"
#include "services/supervision/calendars.hpp"
#include "services/person_view/own_view.hpp"
#include "web/failures.hpp"
#include "web/person_view/my_pages.hpp"
#include "web/supervision/views.hpp"

namespace resettle::web {

namespace {

constexpr std::array<Coded<AppointmentType>, 6> type_words{{
    {AppointmentType::induction, "induction", for_translation("First meeting after release")},
    {AppointmentType::supervision, "supervision", for_translation("Meeting with your officer")},
    {AppointmentType::home_visit, "home_visit", for_translation("Home visit")},
    {AppointmentType::programme_session, "programme_session", for_translation("Group session")},
    {AppointmentType::partner_appointment, "partner_appointment", for_translation("Meeting with a support service")},
    {AppointmentType::drug_test, "drug_test", for_translation("Drug test")},
}};

std::string when(const Appointment& appointment, Language language) {
  return fill_placeholders(translated("((date)) at ((time))", language), [&](std::string_view name) {
    return name == "date" ? long_date_with_day(appointment.on, language) : time_of_day(appointment.starts_at, language);
  });
}

std::string appointment_path(std::int64_t id) { return "/my/appointments/" + std::to_string(id); }

View appointment_view(const services::OwnAppointment& own, Language language) {
  const auto& appointment = own.appointment;
  auto notices = View::list();
  for (const auto& notice : own.notices) notices.push_back({{"reason", notice.reason}});
  View view{{"id", appointment.id},
            {"when", when(appointment, language)},
            {"what", translated(entry_for(std::span<const Coded<AppointmentType>>{type_words}, appointment.type).label,
                                language)},
            {"where", own.office_name},
            {"with", own.officer_name},
            {"notes", appointment.notes},
            {"cancelled", appointment.cancelled()},
            {"notices", std::move(notices)}};
  if (!appointment.cancelled())
    view["calendar_href"] = appointment_path(appointment.id) + "/calendar.ics";
  if (own.may_send_notice) view["cannot_come_href"] = appointment_path(appointment.id) + "/cannot-come";
  return view;
}

View labels(Language language) {
  return {{"what", translated("What", language)},
          {"where", translated("Where", language)},
          {"with", translated("Who with", language)},
          {"cancelled", translated("Cancelled", language)},
          {"calendar", translated("Add to my calendar", language)},
          {"cannot_come", translated("I cannot make it", language)},
          {"told", translated("You told your officer you cannot come:", language)},
          {"still_booked", translated("It stays booked until your officer changes it.", language)}};
}

Response appointments_page(WebContext& context, const Request& request, const services::PersonSignedIn& signed_in) {
  auto language = signed_in.account.language;
  auto own = services::own_appointments(context.store, context.clock, signed_in);
  auto view = signed_in_view(signed_in, translated("My appointments", language), "/my/appointments");
  view["heading"] = translated("My appointments", language);
  view["back"] = translated("Back", language);
  if (request.query_param("sent"))
    view["sent"] = translated("We have told your officer. Your appointment stays booked until they change it.", language);
  view["labels"] = labels(language);
  view["upcoming_heading"] = translated("Coming up", language);
  view["past_heading"] = translated("Past appointments", language);
  auto upcoming = View::list();
  for (const auto& appointment : own.upcoming) upcoming.push_back(appointment_view(appointment, language));
  auto past = View::list();
  for (const auto& appointment : own.past) past.push_back(appointment_view(appointment, language));
  view["upcoming"] = std::move(upcoming);
  view["past"] = std::move(past);
  view["has_upcoming"] = !own.upcoming.empty();
  view["has_past"] = !own.past.empty();
  view["no_upcoming"] = translated("You have no appointments booked.", language);
  view["no_past"] = translated("You have no past appointments on Resettle.", language);
  return render_my_page(context, 200, "person_view/appointments", view, language);
}

Response cannot_come_form(WebContext& context, int status, const services::PersonSignedIn& signed_in,
                          std::int64_t appointment_id, const std::string& reason, const std::vector<FieldError>& errors) {
  auto language = signed_in.account.language;
  auto own = services::own_appointment(context.store, context.clock, signed_in, appointment_id);
  if (!own.may_send_notice) throw Conflict("the appointment has started, has passed or is cancelled");
  auto path = appointment_path(appointment_id) + "/cannot-come";
  auto view = signed_in_view(signed_in, translated("I cannot make it", language), path);
  add_errors(view, errors);
  view["heading"] = translated("I cannot make it", language);
  view["back"] = translated("Back", language);
  view["appointment"] = appointment_view(own, language);
  view["labels"] = labels(language);
  view["warning"] = translated("Your appointment stays booked until your officer changes it. If you do not hear from "
                               "them, go to your appointment.",
                               language);
  view["action"] = path;
  view["reason"] = {{"label", translated("Why can you not come?", language)},
                    {"hint", translated("For example, you are ill or have a job interview. You can write up to 500 "
                                        "characters.",
                                        language)},
                    {"value", reason},
                    {"error", errors.empty() ? View{} : View{errors.front().message}}};
  view["button"] = translated("Send to my officer", language);
  return render_my_page(context, status, "person_view/cannot_come", view, language);
}

Response send_cannot_come(WebContext& context, const Request& request, const services::PersonSignedIn& signed_in) {
  auto id = id_param(request, "aid");
  FieldInput input{{"reason", submitted(request, "reason")}};
  auto errors = errors_from([&] { services::tell_cannot_come(context.store, context.clock, signed_in, id, input); });
  if (!errors.empty()) {
    for (auto& error : errors) error.message = translated(error.message, signed_in.account.language);
    return cannot_come_form(context, 422, signed_in, id, input.at("reason"), errors);
  }
  return Response::redirect("/my/appointments?sent=1");
}

Response calendar(WebContext& context, const Request& request, const services::PersonSignedIn& signed_in) {
  auto id = id_param(request, "aid");
  return calendar_file(services::own_appointment_calendar(context.store, context.clock, signed_in.person.id, id,
                                                          signed_in.account.language),
                       "appointment-" + std::to_string(id) + ".ics");
}

}  // namespace

void add_own_appointment_routes(Router& router, WebContext& context) {
  router.get("/my/appointments", person_page(context, [&](Request& r, const services::PersonSignedIn& s) {
               return appointments_page(context, r, s);
             }));
  router.get("/my/appointments/{aid}/calendar.ics", person_page(context, [&](Request& r, const services::PersonSignedIn& s) {
               return calendar(context, r, s);
             }));
  router.get("/my/appointments/{aid}/cannot-come", person_page(context, [&](Request& r, const services::PersonSignedIn& s) {
               return cannot_come_form(context, 200, s, id_param(r, "aid"), "", {});
             }));
  router.post("/my/appointments/{aid}/cannot-come", person_page(context, [&](Request& r, const services::PersonSignedIn& s) {
                return send_cannot_come(context, r, s);
              }));
}

}  // namespace resettle::web
