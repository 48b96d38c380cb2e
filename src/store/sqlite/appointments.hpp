#pragma once
// SQLite implementation of the appointment repository.
#include "store/appointment_repositories.hpp"
#include "store/sqlite/database.hpp"

namespace resettle::store::sqlite {

class SqliteAppointments final : public AppointmentRepository {
 public:
  explicit SqliteAppointments(Connection& db) : db_(db) {}
  std::int64_t insert(const Appointment& appointment) override;
  void update(const Appointment& appointment, std::int64_t expected_version) override;
  std::optional<Appointment> latest(std::int64_t person_id, AppointmentType type) override;

 private:
  Connection& db_;
};

}  // namespace resettle::store::sqlite
