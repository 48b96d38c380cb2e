// Integrated offender management rules: cohort flags, the police co-worker and their contacts
// (see iom.hpp).
#include "domain/mappa/iom.hpp"

#include <algorithm>
#include <array>
#include <limits>

namespace resettle {

namespace {
constexpr std::array<Coded<IomCohort>, 3> cohort_table{{
    {IomCohort::fixed, "fixed", "Fixed: managed by IOM for as long as they are on the scheme"},
    {IomCohort::flex, "flex", "Flex: managed by IOM while local priorities call for it"},
    {IomCohort::free, "free", "Free: chosen locally for IOM"},
}};

// An end date: required, today or earlier, and not before the start it closes.
std::optional<Date> read_end(FieldReader& reader, std::string_view field, Date today, Date started) {
  auto on = reader.past_date(field, Need::required, today);
  if (on && *on < started) reader.fail(field, "must be on or after the start, " + to_long_date(started));
  return on;
}
}  // namespace

std::span<const Coded<IomCohort>> iom_cohorts() { return cohort_table; }

bool may_manage_iom(Role role, bool com_of_case) { return role == Role::manager || (role == Role::com && com_of_case); }

std::optional<IomCohortFlag> open_cohort(std::span<const IomCohortFlag> flags) {
  auto open = std::ranges::find_if(flags, [](const IomCohortFlag& flag) { return !flag.ends_on; });
  if (open == flags.end()) return std::nullopt;
  return *open;
}

IomCohortFlag read_iom_cohort(const FieldInput& input, Date today, std::int64_t set_by,
                              const std::optional<IomCohortFlag>& open) {
  FieldReader reader(input);
  IomCohortFlag flag;
  flag.set_by = set_by;
  if (auto cohort = reader.code("cohort", Need::required, iom_cohorts())) flag.cohort = *cohort;
  if (auto on = reader.past_date("starts_on", Need::required, today)) {
    flag.starts_on = *on;
    // The open flag ends the day its successor starts, so the successor cannot start first.
    if (open && *on <= open->starts_on)
      reader.fail("starts_on", "must be after the current cohort started, " + to_long_date(open->starts_on));
  }
  reader.throw_if_failed();
  return flag;
}

IomCohortFlag moved_on(IomCohortFlag open, const IomCohortFlag& successor) {
  open.ends_on = successor.starts_on;
  open.ended_by = successor.set_by;
  return open;
}

IomCohortFlag ended_cohort(IomCohortFlag flag, const FieldInput& input, Date today, std::int64_t ended_by) {
  if (flag.ends_on) throw Conflict("this IOM cohort has ended already");
  FieldReader reader(input);
  auto on = read_end(reader, "ends_on", today, flag.starts_on);
  reader.throw_if_failed();
  flag.ends_on = on;
  flag.ended_by = ended_by;
  return flag;
}

IomCoworker read_iom_coworker(const FieldInput& input, Date today, std::int64_t added_by) {
  FieldReader reader(input);
  IomCoworker coworker;
  coworker.added_by = added_by;
  if (auto id = reader.integer("staff_id", Need::required, 1, std::numeric_limits<std::int64_t>::max())) coworker.staff_id = *id;
  if (auto from = reader.past_date("from", Need::required, today)) coworker.from = *from;
  reader.throw_if_failed();
  return coworker;
}

void require_coworker_account(const IomCoworker& coworker, const std::optional<StaffMember>& worker,
                              std::span<const IomCoworker> named) {
  if (!worker || !worker->active || !is_risk_partner(worker->role))
    throw ValidationFailed("staff_id", "must be the account of a serving police officer, social care worker or MAPPA coordinator");
  if (named_on_case(named, coworker.staff_id)) throw ValidationFailed("staff_id", "is named on this case already");
}

IomCoworker ended_coworker(IomCoworker coworker, const FieldInput& input, Date today, std::int64_t ended_by) {
  if (coworker.to) throw Conflict("this officer is no longer named on the case");
  FieldReader reader(input);
  auto to = read_end(reader, "to", today, coworker.from);
  reader.throw_if_failed();
  coworker.to = to;
  coworker.ended_by = ended_by;
  return coworker;
}

bool named_on_case(std::span<const IomCoworker> coworkers, std::int64_t staff_id) {
  return std::ranges::any_of(coworkers, [&](const IomCoworker& c) { return c.staff_id == staff_id && !c.to; });
}

IomContact read_iom_contact(const FieldInput& input, Date today, std::int64_t recorded_by) {
  FieldReader reader(input);
  IomContact contact;
  contact.recorded_by = recorded_by;
  if (auto on = reader.past_date("contact_on", Need::required, today)) contact.contact_on = *on;
  contact.summary = reader.text("summary", Need::required, 4000);
  if (!reader.boolean("intelligence_free"))
    reader.fail("intelligence_free", "confirm the update holds no intelligence: that stays in police systems");
  contact.appointment_id = reader.integer("appointment_id", Need::optional, 1, std::numeric_limits<std::int64_t>::max());
  reader.throw_if_failed();
  return contact;
}

void require_part_of_visit(const IomContact& contact, const std::optional<Appointment>& visit) {
  if (!contact.appointment_id) return;
  if (!visit || visit->id != *contact.appointment_id || visit->person_id != contact.person_id ||
      visit->joint_with != contact.recorded_by || visit->cancelled())
    throw ValidationFailed("appointment_id", "must be a joint home visit on this case that you were named on");
  if (visit->on != contact.contact_on)
    throw ValidationFailed("contact_on", "must be the day of the visit (" + to_long_date(visit->on) + ")");
}

std::string_view joint_worker_agency(Role role) {
  switch (role) {
    case Role::police: return "police";
    case Role::social_care: return "social care";
    case Role::mappa_coordinator: return "MAPPA coordinator";
    default: return "";
  }
}

std::optional<std::int64_t> read_joint_worker(const FieldInput& input, AppointmentType type,
                                              std::span<const IomCoworker> named) {
  FieldReader reader(input);
  auto staff_id = reader.integer("joint_with", Need::optional, 1, std::numeric_limits<std::int64_t>::max());
  reader.throw_if_failed();
  if (!staff_id) return std::nullopt;
  if (type != AppointmentType::home_visit)
    throw ValidationFailed("joint_with", "only a home visit is made jointly: choose the type home visit or no second worker");
  if (!named_on_case(named, *staff_id))
    throw ValidationFailed("joint_with", "must be a co-worker named on this case: a police officer, social care worker or MAPPA coordinator");
  return staff_id;
}

}  // namespace resettle
