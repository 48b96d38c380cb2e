// The day of release, decided and shown (see release_day.hpp).
#include "services/release/release_day.hpp"

#include <unordered_map>

#include "domain/catalogue.hpp"
#include "domain/errors.hpp"
#include "services/plan/resettlement_plan.hpp"

namespace resettle::services {

namespace {

const Allocation* allocated_com(const PersonRecord& record) {
  for (const auto& allocation : record.current_allocations)
    if (allocation.role == Role::com && allocation.kind == AllocationKind::lead) return &allocation;
  return nullptr;
}

nlohmann::json decision_data(const ReleaseDayDecision& decision, const ReleaseDayAdjustment& adjustment) {
  return {{"release_date", to_iso(decision.release_date)},
          {"due_date", to_iso(adjustment.due_date)},
          {"decided_date", to_iso(decision.decided_date)},
          {"choice", entry_for(release_day_choices(), decision.choice).code},
          {"requested_by", decision.requested_by ? nlohmann::json(*decision.requested_by) : nlohmann::json()}};
}

bool says_the_same(const std::optional<ReleaseDayDecision>& standing, const ReleaseDayDecision& decision) {
  return standing && standing->decided_date == decision.decided_date && standing->choice == decision.choice;
}

}  // namespace

std::optional<ReleaseDay> release_day_of(store::Transaction& tx, const PersonRecord& record, const BankHolidays& holidays,
                                         Date today, const std::string& approver) {
  auto release = planned_release_date(record, today);
  if (!release) return std::nullopt;
  ReleaseDay result;
  result.history = tx.release_day_decisions().for_person(record.person.id);
  result.decision = standing_decision(result.history, *release);
  auto facts = release_day_facts(record.person, *record.booking.current(), *release);
  facts.com_request_approved_by = approver;
  if (approver.empty() && result.decision && result.decision->choice == ReleaseDayChoice::second_day)
    facts.com_request_approved_by = result.decision->decided_by_name;
  result.adjustment = adjust_release_day(*release, holidays, facts);
  result.day = day_of_release(result.adjustment, result.decision);
  return result;
}

bool may_decide_now(const ReleaseDay& release_day, const StaffMember& actor) {
  return may_decide_release_day(actor.role) && release_day.adjustment.presumed_date.has_value();
}

ReleaseDayToDecide release_day_to_decide(store::Store& store, const BankHolidays& holidays, const StaffMember& actor,
                                         std::int64_t person_id, Date today) {
  auto record = view_person(store, actor, person_id, "day of release");
  ReleaseDayToDecide result{record.person, {}, false, may_approve_second_day(actor.role)};
  result.release_day = release_day_of(*store.begin_read(), record, holidays, today, result.approves ? actor.display_name : "");
  if (result.release_day) result.may_decide = may_decide_now(*result.release_day, actor);
  return result;
}

std::optional<Date> release_worked_to(store::Transaction& tx, const PersonRecord& record, Date today) {
  auto release = planned_release_date(record, today);
  if (!release) return release;
  auto standing = standing_decision(tx.release_day_decisions().for_person(record.person.id), *release);
  return standing ? standing->decided_date : *release;
}

std::optional<Date> day_they_leave(store::Transaction& tx, const PersonRecord& record, const BankHolidays& holidays,
                                   Date today) {
  auto release_day = release_day_of(tx, record, holidays, today);
  if (!release_day) return std::nullopt;
  return release_day->day;
}

ReleaseDayDecision record_release_day_decision(store::Store& store, const Clock& clock, const BankHolidays& holidays,
                                               const StaffMember& actor, std::int64_t person_id, const FieldInput& input) {
  auto record = view_person(store, actor, person_id, "day of release");
  if (!may_decide_release_day(actor.role))
    throw Forbidden(std::string{role_label(actor.role)} + "s cannot decide the day of release");
  auto tx = store.begin_write();
  // Asked with the decider as approver, so the rules name the second day a manager may approve.
  auto release_day = release_day_of(*tx, record, holidays, clock.today(), actor.display_name);
  if (!release_day)
    throw ValidationFailed("decided_date", staff_text("There is no release date yet: record a sentence with its dates first"));
  auto decision = decide_release_day(input, release_day->adjustment, actor.role);
  if (says_the_same(release_day->decision, decision)) return *release_day->decision;
  decision.person_id = person_id;
  decision.decided_by = actor.id;
  decision.decided_at = clock.now_iso();
  decision.decided_by_name = actor.display_name;
  if (decision.choice == ReleaseDayChoice::second_day) {
    const auto* com = allocated_com(record);
    if (!com) throw ValidationFailed("decided_date", staff_text("No community offender manager is allocated to ask for a second day"));
    decision.requested_by = com->staff_id;
    decision.requested_by_name = com->staff_name;
  }
  decision.id = tx->release_day_decisions().insert(decision);
  tx->journal().append({actor.id, person_id, "release_day.decided", "release_day_decision", decision.id,
                        "Day of release set to " + to_long_date(decision.decided_date) + " (" +
                            std::string{entry_for(release_day_choices(), decision.choice).label} + "), not " +
                            to_long_date(release_day->adjustment.due_date),
                        "", decision_data(decision, release_day->adjustment)});
  move_checklist(*tx, actor, person_id, decision.decided_date);
  tx->commit();
  return decision;
}

std::vector<std::optional<Date>> days_of_release(store::Store& store, const BankHolidays& holidays,
                                                 std::span<const CalculatedRelease> releases) {
  std::vector<std::int64_t> ids;
  ids.reserve(releases.size());
  for (const auto& release : releases) ids.push_back(release.person_id);
  std::unordered_map<std::int64_t, ReleaseDayDecision> newest;
  for (auto& decision : store.begin_read()->release_day_decisions().newest_for(ids))
    newest.emplace(decision.person_id, std::move(decision));
  std::vector<std::optional<Date>> days;
  days.reserve(releases.size());
  for (const auto& [person_id, release_date] : releases) {
    if (!release_date) {
      days.emplace_back();
      continue;
    }
    auto found = newest.find(person_id);
    auto standing = found == newest.end() ? std::nullopt : standing_decision(std::span{&found->second, 1}, *release_date);
    days.push_back(day_of_release(adjust_release_day(*release_date, holidays), standing));
  }
  return days;
}

void show_days_of_release(store::Store& store, const BankHolidays& holidays, std::vector<store::WorklistRow>& rows) {
  std::vector<CalculatedRelease> releases;
  releases.reserve(rows.size());
  for (const auto& row : rows) releases.push_back({row.person.id, row.date});
  auto days = days_of_release(store, holidays, releases);
  for (std::size_t i = 0; i < rows.size(); ++i) rows[i].date = days[i];
}

}  // namespace resettle::services
