#pragma once
// The repository of appointments (migration 23). An appointment is never deleted: a changed booking
// is updated in place, its history in the journal.
#include <cstdint>
#include <optional>
#include <vector>

#include "domain/appointment.hpp"

namespace resettle::store {

class AppointmentRepository {
 public:
  virtual ~AppointmentRepository() = default;
  // Stores a new appointment and returns its id; its version becomes 1.
  virtual std::int64_t insert(const Appointment& appointment) = 0;
  // Writes the appointment if its stored version is still expected_version; StaleVersion otherwise.
  virtual void update(const Appointment& appointment, std::int64_t expected_version) = 0;
  // The person's latest appointment of this type (the highest id); nullopt when they have none.
  virtual std::optional<Appointment> latest(std::int64_t person_id, AppointmentType type) = 0;
};

}  // namespace resettle::store
