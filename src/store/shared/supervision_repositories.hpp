#pragma once
// The supervision repositories of both stores (appointments, outcomes, enforcement steps, contact
// plans and calendar feeds), written once as repositories.hpp describes.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/appointment_repositories.hpp"
#include "store/shared/database.hpp"
#include "store/store.hpp"

namespace resettle::store::shared {

// In appointments.cpp.
template <Database Db>
class Appointments final : public AppointmentRepository {
 public:
  explicit Appointments(Db& db) : db_(db) {}
  std::int64_t insert(const Appointment& appointment) override;
  void update(const Appointment& appointment, std::int64_t expected_version) override;
  void cancel(std::int64_t id, const Cancellation& cancellation, std::int64_t expected_version) override;
  std::optional<Appointment> find(std::int64_t id) override;
  std::optional<Appointment> latest(std::int64_t person_id, AppointmentType type) override;
  std::vector<Appointment> for_person(std::int64_t person_id, Date from, Date to) override;
  std::vector<DiaryEntry> diary(std::int64_t staff_id, Date from, Date to) override;
  std::int64_t insert_series(std::int64_t person_id, const AppointmentSeries& series, std::int64_t booked_by) override;
  std::int64_t add_absence_notice(const AbsenceNotice& notice) override;
  std::vector<AbsenceNotice> absence_notices(std::int64_t person_id) override;
  std::vector<OpenAbsenceNotice> open_absence_notices(std::int64_t staff_id) override;

 private:
  Db& db_;
};

// In appointments.cpp.
template <Database Db>
class AppointmentOutcomes final : public AppointmentOutcomeRepository {
 public:
  explicit AppointmentOutcomes(Db& db) : db_(db) {}
  std::int64_t insert(std::int64_t person_id, const OutcomeDecision& decision) override;
  std::vector<OutcomeDecision> for_person(std::int64_t person_id, Date from) override;
  std::vector<std::int64_t> people_awaiting_evidence(Date from) override;
  std::optional<Date> last_attended(std::int64_t person_id) override;

 private:
  Db& db_;
};

// In appointments.cpp.
template <Database Db>
class Enforcement final : public EnforcementRepository {
 public:
  explicit Enforcement(Db& db) : db_(db) {}
  std::int64_t insert(const EnforcementAction& action) override;
  std::vector<EnforcementAction> for_person(std::int64_t person_id) override;

 private:
  Db& db_;
};

// In contact_plans.cpp.
template <Database Db>
class ContactPlans final : public ContactPlanRepository {
 public:
  explicit ContactPlans(Db& db) : db_(db) {}
  std::int64_t insert(const ContactPlan& plan, std::int64_t expected_version) override;
  std::vector<ContactPlan> for_person(std::int64_t person_id) override;
  Page<ContactWorklistRow> worklist(Date today, const WorklistScope& scope) override;

 private:
  Db& db_;
};

// In appointments.cpp.
template <Database Db>
class CalendarFeeds final : public CalendarFeedRepository {
 public:
  explicit CalendarFeeds(Db& db) : db_(db) {}
  std::int64_t insert(const std::string& token_hash, const CalendarFeed& feed) override;
  std::optional<CalendarFeed> find(std::int64_t id) override;
  std::optional<CalendarFeed> find_current(const std::string& token_hash) override;
  std::optional<CalendarFeed> current_for_staff(std::int64_t staff_id) override;
  std::optional<CalendarFeed> current_for_person(std::int64_t person_id) override;
  bool revoke(std::int64_t id, std::int64_t by, const std::string& at) override;

 private:
  Db& db_;
};

}  // namespace resettle::store::shared
