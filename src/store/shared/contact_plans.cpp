// Contact plans in both stores (migration 26): stages as JSON text, the plan in force flagged, and the
// contact worklist's candidates (see appointment_repositories.hpp and supervision_repositories.hpp).
#include <algorithm>

#include <nlohmann/json.hpp>

#include "store/postgresql/sql.hpp"
#include "store/shared/repositories.hpp"
#include "store/shared/supervision_repositories.hpp"
#include "store/sqlite/sql.hpp"

namespace resettle::store::shared {

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

template <typename Db>
std::vector<ContactStage> stages_from(std::string_view text) {
  auto json = nlohmann::json::parse(text, nullptr, false);
  if (!json.is_array()) throw typename Sql<Db>::Error("contact_plan stages that are not a JSON array: " + std::string{text});
  std::vector<ContactStage> stages;
  for (const auto& item : json)
    stages.push_back({item.value("every_days", 0),
                      item.contains("for_weeks") ? std::optional{item["for_weeks"].template get<int>()} : std::nullopt});
  return stages;
}

// A plan from `first`: id, person, starts_on, stages, reason, review_on, decided_by, decided_at (as
// the worklist reads them too).
constexpr std::string_view plan_columns =
    "c.id, c.person_id, c.starts_on, c.stages, c.reason, c.review_on, c.decided_by, c.decided_at";

template <typename Db>
ContactPlan plan_from(const StatementOf<Db>& row, int first) {
  return {row.integer(first),
          row.integer(first + 1),
          row.date(first + 2).value_or(Date{}),
          stages_from<Db>(row.text_view(first + 3)),
          row.text(first + 4),
          row.date(first + 5).value_or(Date{}),
          row.integer(first + 6),
          row.text(first + 7)};
}

// The people of a scope whose contact may be overdue or whose review is due today, with the date the
// list is ordered by and what narrows it: everyone (an administrator), else the unit's prison and PDU
// and the member of staff's own cases, each a range of a covering (unit, contact dates) index of case
// dates (migration 42). Without a unit, the unit's parameters are still named, as NULL, since
// PostgreSQL refuses a parameter it cannot give a type.
std::string people_due(const WorklistScope& scope) {
  const std::string pick =
      "SELECT person_id, contact_counted_from AS counted_from, prison_code, pdu_code, limited FROM case_dates WHERE ";
  const std::string due =
      " AND contact_counted_from IS NOT NULL AND (contact_review_on <= ?1 OR contact_quiet_until < ?1)";
  if (!scope.within)
    return pick + "CAST(?2 AS text) IS NULL AND CAST(?3 AS text) IS NULL AND CAST(?4 AS bigint) IS NULL" + due;
  return pick + "prison_code = ?2" + due + " UNION " + pick + "pdu_code = ?3" + due + " UNION " + pick +
         "person_id IN (SELECT person_id FROM caseload_entry WHERE staff_id = ?4)" + due;
}

}  // namespace

// Supersedes the plan in force at the expected version, then adds the new one only if the person's
// latest version is still the expected one: when it is not, nothing changed and the write is stale.
// The values are cast because PostgreSQL gives a parameter in a SELECT list no type of its own.
template <Database Db>
std::int64_t ContactPlans<Db>::insert(const ContactPlan& plan, std::int64_t expected_version) {
  db_.prepare("UPDATE contact_plan SET in_force = 0 WHERE person_id = ? AND in_force = 1 AND version = ?")
      .bind(plan.person_id, expected_version)
      .run();
  auto shortest = std::ranges::min(plan.stages, {}, &ContactStage::every_days).every_days;
  auto& statement = db_.prepare(
      "INSERT INTO contact_plan (person_id, version, starts_on, stages, shortest_every_days, reason, review_on, "
      "decided_by, decided_at) SELECT CAST(?1 AS bigint), CAST(?2 AS bigint) + 1, CAST(?3 AS text), "
      "CAST(?4 AS text), CAST(?5 AS bigint), CAST(?6 AS text), CAST(?7 AS text), CAST(?8 AS bigint), "
      "CAST(?9 AS text) WHERE (SELECT coalesce(max(version), 0) FROM contact_plan WHERE person_id = ?1) = ?2 "
      "RETURNING id");
  statement.bind(plan.person_id, expected_version, plan.starts_on, stages_json(plan.stages), shortest, plan.reason,
                 plan.review_on, plan.decided_by, plan.decided_at);
  auto id = returned_id(statement);  // none when another version was written since the plan was read
  require_changed(statement, "the contact plan of person", plan.person_id);
  return *id;
}

template <Database Db>
std::vector<ContactPlan> ContactPlans<Db>::for_person(std::int64_t person_id) {
  return read_all(db_.prepare("SELECT " + std::string{plan_columns} +
                              " FROM contact_plan c WHERE c.person_id = ? ORDER BY c.version DESC")
                      .bind(person_id),
                  [](const auto& row) { return plan_from<Db>(row, 0); });
}

// ?1 today; ?2..?4 the unit scope; ?5 and ?6 the chosen prison and PDU; ?7 the viewer (limited
// access); ?8 and ?9 the last row of the previous page; ?10 the page size. The page is picked from
// the dates case dates carry (kept in step with the plan and outcomes by migration 42's triggers), so
// nothing is worked out per person; then only its rows are read whole.
template <Database Db>
Page<ContactWorklistRow> ContactPlans<Db>::worklist(Date today, const WorklistScope& scope) {
  int limit = page_limit(scope.page);
  auto after = date_cursor_after(scope.page);
  auto& row = db_.prepare(
      "SELECT d.person_id, d.given_name, d.family_name, d.prison_number, d.crn, d.stage, d.has_plan_or_checklist, "
      "d.prison_code, d.pdu_code, " + std::string{plan_columns} + ", d.contact_last_attended, page.counted_from "
      "FROM (SELECT due.person_id, due.counted_from FROM (" + people_due(scope) + ") due "
      "WHERE (CAST(?8 AS text) IS NULL OR (due.counted_from, due.person_id) > (?8, ?9)) "
      "AND (CAST(?5 AS text) IS NULL OR due.prison_code = ?5) AND (CAST(?6 AS text) IS NULL OR due.pdu_code = ?6) "
      "AND " + limited_access_allows_sql("due.person_id", "CAST(?7 AS bigint)", "due.limited") +
      " ORDER BY due.counted_from, due.person_id LIMIT ?10) page "
      "JOIN case_dates d ON d.person_id = page.person_id "
      "JOIN contact_plan c ON c.person_id = page.person_id AND c.in_force = 1 "
      "ORDER BY page.counted_from, page.person_id");
  const auto& within = scope.within;
  row.bind(today, within ? null_if_empty(within->prison_code) : std::nullopt,
           within ? null_if_empty(within->pdu_code) : std::nullopt, within ? within->staff_id : std::nullopt,
           null_if_empty(scope.prison_code), null_if_empty(scope.pdu_code), scope.seen_by,
           after ? std::optional{after->date} : std::nullopt, after ? after->id : 0, limit);
  Page<ContactWorklistRow> page;
  Date counted_from{};
  while (row.step()) {
    page.items.push_back({read_summary_row(row, 0), row.text(7), row.text(8), plan_from<Db>(row, 9), row.date(17)});
    counted_from = row.date(18).value_or(Date{});
  }
  if (!page.items.empty())
    page.next_cursor = next_date_cursor(page.items.size(), limit, {counted_from, page.items.back().person.id});
  return page;
}

template class ContactPlans<sqlite::Connection>;
template class ContactPlans<postgresql::Connection>;

}  // namespace resettle::store::shared
