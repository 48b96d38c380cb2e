// The SQLite day-of-release decision repository (see release_day_repositories.hpp).
#include "store/sqlite/release_day_repositories.hpp"

#include <nlohmann/json.hpp>

namespace resettle::store::sqlite {

namespace {

constexpr std::string_view decision_columns =
    "SELECT d.id, d.person_id, d.release_date, d.decided_date, d.choice, d.decided_by, d.requested_by, d.decided_at, "
    "decider.display_name, coalesce(requester.display_name, '') FROM release_day_decision d "
    "JOIN staff decider ON decider.id = d.decided_by LEFT JOIN staff requester ON requester.id = d.requested_by ";

ReleaseDayDecision decision_from(const Statement& row) {
  ReleaseDayDecision decision;
  decision.id = row.integer(0);
  decision.person_id = row.integer(1);
  decision.release_date = row.date(2).value_or(Date{});
  decision.decided_date = row.date(3).value_or(Date{});
  decision.choice = code_column(row, 4, release_day_choices(), "release_day_decision");
  decision.decided_by = row.integer(5);
  decision.requested_by = row.optional_integer(6);
  decision.decided_at = row.text(7);
  decision.decided_by_name = row.text(8);
  decision.requested_by_name = row.text(9);
  return decision;
}

std::vector<ReleaseDayDecision> decisions_from(Statement& statement) {
  std::vector<ReleaseDayDecision> decisions;
  while (statement.step()) decisions.push_back(decision_from(statement));
  return decisions;
}

}  // namespace

std::int64_t SqliteReleaseDayDecisions::insert(const ReleaseDayDecision& d) {
  db_.prepare(
         "INSERT INTO release_day_decision (person_id, release_date, decided_date, choice, decided_by, requested_by, "
         "decided_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
      .bind(d.person_id, d.release_date, d.decided_date, entry_for(release_day_choices(), d.choice).code, d.decided_by,
            d.requested_by, d.decided_at)
      .run();
  return db_.last_insert_id();
}

std::vector<ReleaseDayDecision> SqliteReleaseDayDecisions::for_person(std::int64_t person_id) {
  auto& statement = db_.prepare(std::string{decision_columns} + "WHERE d.person_id = ? ORDER BY d.id DESC");
  statement.bind(person_id);
  return decisions_from(statement);
}

std::vector<ReleaseDayDecision> SqliteReleaseDayDecisions::newest_for(std::span<const std::int64_t> person_ids) {
  auto& statement = db_.prepare(std::string{decision_columns} +
                                "WHERE d.id IN (SELECT max(id) FROM release_day_decision "
                                "WHERE person_id IN (SELECT value FROM json_each(?)) GROUP BY person_id)");
  statement.bind(nlohmann::json(std::vector<std::int64_t>(person_ids.begin(), person_ids.end())).dump());
  return decisions_from(statement);
}

}  // namespace resettle::store::sqlite
