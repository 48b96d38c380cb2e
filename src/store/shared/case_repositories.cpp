// The risk profile and case dates repositories of both stores, and the worklists (see
// case_repositories.hpp).
#include "store/shared/case_repositories.hpp"

#include <algorithm>
#include <stdexcept>

#include "domain/errors.hpp"
#include "store/postgresql/sql.hpp"
#include "store/shared/repositories.hpp"
#include "store/sqlite/sql.hpp"

namespace resettle::store::shared {

namespace {

template <typename Row, typename E>
std::optional<E> optional_code(const Row& row, int column, std::span<const Coded<E>> list) {
  if (row.is_null(column)) return std::nullopt;
  return parse_code(list, row.text_view(column));
}

template <typename E>
std::optional<std::string_view> code_or_null(const std::optional<E>& value, std::span<const Coded<E>> list) {
  if (!value) return std::nullopt;
  return entry_for(list, *value).code;
}

constexpr std::string_view case_dates_columns =
    "d.person_id, d.responsibility, d.reason, d.pom_type, d.com_allocated_date, d.handover_date, d.release_date, "
    "d.worked_out_on";

template <typename Row>
CaseDates read_case_dates(const Row& row, int first) {
  CaseDates dates;
  dates.person_id = row.integer(first);
  dates.responsibility = parse_code(responsibilities(), row.text_view(first + 1)).value_or(Responsibility::none);
  dates.reason = parse_code(handover_reasons(), row.text_view(first + 2)).value_or(HandoverReason::not_sentenced);
  dates.pom_type = parse_code(pom_types(), row.text_view(first + 3)).value_or(PomType::prison);
  dates.com_allocated_date = row.date(first + 4);
  dates.handover_date = row.date(first + 5);
  dates.release_date = row.date(first + 6);
  dates.worked_out_on = row.date(first + 7).value_or(Date{});
  return dates;
}

}  // namespace

template <Database Db>
RiskProfile RiskProfiles<Db>::find(std::int64_t person_id) {
  auto& row = db_.prepare(
      "SELECT version, rosh, tier, mappa_level, iom, early_allocation, open_prison_arrival_date, "
      "manual_responsibility, manual_responsibility_reason, category_t_date, parole_review_completed, "
      "further_indeterminate_sentence FROM risk_profile WHERE person_id = ?");
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
  profile.category_t_date = row.date(9);
  profile.parole_review_completed = row.integer(10) != 0;
  profile.further_indeterminate_sentence = row.integer(11) != 0;
  return profile;
}

template <Database Db>
void RiskProfiles<Db>::save(const RiskProfile& profile, std::int64_t expected_version) {
  // One statement for both cases: inserted at version 1 when none is stored and 0 was expected, or
  // updated only from the expected version. No row changed means a stale write.
  static const std::string sql =
      "INSERT INTO risk_profile (person_id, version, rosh, tier, mappa_level, iom, early_allocation, "
      "open_prison_arrival_date, manual_responsibility, manual_responsibility_reason, category_t_date, "
      "parole_review_completed, further_indeterminate_sentence) "
      "SELECT ?1, 1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?11, ?12, ?13 "
      "WHERE ?10 = 0 OR EXISTS (SELECT 1 FROM risk_profile WHERE person_id = ?1) "
      "ON CONFLICT (person_id) DO UPDATE SET version = risk_profile.version + 1, rosh = excluded.rosh, tier = excluded.tier, "
      "mappa_level = excluded.mappa_level, iom = excluded.iom, early_allocation = excluded.early_allocation, "
      "open_prison_arrival_date = excluded.open_prison_arrival_date, "
      "manual_responsibility = excluded.manual_responsibility, "
      "manual_responsibility_reason = excluded.manual_responsibility_reason, "
      "category_t_date = excluded.category_t_date, parole_review_completed = excluded.parole_review_completed, "
      "further_indeterminate_sentence = excluded.further_indeterminate_sentence, "
      "updated_at = " + std::string{Sql<Db>::now} + " WHERE risk_profile.version = ?10";
  auto& statement = db_.prepare(sql);
  statement.bind(profile.person_id, code_or_null(profile.rosh, rosh_levels()), code_or_null(profile.tier, tiers()),
                 entry_for(mappa_levels(), profile.mappa).code, profile.iom, profile.early_allocation,
                 profile.open_prison_arrival_date,
                 code_or_null(profile.manual_responsibility, manual_responsibilities()),
                 profile.manual_responsibility_reason, expected_version, profile.category_t_date,
                 profile.parole_review_completed, profile.further_indeterminate_sentence);
  statement.run();
  require_changed(statement, "the risk profile of person", profile.person_id);
}

template <Database Db>
void CaseDateRecords<Db>::save(const CaseDates& dates) {
  // The person, unit, COM, custody and plan columns are read from the person, their allocations, plan
  // and checklist here, and kept in step afterwards by the triggers of migrations 6, 9 and 12.
  db_.prepare(
         "INSERT INTO case_dates (person_id, responsibility, reason, pom_type, com_allocated_date, handover_date, "
         "release_date, worked_out_on, given_name, family_name, prison_number, crn, stage, prison_code, pdu_code, "
         "com_allocated, in_custody, has_plan_or_checklist) "
         "SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, p.given_name, p.family_name, p.prison_number, p.crn, p.stage, "
         "p.prison_code, p.pdu_code, CAST(EXISTS (SELECT 1 FROM allocation a "
         "WHERE a.person_id = ?1 AND a.role = 'com' AND a.to_date IS NULL) AS integer), "
         "CAST(p.stage IN ('in_custody', 'remand') AS integer), "
         "CAST(EXISTS (SELECT 1 FROM plan WHERE person_id = ?1) OR EXISTS (SELECT 1 FROM pre_release_checklist "
         "WHERE person_id = ?1) AS integer) "
         "FROM person p WHERE p.id = ?1 "
         "ON CONFLICT (person_id) DO UPDATE SET responsibility = excluded.responsibility, reason = excluded.reason, "
         "pom_type = excluded.pom_type, com_allocated_date = excluded.com_allocated_date, "
         "handover_date = excluded.handover_date, release_date = excluded.release_date, "
         "worked_out_on = excluded.worked_out_on, given_name = excluded.given_name, "
         "family_name = excluded.family_name, prison_number = excluded.prison_number, crn = excluded.crn, "
         "stage = excluded.stage, "
         "prison_code = excluded.prison_code, pdu_code = excluded.pdu_code, "
         "com_allocated = excluded.com_allocated, in_custody = excluded.in_custody")
      .bind(dates.person_id, entry_for(responsibilities(), dates.responsibility).code,
            entry_for(handover_reasons(), dates.reason).code, entry_for(pom_types(), dates.pom_type).code,
            dates.com_allocated_date, dates.handover_date, dates.release_date, dates.worked_out_on)
      .run();
}

template <Database Db>
std::optional<CaseDates> CaseDateRecords<Db>::find(std::int64_t person_id) {
  auto& row = db_.prepare("SELECT " + std::string{case_dates_columns} + " FROM case_dates d WHERE d.person_id = ?");
  row.bind(person_id);
  if (!row.step()) return std::nullopt;
  return read_case_dates(row, 0);
}

namespace {

// The rows of case_dates (as `alias`) in a worklist's date range; the list's indexed filter (no COM,
// in custody) is part of the range so that its partial indexes apply.
std::string date_range(std::string_view alias, std::string_view column, std::string_view indexed_filter) {
  std::string range = std::string{alias} + "." + std::string{column} + " BETWEEN ?1 AND ?2";
  if (!indexed_filter.empty()) range += " AND " + std::string{alias} + "." + std::string{indexed_filter};
  return range;
}

// This member of staff's own cases outside the unit. Their caseload, in (staff, PDU) order (or
// (staff, prison) order for a unit without a PDU), is read as the ranges before and after the unit's
// code and the entries without one, so the cases in the unit, most of a caseload, are never read; the
// prison, when the unit has both, is a filter.
template <typename Db>
std::string own_cases_outside(const UnitScope& unit, const std::string& select, const std::string& where) {
  std::string own = select + " FROM caseload_entry e " + std::string{Sql<Db>::join_in_this_order} +
                    " case_dates d ON d.person_id = e.person_id WHERE e.staff_id = ?5 AND " + where;
  if (unit.prison_code.empty() && unit.pdu_code.empty()) return own;
  bool by_pdu = !unit.pdu_code.empty();
  std::string code = by_pdu ? " AND e.pdu_code" : " AND e.prison_code";
  std::string parameter = by_pdu ? "?4" : "?3";
  std::string prison = by_pdu && !unit.prison_code.empty() ? " AND e.prison_code IS DISTINCT FROM ?3" : "";
  return own + code + " < " + parameter + prison + " UNION ALL " + own + code + " > " + parameter + prison +
         " UNION ALL " + own + code + " IS NULL" + prison;
}

// The first page of one source's rows in the list's order (`first`: ORDER BY ... LIMIT): only a
// page of each source can be on the page, and the (unit, date) indexes give the prison's and the
// PDU's in that order, so each stops after a page instead of reading every case in the date range.
// One's own cases outside the unit are few and in no date order: they are read whole, unsorted.
std::string first_of(const std::string& rows, std::string_view first) {
  // The outer SELECT lets the ordered source stand in a UNION ALL.
  return "SELECT * FROM (" + rows + std::string{first} + ") AS first_rows";
}

// A worklist's rows: `select` is the select list and `where` the list's conditions on case dates (d),
// which carry what a row shows of the person. Scoped to a unit, three sources that never hold the same
// person, so their rows need no de-duplicating: the prison's cases (a range on a (prison, date)
// index), the PDU's cases not in that prison (a (PDU, date) range) and this member of staff's own
// cases outside both. A union of their ids, joined back to the case dates, built and read a temporary
// B-tree and read each case's dates twice. Without a unit, the unit's parameters are still named, as
// NULL, since PostgreSQL refuses a parameter it cannot give a type.
template <typename Db>
std::string worklist_rows(const WorklistScope& scope, const std::string& select, const std::string& where,
                          std::string_view first) {
  if (!scope.within)
    return select + " FROM case_dates d WHERE " + where +
           " AND CAST(?3 AS text) IS NULL AND CAST(?4 AS text) IS NULL AND CAST(?5 AS bigint) IS NULL" +
           std::string{first};
  return first_of(select + " FROM case_dates d WHERE d.prison_code = ?3 AND " + where, first) + " UNION ALL " +
         first_of(select + " FROM case_dates d WHERE d.pdu_code = ?4 AND (?3 IS NULL OR d.prison_code IS DISTINCT FROM ?3) AND " +
                      where, first) +
         " UNION ALL " + own_cases_outside<Db>(*scope.within, select, where);
}

// A unit's candidates come out of their sources one source after another (up to a page of the
// prison's and of the PDU's, first_of), so the page is put in order here: SQLite sorted them as whole rows, which cost a third
// of a worklist's query. Without a unit, the date index gives the order and LIMIT ends the read
// early, so SQLite orders those. The keys are sorted, not the rows: moving
// whole entries about cost a worklist page about 5% of its instructions.
template <typename Row, typename DateOf>
void first_in_date_order(std::vector<Row>& rows, DateOf date_of, int limit) {
  struct Position {
    Date date;
    std::int64_t person_id;
    std::size_t index;
    auto operator<=>(const Position&) const = default;
  };
  std::vector<Position> order;
  order.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) order.push_back({*date_of(rows[i]), rows[i].person.id, i});
  auto shown = order.begin() + std::min<std::ptrdiff_t>(limit, std::ssize(order));
  std::ranges::partial_sort(order, shown);
  std::vector<Row> first;
  first.reserve(static_cast<std::size_t>(shown - order.begin()));
  for (auto position = order.begin(); position != shown; ++position) first.push_back(std::move(rows[position->index]));
  rows = std::move(first);
}

// One worklist: the date it is ordered and paged by, whether only cases without a COM count, and
// what else a case must meet (SQL on case_dates d).
struct WorklistList {
  std::string_view date_column;
  std::optional<Date> CaseDates::*date;
  // A condition on one case_dates column that a partial (unit, date) index is built for, or empty.
  std::string_view indexed_filter;
  std::string_view condition;
};

constexpr Date long_ago{std::chrono::year{1900}, std::chrono::January, std::chrono::day{1}};
constexpr WorklistList handovers{"handover_date", &CaseDates::handover_date, "", "TRUE"};
constexpr WorklistList releases{"release_date", &CaseDates::release_date, "", "d.stage IN ('in_custody', 'remand')"};
constexpr WorklistList licences_due{"release_date", &CaseDates::release_date, "",
                                    "d.stage IN ('in_custody', 'remand') AND NOT EXISTS (SELECT 1 FROM licence l "
                                    "WHERE l.person_id = d.person_id AND l.status IN ('approved', 'active'))"};
constexpr WorklistList licences_to_explain{"release_date", &CaseDates::release_date, "",
                                          "EXISTS (SELECT 1 FROM licence l WHERE l.person_id = d.person_id "
                                          "AND l.status = 'active' AND l.explained = 0)"};
constexpr WorklistList without_a_com{"com_allocated_date", &CaseDates::com_allocated_date, "com_allocated = 0",
                                     "d.responsibility IN ('pom_with_com', 'com') AND d.stage NOT IN ('ended')"};
// The same cases handover_progress flags as handover_overdue: no current COM, or no meeting held.
// Custody cases only: a unit's past handovers are mostly of people released since.
constexpr WorklistList overdue{"handover_date", &CaseDates::handover_date, "in_custody = 1",
                               "d.com_allocated_date IS NOT NULL AND d.reason <> 'short_sentence' "
                               "AND (d.com_allocated = 0 OR NOT EXISTS (SELECT 1 "
                               "FROM handover_meeting m WHERE m.person_id = d.person_id AND m.status = 'held'))"};

// The columns every worklist row starts with: the person as lists show them and where they are.
constexpr std::string_view person_and_place_columns =
    "d.person_id, d.given_name, d.family_name, d.prison_number, d.crn, d.stage, d.has_plan_or_checklist, "
    "d.prison_code, d.pdu_code";

// A worklist entry: the person, where they are, and all their case dates.
template <typename Row>
WorklistEntry read_worklist_entry(const Row& row) {
  return {read_summary_row(row, 0), row.text(7), row.text(8), read_case_dates(row, 9)};
}

// A worklist row: the person, where they are, the list's date and who leads.
template <typename Row>
WorklistRow read_worklist_row(const Row& row) {
  return {read_summary_row(row, 0), row.text(7), row.text(8), row.date(10),
          parse_code(responsibilities(), row.text_view(9)).value_or(Responsibility::none)};
}

// A page of `list` from `from` to `to`: `columns` follow the person's and their place in each row,
// `read_row` reads one, and `date_of` is the list's date in it.
template <typename Db, typename ReadRow, typename DateOf>
auto read_worklist(Db& db, const WorklistList& list, Date from, Date to, const WorklistScope& scope,
                   std::string_view columns, ReadRow read_row, DateOf date_of) {
  // ?1 and ?2 the date range; ?3..?5 the unit scope; ?6 and ?7 the chosen prison and PDU; ?8 the page
  // size; ?9 the viewer (limited access); ?10 and ?11 the last row of the previous page. A parameter
  // first met in an IS NULL test is cast there: PostgreSQL could not tell its type otherwise.
  int limit = page_limit(scope.page);
  auto after = date_cursor_after(scope.page);
  std::string column{list.date_column};
  auto& row = db.prepare(worklist_rows<Db>(
      scope, "SELECT " + std::string{person_and_place_columns} + ", " + std::string{columns},
      date_range("d", column, list.indexed_filter) + " AND " + std::string{list.condition} +
          " AND (CAST(?6 AS text) IS NULL OR d.prison_code = ?6) AND (CAST(?7 AS text) IS NULL OR d.pdu_code = ?7)"
          " AND (CAST(?10 AS text) IS NULL OR (d." + column + ", d.person_id) > (?10, ?11)) AND " +
          limited_access_allows_sql("d.person_id", "CAST(?9 AS bigint)", "d.limited"),
      " ORDER BY " + column + ", person_id LIMIT ?8"));
  const auto& within = scope.within;
  row.bind(from, to, within ? null_if_empty(within->prison_code) : std::nullopt,
           within ? null_if_empty(within->pdu_code) : std::nullopt, within ? within->staff_id : std::nullopt,
           null_if_empty(scope.prison_code), null_if_empty(scope.pdu_code), limit, scope.seen_by,
           after ? std::optional{after->date} : std::nullopt, after ? after->id : 0);
  Page<decltype(read_row(row))> page;
  page.items.reserve(static_cast<std::size_t>(limit));  // a page's worth, so the rows are not moved as it fills
  while (row.step()) page.items.push_back(read_row(row));
  if (scope.within) first_in_date_order(page.items, date_of, limit);
  if (!page.items.empty()) {
    const auto& last = page.items.back();
    page.next_cursor = next_date_cursor(page.items.size(), limit, {*date_of(last), last.person.id});
  }
  return page;
}

template <typename Db>
Page<WorklistEntry> entries_of(Db& db, const WorklistList& list, Date from, Date to,
                               const WorklistScope& scope) {
  auto date_of = [&list](const WorklistEntry& entry) -> const std::optional<Date>& { return entry.dates.*list.date; };
  return read_worklist(db, list, from, to, scope, case_dates_columns, read_worklist_entry<StatementOf<Db>>, date_of);
}

// Who leads, then the list's date: read_worklist_row reads them there.
template <typename Db>
Page<WorklistRow> rows_of(Db& db, const WorklistList& list, Date from, Date to, const WorklistScope& scope) {
  auto date_of = [](const WorklistRow& row) -> const std::optional<Date>& { return row.date; };
  return read_worklist(db, list, from, to, scope, "d.responsibility, d." + std::string{list.date_column},
                       read_worklist_row<StatementOf<Db>>, date_of);
}

}  // namespace

template <Database Db>
Page<WorklistEntry> CaseDateRecords<Db>::handovers_due(Date from, Date to, const WorklistScope& scope) {
  return entries_of(db_, handovers, from, to, scope);
}

template <Database Db>
Page<WorklistEntry> CaseDateRecords<Db>::releases_due(Date from, Date to, const WorklistScope& scope) {
  return entries_of(db_, releases, from, to, scope);
}

template <Database Db>
Page<WorklistEntry> CaseDateRecords<Db>::without_com(Date today, const WorklistScope& scope) {
  return entries_of(db_, without_a_com, long_ago, today, scope);
}

template <Database Db>
Page<WorklistEntry> CaseDateRecords<Db>::overdue_handovers(Date today, const WorklistScope& scope) {
  return entries_of(db_, overdue, long_ago, add_days(today, -1), scope);
}

template <Database Db>
Page<WorklistRow> CaseDateRecords<Db>::rows(DatedWorklist list, std::optional<Date> from, Date to,
                                        const WorklistScope& scope) {
  auto dates = [list]() -> const WorklistList& {
    switch (list) {
      case DatedWorklist::handovers_due: return handovers;
      case DatedWorklist::releases_due: return releases;
      case DatedWorklist::without_com: return without_a_com;
      case DatedWorklist::licences_due: return licences_due;
      case DatedWorklist::licences_to_explain: return licences_to_explain;
    }
    throw std::logic_error("unknown worklist");
  };
  return rows_of(db_, dates(), from.value_or(long_ago), to, scope);
}

template class RiskProfiles<sqlite::Connection>;
template class RiskProfiles<postgresql::Connection>;
template class CaseDateRecords<sqlite::Connection>;
template class CaseDateRecords<postgresql::Connection>;

}  // namespace resettle::store::shared
