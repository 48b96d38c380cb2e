#pragma once
// The JSON shapes of supervision: appointments, outcomes, booking warnings, contact details, messages,
// contact plans and the contact worklist.
#include <nlohmann/json.hpp>

#include "services/supervision/appointments.hpp"
#include "services/supervision/contact_plans.hpp"
#include "services/messages/messages.hpp"
#include "services/worklist_page.hpp"
#include "web/http/http.hpp"
#include "web/http/view.hpp"

namespace resettle::web {

// An iCalendar file to download as `filename` (calendars.cpp).
Response calendar_file(std::string calendar, const std::string& filename);
nlohmann::json appointment_json(const Appointment& appointment);
nlohmann::json outcome_json(const OutcomeDecision& decision);
nlohmann::json warning_json(const BookingWarning& warning);
nlohmann::json person_appointments_json(const services::PersonAppointments& page);
nlohmann::json appointment_record_json(const services::AppointmentRecord& record);
nlohmann::json contact_json(const PersonContact& contact);
nlohmann::json message_json(const OutboxMessage& message);
nlohmann::json diary_entry_json(const store::DiaryEntry& entry);
// { id, person_id, starts_on, stages: [ { every_days, for_weeks (null on the last) } ], description,
//   reason, review_on, decided_by, decided_at }
nlohmann::json contact_plan_json(const ContactPlan& plan);
// { person_id, version, plan (in force, or null), status ({ next_due, overdue, days_overdue,
//   review_due }, or null), last_attended, history: [ the plans it superseded, newest first ] }
nlohmann::json person_contact_plan_json(const services::PersonContactPlan& page);
// { person { id, name, prison_number, crn, prison_code, pdu_code, href }, plan, last_attended, status }
nlohmann::json contact_worklist_item_json(const services::ContactWorklistItem& item);
// The contact worklist as a GOV.UK table (plus `empty`), for the worklists page; in contact_plans.cpp.
View contact_worklist_table(const std::vector<services::ContactWorklistItem>& items, const services::PlaceNames& places);
// The officer's "I can't make it" notices to act on: the person (to their appointments), the
// appointment, their reason and when they sent it.
View cannot_come_table(const services::CannotComeWorklist& list);

}  // namespace resettle::web
