#include "store/sqlite/case_repositories.hpp"

#include "domain/errors.hpp"
#include "store/sqlite/repositories.hpp"

namespace resettle::store::sqlite {

namespace {

template <typename E>
std::optional<E> optional_code(const Statement& row, int column, std::span<const Coded<E>> list) {
  if (row.is_null(column)) return std::nullopt;
  return parse_code(list, row.text(column));
}

template <typename E>
std::optional<std::string_view> code_or_null(const std::optional<E>& value, std::span<const Coded<E>> list) {
  if (!value) return std::nullopt;
  return entry_for(list, *value).code;
}

constexpr std::string_view case_dates_columns =
    "d.person_id, d.responsibility, d.reason, d.pom_type, d.com_allocated_date, d.handover_date, d.release_date, "
    "d.worked_out_on";

CaseDates read_case_dates(const Statement& row, int first) {
  CaseDates dates;
  dates.person_id = row.integer(first);
  dates.responsibility = parse_code(responsibilities(), row.text(first + 1)).value_or(Responsibility::none);
  dates.reason = parse_code(handover_reasons(), row.text(first + 2)).value_or(HandoverReason::not_sentenced);
  dates.pom_type = parse_code(pom_types(), row.text(first + 3)).value_or(PomType::prison);
  dates.com_allocated_date = row.date(first + 4);
  dates.handover_date = row.date(first + 5);
  dates.release_date = row.date(first + 6);
  dates.worked_out_on = row.date(first + 7).value_or(Date{});
  return dates;
}

}  // namespace

RiskProfile SqliteRiskProfiles::find(std::int64_t person_id) {
  auto& row = db_.prepare(
      "SELECT version, rosh, tier, mappa_level, iom, early_allocation, open_prison_arrival_date, "
      "manual_responsibility, manual_responsibility_reason FROM risk_profile WHERE person_id = ?");
  row.bind(person_id);
  RiskProfile profile;
  profile.person_id = person_id;
  if (!row.step()) return profile;
  profile.version = row.integer(0);
  profile.rosh = optional_code(row, 1, rosh_levels());
  profile.tier = optional_code(row, 2, tiers());
  profile.mappa = optional_code(row, 3, mappa_levels()).value_or(MappaLevel::none);
  profile.iom = row.integer(4) != 0;
  profile.early_allocation = row.integer(5) != 0;
  profile.open_prison_arrival_date = row.date(6);
  profile.manual_responsibility = optional_code(row, 7, manual_responsibilities());
  profile.manual_responsibility_reason = row.text(8);
  return profile;
}

void SqliteRiskProfiles::save(const RiskProfile& profile, std::int64_t expected_version) {
  // One statement for both cases: inserted at version 1 when none is stored and 0 was expected, or
  // updated only from the expected version. No row changed means a stale write.
  auto& statement = db_.prepare(
      "INSERT INTO risk_profile (person_id, version, rosh, tier, mappa_level, iom, early_allocation, "
      "open_prison_arrival_date, manual_responsibility, manual_responsibility_reason) "
      "SELECT ?1, 1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9 "
      "WHERE ?10 = 0 OR EXISTS (SELECT 1 FROM risk_profile WHERE person_id = ?1) "
      "ON CONFLICT (person_id) DO UPDATE SET version = version + 1, rosh = excluded.rosh, tier = excluded.tier, "
      "mappa_level = excluded.mappa_level, iom = excluded.iom, early_allocation = excluded.early_allocation, "
      "open_prison_arrival_date = excluded.open_prison_arrival_date, "
      "manual_responsibility = excluded.manual_responsibility, "
      "manual_responsibility_reason = excluded.manual_responsibility_reason, "
      "updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE version = ?10");
  statement.bind(profile.person_id, code_or_null(profile.rosh, rosh_levels()), code_or_null(profile.tier, tiers()),
                 entry_for(mappa_levels(), profile.mappa).code, profile.iom, profile.early_allocation,
                 profile.open_prison_arrival_date,
                 code_or_null(profile.manual_responsibility, manual_responsibilities()),
                 profile.manual_responsibility_reason, expected_version);
  statement.run();
  require_changed(statement, "the risk profile of person", profile.person_id);
}

void SqliteCaseDates::save(const CaseDates& dates) {
  db_.prepare(
         "INSERT INTO case_dates (person_id, responsibility, reason, pom_type, com_allocated_date, handover_date, "
         "release_date, worked_out_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
         "ON CONFLICT (person_id) DO UPDATE SET responsibility = excluded.responsibility, reason = excluded.reason, "
         "pom_type = excluded.pom_type, com_allocated_date = excluded.com_allocated_date, "
         "handover_date = excluded.handover_date, release_date = excluded.release_date, "
         "worked_out_on = excluded.worked_out_on")
      .bind(dates.person_id, entry_for(responsibilities(), dates.responsibility).code,
            entry_for(handover_reasons(), dates.reason).code, entry_for(pom_types(), dates.pom_type).code,
            dates.com_allocated_date, dates.handover_date, dates.release_date, dates.worked_out_on)
      .run();
}

std::optional<CaseDates> SqliteCaseDates::find(std::int64_t person_id) {
  auto& row = db_.prepare("SELECT " + std::string{case_dates_columns} + " FROM case_dates d WHERE d.person_id = ?");
  row.bind(person_id);
  if (!row.step()) return std::nullopt;
  return read_case_dates(row, 0);
}

std::vector<WorklistEntry> SqliteCaseDates::worklist(std::string_view condition, std::string_view order, Date from,
                                                     Date to, const WorklistScope& scope) {
  // Parameters ?3..?6 are the person scope of person_scope_sql; ?1 and ?2 the dates; ?10 the viewer.
  // A scoped list starts from the unit's people (CROSS JOIN fixes the order in SQLite): a few thousand at most,
  // where a date range can cover hundreds of thousands of cases nationally.
  const auto& within = scope.within;
  std::string tables = within ? "person p CROSS JOIN case_dates d ON d.person_id = p.id"
                              : "case_dates d JOIN person p ON p.id = d.person_id";
  auto& row = db_.prepare("SELECT " + std::string{person_columns} + ", " + std::string{case_dates_columns} +
                          " FROM " + tables + " WHERE " + std::string{condition} +
                          " AND " + person_scope_sql(within.has_value()) +
                          " AND (?7 IS NULL OR p.prison_code = ?7) AND (?8 IS NULL OR p.pdu_code = ?8)"
                          " AND " + limited_access_allows_sql("p.id", "?10") +
                          " ORDER BY " + std::string{order} + ", p.id LIMIT ?9");
  row.bind(from, to, within.has_value(), within ? null_if_empty(within->prison_code) : std::nullopt,
           within ? null_if_empty(within->pdu_code) : std::nullopt, within ? within->staff_id : std::nullopt,
           null_if_empty(scope.prison_code), null_if_empty(scope.pdu_code), scope.limit, scope.seen_by);
  std::vector<WorklistEntry> entries;
  while (row.step()) entries.push_back({read_person_row(row, 0), read_case_dates(row, 15)});
  return entries;
}

std::vector<WorklistEntry> SqliteCaseDates::handovers_due(Date from, Date to, const WorklistScope& scope) {
  return worklist("d.handover_date BETWEEN ?1 AND ?2", "d.handover_date", from, to, scope);
}

std::vector<WorklistEntry> SqliteCaseDates::releases_due(Date from, Date to, const WorklistScope& scope) {
  return worklist("d.release_date BETWEEN ?1 AND ?2 AND p.stage IN ('in_custody', 'remand')", "d.release_date", from,
                  to, scope);
}

std::vector<WorklistEntry> SqliteCaseDates::without_com(Date today, const WorklistScope& scope) {
  constexpr Date long_ago{std::chrono::year{1900}, std::chrono::January, std::chrono::day{1}};
  return worklist(
      "d.com_allocated_date BETWEEN ?1 AND ?2 AND d.responsibility IN ('pom_with_com', 'com') "
      "AND p.stage NOT IN ('ended') AND NOT EXISTS (SELECT 1 FROM allocation a WHERE a.person_id = p.id "
      "AND a.role = 'com' AND a.to_date IS NULL)",
      "d.com_allocated_date", long_ago, today, scope);
}

std::vector<WorklistEntry> SqliteCaseDates::overdue_handovers(Date today, const WorklistScope& scope) {
  // The same cases handover_progress flags as handover_overdue: a range on case_dates_by_handover,
  // then each case's current COM (allocation_by_person) and held meeting (handover_meeting_by_person).
  constexpr Date long_ago{std::chrono::year{1900}, std::chrono::January, std::chrono::day{1}};
  return worklist(
      "d.handover_date BETWEEN ?1 AND ?2 AND d.com_allocated_date IS NOT NULL AND d.reason <> 'short_sentence' "
      "AND p.stage IN ('in_custody', 'remand') AND (NOT EXISTS (SELECT 1 FROM allocation a WHERE a.person_id = p.id "
      "AND a.role = 'com' AND a.to_date IS NULL) OR NOT EXISTS (SELECT 1 FROM handover_meeting m "
      "WHERE m.person_id = p.id AND m.status = 'held'))",
      "d.handover_date", long_ago, add_days(today, -1), scope);
}

}  // namespace resettle::store::sqlite
