#pragma once
// SQLite implementations of the supervision repositories: appointments, outcomes, enforcement steps,
// contact plans and calendar feeds.
#include "store/appointment_repositories.hpp"
#include "store/sqlite/database.hpp"

namespace resettle::store::sqlite {

class SqliteAppointments final : public AppointmentRepository {
 public:
  explicit SqliteAppointments(Connection& db) : db_(db) {}
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
  Connection& db_;
};

class SqliteAppointmentOutcomes final : public AppointmentOutcomeRepository {
 public:
  explicit SqliteAppointmentOutcomes(Connection& db) : db_(db) {}
  std::int64_t insert(std::int64_t person_id, const OutcomeDecision& decision) override;
  std::vector<OutcomeDecision> for_person(std::int64_t person_id, Date from) override;
  std::vector<std::int64_t> people_awaiting_evidence(Date from) override;
  std::optional<Date> last_attended(std::int64_t person_id) override;

 private:
  Connection& db_;
};

class SqliteEnforcement final : public EnforcementRepository {
 public:
  explicit SqliteEnforcement(Connection& db) : db_(db) {}
  std::int64_t insert(const EnforcementAction& action) override;
  std::vector<EnforcementAction> for_person(std::int64_t person_id) override;

 private:
  Connection& db_;
};

// In contact_plans.cpp.
class SqliteContactPlans final : public ContactPlanRepository {
 public:
  explicit SqliteContactPlans(Connection& db) : db_(db) {}
  std::int64_t insert(const ContactPlan& plan, std::int64_t expected_version) override;
  std::vector<ContactPlan> for_person(std::int64_t person_id) override;
  Page<ContactWorklistRow> worklist(Date today, const WorklistScope& scope) override;

 private:
  Connection& db_;
};

class SqliteCalendarFeeds final : public CalendarFeedRepository {
 public:
  explicit SqliteCalendarFeeds(Connection& db) : db_(db) {}
  std::int64_t insert(const std::string& token_hash, const CalendarFeed& feed) override;
  std::optional<CalendarFeed> find(std::int64_t id) override;
  std::optional<CalendarFeed> find_current(const std::string& token_hash) override;
  std::optional<CalendarFeed> current_for_staff(std::int64_t staff_id) override;
  std::optional<CalendarFeed> current_for_person(std::int64_t person_id) override;
  bool revoke(std::int64_t id, std::int64_t by, const std::string& at) override;

 private:
  Connection& db_;
};

// The standing outcome of an appointment is its latest decision: the day of the person's last
// appointment whose standing outcome is attended (SQL, with the person's id at `person_id`), read
// backwards along the person's outcomes by day.
std::string last_attended_sql(std::string_view person_id);

}  // namespace resettle::store::sqlite
