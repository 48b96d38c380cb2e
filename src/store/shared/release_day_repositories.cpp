// The day-of-release decision repository of both stores (see licence_repositories.hpp).
#include <nlohmann/json.hpp>

#include "store/postgresql/sql.hpp"
#include "store/shared/licence_repositories.hpp"
#include "store/sqlite/sql.hpp"

namespace resettle::store::shared {

namespace {

constexpr std::string_view decision_columns =
    "SELECT d.id, d.person_id, d.release_date, d.decided_date, d.choice, d.decided_by, d.requested_by, d.decided_at, "
    "decider.display_name, coalesce(requester.display_name, '') FROM release_day_decision d "
    "JOIN staff decider ON decider.id = d.decided_by LEFT JOIN staff requester ON requester.id = d.requested_by ";

template <typename Db>
ReleaseDayDecision decision_from(const StatementOf<Db>& row) {
  ReleaseDayDecision decision;
  decision.id = row.integer(0);
  decision.person_id = row.integer(1);
  decision.release_date = row.date(2).value_or(Date{});
  decision.decided_date = row.date(3).value_or(Date{});
  decision.choice = stored_code<Db>(row, 4, release_day_choices(), "release_day_decision");
  decision.decided_by = row.integer(5);
  decision.requested_by = row.optional_integer(6);
  decision.decided_at = row.text(7);
  decision.decided_by_name = row.text(8);
  decision.requested_by_name = row.text(9);
  return decision;
}

}  // namespace

template <Database Db>
std::int64_t ReleaseDayDecisions<Db>::insert(const ReleaseDayDecision& d) {
  auto& statement = db_.prepare(
      "INSERT INTO release_day_decision (person_id, release_date, decided_date, choice, decided_by, requested_by, "
      "decided_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id");
  statement.bind(d.person_id, d.release_date, d.decided_date, entry_for(release_day_choices(), d.choice).code,
                 d.decided_by, d.requested_by, d.decided_at);
  return inserted_id(statement);
}

template <Database Db>
std::vector<ReleaseDayDecision> ReleaseDayDecisions<Db>::for_person(std::int64_t person_id) {
  auto& statement = db_.prepare(std::string{decision_columns} + "WHERE d.person_id = ? ORDER BY d.id DESC");
  statement.bind(person_id);
  return read_all(statement, decision_from<Db>);
}

template <Database Db>
std::vector<ReleaseDayDecision> ReleaseDayDecisions<Db>::newest_for(std::span<const std::int64_t> person_ids) {
  static const std::string newest_sql = std::string{decision_columns} +
                                        "WHERE d.id IN (SELECT max(id) FROM release_day_decision "
                                        "WHERE person_id IN (SELECT value FROM " +
                                        Sql<Db>::json_integer_table("?", "asked") + ") GROUP BY person_id)";
  auto& statement = db_.prepare(newest_sql);
  statement.bind(nlohmann::json(std::vector<std::int64_t>(person_ids.begin(), person_ids.end())).dump());
  return read_all(statement, decision_from<Db>);
}

template class ReleaseDayDecisions<sqlite::Connection>;
template class ReleaseDayDecisions<postgresql::Connection>;

}  // namespace resettle::store::shared
