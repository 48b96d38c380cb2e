#pragma once
// The JSON shapes of supervision: appointments, outcomes, booking warnings, contact details, messages.
#include <nlohmann/json.hpp>

#include "services/appointments.hpp"
#include "services/messages.hpp"

namespace resettle::web {

nlohmann::json appointment_json(const Appointment& appointment);
nlohmann::json outcome_json(const OutcomeDecision& decision);
nlohmann::json warning_json(const BookingWarning& warning);
nlohmann::json person_appointments_json(const services::PersonAppointments& page);
nlohmann::json appointment_record_json(const services::AppointmentRecord& record);
nlohmann::json contact_json(const PersonContact& contact);
nlohmann::json message_json(const OutboxMessage& message);
nlohmann::json diary_entry_json(const store::DiaryEntry& entry);

}  // namespace resettle::web
