// Contact plans in SQLite (migration 26): stages as JSON text, the plan in force flagged, and the
// contact worklist's candidates (see appointment_repositories.hpp).
#include <algorithm>

#include <nlohmann/json.hpp>

#include "store/sqlite/appointments.hpp"
#include "store/sqlite/repositories.hpp"

namespace resettle::store::sqlite {

namespace {

std::string stages_json(const std::vector<ContactStage>& stages) {
  auto json = nlohmann::json::array();
  for (const auto& stage : stages) {
    nlohmann::json item{{"every_days", stage.every_days}};
    if (stage.for_weeks) item["for_weeks"] = *stage.for_weeks;
    json.push_back(std::move(item));
  }
  return json.dump();
}

std::vector<ContactStage> stages_from(std::string_view text) {
  auto json = nlohmann::json::parse(text, nullptr, false);
  if (!json.is_array()) throw DatabaseError("contact_plan stages that are not a JSON array: " + std::string{text});
  std::vector<ContactStage> stages;
  for (const auto& item : json)
    stages.push_back({item.value("every_days", 0),
                      item.contains("for_weeks") ? std::optional{item["for_weeks"].get<int>()} : std::nullopt});
  return stages;
}

// A plan from `first`: id, person, starts_on, stages, reason, review_on, decided_by, decided_at (as
// the worklist reads them too).
constexpr std::string_view plan_columns =
    "c.id, c.person_id, c.starts_on, c.stages, c.reason, c.review_on, c.decided_by, c.decided_at";

ContactPlan plan_from(const Statement& row, int first) {
  return {row.integer(first),
          row.integer(first + 1),
          row.date(first + 2).value_or(Date{}),
          stages_from(row.text_view(first + 3)),
          row.text(first + 4),
          row.date(first + 5).value_or(Date{}),
          row.integer(first + 6),
          row.text(first + 7)};
}

// The people of a scope: everyone with a plan for no unit (an administrator), else the unit's prison
// and PDU and the member of staff's own cases, each by an index on its code or the staff id.
std::string scoped_people(const WorklistScope& scope) {
  if (!scope.within) return "SELECT person_id FROM contact_plan WHERE in_force = 1";
  return "SELECT person_id FROM case_dates WHERE prison_code = ?2 "
         "UNION SELECT person_id FROM case_dates WHERE pdu_code = ?3 "
         "UNION SELECT person_id FROM caseload_entry WHERE staff_id = ?4";
}

}  // namespace

// Supersedes the plan in force at the expected version, then adds the new one only if the person's
// latest version is still the expected one: when it is not, nothing changed and the write is stale.
std::int64_t SqliteContactPlans::insert(const ContactPlan& plan, std::int64_t expected_version) {
  db_.prepare("UPDATE contact_plan SET in_force = 0 WHERE person_id = ? AND in_force = 1 AND version = ?")
      .bind(plan.person_id, expected_version)
      .run();
  auto shortest = std::ranges::min(plan.stages, {}, &ContactStage::every_days).every_days;
  auto& statement = db_.prepare(
      "INSERT INTO contact_plan (person_id, version, starts_on, stages, shortest_every_days, reason, review_on, "
      "decided_by, decided_at) SELECT ?1, ?2 + 1, ?3, ?4, ?5, ?6, ?7, ?8, ?9 "
      "WHERE (SELECT coalesce(max(version), 0) FROM contact_plan WHERE person_id = ?1) = ?2");
  statement.bind(plan.person_id, expected_version, plan.starts_on, stages_json(plan.stages), shortest, plan.reason,
                 plan.review_on, plan.decided_by, plan.decided_at);
  statement.run();
  require_changed(statement, "the contact plan of person", plan.person_id);
  return db_.last_insert_id();
}

std::vector<ContactPlan> SqliteContactPlans::for_person(std::int64_t person_id) {
  auto& row = db_.prepare("SELECT " + std::string{plan_columns} +
                          " FROM contact_plan c WHERE c.person_id = ? ORDER BY c.version DESC");
  row.bind(person_id);
  std::vector<ContactPlan> plans;
  while (row.step()) plans.push_back(plan_from(row, 0));
  return plans;
}

// ?1 today; ?2..?4 the unit scope; ?5 and ?6 the chosen prison and PDU; ?7 the viewer (limited
// access); ?8 and ?9 the last row of the previous page; ?10 the page size. The candidates are
// materialised so that each one's last attended appointment is looked up once.
Page<ContactWorklistRow> SqliteContactPlans::worklist(Date today, const WorklistScope& scope) {
  int limit = page_limit(scope.page);
  auto after = date_cursor_after(scope.page);
  auto& row = db_.prepare(
      "WITH candidate AS MATERIALIZED (SELECT d.person_id, d.given_name, d.family_name, d.prison_number, d.crn, "
      "d.stage, d.has_plan_or_checklist, d.prison_code, d.pdu_code, c.id AS plan_id, c.person_id AS plan_person_id, "
      "c.starts_on, c.stages, c.reason, c.review_on, c.decided_by, c.decided_at, c.shortest_every_days, " +
      last_attended_sql("c.person_id") + " AS last_attended "
      "FROM (" + scoped_people(scope) + ") s "
      "JOIN contact_plan c ON c.person_id = s.person_id AND c.in_force = 1 "
      "JOIN case_dates d ON d.person_id = c.person_id "
      "WHERE (?5 IS NULL OR d.prison_code = ?5) AND (?6 IS NULL OR d.pdu_code = ?6) AND " +
      limited_access_allows_sql("d.person_id", "?7", "d.limited") +
      "), counted AS (SELECT *, max(coalesce(last_attended, starts_on), starts_on) AS counted_from FROM candidate) "
      "SELECT * FROM counted WHERE (review_on <= ?1 OR counted_from < date(?1, '-' || shortest_every_days || ' days')) "
      "AND (?8 IS NULL OR (counted_from, person_id) > (?8, ?9)) ORDER BY counted_from, person_id LIMIT ?10");
  const auto& within = scope.within;
  row.bind(today, within ? null_if_empty(within->prison_code) : std::nullopt,
           within ? null_if_empty(within->pdu_code) : std::nullopt, within ? within->staff_id : std::nullopt,
           null_if_empty(scope.prison_code), null_if_empty(scope.pdu_code), scope.seen_by,
           after ? std::optional{after->date} : std::nullopt, after ? after->id : 0, limit);
  Page<ContactWorklistRow> page;
  Date counted_from{};
  while (row.step()) {
    page.items.push_back({read_summary_row(row, 0), row.text(7), row.text(8), plan_from(row, 9), row.date(18)});
    counted_from = row.date(19).value_or(Date{});
  }
  if (!page.items.empty())
    page.next_cursor = next_date_cursor(page.items.size(), limit, {counted_from, page.items.back().person.id});
  return page;
}

}  // namespace resettle::store::sqlite
