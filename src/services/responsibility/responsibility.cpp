// Who leads a case, the risk profile and the worklists (see responsibility.hpp).
#include "services/responsibility/responsibility.hpp"

#include "domain/staff/access.hpp"
#include "domain/people/custody.hpp"
#include "domain/errors.hpp"
#include "services/audit.hpp"

namespace resettle::services {

KeyDates refresh_case_dates(store::Transaction& tx, std::int64_t person_id, Date today) {
  auto person = tx.people().find(person_id);
  if (!person) return {};
  auto assessment = assess_case(*person, tx.bookings().find(person_id), tx.risk_profiles().find(person_id), today);
  tx.case_dates().save(case_dates_of(person_id, assessment, today));
  tx.bookings().save_calculated(person_id, assessment.calculation.dates);
  return assessment.calculation.dates;
}

CaseResponsibility case_responsibility(store::Store& store, const PersonRecord& record, Date today,
                                       const BankHolidays& holidays) {
  auto assessment = assess_case(record.person, record.booking, record.risk_profile, today);
  // The day of release is a plan while they are in custody; once released it has happened.
  if (!held_in_custody(record.person.stage)) return {std::move(assessment), std::nullopt};
  return {std::move(assessment), release_day_of(*store.begin_read(), record, holidays, today)};
}

RiskProfile update_risk_profile(store::Store& store, const Clock& clock, const StaffMember& actor,
                                std::int64_t person_id, const FieldInput& input, std::int64_t expected_version) {
  if (!role_may(actor.role, CaseAction::edit_person)) throw Forbidden(std::string{role_label(actor.role)} + "s cannot do this");
  view_person(store, actor, person_id, "risk profile");
  auto tx = store.begin_write();
  auto before = tx->risk_profiles().find(person_id);
  auto after = read_risk_profile(overlay_fields(risk_profile_fields(before), input));
  after.person_id = person_id;
  auto changes = changed_fields(risk_profile_fields(before), risk_profile_fields(after));
  if (changes.empty() && before.version == expected_version) return before;
  tx->risk_profiles().save(after, expected_version);
  after.version = expected_version + 1;
  auto data = nlohmann::json::object();
  for (const auto& change : changes) data[change.field] = {{"from", change.from}, {"to", change.to}};
  tx->journal().append({actor.id, person_id, "risk_profile.updated", "risk_profile", person_id,
                        "Risk and responsibility details changed", after.manual_responsibility_reason, data});
  refresh_case_dates(*tx, person_id, clock.today());
  tx->commit();
  return after;
}

store::WorklistScope worklist_scope(const StaffMember& actor, const WorklistRequest& request) {
  if (!role_may(actor.role, CaseAction::view)) throw Forbidden("partner agencies see referrals, not worklists");
  return {scope_for(actor), request.prison_code, request.pdu_code, request.page, actor.id};
}

store::Page<store::WorklistEntry> handovers_due(store::Store& store, const StaffMember& actor, Date today, int weeks,
                                                const WorklistRequest& request) {
  auto scope = worklist_scope(actor, request);
  return audited(store, actor, "worklist: handovers due",
                 store.begin_read()->case_dates().handovers_due(today, add_days(today, weeks * 7), scope));
}

store::Page<store::WorklistEntry> releases_due(store::Store& store, const StaffMember& actor, Date today,
                                               const WorklistRequest& request) {
  auto scope = worklist_scope(actor, request);
  return audited(store, actor, "worklist: releases due",
                 store.begin_read()->case_dates().releases_due(today, add_days(today, release_worklist_weeks * 7), scope));
}

store::Page<store::WorklistEntry> without_com(store::Store& store, const StaffMember& actor, Date today,
                                              const WorklistRequest& request) {
  auto scope = worklist_scope(actor, request);
  return audited(store, actor, "worklist: no COM allocated", store.begin_read()->case_dates().without_com(today, scope));
}

store::Page<store::WorklistRow> worklist_rows(store::Store& store, const StaffMember& actor, DatedWorklist list,
                                              Date today, int weeks, const WorklistRequest& request) {
  return audited(store, actor, "worklist", read_worklist_rows(store, actor, list, today, weeks, request));
}

store::Page<store::WorklistRow> read_worklist_rows(store::Store& store, const StaffMember& actor, DatedWorklist list,
                                                   Date today, int weeks, const WorklistRequest& request) {
  auto scope = worklist_scope(actor, request);
  std::optional<Date> from = today;
  auto to = add_days(today, 7 * (list == DatedWorklist::handovers_due ? weeks : release_worklist_weeks));
  if (list == DatedWorklist::without_com) from.reset(), to = today;
  // Released whenever; a release may come before its calculated date, though never a year before.
  if (list == DatedWorklist::licences_to_explain) from.reset(), to = add_days(today, 366);
  return store.begin_read()->case_dates().rows(list, from, to, scope);
}

namespace {
std::string date_text(const std::optional<KeyDate>& date) { return date ? to_long_date(date->date) : "none"; }
nlohmann::json date_json(const std::optional<KeyDate>& date) {
  if (!date) return nullptr;
  return {{"date", to_iso(date->date)}, {"rule_code", entry_for(key_date_rules(), date->rule).code},
          {"rule", entry_for(key_date_rules(), date->rule).label}};
}

// Each change the refresh found is kept for the worklist and journalled by the system, with the old
// and new date and the rule of each.
void record_key_date_changes(store::Transaction& tx, const std::vector<KeyDateChange>& changes) {
  for (const auto& change : changes) {
    auto id = tx.bookings().add_change(change);
    const auto& kind = entry_for(key_date_kinds(), change.kind);
    tx.journal().append({std::nullopt, change.person_id, "key_date.changed", "key_date_change", id,
                         std::string{kind.label} + " changed from " + date_text(change.before) + " to " +
                             date_text(change.after) + " when the dates were worked out again",
                         "",
                         {{"key_date", kind.code}, {"from", date_json(change.before)}, {"to", date_json(change.after)}}});
  }
}
}  // namespace

int refresh_all_case_dates(store::Store& store, Date today) {
  auto tx = store.begin_write();
  int refreshed = 0;
  store::PageRequest page{std::nullopt, 200};
  do {
    auto people = tx->people().list({}, page);
    for (const auto& person : people.items) {
      auto before = tx->bookings().calculated(person.id);
      auto after = refresh_case_dates(*tx, person.id, today);
      if (before) record_key_date_changes(*tx, key_date_changes(person.id, *before, after, today));
      ++refreshed;
    }
    page.cursor = people.next_cursor;
  } while (page.cursor);
  tx->commit();
  return refreshed;
}

}  // namespace resettle::services
