// Licences in both stores: one row per licence version, its conditions and variation record as JSON
// (they are read and written whole, with the licence). See licence_repositories.hpp.
#include <nlohmann/json.hpp>

#include "store/postgresql/sql.hpp"
#include "store/shared/licence_repositories.hpp"
#include "store/sqlite/sql.hpp"

namespace resettle::store::shared {

namespace {
using nlohmann::json;

json condition_json(const LicenceCondition& condition) {
  json stored = {{"key", condition.key},
                 {"kind", entry_for(condition_kinds(), condition.kind).code},
                 {"code", condition.code},
                 {"values", condition.values},
                 {"reason", condition.reason}};
  if (condition.purpose) stored["purpose"] = entry_for(condition_purposes(), *condition.purpose).code;
  if (condition.kind == ConditionKind::bespoke)
    stored["bespoke"] = {{"wording", condition.bespoke_wording},
                         {"en", condition.bespoke_explanation.en},
                         {"cy", condition.bespoke_explanation.cy}};
  if (const auto& understanding = condition.understanding)
    stored["understanding"] = {{"recorded_on", to_iso(understanding->recorded_on)},
                               {"understood", entry_for(understood_answers(), understanding->understood).code},
                               {"notes", understanding->notes}};
  return stored;
}

// A code kept in the conditions' JSON back into its enum; the backend's error when it is unknown.
template <typename Db, typename E>
E json_code(std::span<const Coded<E>> list, const json& value) {
  auto parsed = parse_code(list, value.get<std::string>());
  if (!parsed) throw typename Sql<Db>::Error("unknown code '" + value.get<std::string>() + "' in the licence table");
  return *parsed;
}

template <typename Db>
LicenceCondition condition_from(const json& stored) {
  LicenceCondition condition;
  condition.key = stored.at("key").get<int>();
  condition.kind = json_code<Db>(condition_kinds(), stored.at("kind"));
  condition.code = stored.at("code").get<std::string>();
  for (const auto& [name, value] : stored.at("values").items())
    condition.values[name] = value.template get<std::string>();
  condition.reason = stored.at("reason").get<std::string>();
  if (stored.contains("purpose")) condition.purpose = json_code<Db>(condition_purposes(), stored.at("purpose"));
  if (auto bespoke = stored.find("bespoke"); bespoke != stored.end()) {
    condition.bespoke_wording = bespoke->at("wording").get<std::string>();
    condition.bespoke_explanation = {bespoke->at("en").get<std::string>(), bespoke->at("cy").get<std::string>()};
  }
  if (auto understanding = stored.find("understanding"); understanding != stored.end())
    condition.understanding = Understanding{parse_iso_date(understanding->at("recorded_on").get<std::string>()).value_or(Date{}),
                                            json_code<Db>(understood_answers(), understanding->at("understood")),
                                            understanding->at("notes").get<std::string>()};
  return condition;
}

std::string conditions_json(const Licence& licence) {
  json list = json::array();
  for (const auto& condition : licence.conditions) list.push_back(condition_json(condition));
  return list.dump();
}

std::string variation_json(const VariationRecord& variation) {
  json reasons = json::object();
  for (const auto& [key, reason] : variation.reasons) reasons[std::to_string(key)] = reason;
  return json{{"reasons", reasons},
              {"senior_probation_officer_discussed", variation.senior_probation_officer_discussed},
              {"victim_liaison_officer_consulted", variation.victim_liaison_officer_consulted}}
      .dump();
}

VariationRecord variation_from(const json& stored) {
  VariationRecord variation;
  const auto reasons = stored.value("reasons", json::object());  // items() refers to it: it must outlive the loop
  for (const auto& [key, reason] : reasons.items())
    variation.reasons[std::stoi(key)] = reason.get<std::string>();
  variation.senior_probation_officer_discussed = stored.value("senior_probation_officer_discussed", false);
  variation.victim_liaison_officer_consulted = stored.value("victim_liaison_officer_consulted", false);
  return variation;
}

constexpr std::string_view licence_columns =
    "SELECT id, version, person_id, number, policy_version, status, conditions, drafted_by, decided_by, "
    "return_reason, approved_on, active_from, inactive_from, varies, variation, acknowledged_on FROM licence ";

template <typename Db>
Licence licence_from(const StatementOf<Db>& row) {
  Licence licence;
  licence.id = row.integer(0);
  licence.version = row.integer(1);
  licence.person_id = row.integer(2);
  licence.number = static_cast<int>(row.integer(3));
  licence.policy_version = row.text(4);
  licence.status = stored_code<Db>(row, 5, licence_statuses(), "licence");
  for (const auto& stored : json::parse(row.text_view(6))) licence.conditions.push_back(condition_from<Db>(stored));
  licence.drafted_by = row.integer(7);
  licence.decided_by = row.optional_integer(8);
  licence.return_reason = row.text(9);
  licence.approved_on = row.date(10);
  licence.active_from = row.date(11);
  licence.inactive_from = row.date(12);
  licence.varies = row.optional_integer(13);
  licence.variation = variation_from(json::parse(row.text_view(14)));
  licence.acknowledged_on = row.date(15);
  return licence;
}
}  // namespace

template <Database Db>
std::int64_t Licences<Db>::insert(const Licence& l) {
  auto& taken = db_.prepare("SELECT 1 FROM licence WHERE person_id = ? AND number = ?");
  taken.bind(l.person_id, l.number);
  if (taken.step()) throw Conflict("This person already has licence number " + std::to_string(l.number));
  auto& statement = db_.prepare(
      "INSERT INTO licence (person_id, number, policy_version, status, conditions, drafted_by, decided_by, "
      "return_reason, approved_on, active_from, inactive_from, varies, variation, acknowledged_on, explained) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
  statement.bind(l.person_id, l.number, l.policy_version, entry_for(licence_statuses(), l.status).code,
                 conditions_json(l), l.drafted_by, l.decided_by, l.return_reason, l.approved_on, l.active_from,
                 l.inactive_from, l.varies, variation_json(l.variation), l.acknowledged_on, is_explained(l));
  return inserted_id(statement);
}

template <Database Db>
std::optional<Licence> Licences<Db>::find(std::int64_t id) {
  auto& statement = db_.prepare(std::string{licence_columns} + "WHERE id = ?");
  statement.bind(id);
  auto found = read_all(statement, licence_from<Db>);
  if (found.empty()) return std::nullopt;
  return found.front();
}

// The person, number, policy version and drafter never change; `explained` follows the licence
// (is_explained) for the worklist of licences still to go through.
template <Database Db>
void Licences<Db>::update(const Licence& l, std::int64_t expected_version) {
  static const std::string update_sql =
      "UPDATE licence SET status = ?, conditions = ?, decided_by = ?, return_reason = ?, approved_on = ?, "
      "active_from = ?, inactive_from = ?, variation = ?, acknowledged_on = ?, explained = ?, version = version + 1, "
      "updated_at = " + std::string{Sql<Db>::now} + " WHERE id = ? AND version = ?";
  auto& statement = db_.prepare(update_sql);
  statement.bind(entry_for(licence_statuses(), l.status).code, conditions_json(l), l.decided_by, l.return_reason,
                 l.approved_on, l.active_from, l.inactive_from, variation_json(l.variation), l.acknowledged_on,
                 is_explained(l), l.id, expected_version);
  statement.run();
  require_changed(statement, "licence", l.id);
}

template <Database Db>
std::vector<Licence> Licences<Db>::for_person(std::int64_t person_id) {
  auto& statement = db_.prepare(std::string{licence_columns} + "WHERE person_id = ? ORDER BY number DESC");
  statement.bind(person_id);
  return read_all(statement, licence_from<Db>);
}

template <Database Db>
std::map<std::int64_t, LicenceStatus> Licences<Db>::latest_statuses(const std::vector<std::int64_t>& person_ids) {
  static const std::string latest_sql =
      "SELECT l.person_id, l.status FROM " + Sql<Db>::json_integer_table("?", "asked") + " " +
      std::string{Sql<Db>::join_in_this_order} + " licence l ON l.person_id = asked.value "
      "AND l.number = (SELECT max(number) FROM licence m WHERE m.person_id = asked.value)";
  auto& statement = db_.prepare(latest_sql);
  statement.bind(json(person_ids).dump());
  std::map<std::int64_t, LicenceStatus> statuses;
  while (statement.step()) statuses[statement.integer(0)] = stored_code<Db>(statement, 1, licence_statuses(), "licence");
  return statuses;
}

// Times as Unix seconds (UTC), as the person's account and the outbox keep them.
template <Database Db>
std::int64_t Licences<Db>::add_response(const ConditionResponse& r) {
  auto& statement = db_.prepare(
      "INSERT INTO licence_condition_response (licence_id, condition_key, person_id, response, question, at) "
      "VALUES (?, ?, ?, ?, ?, ?) RETURNING id");
  statement.bind(r.licence_id, r.condition_key, r.person_id, entry_for(condition_response_kinds(), r.kind).code,
                 r.question, static_cast<std::int64_t>(r.at.time_since_epoch().count()));
  return inserted_id(statement);
}

template <Database Db>
std::vector<ConditionResponse> Licences<Db>::responses(std::int64_t licence_id) {
  auto& row = db_.prepare(
      "SELECT id, licence_id, condition_key, person_id, response, question, at FROM licence_condition_response "
      "WHERE licence_id = ? ORDER BY id");
  row.bind(licence_id);
  std::vector<ConditionResponse> found;
  while (row.step())
    found.push_back({row.integer(0), row.integer(1), static_cast<int>(row.integer(2)), row.integer(3),
                     stored_code<Db>(row, 4, condition_response_kinds(), "licence_condition_response"), row.text(5),
                     Timestamp{std::chrono::seconds{row.integer(6)}}});
  return found;
}

template class Licences<sqlite::Connection>;
template class Licences<postgresql::Connection>;

}  // namespace resettle::store::shared
