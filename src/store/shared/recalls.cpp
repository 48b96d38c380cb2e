// Recall considerations in both stores (see licence_repositories.hpp); the conditions breached and
// the alternatives tried as JSON arrays of codes, the staff who recommended and decided as NULL until
// they have.
#include <nlohmann/json.hpp>

#include "store/postgresql/sql.hpp"
#include "store/shared/licence_repositories.hpp"
#include "store/sqlite/sql.hpp"

namespace resettle::store::shared {

namespace {
constexpr std::string_view recall_columns =
    "id, person_id, version, status, started_by, trigger, risk_change, conditions_breached, alternatives, "
    "recommendation, reasons, recommended_by, recommended_on, decision, rationale, decided_by, decided_on, "
    "recall_type, recall_type_rule, recall_type_reason, started_on, returned_on, returned_to";

std::optional<std::int64_t> staff_or_null(std::int64_t staff_id) {
  return staff_id ? std::optional{staff_id} : std::nullopt;
}

template <typename E>
std::optional<std::string_view> code_or_null(std::span<const Coded<E>> list, const std::optional<E>& value) {
  if (!value) return std::nullopt;
  return entry_for(list, *value).code;
}

template <typename Db, typename E>
std::optional<E> optional_code(const StatementOf<Db>& row, int column, std::span<const Coded<E>> list) {
  if (row.is_null(column)) return std::nullopt;
  return stored_code<Db>(row, column, list, "recall");
}

std::string alternatives_text(const std::vector<RecallAlternative>& alternatives) {
  auto codes = nlohmann::json::array();
  for (auto alternative : alternatives) codes.push_back(entry_for(recall_alternatives(), alternative).code);
  return codes.dump();
}

template <typename Db>
nlohmann::json stored_list(const StatementOf<Db>& row, int column) {
  auto list = nlohmann::json::parse(row.text_view(column), nullptr, false);
  if (!list.is_array()) throw typename Sql<Db>::Error("a list that is not a JSON array in the recall table");
  return list;
}

template <typename Db>
RecallConsideration recall_from(const StatementOf<Db>& row) {
  RecallConsideration recall;
  recall.id = row.integer(0);
  recall.person_id = row.integer(1);
  recall.version = row.integer(2);
  recall.status = stored_code<Db>(row, 3, recall_statuses(), "recall");
  recall.started_by = row.integer(4);
  recall.trigger = stored_code<Db>(row, 5, recall_triggers(), "recall");
  recall.risk_change = row.text(6);
  for (const auto& code : stored_list<Db>(row, 7))
    recall.conditions_breached.push_back(code.template get<std::string>());
  for (const auto& code : stored_list<Db>(row, 8)) {
    auto alternative = parse_code(recall_alternatives(), code.template get<std::string>());
    if (!alternative) throw typename Sql<Db>::Error("unknown alternative '" + code.dump() + "' in the recall table");
    recall.alternatives_tried.push_back(*alternative);
  }
  recall.recommendation = optional_code<Db>(row, 9, recall_outcomes());
  recall.recommendation_reasons = row.text(10);
  recall.recommended_by = row.optional_integer(11).value_or(0);
  recall.recommended_on = row.date(12);
  recall.decision = optional_code<Db>(row, 13, recall_outcomes());
  recall.decision_rationale = row.text(14);
  recall.decided_by = row.optional_integer(15).value_or(0);
  recall.decided_on = row.date(16);
  recall.started_on = row.date(20).value_or(Date{});
  recall.returned_on = row.date(21);
  recall.returned_to = row.is_null(22) ? "" : row.text(22);
  if (auto type = optional_code<Db>(row, 17, recall_types()))
    recall.recall_type = RecallTypeResult{*type, stored_code<Db>(row, 18, recall_type_rules(), "recall"), row.text(19)};
  return recall;
}
}  // namespace

template <Database Db>
std::int64_t Recalls<Db>::insert(const RecallConsideration& r) {
  auto& statement = db_.prepare(
      "INSERT INTO recall (person_id, status, started_by, started_on, trigger, risk_change, conditions_breached, "
      "alternatives) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
  statement.bind(r.person_id, entry_for(recall_statuses(), r.status).code, r.started_by, r.started_on,
                 entry_for(recall_triggers(), r.trigger).code, r.risk_change,
                 nlohmann::json(r.conditions_breached).dump(), alternatives_text(r.alternatives_tried));
  return inserted_id(statement);
}

template <Database Db>
std::optional<RecallConsideration> Recalls<Db>::find(std::int64_t id) {
  auto& row = db_.prepare("SELECT " + std::string{recall_columns} + " FROM recall WHERE id = ?");
  row.bind(id);
  if (!row.step()) return std::nullopt;
  return recall_from<Db>(row);
}

template <Database Db>
void Recalls<Db>::update(const RecallConsideration& r, std::int64_t expected_version) {
  std::optional<std::string_view> type, rule;
  std::string reason;
  if (r.recall_type) {
    type = entry_for(recall_types(), r.recall_type->type).code;
    rule = entry_for(recall_type_rules(), r.recall_type->rule).code;
    reason = r.recall_type->reason;
  }
  auto& statement = db_.prepare(
      "UPDATE recall SET status = ?, recommendation = ?, reasons = ?, recommended_by = ?, recommended_on = ?, "
      "decision = ?, rationale = ?, decided_by = ?, decided_on = ?, recall_type = ?, recall_type_rule = ?, "
      "recall_type_reason = ?, returned_on = ?, returned_to = ?, version = version + 1 WHERE id = ? AND version = ?");
  statement.bind(entry_for(recall_statuses(), r.status).code, code_or_null(recall_outcomes(), r.recommendation),
                 r.recommendation_reasons, staff_or_null(r.recommended_by), r.recommended_on,
                 code_or_null(recall_outcomes(), r.decision), r.decision_rationale, staff_or_null(r.decided_by),
                 r.decided_on, type, rule, reason, r.returned_on,
                 r.returned_to.empty() ? std::nullopt : std::optional<std::string_view>{r.returned_to}, r.id, expected_version);
  statement.run();
  require_changed(statement, "recall", r.id);
}

template <Database Db>
std::vector<RecallConsideration> Recalls<Db>::for_person(std::int64_t person_id) {
  return read_all(
      db_.prepare("SELECT " + std::string{recall_columns} + " FROM recall WHERE person_id = ? ORDER BY id DESC")
          .bind(person_id),
      recall_from<Db>);
}

template class Recalls<sqlite::Connection>;
template class Recalls<postgresql::Connection>;

}  // namespace resettle::store::shared
